import type { Diagnostic, Doc, Granularity, TimeExpression } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import type { Stage } from '../../../core/stage.js';
import { parseAnchor } from './calendar-math.js';
import { findTimes, type ScanState, type TimexType } from './find-times.js';

/**
 * Annotates time expressions sentence by sentence and resolves them against the publication date
 * (`doc.source.published`). Without one, absolute dates still resolve; relative ones keep `X`
 * placeholders and the document gets one `time:no-anchor` diagnostic.
 */
export const timeStage: Stage = {
  name: 'annotate-time',
  requires: ['sentences', 'removed'],
  assigns: ['times'],
  run(doc: Readonly<Doc>) {
    const sentences = doc.sentences ?? [];
    const anchor = parseAnchor(doc.source.published);
    const state: ScanState = {};
    const times: TimeExpression[] = [];
    let unresolved = 0;
    for (const sentence of sentences) {
      const text = doc.text.slice(sentence.start, sentence.end);
      for (const m of findTimes(text, sentence.start, anchor, state)) {
        if (isRemoved(doc.removed, m.start, m.end)) continue;
        if (m.relative && !anchor) unresolved++;
        times.push({
          start: m.start,
          end: m.end,
          text: doc.text.slice(m.start, m.end),
          value: m.value,
          granularity: granularityOf(m.value, m.type),
          type: m.type,
          rule: m.rule,
        });
      }
    }
    const diagnostics: Diagnostic[] = [];
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

/** Granularity from the shape of a TIMEX3 value. */
export function granularityOf(value: string, type: TimexType): Granularity {
  if (type === 'DURATION') return 'duration';
  if (value.endsWith('_REF')) return 'instant';
  if (/T\d/.test(value)) return 'instant';
  if (/^[\dX]{4}-[\dX]{2}-[\dX]{2}/.test(value)) return 'day';
  if (/-W/.test(value)) return 'week';
  if (/-(?:Q|H|SP|SU|FA|WI)/.test(value)) return 'quarter';
  if (/^[\dX]{4}-[\dX]{2}$/.test(value)) return 'month';
  if (/^[\dX]{4}$/.test(value)) return 'year';
  if (/^[\dX]{3}$/.test(value)) return 'decade';
  return type === 'SET' ? 'duration' : 'day';
}
