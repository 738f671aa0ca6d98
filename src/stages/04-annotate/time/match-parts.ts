import { matchFixed, matchMonth, matchWeekday } from './match-dates.js';
import { dayFromAnchor } from './resolve-values.js';
import { type Ctx, type Hit, longest, touching, w } from './time-tokens.js';
import { partMap, positionModMap, positionSet } from './time-vocabulary.js';

/**
 * A part of the day placed by a position word and named without a day ("mid-afternoon", "early
 * morning", "late night"): a TIMEX3 TIME with the position as its mod, on the day under discussion —
 * the day written right after it ("mid-afternoon yesterday", "early morning of May 2"), else the last
 * day the text named, else the publication day, as a clock time is. "In the morning", "during the
 * night" are left out (measured: see docs/evaluation.md); days with their part ("Tuesday night",
 * "this morning") are matched by the weekday and phrase rules.
 */
export function matchPartOfDay(c: Ctx, i: number): Hit | null {
  const mod = positionModMap.get(w(c, i));
  if (mod === undefined || !positionSet.has(w(c, i))) return null;
  let j = i + 1;
  if (w(c, j) === '-' && touching(c, i)) j++;
  const part = partMap.get(w(c, j));
  if (part === undefined) return null;
  let end = j + 1;
  const k = w(c, end) === 'of' ? end + 1 : end;
  const day = longest(matchWeekday(c, k), longest(matchFixed(c, k), matchMonth(c, k)));
  let date: string;
  if (day && /^(?:\d{4}|XXXX)-\d{2}-\d{2}$/.test(day.value)) {
    date = day.value;
    end = day.end;
  } else date = c.state.lastDay ? c.state.lastDay.slice(0, 10) : dayFromAnchor(c, 0);
  return { end, value: `${date}T${part}`, type: 'TIME', rule: 'time:part-of-day', relative: true, mod };
}
