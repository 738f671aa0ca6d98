import type { Doc } from '../../core/doc.js';
import { textFeatures } from '../../core/ml/text-classifier.js';

/**
 * Features for an ACLED sub-event classifier (`events-case2021`): what the pipeline already
 * computed for a snippet or sentence, as sparse string features —
 * - the words, five-letter stems and word pairs of the text (`textFeatures`);
 * - every PLOVER event coded in it: type, type with mode, CAMEO code and root, status, trigger
 *   words, the sectors of actor and recipient;
 * - CAMEO statements and appeals (code);
 * - the types and sectors of the entities named, the name tagger's classes;
 * - quantities: kind and unit ("12 people" → count/people), and a bucket of the largest count of
 *   people (the fatalities of a report).
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Features of what the pipeline found in an analysed document (events, statements, entities, quantities). */
export function layerFeatures(doc: Readonly<Doc>): string[] {
  const out: string[] = [];
  for (const e of doc.events ?? []) {
    out.push(`ev:${e.type}`, `evs:${e.type}/${e.status}`, `st:${e.status}`);
    if (e.mode) out.push(`evm:${e.type}/${e.mode}`);
    if (e.cameo) out.push(`cam:${e.cameo}`, `car:${e.cameo.slice(0, 2)}`);
    for (const m of e.merged ?? []) out.push(`cam:${m.cameo}`);
    const trigger = doc.text.slice(e.trigger.start, e.trigger.end).toLowerCase();
    for (const w of trigger.match(WORD) ?? []) out.push(`tr:${w}`);
    if (e.actor?.sector) out.push(`as:${e.actor.sector}`);
    if (e.recipient?.sector) out.push(`rs:${e.recipient.sector}`);
    if (!e.actor) out.push('as:none');
  }
  if (!doc.events?.length) out.push('ev:none');
  for (const s of doc.statements ?? []) out.push(`stm:${s.cameo}`);
  for (const entity of doc.entities ?? []) {
    out.push(`et:${entity.type}`);
    if (entity.sector) out.push(`es:${entity.sector}`);
    for (const m of entity.mentions) if (m.ner) out.push(`ner:${m.ner}`);
  }
  let people = 0;
  for (const q of doc.quantities ?? []) {
    out.push(`q:${q.kind}`, `qu:${q.unit}`);
    if (q.kind === 'count') people = Math.max(people, q.high ?? q.value);
  }
  if (people > 0) out.push(`qn:${people < 2 ? 1 : people < 10 ? 2 : people < 100 ? 3 : 4}`);
  return out;
}

/** Every feature of an analysed text for the ACLED classifier. */
export function acledFeatures(doc: Readonly<Doc>): string[] {
  return [...textFeatures(doc.text), ...layerFeatures(doc)];
}
