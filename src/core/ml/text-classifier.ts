import { seededRandom } from '../random.js';

/**
 * A sentence classifier without a neural runtime: multinomial logistic regression over sparse
 * features (lowercase words, word pairs, and whatever the caller adds: the rule that fired, the
 * actors' sectors), trained by stochastic gradient descent. Small enough to train in seconds from
 * a few thousand labelled sentences and to commit as a JSON model; scoring a sentence costs one
 * table look-up per feature and label.
 */

export interface TextClassifierModel {
  /** Model format version and name (e.g. `events-1`). */
  version: string;
  labels: string[];
  /** Feature names; feature k's weights are `weights[k * labels.length …]`. */
  features: string[];
  /** Weights, rounded to 1/1000, label-major within each feature. */
  weights: number[];
  bias: number[];
}

export interface TrainingExample {
  features: readonly string[];
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  /** Initial learning rate (decays as 1/(1 + t/n)). */
  rate?: number;
  /** L2 penalty per update. */
  l2?: number;
  /** Shuffle seed: training is deterministic for a given seed. */
  seed?: number;
  /** Drop features seen fewer times than this. */
  minCount?: number;
  /**
   * Weigh each example by n / (labels × examples of its label), so every label counts as much in
   * the loss as any other (rare labels are not drowned; macro F1 gains).
   */
  balanced?: boolean;
  version?: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Lowercase word, word-stem (the first five letters: "attacked", "attacks" → "attac") and word-pair
 * features of a text (at most `limit` words are read).
 */
export function textFeatures(text: string, limit = 200): string[] {
  const words = (text.toLowerCase().match(WORD) ?? []).slice(0, limit);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out.push(`w:${w}`);
    if (w.length > 5) out.push(`s:${w.slice(0, 5)}`);
    if (i > 0) out.push(`b:${words[i - 1]}_${w}`);
  }
  return out;
}

export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): TextClassifierModel {
  const {
    epochs = 12,
    rate = 0.2,
    l2 = 1e-6,
    seed = 7,
    minCount = 1,
    balanced = false,
    version = 'text-classifier',
  } = options;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f);
  const featureIndex = new Map(features.map((f, i) => [f, i]));
  const L = labels.length;
  const w = new Float64Array(features.length * L);
  const b = new Float64Array(L);
  const rows = examples.map((e) => ({
    x: [...new Set(e.features)].map((f) => featureIndex.get(f)).filter((k): k is number => k !== undefined),
    y: labelIndex.get(e.label) as number,
  }));
  const perLabel = new Float64Array(labels.length);
  for (const row of rows) perLabel[row.y] = (perLabel[row.y] as number) + 1;
  const weightOf = (y: number) => (balanced ? rows.length / (labels.length * (perLabel[y] as number)) : 1);
  const order = rows.map((_, i) => i);
  const random = seededRandom(seed);
  const p = new Float64Array(L);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const row = rows[r] as { x: number[]; y: number };
      const eta = rate / (1 + t / rows.length);
      t++;
      scoreInto(w, b, L, row.x, p);
      softmax(p);
      const weight = weightOf(row.y);
      for (let c = 0; c < L; c++) {
        const g = weight * ((p[c] as number) - (c === row.y ? 1 : 0));
        b[c] = (b[c] as number) - eta * g;
        if (g === 0) continue;
        for (const k of row.x) {
          const at = k * L + c;
          w[at] = (w[at] as number) * (1 - eta * l2) - eta * g;
        }
      }
    }
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { version, labels, features, weights: Array.from(w, round), bias: Array.from(b, round) };
}

function scoreInto(
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  L: number,
  x: readonly number[],
  out: Float64Array,
): void {
  for (let c = 0; c < L; c++) out[c] = b[c] as number;
  for (const k of x) for (let c = 0; c < L; c++) out[c] = (out[c] as number) + (w[k * L + c] as number);
}

function softmax(p: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of p) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    const e = Math.exp((p[c] as number) - max);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / sum;
}

/** A loaded model: feature names indexed once, weights as a typed array. */
export class TextClassifier {
  readonly labels: readonly string[];
  private readonly index: Map<string, number>;
  private readonly w: Float32Array;
  private readonly b: Float32Array;
  constructor(readonly model: TextClassifierModel) {
    this.labels = model.labels;
    this.index = new Map(model.features.map((f, i) => [f, i]));
    this.w = Float32Array.from(model.weights);
    this.b = Float32Array.from(model.bias);
    if (
      this.w.length !== model.features.length * model.labels.length ||
      this.b.length !== model.labels.length
    ) {
      throw new Error(
        `TextClassifier: model ${model.version} has ${this.w.length} weights for ${model.features.length} features × ${model.labels.length} labels; rebuild it`,
      );
    }
  }

  /** Probability of every label, in `labels` order. */
  probabilities(features: readonly string[]): Float64Array {
    const x: number[] = [];
    for (const f of features) {
      const k = this.index.get(f);
      if (k !== undefined) x.push(k);
    }
    const p = new Float64Array(this.labels.length);
    scoreInto(this.w, this.b, this.labels.length, [...new Set(x)], p);
    softmax(p);
    return p;
  }

  /** The most probable label and its probability. */
  classify(features: readonly string[]): { label: string; score: number } {
    const p = this.probabilities(features);
    let best = 0;
    for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    return { label: this.labels[best] as string, score: p[best] as number };
  }
}

/**
 * Fold numbers for k-fold cross-validation: items with the same group key (a document) share a
 * fold; groups are dealt to folds in a seeded random order.
 */
export function foldsOf(groups: readonly string[], k: number, seed = 11): number[] {
  const distinct = [...new Set(groups)];
  const random = seededRandom(seed);
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j] as string, distinct[i] as string];
  }
  const fold = new Map(distinct.map((g, i) => [g, i % k]));
  return groups.map((g) => fold.get(g) as number);
}

/**
 * Cross-validated predictions: for each fold, train on the other folds and predict the items of
 * the fold left out; no item is ever scored by a model that saw it.
 */
export function crossValidate<T>(
  items: readonly T[],
  folds: readonly number[],
  k: number,
  toExample: (item: T) => TrainingExample,
  options: TrainOptions = {},
): { label: string; score: number }[] {
  const out: { label: string; score: number }[] = new Array(items.length);
  for (let f = 0; f < k; f++) {
    const train = items.filter((_, i) => folds[i] !== f).map(toExample);
    if (train.length === 0) continue;
    const model = new TextClassifier(trainClassifier(train, options));
    items.forEach((item, i) => {
      if (folds[i] === f) out[i] = model.classify(toExample(item).features);
    });
  }
  return out;
}
