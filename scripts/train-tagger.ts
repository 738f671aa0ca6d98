// Trains a sequence tagger and writes it to models/: `npm run train:ner` (names: PER, ORG, LOC,
// MISC from CoNLL-2003's NER column) or `npm run train:pos` (part of speech, from its POS
// column). Reads ../shared/data/eval/ner (research data: read at training time, never copied
// into the repository); uses the valid split only to pick the number of epochs.
//
//   npx tsx scripts/train-tagger.ts ner|pos [--data DIR] [--epochs N] [--wikiann] [--out DIR] [--no-clusters]
//     [--case-profile] [--fragments] [--version N] [--dry]
//   npx tsx scripts/train-tagger.ts pos --candidates-only   (the tag dictionary alone, for the model
//     already in models/: models/pos-N.candidates.json, see src/core/ml/tag-candidates.ts)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentFeatures, type FeatureResources } from '../src/core/ml/features.js';
import { FixedTags } from '../src/core/ml/fixed-tags.js';
import { loadCaseProfile, loadClusters } from '../src/core/ml/model-files.js';
import { Scratch, SequenceModel } from '../src/core/ml/sequence-model.js';
import { buildCandidates, type CandidateFile } from '../src/core/ml/tag-candidates.js';
import {
  bilouTags,
  decodeBilou,
  encodeBilou,
  makeTagSet,
  type TagSet,
  type TypedSpan,
} from '../src/core/ml/tag-scheme.js';
import type { TrainingSentence } from '../src/core/ml/train-perceptron.js';
import { trainSequenceModel } from '../src/core/ml/train-sequence-model.js';
import { tokenizeSentences } from '../src/core/tokens.js';
import { readWikiann } from '../src/eval/suites/ner-wikiann.js';
import { buildNameGazetteer, gazetteerNames } from '../src/stages/04-annotate/entities/name-gazetteer.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/eval/ner') },
    epochs: { type: 'string', default: '12' },
    patience: { type: 'string', default: '3' },
    wikiann: { type: 'boolean', default: false },
    'no-clusters': { type: 'boolean', default: false },
    'case-profile': { type: 'boolean', default: false },
    fragments: { type: 'boolean', default: false },
    'no-gazetteer': { type: 'boolean', default: false },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    version: { type: 'string', default: '1' },
    'max-features': { type: 'string', default: '400000' },
    'min-weight': { type: 'string', default: '0.02' },
    dry: { type: 'boolean', default: false },
    'candidates-only': { type: 'boolean', default: false },
    'candidate-min-count': { type: 'string', default: '5' },
    'candidate-rare-share': { type: 'string', default: '0.001' },
  },
});

const task = positionals[0];
if (task !== 'ner' && task !== 'pos') {
  console.error('usage: train-tagger.ts ner|pos [--data DIR] [--epochs N] [--wikiann]');
  process.exit(2);
}
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

// ---- data ------------------------------------------------------------------------------------

interface Sentence {
  tokens: string[];
  ner: string[];
  pos: string[];
}

/** CoNLL-2003 with every column: documents of sentences. */
function readConllColumns(text: string): Sentence[][] {
  const docs: Sentence[][] = [];
  let doc: Sentence[] = [];
  let sent: Sentence = { tokens: [], ner: [], pos: [] };
  const endSentence = () => {
    if (sent.tokens.length > 0) doc.push(sent);
    sent = { tokens: [], ner: [], pos: [] };
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const f = line.split(/\s+/);
    if (f[0] === '-DOCSTART-') {
      endSentence();
      if (doc.length > 0) docs.push(doc);
      doc = [];
      continue;
    }
    if (f.length < 4) continue;
    sent.tokens.push(f[0] as string);
    sent.pos.push(f[1] as string);
    sent.ner.push(f[f.length - 1] as string);
  }
  endSentence();
  if (doc.length > 0) docs.push(doc);
  return docs;
}

/** IOB2 (or IOB1) tags → spans over token numbers. */
function iobSpans(tags: readonly string[]): TypedSpan[] {
  const out: TypedSpan[] = [];
  let open: TypedSpan | undefined;
  tags.forEach((tag, i) => {
    const type = tag.length > 2 && tag[1] === '-' ? tag.slice(2) : undefined;
    if (type === undefined) open = undefined;
    else if (tag[0] === 'B' || open?.type !== type) {
      open = { from: i, to: i + 1, type };
      out.push(open);
    } else open.to = i + 1;
  });
  return out;
}

interface BuiltSentence {
  s: number;
  from: number;
  to: number;
  /** Source token of each layer token. */
  source: Int32Array;
  sentence: Sentence;
  /** Character offset of each source token. */
  starts: number[];
}

interface BuiltDoc {
  features: DocumentFeatures;
  sentences: BuiltSentence[];
}

/** A document as the pipeline would see it: tokens joined by spaces, sentences by newlines. */
function buildDoc(sentences: readonly Sentence[], resources: FeatureResources): BuiltDoc {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const starts: number[][] = [];
  for (const sent of sentences) {
    if (text.length > 0) text += '\n';
    const start = text.length;
    const st: number[] = [];
    sent.tokens.forEach((t, i) => {
      if (i > 0) text += ' ';
      st.push(text.length);
      text += t;
    });
    starts.push(st);
    ranges.push({ start, end: text.length });
  }
  const layer = tokenizeSentences(text, ranges);
  const features = new DocumentFeatures(layer, resources);
  const built: BuiltSentence[] = [];
  sentences.forEach((sentence, s) => {
    const from = layer.sentenceFirst[s] as number;
    const to = layer.sentenceFirst[s + 1] as number;
    const st = starts[s] as number[];
    const source = new Int32Array(to - from);
    let k = 0;
    for (let i = from; i < to; i++) {
      while (k + 1 < st.length && (st[k + 1] as number) <= layer.start(i)) k++;
      source[i - from] = k;
    }
    built.push({ s, from, to, source, sentence, starts: st });
  });
  return { features, sentences: built };
}

/** Source-token spans → layer-token spans (first to last sub-token). */
function layerSpans(b: BuiltSentence, spans: readonly TypedSpan[]): TypedSpan[] {
  const out: TypedSpan[] = [];
  for (const sp of spans) {
    let from = -1;
    let to = -1;
    for (let j = 0; j < b.source.length; j++) {
      const k = b.source[j] as number;
      if (k >= sp.from && k < sp.to) {
        if (from < 0) from = j;
        to = j + 1;
      }
    }
    if (from >= 0) out.push({ from, to, type: sp.type });
  }
  return out;
}

// ---- resources ---------------------------------------------------------------------------------

const resources: FeatureResources = {};
const clusterFile = 'clusters-1.tsv.gz';
const useClusters = !args['no-clusters'] && existsSync(join(args.out, clusterFile));
if (useClusters) resources.clusters = loadClusters(clusterFile, args.out);
const caseFile = 'case-1.tsv.gz';
if (args['case-profile']) resources.caseProfile = loadCaseProfile(caseFile, args.out);
if (args.fragments) resources.fragments = true;
const useGazetteer = task === 'ner' && !args['no-gazetteer'];
if (useGazetteer) resources.gazetteer = buildNameGazetteer();
log(`clusters: ${useClusters ? `${resources.clusters?.size} words` : 'none'}; gazetteer: ${useGazetteer}`);

const conllDir = join(args.data, 'conll2003');
const trainDocs = readConllColumns(readFileSync(join(conllDir, 'train.txt'), 'utf8'));
const validDocs = readConllColumns(readFileSync(join(conllDir, 'valid.txt'), 'utf8'));
if (args.wikiann && task === 'ner') {
  // WikiANN sentences are Wikipedia fragments without documents: each is a document of its own.
  const wiki = readWikiann(readFileSync(join(args.data, 'wikiann', 'train.tsv'), 'utf8'));
  for (const w of wiki) trainDocs.push([{ tokens: w.tokens, ner: w.tags, pos: w.tags.map(() => '') }]);
}
log(`train: ${trainDocs.length} documents; valid: ${validDocs.length}`);
// WikiANN dev, scored at the end for the log only (it picks nothing).
const wikiDevDocs: Sentence[][] =
  args.wikiann && task === 'ner'
    ? readWikiann(readFileSync(join(args.data, 'wikiann', 'dev.tsv'), 'utf8')).map((w) => [
        { tokens: w.tokens, ner: w.tags, pos: w.tags.map(() => '') },
      ])
    : [];

const types = ['PER', 'ORG', 'LOC', 'MISC'];
const posTags = task === 'pos' ? [...new Set(trainDocs.flat().flatMap((s) => s.pos))].sort() : [];
const tagSet: TagSet = task === 'ner' ? makeTagSet('bilou', bilouTags(types)) : makeTagSet('plain', posTags);
const tagIndex = new Map(tagSet.tags.map((t, i) => [t, i]));

function goldTags(b: BuiltSentence): Int32Array {
  if (task === 'ner') return encodeBilou(tagSet, b.to - b.from, layerSpans(b, iobSpans(b.sentence.ner)));
  const out = new Int32Array(b.to - b.from);
  for (let j = 0; j < out.length; j++)
    out[j] = tagIndex.get(b.sentence.pos[b.source[j] as number] as string) ?? 0;
  return out;
}

const train = trainDocs.map((d) => buildDoc(d, resources));
const valid = validDocs.map((d) => buildDoc(d, resources));
const trainingSentences: TrainingSentence[] = [];
for (const d of train) {
  for (const b of d.sentences)
    trainingSentences.push({ doc: d.features, s: b.s, from: b.from, to: b.to, gold: goldTags(b) });
}
let trainTokens = 0;
for (const t of trainingSentences) trainTokens += t.gold.length;
log(`${trainingSentences.length} training sentences, ${trainTokens} layer tokens`);

// ---- fixed tags: tokens without a capital whose tag is not learned (see FixedTags) -------------
//   names: every such token that never took part in a name in training is O (the rest stay open);
//   part of speech: words seen 20 times or more with one tag 99.8% of the time take that tag.

const counts = new Map<number, Map<number, number>>();
for (const t of trainingSentences) {
  const tokens = t.doc.tokens;
  for (let i = t.from; i < t.to; i++) {
    if (tokens.isUpper(i)) continue;
    const h = tokens.hash(i);
    let m = counts.get(h);
    if (!m) {
      m = new Map();
      counts.set(h, m);
    }
    const g = t.gold[i - t.from] as number;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
}
let fixed: FixedTags;
if (task === 'ner') {
  const open = new Set<number>();
  for (const [h, m] of counts) if ([...m.keys()].some((tag) => tag !== 0)) open.add(h);
  fixed = new FixedTags(new Map(), open, 0);
} else {
  const words = new Map<number, number>();
  for (const [h, m] of counts) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [tag, c] of m) {
      total += c;
      if (c > bestCount) {
        best = tag;
        bestCount = c;
      }
    }
    if (total >= 20 && bestCount >= 0.998 * total) words.set(h, best);
  }
  fixed = new FixedTags(words);
}
let fixedTokens = 0;
for (const t of trainingSentences) {
  for (let i = t.from; i < t.to; i++) if (fixed.tagOf(t.doc.tokens, i) >= 0) fixedTokens++;
}
log(
  `fixed tags: ${fixed.words.size} words, ${fixed.open?.size ?? 0} open; ${((100 * fixedTokens) / trainTokens).toFixed(1)}% of training tokens fixed`,
);

// ---- tag dictionary (part of speech): the tags each frequent lowercase word was seen with, and the
//   tags rare words of each kind were seen with (see TagCandidates) ---------------------------------

const candidateCounts = new Map<string, { kind: number; tags: Map<number, number> }>();
if (task === 'pos') {
  for (const t of trainingSentences) {
    const tokens = t.doc.tokens;
    for (let i = t.from; i < t.to; i++) {
      const w = (tokens.isUpper(i) ? '^' : '') + tokens.lower(i);
      let e = candidateCounts.get(w);
      if (!e) {
        e = { kind: tokens.kind(i), tags: new Map() };
        candidateCounts.set(w, e);
      }
      const g = t.gold[i - t.from] as number;
      e.tags.set(g, (e.tags.get(g) ?? 0) + 1);
    }
  }
}
const candidateFile = `${task}-${args.version}.candidates.json`;
function writeCandidates(): CandidateFile {
  const file = buildCandidates(
    `${task}-${args.version}`,
    tagSet.tags,
    candidateCounts,
    Number(args['candidate-min-count']),
    Number(args['candidate-rare-share']),
  );
  if (!args.dry) writeFileSync(join(args.out, candidateFile), `${JSON.stringify(file)}\n`);
  const sizes = file.sets.map((x) => x.length);
  log(
    `tag dictionary: ${Object.keys(file.words).length} words, ${file.sets.length} tag sets (sizes ${Math.min(...sizes)}–${Math.max(...sizes)}); rare words: ${file.sets[file.rare.word]?.length} tags, capitalised ${file.sets[file.rare.capitalised]?.length}, numbers ${file.sets[file.rare.number]?.length}, punctuation ${file.sets[file.rare.punct]?.length}`,
  );
  return file;
}

// ---- scoring on valid ---------------------------------------------------------------------------

const header = {
  name: task,
  version: `${task}-${args.version}`,
  scheme: tagSet.scheme,
  tags: [...tagSet.tags],
  gazetteers: useGazetteer ? [...gazetteerNames] : [],
  ...(useClusters ? { clusters: clusterFile } : {}),
  ...(args['case-profile'] ? { caseProfile: caseFile } : {}),
  ...(args.fragments ? { fragments: true } : {}),
};

interface Score {
  [k: string]: number;
}

function scoreModel(model: SequenceModel, docs: readonly BuiltDoc[]): Score {
  const scratch = new Scratch();
  if (task === 'pos') {
    let right = 0;
    let all = 0;
    for (const d of docs) {
      for (const b of d.sentences) {
        const out = new Int32Array(b.to - b.from);
        model.tagSentence(d.features, b.s, b.from, b.to, out, scratch);
        const seen = new Set<number>();
        for (let j = 0; j < out.length; j++) {
          const k = b.source[j] as number;
          if (seen.has(k)) continue;
          seen.add(k);
          all++;
          if (tagSet.tags[out[j] as number] === b.sentence.pos[k]) right++;
        }
      }
    }
    return { accuracy: right / all };
  }
  const c: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const t of types) c[t] = { tp: 0, fp: 0, fn: 0 };
  for (const d of docs) {
    const tokens = d.features.tokens;
    for (const b of d.sentences) {
      const out = new Int32Array(b.to - b.from);
      model.tagSentence(d.features, b.s, b.from, b.to, out, scratch);
      const pred = new Set(
        decodeBilou(tagSet, out).map(
          (sp) => `${tokens.start(b.from + sp.from)}:${tokens.end(b.from + sp.to - 1)}:${sp.type}`,
        ),
      );
      const gold = new Set(
        iobSpans(b.sentence.ner).map((sp) => {
          const start = b.starts[sp.from] as number;
          const end = (b.starts[sp.to - 1] as number) + (b.sentence.tokens[sp.to - 1] as string).length;
          return `${start}:${end}:${sp.type}`;
        }),
      );
      for (const p of pred) {
        const type = p.split(':')[2] as string;
        const cc = c[type];
        if (!cc) continue;
        if (gold.has(p)) cc.tp++;
        else cc.fp++;
      }
      for (const g of gold) {
        const type = g.split(':')[2] as string;
        const cc = c[type];
        if (cc && !pred.has(g)) cc.fn++;
      }
    }
  }
  const f1 = (xs: string[]) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const x of xs) {
      tp += c[x]?.tp ?? 0;
      fp += c[x]?.fp ?? 0;
      fn += c[x]?.fn ?? 0;
    }
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  const out: Score = { f1: f1(['PER', 'ORG', 'LOC']), f1All: f1(types) };
  for (const t of types) out[t] = f1([t]);
  return out;
}

/** Tokens per second of `model` over the valid documents (features and decoding, one core). */
function speedOf(model: SequenceModel): number {
  const scratch = new Scratch();
  let tagged = 0;
  const t0 = process.hrtime.bigint();
  for (let rep = 0; rep < 3; rep++) {
    for (const d of valid) {
      for (const b of d.sentences) {
        const out = new Int32Array(b.to - b.from);
        model.tagSentence(d.features, b.s, b.from, b.to, out, scratch);
        tagged += out.length;
      }
    }
  }
  return tagged / (Number(process.hrtime.bigint() - t0) / 1e9);
}

if (args['candidates-only']) {
  if (task !== 'pos')
    throw new Error('--candidates-only: only the part-of-speech tagger has a tag dictionary');
  const dictionary = writeCandidates();
  const bytes = readFileSync(join(args.out, `${task}-${args.version}.model`));
  const plain = SequenceModel.fromBytes(bytes);
  const restricted = SequenceModel.fromBytes(bytes, dictionary);
  // Alternate the two so both see the same machine load; best of three each.
  const speeds: number[][] = [[], []];
  for (let r = 0; r < 3; r++) {
    speeds[0]?.push(speedOf(plain));
    speeds[1]?.push(speedOf(restricted));
  }
  const [a, b] = speeds.map((x) => Math.max(...x)) as [number, number];
  log(
    `valid accuracy without the dictionary ${JSON.stringify(scoreModel(plain, valid))}, with it ${JSON.stringify(scoreModel(restricted, valid))}`,
  );
  log(`speed: ${Math.round(a)} → ${Math.round(b)} layer tokens/s (×${(b / a).toFixed(2)})`);
  process.exit(0);
}

const headline = (s: Score) => (task === 'ner' ? (s.f1 as number) : (s.accuracy as number));
const result = trainSequenceModel({
  header,
  tagSet,
  sentences: trainingSentences,
  fixed,
  epochs: Number(args.epochs),
  patience: Number(args.patience),
  evaluate: (model) => headline(scoreModel(model, valid)),
  minWeight: Number(args['min-weight']),
  maxFeatures: [Number(args['max-features'])],
  ...(args.dry ? {} : { out: { dir: args.out, file: `${task}-${args.version}.model` } }),
  log,
});
// The model as written and read back: the quantised file must score like the weights.
const model = result.model;
const validScore = scoreModel(model, valid);
log(
  `best epoch ${result.bestEpoch}; ${result.kept} of ${result.learned} features kept; valid ${JSON.stringify(validScore)}`,
);

const wikiDevScore =
  wikiDevDocs.length > 0
    ? scoreModel(
        model,
        wikiDevDocs.map((d) => buildDoc(d, resources)),
      )
    : undefined;
if (wikiDevScore) log(`WikiANN dev (tagger alone): ${JSON.stringify(wikiDevScore)}`);

log(`speed: ${Math.round(speedOf(model))} layer tokens/s`);
if (task === 'pos') {
  const dictionary = writeCandidates();
  if (result.bytes) {
    const restricted = SequenceModel.fromBytes(result.bytes, dictionary);
    log(
      `valid with the tag dictionary ${JSON.stringify(scoreModel(restricted, valid))}; speed ${Math.round(speedOf(restricted))} layer tokens/s`,
    );
  }
}

if (result.bytes) {
  const file = `${task}-${args.version}.model`;
  const manifest = {
    model: file,
    version: header.version,
    task,
    tags: header.tags,
    trainedOn: [
      'CoNLL-2003 English train (../shared/data/eval/ner/conll2003/train.txt)',
      ...(args.wikiann && task === 'ner'
        ? ['WikiANN English train (../shared/data/eval/ner/wikiann/train.tsv)']
        : []),
    ],
    epochsChosenOn: 'CoNLL-2003 valid',
    clusters: useClusters ? clusterFile : null,
    caseProfile: args['case-profile'] ? caseFile : null,
    fragments: args.fragments,
    gazetteers: header.gazetteers,
    command: `npm run train:${task}`,
    date: new Date().toISOString().slice(0, 10),
    bestEpoch: result.bestEpoch,
    devScoresByEpoch: result.scores.map((x) => Number(x.toFixed(4))),
    features: result.kept,
    fixedWords: fixed.words.size,
    openWords: fixed.open?.size ?? 0,
    bytes: result.bytes.length,
    valid: Object.fromEntries(Object.entries(validScore).map(([k, v]) => [k, Number(v.toFixed(4))])),
    ...(wikiDevScore
      ? {
          wikiannDev: Object.fromEntries(
            Object.entries(wikiDevScore).map(([k, v]) => [k, Number(v.toFixed(4))]),
          ),
        }
      : {}),
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(args.out, `${task}-${args.version}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  log(
    `wrote ${file} (${(result.bytes.length / 1e6).toFixed(2)} MB); reloaded valid ${JSON.stringify(validScore)}`,
  );
}
