import { featureKey, featureKey2 } from '../../../core/ml/hash.js';
import type { TokenLayer } from '../../../core/tokens.js';
import type { AttributionFeatures } from './attribution-features.js';
import { type BoundsModel, bestPosition, loadBoundsModel } from './content-bounds.js';
import type { RoleSpan } from './tag-attributions.js';

/**
 * A second decoding pass over the tagger's cues (`models/cue-bounds-2`, `npm run train:cue-bounds`),
 * the cue's counterpart of `content-bounds.ts`: given a cue span the tagger found, where does the
 * cue really begin and end? PolNeAR's cues take in auxiliaries and the verb phrase around the
 * reporting word ("has said", "wrote in an email", "told reporters"), but not a date or a name after
 * it ("said | Monday", "said | Smith"); the tagger labels one token at a time and a third of its cue
 * errors on held-out train articles are such bounds. Each boundary is chosen among the positions
 * near the tagger's (`CUE_START_BACK` tokens before the start up to the cue's last token; from the
 * new start to `CUE_END_AHEAD` tokens past the end) by a linear score of the candidate's
 * surroundings — words, parts of speech, the role of the token beyond it (source, cue, content, the
 * sentence's edge), the cue's length, a comma inside — learned as a ranking (averaged perceptron) on
 * PolNeAR's train cues. A cue never grows over a token the tagger gave another role.
 *
 * Bump `CUE_BOUND_FEATURE_VERSION` when the features change: a model of another version refuses
 * to load.
 */
export const CUE_BOUND_FEATURE_VERSION = 1;
export const CUE_BOUNDS_MODEL = 'cue-bounds-2';

/** Start candidates: up to this many tokens before the tagger's start (and any token of the cue). */
export const CUE_START_BACK = 4;
/** End candidates (exclusive): up to this many tokens after the tagger's end (and any inside). */
export const CUE_END_AHEAD = 6;

/** Role of each token the boundaries look at. */
export const NONE = 0;
export const SOURCE = 1;
export const CUE = 2;
export const CONTENT = 3;
const EDGE = 4;

enum K {
  Bias = 501,
  SW0,
  SWm1,
  SBigram,
  SP0,
  SPm1,
  SPm1P0,
  SPm2Pm1P0,
  SRm1,
  SRm1W0,
  SRm1P0,
  SCand,
  SLenP0,
  SComma,
  SQuote,
  EW,
  EWn,
  EBigram,
  EP,
  EPn,
  EPPn,
  EPPnPnn,
  ERn,
  ERnW,
  ERnP,
  ECand,
  ELenP,
  EAtEnd,
  EComma,
  EQuote,
  ELenW,
}

function lengthBucket(n: number): number {
  return n <= 4 ? n : n <= 6 ? 5 : n <= 9 ? 6 : 7;
}

/** What a cue boundary's features read: the tagger's feature state and the roles found around. */
export interface CueBoundContext {
  features: AttributionFeatures;
  /** Per token: NONE, SOURCE, CUE or CONTENT. */
  roles: Uint8Array;
  /** Running count of commas before each token (length: tokens + 1). */
  commasBefore: Int32Array;
}

export function cueBoundContext(features: AttributionFeatures, roles: Uint8Array): CueBoundContext {
  const tokens = features.tokens;
  const n = tokens.count;
  const commasBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    commasBefore[i + 1] = (commasBefore[i] as number) + (tokens.isChar(i, 44) ? 1 : 0);
  return { features, roles, commasBefore };
}

/** Roles of the tokens of `spans` (source, cue, content). */
export function cueRolesOf(
  tokens: TokenLayer,
  spans: readonly { role: string; from: number; to: number }[],
): Uint8Array {
  const roles = new Uint8Array(tokens.count);
  for (const sp of spans) {
    const r =
      sp.role === 'cue' ? CUE : sp.role === 'source' ? SOURCE : sp.role === 'content' ? CONTENT : NONE;
    if (r !== NONE) roles.fill(r, sp.from, sp.to);
  }
  return roles;
}

/**
 * The cue being placed, `[self0, self1)`: its own tokens read as NONE, so a candidate is judged by
 * what lies beyond it rather than by where the tagger put it.
 */
export interface Self {
  from: number;
  to: number;
}

function roleAt(c: CueBoundContext, i: number, from: number, to: number, self: Self): number {
  if (i < from || i >= to) return EDGE;
  if (i >= self.from && i < self.to) return NONE;
  return c.roles[i] as number;
}

function word(tokens: TokenLayer, i: number, from: number, to: number): number {
  return i < from || i >= to ? -1 : tokens.hash(i);
}

function commas(c: CueBoundContext, a: number, b: number): number {
  return b > a ? Math.min((c.commasBefore[b] as number) - (c.commasBefore[a] as number), 2) : 0;
}

/**
 * Features of a cue that starts at token `p` of sentence `s` (`[from, to)`) and ends before `end`,
 * written over `out` from its start (as `startFeatures`, content-bounds.ts).
 */
export function cueStartFeatures(
  c: CueBoundContext,
  s: number,
  from: number,
  to: number,
  p: number,
  end: number,
  self: Self,
  out: number[],
): void {
  const f = c.features;
  const tokens = f.tokens;
  const w0 = word(tokens, p, from, to);
  const wm1 = word(tokens, p - 1, from, to);
  const p0 = f.posAt(p, s, from, to);
  const pm1 = f.posAt(p - 1, s, from, to);
  const rm1 = roleAt(c, p - 1, from, to, self);
  let k = 0;
  out[k++] = featureKey(K.Bias, 0);
  out[k++] = featureKey(K.SW0, w0);
  out[k++] = featureKey(K.SWm1, wm1);
  out[k++] = featureKey2(K.SBigram, wm1, w0);
  out[k++] = featureKey(K.SP0, p0);
  out[k++] = featureKey(K.SPm1, pm1);
  out[k++] = featureKey2(K.SPm1P0, pm1, p0);
  out[k++] = featureKey2(K.SPm2Pm1P0, f.posAt(p - 2, s, from, to) * 256 + pm1, p0);
  out[k++] = featureKey(K.SRm1, rm1);
  out[k++] = featureKey2(K.SRm1W0, rm1, w0);
  out[k++] = featureKey2(K.SRm1P0, rm1, p0);
  out[k++] = featureKey(K.SCand, f.isCue[p] as number);
  out[k++] = featureKey2(K.SLenP0, lengthBucket(end - p), p0);
  out[k++] = featureKey(K.SComma, commas(c, p, end - 1));
  out[k++] = featureKey2(K.SQuote, p > from ? (f.quoted[p - 1] as number) : 3, f.quoted[p] as number);
  out.length = k;
}

/** Features of a cue that ends before token `q` of sentence `s` and starts at `start`, written over `out`. */
export function cueEndFeatures(
  c: CueBoundContext,
  s: number,
  from: number,
  to: number,
  q: number,
  start: number,
  self: Self,
  out: number[],
): void {
  const f = c.features;
  const tokens = f.tokens;
  const w = word(tokens, q - 1, from, to);
  const wn = word(tokens, q, from, to);
  const p = f.posAt(q - 1, s, from, to);
  const pn = f.posAt(q, s, from, to);
  const rn = roleAt(c, q, from, to, self);
  const len = lengthBucket(q - start);
  let k = 0;
  out[k++] = featureKey(K.Bias, 1);
  out[k++] = featureKey(K.EW, w);
  out[k++] = featureKey(K.EWn, wn);
  out[k++] = featureKey2(K.EBigram, w, wn);
  out[k++] = featureKey(K.EP, p);
  out[k++] = featureKey(K.EPn, pn);
  out[k++] = featureKey2(K.EPPn, p, pn);
  out[k++] = featureKey2(K.EPPnPnn, p * 256 + pn, f.posAt(q + 1, s, from, to));
  out[k++] = featureKey(K.ERn, rn);
  out[k++] = featureKey2(K.ERnW, rn, w);
  out[k++] = featureKey2(K.ERnP, rn, p);
  out[k++] = featureKey(K.ECand, f.isCue[q - 1] as number);
  out[k++] = featureKey2(K.ELenP, len, p);
  out[k++] = featureKey2(K.ELenW, Math.min(len, 3), w);
  out[k++] = featureKey2(K.EAtEnd, q === to ? 1 : 0, p);
  out[k++] = featureKey(K.EComma, commas(c, start + 1, q));
  out[k++] = featureKey2(K.EQuote, f.quoted[q - 1] as number, q < to ? (f.quoted[q] as number) : 3);
  out.length = k;
}

/**
 * Start candidates `[lo, hi]` of a cue `[a, b)` in the sentence `[from, to)`: back over up to
 * `CUE_START_BACK` tokens no other role holds, forward to the cue's last token.
 */
export function cueStartRange(c: CueBoundContext, from: number, a: number, b: number): [number, number] {
  let lo = a;
  while (lo > from && a - lo < CUE_START_BACK && c.roles[lo - 1] === NONE) lo--;
  return [lo, b - 1];
}

/** End candidates (exclusive) of a cue starting at `start` whose tagger end is `b`. */
export function cueEndRange(c: CueBoundContext, to: number, start: number, b: number): [number, number] {
  let hi = Math.max(b, start + 1);
  while (hi < to && hi - b < CUE_END_AHEAD && c.roles[hi] === NONE) hi++;
  return [start + 1, hi];
}

type Features = typeof cueStartFeatures;

/** The position in `[lo, hi]` the model scores highest (ties: the nearest to `seed`). */
export function bestCueBound(
  model: BoundsModel,
  c: CueBoundContext,
  s: number,
  lo: number,
  hi: number,
  other: number,
  seed: number,
  self: Self,
  features: Features,
  keys: number[] = [],
): number {
  const tokens = c.features.tokens;
  const from = tokens.sentenceFirst[s] as number;
  const to = tokens.sentenceFirst[s + 1] as number;
  return bestPosition(model, lo, hi, seed, keys, (p, out) => features(c, s, from, to, p, other, self, out));
}

let loaded: BoundsModel | undefined;

export function cueBoundsModel(): BoundsModel {
  loaded ??= loadBoundsModel(CUE_BOUNDS_MODEL, CUE_BOUND_FEATURE_VERSION, 'cue bounds', 'train:cue-bounds');
  return loaded;
}

/**
 * Moves each cue span's start and end to the model's best boundary near the tagger's (in place),
 * within its sentence and never over a token the tagger gave another role.
 */
export function refineCues(
  features: AttributionFeatures,
  spans: RoleSpan[],
  model: BoundsModel = cueBoundsModel(),
): void {
  const tokens = features.tokens;
  const c = cueBoundContext(features, cueRolesOf(tokens, spans));
  const keys: number[] = [];
  for (const sp of spans) {
    if (sp.role !== 'cue') continue;
    const s = sp.sentence;
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    const a = sp.from;
    const b = Math.min(sp.to, to);
    if (b <= a) continue;
    const self: Self = { from: a, to: b };
    const [slo, shi] = cueStartRange(c, from, a, b);
    const start = bestCueBound(model, c, s, slo, shi, b, a, self, cueStartFeatures, keys);
    const [elo, ehi] = cueEndRange(c, to, start, b);
    const end = bestCueBound(
      model,
      c,
      s,
      elo,
      ehi,
      start,
      Math.max(b, start + 1),
      self,
      cueEndFeatures,
      keys,
    );
    if (start >= end || (start === a && end === b)) continue;
    c.roles.fill(NONE, a, b);
    c.roles.fill(CUE, start, end);
    sp.from = start;
    sp.to = end;
    sp.start = tokens.start(start);
    sp.end = tokens.end(end - 1);
  }
}
