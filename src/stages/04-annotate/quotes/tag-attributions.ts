import type { Span } from '../../../core/doc.js';
import type { FeatureResources } from '../../../core/ml/features.js';
import { loadClusters, loadSequenceModel, readModelFile } from '../../../core/ml/model-files.js';
import { type PosTagger, posTagger } from '../../../core/ml/pos-tagger.js';
import { Scratch, type SequenceModel } from '../../../core/ml/sequence-model.js';
import { decodeBilou, type TagSet } from '../../../core/ml/tag-scheme.js';
import { type TokenLayer, TokenSet } from '../../../core/tokens.js';
import { ATTRIBUTION_FEATURE_VERSION, type AttributionFeatures } from './attribution-features.js';
import { STACK_FEATURE_VERSION, StackedAttributionFeatures } from './stack-features.js';

/**
 * The attribution tagger (models/quotes-3, `npm run train:quotes`): an averaged perceptron over
 * BILOU tags for the three roles PolNeAR annotates — source, cue, content — trained on PolNeAR's
 * train split, decoded by Viterbi per sentence (`core/ml`). Only sentences that may hold an
 * attribution are tagged: one with a cue candidate (a word that headed a cue in training) or a
 * quotation mark, and the sentence after one whose content runs to its end. A second pass
 * (models/quotes-stack-1, `npm run train:quotes-stack`) tags the same sentences again reading
 * what the first pass tagged in the whole sentence (`stack-features.ts`); its tags are the spans.
 */

export const ATTRIBUTION_MODEL = 'quotes-3';
/** The second pass, which reads the first pass's tags (`stack-features.ts`, `npm run train:quotes-stack`). */
export const STACK_MODEL = 'quotes-stack-1';

export type Role = 'source' | 'cue' | 'content';

export interface RoleSpan extends Span {
  role: Role;
  /** Sentence of its first token. */
  sentence: number;
  /** Token range `[from, to)` in the layer (content merged across sentences spans both). */
  from: number;
  to: number;
}

export interface AttributionTagger {
  model: SequenceModel;
  /** The second pass over the first pass's tags (`STACK_MODEL`), or null to tag in one pass. */
  second: SequenceModel | null;
  resources: FeatureResources;
  cues: TokenSet;
  /** The part-of-speech tagger the model's features read, or null when it was trained without. */
  pos: PosTagger | null;
  rule: string;
}

/** What `scripts/train-quotes.ts` writes beside the model and the tagger reads back. */
export interface AttributionManifest {
  model: string;
  version: string;
  attributionFeatureVersion: number;
  /** Lowercase words that headed a cue often enough in training to make a sentence worth tagging. */
  cueWords: string[];
  /** The part-of-speech model the features were trained with (absent: none). */
  partsOfSpeech?: string | null;
  /** A second pass's manifest: the version of `stack-features.ts` it was trained on. */
  stackFeatureVersion?: number;
}

let loaded: AttributionTagger | undefined;

export function attributionTagger(): AttributionTagger {
  if (loaded) return loaded;
  const manifest = JSON.parse(
    new TextDecoder().decode(readModelFile(`${ATTRIBUTION_MODEL}.json`)),
  ) as AttributionManifest;
  if (manifest.attributionFeatureVersion !== ATTRIBUTION_FEATURE_VERSION) {
    throw new Error(
      `attribution tagger: ${manifest.model} was trained on attribution features version ${manifest.attributionFeatureVersion}, this code computes version ${ATTRIBUTION_FEATURE_VERSION}; retrain it (npm run train:quotes)`,
    );
  }
  const model = loadSequenceModel(manifest.model);
  const resources: FeatureResources = {};
  if (model.header.clusters) resources.clusters = loadClusters(model.header.clusters);
  const stack = JSON.parse(
    new TextDecoder().decode(readModelFile(`${STACK_MODEL}.json`)),
  ) as AttributionManifest;
  if (stack.stackFeatureVersion !== STACK_FEATURE_VERSION) {
    throw new Error(
      `attribution tagger: ${stack.model} was trained on stack features version ${stack.stackFeatureVersion}, this code computes version ${STACK_FEATURE_VERSION}; retrain it (npm run train:quotes-stack)`,
    );
  }
  const second = loadSequenceModel(stack.model);
  loaded = {
    model,
    second,
    resources,
    cues: new TokenSet(manifest.cueWords),
    pos: manifest.partsOfSpeech ? posTagger() : null,
    rule: `quotes:perceptron@${second.header.version}`,
  };
  return loaded;
}

/** Sentence numbers that open a paragraph, from paragraph start offsets (sorted). */
export function paragraphStartSentences(tokens: TokenLayer, paragraphStarts: readonly number[]): Set<number> {
  const out = new Set<number>([0]);
  let p = 0;
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    if (to === from) continue;
    const start = tokens.start(from);
    let opens = false;
    while (p < paragraphStarts.length && (paragraphStarts[p] as number) <= start) {
      opens = true;
      p++;
    }
    if (opens) out.add(s);
  }
  return out;
}

/**
 * Whether sentence `s` may hold an attribution: a cue candidate or a quotation mark. Training
 * and tagging choose sentences the same way.
 */
export function mayAttribute(features: AttributionFeatures, s: number): boolean {
  const tokens = features.tokens;
  if ((features.cueCount[s] as number) > 0) return true;
  const from = tokens.sentenceFirst[s] as number;
  const to = tokens.sentenceFirst[s + 1] as number;
  for (let i = from; i < to; i++) if (features.quoted[i] !== 0) return true;
  return false;
}

export function attributionFeatures(
  tokens: TokenLayer,
  paragraphs: ReadonlySet<number> | undefined,
  tagger: AttributionTagger = attributionTagger(),
): StackedAttributionFeatures {
  return new StackedAttributionFeatures(tokens, tagger.resources, tagger.cues, paragraphs, tagger.pos);
}

/** Decoding buffers shared by every document of the thread (`tagAttributionSpans` never runs inside itself). */
const scratch = new Scratch();

/**
 * Role spans of the document by the tagger, in text order (see `spansOfTags`). With a second
 * pass, the first pass tags the document, its tags are set on `features`, and the second pass's
 * tags make the spans; the first pass's spans are pushed onto `firstOut` when it is given.
 */
export function tagAttributionSpans(
  features: StackedAttributionFeatures,
  tagger: AttributionTagger = attributionTagger(),
  skip?: (s: number) => boolean,
  firstOut?: RoleSpan[],
): RoleSpan[] {
  const model = tagger.model;
  features.setFirstTags(null);
  const second = tagger.second;
  const first = second ? new Int32Array(features.tokens.count) : undefined;
  const firstPass = spansOfTags(
    features,
    model.tagSet,
    (s, from, to, out) => {
      model.tagSentence(features, s, from, to, out, scratch);
      first?.set(out.subarray(0, to - from), from);
    },
    skip,
  );
  if (!second || !first) return firstPass;
  if (firstOut) for (const s of firstPass) firstOut.push(s);
  features.setFirstTags(first);
  return spansOfTags(
    features,
    second.tagSet,
    (s, from, to, out) => second.tagSentence(features, s, from, to, out, scratch),
    skip,
  );
}

/**
 * Role spans from the tags `tag` writes for each sentence worth tagging, in text order.
 * `skip(s)`: sentences not to tag (removed text). A content span that ends its sentence joins
 * one that opens the next (PolNeAR's contents run over sentences as one span) in the same
 * paragraph: across a paragraph break they stay two spans (of PolNeAR train's 26,391 content
 * spans, 3 run over a blank line; a quotation that goes on in the next paragraph is annotated
 * in pieces).
 */
export function spansOfTags(
  features: AttributionFeatures,
  tagSet: TagSet,
  tag: (s: number, from: number, to: number, out: Int32Array) => void,
  skip?: (s: number) => boolean,
): RoleSpan[] {
  const tokens = features.tokens;
  let buf = new Int32Array(64);
  const out: RoleSpan[] = [];
  let carry = false;
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    if (to === from || skip?.(s) || !(carry || mayAttribute(features, s))) {
      carry = false;
      continue;
    }
    if (buf.length < to - from) buf = new Int32Array(to - from);
    tag(s, from, to, buf);
    carry = false;
    for (const sp of decodeBilou(tagSet, buf, to - from)) {
      const role = sp.type as Role;
      const a = from + sp.from;
      const b = from + sp.to;
      const last = out[out.length - 1];
      if (
        role === 'content' &&
        sp.from === 0 &&
        last?.role === 'content' &&
        last.to === from &&
        !features.paragraphStarts?.has(s)
      ) {
        last.to = b;
        last.end = tokens.end(b - 1);
      } else out.push({ role, start: tokens.start(a), end: tokens.end(b - 1), sentence: s, from: a, to: b });
      if (role === 'content' && b === to) carry = true;
    }
  }
  return out;
}

/** Marks that open a parenthetical a span's closing comma may pair with: comma, bracket, dashes. */
const PAIRS_COMMA = new Set([',', '(', '—', '–']);

/**
 * Drops the comma that ends a role span unless a comma, bracket or dash inside the span pairs
 * with it. PolNeAR's guidelines leave a span's closing comma out except where it closes a
 * parenthetical ("Jane Doe, a spokeswoman for the party," keeps its comma); of PolNeAR train's
 * 68,435 source, cue and content spans, 16 end on a comma with no such mark inside.
 */
export function trimUnpairedCommas(tokens: TokenLayer, spans: RoleSpan[]): void {
  for (const sp of spans) {
    const last = sp.to - 1;
    if (sp.to - sp.from < 2 || !tokens.isChar(last, 44)) continue;
    let paired = false;
    for (let i = sp.from; i < last && !paired; i++)
      paired =
        tokens.end(i) - tokens.start(i) === 1 && PAIRS_COMMA.has(tokens.text[tokens.start(i)] as string);
    if (paired) continue;
    sp.to = last;
    sp.end = tokens.end(last - 1);
  }
}
