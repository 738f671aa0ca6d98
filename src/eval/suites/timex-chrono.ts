import * as chrono from 'chrono-node';
import type { TimeExpression } from '../../core/doc.js';

/**
 * chrono-node as a TempEval baseline: its parses turned into TIMEX3 values at the granularity it
 * is certain of (a time of day, a day or weekday, a month, a year), anchored at the document
 * creation time at noon UTC. chrono finds dates and times only: no durations, sets or vague
 * references, so its recall is bounded by design; the figures say what a general date parser
 * gives on the same run.
 */
export function chronoTimes(
  text: string,
  dct: string | undefined,
): Pick<TimeExpression, 'start' | 'end' | 'value' | 'type'>[] {
  const instant = dct ? new Date(`${dct}T12:00:00Z`) : new Date('2000-01-01T12:00:00Z');
  const out: Pick<TimeExpression, 'start' | 'end' | 'value' | 'type'>[] = [];
  for (const r of chrono.casual.parse(text, { instant, timezone: 0 })) {
    const c = r.start;
    const y = c.get('year');
    const m = c.get('month');
    const d = c.get('day');
    if (y === null || m === null || d === null) continue;
    const ymd = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    let value: string;
    let type: TimeExpression['type'] = 'DATE';
    if (c.isCertain('hour')) {
      value = `${ymd}T${pad(c.get('hour') ?? 0, 2)}:${pad(c.get('minute') ?? 0, 2)}`;
      type = 'TIME';
    } else if (c.isCertain('day') || c.isCertain('weekday')) {
      value = ymd;
    } else if (c.isCertain('month')) {
      value = ymd.slice(0, 7);
    } else {
      value = ymd.slice(0, 4);
    }
    out.push({ start: r.index, end: r.index + r.text.length, value, type });
  }
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
