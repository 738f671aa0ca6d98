import { gunzipSync } from 'node:zlib';
import type { CameoStatement, Doc, EventParticipant, NewsEvent } from '../../core/doc.js';
import { readModelFile } from '../../core/ml/model-files.js';
import { TextClassifier, type TextClassifierModel, textFeatures } from '../../core/ml/text-classifier.js';
import table from '../../rules/events/cameo-classes.json' with { type: 'json' };
import rootRules from '../../rules/events/cameo-root.json' with { type: 'json' };
import { dictionaryReadings } from './cameo-readings.js';
import { verbForms } from './inflect.js';

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

const selfReport = rootRules.selfReport;
const keepVerbs = new Set(selfReport.keepVerbs.flatMap(verbForms));

const actorKey = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** Whether two participants are the same: the same entity, or one's words inside the other's. */
function sameParticipant(a: EventParticipant | undefined, b: EventParticipant | undefined): boolean {
  if (!a || !b) return false;
  if (a.entity && b.entity) return a.entity === b.entity;
  const x = actorKey(a.text);
  const y = actorKey(b.text);
  return x.trim() !== '' && y.trim() !== '' && (x.includes(y) || y.includes(x));
}

/**
 * Whether a statement only carries its speaker's own act told after it in the same sentence
 * (rules/events/cameo-root.json `selfReport`): a reporting-verb statement whose speaker is the
 * actor of a later event of the sentence, the verb not itself a specific CAMEO 01 act.
 */
function selfReported(
  s: CameoStatement,
  events: readonly NewsEvent[],
  text: string | undefined,
): NewsEvent | undefined {
  if (s.rule !== selfReport.statementRule || !s.actor) return undefined;
  if (text !== undefined && keepVerbs.has(text.slice(s.trigger.start, s.trigger.end).toLowerCase()))
    return undefined;
  return events.find(
    (e) =>
      e.sentence === s.sentence &&
      e.trigger.start > s.trigger.end &&
      e.cameo !== undefined &&
      sameParticipant(s.actor, e.actor),
  );
}

const { refusal, calledOff } = rootRules.negatedCooperation;
const refusalWords = {
  modals: new Set(refusal.modals),
  negations: new Set(refusal.negations),
  contractions: new Set(refusal.contractions),
  refuse: new Set(refusal.refuseWords),
};

/** Whether the words right before a trigger refuse it: "will not", "cannot", "won't", "refused to". */
function refusedBefore(text: string, start: number): boolean {
  const words = (
    text
      .slice(Math.max(0, start - 80), start)
      .toLowerCase()
      .match(/[a-z’']+/g) ?? []
  ).slice(-refusal.window);
  return words.some(
    (w, i) =>
      refusalWords.contractions.has(w) ||
      refusalWords.refuse.has(w) ||
      (refusalWords.negations.has(w) && i > 0 && refusalWords.modals.has(words[i - 1] as string)),
  );
}

/**
 * The CAMEO code of an event as a CAMEO coder reads it (rules/events/cameo-root.json
 * `negatedCooperation`): a cooperative act the actor will not do is a rejection (12: "will not lift
 * the embargo", "cannot accept more refugees"), one called off a reduction of relations (16:
 * "cancelled a planned visit"); otherwise the event's own code.
 */
export function cameoReading(e: NewsEvent, text: string | undefined): { cameo: string; rule?: string } {
  const cameo = e.cameo ?? '';
  if (e.status !== 'negated' || !e.statusRule) return { cameo };
  const root = cameo.slice(0, 2);
  if (calledOff.roots.includes(root) && calledOff.cues.includes(e.statusRule))
    return { cameo: calledOff.code, rule: calledOff.id };
  if (
    text !== undefined &&
    refusal.roots.includes(root) &&
    refusal.cues.includes(e.statusRule) &&
    refusedBefore(text, e.trigger.start)
  )
    return { cameo: root === refusal.yieldRoot ? refusal.yieldCode : refusal.code, rule: refusal.id };
  return { cameo };
}

/**
 * The rules' CAMEO readings of a document in text order (by trigger): PLOVER events with their
 * CAMEO codes (and the triggers folded into them, each with its own code), statements and appeals.
 * A statement that only carries its speaker's own later act is left out (`selfReported`), its act
 * being the reading (rule `cameo:root.self-report`).
 */
export function readingsInTextOrder(
  doc: Pick<Doc, 'events' | 'statements'> & { text?: string },
): { start: number; cameo: string; rule?: string }[] {
  const out: { start: number; cameo: string; rule?: string }[] = [];
  const events = doc.events ?? [];
  const carried = new Set<NewsEvent>();
  for (const s of doc.statements ?? []) {
    const act = selfReported(s, events, doc.text);
    if (act) carried.add(act);
    else out.push({ start: s.trigger.start, cameo: s.cameo });
  }
  for (const e of events) {
    if (e.cameo) {
      const read = cameoReading(e, doc.text);
      const rule = read.rule ?? (carried.has(e) ? selfReport.id : undefined);
      out.push({ start: e.trigger.start, cameo: read.cameo, ...(rule ? { rule } : {}) });
    }
    for (const m of e.merged ?? []) out.push({ start: m.start, cameo: m.cameo });
  }
  return out.filter((r) => /^\d{3,4}$/.test(r.cameo)).sort((a, b) => a.start - b.start);
}

/**
 * The rules' CAMEO roots for a one-sentence document in text order, no repeats. Text order because
 * a CAMEO coder numbers the actions of a sentence as they come (the cameo-annotations raters'
 * Action-1 precedes Action-2 in 96% of their annotations with both: a property of the labels).
 */
export function ruleRoots(doc: Pick<Doc, 'events' | 'statements'> & { text?: string }): string[] {
  return [...new Set(readingsInTextOrder(doc).map((r) => r.cameo.slice(0, 2)))];
}

/** CAMEO's residual root: 010 "make statement, not specified below". */
export const RESIDUAL_ROOT = '01';

/**
 * The sentence's CAMEO root: its first reading in text order, else the residual root. With
 * `dictionary`, a sentence without a reading first falls back on PETRARCH2's raw dictionary
 * readings (`cameo-readings.ts`): matches the events stage set aside (a word sense, no participant,
 * the detector) come back there, so it is off by default and only printed for comparison.
 * `rule` names the root rule of rules/events/cameo-root.json that read the first reading, if one did.
 */
export function sentenceRoot(
  doc: Pick<Doc, 'events' | 'statements' | 'tokens' | 'sentences'> & { text?: string },
  dictionary = false,
): { root: string; by: 'rule' | 'dictionary' | 'residual'; rule?: string } {
  const first = readingsInTextOrder(doc)[0];
  if (first)
    return { root: first.cameo.slice(0, 2), by: 'rule', ...(first.rule ? { rule: first.rule } : {}) };
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
  doc: Pick<Doc, 'events' | 'statements'> & { text?: string },
  model = cameoRootModel(),
): RootChoice {
  const roots = ruleRoots(doc);
  const best = model.classifier.classify(cameoFeatures(text, roots));
  return chooseRoot(roots, best.label, best.score, model.usual);
}
