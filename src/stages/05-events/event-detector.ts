import { gunzipSync } from 'node:zlib';
import { readModelFile } from '../../core/ml/model-files.js';
import { TextClassifier, type TextClassifierModel, textFeatures } from '../../core/ml/text-classifier.js';
import settings from '../../rules/events/classifier.json' with { type: 'json' };

/**
 * The sentence event detector (models/events-2, `scripts/train-event-model.ts`): the probability
 * that a sentence reports a political event at all. The events stage asks it only about
 * sentences where a rule matched, and sets the match aside when the detector is confident there is
 * no event ("Arsenal beat Chelsea", "the bear usually strikes slowly").
 */
export interface EventVerdict {
  model: string;
  /** Probability of EVENT. */
  event: number;
}

let loaded: TextClassifier | undefined;

/** The detector, read from models/ on first use and kept (an immutable model). */
export function eventDetector(): TextClassifier {
  if (loaded) return loaded;
  const model = JSON.parse(
    new TextDecoder().decode(gunzipSync(readModelFile(settings.model))),
  ) as TextClassifierModel;
  const detector = new TextClassifier(model);
  if (!detector.labels.includes('EVENT'))
    throw new Error(`model ${settings.model} has no EVENT label; rebuild it`);
  loaded = detector;
  return detector;
}

export function judgeSentence(text: string, detector: TextClassifier = eventDetector()): EventVerdict {
  const p = detector.probabilities(textFeatures(text));
  return { model: detector.model.version, event: p[detector.labels.indexOf('EVENT')] as number };
}

export const vetoBelow: number = settings.vetoBelow;
export const agreeAbove: number = settings.agreeAbove;
