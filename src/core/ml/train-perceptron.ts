import { type DocumentFeatures, MAX_FEATURES } from './features.js';
import type { FixedTags } from './fixed-tags.js';
import { KeyTable } from './hash.js';
import type { ModelParts } from './sequence-model.js';
import type { TagSet } from './tag-scheme.js';
import { viterbi } from './viterbi.js';

/**
 * Structured averaged perceptron (Collins 2002) over the features of `features.ts`: decode each
 * training sentence with the current weights, and where the best sequence differs from the
 * gold one, add the gold tags' features and subtract the predicted ones'. The returned weights
 * are the average over every step (kept cheaply with the running sum of step × update).
 */

export interface TrainingSentence {
  doc: DocumentFeatures;
  /** Sentence number in `doc.tokens` and its tokens `[from, to)`. */
  s: number;
  from: number;
  to: number;
  gold: Int32Array;
}

export interface TrainOptions {
  tagSet: TagSet;
  sentences: readonly TrainingSentence[];
  /** Tokens whose tag is not learned (see `FixedTags`). */
  fixed: FixedTags;
  epochs: number;
  seed?: number;
  /**
   * Called after each epoch with the averaged weights so far; returns a score (higher is
   * better, e.g. F1 on a development set). The best epoch's weights are kept.
   */
  evaluate?: (parts: Averaged, epoch: number) => number;
  /** Stop after this many epochs without a better score. */
  patience?: number;
  log?: (line: string) => void;
}

/** Averaged weights, ready for `modelToBytes` or for scoring a development set. */
export interface Averaged {
  keys: Int32Array;
  weights: Float64Array;
  transitions: Float64Array;
}

interface Compiled {
  /** Feature keys of every token, `keys[offsets[t] … offsets[t + 1])` for token t of the sentence. */
  keys: Int32Array;
  offsets: Int32Array;
  fixed: Int32Array;
}

function compile(sentence: TrainingSentence, fixed: FixedTags): Compiled {
  const { doc, s, from, to } = sentence;
  const len = to - from;
  const buf = new Int32Array(len * MAX_FEATURES);
  const offsets = new Int32Array(len + 1);
  const fixedTags = new Int32Array(len).fill(-1);
  let at = 0;
  for (let i = from; i < to; i++) {
    offsets[i - from] = at;
    const f = fixed.tagOf(doc.tokens, i);
    if (f >= 0) {
      fixedTags[i - from] = f;
      continue;
    }
    at = doc.extract(i, s, from, to, buf, at);
  }
  offsets[len] = at;
  return { keys: buf.slice(0, at), offsets, fixed: fixedTags };
}

/** Deterministic shuffle (mulberry32). */
function shuffle<T>(items: T[], seed: number): void {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

export function trainPerceptron(options: TrainOptions): {
  best: Averaged;
  bestEpoch: number;
  scores: number[];
} {
  const { tagSet, fixed } = options;
  const n = tagSet.tags.length;
  const log = options.log ?? (() => {});
  const items = options.sentences.map((s) => ({ gold: s.gold, c: compile(s, fixed) }));
  const table = new KeyTable(1 << 20);
  let w = new Float64Array(1 << 20);
  let u = new Float64Array(1 << 20);
  const tw = new Float64Array((n + 1) * n);
  const tu = new Float64Array((n + 1) * n);
  let step = 1;
  let maxLen = 0;
  for (const it of items) maxLen = Math.max(maxLen, it.gold.length);
  const em = new Float64Array(maxLen * n);
  const score = new Float64Array(maxLen * n);
  const back = new Int32Array(maxLen * n);
  const pred = new Int32Array(maxLen);

  const rowOf = (key: number): number => {
    const r = table.intern(key);
    if ((r + 1) * n > w.length) {
      const bigger = new Float64Array(w.length * 2);
      bigger.set(w);
      w = bigger;
      const biggerU = new Float64Array(u.length * 2);
      biggerU.set(u);
      u = biggerU;
    }
    return r;
  };

  const average = (): Averaged => {
    const rows = table.size;
    const keys = new Int32Array(rows);
    for (const [k, r] of table.entries()) keys[r] = k;
    const weights = new Float64Array(rows * n);
    for (let k = 0; k < rows * n; k++) weights[k] = (w[k] as number) - (u[k] as number) / step;
    const transitions = new Float64Array((n + 1) * n);
    for (let k = 0; k < transitions.length; k++)
      transitions[k] = (tw[k] as number) - (tu[k] as number) / step;
    return { keys, weights, transitions };
  };

  let best: Averaged | undefined;
  let bestScore = -Infinity;
  let bestEpoch = 0;
  const scores: number[] = [];
  const patience = options.patience ?? 3;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(items, (options.seed ?? 1) * 1000 + epoch);
    let errors = 0;
    let tokens = 0;
    for (const { gold, c } of items) {
      const len = gold.length;
      for (let t = 0; t < len; t++) {
        const base = t * n;
        const f = c.fixed[t] as number;
        if (f >= 0) {
          em.fill(-Infinity, base, base + n);
          em[base + f] = 0;
          continue;
        }
        em.fill(0, base, base + n);
        for (let k = c.offsets[t] as number; k < (c.offsets[t + 1] as number); k++) {
          const r = table.get(c.keys[k] as number);
          if (r < 0) continue;
          const row = r * n;
          for (let x = 0; x < n; x++) em[base + x] = (em[base + x] as number) + (w[row + x] as number);
        }
      }
      viterbi(em, len, tagSet, tw, score, back, pred);
      tokens += len;
      let differs = false;
      for (let t = 0; t < len; t++) {
        if (pred[t] !== gold[t]) {
          differs = true;
          errors++;
        }
      }
      if (differs) {
        for (let t = 0; t < len; t++) {
          const g = gold[t] as number;
          const p = pred[t] as number;
          const pg = t === 0 ? n : (gold[t - 1] as number);
          const pp = t === 0 ? n : (pred[t - 1] as number);
          if (g !== p || pg !== pp) {
            tw[pg * n + g] = (tw[pg * n + g] as number) + 1;
            tu[pg * n + g] = (tu[pg * n + g] as number) + step;
            tw[pp * n + p] = (tw[pp * n + p] as number) - 1;
            tu[pp * n + p] = (tu[pp * n + p] as number) - step;
          }
          if (g === p || (c.fixed[t] as number) >= 0) continue;
          for (let k = c.offsets[t] as number; k < (c.offsets[t + 1] as number); k++) {
            const row = rowOf(c.keys[k] as number) * n;
            w[row + g] = (w[row + g] as number) + 1;
            u[row + g] = (u[row + g] as number) + step;
            w[row + p] = (w[row + p] as number) - 1;
            u[row + p] = (u[row + p] as number) - step;
          }
        }
      }
      step++;
    }
    const avg = average();
    const sc = options.evaluate ? options.evaluate(avg, epoch) : epoch;
    scores.push(sc);
    log(
      `epoch ${epoch}: ${errors} token errors of ${tokens} in training, ${table.size} features, dev ${sc.toFixed(4)}`,
    );
    if (sc > bestScore) {
      bestScore = sc;
      best = avg;
      bestEpoch = epoch;
    } else if (epoch - bestEpoch >= patience) break;
  }
  return { best: best as Averaged, bestEpoch, scores };
}

/**
 * Drops features whose weights are all below `minWeight` in magnitude and keeps the largest
 * `maxFeatures` of the rest (by their largest weight), so the model file stays small.
 */
export function prune(avg: Averaged, n: number, minWeight: number, maxFeatures = Infinity): Averaged {
  const rows = avg.keys.length;
  const strength = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let t = 0; t < n; t++) m = Math.max(m, Math.abs(avg.weights[r * n + t] as number));
    strength[r] = m;
  }
  let keep: number[] = [];
  for (let r = 0; r < rows; r++) if ((strength[r] as number) >= minWeight) keep.push(r);
  if (keep.length > maxFeatures) {
    keep.sort((a, b) => (strength[b] as number) - (strength[a] as number));
    keep = keep.slice(0, maxFeatures);
    keep.sort((a, b) => a - b);
  }
  const keys = new Int32Array(keep.length);
  const weights = new Float64Array(keep.length * n);
  keep.forEach((r, k) => {
    keys[k] = avg.keys[r] as number;
    weights.set(avg.weights.subarray(r * n, r * n + n), k * n);
  });
  return { keys, weights, transitions: avg.transitions };
}

/** Averaged weights as `ModelParts` (with the header the caller writes). */
export function toParts(avg: Averaged, header: ModelParts['header'], fixed: FixedTags): ModelParts {
  return { header, keys: avg.keys, weights: avg.weights, transitions: avg.transitions, fixed };
}
