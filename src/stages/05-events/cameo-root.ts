import { gunzipSync } from 'node:zlib';
import type { Doc } from '../../core/doc.js';
import { readModelFile } from '../../core/ml/model-files.js';
import { TextClassifier, type TextClassifierModel, textFeatures } from '../../core/ml/text-classifier.js';
import table from '../../rules/events/cameo-classes.json' with { type: 'json' };
import { dictionaryReadings } from './cameo-readings.js';

/**
 * One CAMEO root per sentence, as a CAMEO coder gives a sentence's first action: the first of the
 * rules' readings in text order (PLOVER events with their CAMEO codes, statements and appeals),
 * else CAMEO's residual root 01 (the codebook's 010 "make statement, not specified below" takes
 * any statement or action no other code describes).
 *
 * Also here, for comparison only (the `events-cameo-raters` suite prints it): a five-class
 * sentence classifier (models/cameo-class-1, `scripts/train-cameo-class.ts`, trained on
 * conflibert-cameo train with the rules' readings among its features) that chooses the class, the
 * root then being the rules' first reading of that class, else the class's usual root (the rules'
 * most frequent root on the training sentences of that class, in the model's manifest).
 */
export const CAMEO_CLASS_MODEL = 'cameo-class-1';

const classOfRoot = new Map<string, string>();
for (const [cls, roots] of Object.entries(table.classes)) for (const r of roots) classOfRoot.set(r, cls);

/** The ConfliBERT class ("0"–"4") of a CAMEO root ("18"), or undefined for an unknown root. */
export function classOf(root: string): string | undefined {
  return classOfRoot.get(root);
}

/**
 * The rules' CAMEO readings of a document in text order (by trigger): PLOVER events with their
 * CAMEO codes (and the triggers folded into them, each with its own code), statements and appeals.
 */
export function readingsInTextOrder(
  doc: Pick<Doc, 'events' | 'statements'>,
): { start: number; cameo: string }[] {
  const out: { start: number; cameo: string }[] = [];
  for (const e of doc.events ?? []) {
    if (e.cameo) out.push({ start: e.trigger.start, cameo: e.cameo });
    for (const m of e.merged ?? []) out.push({ start: m.start, cameo: m.cameo });
  }
  for (const s of doc.statements ?? []) out.push({ start: s.trigger.start, cameo: s.cameo });
  return out.filter((r) => /^\d{3,4}$/.test(r.cameo)).sort((a, b) => a.start - b.start);
}

/**
 * The rules' CAMEO roots for a one-sentence document in text order, no repeats. Text order because
 * a CAMEO coder numbers the actions of a sentence as they come (the cameo-annotations raters'
 * Action-1 precedes Action-2 in 96% of their annotations with both: a property of the labels).
 */
export function ruleRoots(doc: Pick<Doc, 'events' | 'statements'>): string[] {
  return [...new Set(readingsInTextOrder(doc).map((r) => r.cameo.slice(0, 2)))];
}

/** CAMEO's residual root: 010 "make statement, not specified below". */
export const RESIDUAL_ROOT = '01';

/**
 * The sentence's CAMEO root: its first reading in text order, else the residual root. With
 * `dictionary`, a sentence without a reading first falls back on PETRARCH2's raw dictionary
 * readings (`cameo-readings.ts`): matches the events stage set aside (a word sense, no participant,
 * the detector) come back there, so it is off by default and only printed for comparison.
 */
export function sentenceRoot(
  doc: Pick<Doc, 'events' | 'statements' | 'tokens' | 'sentences'>,
  dictionary = false,
): { root: string; by: 'rule' | 'dictionary' | 'residual' } {
  const first = ruleRoots(doc)[0];
  if (first) return { root: first, by: 'rule' };
  const read = dictionary ? dictionaryReadings(doc)[0] : undefined;
  if (read) return { root: read.cameo.slice(0, 2), by: 'dictionary' };
  return { root: RESIDUAL_ROOT, by: 'residual' };
}

/** The classifier's features: the words (as the other sentence classifiers) and the rules' readings. */
export function cameoFeatures(text: string, roots: readonly string[]): string[] {
  const out = textFeatures(text);
  roots.forEach((r, i) => {
    out.push(`root:${r}`, `class:${classOf(r) ?? '?'}`);
    if (i === 0) out.push(`first:${r}`, `firstclass:${classOf(r) ?? '?'}`);
  });
  if (roots.length === 0) out.push('root:none');
  return out;
}

export interface CameoRootModel {
  classifier: TextClassifier;
  /** The usual root of each class. */
  usual: Record<string, string>;
}

let loaded: CameoRootModel | undefined;

/** models/cameo-class-1 (`.model` gzipped classifier, `.json` manifest with the usual roots), read once. */
export function cameoRootModel(): CameoRootModel {
  if (loaded) return loaded;
  const model = JSON.parse(
    new TextDecoder().decode(gunzipSync(readModelFile(`${CAMEO_CLASS_MODEL}.model`))),
  ) as TextClassifierModel;
  const manifest = JSON.parse(new TextDecoder().decode(readModelFile(`${CAMEO_CLASS_MODEL}.json`))) as {
    usualRoot: Record<string, string>;
  };
  loaded = { classifier: new TextClassifier(model), usual: manifest.usualRoot };
  return loaded;
}

export interface RootChoice {
  root: string;
  /** The class the classifier chose and its probability. */
  cls: string;
  p: number;
  /** `rule` (a rule's reading of that class), `usual` (the class's usual root). */
  by: 'rule' | 'usual';
}

/** The root of a sentence from its rules' readings and the classifier's class. */
export function chooseRoot(
  roots: readonly string[],
  cls: string,
  p: number,
  usual: Record<string, string>,
): RootChoice {
  const same = roots.find((r) => classOf(r) === cls);
  if (same) return { root: same, cls, p, by: 'rule' };
  return { root: usual[cls] ?? 'none', cls, p, by: 'usual' };
}

export function cameoRoot(
  text: string,
  doc: Pick<Doc, 'events' | 'statements'>,
  model = cameoRootModel(),
): RootChoice {
  const roots = ruleRoots(doc);
  const best = model.classifier.classify(cameoFeatures(text, roots));
  return chooseRoot(roots, best.label, best.score, model.usual);
}
