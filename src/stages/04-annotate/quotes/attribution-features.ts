import { DocumentFeatures, type FeatureResources, padOf } from '../../../core/ml/features.js';
import { featureKey, featureKey2 } from '../../../core/ml/hash.js';
import { type PartsOfSpeech, type PosTagger, partsOfSpeech, posTagger } from '../../../core/ml/pos-tagger.js';
import { hashString, PUNCT, type TokenLayer, type TokenSet, WORD } from '../../../core/tokens.js';

/**
 * Features for the attribution tagger (source, cue and content spans, `models/quotes-3`): a lean
 * set of the name tagger's token templates, written by `core/ml/features.ts` (words ±2, word
 * bigrams, shapes ±1, a three-letter suffix, two cluster granularities and the neighbours'
 * clusters — every token of a sentence is scored, so each feature costs), the part of speech of
 * the token and its neighbours (`models/pos-1`, tagged only in the sentences the attribution
 * tagger visits), plus what a reader of reported speech looks at beyond that window:
 * - whether the token sits inside quotation marks (tracked through the paragraph, so a quote
 *   that runs over several sentences stays open), and the marks themselves;
 * - the nearest cue candidate on either side in the sentence (a word that headed a cue in the
 *   training data: "said", "according", "told"), its word and its distance, and whether a comma
 *   or a quotation mark stands between;
 * - the number of cue candidates in the sentence, and whether the sentence is short;
 * - how far the sentence's end is (a content mostly runs to it).
 *
 * Bump `ATTRIBUTION_FEATURE_VERSION` when what is computed here changes: a model trained on
 * another version refuses to load.
 */
export const ATTRIBUTION_FEATURE_VERSION = 4;

enum A {
  Bias = 61,
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
  Suf3,
  C0a,
  C0b,
  Cm1,
  Cp1,
  First,
  Quote = 101,
  QuoteW,
  QuoteMark,
  LeftCue,
  LeftCueW,
  RightCue,
  RightCueW,
  LeftCueComma,
  RightCueComma,
  CueCount,
  IsCue,
  IsCueQuote,
  LeftRight,
  SentenceLength,
  AfterThat,
  ToEnd,
  P0,
  Pm1P0,
  P0Pp1,
  P0Cues,
  P0Quote,
}

/** Part of speech outside the sentence. */
const NO_POS = 255;

const THAT = hashString('that');

const OPEN = 0x201c;
const CLOSE = 0x201d;
const STRAIGHT = 0x22;

function distanceBucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 13) return 6;
  if (d <= 21) return 7;
  return 8;
}

export class AttributionFeatures extends DocumentFeatures {
  /** 1 inside quotation marks, 2 a mark that opens or closes one, 0 outside. */
  readonly quoted: Uint8Array;
  /** Nearest cue candidate before (after) each token in its sentence, -1 when none. */
  readonly leftCue: Int32Array;
  readonly rightCue: Int32Array;
  /** A comma or quotation mark between the token and its nearest cue candidate on that side. */
  readonly leftBreak: Uint8Array;
  readonly rightBreak: Uint8Array;
  /** Cue candidates in each sentence. */
  readonly cueCount: Int32Array;
  readonly isCue: Uint8Array;
  /** Parts of speech (`models/pos-1`, exact decoding), the document's shared layer. */
  readonly #pos: PartsOfSpeech | null;
  /** Sentence numbers that open a paragraph, when known. */
  readonly paragraphStarts: ReadonlySet<number> | undefined;

  /**
   * `paragraphStarts`: sentence numbers that open a paragraph (quotation state starts afresh
   * there); without it, at every sentence.
   */
  constructor(
    tokens: TokenLayer,
    resources: FeatureResources,
    cues: TokenSet,
    paragraphStarts?: ReadonlySet<number>,
    /** The part-of-speech tagger, or null for a model trained without part-of-speech features. */
    pos: PosTagger | null = posTagger(),
  ) {
    super(tokens, resources);
    this.paragraphStarts = paragraphStarts;
    const n = tokens.count;
    this.#pos = pos ? partsOfSpeech(tokens, pos) : null;
    this.quoted = new Uint8Array(n);
    this.leftCue = new Int32Array(n).fill(-1);
    this.rightCue = new Int32Array(n).fill(-1);
    this.leftBreak = new Uint8Array(n);
    this.rightBreak = new Uint8Array(n);
    this.isCue = new Uint8Array(n);
    const sentences = tokens.sentences;
    this.cueCount = new Int32Array(sentences);
    let open = false;
    for (let s = 0; s < sentences; s++) {
      const from = tokens.sentenceFirst[s] as number;
      const to = tokens.sentenceFirst[s + 1] as number;
      if (!paragraphStarts || paragraphStarts.has(s)) open = false;
      let count = 0;
      for (let i = from; i < to; i++) {
        if (tokens.kind(i) === PUNCT && tokens.end(i) === tokens.start(i) + 1) {
          const c = tokens.text.charCodeAt(tokens.start(i));
          if (c === OPEN || c === CLOSE || c === STRAIGHT) {
            this.quoted[i] = 2;
            open = c === OPEN ? true : c === CLOSE ? false : !open;
            continue;
          }
        }
        if (open) this.quoted[i] = 1;
        if (tokens.kind(i) === WORD && cues.hasToken(tokens, i)) {
          this.isCue[i] = 1;
          count++;
        }
      }
      this.cueCount[s] = count;
      let last = -1;
      let broken = 0;
      for (let i = from; i < to; i++) {
        this.leftCue[i] = last;
        this.leftBreak[i] = broken;
        if (this.isCue[i]) {
          last = i;
          broken = 0;
        } else if (this.#isBreak(i)) broken = 1;
      }
      last = -1;
      broken = 0;
      for (let i = to - 1; i >= from; i--) {
        this.rightCue[i] = last;
        this.rightBreak[i] = broken;
        if (this.isCue[i]) {
          last = i;
          broken = 0;
        } else if (this.#isBreak(i)) broken = 1;
      }
    }
  }

  #isBreak(i: number): boolean {
    return this.quoted[i] === 2 || this.tokens.isChar(i, 44) || this.tokens.isChar(i, 58);
  }

  /**
   * The part of speech of token `i` of sentence `s` (`[from, to)`), tagging the sentence on first
   * use; 255 outside the sentence or without a part-of-speech tagger.
   */
  posAt(i: number, s: number, from: number, to: number): number {
    return this.#posOf(i, s, from, to);
  }

  /** The part of speech of token `i` of sentence `s` (`[from, to)`), tagging the sentence on first use. */
  #posOf(i: number, s: number, from: number, to: number): number {
    const pos = this.#pos;
    if (i < from || i >= to || !pos) return NO_POS;
    return pos.exact(i, s);
  }

  override extract(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    let k = at;
    const tokens = this.tokens;
    out[k++] = featureKey(A.Bias, 0);
    k = this.wordWindow(i, from, to, out, k, A.W0);
    k = this.shapeWindow(i, from, to, out, k, A.S0);
    // The three-letter suffix alone (written under id `A.Suf3`).
    if (tokens.kind(i) === WORD && tokens.end(i) - tokens.start(i) > 3) {
      k = this.affixes(i, out, k, A.Suf3, 0, A.Suf3 - 2, 3, 3);
    }
    k = this.clusterWindow(i, from, to, out, k, A.C0a, A.Cm1, A.Cp1, false);
    return this.#contextTail(i, s, from, to, out, k);
  }

  /** Keys the name-tagger templates do not write: quotation, cues, position, parts of speech. */
  #contextTail(i: number, s: number, from: number, to: number, out: Int32Array, k: number): number {
    const tokens = this.tokens;
    const w0 = tokens.hash(i);
    if (i === from) out[k++] = featureKey(A.First, 0);
    const q = this.quoted[i] as number;
    out[k++] = featureKey(A.Quote, q);
    if (q === 2) {
      // Which side of the mark the words are on tells an opening mark from a closing one.
      const before = i > from ? (this.quoted[i - 1] as number) : 3;
      const after = i + 1 < to ? (this.quoted[i + 1] as number) : 3;
      out[k++] = featureKey2(A.QuoteMark, before, after);
    } else out[k++] = featureKey2(A.QuoteW, q, w0);
    const l = this.leftCue[i] as number;
    const r = this.rightCue[i] as number;
    const lb = l >= 0 ? distanceBucket(i - l) : 0;
    const rb = r >= 0 ? distanceBucket(r - i) : 0;
    out[k++] = featureKey(A.LeftCue, lb);
    out[k++] = featureKey(A.RightCue, rb);
    out[k++] = featureKey2(A.LeftRight, lb * 16 + rb, q);
    if (l >= 0) {
      out[k++] = featureKey2(A.LeftCueW, tokens.hash(l), Math.min(lb, 4));
      out[k++] = featureKey2(A.LeftCueComma, this.leftBreak[i] as number, lb);
    }
    if (r >= 0) {
      out[k++] = featureKey2(A.RightCueW, tokens.hash(r), Math.min(rb, 4));
      out[k++] = featureKey2(A.RightCueComma, this.rightBreak[i] as number, rb);
    }
    out[k++] = featureKey(A.CueCount, Math.min(this.cueCount[s] as number, 4));
    if (this.isCue[i]) {
      out[k++] = featureKey2(A.IsCue, w0, q);
      out[k++] = featureKey2(A.IsCueQuote, (i > from ? (this.quoted[i - 1] as number) : 3) * 4 + q, w0);
    }
    out[k++] = featureKey(A.SentenceLength, distanceBucket(to - from));
    if (i > from && tokens.hash(i - 1) === THAT) out[k++] = featureKey2(A.AfterThat, lb, q);
    out[k++] = featureKey2(A.ToEnd, distanceBucket(to - 1 - i), q);
    if (!this.#pos) return k;
    const p0 = this.#posOf(i, s, from, to);
    out[k++] = featureKey(A.P0, p0);
    out[k++] = featureKey2(A.Pm1P0, this.#posOf(i - 1, s, from, to), p0);
    out[k++] = featureKey2(A.P0Pp1, p0, this.#posOf(i + 1, s, from, to));
    out[k++] = featureKey2(A.P0Cues, p0, Math.min(lb, 5) * 8 + Math.min(rb, 5));
    out[k++] = featureKey2(A.P0Quote, p0, q);
    return k;
  }

  /** `extract` split as `DocumentFeatures.splitsOwnKeys` says, for this class's `extract`. */
  override get splitsOwnKeys(): boolean {
    return this.extract === AttributionFeatures.prototype.extract;
  }

  override extractOwn(i: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    out[at++] = featureKey(A.Bias, 0);
    out[at++] = featureKey(A.W0, tokens.hash(i));
    out[at++] = featureKey(A.S0, this.shapeOf(i));
    if (tokens.kind(i) === WORD && tokens.end(i) - tokens.start(i) > 3) {
      at = this.affixes(i, out, at, A.Suf3, 0, A.Suf3 - 2, 3, 3);
    }
    const c0 = this.clusterOf(i);
    if (c0 !== 0) {
      out[at++] = featureKey(A.C0a, c0 & 1023);
      out[at++] = featureKey(A.C0a + 1, (c0 >>> 10) & 1023);
    }
    return at;
  }

  override extractContext(
    i: number,
    s: number,
    from: number,
    to: number,
    out: Int32Array,
    at: number,
  ): number {
    let k = this.wordContext(i, from, to, out, at, A.W0);
    k = this.shapeContext(i, from, to, out, k, A.S0);
    k = this.clusterContext(i, from, to, out, k, A.Cm1, A.Cp1, false);
    return this.#contextTail(i, s, from, to, out, k);
  }

  /**
   * `extractContext` split once more (`DocumentFeatures.splitsNeighbourKeys`): the word, shape and
   * cluster a neighbour gives (`neighbourKeys`, `edgeKeys`) apart from the rest (`extractLocal`), so
   * a model keeps the scores of a frequent word as a neighbour. True where `extractContext` is this
   * class's own.
   */
  override get splitsNeighbourKeys(): boolean {
    return this.extractContext === AttributionFeatures.prototype.extractContext;
  }

  /** The keys token `j` gives token `j - d` as its neighbour at offset `d` (-2, -1, +1, +2), `j` inside the sentence. */
  override neighbourKeys(j: number, d: number, out: Int32Array, at: number): number {
    const w = this.tokens.hash(j);
    if (d === -2 || d === 2) {
      out[at++] = featureKey(d < 0 ? A.Wm2 : A.Wp2, w);
      return at;
    }
    const before = d < 0;
    out[at++] = featureKey(before ? A.Wm1 : A.Wp1, w);
    out[at++] = featureKey(before ? A.Sm1 : A.Sp1, this.shapeOf(j));
    const c = this.clusterOf(j);
    if (c !== 0) out[at++] = featureKey(before ? A.Cm1 : A.Cp1, c & 1023);
    return at;
  }

  /** The keys of a neighbour at offset `d` (-2, -1, +1, +2) that falls outside the sentence. */
  override edgeKeys(d: number, out: Int32Array, at: number): number {
    const pad = padOf(d);
    if (d === -2 || d === 2) {
      out[at++] = featureKey(d < 0 ? A.Wm2 : A.Wp2, pad);
      return at;
    }
    out[at++] = featureKey(d < 0 ? A.Wm1 : A.Wp1, pad);
    out[at++] = featureKey(d < 0 ? A.Sm1 : A.Sp1, pad);
    return at;
  }

  /**
   * The keys of `extractContext` that neither `neighbourKeys` nor `edgeKeys` writes, less the
   * groups' (`keyGroups`): the bigrams and the tail's keys that read a word (the word inside or
   * next to a quotation, the cue words, a cue's own quotation state) and the tag bigram to the right.
   */
  override extractLocal(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    const tokens = this.tokens;
    const w0 = tokens.hash(i);
    out[at++] = featureKey2(A.Bm1, this.wordAt(i - 1, from, to), w0);
    out[at++] = featureKey2(A.Bp1, w0, this.wordAt(i + 1, from, to));
    const q = this.quoted[i] as number;
    if (q !== 2) out[at++] = featureKey2(A.QuoteW, q, w0);
    const l = this.leftCue[i] as number;
    const r = this.rightCue[i] as number;
    if (l >= 0) out[at++] = featureKey2(A.LeftCueW, tokens.hash(l), Math.min(distanceBucket(i - l), 4));
    if (r >= 0) out[at++] = featureKey2(A.RightCueW, tokens.hash(r), Math.min(distanceBucket(r - i), 4));
    if (this.isCue[i]) {
      out[at++] = featureKey2(A.IsCue, w0, q);
      out[at++] = featureKey2(A.IsCueQuote, (i > from ? (this.quoted[i - 1] as number) : 3) * 4 + q, w0);
    }
    // The tag bigram to the right stays here: with the one to the left, the tag trigram takes too
    // many values to keep (a third of them were not kept in a table of 2,048).
    if (this.#pos) {
      out[at++] = featureKey2(A.P0Pp1, this.#posOf(i, s, from, to), this.#posOf(i + 1, s, from, to));
    }
    return at;
  }

  /**
   * The tail's keys that read no word, in four groups (`DocumentFeatures.keyGroups`): 0 the
   * quotation state and the nearest cues' distances; 1 the position in the sentence and its cue
   * count; with parts of speech, 2 the tags at -1 and 0 and 3 the tag with the cue distances and
   * the quotation state.
   */
  override get keyGroups(): number {
    return this.#pos ? 4 : 2;
  }

  override groupValue(g: number, i: number, s: number, from: number, to: number): number {
    const q = this.quoted[i] as number;
    if (g === 1) {
      return (
        (i === from ? 1 : 0) |
        (Math.min(this.cueCount[s] as number, 4) << 1) |
        (distanceBucket(to - from) << 4) |
        (distanceBucket(to - 1 - i) << 8) |
        (q << 12)
      );
    }
    const l = this.leftCue[i] as number;
    const r = this.rightCue[i] as number;
    const lb = l >= 0 ? distanceBucket(i - l) : 0;
    const rb = r >= 0 ? distanceBucket(r - i) : 0;
    if (g === 0) {
      const before = q === 2 ? (i > from ? (this.quoted[i - 1] as number) : 3) : 0;
      const after = q === 2 ? (i + 1 < to ? (this.quoted[i + 1] as number) : 3) : 0;
      const that = i > from && this.tokens.hash(i - 1) === THAT ? 1 : 0;
      return (
        q |
        (before << 2) |
        (after << 4) |
        (lb << 6) |
        (rb << 10) |
        ((l >= 0 ? (this.leftBreak[i] as number) : 0) << 14) |
        ((r >= 0 ? (this.rightBreak[i] as number) : 0) << 15) |
        (that << 16)
      );
    }
    const p0 = this.#posOf(i, s, from, to);
    if (g === 2) return p0 | (this.#posOf(i - 1, s, from, to) << 8);
    return p0 | (Math.min(lb, 5) << 8) | (Math.min(rb, 5) << 11) | (q << 14);
  }

  override groupKeys(g: number, v: number, out: Int32Array, at: number): number {
    if (g === 0) {
      const q = v & 3;
      const lb = (v >>> 6) & 15;
      const rb = (v >>> 10) & 15;
      out[at++] = featureKey(A.Quote, q);
      if (q === 2) out[at++] = featureKey2(A.QuoteMark, (v >>> 2) & 3, (v >>> 4) & 3);
      out[at++] = featureKey(A.LeftCue, lb);
      out[at++] = featureKey(A.RightCue, rb);
      out[at++] = featureKey2(A.LeftRight, lb * 16 + rb, q);
      if (lb > 0) out[at++] = featureKey2(A.LeftCueComma, (v >>> 14) & 1, lb);
      if (rb > 0) out[at++] = featureKey2(A.RightCueComma, (v >>> 15) & 1, rb);
      if ((v >>> 16) & 1) out[at++] = featureKey2(A.AfterThat, lb, q);
      return at;
    }
    if (g === 1) {
      if (v & 1) out[at++] = featureKey(A.First, 0);
      out[at++] = featureKey(A.CueCount, (v >>> 1) & 7);
      out[at++] = featureKey(A.SentenceLength, (v >>> 4) & 15);
      out[at++] = featureKey2(A.ToEnd, (v >>> 8) & 15, (v >>> 12) & 3);
      return at;
    }
    const p0 = v & 255;
    if (g === 2) {
      out[at++] = featureKey(A.P0, p0);
      out[at++] = featureKey2(A.Pm1P0, (v >>> 8) & 255, p0);
      return at;
    }
    out[at++] = featureKey2(A.P0Cues, p0, ((v >>> 8) & 7) * 8 + ((v >>> 11) & 7));
    out[at++] = featureKey2(A.P0Quote, p0, (v >>> 14) & 3);
    return at;
  }
}
