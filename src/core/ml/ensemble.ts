import {
  foldsOf,
  TextClassifier,
  type TrainingExample,
  type TrainOptions,
  trainClassifier,
} from './text-classifier.js';

/**
 * A few text classifiers trained on the same examples in different shuffle orders, their
 * probabilities averaged: stochastic gradient descent over a few hundred examples lands on quite
 * different weights from one order to the next, and the mean of several is steadier than any one.
 */
export class ClassifierEnsemble {
  readonly labels: readonly string[];
  constructor(readonly members: readonly TextClassifier[]) {
    const first = members[0];
    if (!first) throw new Error('ClassifierEnsemble: no members');
    this.labels = first.labels;
    for (const m of members)
      if (m.labels.join('\n') !== this.labels.join('\n'))
        throw new Error('ClassifierEnsemble: members with different labels');
  }

  probabilities(features: readonly string[]): Float64Array {
    const sum = new Float64Array(this.labels.length);
    for (const m of this.members) {
      const p = m.probabilities(features);
      for (let c = 0; c < sum.length; c++)
        sum[c] = (sum[c] as number) + (p[c] as number) / this.members.length;
    }
    return sum;
  }

  classify(features: readonly string[]): { label: string; score: number } {
    const p = this.probabilities(features);
    let best = 0;
    for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    return { label: this.labels[best] as string, score: p[best] as number };
  }
}

export function trainEnsemble(
  examples: readonly TrainingExample[],
  options: TrainOptions,
  seeds: readonly number[],
): ClassifierEnsemble {
  return new ClassifierEnsemble(
    seeds.map((seed) => new TextClassifier(trainClassifier(examples, { ...options, seed }))),
  );
}

export interface Selection {
  l2: number;
  /** Inner cross-validated score of each candidate, in grid order. */
  scores: number[];
}

/**
 * Picks the L2 penalty from `grid` by cross-validation inside the training examples only (`k`
 * folds by `groups`), scoring each candidate's held-out labels with `score` (e.g. macro F1). Run
 * inside an outer fold, this is nested cross-validation: the examples scored outside never choose
 * the setting that scores them.
 */
export function chooseL2(
  examples: readonly TrainingExample[],
  groups: readonly string[],
  grid: readonly number[],
  options: TrainOptions,
  seeds: readonly number[],
  score: (gold: readonly string[], predicted: readonly string[]) => number,
  k = 4,
): Selection {
  const folds = foldsOf(groups, k, 23);
  const scores = grid.map((l2) => {
    const predicted: string[] = new Array(examples.length).fill('');
    for (let f = 0; f < k; f++) {
      const train = examples.filter((_, i) => folds[i] !== f);
      if (train.length === 0) continue;
      const model = trainEnsemble(train, { ...options, l2 }, seeds);
      examples.forEach((e, i) => {
        if (folds[i] === f) predicted[i] = model.classify(e.features).label;
      });
    }
    return score(
      examples.map((e) => e.label),
      predicted,
    );
  });
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  return { l2: grid[best] as number, scores };
}
