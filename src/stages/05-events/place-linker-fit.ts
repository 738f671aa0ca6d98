import {
  foldsOf,
  TextClassifier,
  type TrainingExample,
  trainClassifier,
} from '../../core/ml/text-classifier.js';
import type { PlaceLinkerModel } from './place-linker.js';

/**
 * Fitting the learned place linker (`place-linker.ts`) from sentences whose event places are
 * known: each sentence gives its candidates (feature lists) and which of them are a gold place.
 * Used by `scripts/train-place-linker.ts` (the shipped model, all sentences) and by the
 * `events-location` suite (k-fold cross-validation: no sentence scored by a model that saw it).
 */
export interface PlaceSentence {
  /** Each candidate's features. */
  candidates: string[][];
  /** Whether each candidate overlaps a gold place. */
  gold: boolean[];
  /** Whether the sentence names no place of its event. */
  none: boolean;
  /** Sentences with the same group (their text) share a fold. */
  group: string;
}

export interface FitOptions {
  seed?: number;
  epochs?: number;
  l2?: number;
  version?: string;
  /** Folds of the inner cross-validation that chooses the threshold. */
  innerFolds?: number;
}

const examplesOf = (sentences: readonly PlaceSentence[]): TrainingExample[] =>
  sentences.flatMap((s) =>
    s.candidates.map((features, k) => ({ features, label: s.gold[k] ? 'yes' : 'no' })),
  );

/** The best candidate's probability (−1 when there is none) and its index, by `model`. */
export function bestCandidate(model: TextClassifier, s: PlaceSentence): { index: number; p: number } {
  const yes = model.labels.indexOf('yes');
  let best = { index: -1, p: -1 };
  s.candidates.forEach((features, index) => {
    const p = model.probabilities(features)[yes] as number;
    if (p > best.p) best = { index, p };
  });
  return best;
}

/** Whether linking the candidate at `index` (−1: none) is right for the sentence. */
export const linkedRightAt = (s: PlaceSentence, index: number): boolean =>
  index < 0 ? s.none : s.gold[index] === true;

/** Whether the rules read a place among the sentence's candidates (`rule:yes`). */
export const ruled = (candidates: readonly (readonly string[])[]): boolean =>
  candidates.some((f) => f.includes('rule:yes'));

/**
 * The decision (`choosePlace`): where the rules read a place, the best candidate always (the model
 * chooses which); where they read none, the best candidate only when its probability reaches the
 * threshold ("shelled Homs": a place no preposition governs).
 */
export const decide = (s: PlaceSentence, best: { index: number; p: number }, threshold: number): number =>
  ruled(s.candidates) || best.p >= threshold ? best.index : -1;

/** The threshold that maximises accuracy over scored sentences under `decide`. */
export function chooseThreshold(
  scored: readonly { s: PlaceSentence; best: { index: number; p: number } }[],
): number {
  const points = [...new Set(scored.map((x) => x.best.p).filter((p) => p >= 0))].sort((a, b) => a - b);
  let bestT = 0.5;
  let bestRight = -1;
  for (const t of [0, ...points, 1.01]) {
    let right = 0;
    for (const { s, best } of scored) right += linkedRightAt(s, decide(s, best, t)) ? 1 : 0;
    if (right > bestRight) {
      bestRight = right;
      bestT = t;
    }
  }
  return bestT;
}

/**
 * Trains the linker on `sentences`: the candidate model on all of them, the threshold on the
 * out-of-fold scores of an inner cross-validation (a model's scores on its own training sentences
 * are too sure of themselves to set it).
 */
export function fitPlaceLinker(
  sentences: readonly PlaceSentence[],
  options: FitOptions = {},
): PlaceLinkerModel {
  const { seed = 7, epochs = 20, l2 = 1e-5, version = 'event-place', innerFolds = 3 } = options;
  const train = (part: readonly PlaceSentence[]) =>
    new TextClassifier(trainClassifier(examplesOf(part), { seed, epochs, l2, minCount: 2, version }));
  const folds = foldsOf(
    sentences.map((s) => s.group),
    innerFolds,
    seed + 1,
  );
  const scored: { s: PlaceSentence; best: { index: number; p: number } }[] = [];
  for (let f = 0; f < innerFolds; f++) {
    const model = train(sentences.filter((_, i) => folds[i] !== f));
    sentences.forEach((s, i) => {
      if (folds[i] === f) scored.push({ s, best: bestCandidate(model, s) });
    });
  }
  const threshold = chooseThreshold(scored);
  const model = trainClassifier(examplesOf(sentences), { seed, epochs, l2, minCount: 2, version });
  return { ...model, threshold };
}

/** k-fold cross-validated accuracy: each sentence linked by a linker fitted on the other folds. */
export function crossValidatePlaces(
  sentences: readonly PlaceSentence[],
  k = 5,
  options: FitOptions = {},
): { accuracy: number; right: boolean[] } {
  const folds = foldsOf(
    sentences.map((s) => s.group),
    k,
    options.seed ?? 7,
  );
  const right = new Array<boolean>(sentences.length).fill(false);
  for (let f = 0; f < k; f++) {
    const fitted = fitPlaceLinker(
      sentences.filter((_, i) => folds[i] !== f),
      options,
    );
    const model = new TextClassifier(fitted);
    sentences.forEach((s, i) => {
      if (folds[i] !== f) return;
      const best = bestCandidate(model, s);
      right[i] = linkedRightAt(s, decide(s, best, fitted.threshold));
    });
  }
  const n = sentences.length;
  return { accuracy: n ? right.filter(Boolean).length / n : 0, right };
}
