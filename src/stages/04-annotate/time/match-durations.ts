import { pad2, pad4 } from '../../../core/calendar-math.js';
import { matchFixed, matchMonth, matchWeekday } from './match-dates.js';
import { dayFromAnchor, durationValue, referenceQuarter, shiftedUnitValue } from './resolve-values.js';
import { type Ctx, type Hit, longest, type Tok, tok, touching, w } from './time-tokens.js';
import {
  agoMap,
  barePluralLeaders,
  cardinalMap,
  clockWords,
  countAdditionSet,
  dayKinds,
  durationLeaders,
  frequencyWords,
  modalSet,
  quarterPattern,
  setLeaderSet,
  shiftMap,
  timeZones,
  unitMap,
  vagueSet,
} from './time-vocabulary.js';

/** Recognising counts of units: durations, "two years ago", vague plurals, clock times. */
/** A count: digits, number words ("twenty-five", "a couple of"), or a vague "several"/"a few". */
export function parseCount(c: Ctx, i: number): { n: number | null; next: number } | null {
  const count = parseCountWord(c, i);
  if (!count || count.n === null || count.n > 10) return count;
  // "two dozen years", "three hundred years": a multiple of the number word after the count.
  const times = cardinalMap.get(w(c, count.next));
  if (
    times !== undefined &&
    times > 10 &&
    unitMap.has(w(c, count.next + 1)) &&
    w(c, i) !== 'a' &&
    w(c, i) !== 'an'
  )
    return { n: count.n * times, next: count.next + 1 };
  return count;
}

function parseCountWord(c: Ctx, i: number): { n: number | null; next: number } | null {
  const t = tok(c, i);
  if (!t) return null;
  if (t.k === 'n') {
    if (!/^\d{1,3}(?:,\d{3})*$/.test(t.t)) return null;
    const n = Number(t.t.replace(/,/g, ''));
    if ((w(c, i + 1) === 'to' || w(c, i + 1) === 'or') && tok(c, i + 2)?.k === 'n')
      return { n: null, next: i + 3 };
    return { n, next: i + 1 };
  }
  if (vagueSet.has(t.l)) return { n: null, next: i + 1 };
  const v = cardinalMap.get(t.l);
  if (v === undefined) return null;
  if (t.l === 'a' || t.l === 'an') {
    if (w(c, i + 1) === 'few') return { n: null, next: i + 2 };
    if (w(c, i + 1) === 'couple' && w(c, i + 2) === 'of') return { n: 2, next: i + 3 };
    // "a dozen years", "a hundred years": the article counts one of the number that follows.
    const times = cardinalMap.get(w(c, i + 1));
    if (times !== undefined && times > 10 && unitMap.has(w(c, i + 2))) return { n: times, next: i + 2 };
    return { n: 1, next: i + 1 };
  }
  if (t.l === 'couple') return w(c, i + 1) === 'of' ? { n: 2, next: i + 2 } : null;
  if (v >= 20 && v < 100 && v % 10 === 0) {
    let j = i + 1;
    if (w(c, j) === '-' && touching(c, i)) j++;
    const unit = cardinalMap.get(w(c, j));
    if (unit !== undefined && unit < 10 && w(c, j) !== 'a' && w(c, j) !== 'an')
      return { n: v + unit, next: j + 1 };
  }
  return { n: v, next: i + 1 };
}

/** "two days", "the past three years", "two-day", "75 years", "the first nine months", "a few weeks". */
export function matchDuration(c: Ctx, i: number): Hit | null {
  if (w(c, i) === 'half') return matchHalfUnit(c, i);
  // "will one day be", "could one day replace": some day to come, not a day's length.
  if (w(c, i) === 'one' && w(c, i + 1) === 'day' && modalSet.has(w(c, i - 1)))
    return { end: i + 2, value: 'FUTURE_REF', type: 'DATE', rule: 'time:one-day', relative: true };
  const unitLong = matchUnitLong(c, i);
  if (unitLong) return unitLong;
  let j = i;
  const hasThe = w(c, i) === 'the';
  if (hasThe) j++;
  const leader = durationLeaders.has(w(c, j));
  if (leader && (hasThe || w(c, j) !== 'first')) j++;
  let count = parseCount(c, j);
  let k: number;
  if (count) k = count.next;
  else if (hasThe && leader) {
    // "the last-minute talks", "the first-year results": leader and unit joined are an adjective.
    if (w(c, j) === '-') return null;
    // "the past year": one unit.
    count = { n: 1, next: j };
    k = j;
  } else return null;
  // "two and a half years", "2 1/2 years": the half, added once the unit is known.
  let half = w(c, k) === 'and' && w(c, k + 1) === 'a' && w(c, k + 2) === 'half' && count.n !== null;
  if (half) k += 3;
  else if (count.n !== null && (w(c, k) === '1/2' || w(c, k) === '½') && tok(c, k - 1)?.k === 'n') {
    half = true;
    k++;
  }
  // "an additional year", "20 more years": the length added is still the count of units.
  if (count.n !== null && countAdditionSet.has(w(c, k)) && unitMap.has(w(c, k + 1))) k++;
  // "eight trading days": which days are counted does not change the unit.
  if (
    dayKinds.has(w(c, k)) &&
    unitMap.get(w(c, k + 1))?.code.match(/^[DW]$/) &&
    !unitMap.get(w(c, k + 1))?.time
  )
    k++;
  let hyphenated = false;
  if (w(c, k) === '-' && touching(c, k - 1)) {
    hyphenated = true;
    k++;
  }
  const u = unitMap.get(w(c, k));
  if (!u) return null;
  // "the next century", "the coming century": the century after the anchor's, a date (TIMEX3 `20`).
  if (hasThe && leader && k === j && u.unit === 'century' && shiftMap.get(w(c, j - 1)) === 1) {
    const value = shiftedUnitValue(c, 'century', 1);
    return value === null ? null : { end: k + 1, value, type: 'DATE', rule: 'time:century', relative: true };
  }
  // "the first hours", "the past weeks": no count and a plural unit, so how many is left open (PTXH).
  if (hasThe && leader && k === j && count.n === 1 && w(c, k) !== u.forms[0]) count = { n: null, next: k };
  if (hyphenated) {
    // "two-day" is a duration; "three-quarters" a fraction, "44-year-old" an age.
    if (!touching(c, k - 1) || w(c, k) !== u.forms[0]) return null;
    if (w(c, k + 1) === '-' && w(c, k + 2) === 'old') return null;
  }
  // "a year-earlier loss", "a year-ago quarter": the article belongs to the noun, and "year-earlier"
  // is the point a year back (matchYearAdjective), not a year's length.
  const after = w(c, k + 2);
  if (!hyphenated && w(c, k + 1) === '-' && touching(c, k) && (after === 'earlier' || after === 'ago'))
    return null;
  // "52 years old": an age, left out as "44-year-old" is.
  if (!hyphenated && w(c, k + 1) === 'old' && count.n !== null && !hasThe) return null;
  if (count.n === 1 && k === j && !leader) return null;
  // Without "the", a leading "last"/"next" is a date ("last year"), not a duration.
  if (!hasThe && leader && k === j) return null;
  let end = k + 1;
  // "a minute and a half".
  if (!half && count.n !== null && w(c, end) === 'and' && w(c, end + 1) === 'a' && w(c, end + 2) === 'half') {
    half = true;
    end += 3;
  }
  if (w(c, end) === 'or' && w(c, end + 1) === 'so') end += 2;
  const a = tok(c, i) as Tok;
  if (half) {
    const value = count.n === null ? null : halfDurationValue(count.n, u.unit);
    if (value === null) return null;
    return { end, value, type: 'DURATION', rule: 'time:duration', relative: false };
  }
  // "a second term", "a quarter of the vote": an ordinal or a fraction, not a duration.
  if ((a.l === 'a' || a.l === 'an') && (u.unit === 'second' || u.unit === 'quarter') && k === i + 1)
    return null;
  // "$5 a year", "twice a day", "three times a year": a frequency.
  if ((a.l === 'a' || a.l === 'an' || a.l === 'per') && !hasThe && k === i + 1) {
    const prev = tok(c, i - 1);
    if (prev && (prev.k === 'n' || prev.l === 'cents' || prev.l === 'percent' || frequencyWords.has(prev.l)))
      return { end, value: durationValue(1, u), type: 'SET', rule: 'time:set', relative: false };
  }
  return { end, value: durationValue(count.n, u), type: 'DURATION', rule: 'time:duration', relative: false };
}

/**
 * "half a century", "half an hour": half the unit, written exactly in a smaller one (P50Y, PT30M);
 * nothing where TIMEX3 has no exact form ("half a month").
 */
function matchHalfUnit(c: Ctx, i: number): Hit | null {
  const a = w(c, i + 1);
  if (a !== 'a' && a !== 'an') return null;
  const u = unitMap.get(w(c, i + 2));
  if (!u || w(c, i + 2) !== u.forms[0]) return null;
  const value = halfUnitValue(u.unit);
  if (value === null) return null;
  return { end: i + 3, value, type: 'DURATION', rule: 'time:duration', relative: false };
}

function halfUnitValue(unit: string): string | null {
  switch (unit) {
    case 'century':
      return 'P50Y';
    case 'decade':
      return 'P5Y';
    case 'year':
      return 'P6M';
    case 'day':
      return 'PT12H';
    case 'hour':
      return 'PT30M';
    case 'minute':
      return 'PT30S';
    default:
      return null;
  }
}

/** N units and a half, in the next smaller unit: P2Y6M, PT1M30S, P1DT12H, PT1H30M; null where TIMEX3 has no exact form. */
function halfDurationValue(n: number, unit: string): string | null {
  switch (unit) {
    case 'year':
      return `P${n}Y6M`;
    case 'day':
      return `P${n}DT12H`;
    case 'hour':
      return `PT${n}H30M`;
    case 'minute':
      return `PT${n}M30S`;
    default:
      return null;
  }
}

/**
 * "every quarter", "each week", "every two years": a unit that recurs (SET, the unit's duration as
 * value). A unit a fixed phrase already covers ("every day") gets the same value either way.
 */
export function matchEveryUnit(c: Ctx, i: number): Hit | null {
  if (!setLeaderSet.has(w(c, i))) return null;
  const count = parseCount(c, i + 1);
  const k = count && count.n !== null ? count.next : i + 1;
  const u = unitMap.get(w(c, k));
  if (!u) return null;
  // "each of the two years", "every one of them": no unit right after the count.
  const n = count && count.n !== null ? count.n : 1;
  if (n === 1 && k === i + 1 && u.forms[0] !== w(c, k)) return null;
  return { end: k + 1, value: durationValue(n, u), type: 'SET', rule: 'time:set', relative: false };
}

/** "two years ago", "a year earlier", "three days later". */
export function matchAgo(c: Ctx, i: number): Hit | null {
  const count = parseCount(c, i);
  if (!count) return null;
  let k = count.next;
  const u = unitMap.get(w(c, k));
  if (!u) return null;
  // "a week or so ago": the approximation stays inside the expression.
  if (w(c, k + 1) === 'or' && w(c, k + 2) === 'so' && agoMap.has(w(c, k + 3))) k += 2;
  let dirWord = agoMap.get(w(c, k + 1));
  let end = k + 2;
  if (dirWord === undefined && w(c, k + 1) === 'from' && w(c, k + 2) === 'now') {
    dirWord = 1;
    end = k + 3;
  }
  if (dirWord === undefined || w(c, k + 1) === 'before') return null;
  // "three days later": TimeML tags the length ("three days", a duration) and leaves "later" out as
  // a signal, the point it counts from being another event, not the publication date.
  if (w(c, k + 1) === 'later') return null;
  if (u.time) return null;
  const n = count.n;
  if (n === null) {
    const ref = dirWord < 0 ? 'PAST_REF' : 'FUTURE_REF';
    return { end, value: ref, type: 'DATE', rule: 'time:ago', relative: false };
  }
  if (u.unit === 'year' && n === 1 && inQuarterContext(c)) {
    const q = referenceQuarter(c);
    if (q) return { end, value: `${pad4(q.y - 1)}-Q${q.q}`, type: 'DATE', rule: 'time:ago', relative: true };
  }
  const v = shiftedUnitValue(c, u.unit, dirWord * n);
  return v === null ? null : { end, value: v, type: 'DATE', rule: 'time:ago', relative: true };
}

/** "year-earlier", "the year-ago period": a year before the quarter under discussion, or before the anchor. */
export function matchYearAdjective(c: Ctx, i: number): Hit | null {
  const j = w(c, i) === 'the' ? i + 1 : i;
  if (w(c, j) !== 'year' || w(c, j + 1) !== '-') return null;
  const l = w(c, j + 2);
  if (l !== 'earlier' && l !== 'ago') return null;
  let end = j + 3;
  // "the year-earlier nine months": a period's length, the same months a year back (TimeML tags the
  // length, as for "the first nine months").
  const count = j !== i ? parseCount(c, end) : null;
  const unit = count && count.n !== null ? unitMap.get(w(c, count.next)) : undefined;
  if (count && unit && !unit.time && w(c, count.next) !== unit.forms[0]) {
    const value = durationValue(count.n, unit);
    return { end: count.next + 1, value, type: 'DURATION', rule: 'time:duration', relative: false };
  }
  if (w(c, end) === 'period') end++;
  else if (j !== i) return null;
  const q = inQuarterContext(c) ? referenceQuarter(c) : null;
  const value = q ? `${pad4(q.y - 1)}-Q${q.q}` : c.anchor ? pad4(c.anchor.y - 1) : 'XXXX';
  return { end, value, type: 'DATE', rule: 'time:ago', relative: true };
}

/** The sentence, or an earlier one of the document, talks about quarters (earnings reports). */
export function inQuarterContext(c: Ctx): boolean {
  if (c.state.lastQuarter !== undefined) return true;
  if (c.quarterContext === 0) {
    const sentence = c.layer.text.slice(c.sentenceStart, c.sentenceEnd);
    c.quarterContext = quarterPattern.test(sentence) ? 1 : 2;
  }
  return c.quarterContext === 1;
}

/** "for years", "over decades": a vague duration on a bare plural unit. */
export function matchBarePlural(c: Ctx, i: number): Hit | null {
  const u = unitMap.get(w(c, i));
  if (!u || w(c, i) === u.forms[0]) return null;
  const next = w(c, i + 1);
  // "hours after the blast", "minutes later", "days before the vote": how long, left vague.
  const around = next === 'after' || next === 'before' || next === 'later' || next === 'earlier';
  const prev = tok(c, i - 1);
  if (around && !(prev && (prev.k === 'n' || cardinalMap.has(prev.l) || vagueSet.has(prev.l)))) {
    return {
      end: i + 1,
      value: durationValue(null, u),
      type: 'DURATION',
      rule: 'time:duration',
      relative: false,
    };
  }
  if (u.time) return null;
  if (!barePluralLeaders.has(w(c, i - 1))) return null;
  if (next === 'of' || next === 'ago' || next === 'later' || next === 'earlier') return null;
  return {
    end: i + 1,
    value: durationValue(null, u),
    type: 'DURATION',
    rule: 'time:duration',
    relative: false,
  };
}

export const clockPattern = /^(\d{1,2})(?:[:.](\d{2}))?$/;

/** "10:35 a.m.", "5 p.m. EST", "noon Thursday", "10 p.m. Wednesday". */
export function matchClock(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  let hhmm: string | null = null;
  let k: number;
  const word = clockWords.get(t.l);
  if (word !== undefined) {
    hhmm = word;
    k = i + 1;
  } else {
    const m = clockPattern.exec(t.t);
    if (!m || t.k !== 'n') return null;
    const ap = tok(c, i + 1);
    if (!ap || !(ap.k === 'ap' || ((ap.l === 'am' || ap.l === 'pm') && ap.t === ap.l))) {
      // "at 6:45", "at 14:30 GMT" ("at 1200 GMT" is not taken: a conversion, not marked):
      // hours and minutes with a colon after "at" are a clock time as written (24-hour or not).
      const h = Number(m[1]);
      const min = Number(m[2]);
      if (w(c, i - 1) !== 'at' || !t.t.includes(':') || m[2] === undefined || h > 23 || min > 59) return null;
      return clockHit(c, i, i + 1, `${pad2(h)}:${pad2(min)}`);
    }
    let h = Number(m[1]);
    const min = m[2] === undefined ? 0 : Number(m[2]);
    if (h < 1 || h > 12 || min > 59) return null;
    if (ap.l === 'pm' && h !== 12) h += 12;
    if (ap.l === 'am' && h === 12) h = 0;
    hhmm = `${pad2(h)}:${pad2(min)}`;
    k = i + 2;
  }
  return clockHit(c, i, k, hhmm);
}

/** A clock time `hhmm` whose tokens end before `k` (a time zone and a day may follow): its date. */
function clockHit(c: Ctx, i: number, k: number, hhmm: string): Hit {
  if (timeZones.has(w(c, k))) k++;
  let day = dayFromAnchor(c, 0);
  let j = k;
  if (w(c, j) === ',') j++;
  const dayHit =
    w(c, j) === 'on' ? null : longest(matchWeekday(c, j), longest(matchFixed(c, j), matchMonth(c, j)));
  if (dayHit && /^\d{4}-\d{2}-\d{2}$/.test(dayHit.value)) {
    day = dayHit.value;
    k = dayHit.end;
  } else if (dayHit?.value.startsWith('XXXX')) {
    day = 'XXXX-XX-XX';
    k = dayHit.end;
  } else day = namedDayBeside(c, i, k) ?? (c.state.lastDay ? c.state.lastDay.slice(0, 10) : day);
  return { end: k, value: `${day}T${hhmm}`, type: 'TIME', rule: 'time:clock', relative: true };
}

/**
 * The day a clock time is told on when the text names it beside the time but as an expression of
 * its own: "at 3:15 a.m. (0715 GMT) on Saturday", "Saturday at 3 p.m." ("on" and "at" are TimeML
 * signals, so the two are tagged apart). The time's date is that day's, not the publication date's.
 * `i`/`k`: the clock's first token and the token after it (and its time zone).
 */
function namedDayBeside(c: Ctx, i: number, k: number): string | null {
  const isDay = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
  // Before: the sentence's last match ends at most one word ("at", ",") before the clock.
  const prev = c.previous;
  if (prev && prev.end >= i - 1 && isDay(prev.value)) return prev.value;
  let j = k;
  // A parenthesised conversion, "(0715 GMT)", of at most four tokens; or the end of the one this is.
  let closed = w(c, j) === ')';
  if (closed) j++;
  else if (w(c, j) === '(') {
    let close = j + 1;
    while (close < c.n && close <= j + 4 && w(c, close) !== ')') close++;
    if (w(c, close) !== ')') return null;
    j = close + 1;
    closed = true;
  }
  if (w(c, j) === ',') j++;
  // After a conversion the day may follow bare: "at 10 a.m. (1500 GMT) Tuesday".
  if (w(c, j) === 'on') j++;
  else if (!closed) return null;
  const hit = longest(matchWeekday(c, j), longest(matchFixed(c, j), matchMonth(c, j)));
  return hit && isDay(hit.value) ? hit.value : null;
}

/** "a week-long visit", "the year-long inquiry": one unit's length (TIMEX3 DURATION `P1W`). */
function matchUnitLong(c: Ctx, i: number): Hit | null {
  const u = unitMap.get(w(c, i));
  if (!u || w(c, i) !== u.forms[0] || w(c, i + 1) !== '-' || w(c, i + 2) !== 'long') return null;
  if (!touching(c, i) || !touching(c, i + 1)) return null;
  return { end: i + 3, value: durationValue(1, u), type: 'DURATION', rule: 'time:duration', relative: false };
}
