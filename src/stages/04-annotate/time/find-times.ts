import type { Day } from '../../../core/calendar-math.js';
import { type SentenceRange, type TokenLayer, TokenSet, tokenizeRange } from '../../../core/tokens.js';
import {
  matchCentury,
  matchDayMonth,
  matchDecade,
  matchDecadeNumber,
  matchFixed,
  matchIsoDate,
  matchMonth,
  matchMonthSet,
  matchNumericDate,
  matchRangeEnd,
  matchWeekday,
  matchYear,
} from './match-dates.js';
import {
  matchAgo,
  matchBarePlural,
  matchClock,
  matchDuration,
  matchEveryUnit,
  matchYearAdjective,
} from './match-durations.js';
import { matchPartOfDay } from './match-parts.js';
import {
  matchHoliday,
  matchQuarter,
  matchRelativeUnit,
  matchSeason,
  matchThatUnit,
  matchYearEnd,
} from './match-relative.js';
import { matchSpelledYear } from './match-spelled.js';
import {
  type Ctx,
  createScratch,
  groupTokens,
  type Hit,
  longest,
  type Scratch,
  T_POSSESSIVE,
  T_PUNCT,
  T_WORD,
  type Tok,
  tok,
  touching,
  w,
} from './time-tokens.js';
import type { ScanState, TimeMatch } from './time-types.js';
import {
  afterArticle,
  afterCount,
  afterSetLeader,
  cardinalMap,
  firstTrigger,
  phrasesByFirst,
  positionModMap,
  positionSet,
  setLeaderSet,
  spanPrefixes,
  spelledYearStarts,
  starters,
  unitMap,
} from './time-vocabulary.js';

/**
 * The time-expression scanner, composing the rest of this folder: one tokenising pass per candidate
 * sentence (`time-tokens.ts`), then the matchers tried only at tokens that can start an expression,
 * the longest match winning. Recognising lives in `match-dates.ts` (written dates, weekdays),
 * `match-relative.ts` ("last week", seasons, holidays, quarters) and `match-durations.ts` (durations,
 * "ago", clock times); resolving against the anchor in `resolve-values.ts`; the vocabulary, compiled
 * once from `rules/time/*`, in `time-vocabulary.ts`.
 */

export type { ScanState, TimeMatch, TimexType } from './time-types.js';

/** `YYYY-MM-DD`, with or without a time of day after it. */
function isDayValue(v: string): boolean {
  return (
    v.length >= 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45 && isDigitAt(v, 0) && isDigitAt(v, 8)
  );
}

function isDigitAt(v: string, i: number): boolean {
  const c = v.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** True when the sentence can hold a time expression (cheap test, used to skip most sentences). */
export function mayHoldTime(sentence: string): boolean {
  const layer = tokenizeRange(sentence);
  return firstTrigger(layer, 0, layer.count, 0, sentence.length) >= 0;
}

/**
 * Finds the time expressions of one sentence given as a string. `offset` is added to every span,
 * so callers pass the sentence text and its start in the document. `state` carries context
 * between sentences. Prefer `createTimeScanner`, which reads the document's token layer.
 */
export function findTimes(
  sentence: string,
  offset: number,
  anchor: Day | null,
  state: ScanState,
): TimeMatch[] {
  const layer = tokenizeRange(sentence);
  const out = scanSentence(
    layer,
    0,
    layer.count,
    0,
    sentence.length,
    anchor,
    state,
    createScratch(layer.count),
  );
  for (const m of out) {
    m.start += offset;
    m.end += offset;
  }
  return out;
}

/**
 * A scanner over one document's token layer: `scan(index, sentence)` returns the expressions of
 * sentence `index` (spans in document offsets). Call sentences in order: `state` carries context.
 */
export function createTimeScanner(
  layer: TokenLayer,
  anchor: Day | null,
  state: ScanState,
): (index: number, sentence: SentenceRange) => TimeMatch[] {
  let longest = 0;
  const firsts = layer.sentenceFirst;
  for (let i = 1; i < firsts.length; i++)
    longest = Math.max(longest, (firsts[i] as number) - (firsts[i - 1] as number));
  const scratch = createScratch(longest);
  return (index, sentence) =>
    scanSentence(
      layer,
      layer.sentenceFirst[index] as number,
      layer.sentenceFirst[index + 1] as number,
      sentence.start,
      sentence.end,
      anchor,
      state,
      scratch,
    );
}

export const possessiveStarts = starters.has("'s");
export const starterTokens = new TokenSet(starters);

export function scanSentence(
  layer: TokenLayer,
  from: number,
  to: number,
  start: number,
  end: number,
  anchor: Day | null,
  state: ScanState,
  scratch: Scratch,
): TimeMatch[] {
  const first = firstTrigger(layer, from, to, start, end);
  if (first < 0) return [];
  // Expressions and their tense cues start at most a few words before the first trigger.
  const text = layer.text;
  let windowStart = first - start > 48 ? first - 48 : start;
  while (windowStart > start && text.charCodeAt(windowStart - 1) !== 32) windowStart--;
  const n = groupTokens(layer, layer.indexAtOrAfter(windowStart, from, to), to, scratch);
  scratch.toks.length = 0;
  const ctx: Ctx = {
    layer,
    scratch,
    n,
    anchor,
    quarterContext: 0,
    sentenceStart: start,
    sentenceEnd: end,
    state,
  };
  const slots = scratch.slots;
  const out: TimeMatch[] = [];
  for (let i = 0; i < n; ) {
    const code = slots[i * 3 + 2] as number;
    if (
      code === T_PUNCT ||
      (code === T_WORD && !starterTokens.hasToken(layer, slots[i * 3] as number)) ||
      (code === T_POSSESSIVE && !possessiveStarts)
    ) {
      i++;
      continue;
    }
    const hit = worthTrying(ctx, i) ? matchAt(ctx, i) : null;
    if (!hit) {
      i++;
      continue;
    }
    out.push({
      start: (tok(ctx, i) as Tok).s,
      end: (tok(ctx, hit.end - 1) as Tok).e,
      value: hit.value,
      type: hit.type,
      rule: hit.rule,
      relative: hit.relative,
      ...(hit.mod ? { mod: hit.mod } : {}),
    });
    ctx.previous = { end: hit.end, value: hit.value, rule: hit.rule };
    if (hit.type !== 'DURATION' && hit.type !== 'SET' && isDayValue(hit.value))
      state.lastDay = hit.value.slice(0, 10);
    if (hit.type === 'DATE' && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(hit.value)) state.lastDate = hit.value;
    i = hit.end;
  }
  return out;
}

/**
 * A cheap look at the next token before running the matchers: most "the", "a", "one" and bare
 * numbers in news start nothing, and skipping them is most of the scanner's speed.
 */
export function worthTrying(c: Ctx, i: number): boolean {
  const t = tok(c, i) as Tok;
  const next = tok(c, i + 1);
  if (t.k === 'n') {
    if (t.t.length === 4 || t.t.length === 5 || t.t.includes('/') || t.t.includes(':')) return true;
    // "2 1/2 years".
    if (next !== undefined && (next.t === '1/2' || next.t === '½')) return true;
    // The second day of a range ("June 10-12", "May 3 and 5").
    if (c.previous !== undefined && c.previous.end === i - 1) return true;
    return next !== undefined && (next.k === 'ap' || afterCount.has(next.l));
  }
  if (t.k !== 'w') return true;
  if (t.l === 'the' || t.l === 'a' || t.l === 'an') {
    // "the 1990s", "the '90s".
    return (
      next !== undefined &&
      (afterArticle.has(next.l) || (t.l === 'the' && (next.k === 'n' || next.l === "'" || next.l === '’')))
    );
  }
  if (cardinalMap.has(t.l) && !phrasesByFirst.has(t.l)) return next !== undefined && afterCount.has(next.l);
  // "every Tuesday", "each July", "every two weeks"; not "each of them".
  if (setLeaderSet.has(t.l) && !phrasesByFirst.has(t.l))
    return next !== undefined && next.k === 'w' && (afterArticle.has(next.l) || afterSetLeader.has(next.l));
  return true;
}

export function matchAt(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  let best: Hit | null = null;
  if (t.k === 'iso') best = matchIsoDate(c, i);
  else if (t.k === 'n') {
    best = longest(best, matchNumericDate(c, i));
    best = longest(best, matchYear(c, i));
    best = longest(best, matchClock(c, i));
    best = longest(best, matchDayMonth(c, i));
    best = longest(best, matchRangeEnd(c, i));
    best = longest(best, matchDuration(c, i));
    best = longest(best, matchAgo(c, i));
    best = longest(best, matchCentury(c, i));
    // "1998's first quarter".
    if (t.t.length === 4) best = longest(best, matchQuarter(c, i));
  } else {
    best = longest(best, matchFixed(c, i));
    best = longest(best, matchMonth(c, i));
    if (setLeaderSet.has(t.l)) {
      best = longest(best, matchMonthSet(c, i));
      best = longest(best, matchEveryUnit(c, i));
    }
    if (spelledYearStarts.has(t.l)) best = longest(best, matchSpelledYear(c, i));
    best = longest(best, matchWeekday(c, i));
    best = longest(best, matchRelativeUnit(c, i));
    best = longest(best, matchSeason(c, i));
    best = longest(best, matchHoliday(c, i));
    best = longest(best, matchQuarter(c, i));
    if (t.l === 'that') best = longest(best, matchThatUnit(c, i));
    best = longest(best, matchDuration(c, i));
    best = longest(best, matchAgo(c, i));
    best = longest(best, matchClock(c, i));
    best = longest(best, matchBarePlural(c, i));
    best = longest(best, matchYearAdjective(c, i));
    if (t.l === 'year') best = longest(best, matchYearEnd(c, i));
    best = longest(best, matchPrefixed(c, i));
    if (t.l === 'the') best = longest(best, matchDecade(c, i));
    if (positionSet.has(t.l)) best = longest(best, matchPartOfDay(c, i));
  }
  return best && !inUnitToUnit(c, i, best.end) ? best : null;
}

/**
 * "quarter-to-quarter", "day-to-day", "year-to-year": two units joined by "to" make an adjective
 * of comparison or routine ("the quarter-to-quarter comparison", "day-to-day management"), not a
 * point or a length; an expression ending in the first unit or starting at the second is dropped.
 */
function inUnitToUnit(c: Ctx, start: number, end: number): boolean {
  const unitTo = (k: number) =>
    unitMap.has(w(c, k)) &&
    w(c, k + 1) === '-' &&
    w(c, k + 2) === 'to' &&
    w(c, k + 3) === '-' &&
    unitMap.has(w(c, k + 4));
  return unitTo(end - 1) || unitTo(start - 4);
}

/** "early", "late", "mid-", "fiscal", "the end of" before a date: kept in the extent, not the value. */
export function matchPrefixed(c: Ctx, i: number): Hit | null {
  const l = w(c, i);
  let j = -1;
  let mod: string | undefined;
  if (positionSet.has(l) || l === 'fiscal') {
    j = i + 1;
    mod = positionModMap.get(l);
    if (w(c, j) === '-' && touching(c, i)) j++;
  } else if (l === 'the') {
    for (const p of spanPrefixes) {
      if (w(c, i + 1) === p[1] && w(c, i + 2) === p[2]) {
        j = i + 3;
        mod = positionModMap.get(p[1] as string);
      }
    }
  }
  if (j < 0 || j >= c.n) return null;
  const core = l === 'fiscal' ? matchYear(c, j, true) : matchCore(c, j);
  if (core?.type !== 'DATE' || core.value.endsWith('_REF')) return null;
  return mod ? { ...core, mod } : core;
}

export function matchCore(c: Ctx, i: number): Hit | null {
  const t = tok(c, i);
  if (!t) return null;
  if (t.k === 'n') return longest(matchYear(c, i, true), matchDecadeNumber(c, i));
  if (t.k !== 'w') return null;
  let best = matchMonth(c, i, true);
  best = longest(best, matchRelativeUnit(c, i));
  best = longest(best, matchSeason(c, i, true));
  best = longest(best, matchWeekday(c, i));
  best = longest(best, matchFixed(c, i));
  return best;
}
