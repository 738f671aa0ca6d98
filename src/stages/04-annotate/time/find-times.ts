import {
  addDays,
  addMonths,
  type Day,
  formatDay,
  formatWeek,
  isValidDay,
  nthWeekday,
  pad2,
  pad4,
  quarterOf,
  weekday,
} from '../../../core/calendar-math.js';
import {
  NUMBER,
  type SentenceRange,
  type TokenLayer,
  TokenSet,
  tokenizeRange,
  WORD,
} from '../../../core/tokens.js';
import {
  ambiguousMonths,
  holidays,
  months,
  partsOfDay,
  seasons,
  weekdays,
} from '../../../rules/time/calendar.js';
import {
  agoWords,
  futureCues,
  pastVerbs,
  positionWords,
  relativeShifts,
  yearFollowerWords,
  yearLeaders,
} from '../../../rules/time/modifiers.js';
import { cardinals, ordinals, vagueCounts } from '../../../rules/time/numbers.js';
import { type FixedPhrase, fixedPhrases } from '../../../rules/time/phrases.js';
import scannerWords from '../../../rules/time/scanner-words.json' with { type: 'json' };
import { type TimeUnit, units } from '../../../rules/time/units.js';
import { wordList } from '../../../rules/word-list.js';

/**
 * The time-expression scanner: one tokenising pass per candidate sentence, then a handful of
 * hand-written matchers tried only at tokens that can start an expression (the longest match
 * wins). All vocabulary comes from `rules/time/*`, compiled here once.
 */

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeMatch {
  /** Offsets into the text given to `findTimes` (plus its `offset`). */
  start: number;
  end: number;
  value: string;
  type: TimexType;
  rule: string;
  /** Resolved against the anchor (false for absolute dates, durations and refs). */
  relative: boolean;
}

/** What the scanner remembers across the sentences of one document. */
export interface ScanState {
  /** The quarter last named explicitly ("the third quarter"), for a later bare "the quarter". */
  lastQuarter?: { y: number; q: number };
}

// ---- compiled vocabulary (module load, immutable) ----

const monthMap = new Map(months);
const ambiguousMonthSet = new Set(ambiguousMonths);
const weekdayMap = new Map(weekdays);
const seasonMap = new Map(seasons);
const partMap = new Map(partsOfDay);
const cardinalMap = new Map(cardinals);
const ordinalMap = new Map(ordinals);
const vagueSet = new Set(vagueCounts);
const shiftMap = new Map(relativeShifts);
const positionSet = new Set(positionWords);
const agoMap = new Map(agoWords);
const yearLeaderSet = new Set(yearLeaders);
const unitMap = new Map<string, TimeUnit>();
for (const u of units) for (const f of u.forms) unitMap.set(f, u);

const phrasesByFirst = new Map<string, FixedPhrase[]>();
for (const p of fixedPhrases) {
  const first = p.words[0] as string;
  const list = phrasesByFirst.get(first) ?? [];
  list.push(p);
  list.sort((a, b) => b.words.length - a.words.length);
  phrasesByFirst.set(first, list);
}

const holidaysByFirst = new Map<string, (typeof holidays)[number][]>();
for (const h of holidays) {
  const first = h.words[0] as string;
  const list = holidaysByFirst.get(first) ?? [];
  list.push(h);
  list.sort((a, b) => b.words.length - a.words.length);
  holidaysByFirst.set(first, list);
}

/** The scanner's own word lists (`rules/time/scanner-words.json`), checked once. */
const scannerList = (
  name: Exclude<keyof typeof scannerWords, 'description' | 'source' | 'clockWords' | 'spanPrefixes'>,
) => wordList(scannerWords[name], `time/scanner-words ${name}`);
const clockWords = new Map(Object.entries(scannerWords.clockWords.entries));
const timeZones = new Set(scannerList('timeZones'));
const quarterModifiers = new Set(scannerList('quarterModifiers'));
const ordinalSuffix = new Set(scannerList('ordinalSuffixes'));
const theUnitLeaders = new Set(scannerList('theUnitLeaders'));
const durationLeaders = new Set(scannerList('durationLeaders'));
const barePluralLeaders = new Set(scannerList('barePluralLeaders'));
const spanPrefixes: readonly (readonly string[])[] = scannerWords.spanPrefixes.phrases;

/** Words that can start an expression; every other word token is skipped without trying matchers. */
const starters = new Set<string>([
  ...phrasesByFirst.keys(),
  ...holidaysByFirst.keys(),
  ...monthMap.keys(),
  ...weekdayMap.keys(),
  ...seasonMap.keys(),
  ...cardinalMap.keys(),
  ...ordinalMap.keys(),
  ...vagueSet,
  ...shiftMap.keys(),
  ...positionSet,
  ...clockWords.keys(),
  ...unitMap.keys(),
  'the',
  'fiscal',
]);

/**
 * Prefilter: a sentence with no digit and no word beginning with one of these stems cannot hold
 * an expression. Built from the lexicons (three-letter stems of months and weekdays, units,
 * phrase heads) and compiled into a trie walked over the characters of each word.
 */
const triggerStems: readonly string[] = [
  ...new Set([
    ...months.map(([w]) => w.slice(0, 3)),
    ...weekdays.map(([w]) => w.slice(0, 3)),
    ...units.map((u) => u.forms[0] as string),
    ...seasons.map(([w]) => w),
    ...partsOfDay.map(([w]) => w),
    ...fixedPhrases.map((p) => p.words[0] as string).filter((w) => !shiftMap.has(w) && w !== 'the'),
    ...fixedPhrases.filter((p) => p.words[0] === 'the').map((p) => p.words[1] as string),
    ...holidays.map((h) => h.words[0] as string),
    ...clockWords.keys(),
  ]),
];

/** Trie over a-z: 26 child slots per node (0: none), and a flag per node ending a stem. */
const stemTrie = (() => {
  const next: number[] = new Array(26).fill(0);
  const ends: boolean[] = [false];
  for (const stem of triggerStems) {
    if (!/^[a-z]+$/.test(stem)) {
      throw new Error(`rules/time: trigger stem "${stem}" must be lowercase a-z; fix the lexicon entry`);
    }
    let node = 0;
    for (let i = 0; i < stem.length; i++) {
      const slot = node * 26 + stem.charCodeAt(i) - 97;
      let child = next[slot] as number;
      if (child === 0) {
        child = ends.length;
        ends.push(false);
        for (let k = 0; k < 26; k++) next.push(0);
        next[slot] = child;
      }
      node = child;
    }
    ends[node] = true;
  }
  return { next: Int32Array.from(next), ends: Uint8Array.from(ends, (e) => (e ? 1 : 0)) };
})();

/** Whether a trigger stem starts at `p` (ASCII letters, either case), within `[p, end)`. */
function stemAt(text: string, p: number, end: number): boolean {
  const { next, ends } = stemTrie;
  let node = 0;
  for (let i = p; i < end; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
    node = next[node * 26 + c - 97] as number;
    if (node === 0) return false;
    if (ends[node] === 1) return true;
  }
  return false;
}

/** A character `\\b` counts as part of a word (`[A-Za-z0-9_]`). */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Offset of the first trigger of the sentence (a number, or a word of the layer starting with a
 * trigger stem), or -1. Reads the layer's tokens `[from, to)` of `[start, end)`.
 */
function firstTrigger(layer: TokenLayer, from: number, to: number, start: number, end: number): number {
  const text = layer.text;
  for (let k = from; k < to; k++) {
    const kind = layer.kind(k);
    if (kind === NUMBER) return layer.start(k);
    if (kind !== WORD) continue;
    const s = layer.start(k);
    // "_may" is one regex-style word: the stem must not follow "_" (digits end in a NUMBER first).
    if (s > start && text.charCodeAt(s - 1) === 95) continue;
    if (stemAt(text, s, end)) return s;
  }
  return -1;
}

const quarterPattern = /quarter|fiscal/i;

// Time tokens: the layer's tokens, with a few joined back into one unit the matchers read as a
// whole: ISO dates ("2024-05-16"), numbers with ":" or "/" ("10:35", "5/16/2024") and a decade
// "s" ("1990s"), "a.m."/"p.m.", and "'s".
const T_NUMBER = 1;
const T_WORD = 2;
const T_PUNCT = 3;
const T_AMPM = 4;
const T_ISO = 5;
const T_POSSESSIVE = 6;

type Kind = 'n' | 'w' | 'p' | 'ap' | 'iso';
const kindNames: readonly Kind[] = ['p', 'n', 'w', 'p', 'ap', 'iso', 'w'];

interface Tok {
  s: number;
  e: number;
  t: string;
  l: string;
  k: Kind;
}

/** Per-document work buffers: time token i is layer tokens `[first, last]` of kind `code`. */
interface Scratch {
  /** Stride 3: first layer token, last layer token, kind code. */
  slots: Int32Array;
  toks: (Tok | undefined)[];
}

function createScratch(tokens: number): Scratch {
  return { slots: new Int32Array(Math.max(1, tokens) * 3), toks: [] };
}

function touches(layer: TokenLayer, a: number, b: number): boolean {
  return layer.end(a) === layer.start(b);
}

function isTwoDigits(layer: TokenLayer, k: number): boolean {
  return layer.kind(k) === NUMBER && layer.end(k) - layer.start(k) === 2;
}

/** Layer tokens k..k+4 are "dddd-dd-dd" written without spaces. */
function isIsoAt(layer: TokenLayer, k: number, to: number): boolean {
  if (k + 4 >= to || layer.end(k) - layer.start(k) !== 4) return false;
  const text = layer.text;
  const s = layer.start(k);
  for (let p = s; p < s + 4; p++) {
    const c = text.charCodeAt(p);
    if (c < 48 || c > 57) return false;
  }
  for (let j = k; j < k + 4; j++) if (!touches(layer, j, j + 1)) return false;
  return (
    layer.isChar(k + 1, 45) &&
    isTwoDigits(layer, k + 2) &&
    layer.isChar(k + 3, 45) &&
    isTwoDigits(layer, k + 4)
  );
}

/** Groups the layer tokens `[from, to)` into time tokens in `scratch`; returns their number. */
function groupTokens(layer: TokenLayer, from: number, to: number, scratch: Scratch): number {
  const text = layer.text;
  const slots = scratch.slots;
  let n = 0;
  let k = from;
  while (k < to) {
    const kind = layer.kind(k);
    let last = k;
    let code: number;
    if (kind === NUMBER) {
      code = T_NUMBER;
      if (isIsoAt(layer, k, to)) {
        code = T_ISO;
        last = k + 4;
      } else {
        while (
          last + 2 < to &&
          (layer.isChar(last + 1, 58) || layer.isChar(last + 1, 47)) &&
          layer.kind(last + 2) === NUMBER &&
          touches(layer, last, last + 1) &&
          touches(layer, last + 1, last + 2)
        ) {
          last += 2;
        }
        if (last + 1 < to && layer.isChar(last + 1, 115) && touches(layer, last, last + 1)) last++;
      }
    } else if (kind === WORD) {
      code = T_WORD;
      const s = layer.start(k);
      const c0 = text.charCodeAt(s) | 32;
      if (
        (c0 === 97 || c0 === 112) &&
        layer.end(k) === s + 1 &&
        k + 2 < to &&
        layer.isChar(k + 1, 46) &&
        (layer.isChar(k + 2, 109) || layer.isChar(k + 2, 77)) &&
        touches(layer, k, k + 1) &&
        touches(layer, k + 1, k + 2)
      ) {
        code = T_AMPM;
        last = k + 2;
        if (last + 1 < to && layer.isChar(last + 1, 46) && touches(layer, last, last + 1)) last++;
      }
    } else {
      code = T_PUNCT;
      if (
        (layer.isChar(k, 39) || layer.isChar(k, 0x2019)) &&
        k + 1 < to &&
        (layer.isChar(k + 1, 115) || layer.isChar(k + 1, 83)) &&
        touches(layer, k, k + 1) &&
        !isAsciiWordChar(text.charCodeAt(layer.end(k + 1)))
      ) {
        code = T_POSSESSIVE;
        last = k + 1;
      }
    }
    const at = n * 3;
    slots[at] = k;
    slots[at + 1] = last;
    slots[at + 2] = code;
    n++;
    k = last + 1;
  }
  return n;
}

/** The strings of time token i, built the first time a matcher looks at it. */
function makeTok(c: Ctx, i: number): Tok {
  const layer = c.layer;
  const slots = c.scratch.slots;
  const first = slots[i * 3] as number;
  const code = slots[i * 3 + 2] as number;
  const s = layer.start(first);
  const e = layer.end(slots[i * 3 + 1] as number);
  const t = layer.text.slice(s, e);
  let l = t;
  if (code === T_WORD) l = t.toLowerCase();
  else if (code === T_AMPM) l = (t.charCodeAt(0) | 32) === 97 ? 'am' : 'pm';
  else if (code === T_POSSESSIVE) l = "'s";
  return { s, e, t, l, k: kindNames[code] as Kind };
}

/** Time token i of the sentence, or undefined outside it. */
function tok(c: Ctx, i: number): Tok | undefined {
  if (i < 0 || i >= c.n) return undefined;
  const toks = c.scratch.toks;
  let t = toks[i];
  if (t === undefined) {
    t = makeTok(c, i);
    toks[i] = t;
  }
  return t;
}

interface Ctx {
  layer: TokenLayer;
  scratch: Scratch;
  /** Number of time tokens of the sentence. */
  n: number;
  anchor: Day | null;
  /** The sentence mentions a quarter or fiscal period: 0 not looked yet, 1 yes, 2 no. */
  quarterContext: 0 | 1 | 2;
  sentenceStart: number;
  sentenceEnd: number;
  state: ScanState;
}

interface Hit {
  /** Token index one past the last token of the match. */
  end: number;
  value: string;
  type: TimexType;
  rule: string;
  relative: boolean;
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

const possessiveStarts = starters.has("'s");
const starterTokens = new TokenSet(starters);

function scanSentence(
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
    });
    i = hit.end;
  }
  return out;
}

// ---- token helpers ----

function w(c: Ctx, i: number): string {
  const t = tok(c, i);
  return t === undefined ? '' : t.l;
}

/** Token i+1 starts right where token i ends (no space): "two-day", "Oct.". */
function touching(c: Ctx, i: number): boolean {
  const a = tok(c, i);
  const b = tok(c, i + 1);
  return a !== undefined && b !== undefined && a.e === b.s;
}

function capitalised(t: Tok): boolean {
  const ch = t.t.charCodeAt(0);
  return ch >= 65 && ch <= 90;
}

function longest(a: Hit | null, b: Hit | null): Hit | null {
  if (!a) return b;
  if (!b) return a;
  return b.end > a.end ? b : a;
}

/** Words that may follow "the"/"a" in an expression; anything else lets the scanner move on. */
const afterArticle = new Set<string>([
  ...unitMap.keys(),
  ...shiftMap.keys(),
  ...ordinalMap.keys(),
  ...cardinalMap.keys(),
  ...vagueSet,
  ...positionSet,
  ...seasonMap.keys(),
  ...durationLeaders,
  ...quarterModifiers,
  ...fixedPhrases.filter((p) => p.words.length > 1).map((p) => p.words[1] as string),
  ...spanPrefixes.map((p) => p[1] as string),
  'weekend',
  'fiscal',
]);
/** What may follow a count ("two days", "twenty-five years", "12 to 18 months", "5 p.m.", "16 May"). */
const afterCount = new Set<string>([
  ...unitMap.keys(),
  ...cardinalMap.keys(),
  ...monthMap.keys(),
  ...ordinalSuffix,
  ...scannerList('afterCount'),
]);

/**
 * A cheap look at the next token before running the matchers: most "the", "a", "one" and bare
 * numbers in news start nothing, and skipping them is most of the scanner's speed.
 */
function worthTrying(c: Ctx, i: number): boolean {
  const t = tok(c, i) as Tok;
  const next = tok(c, i + 1);
  if (t.k === 'n') {
    if (t.t.length === 4 || t.t.length === 5 || t.t.includes('/') || t.t.includes(':')) return true;
    return next !== undefined && (next.k === 'ap' || afterCount.has(next.l));
  }
  if (t.k !== 'w') return true;
  if (t.l === 'the' || t.l === 'a' || t.l === 'an') {
    return next !== undefined && (afterArticle.has(next.l) || (t.l === 'the' && next.k === 'n'));
  }
  if (cardinalMap.has(t.l) && !phrasesByFirst.has(t.l)) return next !== undefined && afterCount.has(next.l);
  return true;
}

function matchAt(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  let best: Hit | null = null;
  if (t.k === 'iso') best = matchIsoDate(c, i);
  else if (t.k === 'n') {
    best = longest(best, matchNumericDate(c, i));
    best = longest(best, matchYear(c, i));
    best = longest(best, matchClock(c, i));
    best = longest(best, matchDayMonth(c, i));
    best = longest(best, matchDuration(c, i));
    best = longest(best, matchAgo(c, i));
  } else {
    best = longest(best, matchFixed(c, i));
    best = longest(best, matchMonth(c, i));
    best = longest(best, matchWeekday(c, i));
    best = longest(best, matchRelativeUnit(c, i));
    best = longest(best, matchSeason(c, i));
    best = longest(best, matchHoliday(c, i));
    best = longest(best, matchQuarter(c, i));
    best = longest(best, matchDuration(c, i));
    best = longest(best, matchAgo(c, i));
    best = longest(best, matchClock(c, i));
    best = longest(best, matchBarePlural(c, i));
    best = longest(best, matchYearAdjective(c, i));
    best = longest(best, matchPrefixed(c, i));
    if (t.l === 'the') best = longest(best, matchDecade(c, i));
  }
  return best;
}

/** "early", "late", "mid-", "fiscal", "the end of" before a date: kept in the extent, not the value. */
function matchPrefixed(c: Ctx, i: number): Hit | null {
  const l = w(c, i);
  let j = -1;
  if (positionSet.has(l) || l === 'fiscal') {
    j = i + 1;
    if (w(c, j) === '-' && touching(c, i)) j++;
  } else if (l === 'the') {
    for (const p of spanPrefixes) {
      if (w(c, i + 1) === p[1] && w(c, i + 2) === p[2]) j = i + 3;
    }
  }
  if (j < 0 || j >= c.n) return null;
  const core = l === 'fiscal' ? matchYear(c, j, true) : matchCore(c, j);
  if (core?.type !== 'DATE' || core.value.endsWith('_REF')) return null;
  return core;
}

function matchCore(c: Ctx, i: number): Hit | null {
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

const pastForms = new Set(pastVerbs);
const yearFollowers = new Set(yearFollowerWords);
const futureWords = new Set(futureCues);
const notPast = new Set(scannerList('notPastTense'));

/**
 * Tense around token i, from the nearest cue among the six tokens before it: 1 future
 * ("will meet on Friday"), -1 past ("the Kremlin said Tuesday"), 0 unknown. Deliberately local:
 * a sentence can say "expected to sign" and "said Tuesday" at once.
 */
function tenseAt(c: Ctx, i: number): -1 | 0 | 1 {
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    const l = w(c, k);
    if (l === '.' || l === ';') break;
    if (futureWords.has(l)) return 1;
    if (pastForms.has(l) || (l.length > 4 && l.endsWith('ed') && !notPast.has(l))) return -1;
  }
  return 0;
}

// ---- value helpers (anchor may be null: then relative values keep X placeholders) ----

function dayFromAnchor(c: Ctx, offset: number): string {
  return c.anchor ? formatDay(addDays(c.anchor, offset)) : 'XXXX-XX-XX';
}

/** Resolve a weekday: `dir` -1 on or before the anchor, +1 on or after, -2/+2 strictly. */
function weekdayValue(c: Ctx, isoDay: number, dir: -2 | -1 | 1 | 2): string {
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
function yearForMonth(c: Ctx, month: number, dir: -2 | -1 | 0 | 1 | 2, tense: -1 | 0 | 1 = 0): number | null {
  const a = c.anchor;
  if (!a) return null;
  if (dir === -2) return month < a.m ? a.y : a.y - 1;
  if (dir === 2) return month > a.m ? a.y : a.y + 1;
  if (dir === 0) return a.y;
  if (dir > 0 || tense > 0) return month >= a.m ? a.y : a.y + 1;
  if (tense < 0) return month <= a.m ? a.y : a.y - 1;
  const ahead = (month - a.m + 12) % 12;
  const behind = (a.m - month + 12) % 12;
  if (ahead === 0) return a.y;
  return ahead * 1.5 < behind ? (month > a.m ? a.y : a.y + 1) : month < a.m ? a.y : a.y - 1;
}

/** A month and day without a year: by tense, otherwise the nearest occurrence (past preferred). */
function yearForMonthDay(c: Ctx, month: number, day: number, tense: -1 | 0 | 1): number | null {
  const a = c.anchor;
  if (!a) return null;
  const here = a.m * 100 + a.d;
  const there = month * 100 + day;
  if (tense > 0) return there >= here ? a.y : a.y + 1;
  if (tense < 0) return there <= here ? a.y : a.y - 1;
  const base = Date.UTC(a.y, a.m - 1, a.d);
  let best = a.y;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const y of [a.y - 1, a.y, a.y + 1]) {
    const distance = Math.abs(Date.UTC(y, month - 1, day) - base);
    const penalty = y > a.y || (y === a.y && there > here) ? 1.5 : 1;
    if (distance * penalty < bestDistance) {
      bestDistance = distance * penalty;
      best = y;
    }
  }
  return best;
}

function shiftedUnitValue(c: Ctx, unit: TimeUnit['unit'], n: number): string | null {
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

/** The most recent completed quarter, or the one named last in the document. */
function referenceQuarter(c: Ctx): { y: number; q: number } | null {
  if (c.state.lastQuarter) return c.state.lastQuarter;
  if (!c.anchor) return null;
  const q = quarterOf(c.anchor.m);
  return q === 1 ? { y: c.anchor.y - 1, q: 4 } : { y: c.anchor.y, q: q - 1 };
}

function durationValue(n: number | null, u: TimeUnit): string {
  const count = n === null ? 'X' : String(n);
  if (u.unit === 'decade') return n === null ? 'PXDE' : `P${n * 10}Y`;
  if (u.unit === 'century') return n === null ? 'PXCE' : `P${n * 100}Y`;
  if (u.unit === 'quarter') return n === null ? 'PXQ' : `P${n * 3}M`;
  return u.time ? `PT${count}${u.code}` : `P${count}${u.code}`;
}

// ---- matchers ----

function matchFixed(c: Ctx, i: number): Hit | null {
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

function matchIsoDate(c: Ctx, i: number): Hit | null {
  const t = tok(c, i) as Tok;
  const y = Number(t.t.slice(0, 4));
  const m = Number(t.t.slice(5, 7));
  const d = Number(t.t.slice(8, 10));
  if (!isValidDay(y, m, d)) return null;
  return { end: i + 1, value: t.t, type: 'DATE', rule: 'time:iso-date', relative: false };
}

const numericDatePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

function matchNumericDate(c: Ctx, i: number): Hit | null {
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

function fourDigitYear(t: Tok | undefined): number | null {
  if (t?.k !== 'n' || t.t.length !== 4) return null;
  const y = Number(t.t);
  return Number.isInteger(y) && y >= 1000 && y <= 2099 ? y : null;
}

function matchYear(c: Ctx, i: number, led = false): Hit | null {
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
function matchDecadeNumber(c: Ctx, i: number): Hit | null {
  const t = tok(c, i);
  if (t?.k !== 'n' || t.t.length !== 5 || !t.t.endsWith('0s')) return null;
  const y = Number(t.t.slice(0, 4));
  if (!(y >= 1000 && y <= 2090)) return null;
  return { end: i + 1, value: t.t.slice(0, 3), type: 'DATE', rule: 'time:decade', relative: false };
}

function matchDecade(c: Ctx, i: number): Hit | null {
  if (w(c, i) !== 'the') return null;
  let j = i + 1;
  if (positionSet.has(w(c, j))) {
    j++;
    if (w(c, j) === '-') j++;
  }
  return matchDecadeNumber(c, j);
}

function dayOfMonth(t: Tok | undefined): number | null {
  if (t?.k !== 'n' || t.t.length > 2) return null;
  const d = Number(t.t);
  return d >= 1 && d <= 31 ? d : null;
}

function monthDayHit(
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
function matchMonth(c: Ctx, i: number, led = false): Hit | null {
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
function matchDayMonth(c: Ctx, i: number): Hit | null {
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

function matchWeekday(c: Ctx, i: number): Hit | null {
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

/** "last week", "this year", "next month", "last November", "the year". */
function matchRelativeUnit(c: Ctx, i: number): Hit | null {
  let j = i;
  const hasThe = w(c, j) === 'the';
  if (hasThe) j++;
  const shift = shiftMap.get(w(c, j));
  if (shift === undefined) {
    if (!hasThe) return null;
    const u = unitMap.get(w(c, j));
    const l = w(c, j);
    if (l === 'weekend') {
      const v = shiftedUnitValue(c, 'week', 0);
      return { end: j + 1, value: `${v}-WE`, type: 'DATE', rule: 'time:relative-unit', relative: true };
    }
    if (!u || (u.unit !== 'year' && u.unit !== 'month' && u.unit !== 'week') || l !== u.forms[0]) return null;
    const next = w(c, j + 1);
    if (next === 'of' || next === "'s" || next === 'before' || next === 'after' || next === '-') return null;
    // "in the year", "the end of the year"; not "player of the year".
    const prev = w(c, i - 1);
    if (!theUnitLeaders.has(prev) && !(prev === 'of' && spanPrefixes.some((p) => p[1] === w(c, i - 2))))
      return null;
    const v = shiftedUnitValue(c, u.unit, 0);
    return v === null
      ? null
      : { end: j + 1, value: v, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  j++;
  const l = w(c, j);
  const t = tok(c, j);
  if (!t) return null;
  // "the past year" is a duration, handled by matchDuration.
  if (hasThe && shift !== 0) return null;
  if (l === 'weekend') {
    const v = shiftedUnitValue(c, 'week', shift);
    return { end: j + 1, value: `${v}-WE`, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  const u = unitMap.get(l);
  if (u && l === u.forms[0] && u.unit !== 'quarter' && !u.time && u.unit !== 'day') {
    const v = shiftedUnitValue(c, u.unit, shift);
    return v === null
      ? null
      : { end: j + 1, value: v, type: 'DATE', rule: 'time:relative-unit', relative: true };
  }
  const month = monthMap.get(l);
  if (month !== undefined && capitalised(t)) {
    const dir = shift < 0 ? -2 : shift > 0 ? 2 : 0;
    const y = yearForMonth(c, month, dir);
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

const seasonStartMonth: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function matchSeason(c: Ctx, i: number, led = false): Hit | null {
  let j = i;
  const l0 = w(c, i);
  const shift = shiftMap.get(l0);
  const hasThe = l0 === 'the';
  if (shift !== undefined || hasThe) j++;
  const code = seasonMap.get(w(c, j));
  if (code === undefined) return null;
  let end = j + 1;
  let k = end;
  if (w(c, k) === 'of') k++;
  const year = fourDigitYear(tok(c, k));
  if (year !== null) end = k + 1;
  if (year === null && shift === undefined && !hasThe && !led) return null;
  if (year === null && hasThe && !yearLeaderSet.has(w(c, i - 1))) return null;
  let value: string;
  if (year !== null) value = `${pad4(year)}-${code}`;
  else if (!c.anchor) value = `XXXX-${code}`;
  else {
    const start = seasonStartMonth[code] as number;
    const a = c.anchor;
    let y = a.y;
    if (shift === undefined || shift === 0) {
      if (shift === undefined && tenseAt(c, i) <= 0 && start > a.m) y = a.y - 1;
    } else if (shift < 0) y = start < a.m ? a.y : a.y - 1;
    else y = start > a.m ? a.y : a.y + 1;
    value = `${pad4(y)}-${code}`;
  }
  return { end, value, type: 'DATE', rule: 'time:season', relative: year === null };
}

function matchHoliday(c: Ctx, i: number): Hit | null {
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
    const month = Number(h.monthDay.slice(0, 2));
    const day = Number(h.monthDay.slice(3));
    let y: number | null = null;
    if (fourDigitYear(tok(c, end)) !== null) y = fourDigitYear(tok(c, end));
    const hit = monthDayHit(c, i, y === null ? end : end + 1, month, day, y, 'time:holiday');
    return hit;
  }
  return null;
}

/** "the third quarter", "third-quarter", "the first half of 1990", "the latest quarter". */
function matchQuarter(c: Ctx, i: number): Hit | null {
  let j = i;
  if (w(c, j) === 'the') j++;
  if (w(c, j) === 'fiscal') j++;
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
    if (year === null && c.anchor) {
      const a = c.anchor;
      const current = unit === 'quarter' ? quarterOf(a.m) : a.m <= 6 ? 1 : 2;
      // Quarters named without a year are this year's, except a later one in a past-tense clause.
      year = ordinal > current && tenseAt(c, i) < 0 ? a.y - 1 : a.y;
    }
    if (unit === 'quarter' && year !== null) c.state.lastQuarter = { y: year, q: ordinal };
    const label = unit === 'quarter' ? `Q${ordinal}` : `H${ordinal}`;
    return {
      end,
      value: year === null ? `XXXX-${label}` : `${pad4(year)}-${label}`,
      type: 'DATE',
      rule: 'time:quarter',
      relative: year === null || end === k + 1,
    };
  }
  // Modified bare quarter: "the quarter", "the latest quarter", "this quarter", "the year-earlier quarter".
  const hasThe = w(c, i) === 'the';
  const mods: string[] = [];
  let k = i + (hasThe ? 1 : 0);
  while (k < c.n && k < i + 6 && quarterModifiers.has(w(c, k))) mods.push(w(c, k++));
  if (w(c, k) !== 'quarter') return null;
  if (!hasThe && mods.length === 0) return null;
  const ref = referenceQuarter(c);
  const end = k + 1;
  if (!ref || !c.anchor) return { end, value: 'XXXX-QX', type: 'DATE', rule: 'time:quarter', relative: true };
  const current = { y: c.anchor.y, q: quarterOf(c.anchor.m) };
  let target = ref;
  if (mods.includes('year') && (mods.includes('earlier') || mods.includes('ago')))
    target = { y: ref.y - 1, q: ref.q };
  else if (mods.includes('next') || mods.includes('coming'))
    target = current.q === 4 ? { y: current.y + 1, q: 1 } : { y: current.y, q: current.q + 1 };
  else if (mods.includes('current') || mods.includes('this')) target = current;
  else if (mods.includes('previous') || mods.includes('prior'))
    target = ref.q === 1 ? { y: ref.y - 1, q: 4 } : { y: ref.y, q: ref.q - 1 };
  return { end, value: `${pad4(target.y)}-Q${target.q}`, type: 'DATE', rule: 'time:quarter', relative: true };
}

/** A count: digits, number words ("twenty-five", "a couple of"), or a vague "several"/"a few". */
function parseCount(c: Ctx, i: number): { n: number | null; next: number } | null {
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
function matchDuration(c: Ctx, i: number): Hit | null {
  let j = i;
  const hasThe = w(c, i) === 'the';
  if (hasThe) j++;
  const leader = durationLeaders.has(w(c, j));
  if (leader && (hasThe || w(c, j) !== 'first')) j++;
  let count = parseCount(c, j);
  let k: number;
  if (count) k = count.next;
  else if (hasThe && leader) {
    // "the past year": one unit.
    count = { n: 1, next: j };
    k = j;
  } else return null;
  let hyphenated = false;
  if (w(c, k) === '-' && touching(c, k - 1)) {
    hyphenated = true;
    k++;
  }
  const u = unitMap.get(w(c, k));
  if (!u) return null;
  if (hyphenated) {
    // "two-day" is a duration; "three-quarters" a fraction, "44-year-old" an age.
    if (!touching(c, k - 1) || w(c, k) !== u.forms[0]) return null;
    if (w(c, k + 1) === '-' && w(c, k + 2) === 'old') return null;
  }
  if (count.n === 1 && k === j && !leader) return null;
  // Without "the", a leading "last"/"next" is a date ("last year"), not a duration.
  if (!hasThe && leader && k === j) return null;
  let end = k + 1;
  if (w(c, end) === 'or' && w(c, end + 1) === 'so') end += 2;
  const a = tok(c, i) as Tok;
  // "a second term", "a quarter of the vote": an ordinal or a fraction, not a duration.
  if ((a.l === 'a' || a.l === 'an') && (u.unit === 'second' || u.unit === 'quarter') && k === i + 1)
    return null;
  // "$5 a year", "twice a day": a frequency.
  if ((a.l === 'a' || a.l === 'an' || a.l === 'per') && !hasThe && k === i + 1) {
    const prev = tok(c, i - 1);
    if (prev && (prev.k === 'n' || prev.l === 'cents' || prev.l === 'percent' || prev.l === 'twice'))
      return { end, value: durationValue(1, u), type: 'SET', rule: 'time:set', relative: false };
  }
  return { end, value: durationValue(count.n, u), type: 'DURATION', rule: 'time:duration', relative: false };
}

/** "two years ago", "a year earlier", "three days later". */
function matchAgo(c: Ctx, i: number): Hit | null {
  const count = parseCount(c, i);
  if (!count) return null;
  const k = count.next;
  const u = unitMap.get(w(c, k));
  if (!u) return null;
  let dirWord = agoMap.get(w(c, k + 1));
  let end = k + 2;
  if (dirWord === undefined && w(c, k + 1) === 'from' && w(c, k + 2) === 'now') {
    dirWord = 1;
    end = k + 3;
  }
  if (dirWord === undefined || w(c, k + 1) === 'before') return null;
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
function matchYearAdjective(c: Ctx, i: number): Hit | null {
  const j = w(c, i) === 'the' ? i + 1 : i;
  if (w(c, j) !== 'year' || w(c, j + 1) !== '-') return null;
  const l = w(c, j + 2);
  if (l !== 'earlier' && l !== 'ago') return null;
  let end = j + 3;
  if (w(c, end) === 'period') end++;
  else if (j !== i) return null;
  const q = inQuarterContext(c) ? referenceQuarter(c) : null;
  const value = q ? `${pad4(q.y - 1)}-Q${q.q}` : c.anchor ? pad4(c.anchor.y - 1) : 'XXXX';
  return { end, value, type: 'DATE', rule: 'time:ago', relative: true };
}

/** The sentence, or an earlier one of the document, talks about quarters (earnings reports). */
function inQuarterContext(c: Ctx): boolean {
  if (c.state.lastQuarter !== undefined) return true;
  if (c.quarterContext === 0) {
    const sentence = c.layer.text.slice(c.sentenceStart, c.sentenceEnd);
    c.quarterContext = quarterPattern.test(sentence) ? 1 : 2;
  }
  return c.quarterContext === 1;
}

/** "for years", "over decades": a vague duration on a bare plural unit. */
function matchBarePlural(c: Ctx, i: number): Hit | null {
  const u = unitMap.get(w(c, i));
  if (!u || w(c, i) === u.forms[0] || u.time) return null;
  if (!barePluralLeaders.has(w(c, i - 1))) return null;
  const next = w(c, i + 1);
  if (next === 'of' || next === 'ago' || next === 'later' || next === 'earlier') return null;
  return {
    end: i + 1,
    value: durationValue(null, u),
    type: 'DURATION',
    rule: 'time:duration',
    relative: false,
  };
}

const clockPattern = /^(\d{1,2})(?:[:.](\d{2}))?$/;

/** "10:35 a.m.", "5 p.m. EST", "noon Thursday", "10 p.m. Wednesday". */
function matchClock(c: Ctx, i: number): Hit | null {
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
    if (!ap || !(ap.k === 'ap' || ((ap.l === 'am' || ap.l === 'pm') && ap.t === ap.l))) return null;
    let h = Number(m[1]);
    const min = m[2] === undefined ? 0 : Number(m[2]);
    if (h < 1 || h > 12 || min > 59) return null;
    if (ap.l === 'pm' && h !== 12) h += 12;
    if (ap.l === 'am' && h === 12) h = 0;
    hhmm = `${pad2(h)}:${pad2(min)}`;
    k = i + 2;
  }
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
  }
  return { end: k, value: `${day}T${hhmm}`, type: 'TIME', rule: 'time:clock', relative: true };
}
