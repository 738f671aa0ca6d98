import { addDays, formatDay, isValidDay, pad2, pad4, weekday } from '../../../core/calendar-math.js';
import { matchSpelledYear } from './match-spelled.js';
import {
  certainPast,
  dayFromAnchor,
  dayFromLastDay,
  lastDayOf,
  tenseAt,
  weekdayAheadIsNearer,
  weekdayValue,
  yearForMonth,
  yearForMonthDay,
} from './resolve-values.js';
import { type Ctx, capitalised, type Hit, type Tok, titleCased, tok, touching, w } from './time-tokens.js';
import {
  ambiguousMonthSet,
  anaphoricSet,
  decadeMap,
  determiners,
  monthMap,
  ordinalSuffix,
  partMap,
  phrasesByFirst,
  positionSet,
  rangeJoiners,
  setLeaderSet,
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
  // "USA Today", "VOA Today": a capitalised one-word phrase right after a capitalised word inside a
  // sentence ends a name (TIDES: proper names are not markable), as a capitalised "This Week" does.
  const first = tok(c, i) as Tok;
  const before = tok(c, i - 1);
  const named =
    titleCased(first) &&
    before !== undefined &&
    before.k === 'w' &&
    capitalised(before) &&
    before.s > c.sentenceStart;
  for (const p of list) {
    if (named && p.words.length === 1) continue;
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
    if (p.kind === 'anaphoric-day') {
      const value = dayFromLastDay(c, p.offset);
      return { end, value, type: 'DATE', rule: p.rule, relative: true };
    }
    const day = dayFromAnchor(c, p.offset);
    return p.part === undefined
      ? { end, value: day, type: 'DATE', rule: p.rule, relative: true }
      : { end, value: `${day}T${p.part}`, type: 'TIME', rule: p.rule, relative: true };
  }
  return null;
}

/**
 * "the 20th century" → `19`: TIMEX3 writes a century as its first two year digits (the 20th
 * century is 1900-1999).
 */
export function matchCentury(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  if (t.k !== 'n' || t.t.length > 2 || !touching(c, i) || !ordinalSuffix.has(w(c, i + 1))) return null;
  if (w(c, i + 2) !== 'century') return null;
  const n = Number(t.t);
  if (!(n >= 1)) return null;
  return { end: i + 3, value: pad2(n - 1), type: 'DATE', rule: 'time:century', relative: false };
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
    // After a possessive ("its", "this", "the company's") a year written without a thousands separator
    // names the year of what follows ("its 1990 invasion", "the company's 1989 results"), as news
    // style writes counts of a thousand and more with one ("its 2,000 employees").
    const owned = prev !== undefined && (prev.l === "'s" || singularDeterminers.has(prev.l));
    if (
      next &&
      next.k === 'w' &&
      !capitalised(next) &&
      !yearFollowers.has(next.l) &&
      !(owned && !t.t.includes(','))
    )
      return null;
  }
  return { end: i + 1, value: pad4(y), type: 'DATE', rule: 'time:year', relative: false };
}

const singularDeterminers = new Set(
  [...determiners].filter((d) => d !== 'the' && d !== 'a' && d !== 'an' && d !== 'these' && d !== 'those'),
);

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
  const mark = w(c, j);
  if ((mark === "'" || mark === '’') && touching(c, j)) return matchShortDecade(c, j + 1);
  const digit = decadeMap.get(mark);
  if (digit !== undefined) return decadeBefore(c, digit, j + 1);
  return matchDecadeNumber(c, j);
}

/**
 * "the '80s" (token at i is "80s"): the last such decade not after the anchor's — in 1998 and in
 * 2013 the 1980s; without an anchor, nothing.
 */
function matchShortDecade(c: Ctx, i: number): Hit | null {
  const t = tok(c, i);
  if (t?.k !== 'n' || !/^\d0s$/.test(t.t)) return null;
  return decadeBefore(c, Number(t.t[0]), i + 1);
}

/** The last decade with this digit not after the anchor's ("the nineties" in 2013: 199); nothing without an anchor. */
function decadeBefore(c: Ctx, digit: number, end: number): Hit | null {
  if (!c.anchor) return null;
  const anchorDecade = Math.floor(c.anchor.y / 10);
  let decade = Math.floor(c.anchor.y / 100) * 10 + digit;
  if (decade > anchorDecade) decade -= 10;
  return { end, value: String(decade), type: 'DATE', rule: 'time:decade', relative: true };
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
  const y = year ?? yearForMonthDay(c, month, day, tenseAt(c, start), certainPast(c, start));
  if (y !== null && !isValidDay(y, month, day)) return null;
  const value = y === null ? `XXXX-${pad2(month)}-${pad2(day)}` : `${pad4(y)}-${pad2(month)}-${pad2(day)}`;
  return { end, value, type: 'DATE', rule, relative: year === null };
}

/** "last year", "next year", "this year" after a month ("June last year"): that year, and the token after. */
function namedYear(c: Ctx, k: number): { y: number; end: number } | null {
  const shift = shiftMap.get(w(c, k));
  if (shift === undefined || w(c, k + 1) !== 'year' || !c.anchor || anaphoricSet.has(w(c, k))) return null;
  return { y: c.anchor.y + shift, end: k + 2 };
}

/** "every July", "each January": a month that recurs. */
export function matchMonthSet(c: Ctx, i: number): Hit | null {
  if (!setLeaderSet.has(w(c, i))) return null;
  const t = tok(c, i + 1);
  if (!t || !capitalised(t)) return null;
  const month = monthMap.get(t.l);
  if (month === undefined) return null;
  return { end: i + 2, value: `XXXX-${pad2(month)}`, type: 'SET', rule: 'time:set', relative: false };
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
  // "May 5:30", "June 3:16": a clock or a reference, not a day; "April 25: The court…" is a day.
  const colonNumber = w(c, j + 1) === ':' && touching(c, j + 1) && tok(c, j + 2)?.k === 'n';
  if (day !== null && !colonNumber) {
    let k = j + 1;
    if (ordinalSuffix.has(w(c, k)) && touching(c, j)) k++;
    let y: number | null = null;
    if (w(c, k) === ',' && fourDigitYear(tok(c, k + 1)) !== null) {
      y = fourDigitYear(tok(c, k + 1));
      k += 2;
    } else if (fourDigitYear(tok(c, k)) !== null) {
      y = fourDigitYear(tok(c, k));
      k += 1;
    } else {
      const named = namedYear(c, k);
      if (named) {
        y = named.y;
        k = named.end;
      }
    }
    return monthDayHit(c, i, k, month, day, y, 'time:month-date');
  }
  let k = j;
  if (w(c, k) === 'of' || w(c, k) === ',') k++;
  const year = fourDigitYear(tok(c, k));
  // A year in words after the month: "January nineteen ninety-seven" (broadcast transcripts).
  const spelled = year === null && !dotted ? matchSpelledYear(c, k) : null;
  if (spelled) {
    return {
      end: spelled.end,
      value: `${spelled.value}-${pad2(month)}`,
      type: 'DATE',
      rule: 'time:month-name',
      relative: false,
    };
  }
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
  const monthEnd = dotted ? i + 2 : i + 1;
  const named = namedYear(c, monthEnd);
  if (named) {
    return {
      end: named.end,
      value: `${pad4(named.y)}-${pad2(month)}`,
      type: 'DATE',
      rule: 'time:month-name',
      relative: true,
    };
  }
  const y = yearForMonth(c, month, -1, tenseAt(c, i), certainPast(c, i));
  const end = monthEnd;
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
  // "3-5 March", "10 to 12 June": the first day of a range takes the month after the second.
  if (rangeJoiners.has(w(c, j)) && (w(c, j) !== '-' || touching(c, j - 1))) {
    const second = dayOfMonth(tok(c, j + 1));
    if (second !== null && second > day) {
      const after = matchDayMonth(c, j + 1);
      if (after && /^(?:\d{4}|XXXX)-\d{2}-\d{2}$/.test(after.value)) {
        const value = `${after.value.slice(0, 8)}${pad2(day)}`;
        const y = Number(value.slice(0, 4));
        if (value.startsWith('XXXX') || isValidDay(y, Number(value.slice(5, 7)), day))
          return { end: j, value, type: 'DATE', rule: 'time:day-range', relative: after.relative };
      }
    }
    return null;
  }
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

/**
 * The second day of a range whose first day was just matched: "June 10-12", "May 3 and 4"
 * (`c.previous` ended at the joiner). It takes the first day's month and year, or a year written
 * after it ("June 10-12, 2024").
 */
export function matchRangeEnd(c: Ctx, i: number): Hit | null {
  const prev = c.previous;
  // A range has two ends: a third number in a chain ("10-11-12") is none.
  if (!prev || prev.end !== i - 1 || prev.rule === 'time:day-range') return null;
  if (!/^(?:\d{4}|XXXX)-\d{2}-\d{2}$/.test(prev.value)) return null;
  const joiner = w(c, i - 1);
  if (!rangeJoiners.has(joiner) || (joiner === '-' && !(touching(c, i - 2) && touching(c, i - 1))))
    return null;
  const day = dayOfMonth(tok(c, i));
  const first = Number(prev.value.slice(8, 10));
  if (day === null || day <= first) return null;
  let end = i + 1;
  if (ordinalSuffix.has(w(c, end)) && touching(c, i)) end++;
  // "10-12 people", "3 to 5 p.m.": not a day.
  const next = tok(c, end);
  if (
    next &&
    ((next.k === 'w' && !capitalised(next) && !yearFollowers.has(next.l)) ||
      next.k === 'ap' ||
      next.l === ':')
  )
    return null;
  let year = prev.value.slice(0, 4);
  let k = end;
  if (w(c, k) === ',') k++;
  const written = fourDigitYear(tok(c, k));
  if (written !== null) {
    year = pad4(written);
    end = k + 1;
  }
  const month = prev.value.slice(5, 7);
  if (year !== 'XXXX' && !isValidDay(Number(year), Number(month), day)) return null;
  return {
    end,
    value: `${year}-${month}-${pad2(day)}`,
    type: 'DATE',
    rule: 'time:day-range',
    relative: written === null,
  };
}

/**
 * "Tuesday", "last Friday", "Thursday evening"; "every Tuesday" and "Tuesdays" recur (SET);
 * "the previous Friday" counts from the last day the text named; "Saturday, April 25" takes the
 * written date, in the year where that date falls on that weekday.
 */
export function matchWeekday(c: Ctx, i: number): Hit | null {
  let j = i;
  const tense = tenseAt(c, i, true);
  let dir: -2 | -1 | 1 | 2 = tense > 0 ? 1 : -1;
  const lead = w(c, i);
  const every = setLeaderSet.has(lead);
  const shift = every ? undefined : shiftMap.get(lead);
  if (every) j++;
  if (shift !== undefined) {
    j++;
    if (shift < 0) dir = -2;
    else if (shift > 0) dir = 2;
    // "this Tuesday": the one of this week, already past in a past clause ("said this Tuesday").
    else dir = tense < 0 ? -1 : 1;
  }
  const t = tok(c, j);
  if (t?.k !== 'w' || !capitalised(t)) return null;
  let isoDay = weekdayMap.get(t.l);
  // "Tuesdays": a weekday that recurs.
  const plural = isoDay === undefined && t.l.endsWith('days') ? weekdayMap.get(t.l.slice(0, -1)) : undefined;
  if (plural !== undefined) isoDay = plural;
  if (isoDay === undefined) return null;
  // No tense cue: the nearer occurrence, as for a month or a day without a year.
  if (tense === 0 && shift === undefined && weekdayAheadIsNearer(c, isoDay)) dir = 1;
  let end = j + 1;
  if (plural === undefined && t.l.length <= 5 && !t.l.endsWith('day')) {
    if (w(c, end) !== '.' || !touching(c, j)) return null;
    end++;
  }
  const partWord = w(c, end);
  const part =
    partMap.get(partWord) ?? (partWord.endsWith('s') ? partMap.get(partWord.slice(0, -1)) : undefined);
  if (
    every ||
    plural !== undefined ||
    (part !== undefined && partWord.endsWith('s') && !partMap.has(partWord))
  ) {
    const value = `XXXX-WXX-${isoDay}${part !== undefined ? `T${part}` : ''}`;
    return { end: part !== undefined ? end + 1 : end, value, type: 'SET', rule: 'time:set', relative: false };
  }
  // "Saturday, April 25", "Friday Oct. 13": the written date wins.
  const date = matchMonth(c, w(c, end) === ',' ? end + 1 : end);
  if (date && /^(?:\d{4}|XXXX)-\d{2}-\d{2}$/.test(date.value)) {
    const fixed = date.relative ? agreeingYear(c, date.value, isoDay) : null;
    return { ...date, value: fixed ?? date.value, rule: 'time:weekday' };
  }
  let value: string;
  const last = shift !== undefined && anaphoricSet.has(lead) ? lastDayOf(c) : null;
  if (last) {
    // Strictly before or after the day last named.
    let diff =
      shift !== undefined && shift < 0
        ? -((weekday(last) - isoDay + 7) % 7)
        : (isoDay - weekday(last) + 7) % 7;
    if (diff === 0) diff = shift !== undefined && shift < 0 ? -7 : 7;
    value = formatDay(addDays(last, diff));
  } else value = weekdayValue(c, isoDay, dir);
  if (part !== undefined) {
    return { end: end + 1, value: `${value}T${part}`, type: 'TIME', rule: 'time:weekday', relative: true };
  }
  return { end, value, type: 'DATE', rule: 'time:weekday', relative: true };
}

/**
 * A month and day written beside a weekday, without a year: the year (of the anchor's, the one
 * before or after) in which that day is that weekday, nearest the anchor; null if none is.
 */
function agreeingYear(c: Ctx, value: string, isoDay: number): string | null {
  const a = c.anchor;
  if (!a) return null;
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  for (const y of [a.y, a.y - 1, a.y + 1]) {
    if (isValidDay(y, m, d) && weekday({ y, m, d }) === isoDay) return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
  }
  return null;
}
