import type { TagSet } from './tag-scheme.js';

/**
 * Best tag sequence under emission scores `em[i * n + t]` and transition scores
 * `trans[prev * n + cur]` (prev = n: the sentence start), over the transitions the tag set
 * allows. `score` and `back` are scratch of at least `len * n`. Writes tags to `out[at, at + len)`.
 *
 * The run may be a stretch of a sentence between tokens whose tags are fixed: `before` is the
 * tag of the token before it (n: the sentence start) and `after` the tag of the token after it
 * (-1: the sentence end). Decoding stretches apart is exact for a first-order model.
 *
 * `maxIn` (from `transitionMaxima`) makes exact decoding cheaper without changing its result: the
 * previous token's tags are visited best first, and the search for a tag stops as soon as no tag
 * left could reach the best sum found (its score plus the highest transition into the tag falls
 * below it; floating-point addition is monotone, so the bound holds for the rounded sums too).
 * Ties go to the lowest tag number, as in the plain loop, so the path is the same to the bit.
 */
export function viterbi(
  em: Float64Array,
  len: number,
  set: TagSet,
  trans: Float32Array | Float64Array,
  score: Float64Array,
  back: Int32Array,
  out: Int32Array,
  at = 0,
  before = set.tags.length,
  after = -1,
  beam = 0,
  maxIn?: Float64Array,
): void {
  const n = set.tags.length;
  const allowed = set.allowed;
  if (len === 0) return;
  // With a beam, each token looks back only at the best `beam` tags of the token before: n × beam
  // steps a token instead of n × n (45 part-of-speech tags: 180 instead of 2,025), nearly exact
  // for a tagger whose tags are sharply scored.
  const top = beam > 0 && beam < n ? topBuffer(beam) : undefined;
  const order = !top && maxIn && len > 1 ? orderBuffer(n) : undefined;
  const { from, fromAt } = predecessorsOf(set);
  for (let c = 0; c < n; c++) {
    score[c] = allowed[before * n + c] ? (em[c] as number) + (trans[before * n + c] as number) : -Infinity;
  }
  for (let i = 1; i < len; i++) {
    const row = i * n;
    const prevRow = row - n;
    if (top) {
      bestTags(score, prevRow, n, top);
      for (let c = 0; c < n; c++) {
        const e = em[row + c] as number;
        let best = -Infinity;
        let arg = top[0] as number;
        if (e !== -Infinity) {
          for (let k = 0; k < top.length; k++) {
            const p = top[k] as number;
            if (!allowed[p * n + c]) continue;
            const v = (score[prevRow + p] as number) + (trans[p * n + c] as number);
            if (v > best) {
              best = v;
              arg = p;
            }
          }
        }
        score[row + c] = best + e;
        back[row + c] = arg;
      }
      continue;
    }
    if (order) {
      // The previous token's tags that some path reaches (a finite score), best first: with a tag
      // dictionary most tags of a token are out (-Infinity), and a tag out of the search can change
      // neither the best sum nor, while no sum is found, the tag kept (0).
      let reached = 0;
      for (let p = 0; p < n; p++) {
        const v = score[prevRow + p] as number;
        if (v === -Infinity) continue;
        let j = reached++;
        while (j > 0 && (score[prevRow + (order[j - 1] as number)] as number) < v) {
          order[j] = order[j - 1] as number;
          j--;
        }
        order[j] = p;
      }
      for (let c = 0; c < n; c++) {
        const e = em[row + c] as number;
        if (e === -Infinity) {
          score[row + c] = -Infinity;
          back[row + c] = 0;
          continue;
        }
        const ceiling = maxIn?.[c] as number;
        let best = -Infinity;
        let arg = 0;
        for (let k = 0; k < reached; k++) {
          const p = order[k] as number;
          const sp = score[prevRow + p] as number;
          if (sp + ceiling < best) break;
          if (!allowed[p * n + c]) continue;
          const v = sp + (trans[p * n + c] as number);
          if (v > best || (v === best && p < arg)) {
            best = v;
            arg = p;
          }
        }
        score[row + c] = best + e;
        back[row + c] = arg;
      }
      continue;
    }
    for (let c = 0; c < n; c++) {
      const e = em[row + c] as number;
      if (e === -Infinity) {
        score[row + c] = -Infinity;
        back[row + c] = 0;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      const end = fromAt[c + 1] as number;
      for (let j = fromAt[c] as number; j < end; j++) {
        const p = from[j] as number;
        const v = (score[prevRow + p] as number) + (trans[p * n + c] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[row + c] = best + e;
      back[row + c] = arg;
    }
  }
  const last = (len - 1) * n;
  let best = -Infinity;
  let arg = 0;
  for (let c = 0; c < n; c++) {
    if (after < 0 ? !set.final[c] : !allowed[c * n + after]) continue;
    const v = (score[last + c] as number) + (after < 0 ? 0 : (trans[c * n + after] as number));
    if (v > best) {
      best = v;
      arg = c;
    }
  }
  // Nothing valid (every path blocked by fixed tags): fall back to the best last score.
  if (best === -Infinity) {
    for (let c = 0; c < n; c++) {
      if ((score[last + c] as number) > best) {
        best = score[last + c] as number;
        arg = c;
      }
    }
  }
  out[at + len - 1] = arg;
  for (let i = len - 1; i > 0; i--) {
    arg = back[i * n + arg] as number;
    out[at + i - 1] = arg;
  }
}

// Scratch of `viterbi`, kept between calls (a thread runs one call at a time): a run is often a
// few tokens, and two typed arrays a call were a good part of its cost and of the analysis's garbage.
const tops: Int32Array[] = [];
let orderScratch = new Int32Array(64);

/** The beam's scratch: exactly `beam` long, as `bestTags` fills all of it. */
function topBuffer(beam: number): Int32Array {
  let top = tops[beam];
  if (!top) {
    top = new Int32Array(beam);
    tops[beam] = top;
  }
  return top;
}

/** The previous tags' order (`viterbi` rewrites its first `n` before reading them). */
function orderBuffer(n: number): Int32Array {
  if (orderScratch.length < n) orderScratch = new Int32Array(n);
  return orderScratch;
}

interface Predecessors {
  /** The tags each tag may follow, ascending: tag `c`'s are `from[fromAt[c], fromAt[c + 1])`. */
  from: Int32Array;
  fromAt: Int32Array;
}

const predecessors = new WeakMap<TagSet, Predecessors>();

/**
 * The allowed transitions into each tag as a list, so the plain loop visits only those: BILOU
 * allows 97 of the 289 transitions of 17 tags (I- and L- follow only B- or I- of their type).
 * Visited in ascending order, as the loop over every tag did, so ties go the same way.
 */
function predecessorsOf(set: TagSet): Predecessors {
  const known = predecessors.get(set);
  if (known) return known;
  const n = set.tags.length;
  const fromAt = new Int32Array(n + 1);
  const list: number[] = [];
  for (let c = 0; c < n; c++) {
    fromAt[c] = list.length;
    for (let p = 0; p < n; p++) if (set.allowed[p * n + c]) list.push(p);
  }
  fromAt[n] = list.length;
  const made = { from: Int32Array.from(list), fromAt };
  predecessors.set(set, made);
  return made;
}

/** The indexes of the `top.length` highest scores in `score[row, row + n)`, best first. */
function bestTags(score: Float64Array, row: number, n: number, top: Int32Array): void {
  const k = top.length;
  let filled = 0;
  for (let t = 0; t < n; t++) {
    const v = score[row + t] as number;
    if (filled === k && v <= (score[row + (top[k - 1] as number)] as number)) continue;
    let j = filled < k ? filled++ : k - 1;
    while (j > 0 && (score[row + (top[j - 1] as number)] as number) < v) {
      top[j] = top[j - 1] as number;
      j--;
    }
    top[j] = t;
  }
  for (let j = filled; j < k; j++) top[j] = top[0] as number;
}

/**
 * For each tag, the highest transition score into it from any tag it may follow (not from the
 * sentence start): the bound `viterbi` prunes exact decoding with. Computed once per model.
 */
export function transitionMaxima(set: TagSet, trans: Float32Array | Float64Array): Float64Array {
  const n = set.tags.length;
  const out = new Float64Array(n).fill(-Infinity);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < n; c++) {
      if (!set.allowed[p * n + c]) continue;
      const t = trans[p * n + c] as number;
      if (t > (out[c] as number)) out[c] = t;
    }
  }
  return out;
}
