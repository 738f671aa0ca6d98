import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_VERSION } from './features.js';
import type { FixedTags } from './fixed-tags.js';
import { type ModelParts, modelToBytes, SequenceModel } from './sequence-model.js';
import { type Averaged, prune, type TrainOptions, trainPerceptron } from './train-perceptron.js';

/**
 * The training run every sequence tagger shares (`scripts/train-tagger.ts` for names and parts
 * of speech, `scripts/train-quotes.ts` for attributions): averaged-perceptron epochs until the
 * held-out score stops rising, the best epoch's weights pruned to a size, and the model written
 * and read back, so what is scored afterwards is the file the pipeline will load.
 */

export interface SequenceTrainingRun extends Omit<TrainOptions, 'evaluate'> {
  header: ModelParts['header'];
  /** Score of a model on held-out sentences (higher is better): it picks the epoch and the size. */
  evaluate: (model: SequenceModel) => number;
  /** Features whose weights all stay below this magnitude are dropped. */
  minWeight: number;
  /**
   * Sizes to prune to (features kept, by their largest weight). With more than one, each is
   * scored and the smallest within `sizeTolerance` of the best score is kept.
   */
  maxFeatures: readonly number[];
  sizeTolerance?: number;
  /** Directory and file name to write; none for a dry run. */
  out?: { dir: string; file: string };
}

export interface SequenceTrainingResult {
  /** The written model, read back from its file (in memory for a dry run). */
  model: SequenceModel;
  bestEpoch: number;
  /** Held-out score after each epoch. */
  scores: number[];
  /** Features learned, and kept after pruning. */
  learned: number;
  kept: number;
  /** Held-out score of each size tried. */
  sizes: { maxFeatures: number; kept: number; score: number }[];
  bytes?: Uint8Array;
}

/** A model from averaged weights, as decoding uses it, without writing a file. */
export function modelOfWeights(header: ModelParts['header'], avg: Averaged, fixed: FixedTags): SequenceModel {
  return new SequenceModel(
    {
      format: 'tidings.sequence-model/1',
      ...header,
      featureVersion: FEATURE_VERSION,
      features: avg.keys.length,
      fixed: fixed.words.size,
      scale: 1,
    },
    avg.keys,
    Float32Array.from(avg.weights),
    Float32Array.from(avg.transitions),
    fixed,
  );
}

export function trainSequenceModel(run: SequenceTrainingRun): SequenceTrainingResult {
  const { header, fixed, tagSet } = run;
  const result = trainPerceptron({
    ...run,
    evaluate: (avg) => run.evaluate(modelOfWeights(header, avg, fixed)),
  });
  const sizes: SequenceTrainingResult['sizes'] = [];
  let chosen: Averaged | undefined;
  if (run.maxFeatures.length === 1) {
    chosen = prune(result.best, tagSet.tags.length, run.minWeight, run.maxFeatures[0]);
  } else {
    const candidates = [...run.maxFeatures].sort((a, b) => a - b);
    const pruned = candidates.map((m) => prune(result.best, tagSet.tags.length, run.minWeight, m));
    pruned.forEach((p, k) => {
      const score = run.evaluate(modelOfWeights(header, p, fixed));
      sizes.push({ maxFeatures: candidates[k] as number, kept: p.keys.length, score });
      run.log?.(`pruned to ${p.keys.length} features: held-out ${score.toFixed(4)}`);
    });
    const best = Math.max(...sizes.map((x) => x.score));
    const k = sizes.findIndex((x) => x.score >= best - (run.sizeTolerance ?? 0.001));
    chosen = pruned[k];
  }
  const pruned = chosen as Averaged;
  const parts: ModelParts = {
    header,
    keys: pruned.keys,
    weights: pruned.weights,
    transitions: pruned.transitions,
    fixed,
  };
  const common = {
    bestEpoch: result.bestEpoch,
    scores: result.scores,
    learned: result.best.keys.length,
    kept: pruned.keys.length,
    sizes,
  };
  if (!run.out) return { ...common, model: modelOfWeights(header, pruned, fixed) };
  const bytes = modelToBytes(parts);
  const path = join(run.out.dir, run.out.file);
  writeFileSync(path, bytes);
  return { ...common, model: SequenceModel.fromBytes(readFileSync(path)), bytes };
}
