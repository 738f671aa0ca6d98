import { isValidDay, pad2, pad4 } from '../../../core/calendar-math.js';
import { dayFromAnchor, tenseAt, weekdayValue, yearForMonth, yearForMonthDay } from './resolve-values.js';
import { type Ctx, capitalised, type Hit, type Tok, tok, touching, w } from './time-tokens.js';
import {
  ambiguousMonthSet,
  monthMap,
  ordinalSuffix,
  partMap,
  phrasesByFirst,
  positionSet,
  shiftMap,
  weekdayMap,
  yearFollowers,
  yearLeaderSet,
} from './time-vocabulary.js';

/** Recognising dates written out: fixed phrases, ISO and numeric dates, years, decades, months, days, weekdays. */
// ---- matchers ----

export function matchFixed(c: Ctx, i: number): Hit | null {
  const list = phrasesByFirst.get(w(c, i));
  if (!list) return null;
  for (const p of list) {
    let ok = true;
    for (let k = 1; k < p.words.length; k++) {
      if (w(c, i + k) !== p.words[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const end = i + p.words.length;
    if (p.notAfter?.includes(w(c, i - 1)) || p.notBefore?.includes(w(c, end))) continue;
    if (p.kind === 'ref') return { end, value: p.value, type: 'DATE', rule: p.rule, relative: false };
    if (p.kind === 'set') return { end, value: p.value, type: 'SET', rule: p.rule, relative: false };
    const day = dayFromAnchor(c, p.offset);
    return p.part === undefined
      ? { end, value: day, type: 'DATE', rule: p.rule, relative: true }
      : { end, value: `${day}T${p.part}`, type: 'TIME', rule: p.rule, relative: true };
  }
  return null;
}

export function matchIsoDate(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  const y = Number(t.t.slice(0, 4));
  const m = Number(t.t.slice(5, 7));
  const d = Number(t.t.slice(8, 10));
  if (!isValidDay(y, m, d)) return null;
  return { end: i + 1, value: t.t, type: 'DATE', rule: 'time:iso-date', relative: false };
}

export const numericDatePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

export function matchNumericDate(c: Ctx, i: number): Hit | null {
  const m = numericDatePattern.exec((tok(c, i) as Tok).t);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  let y = Number(m[3]);
  if (y < 100) y += y >= 50 ? 1900 : 2000;
  if (!isValidDay(y, month, day)) return null;
  return {
    end: i + 1,
    value: `${pad4(y)}-${pad2(month)}-${pad2(day)}`,
    type: 'DATE',
    rule: 'time:numeric-date',
    relative: false,
  };
}

export function fourDigitYear(t: Tok | undefined): number | null {
  if (t?.k !== 'n' || t.t.length !== 4) return null;
  const y = Number(t.t);
  return Number.isInteger(y) && y >= 1000 && y <= 2099 ? y : null;
}

export function matchYear(c: Ctx, i: number, led = false): Hit | null {
  const t = tok(c, i) as Tok;
  if (t.t.length === 5 && t.t.endsWith('s')) return matchDecadeNumber(c, i);
  const y = fourDigitYear(t);
  if (y === null) return null;
  const prev = tok(c, i - 1);
  const next = tok(c, i + 1);
  const leader = led || (prev !== undefined && yearLeaderSet.has(prev.l));
  if (prev && (prev.t === '$' || prev.t === '#' || prev.t === '£' || prev.t === '€')) return null;
  if (next && (next.t === '%' || (next.k === 'w' && (next.l === 'percent' || next.l === 'per')))) return null;
  if (!leader) {
    if (y < 1900) return null;
    // "2000 people": a lowercase word after an unled number makes it a count, unless it is a
    // word that commonly follows a year.
    if (next && next.k === 'w' && !capitalised(next) && !yearFollowers.has(next.l)) return null;
  }
  return { end: i + 1, value: pad4(y), type: 'DATE', rule: 'time:year', relative: false };
}

/** "1990s" (token at i), optionally led by "the" at `start`. */
export function matchDecadeNumber(c: Ctx, i: number): Hit | null {
  const t = tok(c, i);
  if (t?.k !== 'n' || t.t.length !== 5 || !t.t.endsWith('0s')) return null;
  const y = Number(t.t.slice(0, 4));
  if (!(y >= 1000 && y <= 2090)) return null;
  return { end: i + 1, value: t.t.slice(0, 3), type: 'DATE', rule: 'time:decade', relative: false };
}

export function matchDecade(c: Ctx, i: number): Hit | null {
  if (w(c, i) !== 'the') return null;
  let j = i + 1;
  if (positionSet.has(w(c, j))) {
    j++;
    if (w(c, j) === '-') j++;
  }
  return matchDecadeNumber(c, j);
}

export function dayOfMonth(t: Tok | undefined): number | null {
  if (t?.k !== 'n' || t.t.length > 2) return null;
  const d = Number(t.t);
  return d >= 1 && d <= 31 ? d : null;
}

export function monthDayHit(
  c: Ctx,
  start: number,
  end: number,
  month: number,
  day: number,
  year: number | null,
  rule: string,
): Hit | null {
  const y = year ?? yearForMonthDay(c, month, day, tenseAt(c, start));
  if (y !== null && !isValidDay(y, month, day)) return null;
  const value = y === null ? `XXXX-${pad2(month)}-${pad2(day)}` : `${pad4(y)}-${pad2(month)}-${pad2(day)}`;
  return { end, value, type: 'DATE', rule, relative: year === null };
}

/** Month first: "May 16", "Oct. 23, 1998", "May 2024", "in March". */
export function matchMonth(c: Ctx, i: number, led = false): Hit | null {
  const t = tok(c, i);
  if (!t) return null;
  const month = monthMap.get(t.l);
  if (month === undefined || !capitalised(t)) return null;
  let j = i + 1;
  const isAbbreviation = t.l.length <= 4 && t.l !== 'june' && t.l !== 'july' && t.l !== 'may';
  const dotted = isAbbreviation && w(c, j) === '.' && touching(c, i);
  if (dotted) j++;
  const day = dayOfMonth(tok(c, j));
  if (day !== null && !(w(c, j + 1) === ':')) {
    let k = j + 1;
    if (ordinalSuffix.has(w(c, k)) && touching(c, j)) k++;
    let y: number | null = null;
    if (w(c, k) === ',' && fourDigitYear(tok(c, k + 1)) !== null) {
      y = fourDigitYear(tok(c, k + 1));
      k += 2;
    } else if (fourDigitYear(tok(c, k)) !== null) {
      y = fourDigitYear(tok(c, k));
      k += 1;
    }
    return monthDayHit(c, i, k, month, day, y, 'time:month-date');
  }
  let k = j;
  if (w(c, k) === 'of' || w(c, k) === ',') k++;
  const year = fourDigitYear(tok(c, k));
  if (year !== null) {
    return {
      end: k + 1,
      value: `${pad4(year)}-${pad2(month)}`,
      type: 'DATE',
      rule: 'time:month-name',
      relative: false,
    };
  }
  // A month alone: full names only, and words like "may"/"march" only after a time preposition.
  if (isAbbreviation && !dotted) return null;
  if (ambiguousMonthSet.has(t.l) && !led && !yearLeaderSet.has(w(c, i - 1)) && !shiftMap.has(w(c, i - 1)))
    return null;
  const y = yearForMonth(c, month, -1, tenseAt(c, i));
  const end = dotted ? i + 2 : i + 1;
  return {
    end,
    value: y === null ? `XXXX-${pad2(month)}` : `${pad4(y)}-${pad2(month)}`,
    type: 'DATE',
    rule: 'time:month-name',
    relative: true,
  };
}

/** Day first: "16 May 2024", "16th of May". */
export function matchDayMonth(c: Ctx, i: number): Hit | null {
  const day = dayOfMonth(tok(c, i));
  if (day === null) return null;
  let j = i + 1;
  if (ordinalSuffix.has(w(c, j)) && touching(c, i)) j++;
  if (w(c, j) === 'of') j++;
  const mt = tok(c, j);
  if (!mt || !capitalised(mt)) return null;
  const month = monthMap.get(mt.l);
  if (month === undefined) return null;
  let k = j + 1;
  if (w(c, k) === '.' && touching(c, j) && mt.l.length <= 4 && mt.l !== 'june' && mt.l !== 'july') k++;
  if (w(c, k) === ',' && fourDigitYear(tok(c, k + 1)) !== null) k++;
  const year = fourDigitYear(tok(c, k));
  if (year !== null) k++;
  return monthDayHit(c, i, k, month, day, year, 'time:month-date');
}

export function matchWeekday(c: Ctx, i: number): Hit | null {
  let j = i;
  let dir: -2 | -1 | 1 | 2 = tenseAt(c, i) > 0 ? 1 : -1;
  const shift = shiftMap.get(w(c, i));
  if (shift !== undefined) {
    j++;
    if (shift < 0) dir = -2;
    else if (shift > 0) dir = 2;
    else dir = 1;
  }
  const t = tok(c, j);
  if (t?.k !== 'w') return null;
  const isoDay = weekdayMap.get(t.l);
  if (isoDay === undefined || !capitalised(t)) return null;
  let end = j + 1;
  if (t.l.length <= 5 && !t.l.endsWith('day')) {
    if (w(c, end) !== '.' || !touching(c, j)) return null;
    end++;
  }
  if (w(c, end) === ',') {
    // "Saturday, April 25": the written date wins.
    const date = matchMonth(c, end + 1);
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date.value)) return { ...date, rule: 'time:weekday' };
  }
  const value = weekdayValue(c, isoDay, dir);
  const part = partMap.get(w(c, end));
  if (part !== undefined) {
    return { end: end + 1, value: `${value}T${part}`, type: 'TIME', rule: 'time:weekday', relative: true };
  }
  return { end, value, type: 'DATE', rule: 'time:weekday', relative: true };
}
