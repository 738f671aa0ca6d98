import { featureKey, featureKey2, KeyTable } from '../../../core/ml/hash.js';
import { readModelJson } from '../../../core/ml/model-files.js';
import { PUNCT, type TokenLayer } from '../../../core/tokens.js';
import type { AttributionFeatures } from './attribution-features.js';
import type { RoleSpan } from './tag-attributions.js';

/**
 * A second decoding pass over the tagger's contents (`models/quote-bounds-2`,
 * `npm run train:quote-bounds`): given a content span the tagger found and the cues and sources
 * around it, where does the content really begin and end? Each boundary is chosen among the
 * token positions near the tagger's (`START_WINDOW`, `END_WINDOW`) by a linear score of the
 * candidate's surroundings — the words and parts of speech on both sides, whether a cue or a
 * source touches it, quotation marks, the sentence's end, cues left inside — learned as a
 * ranking (averaged perceptron) on PolNeAR's train contents. The tagger labels one token at a
 * time; this pass compares whole boundaries ("told ABC News | that …", "… | , he said").
 *
 * Bump `BOUND_FEATURE_VERSION` when the features change: a model of another version refuses to
 * load.
 */
export const BOUND_FEATURE_VERSION = 1;
export const CONTENT_BOUNDS_MODEL = 'quote-bounds-2';

/** Start candidates: this many tokens before and after the tagger's start. */
export const START_WINDOW: readonly [number, number] = [15, 15];
/** End candidates (exclusive ends): this many tokens before and after the tagger's end. */
export const END_WINDOW: readonly [number, number] = [25, 25];

/** Role of each token the boundaries look at: none, source, cue; `EDGE` past the sentence. */
export const NONE = 0;
export const SOURCE = 1;
export const CUE = 2;
const EDGE = 3;

enum T {
  SW0 = 301,
  SWm1,
  SBigram,
  SWm2Wm1,
  SP0,
  SPm1,
  SPm1P0,
  SRm1R0,
  SRm1W0,
  SRm1P0,
  SQuote,
  SCuesInside,
  SSourcesInside,
  SCueLeft,
  SFirst,
  SPm2Pm1P0,
  EW,
  EWn,
  EBigram,
  EP,
  EPn,
  EPPn,
  ERn,
  ERnW,
  EQuote,
  EToEnd,
  EAtEnd,
  ERestPunct,
  ECuesInside,
  EMarks,
  ECueRight,
  EPPnPnn,
  Bias,
}

function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 13) return 6;
  if (d <= 21) return 7;
  return 8;
}

/** What a boundary's features read: the tagger's feature state and the roles found around. */
export interface BoundContext {
  features: AttributionFeatures;
  /** Per token: NONE, SOURCE or CUE. */
  roles: Uint8Array;
  /** Running counts before each token (length: tokens + 1), built by `boundContext`. */
  cuesBefore: Int32Array;
  sourcesBefore: Int32Array;
  marksBefore: Int32Array;
  /** The last cue token at or before (first at or after) each token, -1 when none. */
  cueAtOrBefore: Int32Array;
  cueAtOrAfter: Int32Array;
}

/** The context of a document's boundaries, with running counts of cues, sources and quotation marks. */
export function boundContext(features: AttributionFeatures, roles: Uint8Array): BoundContext {
  const n = features.tokens.count;
  const cuesBefore = new Int32Array(n + 1);
  const sourcesBefore = new Int32Array(n + 1);
  const marksBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    cuesBefore[i + 1] = (cuesBefore[i] as number) + (roles[i] === CUE ? 1 : 0);
    sourcesBefore[i + 1] = (sourcesBefore[i] as number) + (roles[i] === SOURCE ? 1 : 0);
    marksBefore[i + 1] = (marksBefore[i] as number) + (features.quoted[i] === 2 ? 1 : 0);
  }
  const cueAtOrBefore = new Int32Array(n);
  const cueAtOrAfter = new Int32Array(n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (roles[i] === CUE) last = i;
    cueAtOrBefore[i] = last;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (roles[i] === CUE) last = i;
    cueAtOrAfter[i] = last;
  }
  return { features, roles, cuesBefore, sourcesBefore, marksBefore, cueAtOrBefore, cueAtOrAfter };
}

function word(tokens: TokenLayer, i: number, from: number, to: number): number {
  return i < from || i >= to ? -1 : tokens.hash(i);
}

function roleAt(c: BoundContext, i: number, from: number, to: number): number {
  return i < from || i >= to ? EDGE : (c.roles[i] as number);
}

function countRole(c: BoundContext, role: number, a: number, b: number): number {
  const before = role === CUE ? c.cuesBefore : c.sourcesBefore;
  return b > a ? (before[b] as number) - (before[a] as number) : 0;
}

/**
 * Features of a content that starts at token `p` of sentence `s` (`[from, to)`) and ends at
 * `end` (exclusive; the other side's current choice), written over `out` from its start (its length
 * becomes their count: a search reuses one array, and emptying it with `length = 0` would drop its
 * storage, so that every candidate's keys grew a new one).
 */
export function startFeatures(
  c: BoundContext,
  s: number,
  from: number,
  to: number,
  p: number,
  end: number,
  out: number[],
): void {
  const f = c.features;
  const tokens = f.tokens;
  const w0 = word(tokens, p, from, to);
  const wm1 = word(tokens, p - 1, from, to);
  const p0 = f.posAt(p, s, from, to);
  const pm1 = f.posAt(p - 1, s, from, to);
  const pm2 = f.posAt(p - 2, s, from, to);
  const rm1 = roleAt(c, p - 1, from, to);
  const r0 = roleAt(c, p, from, to);
  let k = 0;
  out[k++] = featureKey(T.Bias, 0);
  out[k++] = featureKey(T.SW0, w0);
  out[k++] = featureKey(T.SWm1, wm1);
  out[k++] = featureKey2(T.SBigram, wm1, w0);
  out[k++] = featureKey2(T.SWm2Wm1, word(tokens, p - 2, from, to), wm1);
  out[k++] = featureKey(T.SP0, p0);
  out[k++] = featureKey(T.SPm1, pm1);
  out[k++] = featureKey2(T.SPm1P0, pm1, p0);
  out[k++] = featureKey2(T.SPm2Pm1P0, pm2 * 256 + pm1, p0);
  out[k++] = featureKey2(T.SRm1R0, rm1, r0);
  out[k++] = featureKey2(T.SRm1W0, rm1, w0);
  out[k++] = featureKey2(T.SRm1P0, rm1, p0);
  out[k++] = featureKey2(T.SQuote, p > from ? (f.quoted[p - 1] as number) : 3, f.quoted[p] as number);
  out[k++] = featureKey(T.SCuesInside, Math.min(countRole(c, CUE, p, end), 2));
  out[k++] = featureKey(T.SSourcesInside, Math.min(countRole(c, SOURCE, p, end), 2));
  out[k++] = featureKey(T.SFirst, p === from ? 1 : 0);
  const l = p > from ? (c.cueAtOrBefore[p - 1] as number) : -1;
  const d = l >= from ? bucket(p - l) : 0;
  out[k++] = featureKey2(T.SCueLeft, d, pm1);
  out.length = k;
}

/** Features of a content that ends before token `q` of sentence `s` and starts at `start`, written over `out` as `startFeatures`'. */
export function endFeatures(
  c: BoundContext,
  s: number,
  from: number,
  to: number,
  q: number,
  start: number,
  out: number[],
): void {
  const f = c.features;
  const tokens = f.tokens;
  const w = word(tokens, q - 1, from, to);
  const wn = word(tokens, q, from, to);
  const p = f.posAt(q - 1, s, from, to);
  const pn = f.posAt(q, s, from, to);
  const rn = roleAt(c, q, from, to);
  let restPunct = 1;
  for (let i = q; i < to; i++) {
    if (tokens.kind(i) !== PUNCT) {
      restPunct = 0;
      break;
    }
  }
  const first = Math.max(start, from);
  const marks = q > first ? (c.marksBefore[q] as number) - (c.marksBefore[first] as number) : 0;
  let k = 0;
  out[k++] = featureKey(T.Bias, 1);
  out[k++] = featureKey(T.EW, w);
  out[k++] = featureKey(T.EWn, wn);
  out[k++] = featureKey2(T.EBigram, w, wn);
  out[k++] = featureKey(T.EP, p);
  out[k++] = featureKey(T.EPn, pn);
  out[k++] = featureKey2(T.EPPn, p, pn);
  out[k++] = featureKey2(T.EPPnPnn, p * 256 + pn, f.posAt(q + 1, s, from, to));
  out[k++] = featureKey(T.ERn, rn);
  out[k++] = featureKey2(T.ERnW, rn, wn);
  out[k++] = featureKey2(T.EQuote, f.quoted[q - 1] as number, q < to ? (f.quoted[q] as number) : 3);
  out[k++] = featureKey(T.EToEnd, bucket(to - q));
  out[k++] = featureKey2(T.EAtEnd, q === to ? 1 : 0, w);
  out[k++] = featureKey2(T.ERestPunct, restPunct, w);
  out[k++] = featureKey(T.ECuesInside, Math.min(countRole(c, CUE, Math.max(start, from), q), 2));
  out[k++] = featureKey2(
    T.EMarks,
    Math.min(marks, 3),
    (f.quoted[q - 1] as number) * 4 + (q < to ? (f.quoted[q] as number) : 3),
  );
  const r = q < to ? (c.cueAtOrAfter[q] as number) : -1;
  const d = r >= 0 && r < to ? bucket(r - q + 1) : 0;
  out[k++] = featureKey2(T.ECueRight, d, wn);
  out.length = k;
}

/**
 * A linear scorer of boundary features (weights by feature key). A model built `live` reads the
 * map as it changes (training); otherwise the weights are copied once into an open-addressed table
 * (`KeyTable`: a JS Map boxes keys outside the small-integer range).
 */
export class BoundsModel {
  readonly weights: Map<number, number>;
  readonly version: string;
  readonly #live: boolean;
  readonly #table = new KeyTable();
  readonly #values: Float64Array;

  constructor(weights: Map<number, number>, version: string, live = false) {
    this.weights = weights;
    this.version = version;
    this.#live = live;
    this.#values = new Float64Array(live ? 0 : weights.size);
    if (!live) for (const [k, v] of weights) this.#values[this.#table.intern(k)] = v;
  }

  score(keys: readonly number[]): number {
    let x = 0;
    if (this.#live) {
      for (const k of keys) x += this.weights.get(k) ?? 0;
      return x;
    }
    for (const k of keys) {
      const row = this.#table.get(k);
      if (row >= 0) x += this.#values[row] as number;
    }
    return x;
  }
}

/** The manifest and weights `scripts/train-quote-bounds.ts` writes. */
export interface BoundsFile {
  version: string;
  boundFeatureVersion: number;
  keys: number[];
  weights: number[];
}

let loaded: BoundsModel | undefined;

export function contentBoundsModel(): BoundsModel {
  loaded ??= loadBoundsModel(
    CONTENT_BOUNDS_MODEL,
    BOUND_FEATURE_VERSION,
    'content bounds',
    'train:quote-bounds',
  );
  return loaded;
}

/**
 * A bounds model from `models/<name>.json`, refused when it was trained on other boundary features than
 * `featureVersion` (what the code computes); `what` and `script` name it and its trainer in the error.
 */
export function loadBoundsModel(
  name: string,
  featureVersion: number,
  what: string,
  script: string,
): BoundsModel {
  const file = readModelJson(`${name}.json`) as BoundsFile;
  if (file.boundFeatureVersion !== featureVersion) {
    throw new Error(
      `${what}: ${file.version} was trained on boundary features version ${file.boundFeatureVersion}, this code computes version ${featureVersion}; retrain it (npm run ${script})`,
    );
  }
  const weights = new Map<number, number>();
  for (let i = 0; i < file.keys.length; i++) weights.set(file.keys[i] as number, file.weights[i] as number);
  return new BoundsModel(weights, file.version);
}

/** Sentence of token `i`, searching forward from sentence `s`. */
export function sentenceOf(tokens: TokenLayer, i: number, s: number): number {
  let t = s;
  while ((tokens.sentenceFirst[t + 1] as number) <= i) t++;
  return t;
}

/** Start candidates of a content `[a, b)` whose first token is in sentence `s`. */
export function startRange(tokens: TokenLayer, s: number, a: number, b: number): [number, number] {
  const from = tokens.sentenceFirst[s] as number;
  const to = tokens.sentenceFirst[s + 1] as number;
  return [Math.max(from, a - START_WINDOW[0]), Math.min(to - 1, b - 1, a + START_WINDOW[1])];
}

/** End candidates (exclusive) of a content `[a, b)` whose last token is in sentence `t`. */
export function endRange(tokens: TokenLayer, t: number, a: number, b: number): [number, number] {
  const from = tokens.sentenceFirst[t] as number;
  const to = tokens.sentenceFirst[t + 1] as number;
  return [Math.max(from + 1, a + 1, b - END_WINDOW[0]), Math.min(to, b + END_WINDOW[1])];
}

/** The best start in `[lo, hi]` for a content ending at `end` (ties: the nearest to `seed`). */
export function bestStart(
  model: BoundsModel,
  c: BoundContext,
  s: number,
  lo: number,
  hi: number,
  end: number,
  seed: number,
  keys: number[] = [],
): number {
  return bestBound(model, c, s, lo, hi, end, seed, keys, startFeatures);
}

/** The best exclusive end in `[lo, hi]` for a content starting at `start` (ties: the nearest to `seed`). */
export function bestEnd(
  model: BoundsModel,
  c: BoundContext,
  t: number,
  lo: number,
  hi: number,
  start: number,
  seed: number,
  keys: number[] = [],
): number {
  return bestBound(model, c, t, lo, hi, start, seed, keys, endFeatures);
}

/** The position in `[lo, hi]` of sentence `s` the model scores highest with `features`, the other bound fixed. */
function bestBound(
  model: BoundsModel,
  c: BoundContext,
  s: number,
  lo: number,
  hi: number,
  other: number,
  seed: number,
  keys: number[],
  features: typeof startFeatures,
): number {
  const tokens = c.features.tokens;
  const from = tokens.sentenceFirst[s] as number;
  const to = tokens.sentenceFirst[s + 1] as number;
  return bestPosition(model, lo, hi, seed, keys, (p, out) => features(c, s, from, to, p, other, out));
}

/**
 * The position in `[lo, hi]` whose keys (written over `keys` by `fill`) the model scores highest; ties go
 * to the position nearest `seed`. The search of both bounds passes (content and cue).
 */
export function bestPosition(
  model: BoundsModel,
  lo: number,
  hi: number,
  seed: number,
  keys: number[],
  fill: (p: number, keys: number[]) => void,
): number {
  let best = seed;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let p = lo; p <= hi; p++) {
    fill(p, keys);
    const x = model.score(keys);
    if (x > bestScore || (x === bestScore && Math.abs(p - seed) < Math.abs(best - seed))) {
      best = p;
      bestScore = x;
    }
  }
  return best;
}

/** Roles of the tokens of the cue and source spans among `spans`. */
export function rolesOf(
  tokens: TokenLayer,
  spans: readonly { role: string; from: number; to: number }[],
): Uint8Array {
  const roles = new Uint8Array(tokens.count);
  for (const sp of spans) {
    const r = sp.role === 'cue' ? CUE : sp.role === 'source' ? SOURCE : NONE;
    if (r !== NONE) roles.fill(r, sp.from, sp.to);
  }
  return roles;
}

/**
 * Moves each content span's start and end to the model's best boundary near the tagger's
 * (in place). A span whose new boundaries would cross, or overlap a cue or another content, keeps
 * the tagger's.
 */
export function refineContents(
  features: AttributionFeatures,
  spans: RoleSpan[],
  model: BoundsModel = contentBoundsModel(),
): void {
  const tokens = features.tokens;
  const c = boundContext(features, rolesOf(tokens, spans));
  const taken = new Uint8Array(tokens.count);
  for (const sp of spans) if (sp.role === 'content') taken.fill(1, sp.from, sp.to);
  const keys: number[] = [];
  for (const sp of spans) {
    if (sp.role !== 'content') continue;
    const a = sp.from;
    const b = sp.to;
    const t = sentenceOf(tokens, b - 1, sp.sentence);
    const [slo, shi] = startRange(tokens, sp.sentence, a, b);
    const [elo, ehi] = endRange(tokens, t, a, b);
    const start = bestStart(model, c, sp.sentence, slo, shi, b, a, keys);
    const end = bestEnd(model, c, t, elo, ehi, start, b, keys);
    if (start >= end) continue;
    let clash = false;
    for (let i = Math.min(start, a); i < Math.max(end, b) && !clash; i++) {
      const inside = i >= start && i < end;
      if (inside && (i < a || i >= b) && (taken[i] || c.roles[i] === CUE)) clash = true;
    }
    if (clash) continue;
    sp.from = start;
    sp.to = end;
    sp.start = tokens.start(start);
    sp.end = tokens.end(end - 1);
  }
}
