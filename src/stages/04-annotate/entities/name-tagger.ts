import { DocumentFeatures, type FeatureResources, isFragment } from '../../../core/ml/features.js';
import { loadCaseProfile, loadClusters, loadSequenceModel } from '../../../core/ml/model-files.js';
import { Scratch, type SequenceModel } from '../../../core/ml/sequence-model.js';
import { decodeBilou } from '../../../core/ml/tag-scheme.js';
import { type TokenLayer, WORD } from '../../../core/tokens.js';
import { buildNameGazetteer, gazetteerNames } from './name-gazetteer.js';

/**
 * The trained name tagger (models/ner-2.model, `npm run train:ner`): an averaged perceptron
 * over BILOU tags for PER, ORG, LOC and MISC, decoded by Viterbi (`core/ml`), trained on news
 * (CoNLL-2003) and Wikipedia titles and fragments (WikiANN). It proposes the
 * mentions; `annotate-entities.ts` resolves them against the knowledge base.
 */

export const NER_MODEL_FILE = 'ner-2.model';

export type NameClass = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A name the tagger found: document token range `[from, to)`. */
export interface TaggedName {
  from: number;
  to: number;
  type: NameClass;
  /** `ner:perceptron@ner-2`, or `ner:document@ner-2` when the document pass added or retyped it. */
  rule: string;
}

export interface NameTagger {
  model: SequenceModel;
  resources: FeatureResources;
  rule: string;
  documentRule: string;
}

let loaded: NameTagger | undefined;

/**
 * The tagger, read from models/ on first use and kept (an immutable model, like the lexicons
 * compiled at module load; loading it lazily keeps start-up fast for callers that never tag).
 */
export function nameTagger(): NameTagger {
  if (loaded) return loaded;
  const model = loadSequenceModel(NER_MODEL_FILE);
  const { header } = model;
  const expected = [...gazetteerNames].join(',');
  if (header.gazetteers.join(',') !== expected) {
    throw new Error(
      `name tagger: ${NER_MODEL_FILE} was trained with the lists [${header.gazetteers.join(', ')}], this code has [${expected}]; retrain it (npm run train:ner)`,
    );
  }
  const resources: FeatureResources = { gazetteer: buildNameGazetteer() };
  if (header.clusters) resources.clusters = loadClusters(header.clusters);
  if (header.caseProfile) resources.caseProfile = loadCaseProfile(header.caseProfile);
  if (header.fragments) resources.fragments = true;
  loaded = {
    model,
    resources,
    rule: `ner:perceptron@${header.version}`,
    documentRule: `ner:document@${header.version}`,
  };
  return loaded;
}

/**
 * Tags the sentences `[first, last)` of a document's token layer (all by default) and applies
 * the document pass (`harmonizeNames`).
 */
export function tagNames(
  tokens: TokenLayer,
  tagger: NameTagger = nameTagger(),
  skip?: (sentence: number) => boolean,
): TaggedName[] {
  return tagSentences(tokens, tagger, skip).names;
}

/** Decoding buffers shared by every document of the thread (`tagSentences` never runs inside itself). */
const scratch = new Scratch();

/**
 * Tags sentences from `first` on until at least `maxNames` names are found (the sentence that
 * reaches it is finished) or the document ends, then applies the document pass to those names.
 * Returns the names and the first sentence not tagged: a caller that stops at a cap of mentions
 * tags no more than it can use, and resumes from `next` if it needs more.
 */
export function tagSentences(
  tokens: TokenLayer,
  tagger: NameTagger = nameTagger(),
  skip?: (sentence: number) => boolean,
  first = 0,
  maxNames = Number.POSITIVE_INFINITY,
): { names: TaggedName[]; next: number } {
  const features = new DocumentFeatures(tokens, tagger.resources);
  const { model } = tagger;
  const set = model.tagSet;
  const out: TaggedName[] = [];
  let tags = new Int32Array(64);
  let s = first;
  for (; s < tokens.sentences && out.length < maxNames; s++) {
    if (skip?.(s)) continue;
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    if (to === from) continue;
    if (tags.length < to - from) tags = new Int32Array(to - from);
    model.tagSentence(features, s, from, to, tags, scratch);
    const sentence = features.fragment ? features.fragment[s] === 2 : !isFragment(tokens, from, to);
    for (const span of decodeBilou(set, tags, to - from)) {
      const name = {
        from: from + span.from,
        to: from + span.to,
        type: span.type as NameClass,
        rule: tagger.rule,
      };
      if (sentence) splitAtCommas(tokens, name, out);
      else out.push(name);
    }
  }
  const stop = s;
  const inRange = (sentence: number) => sentence < first || sentence >= stop || (skip?.(sentence) ?? false);
  return { names: harmonizeNames(tokens, joinNames(tokens, out), tagger.documentRule, inRange), next: stop };
}

/**
 * In running text a comma ends a name ("the West, CNN reported" is two); the tagger learned names
 * with commas from titles and list items ("Sioux Falls, South Dakota"), where they stay whole.
 */
function splitAtCommas(tokens: TokenLayer, name: TaggedName, out: TaggedName[]): void {
  let start = name.from;
  for (let i = name.from; i <= name.to; i++) {
    if (i < name.to && !tokens.isChar(i, 44)) continue;
    if (i > start) out.push(start === name.from && i === name.to ? name : { ...name, from: start, to: i });
    start = i + 1;
  }
}

/**
 * Two persons glued by a hyphen are one double-barrelled name: the tagger reads the layer's
 * tokens, where "Murphy-O'Connor" is five of them, and may close the name at the hyphen.
 */
function joinNames(tokens: TokenLayer, names: TaggedName[]): TaggedName[] {
  const out: TaggedName[] = [];
  for (const n of names) {
    const prev = out.at(-1);
    if (
      prev &&
      prev.type === 'PER' &&
      n.type === 'PER' &&
      n.from === prev.to + 1 &&
      tokens.isChar(prev.to, 45) &&
      tokens.start(prev.to) === tokens.end(prev.to - 1) &&
      tokens.start(n.from) === tokens.end(prev.to)
    ) {
      prev.to = n.to;
      continue;
    }
    out.push(n);
  }
  return out;
}

/**
 * The document pass, over the names of the whole article:
 * - a lone word that is the last name of a person named in full elsewhere in the article is that
 *   person, whatever the tagger made of it ("Putin" after "Vladimir Putin"; in a sports report
 *   "Sampras" is no team);
 * - a capitalised word the tagger named somewhere is named wherever else it stands alone
 *   untagged, with the type most of its mentions got ("Reuters", "Putin").
 * Whole multi-word names are not retyped by majority: a city is LOC in a dateline and ORG as
 * the team of that city in a results table, and the tagger reads that from the context better
 * than a vote does (measured on CoNLL-2003 valid).
 */
export function harmonizeNames(
  tokens: TokenLayer,
  names: TaggedName[],
  rule: string,
  skip?: (sentence: number) => boolean,
): TaggedName[] {
  if (names.length === 0) return names;
  // Last words of persons named in full.
  const surnames = new Set<number>();
  for (const n of names) {
    if (n.type !== 'PER' || n.to - n.from < 2) continue;
    const last = n.to - 1;
    if (tokens.kind(last) === WORD && tokens.isUpper(last)) surnames.add(tokens.hash(last));
  }
  for (const n of names) {
    if (n.to - n.from !== 1 || n.type === 'PER' || !surnames.has(tokens.hash(n.from))) continue;
    n.type = 'PER';
    n.rule = rule;
  }
  // Single-word names by their most frequent type; surnames as persons.
  const votes = new Map<number, Map<NameClass, number>>();
  for (const n of names) {
    if (n.to - n.from !== 1 || tokens.kind(n.from) !== WORD) continue;
    const h = tokens.hash(n.from);
    let m = votes.get(h);
    if (!m) {
      m = new Map();
      votes.set(h, m);
    }
    m.set(n.type, (m.get(n.type) ?? 0) + 1);
  }
  const single = new Map<number, NameClass>();
  for (const [h, m] of votes) {
    let best: NameClass | undefined;
    let bestCount = 0;
    for (const [type, c] of m) {
      if (c > bestCount) {
        best = type;
        bestCount = c;
      }
    }
    if (best) single.set(h, best);
  }
  for (const h of surnames) single.set(h, 'PER');
  if (single.size === 0) return names;
  const covered = new Uint8Array(tokens.count);
  for (const n of names) covered.fill(1, n.from, n.to);
  const added: TaggedName[] = [];
  for (let s = 0; s < tokens.sentences; s++) {
    if (skip?.(s)) continue;
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    for (let i = from; i < to; i++) {
      if (covered[i] || tokens.kind(i) !== WORD || !tokens.isUpper(i)) continue;
      const type = single.get(tokens.hash(i));
      if (type === undefined) continue;
      // Only a word standing alone: next to another capitalised word it is part of a longer name.
      // (A sentence's first word is capitalised anyway: "Later Okonjo left.")
      if (i > from + 1 && !covered[i - 1] && tokens.kind(i - 1) === WORD && tokens.isUpper(i - 1)) continue;
      if (i + 1 < to && !covered[i + 1] && tokens.kind(i + 1) === WORD && tokens.isUpper(i + 1)) continue;
      added.push({ from: i, to: i + 1, type, rule });
    }
  }
  if (added.length === 0) return names;
  return [...names, ...added].sort((a, b) => a.from - b.from);
}
