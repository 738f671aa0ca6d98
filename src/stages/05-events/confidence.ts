import type { NewsEvent } from '../../core/doc.js';
import { modelsDir, readModelJson } from '../../core/ml/model-files.js';

/**
 * How likely a coded event is to be right — its type, actor and status together, as a careful
 * PLOVER coder judges them — from how it was coded (`models/event-confidence-2.json`, trained by
 * `npm run train:event-confidence` on the hand verdicts of docs/hand-judged-events.md): a logistic
 * model over a handful of facts the events stage already knows (type and status, the cue that set
 * the status, who filled the actor slot and how, voice, the sentence detector's score, a headline,
 * a question, a report). The events keep every reading; `confidence` lets a reader or a query
 * (`--min-confidence`) keep the ones likely to be right.
 */

export const CONFIDENCE_MODEL = 'event-confidence-2';

/** Straight and curly double quotation marks. */
const QUOTE_MARKS = /["\u201c\u201d]/g;

/** What the events stage knows of one event when it codes it. */
export interface ConfidenceInput {
  event: Pick<
    NewsEvent,
    'type' | 'status' | 'statusRule' | 'rule' | 'actor' | 'recipient' | 'attribution' | 'sentence'
  > &
    Partial<Pick<NewsEvent, 'trigger'>>;
  /** How the actor slot was filled (`subject`, `clause:by-agent`, `events:actor.pronoun`, …). */
  actorBy?: string;
  /** The sentence event detector's probability of an event, when it was asked. */
  detector?: number;
  voice?: 'active' | 'passive';
  negated?: boolean;
  /** The sentence's text. */
  sentence: string;
  /** Where the sentence starts in the document (the event's offsets are the document's). */
  sentenceStart?: number;
}

/** The model's features of one event: strings, each with a weight in the model. */
export function confidenceFeatures(x: ConfidenceInput): string[] {
  const e = x.event;
  const f = ['bias', `type:${e.type}`, `status:${e.status}`, `type-status:${e.type}:${e.status}`];
  f.push(`status-rule:${e.statusRule ? e.statusRule.split('.').slice(0, 2).join('.') : 'none'}`);
  f.push(`origin:${e.rule.slice(0, Math.max(0, e.rule.indexOf(':')))}`);
  const d = x.detector;
  f.push(`detector:${d === undefined ? 'none' : d < 0.1 ? 0 : d < 0.3 ? 1 : d < 0.6 ? 2 : 3}`);
  const a = e.actor;
  if (a) {
    f.push('actor', `actor-by:${x.actorBy ?? 'none'}`, `actor-country:${a.country ? 'yes' : 'no'}`);
    f.push(`actor-sector:${a.sector ?? 'none'}`, `actor-entity:${a.entity ? 'yes' : 'no'}`);
    if (/^(?:the|a|an)\s/i.test(a.text)) f.push('actor-determiner');
    if (a.sector && !a.entity) f.push('actor-nominal');
  } else f.push('no-actor');
  f.push(e.recipient ? 'recipient' : 'no-recipient');
  f.push(`voice:${x.voice ?? 'none'}`);
  if (x.negated) f.push('verb-negated');
  if (e.sentence === 0) f.push('headline');
  if (x.sentence.trimEnd().endsWith('?')) f.push('question');
  if (e.attribution) f.push('reported');
  // Which rule coded it and on which word: rules differ in how often their readings hold.
  f.push(`rule:${e.rule}`);
  const offset = x.sentenceStart;
  if (offset !== undefined && e.trigger) {
    const at = e.trigger.start - offset;
    f.push(`trigger:${x.sentence.slice(at, e.trigger.end - offset).toLowerCase()}`);
    // An odd number of quotation marks before the trigger: it stands inside a quotation.
    if ((x.sentence.slice(0, at).match(QUOTE_MARKS) ?? []).length % 2 === 1) f.push('in-quote');
  }
  return f;
}

/** The model file: weights by feature, the threshold chosen by cross-validation, and its manifest. */
export interface ConfidenceModel {
  name: string;
  version: number;
  /** The feature code the weights were trained with; a model of another refuses to load. */
  features: number;
  weights: Record<string, number>;
  /** The confidence above which events are kept by `--min-confidence default`, chosen on held-out folds. */
  threshold: number;
  [manifest: string]: unknown;
}

/** Bumped whenever `confidenceFeatures` changes what it computes. */
export const CONFIDENCE_FEATURES = 2;

/** The probability an event is right under `model`. */
export function scoreConfidence(
  model: Pick<ConfidenceModel, 'weights'>,
  features: readonly string[],
): number {
  let z = 0;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

let loaded: ConfidenceModel | null | undefined;

/** The shipped model, read once; null when it is absent (while it is being trained). */
export function confidenceModel(dir: string = modelsDir): ConfidenceModel | null {
  if (loaded !== undefined && dir === modelsDir) return loaded;
  let model: ConfidenceModel | null;
  try {
    model = readModelJson(`${CONFIDENCE_MODEL}.json`, dir) as ConfidenceModel;
  } catch {
    model = null;
  }
  if (model && model.features !== CONFIDENCE_FEATURES)
    throw new Error(
      `models/${CONFIDENCE_MODEL}.json was trained with confidence features ${model.features}, this code computes ${CONFIDENCE_FEATURES}: rebuild it with npm run train:event-confidence`,
    );
  if (dir === modelsDir) loaded = model;
  return model;
}

/** The confidence of an event with these features (`confidenceFeatures`), rounded to 3 places; undefined without a model. */
export function eventConfidence(features: readonly string[]): number | undefined {
  const model = confidenceModel();
  if (!model) return undefined;
  return Math.round(scoreConfidence(model, features) * 1000) / 1000;
}
