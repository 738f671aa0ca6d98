// Trains the attribution tagger (source, cue and content spans) and writes models/quotes-3.model
// and its manifest: `npm run train:quotes`. Reads PolNeAR's train split from
// ../shared/data/eval/quotes/polnear/train (research data: read at training time, never copied
// into the repository). One article in ten of the train split (by name, never dev) picks the
// number of epochs; the dev split is only scored, at the end, as held-out data.
//
//   npx tsx scripts/train-quotes.ts [--data DIR] [--epochs N] [--max-features N,N…] [--out DIR] [--dry]
//   npx tsx scripts/train-quotes.ts --stack --folds 4 --fold-tags FILE --dry   (only the cross-fitted first-pass tags, to FILE)
//
// With --stack, the second pass instead (models/quotes-stack-1, `stack-features.ts`): the fitting
// articles are cut into --folds folds by a hash of their name, a first-pass tagger with quotes-3's
// features is trained on all folds but one (--fold-epochs) and tags that one, so every training sentence carries
// first-pass tags of a model that never saw it; the held-out and dev articles carry quotes-3's
// own, as at run time. Then the second pass is trained on the fitting articles as above.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDoc, type Doc, type Span } from '../src/core/doc.js';
import type { FeatureResources } from '../src/core/ml/features.js';
import { FixedTags } from '../src/core/ml/fixed-tags.js';
import { loadClusters, loadSequenceModel } from '../src/core/ml/model-files.js';
import { POS_MODEL_FILE, posTagger } from '../src/core/ml/pos-tagger.js';
import { Scratch, type SequenceModel } from '../src/core/ml/sequence-model.js';
import { bilouTags, encodeBilou, makeTagSet, type TypedSpan } from '../src/core/ml/tag-scheme.js';
import type { TrainingSentence } from '../src/core/ml/train-perceptron.js';
import { trainSequenceModel } from '../src/core/ml/train-sequence-model.js';
import { createPipeline } from '../src/core/runner.js';
import { TokenSet, WORD } from '../src/core/tokens.js';
import { addCounts, type Counts, emptyCounts, prf } from '../src/eval/metrics.js';
import { readBrat } from '../src/eval/read-brat.js';
import { type RoleSpans, roles, scoreRoles, textPathFor } from '../src/eval/suites/quotes-polnear.js';
import { cleanStage } from '../src/stages/02-clean/index.js';
import { segmentStage } from '../src/stages/03-segment/index.js';
import { ATTRIBUTION_FEATURE_VERSION } from '../src/stages/04-annotate/quotes/attribution-features.js';
import {
  STACK_FEATURE_VERSION,
  StackedAttributionFeatures,
} from '../src/stages/04-annotate/quotes/stack-features.js';
import {
  ATTRIBUTION_MODEL,
  type AttributionManifest,
  paragraphStartSentences,
  type Role,
  spansOfTags,
} from '../src/stages/04-annotate/quotes/tag-attributions.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/eval/quotes/polnear') },
    epochs: { type: 'string', default: '20' },
    patience: { type: 'string', default: '4' },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    version: { type: 'string', default: '3' },
    'max-features': { type: 'string', default: '50000,100000,200000' },
    'min-weight': { type: 'string', default: '0.02' },
    'min-cue-count': { type: 'string', default: '3' },
    'min-cue-share': { type: 'string', default: '0.1' },
    'no-pos': { type: 'boolean', default: false },
    dry: { type: 'boolean', default: false },
    'ceiling-only': { type: 'boolean', default: false },
    stack: { type: 'boolean', default: false },
    'fold-epochs': { type: 'string', default: '10' },
    folds: { type: 'string', default: '2' },
    'fold-tags': { type: 'string' },
  },
});

const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

// ---- data ------------------------------------------------------------------------------------

const segment = createPipeline([cleanStage, segmentStage] as never);

interface Article {
  name: string;
  doc: Doc;
  /** Gold fragments of each role (every annotator's file kept for scoring). */
  gold: { role: Role; start: number; end: number; id: string }[][];
}

const goldLabel: Record<string, Role> = { Source: 'source', Cue: 'cue', Content: 'content' };

function readSplit(split: string): Article[] {
  const dir = join(args.data, split, 'attributions');
  const byText = new Map<string, Article>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.ann')) continue;
    const annPath = join(dir, f);
    const textPath = textPathFor(annPath);
    const text = readFileSync(textPath, 'utf8');
    let a = byText.get(textPath);
    if (!a) {
      const doc = segment.run(createDoc(text, { uri: textPath, mediaType: 'text/plain' }));
      a = { name: basename(textPath, '.txt'), doc, gold: [] };
      byText.set(textPath, a);
    }
    const brat = readBrat(readFileSync(annPath, 'utf8'), text);
    const spans: Article['gold'][number] = [];
    for (const s of brat.spans) {
      const role = goldLabel[s.label];
      if (role) for (const fr of s.fragments) spans.push({ role, start: fr.start, end: fr.end, id: s.id });
    }
    a.gold.push(spans);
  }
  return [...byText.values()];
}

const train = readSplit('train');
const dev = readSplit('dev');
log(`train: ${train.length} articles; dev: ${dev.length}`);

// ---- cue candidates: words that head a cue often enough (train split only) ----------------------

const cueCounts = new Map<string, number>();
const wordCounts = new Map<string, number>();
for (const a of train) {
  const tokens = a.doc.tokens;
  if (!tokens) continue;
  const gold = a.gold[0] ?? [];
  const inCue = new Uint8Array(tokens.count);
  for (const g of gold) {
    if (g.role !== 'cue') continue;
    for (
      let i = tokens.indexAtOrAfter(g.start, 0, tokens.count);
      i < tokens.count && tokens.end(i) <= g.end;
      i++
    )
      inCue[i] = 1;
  }
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kind(i) !== WORD) continue;
    const w = tokens.lower(i);
    wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
    if (inCue[i]) cueCounts.set(w, (cueCounts.get(w) ?? 0) + 1);
  }
}
const minCueCount = Number(args['min-cue-count']);
const minCueShare = Number(args['min-cue-share']);
const firstManifest = args.stack
  ? (JSON.parse(readFileSync(join(args.out, `${ATTRIBUTION_MODEL}.json`), 'utf8')) as AttributionManifest)
  : undefined;
// The second pass reads the first pass's features, so it keeps the first pass's cue candidates.
const cueWords = firstManifest
  ? firstManifest.cueWords
  : [...cueCounts]
      .filter(([w, c]) => c >= minCueCount && c / (wordCounts.get(w) ?? 1) >= minCueShare)
      .map(([w]) => w)
      .sort();
const cues = new TokenSet(cueWords);
log(`cue candidates: ${cueWords.length} words`);

const resources: FeatureResources = {};
const pos = args['no-pos'] ? null : posTagger();
const clusterFile = 'clusters-1.tsv.gz';
if (existsSync(join(args.out, clusterFile))) resources.clusters = loadClusters(clusterFile, args.out);

// ---- gold tags -----------------------------------------------------------------------------------

const types = ['source', 'cue', 'content'];
const tagSet = makeTagSet('bilou', bilouTags(types));
const priority: Record<Role, number> = { content: 0, source: 1, cue: 2 };

interface Built {
  article: Article;
  features: StackedAttributionFeatures;
  /** Gold tags of every token of the first annotator's file. */
  tags: Int32Array;
}

function build(a: Article): Built {
  const tokens = a.doc.tokens;
  if (!tokens) throw new Error(`${a.name}: not segmented`);
  const paragraphs = paragraphStartSentences(
    tokens,
    (a.doc.paragraphs ?? []).map((p) => p.start),
  );
  const features = new StackedAttributionFeatures(tokens, resources, cues, paragraphs, pos);
  // Each token belongs to the fragment of highest priority over it (a nested cue splits the
  // content around it); runs of one fragment inside a sentence become one span.
  const owner = new Int32Array(tokens.count).fill(-1);
  const ownerPriority = new Int32Array(tokens.count).fill(-1);
  const gold = [...(a.gold[0] ?? [])];
  gold.forEach((g, k) => {
    for (
      let i = tokens.indexAtOrAfter(g.start, 0, tokens.count);
      i < tokens.count && tokens.start(i) < g.end;
      i++
    ) {
      if (priority[g.role] > (ownerPriority[i] as number)) {
        owner[i] = k;
        ownerPriority[i] = priority[g.role];
      }
    }
  });
  const tags = new Int32Array(tokens.count);
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    const spans: TypedSpan[] = [];
    for (let i = from; i < to; ) {
      const o = owner[i] as number;
      if (o < 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < to && owner[j] === o) j++;
      spans.push({ from: i - from, to: j - from, type: (gold[o] as { role: Role }).role });
      i = j;
    }
    tags.set(encodeBilou(tagSet, to - from, spans), from);
  }
  return { article: a, features, tags };
}

const heldOut = (name: string) => {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(h) % 10 === 0;
};
const trainBuilt = train.map(build);
const fit = trainBuilt.filter((b) => !heldOut(b.article.name));
const tune = trainBuilt.filter((b) => heldOut(b.article.name));
const devBuilt = dev.map(build);
log(`fit: ${fit.length} articles; tune: ${tune.length} (for the epochs); dev: ${devBuilt.length}`);

/** The sentences tagging visits: the same choice as at run time, with the gold tags as the tagger. */
function visited(b: Built): number[] {
  const out: number[] = [];
  spansOfTags(b.features, tagSet, (s, from, to, buf) => {
    out.push(s);
    buf.set(b.tags.subarray(from, to));
  });
  return out;
}

const trainingSentences: TrainingSentence[] = [];
const builtOf = new Map<unknown, Built>(fit.map((b) => [b.features, b]));
let trainTokens = 0;
for (const b of fit) {
  const tokens = b.features.tokens;
  for (const s of visited(b)) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    trainingSentences.push({ doc: b.features, s, from, to, gold: b.tags.slice(from, to) });
    trainTokens += to - from;
  }
}
let allSentences = 0;
for (const b of fit) allSentences += b.features.tokens.sentences;
log(`${trainingSentences.length} training sentences of ${allSentences}, ${trainTokens} tokens`);

// ---- scoring (the quotes-polnear suite's span scoring, on the tagger's spans alone) ---------------

function roleSpansOf(spans: readonly { role: Role; start: number; end: number }[]): RoleSpans {
  const out: RoleSpans = { source: [], cue: [], content: [] };
  const seen = new Set<string>();
  for (const s of spans) {
    const key = `${s.role}:${s.start}:${s.end}`;
    if (s.end <= s.start || seen.has(key)) continue;
    seen.add(key);
    out[s.role].push({ start: s.start, end: s.end } as Span);
  }
  for (const r of roles) out[r].sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

type Tagger = (b: Built, s: number, from: number, to: number, out: Int32Array) => void;

function score(set: readonly Built[], tag: Tagger): Record<string, number> {
  const total: Record<string, Counts> = {};
  for (const r of roles) {
    total[`${r}Exact`] = emptyCounts();
    total[`${r}Overlap`] = emptyCounts();
  }
  for (const b of set) {
    const predicted = roleSpansOf(
      spansOfTags(b.features, tagSet, (s, from, to, out) => tag(b, s, from, to, out)),
    );
    for (const gold of b.article.gold) {
      const sc = scoreRoles(roleSpansOf(gold), predicted);
      for (const r of roles) {
        addCounts(total[`${r}Exact`] as Counts, sc[r].exact);
        addCounts(total[`${r}Overlap`] as Counts, sc[r].overlap);
      }
    }
  }
  return Object.fromEntries(Object.entries(total).map(([k, c]) => [`${k}F1`, Number(prf(c).f1.toFixed(4))]));
}

const oracle: Tagger = (b, _s, from, to, out) => out.set(b.tags.subarray(from, to));
log(
  `ceiling (gold tags through the same sentences and spans), dev: ${JSON.stringify(score(devBuilt, oracle))}`,
);

if (args['ceiling-only']) process.exit(0);
const fixed = new FixedTags(new Map());
const prefix = args.stack ? 'quotes-stack' : 'quotes';
const header = {
  name: prefix,
  version: `${prefix}-${args.version}`,
  scheme: tagSet.scheme,
  tags: [...tagSet.tags],
  gazetteers: [] as string[],
  ...(resources.clusters ? { clusters: clusterFile } : {}),
};

function modelTagger(model: SequenceModel): Tagger {
  const scratch = new Scratch();
  return (b, s, from, to, out) => model.tagSentence(b.features, s, from, to, out, scratch);
}

const headline = (sc: Record<string, number>) =>
  ((sc.sourceExactF1 as number) + (sc.cueExactF1 as number) + (sc.contentExactF1 as number)) / 3;

if (args.stack) {
  // Cross-fitted first-pass tags for the fitting articles: each fold tagged by a model of the others.
  const folds = Number(args.folds);
  const foldOf = (name: string) => {
    let h = 7;
    for (let i = 0; i < name.length; i++) h = (h * 131 + name.charCodeAt(i)) | 0;
    return Math.abs(h) % folds;
  };
  // Set only once both halves are trained: the halves' taggers read no first-pass tags.
  const firstOf = new Map<Built, Int32Array>(fit.map((b) => [b, new Int32Array(b.features.tokens.count)]));
  for (let f = 0; f < folds; f++) {
    // Fitted on every other fold, tagging this one.
    const inFold = new Set(fit.filter((b) => foldOf(b.article.name) !== f));
    let epochs = 0;
    const foldModel = trainSequenceModel({
      header: { ...header, version: `${prefix}-fold-${f}` },
      tagSet,
      sentences: trainingSentences.filter((t) => inFold.has(builtOf.get(t.doc) as Built)),
      fixed,
      epochs: Number(args['fold-epochs']),
      patience: Number(args['fold-epochs']),
      // No held-out score for the halves: the last epoch is kept (each scores above the one before).
      evaluate: () => ++epochs,
      minWeight: Number(args['min-weight']),
      maxFeatures: [50000],
      log,
    }).model;
    const tagOther = modelTagger(foldModel);
    let tagged = 0;
    for (const b of fit) {
      if (inFold.has(b)) continue;
      const first = firstOf.get(b) as Int32Array;
      const tokens = b.features.tokens;
      for (const s of visited(b)) {
        const from = tokens.sentenceFirst[s] as number;
        const to = tokens.sentenceFirst[s + 1] as number;
        tagOther(b, s, from, to, first.subarray(from, to));
        tagged++;
      }
    }
    log(`fold ${f}: ${inFold.size} articles fitted, ${tagged} sentences of the fold tagged`);
  }
  if (args['fold-tags']) {
    // The cross-fitted first-pass tags, for the cue-boundary pass's seeds (train-cue-bounds.ts --fold-seeds).
    const out: Record<string, number[]> = {};
    for (const [b, first] of firstOf) out[b.article.name] = [...first];
    writeFileSync(args['fold-tags'], JSON.stringify({ tags: [...tagSet.tags], articles: out }));
    log(`wrote the cross-fitted first-pass tags to ${args['fold-tags']}`);
    if (args.dry) process.exit(0);
  }
  for (const [b, first] of firstOf) b.features.setFirstTags(first);
  // The held-out and dev articles: quotes-3's tags, as the pipeline's first pass gives them.
  const firstModel = loadSequenceModel(`${ATTRIBUTION_MODEL}.model`, args.out);
  const tagFirst = modelTagger(firstModel);
  for (const b of [...tune, ...devBuilt]) {
    const first = new Int32Array(b.features.tokens.count);
    spansOfTags(b.features, tagSet, (s, from, to, out) => {
      tagFirst(b, s, from, to, out);
      first.set(out.subarray(0, to - from), from);
    });
    b.features.setFirstTags(first);
  }
  log(`first pass (${ATTRIBUTION_MODEL}) on the held-out articles: ${JSON.stringify(score(tune, tagFirst))}`);
}

const result = trainSequenceModel({
  header,
  tagSet,
  sentences: trainingSentences,
  fixed,
  epochs: Number(args.epochs),
  patience: Number(args.patience),
  evaluate: (model) => headline(score(tune, modelTagger(model))),
  minWeight: Number(args['min-weight']),
  maxFeatures: args['max-features'].split(',').map(Number),
  ...(args.dry ? {} : { out: { dir: args.out, file: `${prefix}-${args.version}.model` } }),
  log,
});
const model = result.model;
const tuneScore = score(tune, modelTagger(model));
const devScore = score(devBuilt, modelTagger(model));
log(`best epoch ${result.bestEpoch}; ${result.kept} of ${result.learned} features kept`);
log(`tune ${JSON.stringify(tuneScore)}`);
log(`dev (held out) ${JSON.stringify(devScore)}`);

if (result.bytes) {
  const file = `${prefix}-${args.version}.model`;
  const manifest: AttributionManifest & Record<string, unknown> = {
    model: file,
    version: header.version,
    task: 'attribution roles (PolNeAR source, cue, content), BILOU per sentence',
    attributionFeatureVersion: ATTRIBUTION_FEATURE_VERSION,
    ...(args.stack
      ? {
          stackFeatureVersion: STACK_FEATURE_VERSION,
          firstPass: ATTRIBUTION_MODEL,
          firstPassTrainingTags: `${args.folds} first-pass taggers (quotes-3's features, ${args['fold-epochs']} epochs), the fitting articles cut into ${args.folds} folds by a hash of the name, each fold tagged by the tagger fitted on the others`,
        }
      : {}),
    tags: header.tags,
    trainedOn: [
      `PolNeAR v1.0.0 train split, first annotator's file per article, ${fit.length} articles (../shared/data/eval/quotes/polnear/train)`,
    ],
    epochsChosenOn: `PolNeAR train, ${tune.length} articles held out by a hash of their name (mean exact F1 of the three roles); the size too (the smallest within 0.001 of the best)`,
    clusters: resources.clusters ? clusterFile : null,
    partsOfSpeech: pos ? POS_MODEL_FILE : null,
    command: args.stack ? 'npm run train:quotes-stack' : 'npm run train:quotes',
    date: new Date().toISOString().slice(0, 10),
    bestEpoch: result.bestEpoch,
    tuneScoresByEpoch: result.scores.map((x) => Number(x.toFixed(4))),
    tuneScoresBySize: result.sizes.map((x) => ({ features: x.kept, score: Number(x.score.toFixed(4)) })),
    features: result.kept,
    bytes: result.bytes.length,
    tune: tuneScore,
    devTaggerOnly: devScore,
    cueWordsRule: `lowercase words inside a gold cue at least ${minCueCount} times and in at least ${minCueShare * 100}% of their occurrences (train split)`,
    cueWords,
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(args.out, `${prefix}-${args.version}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`wrote ${file} (${(result.bytes.length / 1e6).toFixed(2)} MB)`);
}
