import { parseAnchor } from '../../../core/calendar-math.js';
import type { Diagnostic, Doc, Granularity, TimeExpression } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage } from '../../../core/stage.js';
import { documentTokens } from '../../../core/tokens.js';
import { createTimeScanner, type ScanState, type TimexType } from './find-times.js';

/**
 * Annotates time expressions sentence by sentence and resolves them against the publication date
 * (`doc.source.published`). Without one, absolute dates still resolve; relative ones keep `X`
 * placeholders and the document gets one `time:no-anchor` diagnostic.
 */
export const timeStage: Stage<CapOptions | undefined> = {
  name: 'annotate-time',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['times'],
  run(doc: Readonly<Doc>, options) {
    const sentences = doc.sentences ?? [];
    const cap = capFor('times', options);
    let leftOut: { start: number; end: number } | undefined;
    const anchor = parseAnchor(doc.source.published);
    const state: ScanState = {};
    const scan = createTimeScanner(documentTokens(doc), anchor, state);
    const times: TimeExpression[] = [];
    let unresolved = 0;
    for (let s = 0; s < sentences.length && !leftOut; s++) {
      for (const m of scan(s, sentences[s] as (typeof sentences)[number])) {
        if (isRemoved(doc.removed, m.start, m.end)) continue;
        if (times.length >= cap) {
          leftOut = m;
          break;
        }
        if (m.relative && !anchor) unresolved++;
        times.push({
          start: m.start,
          end: m.end,
          text: doc.text.slice(m.start, m.end),
          value: m.value,
          granularity: granularityOf(m.value, m.type),
          type: m.type,
          ...(m.mod ? { mod: m.mod as 'START' | 'MID' | 'END' } : {}),
          rule: m.rule,
        });
      }
    }
    const diagnostics: Diagnostic[] = leftOut ? [capReached('time', 'times', cap, leftOut)] : [];
    if (unresolved > 0) {
      diagnostics.push({
        ruleId: 'time:no-anchor',
        severity: 'info',
        reason: `no publication date: ${unresolved} relative time expression(s) left unresolved (X placeholders)`,
        expected: 'source.published as YYYY-MM-DD or an ISO instant',
        actual: doc.source.published ?? 'undefined',
      });
    }
    return { times, diagnostics };
  },
};

/** Granularity from the shape of a TIMEX3 value (character tests: this runs once per expression). */
export function granularityOf(value: string, type: TimexType): Granularity {
  if (type === 'DURATION') return 'duration';
  if (value.endsWith('_REF')) return 'instant';
  const n = value.length;
  for (let i = 0; i + 1 < n; i++) {
    if (value.charCodeAt(i) === 84 && isDigit(value.charCodeAt(i + 1))) return 'instant';
  }
  const yearShape = n >= 4 && digitsOrX(value, 0, 4);
  const monthShape = yearShape && n >= 7 && value.charCodeAt(4) === 45 && digitsOrX(value, 5, 7);
  if (monthShape && n >= 10 && value.charCodeAt(7) === 45 && digitsOrX(value, 8, 10)) return 'day';
  const week = value.indexOf('-W');
  // A weekday within a week ("XXXX-WXX-1", an unanchored "Monday") is a day; "2024-W19-WE" is a weekend.
  if (week >= 0)
    return value.charCodeAt(week + 4) === 45 && isDigit(value.charCodeAt(week + 5)) ? 'day' : 'week';
  for (let i = value.indexOf('-'); i >= 0; i = value.indexOf('-', i + 1)) {
    const c = value.charCodeAt(i + 1);
    if (c === 81 || c === 72) return 'quarter';
    const pair = value.slice(i + 1, i + 3);
    if (pair === 'SP' || pair === 'SU' || pair === 'FA' || pair === 'WI') return 'quarter';
  }
  if (monthShape && n === 7) return 'month';
  if (yearShape && n === 4) return 'year';
  if (n === 3 && digitsOrX(value, 0, 3)) return 'decade';
  if (n === 2 && digitsOrX(value, 0, 2)) return 'century';
  return type === 'SET' ? 'duration' : 'day';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `value[from, to)` is all digits or `X`. */
function digitsOrX(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c !== 88 && !isDigit(c)) return false;
  }
  return true;
}
