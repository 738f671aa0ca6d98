import {
  addDays,
  addMonths,
  type Day,
  formatDay,
  formatWeek,
  pad2,
  pad4,
  quarterOf,
  weekday,
} from '../../../core/calendar-math.js';
import type { TimeUnit } from '../../../rules/time/units.js';
import { type Ctx, tok, w } from './time-tokens.js';
import {
  adjacentFutureWords,
  determiners,
  futureWords,
  notPast,
  pastForms,
  positionSet,
  presentWords,
  scheduleBase,
  scheduleBaseBlockers,
  spanPrefixes,
} from './time-vocabulary.js';

/** Resolving: tense around a token, and TIMEX3 values relative to the anchor (publication date). */

/**
 * Tense around token i, from the nearest cue among the six tokens before it (an "a.m." and a short
 * aside in parentheses not counted): 1 future
 * ("will meet on Friday"), -1 past ("the Kremlin said Tuesday"), 0 unknown. Deliberately local:
 * a sentence can say "expected to sign" and "said Tuesday" at once. (Looking further, to the
 * clause's verb before or after, was tried and lost: see docs/evaluation.md.)
 */
export function tenseAt(c: Ctx, i: number, presentAhead = false): -1 | 0 | 1 {
  let budget = 6;
  for (let k = i - 1; k >= 0 && budget > 0; k--) {
    const l = w(c, k);
    if (l === '.' || l === ';') return 0;
    // "10 a.m. Tuesday": the clock's "a.m." is no verb and no word of the window; nor is a short
    // aside in parentheses ("struck at 3:15 a.m. (0715 GMT) on Saturday").
    if (tok(c, k)?.k === 'ap') continue;
    if (l === ')') {
      let open = k - 1;
      while (open >= 0 && open >= k - 5 && w(c, open) !== '(' && w(c, open) !== ')') open--;
      if (w(c, open) === '(') {
        k = open;
        continue;
      }
    }
    budget--;
    // "by Friday" is a deadline; "shelled by destroyers on Monday" is an agent: look on past it.
    if (k < i - 1 && adjacentFutureWords.has(l)) continue;
    const cue = cueAt(c, k, l);
    if (cue !== null) return cue;
    if (presentWords.has(l)) return presentAhead ? 1 : 0;
  }
  return 0;
}

/** The tense token k (lowercase `l`) marks: 1 future, -1 past, null none (a cue after a determiner is a noun: "the plan"). */
function cueAt(c: Ctx, k: number, l: string): -1 | 1 | null {
  // "is to resume trading Tuesday", "set to meet Friday": an arrangement still ahead.
  if (l === 'to') {
    const before = w(c, k - 1);
    return before === 'is' || before === 'are' || before === 'set' ? 1 : null;
  }
  // "the leaders meet Tuesday": the simple present of a timetable, unless "to meet", "did not meet".
  if (scheduleBase.has(l)) {
    const before = w(c, k - 1);
    // "prices have come down", "the talks had begun": a perfect's participle, the past.
    if (perfectAuxiliaries.has(before)) return -1;
    return determiners.has(before) || scheduleBaseBlockers.has(before) ? null : 1;
  }
  const future = futureWords.has(l);
  if (!future && !pastForms.has(l) && !(l.length > 4 && l.endsWith('ed') && !notPast.has(l))) return null;
  if (determiners.has(w(c, k - 1))) return null;
  // A future seen from a past point is past: "had been scheduled to expire Friday".
  if (future) return pastPerfectBefore(c, k) ? -1 : 1;
  // A passive after "be" takes the tense of what governs "be": "will be paid Dec. 14".
  return w(c, k - 1) === 'be' ? null : -1;
}

/** Auxiliaries of the perfect: a participle after them speaks of what has already happened. */
const perfectAuxiliaries = new Set(['have', 'has', 'had', "'ve"]);

/** Words between "since" and the date it leads ("since the middle of October", "since early March"). */
const spanWords = new Set(['the', 'of', '-', ...positionSet, ...spanPrefixes.map((p) => p[1] as string)]);

/**
 * A past the calendar's nearness must not overrule: "since March" (whatever has gone on since
 * then began before the time of writing), "had risen in March", "have come down from March" (a
 * perfect). Written on Feb. 23, each is last year's March, though next month's is nearer.
 */
export function certainPast(c: Ctx, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && k >= i - 4 && spanWords.has(w(c, k))) k--;
  if (w(c, k) === 'since') return true;
  let budget = 6;
  for (let j = i - 1; j >= 0 && budget > 0; j--, budget--) {
    const l = w(c, j);
    if (l === '.' || l === ';' || l === ',') return false;
    if (l === 'had') return true;
    // "prices have come down from", "rates have risen since": a perfect's participle.
    const participle = pastForms.has(l) || scheduleBase.has(l) || (l.length > 4 && l.endsWith('ed'));
    if (participle && perfectAuxiliaries.has(w(c, j - 1))) return true;
    // "had been set to expire Nov. 6": a future seen from the past, which may still be ahead.
    if (l === 'to' || futureWords.has(l) || scheduleBase.has(l)) return false;
  }
  return false;
}

/** "had" among the three words before token k (the clause's past perfect). */
function pastPerfectBefore(c: Ctx, k: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - 3; j--) {
    const l = w(c, j);
    if (l === '.' || l === ';' || l === ',') return false;
    if (l === 'had') return true;
  }
  return false;
}

/**
 * News names a date without its year only when it is near: when tense points to an occurrence
 * more than five months away and the other way the date is near (`near`: at most this many
 * days), the near one is meant — "the offer, set to expire Nov. 6" written on Oct. 30 means the
 * coming Nov. 6 whatever the verb's tense.
 */
const FAR_DAYS = 150;

function nearer(base: number, chosen: number, other: number, near: number): boolean {
  const day = 86_400_000;
  return Math.abs(chosen - base) > FAR_DAYS * day && Math.abs(other - base) <= near * day;
}

// ---- value helpers (anchor may be null: then relative values keep X placeholders) ----

/** A day counted from the last day the text named, else from the anchor. */
export function dayFromLastDay(c: Ctx, offset: number): string {
  const last = lastDayOf(c);
  return last ? formatDay(addDays(last, offset)) : dayFromAnchor(c, offset);
}

/** The last day an expression of the document resolved to, as a Day. */
export function lastDayOf(c: Ctx): Day | null {
  const v = c.state.lastDay;
  if (!v) return null;
  return { y: Number(v.slice(0, 4)), m: Number(v.slice(5, 7)), d: Number(v.slice(8, 10)) };
}

export function dayFromAnchor(c: Ctx, offset: number): string {
  return c.anchor ? formatDay(addDays(c.anchor, offset)) : 'XXXX-XX-XX';
}

/**
 * Without a tense cue a date named without its year or week is the nearer occurrence, the future
 * one counted this many times as far: news mostly reports what happened.
 */
export const FUTURE_DISTANCE_WEIGHT = 1.5;

/**
 * A weekday with no tense cue: true when its next occurrence (after the anchor) is nearer than its
 * last one, the future distance weighed by `FUTURE_DISTANCE_WEIGHT` — written on a Thursday,
 * "Saturday" is two days ahead rather than five back; "Monday" three back rather than four ahead.
 */
export function weekdayAheadIsNearer(c: Ctx, isoDay: number): boolean {
  if (!c.anchor) return false;
  const today = weekday(c.anchor);
  const back = (today - isoDay + 7) % 7;
  const ahead = (isoDay - today + 7) % 7;
  return back !== 0 && ahead * FUTURE_DISTANCE_WEIGHT < back;
}

/** Resolve a weekday: `dir` -1 on or before the anchor, +1 on or after, -2/+2 strictly. */
export function weekdayValue(c: Ctx, isoDay: number, dir: -2 | -1 | 1 | 2): string {
  if (!c.anchor) return `XXXX-WXX-${isoDay}`;
  const today = weekday(c.anchor);
  let diff: number;
  if (dir < 0) {
    diff = -((today - isoDay + 7) % 7);
    if (dir === -2 && diff === 0) diff = -7;
  } else {
    diff = (isoDay - today + 7) % 7;
    if (dir === 2 && diff === 0) diff = 7;
  }
  return formatDay(addDays(c.anchor, diff));
}

/**
 * The year of a month named without one. `dir` ±2: strictly before/after the anchor month
 * ("last November"); 0: the anchor year; ±1: by tense, and with no tense cue the nearest
 * occurrence (ties and near-ties to the past: news mostly reports what happened).
 */
export function yearForMonth(
  c: Ctx,
  month: number,
  dir: -2 | -1 | 0 | 1 | 2,
  tense: -1 | 0 | 1 = 0,
  certain = false,
): number | null {
  const a = c.anchor;
  if (!a) return null;
  if (certain) return month <= a.m ? a.y : a.y - 1;
  if (dir === -2) return month < a.m ? a.y : a.y - 1;
  if (dir === 2) return month > a.m ? a.y : a.y + 1;
  if (dir === 0) return a.y;
  if (dir > 0 || tense !== 0) {
    const y = dir > 0 || tense > 0 ? (month >= a.m ? a.y : a.y + 1) : month <= a.m ? a.y : a.y - 1;
    // Only the month next to the anchor's is near enough to overrule the tense.
    const other = y === a.y ? (month > a.m ? a.y - 1 : a.y + 1) : a.y;
    const base = Date.UTC(a.y, a.m - 1, 1);
    if (dir <= 0 && nearer(base, Date.UTC(y, month - 1, 1), Date.UTC(other, month - 1, 1), 31)) return other;
    return y;
  }
  const ahead = (month - a.m + 12) % 12;
  const behind = (a.m - month + 12) % 12;
  if (ahead === 0) return a.y;
  return ahead * FUTURE_DISTANCE_WEIGHT < behind
    ? month > a.m
      ? a.y
      : a.y + 1
    : month < a.m
      ? a.y
      : a.y - 1;
}

/** A month and day without a year: by tense, otherwise the nearest occurrence (past preferred). */
export function yearForMonthDay(
  c: Ctx,
  month: number,
  day: number,
  tense: -1 | 0 | 1,
  certain = false,
): number | null {
  const a = c.anchor;
  if (!a) return null;
  const here = a.m * 100 + a.d;
  const there = month * 100 + day;
  if (certain) return there <= here ? a.y : a.y - 1;
  const base = Date.UTC(a.y, a.m - 1, a.d);
  if (tense !== 0) {
    const y = tense > 0 ? (there >= here ? a.y : a.y + 1) : there <= here ? a.y : a.y - 1;
    const other = y === a.y ? (tense > 0 ? a.y - 1 : a.y + 1) : a.y;
    return nearer(base, Date.UTC(y, month - 1, day), Date.UTC(other, month - 1, day), 45) ? other : y;
  }
  let best = a.y;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const y of [a.y - 1, a.y, a.y + 1]) {
    const distance = Math.abs(Date.UTC(y, month - 1, day) - base);
    const penalty = y > a.y || (y === a.y && there > here) ? FUTURE_DISTANCE_WEIGHT : 1;
    if (distance * penalty < bestDistance) {
      bestDistance = distance * penalty;
      best = y;
    }
  }
  return best;
}

export function shiftedUnitValue(c: Ctx, unit: TimeUnit['unit'], n: number): string | null {
  const a = c.anchor;
  switch (unit) {
    case 'day':
      return dayFromAnchor(c, n);
    case 'week':
      return a ? formatWeek(addDays(a, 7 * n)) : 'XXXX-WXX';
    case 'month': {
      if (!a) return 'XXXX-XX';
      const r = addMonths(a.y, a.m, n);
      return `${pad4(r.y)}-${pad2(r.m)}`;
    }
    case 'quarter': {
      if (!a) return 'XXXX-QX';
      const r = addMonths(a.y, a.m, 3 * n);
      return `${pad4(r.y)}-Q${quarterOf(r.m)}`;
    }
    case 'year':
      return a ? pad4(a.y + n) : 'XXXX';
    case 'decade':
      return a ? String(Math.floor(a.y / 10) + n) : 'XXX';
    case 'century':
      return a ? String(Math.floor(a.y / 100) + n) : 'XX';
    default:
      return null;
  }
}

/**
 * A month or year `n` away from the last date the text named ("in March 1989 … the following
 * month" → 1989-04), or null when the text named none at that granularity yet.
 */
export function shiftedFromLastDate(c: Ctx, unit: 'year' | 'month' | 'week', n: number): string | null {
  if (unit === 'week') {
    // "the previous week", "the following week": from the last day named.
    const day = c.state.lastDay;
    if (!day) return null;
    const d = { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) };
    return formatWeek(addDays(d, 7 * n));
  }
  const last = c.state.lastDate;
  if (!last) return null;
  const y = Number(last.slice(0, 4));
  if (unit === 'year') return pad4(y + n);
  if (!/^\d{4}-\d{2}/.test(last)) return null;
  const r = addMonths(y, Number(last.slice(5, 7)), n);
  return `${pad4(r.y)}-${pad2(r.m)}`;
}

/**
 * The year of a month or season counted from the last date the text named: "in 1996 … the
 * following spring" is the first spring after it (1997), "the previous January" the last January
 * before it. `start` is the month (of the season's start); null when the text named no date yet.
 */
export function yearAfterLastDate(c: Ctx, start: number, n: number): number | null {
  const last = c.state.lastDate;
  if (!last) return null;
  const y = Number(last.slice(0, 4));
  // A bare year is passed whole: after it is next year, before it the year before.
  const m = /^\d{4}-\d{2}/.test(last) ? Number(last.slice(5, 7)) : n > 0 ? 12 : 1;
  if (n > 0) return start > m ? y : y + 1;
  return start < m ? y : y - 1;
}

/** The most recent completed quarter, or the one named last in the document. */
export function referenceQuarter(c: Ctx): { y: number; q: number } | null {
  if (c.state.lastQuarter) return c.state.lastQuarter;
  if (!c.anchor) return null;
  const q = quarterOf(c.anchor.m);
  return q === 1 ? { y: c.anchor.y - 1, q: 4 } : { y: c.anchor.y, q: q - 1 };
}

export function durationValue(n: number | null, u: TimeUnit): string {
  const count = n === null ? 'X' : String(n);
  if (u.unit === 'decade') return n === null ? 'PXDE' : `P${n * 10}Y`;
  if (u.unit === 'century') return n === null ? 'PXCE' : `P${n * 100}Y`;
  if (u.unit === 'quarter') return `P${count}Q`;
  return u.time ? `PT${count}${u.code}` : `P${count}${u.code}`;
}
