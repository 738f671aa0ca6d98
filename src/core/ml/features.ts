import type { PhraseMatcher } from '../text/phrase-matcher.js';
import { HashFilter, NUMBER, PUNCT, type TokenLayer, WORD } from '../tokens.js';
import { featureKey, featureKey2, hash32 } from './hash.js';

/**
 * The features of a token for the sequence models: the word and its neighbours (±2), word
 * shapes ("Xxxx", "X.X.", "dd"), prefixes and suffixes of one to four letters, the position in
 * the sentence, an all-caps sentence (a headline), word clusters learned from unlabelled news,
 * membership of phrase lists (gazetteers), the case the same word takes elsewhere in the
 * document, and the glued chunk the token belongs to ("U.S." is four layer tokens).
 *
 * Everything is computed from the shared token layer (`core/tokens.ts`), so training data is
 * tokenised by the same scanner the pipeline uses. Features are 32-bit keys (`hash.ts`); a model
 * looks them up in its own table and ignores the ones it never learned.
 *
 * Changing what a template computes changes the model's inputs: bump `FEATURE_VERSION`, and a
 * model trained on another version refuses to load.
 */
export const FEATURE_VERSION = 1;

/** What a model may draw on besides the tokens. */
export interface FeatureResources {
  /** Token hash (`TokenLayer.hash`) → up to three cluster ids, 10 bits each, each stored +1 (0: none). */
  clusters?: ReadonlyMap<number, number>;
  /** Phrase lists, the value of a phrase being the bitmask of the lists (at most 30) that hold it. */
  gazetteer?: PhraseMatcher<number>;
  /**
   * Token hash → how often unlabelled news writes the word in lowercase where its case is free
   * (`caseBucket`): "Besides" opening a sentence is a word that is lowercase elsewhere.
   */
  caseProfile?: ReadonlyMap<number, number>;
  /**
   * Mark sentences that are fragments (no closing . ! ?: a title, a list item, a headline) and
   * let the shape and position features differ there: capitalised words in a title are not
   * evidence of a name the way they are in running text.
   */
  fragments?: boolean;
}

/**
 * The bucket of a word's lowercase share (`FeatureResources.caseProfile`): 1 seen fewer than 5
 * times, then 2…6 for a lowercase share below 5%, 30%, 70%, 95%, and above.
 */
export function caseBucket(lowercase: number, capitalised: number): number {
  const n = lowercase + capitalised;
  if (n < 5) return 1;
  const share = lowercase / n;
  return share < 0.05 ? 2 : share < 0.3 ? 3 : share < 0.7 ? 4 : share < 0.95 ? 5 : 6;
}

enum T {
  Bias = 1,
  W0,
  Wm1,
  Wp1,
  Wm2,
  Wp2,
  Bm1,
  Bp1,
  S0,
  Sm1,
  Sp1,
  SSm1,
  SSp1,
  Sm2,
  Sp2,
  Pre1,
  Pre2,
  Pre3,
  Pre4,
  Suf1,
  Suf2,
  Suf3,
  Suf4,
  First,
  CapsSentence,
  C0a,
  C0b,
  C0c,
  Cm1a,
  Cm1c,
  Cp1a,
  Cp1c,
  Gaz0,
  Gazm1,
  Gazp1,
  DocCase,
  Chunk,
  W0Cased,
  CaseFree,
  CaseFreeNext,
  Frag,
  FragFirst,
  FragSS,
  FragCluster,
  FragPunct,
}

/** Upper bound on the keys one token yields (the caller's buffer). */
export const MAX_FEATURES = 128;

const BOS = hash32('<s>');
const EOS = hash32('</s>');
const NONE = hash32('<none>');

/** The word (and shape) value a window template reads at offset `d` outside the sentence. */
export function padOf(d: number): number {
  return d < 0 ? BOS : EOS;
}

// Case of a word elsewhere in the document (`docCase`).
const SEEN_LOWER = 1;
const SEEN_TITLE = 2;

function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** Class of a character for the word shape: X, x, d, or the character itself. */
function shapeClass(c: number): number {
  if (c >= 97 && c <= 122) return 2;
  if (c >= 65 && c <= 90) return 1;
  if (c >= 48 && c <= 57) return 3;
  if (c < 128) return c + 16;
  const s = String.fromCharCode(c);
  const l = s.toLowerCase();
  if (l !== s) return 1;
  if (s.toUpperCase() !== s) return 2;
  return 4;
}

/** A sentence whose last token is not . ! ? (or one of them and a closing quote or bracket). */
export function isFragment(tokens: TokenLayer, from: number, to: number): boolean {
  for (let i = to - 1; i >= from && i >= to - 3; i--) {
    if (tokens.kind(i) !== PUNCT) return true;
    if (tokens.isChar(i, 46) || tokens.isChar(i, 33) || tokens.isChar(i, 63)) return false;
  }
  return true;
}

/**
 * Per-document feature state: what the features of a token read from other tokens (shapes,
 * clusters, list membership, the case a word takes elsewhere), computed once per document
 * (shapes and clusters on first use: most tokens of a text are never scored, see `FixedTags`);
 * `extract` then writes one token's keys.
 */
export class DocumentFeatures {
  readonly tokens: TokenLayer;
  readonly #clusters: ReadonlyMap<number, number> | undefined;
  readonly #shape: Int32Array;
  /** Per token: 1 shape computed, 2 all capitals. */
  readonly #have: Uint8Array;
  /**
   * Per token: its packed clusters, -1 until looked up; one column per token layer and cluster map,
   * shared by every tagger whose features read the same map.
   */
  readonly #cluster: Int32Array;
  /** Gazetteer bitmask per token, and the token's position in the match (1 B, 2 I, 3 L, 4 U). */
  readonly gaz: Int32Array;
  readonly gazPos: Uint8Array;
  /** Per sentence: most of its words are in capitals (a headline, a dateline). */
  readonly capsSentence: Uint8Array;
  /**
   * Per sentence, with `FeatureResources.fragments`: 2 a sentence; a fragment (no closing . ! ?)
   * 1 when it is the whole document (a title, a list item standing alone), 3 when the document has
   * other sentences (an article's headline, a results line).
   */
  readonly fragment: Uint8Array | undefined;
  readonly #caseProfile: ReadonlyMap<number, number> | undefined;
  /** Case seen elsewhere, for the words the document capitalises somewhere. */
  readonly #docCase = new Map<number, number>();

  constructor(tokens: TokenLayer, resources: FeatureResources = {}) {
    this.tokens = tokens;
    this.#clusters = resources.clusters;
    this.#caseProfile = resources.caseProfile;
    const n = tokens.count;
    this.#shape = new Int32Array(n);
    this.#have = new Uint8Array(n);
    const clusters = resources.clusters;
    this.#cluster = clusters
      ? tokens.derived(clusters, () => new Int32Array(n).fill(-1))
      : new Int32Array(n).fill(-1);
    this.gaz = new Int32Array(n);
    this.gazPos = new Uint8Array(n);
    this.capsSentence = new Uint8Array(Math.max(0, tokens.sentenceFirst.length - 1));
    const sentences = tokens.sentenceFirst.length - 1;
    this.fragment = resources.fragments ? new Uint8Array(Math.max(0, sentences)) : undefined;
    const docCase = this.#docCase;
    for (let s = 0; s < sentences; s++) {
      const from = tokens.sentenceFirst[s] as number;
      const to = tokens.sentenceFirst[s + 1] as number;
      let words = 0;
      let caps = 0;
      for (let i = from; i < to; i++) {
        if (tokens.kind(i) !== WORD || tokens.end(i) - tokens.start(i) < 2) continue;
        words++;
        if (tokens.isUpper(i) && this.isAllCaps(i)) caps++;
      }
      const isCaps = words >= 2 && caps * 10 >= words * 6;
      if (this.fragment) this.fragment[s] = isFragment(tokens, from, to) ? (sentences === 1 ? 1 : 3) : 2;
      this.capsSentence[s] = isCaps ? 1 : 0;
      // A word's case elsewhere in the document: "JAPAN" in a headline is "Japan" in the body.
      let firstWord = true;
      for (let i = from; i < to; i++) {
        if (tokens.kind(i) !== WORD) continue;
        if (tokens.isUpper(i)) {
          const hh = tokens.hash(i);
          const title = !firstWord && !isCaps && !this.isAllCaps(i) ? SEEN_TITLE : 0;
          docCase.set(hh, (docCase.get(hh) ?? 0) | title);
        }
        firstWord = false;
      }
      const gazetteer = resources.gazetteer;
      if (gazetteer) {
        for (let i = from; i < to; ) {
          const m = gazetteer.match(tokens, i, to);
          if (!m) {
            i++;
            continue;
          }
          for (let k = 0; k < m.length; k++) {
            this.gaz[i + k] = m.value;
            this.gazPos[i + k] = m.length === 1 ? 4 : k === 0 ? 1 : k === m.length - 1 ? 3 : 2;
          }
          i += m.length;
        }
      }
    }
    if (docCase.size > 0) {
      const filter = new HashFilter(docCase.size);
      for (const h of docCase.keys()) filter.add(h);
      for (let i = 0; i < n; i++) {
        if (tokens.isUpper(i) || tokens.kind(i) !== WORD) continue;
        const hh = tokens.hash(i);
        if (!filter.mayHave(hh)) continue;
        const seen = docCase.get(hh);
        if (seen !== undefined) docCase.set(hh, seen | SEEN_LOWER);
      }
    }
  }

  /** Collapsed word shape hash of token `i` ("Xx", "X.X.", "d,d"). */
  shapeOf(i: number): number {
    if ((this.#have[i] as number) & 1) return this.#shape[i] as number;
    const tokens = this.tokens;
    const text = tokens.text;
    const start = tokens.start(i);
    const end = tokens.end(i);
    let h = 0x811c9dc5 | 0;
    let last = -1;
    let classes = 0;
    let upper = 0;
    for (let k = start; k < end && classes < 6; k++) {
      const c = shapeClass(text.charCodeAt(k));
      if (c === 1) upper++;
      if (c === last) continue;
      last = c;
      classes++;
      h = Math.imul(h ^ c, 16777619);
    }
    this.#shape[i] = h;
    this.#have[i] = (this.#have[i] as number) | 1 | (upper >= 2 && upper === end - start ? 2 : 0);
    return h;
  }

  /** The token is all capitals, two letters or more. */
  isAllCaps(i: number): boolean {
    this.shapeOf(i);
    return ((this.#have[i] as number) & 2) !== 0;
  }

  /** Packed cluster ids of token `i` (0: none). */
  clusterOf(i: number): number {
    const known = this.#cluster[i] as number;
    if (known >= 0) return known;
    const tokens = this.tokens;
    const c =
      this.#clusters !== undefined && tokens.kind(i) === WORD ? (this.#clusters.get(tokens.hash(i)) ?? 0) : 0;
    this.#cluster[i] = c;
    return c;
  }

  /** Token hash of `i`, or a padding value outside `[from, to)`. */
  #word(i: number, from: number, to: number): number {
    if (i < from) return BOS;
    if (i >= to) return EOS;
    return this.tokens.hash(i);
  }

  /** `tokens.hash(i)` inside `[from, to)`, the padding value (`padOf`) outside, as the word templates read it. */
  wordAt(i: number, from: number, to: number): number {
    return this.#word(i, from, to);
  }

  #shapeAt(i: number, from: number, to: number): number {
    if (i < from) return BOS;
    if (i >= to) return EOS;
    return this.shapeOf(i);
  }

  /**
   * Writes the feature keys of token `i` of sentence `s` (tokens `[from, to)`) into `out` from
   * `at`; returns the new end.
   */
  extract(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    const text = tokens.text;
    const w0 = tokens.hash(i);
    const s0 = this.shapeOf(i);
    const sm1 = this.#shapeAt(i - 1, from, to);
    const sp1 = this.#shapeAt(i + 1, from, to);
    const upper = tokens.isUpper(i) ? 1 : 0;
    out[at++] = featureKey(T.Bias, 0);
    at = this.wordWindow(i, from, to, out, at, T.W0);
    at = this.shapeWindow(i, from, to, out, at, T.S0);
    out[at++] = featureKey2(T.SSm1, sm1, s0);
    out[at++] = featureKey2(T.SSp1, s0, sp1);
    out[at++] = featureKey(T.Sm2, this.#shapeAt(i - 2, from, to));
    out[at++] = featureKey(T.Sp2, this.#shapeAt(i + 2, from, to));
    const start = tokens.start(i);
    const end = tokens.end(i);
    if (tokens.kind(i) === WORD) {
      at = this.affixes(i, out, at, T.Pre1, 4, T.Suf1, 1, 4);
      // The exact surface, for case distinctions the lowercase form loses ("US" / "us").
      if (upper) {
        let c = 0x811c9dc5 | 0;
        for (let k = start; k < end; k++) c = Math.imul(c ^ text.charCodeAt(k), 16777619);
        out[at++] = featureKey(T.W0Cased, c);
      }
    }
    if (i === from) out[at++] = featureKey(T.First, s0);
    if (this.capsSentence[s]) out[at++] = featureKey(T.CapsSentence, s0);
    const c0 = this.clusterOf(i);
    if (c0 === 0 && tokens.kind(i) === WORD) out[at++] = featureKey(T.C0a, NONE);
    at = this.clusterWindow(i, from, to, out, at, T.C0a, T.Cm1a, T.Cp1a, true);
    at = this.#gazetteerFeatures(i, from, to, out, at);
    at = this.#caseAndChunk(i, from, to, w0, upper, out, at);
    if (tokens.kind(i) === NUMBER) out[at++] = featureKey(T.W0, s0);
    return this.#caseFreeAndFragment(i, s, from, to, w0, s0, sm1, upper, out, at);
  }

  /**
   * `extract` split in two: the keys that depend on token `i`'s surface alone (`extractOwn`: the
   * bias, the word, its shape, affixes, exact surface and clusters) and the rest (`extractContext`:
   * neighbours, position, lists, the document). Together they write the same keys as `extract`, in
   * another order, so a model can keep the scores of a word's own keys and reuse them wherever the
   * word comes again (`SequenceModel`). True only where `extract` is this class's own: a subclass
   * with features of its own (the attribution tagger's) scores through `extract`.
   */
  get splitsOwnKeys(): boolean {
    return this.extract === DocumentFeatures.prototype.extract;
  }

  /** The keys of token `i` that its surface alone decides (see `splitsOwnKeys`). */
  extractOwn(i: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    const text = tokens.text;
    const s0 = this.shapeOf(i);
    out[at++] = featureKey(T.Bias, 0);
    out[at++] = featureKey(T.W0, tokens.hash(i));
    out[at++] = featureKey(T.S0, s0);
    if (tokens.kind(i) === WORD) {
      at = this.affixes(i, out, at, T.Pre1, 4, T.Suf1, 1, 4);
      if (tokens.isUpper(i)) {
        let c = 0x811c9dc5 | 0;
        for (let k = tokens.start(i); k < tokens.end(i); k++) c = Math.imul(c ^ text.charCodeAt(k), 16777619);
        out[at++] = featureKey(T.W0Cased, c);
      }
    }
    const c0 = this.clusterOf(i);
    if (c0 === 0 && tokens.kind(i) === WORD) out[at++] = featureKey(T.C0a, NONE);
    if (c0 !== 0) {
      out[at++] = featureKey(T.C0a, c0 & 1023);
      out[at++] = featureKey(T.C0a + 1, (c0 >>> 10) & 1023);
      out[at++] = featureKey(T.C0a + 2, (c0 >>> 20) & 1023);
    }
    if (tokens.kind(i) === NUMBER) out[at++] = featureKey(T.W0, s0);
    return at;
  }

  /** The keys of token `i` of sentence `s` that `extractOwn` does not write. */
  extractContext(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    const w0 = tokens.hash(i);
    const s0 = this.shapeOf(i);
    const sm1 = this.#shapeAt(i - 1, from, to);
    const sp1 = this.#shapeAt(i + 1, from, to);
    const upper = tokens.isUpper(i) ? 1 : 0;
    const wm1 = this.#word(i - 1, from, to);
    const wp1 = this.#word(i + 1, from, to);
    out[at++] = featureKey(T.Wm1, wm1);
    out[at++] = featureKey(T.Wp1, wp1);
    out[at++] = featureKey(T.Wm2, this.#word(i - 2, from, to));
    out[at++] = featureKey(T.Wp2, this.#word(i + 2, from, to));
    out[at++] = featureKey2(T.Bm1, wm1, w0);
    out[at++] = featureKey2(T.Bp1, w0, wp1);
    out[at++] = featureKey(T.Sm1, sm1);
    out[at++] = featureKey(T.Sp1, sp1);
    out[at++] = featureKey2(T.SSm1, sm1, s0);
    out[at++] = featureKey2(T.SSp1, s0, sp1);
    out[at++] = featureKey(T.Sm2, this.#shapeAt(i - 2, from, to));
    out[at++] = featureKey(T.Sp2, this.#shapeAt(i + 2, from, to));
    if (i === from) out[at++] = featureKey(T.First, s0);
    if (this.capsSentence[s]) out[at++] = featureKey(T.CapsSentence, s0);
    if (i > from) {
      const c = this.clusterOf(i - 1);
      if (c !== 0) {
        out[at++] = featureKey(T.Cm1a, c & 1023);
        out[at++] = featureKey(T.Cm1a + 1, (c >>> 20) & 1023);
      }
    }
    if (i + 1 < to) {
      const c = this.clusterOf(i + 1);
      if (c !== 0) {
        out[at++] = featureKey(T.Cp1a, c & 1023);
        out[at++] = featureKey(T.Cp1a + 1, (c >>> 20) & 1023);
      }
    }
    at = this.#gazetteerFeatures(i, from, to, out, at);
    at = this.#caseAndChunk(i, from, to, w0, upper, out, at);
    return this.#caseFreeAndFragment(i, s, from, to, w0, s0, sm1, upper, out, at);
  }

  /**
   * `extractContext` split once more, for a model that keeps scores by surface: the keys a
   * neighbour at offset `d` (-2, -1, +1, +2) gives token `i` depend on that neighbour's surface
   * alone (its word, shape and clusters: `neighbourKeys`), or are the same for every token when the
   * offset falls outside the sentence (`edgeKeys`); `extractLocal` writes the rest. Together they
   * write the keys of `extractContext`, in another order. True only where `extractContext` is this
   * class's own.
   */
  get splitsNeighbourKeys(): boolean {
    return this.extractContext === DocumentFeatures.prototype.extractContext;
  }

  /**
   * The keys token `j` gives token `j - d` as its neighbour at offset `d` (-2, -1, +1, +2: `j` is
   * `d` places after the token), `j` inside the sentence.
   */
  neighbourKeys(j: number, d: number, out: Int32Array, at: number): number {
    const w = this.tokens.hash(j);
    const shape = this.shapeOf(j);
    if (d === -1 || d === 1) {
      const before = d === -1;
      out[at++] = featureKey(before ? T.Wm1 : T.Wp1, w);
      out[at++] = featureKey(before ? T.Sm1 : T.Sp1, shape);
      const c = this.clusterOf(j);
      if (c !== 0) {
        const id = before ? T.Cm1a : T.Cp1a;
        out[at++] = featureKey(id, c & 1023);
        out[at++] = featureKey(id + 1, (c >>> 20) & 1023);
      }
      return at;
    }
    out[at++] = featureKey(d === -2 ? T.Wm2 : T.Wp2, w);
    out[at++] = featureKey(d === -2 ? T.Sm2 : T.Sp2, shape);
    return at;
  }

  /** The keys of a neighbour at offset `d` (-2, -1, +1, +2) that falls outside the sentence. */
  edgeKeys(d: number, out: Int32Array, at: number): number {
    const pad = d < 0 ? BOS : EOS;
    out[at++] = featureKey(d === -1 ? T.Wm1 : d === 1 ? T.Wp1 : d === -2 ? T.Wm2 : T.Wp2, pad);
    out[at++] = featureKey(d === -1 ? T.Sm1 : d === 1 ? T.Sp1 : d === -2 ? T.Sm2 : T.Sp2, pad);
    return at;
  }

  /** The keys of `extractContext` that neither `neighbourKeys` nor `edgeKeys` writes. */
  extractLocal(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    const w0 = tokens.hash(i);
    const s0 = this.shapeOf(i);
    const sm1 = this.#shapeAt(i - 1, from, to);
    const sp1 = this.#shapeAt(i + 1, from, to);
    const upper = tokens.isUpper(i) ? 1 : 0;
    out[at++] = featureKey2(T.Bm1, this.#word(i - 1, from, to), w0);
    out[at++] = featureKey2(T.Bp1, w0, this.#word(i + 1, from, to));
    out[at++] = featureKey2(T.SSm1, sm1, s0);
    out[at++] = featureKey2(T.SSp1, s0, sp1);
    if (i === from) out[at++] = featureKey(T.First, s0);
    if (this.capsSentence[s]) out[at++] = featureKey(T.CapsSentence, s0);
    at = this.#gazetteerFeatures(i, from, to, out, at);
    at = this.#caseAndChunk(i, from, to, w0, upper, out, at);
    return this.#caseFreeAndFragment(i, s, from, to, w0, s0, sm1, upper, out, at);
  }

  /**
   * Groups of keys that `extractLocal` leaves out, for a model that keeps scores by value
   * (`OwnScores.addGroup`): each group's keys are decided by one small number (`groupValue`, a
   * non-negative int32: a distance bucket, a quotation state, a few tags), which comes back at
   * token after token, so a model sums the group's rows once per value instead of once per token.
   * `extractLocal` and every group's `groupKeys` together write the keys `extractLocal` would
   * write with no groups. 0 here: the name and part-of-speech features have none.
   */
  get keyGroups(): number {
    return 0;
  }

  /** The value that decides the keys of group `g` for token `i` of sentence `s` (see `keyGroups`). */
  groupValue(_g: number, _i: number, _s: number, _from: number, _to: number): number {
    return 0;
  }

  /**
   * Writes the keys of group `g` whose value is `value` (`groupValue`): from the value alone, so the
   * same value always gives the same keys. Returns the new end.
   */
  groupKeys(_g: number, _value: number, _out: Int32Array, at: number): number {
    return at;
  }

  /**
   * The document's case sightings of the word (`DocCase`) and the glued chunk ("U.S.", "al-Qaeda",
   * "1996-08-22") when the token is part of one: keys of `extract` and `extractContext` alike.
   */
  #caseAndChunk(
    i: number,
    from: number,
    to: number,
    w0: number,
    upper: number,
    out: Int32Array,
    at: number,
  ): number {
    const tokens = this.tokens;
    const text = tokens.text;
    if (tokens.kind(i) === WORD) {
      // A lowercase token is itself a lowercase sighting.
      const seen = (this.#docCase.get(w0) ?? 0) | (upper ? 0 : SEEN_LOWER);
      out[at++] = featureKey(T.DocCase, seen * 4 + upper * 2 + (this.isAllCaps(i) ? 1 : 0));
    }
    let cFrom = i;
    while (cFrom > from && tokens.start(cFrom) === tokens.end(cFrom - 1) && i - cFrom < 6) cFrom--;
    let cTo = i + 1;
    while (cTo < to && tokens.start(cTo) === tokens.end(cTo - 1) && cTo - i < 6) cTo++;
    if (cTo - cFrom > 1) {
      let h = 0x811c9dc5 | 0;
      const cs = tokens.start(cFrom);
      const ce = tokens.end(cTo - 1);
      for (let k = cs; k < ce; k++) {
        const c = text.charCodeAt(k);
        h = Math.imul(h ^ (c >= 48 && c <= 57 ? 48 : lowerCode(c)), 16777619);
      }
      out[at++] = featureKey2(T.Chunk, h, i - cFrom);
    }
    return at;
  }

  /**
   * What the word is when its case is free, beside whether it is free here (a word in capitals throughout
   * is an acronym or a headline's: its case says nothing), and the keys of a headline-like fragment
   * (commas and brackets inside a name: "Sioux Falls, South Dakota" as a title): keys of `extract` and
   * `extractContext` alike.
   */
  #caseFreeAndFragment(
    i: number,
    s: number,
    from: number,
    to: number,
    w0: number,
    s0: number,
    sm1: number,
    upper: number,
    out: Int32Array,
    at: number,
  ): number {
    const tokens = this.tokens;
    if (this.#caseProfile !== undefined && tokens.kind(i) === WORD) {
      const b = !upper ? 7 : this.isAllCaps(i) ? 8 : (this.#caseProfile.get(w0) ?? 0);
      out[at++] = featureKey2(T.CaseFree, b, i === from ? 1 : 0);
      if (i + 1 < to && tokens.kind(i + 1) === WORD && tokens.isUpper(i + 1)) {
        out[at++] = featureKey2(T.CaseFreeNext, b, this.#caseProfile.get(tokens.hash(i + 1)) ?? 0);
      }
    }
    const frag = this.fragment?.[s];
    if (frag !== undefined) {
      out[at++] = featureKey2(T.Frag, frag, s0);
      if (i === from) out[at++] = featureKey2(T.FragFirst, frag, s0);
      out[at++] = featureKey2(T.FragSS, frag * 31 + sm1, s0);
      const c0 = this.clusterOf(i);
      if (c0 !== 0) out[at++] = featureKey2(T.FragCluster, frag, c0 & 1023);
      if (tokens.kind(i) === PUNCT) out[at++] = featureKey2(T.FragPunct, frag, w0);
    }
    return at;
  }

  /** The clusters this document's features read (a model keeps its own-key scores per map). */
  get clusters(): ReadonlyMap<number, number> | undefined {
    return this.#clusters;
  }

  // Templates shared by the taggers built on these features (names, parts of speech,
  // attributions). Each writes its keys under consecutive template ids from `id`, so a tagger
  // with templates of its own numbers them apart from these (ids are the high bits of a key).

  /** Words at -2…+2 and the two bigrams of the token: ids `id` (w0), +1 (w-1), +2 (w+1), +3 (w-2), +4 (w+2), +5 (w-1 w0), +6 (w0 w+1). */
  wordWindow(i: number, from: number, to: number, out: Int32Array, at: number, id: number): number {
    out[at++] = featureKey(id, this.tokens.hash(i));
    return this.wordContext(i, from, to, out, at, id);
  }

  /** `wordWindow` without the word itself: ids +1 … +6. */
  wordContext(i: number, from: number, to: number, out: Int32Array, at: number, id: number): number {
    const w0 = this.tokens.hash(i);
    const wm1 = this.#word(i - 1, from, to);
    const wp1 = this.#word(i + 1, from, to);
    out[at++] = featureKey(id + 1, wm1);
    out[at++] = featureKey(id + 2, wp1);
    out[at++] = featureKey(id + 3, this.#word(i - 2, from, to));
    out[at++] = featureKey(id + 4, this.#word(i + 2, from, to));
    out[at++] = featureKey2(id + 5, wm1, w0);
    out[at++] = featureKey2(id + 6, w0, wp1);
    return at;
  }

  /** Shapes of the token and its neighbours: ids `id` (s0), +1 (s-1), +2 (s+1). */
  shapeWindow(i: number, from: number, to: number, out: Int32Array, at: number, id: number): number {
    out[at++] = featureKey(id, this.shapeOf(i));
    return this.shapeContext(i, from, to, out, at, id);
  }

  /** `shapeWindow` without the token's own shape: ids +1, +2. */
  shapeContext(i: number, from: number, to: number, out: Int32Array, at: number, id: number): number {
    out[at++] = featureKey(id + 1, this.#shapeAt(i - 1, from, to));
    out[at++] = featureKey(id + 2, this.#shapeAt(i + 1, from, to));
    return at;
  }

  /**
   * Lowercase prefixes of 1…`prefixes` characters (ids `preId` + length - 1) and suffixes of
   * `minSuffix`…`maxSuffix` characters (ids `sufId` + length - 1), as far as the word is long.
   */
  affixes(
    i: number,
    out: Int32Array,
    at: number,
    preId: number,
    prefixes: number,
    sufId: number,
    minSuffix: number,
    maxSuffix: number,
  ): number {
    const tokens = this.tokens;
    const text = tokens.text;
    const start = tokens.start(i);
    const end = tokens.end(i);
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < prefixes && start + k < end; k++) {
      h = Math.imul(h ^ lowerCode(text.charCodeAt(start + k)), 16777619);
      out[at++] = featureKey(preId + k, h);
    }
    h = 0x811c9dc5 | 0;
    for (let k = 0; k < maxSuffix && end - 1 - k >= start; k++) {
      h = Math.imul(h ^ lowerCode(text.charCodeAt(end - 1 - k)), 16777619);
      if (k + 1 >= minSuffix) out[at++] = featureKey(sufId + k, h);
    }
    return at;
  }

  /**
   * Word clusters: the token's, at two granularities (ids `id`, `id` + 1) or three (+2, with
   * `fine`), and its neighbours' coarsest (`prevId`, `nextId`; with `fine` also the finest at
   * `prevId` + 1, `nextId` + 1).
   */
  clusterWindow(
    i: number,
    from: number,
    to: number,
    out: Int32Array,
    at: number,
    id: number,
    prevId: number,
    nextId: number,
    fine: boolean,
  ): number {
    const c0 = this.clusterOf(i);
    if (c0 !== 0) {
      out[at++] = featureKey(id, c0 & 1023);
      out[at++] = featureKey(id + 1, (c0 >>> 10) & 1023);
      if (fine) out[at++] = featureKey(id + 2, (c0 >>> 20) & 1023);
    }
    return this.clusterContext(i, from, to, out, at, prevId, nextId, fine);
  }

  /** `clusterWindow` without the token's own clusters: its neighbours'. */
  clusterContext(
    i: number,
    from: number,
    to: number,
    out: Int32Array,
    at: number,
    prevId: number,
    nextId: number,
    fine: boolean,
  ): number {
    if (i > from) {
      const c = this.clusterOf(i - 1);
      if (c !== 0) {
        out[at++] = featureKey(prevId, c & 1023);
        if (fine) out[at++] = featureKey(prevId + 1, (c >>> 20) & 1023);
      }
    }
    if (i + 1 < to) {
      const c = this.clusterOf(i + 1);
      if (c !== 0) {
        out[at++] = featureKey(nextId, c & 1023);
        if (fine) out[at++] = featureKey(nextId + 1, (c >>> 20) & 1023);
      }
    }
    return at;
  }

  #gazetteerFeatures(i: number, from: number, to: number, out: Int32Array, at: number): number {
    let g = this.gaz[i] as number;
    const pos = this.gazPos[i] as number;
    while (g !== 0) {
      const bit = 31 - Math.clz32(g);
      g &= ~(1 << bit);
      out[at++] = featureKey(T.Gaz0, bit * 8 + pos);
    }
    if (i > from) {
      let gm = this.gaz[i - 1] as number;
      while (gm !== 0) {
        const bit = 31 - Math.clz32(gm);
        gm &= ~(1 << bit);
        out[at++] = featureKey(T.Gazm1, bit);
      }
    }
    if (i + 1 < to) {
      let gp = this.gaz[i + 1] as number;
      while (gp !== 0) {
        const bit = 31 - Math.clz32(gp);
        gp &= ~(1 << bit);
        out[at++] = featureKey(T.Gazp1, bit);
      }
    }
    return at;
  }
}
