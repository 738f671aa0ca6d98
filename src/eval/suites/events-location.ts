import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Doc, Span } from '../../core/doc.js';
import { createDoc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { linkPlace } from '../../stages/05-events/index.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/** One sentence of Halterman's event-location set: an event verb and the places it happened at (none: the sentence does not say). */
export interface LocationRecord {
  text: string;
  verb: Span;
  locations: Span[];
}

/** Reads `records.jsonl` (`text`, `spans[{start, end, label: VERB|LOCATION}]`); a line without one VERB is skipped. */
export function readLocationRecords(text: string): LocationRecord[] {
  const out: LocationRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { text?: unknown; spans?: unknown };
      if (typeof r.text !== 'string' || !Array.isArray(r.spans)) continue;
      const spans = r.spans as { start?: unknown; end?: unknown; label?: unknown }[];
      const ok = (s: (typeof spans)[number]): s is { start: number; end: number; label: string } =>
        typeof s.start === 'number' &&
        typeof s.end === 'number' &&
        s.end > s.start &&
        s.end <= (r.text as string).length;
      const verbs = spans.filter((s) => ok(s) && s.label === 'VERB') as Span[];
      if (verbs.length !== 1) continue;
      const locations = spans
        .filter((s) => ok(s) && s.label === 'LOCATION')
        .map((s) => ({ start: s.start as number, end: s.end as number }));
      out.push({ text: r.text, verb: verbs[0] as Span, locations });
    } catch {
      // a malformed line is not a record
    }
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether a prediction (a span, or none) is right: it overlaps a gold place, or both say none. */
export function linkedRight(predicted: Span | undefined, gold: readonly Span[]): boolean {
  if (!predicted) return gold.length === 0;
  return gold.some((g) => overlaps(predicted, g));
}

/**
 * The baseline: the place mention nearest the verb in the sentence (any city, place or country
 * named as such, whatever governs it), none when the sentence names no place.
 */
export function nearestPlace(doc: Readonly<Doc>, verb: Span): Span | undefined {
  let best: Span | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entity of doc.entities ?? []) {
    if (entity.type !== 'city' && entity.type !== 'place' && entity.type !== 'country') continue;
    for (const m of entity.mentions) {
      if (m.form === 'demonym') continue;
      const distance = m.start >= verb.end ? m.start - verb.end : verb.start - m.end;
      if (distance >= 0 && distance < bestDistance) {
        best = m;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/**
 * `events-location`: event-location linking on Halterman's annotations (Geolocating Political
 * Events in Text, 2019): for each sentence and its gold event verb, the place the events stage
 * links to the verb (`linkPlace`) against the gold locations — right when it overlaps one, or when
 * both say the sentence names no place of the event. `baselineAccuracy` is the nearest place
 * mention in the same run. Nothing was trained or tuned on this set.
 */
export const eventLocationSuite: Suite = {
  name: 'events-location',
  description: 'Event-location linking (Halterman 2019): accuracy of the place linked to a gold event verb',
  accepts: (path) => basename(path) === 'records.jsonl',
  run(files: string[], options: EvalOptions): EvalResult {
    let records: LocationRecord[] = [];
    for (const file of files) records.push(...readLocationRecords(readFileSync(file, 'utf8')));
    if (options.limit !== undefined) records = records.slice(0, options.limit);
    let right = 0;
    let baseline = 0;
    let withPlace = 0;
    let withPlaceRight = 0;
    let none = 0;
    let noneRight = 0;
    for (const record of records) {
      const doc = analyzeDoc(createDoc(record.text, { uri: 'eval:event-location', mediaType: 'text/plain' }));
      const predicted = linkPlace(doc, record.verb);
      const ok = linkedRight(predicted, record.locations);
      if (ok) right++;
      if (linkedRight(nearestPlace(doc, record.verb), record.locations)) baseline++;
      if (record.locations.length > 0) {
        withPlace++;
        if (ok) withPlaceRight++;
      } else {
        none++;
        if (ok) noneRight++;
      }
    }
    const n = records.length;
    return {
      suite: 'events-location',
      items: n,
      unit: 'sentences',
      metrics: {
        accuracy: n ? right / n : 0,
        baselineAccuracy: n ? baseline / n : 0,
        accuracyWithPlace: withPlace ? withPlaceRight / withPlace : 0,
        accuracyNoPlace: none ? noneRight / none : 0,
      },
      details: { sentencesWithPlace: withPlace, sentencesWithout: none },
    };
  },
};
