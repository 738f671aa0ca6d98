import type { FeatureResources } from '../../../core/ml/features.js';
import { featureKey, featureKey2 } from '../../../core/ml/hash.js';
import type { PosTagger } from '../../../core/ml/pos-tagger.js';
import type { TokenLayer, TokenSet } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';

/**
 * Features for the second attribution pass (`models/quotes-stack-1`): the first pass's features
 * plus what the first pass (`models/quotes-3`) tagged, so a decision can read the roles of the
 * whole sentence rather than a window of words — a cue candidate with a content tagged on both
 * sides of it is mostly a report nested in another's content ("a finish that he said defied
 * expectations"), which PolNeAR leaves inside the outer content; a sentence given a content and
 * a source but no cue lacks one. Trained on first-pass tags of taggers that never saw the
 * sentence (`scripts/train-quotes.ts --stack`), so the second pass learns how far to trust them.
 *
 * With no first-pass tags set (`firstTags` null) the keys are exactly `AttributionFeatures`'s, so
 * one object serves both passes. Bump `STACK_FEATURE_VERSION` when what is computed here changes.
 */
export const STACK_FEATURE_VERSION = 2;

enum K {
  R0 = 160,
  Rm1,
  Rp1,
  Rm2,
  Rp2,
  Rm1R0,
  R0Rp1,
  R0W0,
  Counts,
  Around,
  LeftCue,
  RightCue,
  PreviousEnd,
  CueRole,
  BridgeLeft,
  BridgeRight,
  Wm1R0,
  Wp1R0,
  LeftCueWord,
  RightCueWord,
}

/** Outside the sentence. */
const EDGE = 15;

/** The role of a BILOU tag index of the attribution tag set: 0 none, 1 source, 2 cue, 3 content. */
export function roleOfTag(tag: number): number {
  return tag <= 0 ? 0 : ((tag - 1) >> 2) + 1;
}

function bucket(d: number): number {
  if (d <= 2) return d;
  if (d <= 4) return 3;
  if (d <= 8) return 4;
  return 5;
}

export class StackedAttributionFeatures extends AttributionFeatures {
  /** The first pass's tag of every token (0 where it did not tag), or null: no stacked keys. */
  #first: Int32Array | null = null;
  /** Per sentence: first-pass cues (≤ 3), sources (≤ 1), contents (≤ 2), packed. */
  #counts = new Int32Array(0);
  /** Per token: a first-pass content before it in its sentence (1), after it (2), both (3). */
  #around = new Uint8Array(0);
  /** Per token: distance to the nearest first-pass cue token before / after it in its sentence (-1: none). */
  #leftCue = new Int32Array(0);
  #rightCue = new Int32Array(0);
  /** Per token: the last first-pass content token before it / the first after it in its sentence (-1: none). */
  #contentBefore = new Int32Array(0);
  #contentAfter = new Int32Array(0);

  constructor(
    tokens: TokenLayer,
    resources: FeatureResources,
    cues: TokenSet,
    paragraphStarts?: ReadonlySet<number>,
    pos?: PosTagger | null,
  ) {
    super(tokens, resources, cues, paragraphStarts, pos);
  }

  get firstTags(): Int32Array | null {
    return this.#first;
  }

  /** Sets the first pass's tags (one per token of the layer) and what the keys read from them; null clears them. */
  setFirstTags(tags: Int32Array | null): void {
    this.#first = tags;
    if (!tags) return;
    const tokens = this.tokens;
    const n = tokens.count;
    if (tags.length !== n) throw new Error(`setFirstTags: ${tags.length} tags for ${n} tokens`);
    this.#counts = new Int32Array(tokens.sentences);
    this.#around = new Uint8Array(n);
    this.#leftCue = new Int32Array(n).fill(-1);
    this.#rightCue = new Int32Array(n).fill(-1);
    this.#contentBefore = new Int32Array(n).fill(-1);
    this.#contentAfter = new Int32Array(n).fill(-1);
    for (let s = 0; s < tokens.sentences; s++) {
      const from = tokens.sentenceFirst[s] as number;
      const to = tokens.sentenceFirst[s + 1] as number;
      let cues = 0;
      let sources = 0;
      let contents = 0;
      let seenContent = false;
      let lastCue = -1;
      let lastContent = -1;
      for (let i = from; i < to; i++) {
        const t = tags[i] as number;
        this.#contentBefore[i] = lastContent;
        const r = roleOfTag(t);
        // Count spans by their first tag (B or U: odd offsets 1 and 4 within a role's block).
        const opens = r > 0 && ((t - 1) & 3) % 3 === 0;
        if (opens && r === 1) sources++;
        if (opens && r === 2) cues++;
        if (opens && r === 3) contents++;
        if (seenContent && r !== 3) this.#around[i] = 1;
        if (r === 3) seenContent = true;
        this.#leftCue[i] = lastCue < 0 ? -1 : i - lastCue;
        if (r === 2) lastCue = i;
        if (r === 3) lastContent = i;
      }
      seenContent = false;
      lastCue = -1;
      let nextContent = -1;
      for (let i = to - 1; i >= from; i--) {
        const r = roleOfTag(tags[i] as number);
        this.#contentAfter[i] = nextContent;
        if (r === 3) nextContent = i;
        if (seenContent && r !== 3) this.#around[i] = (this.#around[i] as number) | 2;
        if (r === 3) seenContent = true;
        this.#rightCue[i] = lastCue < 0 ? -1 : lastCue - i;
        if (r === 2) lastCue = i;
      }
      this.#counts[s] = Math.min(cues, 3) * 16 + Math.min(sources, 1) * 4 + Math.min(contents, 2);
    }
  }

  override extract(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    return this.#stacked(i, s, from, to, out, super.extract(i, s, from, to, out, at));
  }

  override extractContext(
    i: number,
    s: number,
    from: number,
    to: number,
    out: Int32Array,
    at: number,
  ): number {
    return this.#stacked(i, s, from, to, out, super.extractContext(i, s, from, to, out, at));
  }

  /** The first pass's `extractLocal`, then the stacked keys that read a word (the rest are in `keyGroups`). */
  override extractLocal(i: number, s: number, from: number, to: number, out: Int32Array, at: number): number {
    return this.#stackedLocal(i, from, to, out, super.extractLocal(i, s, from, to, out, at));
  }

  /**
   * The first pass's groups, and with first-pass tags set two more: the tags at -2 … +2 (tag
   * groups), and the role with the sentence's counts, the contents around, the cue distances and
   * how the sentence before ended.
   */
  override get keyGroups(): number {
    return super.keyGroups + (this.#first ? 2 : 0);
  }

  override groupValue(g: number, i: number, s: number, from: number, to: number): number {
    const own = super.keyGroups;
    if (g < own) return super.groupValue(g, i, s, from, to);
    const first = this.#first as Int32Array;
    const t0 = first[i] as number;
    if (g === own) {
      return (
        t0 |
        (this.#tagAt(i - 1, from, to) << 4) |
        (this.#tagAt(i + 1, from, to) << 8) |
        (this.#tagAt(i - 2, from, to) << 12) |
        (this.#tagAt(i + 2, from, to) << 16)
      );
    }
    const l = this.#leftCue[i] as number;
    const r = this.#rightCue[i] as number;
    const previous = from > 0 ? roleOfTag(first[from - 1] as number) : 0;
    return (
      roleOfTag(t0) |
      ((this.#counts[s] as number) << 2) |
      ((this.#around[i] as number) << 8) |
      ((this.isCue[i] as number) << 10) |
      ((l < 0 ? 7 : bucket(l)) << 11) |
      ((r < 0 ? 7 : bucket(r)) << 14) |
      (previous << 17)
    );
  }

  override groupKeys(g: number, v: number, out: Int32Array, at: number): number {
    const own = super.keyGroups;
    if (g < own) return super.groupKeys(g, v, out, at);
    if (g === own) {
      const t0 = v & 15;
      const tm1 = (v >>> 4) & 15;
      const tp1 = (v >>> 8) & 15;
      out[at++] = featureKey(K.R0, t0);
      out[at++] = featureKey(K.Rm1, tm1);
      out[at++] = featureKey(K.Rp1, tp1);
      out[at++] = featureKey(K.Rm2, (v >>> 12) & 15);
      out[at++] = featureKey(K.Rp2, (v >>> 16) & 15);
      out[at++] = featureKey2(K.Rm1R0, tm1, t0);
      out[at++] = featureKey2(K.R0Rp1, t0, tp1);
      return at;
    }
    const r0 = v & 3;
    out[at++] = featureKey2(K.Counts, (v >>> 2) & 63, r0);
    out[at++] = featureKey2(K.Around, ((v >>> 8) & 3) * 4 + r0, (v >>> 10) & 1);
    out[at++] = featureKey2(K.LeftCue, (v >>> 11) & 7, r0);
    out[at++] = featureKey2(K.RightCue, (v >>> 14) & 7, r0);
    out[at++] = featureKey2(K.PreviousEnd, (v >>> 17) & 3, r0);
    return at;
  }

  /** The keys of `#stacked` that read a word: the rest are the two stacked groups' (`keyGroups`). */
  #stackedLocal(i: number, from: number, to: number, out: Int32Array, k: number): number {
    const first = this.#first;
    if (!first) return k;
    const t0 = first[i] as number;
    out[k++] = featureKey2(K.R0W0, t0, this.tokens.hash(i));
    return this.#wordsAround(i, from, to, t0, out, k);
  }

  /**
   * The last keys of `#stacked`, each reading a word: the cue's own with its surroundings, the words
   * that end the content before and open the one after, the neighbours' and the nearest cues' words.
   */
  #wordsAround(i: number, from: number, to: number, t0: number, out: Int32Array, k: number): number {
    const r0 = roleOfTag(t0);
    const tokens = this.tokens;
    const around = this.#around[i] as number;
    if (this.isCue[i]) out[k++] = featureKey2(K.CueRole, tokens.hash(i), around * 4 + r0);
    // Outside a content, the words that end the content before and open the one after: "a finish
    // that | he said | defied" (a nested report) against "“…,” | he said | “…”".
    if (r0 !== 3) {
      const b = this.#contentBefore[i] as number;
      const a = this.#contentAfter[i] as number;
      if (b >= 0) out[k++] = featureKey2(K.BridgeLeft, tokens.hash(b), r0 * 4 + (a >= 0 ? 1 : 0));
      if (a >= 0) out[k++] = featureKey2(K.BridgeRight, tokens.hash(a), r0 * 4 + (b >= 0 ? 1 : 0));
    }
    out[k++] = featureKey2(K.Wm1R0, i > from ? tokens.hash(i - 1) : 0, t0);
    out[k++] = featureKey2(K.Wp1R0, i + 1 < to ? tokens.hash(i + 1) : 0, t0);
    const l = this.#leftCue[i] as number;
    const r = this.#rightCue[i] as number;
    if (l > 0) out[k++] = featureKey2(K.LeftCueWord, tokens.hash(i - l), r0);
    if (r > 0) out[k++] = featureKey2(K.RightCueWord, tokens.hash(i + r), r0);
    return k;
  }

  /** Neighbours' keys split off as the first pass's are (`AttributionFeatures.splitsNeighbourKeys`). */
  override get splitsNeighbourKeys(): boolean {
    return this.extractContext === StackedAttributionFeatures.prototype.extractContext;
  }

  /** The own keys are the first pass's (a word's surface alone), so a model may still reuse their scores. */
  override get splitsOwnKeys(): boolean {
    return true;
  }

  #tagAt(i: number, from: number, to: number): number {
    return i < from || i >= to ? EDGE : ((this.#first as Int32Array)[i] as number);
  }

  #stacked(i: number, s: number, from: number, to: number, out: Int32Array, k: number): number {
    const first = this.#first;
    if (!first) return k;
    const t0 = first[i] as number;
    const tm1 = this.#tagAt(i - 1, from, to);
    const tp1 = this.#tagAt(i + 1, from, to);
    const r0 = roleOfTag(t0);
    out[k++] = featureKey(K.R0, t0);
    out[k++] = featureKey(K.Rm1, tm1);
    out[k++] = featureKey(K.Rp1, tp1);
    out[k++] = featureKey(K.Rm2, this.#tagAt(i - 2, from, to));
    out[k++] = featureKey(K.Rp2, this.#tagAt(i + 2, from, to));
    out[k++] = featureKey2(K.Rm1R0, tm1, t0);
    out[k++] = featureKey2(K.R0Rp1, t0, tp1);
    out[k++] = featureKey2(K.R0W0, t0, this.tokens.hash(i));
    out[k++] = featureKey2(K.Counts, this.#counts[s] as number, r0);
    const around = this.#around[i] as number;
    out[k++] = featureKey2(K.Around, around * 4 + r0, this.isCue[i] as number);
    const l = this.#leftCue[i] as number;
    const r = this.#rightCue[i] as number;
    out[k++] = featureKey2(K.LeftCue, l < 0 ? 7 : bucket(l), r0);
    out[k++] = featureKey2(K.RightCue, r < 0 ? 7 : bucket(r), r0);
    // How the sentence before ended (a content running on), for a sentence's own roles.
    const previous = from > 0 ? roleOfTag(first[from - 1] as number) : 0;
    out[k++] = featureKey2(K.PreviousEnd, previous, r0);
    return this.#wordsAround(i, from, to, t0, out, k);
  }
}
