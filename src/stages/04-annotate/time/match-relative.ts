import {
  addDays,
  type Day,
  daysInMonth,
  formatDay,
  nthWeekday,
  pad2,
  pad4,
  quarterOf,
  weekday,
} from '../../../core/calendar-math.js';
import type { WeekdayRule } from '../../../rules/time/calendar.js';
import { fourDigitYear, monthDayHit } from './match-dates.js';
import { inQuarterContext } from './match-durations.js';
import { matchSpelledYear } from './match-spelled.js';
import {
  FUTURE_DISTANCE_WEIGHT,
  referenceQuarter,
  shiftedFromLastDate,
  shiftedUnitValue,
  tenseAt,
  yearAfterLastDate,
  yearForMonth,
} from './resolve-values.js';
import { type Ctx, capitalised, type Hit, type Tok, titleCased, tok, w } from './time-tokens.js';
import {
  anaphoricSet,
  holidaysByFirst,
  monthMap,
  ordinalMap,
  quarterModifiers,
  seasonMap,
  shiftMap,
  spanPrefixes,
  theUnitLeaders,
  unitMap,
  yearAdjectives,
  yearLeaderSet,
} from './time-vocabulary.js';

/** Recognising dates relative to the anchor: "last week", seasons, holidays, quarters. */
/** "last week", "this year", "next month", "last November", "the year". */
export function matchRelativeUnit(c: Ctx, i: number): Hit | null {
  let j = i;
  const hasThe = w(c, j) === 'the';
  if (hasThe) j++;
  const shift = shiftMap.get(w(c, j));
  if (shift === undefined) {
    if (!hasThe) return null;
    // "the full year", "the fiscal year": the year the report is about.
    const adjective = yearAdjectives.has(w(c, j)) && w(c, j + 1) === 'year';
    if (adjective) j++;
    const u = unitMap.get(w(c, j));
    const l = w(c, j);
    if (l === 'weekend') {
      const v = shiftedUnitValue(c, 'week', weekendShift(c, i));
      return { end: j + 1, value: `${v}-WE`, type: 'DATE', rule: 'time:relative-unit', relative: true };
    }
    const calendarUnit =
      u && (u.unit === 'year' || u.unit === 'month' || u.unit === 'week' || u.unit === 'decade');
    if (!u || !calendarUnit || l !== u.forms[0]) return null;
    const next = w(c, j + 1);
    // "the year 2000": the year written after the unit names it (one TIMEX3, the year's value).
    const written = u.unit === 'year' && !adjective ? fourDigitYear(tok(c, j + 1)) : null;
    if (written !== null)
      return { end: j + 2, value: pad4(written), type: 'DATE', rule: 'time:year', relative: false };
    // A period named by its length and its last day is a duration (TimeML): "the year ended
    // March 31", "the year ending June 30, 1990" — the date is an expression of its own.
    if (u.unit === 'year' && (next === 'ended' || next === 'ending'))
      return { end: j + 1, value: 'P1Y', type: 'DURATION', rule: 'time:period-ended', relative: false };
    // "a high for the year of $42" is the year; "the year of the dragon" is not.
    const priced = next === 'of' && tok(c, j + 2)?.k !== 'w';
    if ((next === 'of' && !priced) || next === "'s" || next === 'before' || next === 'after' || next === '-')
      return null;
    // "in the year", "the end of the year", "the first nine months of the year"; not "player of the year".
    const prev = w(c, i - 1);
    const partOf =
      prev === 'of' && (spanPrefixes.some((p) => p[1] === w(c, i - 2)) || isPluralUnit(w(c, i - 2)));
    if (!theUnitLeaders.has(prev) && !partOf) return null;
    // "the end of the decade" is the decade the text is in; "in the decade since" is a length.
    if (u.unit === 'decade' && !partOf) return null;
    const v = shiftedUnitValue(c, u.unit, 0);
    return v === null
      ? null
      : { end: j + 1, value: v, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  j++;
  // "the current fiscal year", "next fiscal year".
  if (w(c, j) === 'fiscal' && (w(c, j + 1) === 'year' || w(c, j + 1) === 'quarter')) j++;
  const l = w(c, j);
  const t = tok(c, j);
  if (!t) return null;
  // "the following year", "the previous month": counted from the last date the text named.
  const anaphoric = anaphoricSet.has(w(c, j - 1));
  if (anaphoric && (l === 'year' || l === 'month' || l === 'week')) {
    // Without an earlier date they count from the publication date, as "last year" does; not
    // "the previous year's results" read as the length of a year.
    const v = shiftedFromLastDate(c, l, shift) ?? shiftedUnitValue(c, l, shift);
    if (v !== null)
      return { end: j + 1, value: v, type: 'DATE', rule: 'time:anaphoric-unit', relative: true };
  }
  // "the past year" is a duration, handled by matchDuration.
  if (hasThe && shift !== 0) return null;
  if (l === 'weekend') {
    const v = shiftedUnitValue(c, 'week', shift);
    return { end: j + 1, value: `${v}-WE`, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  const u = unitMap.get(l);
  // "This Week" with the unit capitalised mid-sentence is a title (a programme), not a time (TIDES:
  // proper names are not markable).
  const first = tok(c, i) as Tok;
  if (u && titleCased(t) && capitalised(first) && first.s > c.sentenceStart + 1) return null;
  if (u && l === u.forms[0] && u.unit !== 'quarter' && !u.time && u.unit !== 'day') {
    const v = shiftedUnitValue(c, u.unit, shift);
    return v === null
      ? null
      : { end: j + 1, value: v, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  const month = monthMap.get(l);
  if (month !== undefined && capitalised(t)) {
    const dir = shift < 0 ? -2 : shift > 0 ? 2 : 0;
    // "the following January": the first January after the last date named.
    const fromLast = anaphoric ? yearAfterLastDate(c, month, shift) : null;
    const y = fromLast ?? yearForMonth(c, month, dir);
    return {
      end: j + 1,
      value: y === null ? `XXXX-${pad2(month)}` : `${pad4(y)}-${pad2(month)}`,
      type: 'DATE',
      rule: 'time:relative-unit',
      relative: true,
    };
  }
  return null;
}

/** "months", "weeks": a plural calendar unit. */
function isPluralUnit(l: string): boolean {
  const u = unitMap.get(l);
  return u !== undefined && l !== u.forms[0];
}

/**
 * Which weekend "the weekend" is, as a shift in ISO weeks (a weekend belongs to the week of the
 * Monday before it): the past one in a past-tense clause, the coming one in a future clause, else
 * the nearer one — from Monday to Wednesday the one just past.
 */
function weekendShift(c: Ctx, i: number): number {
  const a = c.anchor;
  if (!a) return 0;
  const day = weekday(a);
  if (day >= 6) return 0;
  const tense = tenseAt(c, i);
  if (tense > 0) return 0;
  return tense < 0 || day <= 3 ? -1 : 0;
}

export const seasonStartMonth: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

export function matchSeason(c: Ctx, i: number, led = false): Hit | null {
  let j = i;
  const l0 = w(c, i);
  const hasThe = l0 === 'the';
  // "the following spring", "the previous winter": the shift word after "the".
  const shiftWord = hasThe && anaphoricSet.has(w(c, i + 1)) ? w(c, i + 1) : l0;
  const shift = shiftMap.get(shiftWord);
  if (shift !== undefined || hasThe) j++;
  if (hasThe && shift !== undefined) j++;
  const code = seasonMap.get(w(c, j));
  if (code === undefined) return null;
  let end = j + 1;
  let k = end;
  if (w(c, k) === 'of') k++;
  let year = fourDigitYear(tok(c, k));
  if (year !== null) end = k + 1;
  else {
    // "the winter of nineteen ninety-four": a year in words.
    const spelled = matchSpelledYear(c, k);
    if (spelled) {
      year = Number(spelled.value);
      end = spelled.end;
    }
  }
  if (year === null && shift === undefined && !hasThe && !led) return null;
  // "in the summer", "over the winter", "into the spring".
  const prev = w(c, i - 1);
  if (
    year === null &&
    hasThe &&
    shift === undefined &&
    !yearLeaderSet.has(prev) &&
    !theUnitLeaders.has(prev) &&
    prev !== 'into'
  )
    return null;
  let value: string;
  const fromLast =
    year === null && shift !== undefined && anaphoricSet.has(shiftWord)
      ? yearAfterLastDate(c, seasonStartMonth[code] as number, shift)
      : null;
  if (year !== null) value = `${pad4(year)}-${code}`;
  else if (fromLast !== null) value = `${pad4(fromLast)}-${code}`;
  else if (!c.anchor) value = `XXXX-${code}`;
  else {
    const start = seasonStartMonth[code] as number;
    const a = c.anchor;
    let y = a.y;
    if (shift === undefined || shift === 0) {
      // With no tense the nearer occurrence, the future weighed as for months ("in the spring"
      // written in February is the coming one); a past tense takes the last one begun.
      const tense = shift === undefined ? tenseAt(c, i) : 1;
      const ahead = start - a.m;
      if (start > a.m && (tense < 0 || (tense === 0 && ahead * FUTURE_DISTANCE_WEIGHT >= 12 - ahead)))
        y = a.y - 1;
    } else if (shift < 0) y = start < a.m ? a.y : a.y - 1;
    else y = start > a.m ? a.y : a.y + 1;
    value = `${pad4(y)}-${code}`;
  }
  return { end, value, type: 'DATE', rule: 'time:season', relative: year === null };
}

export function matchHoliday(c: Ctx, i: number): Hit | null {
  const t = tok(c, i);
  if (!t || !capitalised(t)) return null;
  if (t.l === 'thanksgiving') {
    const end = w(c, i + 1) === 'day' ? i + 2 : i + 1;
    if (!c.anchor) return { end, value: 'XXXX-11-XX', type: 'DATE', rule: 'time:holiday', relative: true };
    const a = c.anchor;
    const thisYear = nthWeekday(a.y, 11, 4, 4);
    const y = tenseAt(c, i) > 0 || a.m * 100 + a.d >= 1100 + thisYear.d ? a.y : a.y - 1;
    return {
      end,
      value: formatDay(nthWeekday(y, 11, 4, 4)),
      type: 'DATE',
      rule: 'time:holiday',
      relative: true,
    };
  }
  const list = holidaysByFirst.get(t.l);
  if (!list) return null;
  for (const h of list) {
    let ok = true;
    for (let k = 1; k < h.words.length; k++) {
      if (w(c, i + k) !== h.words[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const end = i + h.words.length;
    const written = fourDigitYear(tok(c, end));
    const rule = h.nthWeekday;
    if (rule) {
      // "Labor Day", "Election Day": the year as for a month and day (this year's date decides
      // which year is meant), then that year's date.
      const on = (y: number) => weekdayRuleDay(y, rule);
      const y = written ?? (c.anchor ? Number(holidayYear(c, i, end, on(c.anchor.y))) : null);
      const value = y === null ? `XXXX-${pad2(rule.month)}-XX` : formatDay(on(y));
      return {
        end: written !== null ? end + 1 : end,
        value,
        type: 'DATE',
        rule: 'time:holiday',
        relative: true,
      };
    }
    const month = Number(h.monthDay?.slice(0, 2));
    const day = Number(h.monthDay?.slice(3));
    return monthDayHit(c, i, written === null ? end : end + 1, month, day, written, 'time:holiday');
  }
  return null;
}

/** The day a weekday rule gives in year y (the last such weekday when n is -1). */
function weekdayRuleDay(y: number, r: WeekdayRule): Day {
  let d = nthWeekday(y, r.month, r.weekday, r.n < 0 ? 5 : r.n);
  if (d.d > daysInMonth(y, r.month)) d = nthWeekday(y, r.month, r.weekday, 4);
  return r.plusDays ? addDays(d, r.plusDays) : d;
}

/** The year of a holiday named without one, resolved as its date this year would be. */
function holidayYear(c: Ctx, i: number, end: number, thisYear: Day): string {
  const hit = monthDayHit(c, i, end, thisYear.m, thisYear.d, null, 'time:holiday');
  return hit ? hit.value.slice(0, 4) : String(thisYear.y);
}

/** "the third quarter", "third-quarter", "the first half of 1990", "the latest quarter". */
export function matchQuarter(c: Ctx, i: number): Hit | null {
  let j = i;
  if (w(c, j) === 'the') j++;
  if (w(c, j) === 'fiscal') j++;
  // The year may stand before the ordinal: "the 1988 third quarter", "the year-ago second
  // quarter", "next year's first quarter".
  let ownYear: number | null = null;
  let yearShift = 0;
  let shifted = false;
  const written = fourDigitYear(tok(c, j));
  const possessive = (k: number) =>
    w(c, k) === "'s" || w(c, k) === '’s'
      ? 1
      : (w(c, k) === "'" || w(c, k) === '’') && w(c, k + 1) === 's'
        ? 2
        : 0;
  if (written !== null && ordinalMap.has(w(c, j + 1))) {
    ownYear = written;
    j++;
  } else if (written !== null && possessive(j + 1) > 0 && ordinalMap.has(w(c, j + 1 + possessive(j + 1)))) {
    // "1998's first quarter".
    ownYear = written;
    j += 1 + possessive(j + 1);
  } else if (
    w(c, j) === 'year' &&
    w(c, j + 1) === '-' &&
    (w(c, j + 2) === 'ago' || w(c, j + 2) === 'earlier') &&
    ordinalMap.has(w(c, j + 3))
  ) {
    yearShift = -1;
    shifted = true;
    j += 3;
  } else if (shiftMap.has(w(c, j)) && w(c, j + 1) === 'year') {
    // "last year's fourth quarter", "this year's third quarter", "the following year's first half".
    const k = j + 2 + possessive(j + 2);
    if (k > j + 2 && ordinalMap.has(w(c, k))) {
      const shift = shiftMap.get(w(c, j)) as number;
      const fromLast = anaphoricSet.has(w(c, j)) ? shiftedFromLastDate(c, 'year', shift) : null;
      if (fromLast !== null) ownYear = Number(fromLast);
      yearShift = shift;
      shifted = true;
      j = k;
    }
  }
  // "the 1988 quarter", "the 1989 period" (in a report of quarters): the quarter under discussion,
  // in the year written.
  if (ownYear === null && written !== null && w(c, i) === 'the') {
    const head = w(c, j + 1);
    const ref = head === 'quarter' || (head === 'period' && inQuarterContext(c)) ? referenceQuarter(c) : null;
    if (ref)
      return {
        end: j + 2,
        value: `${pad4(written)}-Q${ref.q}`,
        type: 'DATE',
        rule: 'time:quarter',
        relative: true,
      };
  }
  const part = partOfWrittenYear(c, j);
  if (part) return part;
  const ordinal = ordinalMap.get(w(c, j));
  if (ordinal !== undefined) {
    let k = j + 1;
    if (w(c, k) === '-') k++;
    const unit = w(c, k);
    if (unit !== 'quarter' && unit !== 'half') return null;
    if (unit === 'half' && ordinal > 2) return null;
    let end = k + 1;
    let year: number | null = null;
    let m = end;
    if (w(c, m) === 'of') m++;
    if (fourDigitYear(tok(c, m)) !== null) {
      year = fourDigitYear(tok(c, m));
      end = m + 1;
    }
    if (year === null && ownYear !== null) year = ownYear;
    if (year === null && shifted && c.anchor) year = c.anchor.y + yearShift;
    if (year === null && c.anchor) {
      const a = c.anchor;
      const current = unit === 'quarter' ? quarterOf(a.m) : a.m <= 6 ? 1 : 2;
      // Quarters named without a year are this year's, except a later one in a past-tense clause,
      // or, with no tense to go by, a later one nearer a year back ("the fourth quarter" in January).
      const tense = ordinal > current ? tenseAt(c, i) : 0;
      const nearerBack = ordinal - current > current + (unit === 'quarter' ? 4 : 2) - ordinal;
      year = ordinal > current && (tense < 0 || (tense === 0 && nearerBack)) ? a.y - 1 : a.y;
    }
    if (unit === 'quarter' && year !== null) c.state.lastQuarter = { y: year, q: ordinal };
    const label = unit === 'quarter' ? `Q${ordinal}` : `H${ordinal}`;
    return {
      end,
      value: year === null ? `XXXX-${label}` : `${pad4(year)}-${label}`,
      type: 'DATE',
      rule: 'time:quarter',
      relative: year === null || (end === k + 1 && ownYear === null),
    };
  }
  // Modified bare quarter: "the quarter", "the latest quarter", "this quarter", "the year-earlier quarter".
  const hasThe = w(c, i) === 'the';
  const mods: string[] = [];
  let k = i + (hasThe ? 1 : 0);
  while (k < c.n && k < i + 6 && quarterModifiers.has(w(c, k))) mods.push(w(c, k++));
  // "the latest period", "the most recent period": in a report of results, the quarter reported.
  let end = k + 1;
  // "the quarter a year ago", "the same period last year": the same quarter the year before.
  let yearBefore = 0;
  if ((w(c, end) === 'a' || w(c, end) === 'one') && w(c, end + 1) === 'year') {
    if (w(c, end + 2) === 'ago' || w(c, end + 2) === 'earlier') yearBefore = 3;
  } else if (w(c, end) === 'last' && w(c, end + 1) === 'year') yearBefore = 2;
  const compared = mods.includes('same') || mods.includes('corresponding') || mods.includes('comparable');
  const period =
    w(c, k) === 'period' &&
    (mods.includes('latest') ||
      mods.includes('recent') ||
      (compared && (yearBefore > 0 || mods.includes('ago'))));
  if (w(c, k) !== 'quarter' && !(period && inQuarterContext(c))) return null;
  if (!hasThe && mods.length === 0) return null;
  // "the quarter last year" alone is left to "last year".
  if (yearBefore === 2 && !compared) yearBefore = 0;
  end += yearBefore;
  const ref = referenceQuarter(c);
  if (!ref || !c.anchor) return { end, value: 'XXXX-QX', type: 'DATE', rule: 'time:quarter', relative: true };
  const current = { y: c.anchor.y, q: quarterOf(c.anchor.m) };
  let target = ref;
  if (yearBefore > 0 || (mods.includes('year') && (mods.includes('earlier') || mods.includes('ago'))))
    target = { y: ref.y - 1, q: ref.q };
  else if (mods.includes('next') || mods.includes('coming'))
    target = current.q === 4 ? { y: current.y + 1, q: 1 } : { y: current.y, q: current.q + 1 };
  else if (mods.includes('current') || mods.includes('this')) target = current;
  // "the latest quarter", "the most recent quarter": the last one reported, i.e. completed.
  else if (mods.includes('latest') || mods.includes('recent'))
    target = current.q === 1 ? { y: current.y - 1, q: 4 } : { y: current.y, q: current.q - 1 };
  else if (mods.includes('previous') || mods.includes('prior'))
    target = ref.q === 1 ? { y: ref.y - 1, q: 4 } : { y: ref.y, q: ref.q - 1 };
  return { end, value: `${pad4(target.y)}-Q${target.q}`, type: 'DATE', rule: 'time:quarter', relative: true };
}

/**
 * "that year", "that month", "that quarter": the one the text named last (TimeML resolves an
 * anaphoric expression from the time it refers back to); nothing when the text named none.
 */
export function matchThatUnit(c: Ctx, i: number): Hit | null {
  if (w(c, i) !== 'that') return null;
  const l = w(c, i + 1);
  if (l === 'quarter') {
    const q = c.state.lastQuarter;
    return q
      ? {
          end: i + 2,
          value: `${pad4(q.y)}-Q${q.q}`,
          type: 'DATE',
          rule: 'time:anaphoric-unit',
          relative: true,
        }
      : null;
  }
  if (l !== 'year' && l !== 'month') return null;
  const v = shiftedFromLastDate(c, l, 0);
  return v === null
    ? null
    : { end: i + 2, value: v, type: 'DATE', rule: 'time:anaphoric-unit', relative: true };
}

/**
 * A part of a year named from its end or by two quarters, with the year written after "of": "the
 * last half of 1989" (the second half, 1989-H2), "the last quarter of 1989" (1989-Q4), "the first two
 * quarters of 1990" (the first half, 1990-H1), "the last two quarters of 1990" (1990-H2). Without the
 * year, "the last quarter" is the one before the present and "the first two quarters" a length, and
 * both are left to the other rules.
 */
function partOfWrittenYear(c: Ctx, j: number): Hit | null {
  const edge = w(c, j);
  if (edge !== 'last' && edge !== 'first' && edge !== 'final') return null;
  let k = j + 1;
  let label: string | null = null;
  if (w(c, k) === 'two' && w(c, k + 1) === 'quarters') {
    label = edge === 'first' ? 'H1' : 'H2';
    k += 2;
  } else if (edge !== 'first' && (w(c, k) === 'half' || w(c, k) === 'quarter')) {
    label = w(c, k) === 'half' ? 'H2' : 'Q4';
    k += 1;
  }
  if (label === null || w(c, k) !== 'of') return null;
  const year = fourDigitYear(tok(c, k + 1));
  if (year === null) return null;
  return { end: k + 2, value: `${pad4(year)}-${label}`, type: 'DATE', rule: 'time:quarter', relative: false };
}

/**
 * "year-end", "year end", "year's end": the end of the year the text is in (TIMEX3: the year, mod
 * END), counted like "this year".
 */
export function matchYearEnd(c: Ctx, i: number): Hit | null {
  if (w(c, i) !== 'year') return null;
  let k = i + 1;
  if (w(c, k) === '-' || w(c, k) === "'s" || w(c, k) === '’s') k++;
  if (w(c, k) !== 'end') return null;
  const v = shiftedUnitValue(c, 'year', 0);
  if (v === null) return null;
  return { end: k + 1, value: v, type: 'DATE', rule: 'time:relative-unit', relative: true, mod: 'END' };
}
