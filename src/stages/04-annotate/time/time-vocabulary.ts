import { NUMBER, type TokenLayer, WORD } from '../../../core/tokens.js';
import {
  ambiguousMonths,
  holidays,
  months,
  partsOfDay,
  seasons,
  weekdays,
} from '../../../rules/time/calendar.js';
import {
  adjacentFutureCues,
  agoWords,
  anaphoricShifts,
  futureCues,
  modalAuxiliaries,
  pastVerbs,
  positionMods,
  positionWords,
  presentCues,
  relativeShifts,
  scheduleVerbs,
  setLeaders,
  yearFollowerWords,
  yearLeaders,
} from '../../../rules/time/modifiers.js';
import {
  cardinals,
  countAdditions,
  decadeWords,
  ordinals,
  vagueCounts,
} from '../../../rules/time/numbers.js';
import { type FixedPhrase, fixedPhrases } from '../../../rules/time/phrases.js';
import scannerWords from '../../../rules/time/scanner-words.json' with { type: 'json' };
import { type TimeUnit, units } from '../../../rules/time/units.js';
import { wordList } from '../../../rules/word-list.js';

/**
 * The time scanner's vocabulary, compiled once at module load from `rules/time/*`: maps and sets
 * the matchers read, the words that can start an expression, and the trigger-stem prefilter.
 */
// ---- compiled vocabulary (module load, immutable) ----

export const monthMap = new Map(months);
export const ambiguousMonthSet = new Set(ambiguousMonths);
export const weekdayMap = new Map(weekdays);
export const seasonMap = new Map(seasons);
export const partMap = new Map(partsOfDay);
export const cardinalMap = new Map(cardinals);
export const ordinalMap = new Map(ordinals);
export const decadeMap = new Map(decadeWords);
export const countAdditionSet = new Set(countAdditions);
export const vagueSet = new Set(vagueCounts);
export const shiftMap = new Map(relativeShifts);
export const positionSet = new Set(positionWords);
export const agoMap = new Map(agoWords);
export const yearLeaderSet = new Set(yearLeaders);
export const unitMap = new Map<string, TimeUnit>();
for (const u of units) for (const f of u.forms) unitMap.set(f, u);

export const phrasesByFirst = new Map<string, FixedPhrase[]>();
for (const p of fixedPhrases) {
  const first = p.words[0] as string;
  const list = phrasesByFirst.get(first) ?? [];
  list.push(p);
  list.sort((a, b) => b.words.length - a.words.length);
  phrasesByFirst.set(first, list);
}

export const holidaysByFirst = new Map<string, (typeof holidays)[number][]>();
for (const h of holidays) {
  const first = h.words[0] as string;
  const list = holidaysByFirst.get(first) ?? [];
  list.push(h);
  list.sort((a, b) => b.words.length - a.words.length);
  holidaysByFirst.set(first, list);
}

/** The scanner's own word lists (`rules/time/scanner-words.json`), checked once. */
export const scannerList = (
  name: Exclude<keyof typeof scannerWords, 'description' | 'source' | 'clockWords' | 'spanPrefixes'>,
) => wordList(scannerWords[name], `time/scanner-words ${name}`);
export const clockWords = new Map(Object.entries(scannerWords.clockWords.entries));
export const timeZones = new Set(scannerList('timeZones'));
export const quarterModifiers = new Set(scannerList('quarterModifiers'));
export const ordinalSuffix = new Set(scannerList('ordinalSuffixes'));
export const theUnitLeaders = new Set(scannerList('theUnitLeaders'));
export const yearAdjectives = new Set(scannerList('yearAdjectives'));
export const dayKinds = new Set(scannerList('dayKinds'));
export const frequencyWords = new Set(scannerList('frequencyWords'));
export const durationLeaders = new Set(scannerList('durationLeaders'));
export const barePluralLeaders = new Set(scannerList('barePluralLeaders'));
/** What may follow "every"/"each" besides what may follow "the": weekdays (and their plurals) and months. */
export const afterSetLeader = new Set<string>([
  ...weekdayMap.keys(),
  ...[...weekdayMap.keys()].filter((k) => k.endsWith('day')).map((k) => `${k}s`),
  ...monthMap.keys(),
]);

/** Words a year in words can start with: "the year …", "year …", and the centuries ten to twenty or "two" (thousand). */
export const spelledYearStarts = new Set<string>([
  'the',
  'year',
  ...[...cardinalMap].filter(([, v]) => (v >= 10 && v <= 20) || v === 2).map(([k]) => k),
]);

export const rangeJoiners = new Set(scannerList('rangeJoiners'));
export const spanPrefixes: readonly (readonly string[])[] = scannerWords.spanPrefixes.phrases;

/** Words that can start an expression; every other word token is skipped without trying matchers. */
export const starters = new Set<string>([
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
  ...setLeaders,
  ...scannerList('halfStems'),
  // "Tuesdays": a recurring weekday.
  ...[...weekdayMap.keys()].filter((k) => k.endsWith('day')).map((k) => `${k}s`),
  'the',
  'that',
  'fiscal',
  'year',
]);

/**
 * Prefilter: a sentence with no digit and no word beginning with one of these stems cannot hold
 * an expression. Built from the lexicons (three-letter stems of months and weekdays, units,
 * phrase heads) and compiled into a trie walked over the characters of each word.
 */
export const triggerStems: readonly string[] = [
  ...new Set([
    ...months.map(([w]) => w.slice(0, 3)),
    ...weekdays.map(([w]) => w.slice(0, 3)),
    // Every form: "centuries" does not begin with "century".
    ...units.flatMap((u) => u.forms).filter((f) => /^[a-z]+$/.test(f)),
    ...seasons.map(([w]) => w),
    ...partsOfDay.map(([w]) => w),
    // A shift word ("current", "next") triggers only as a phrase of its own ("current" → PRESENT_REF).
    ...fixedPhrases
      .filter((p) => p.words[0] !== 'the' && (p.words.length === 1 || !shiftMap.has(p.words[0] as string)))
      .map((p) => p.words[0] as string),
    ...fixedPhrases.filter((p) => p.words[0] === 'the').map((p) => p.words[1] as string),
    ...holidays.map((h) => h.words[0] as string),
    ...clockWords.keys(),
    ...scannerList('spelledYearStems'),
    ...scannerList('halfStems'),
    ...scannerList('periodStems'),
    ...decadeMap.keys(),
  ]),
];

/** Trie over a-z: 26 child slots per node (0: none), and a flag per node ending a stem. */
export const stemTrie = (() => {
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
export function stemAt(text: string, p: number, end: number): boolean {
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
export function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Offset of the first trigger of the sentence (a number, or a word of the layer starting with a
 * trigger stem), or -1. Reads the layer's tokens `[from, to)` of `[start, end)`.
 */
export function firstTrigger(
  layer: TokenLayer,
  from: number,
  to: number,
  start: number,
  end: number,
): number {
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

export const quarterPattern = /quarter|fiscal/i;

/** Words that may follow "the"/"a" in an expression; anything else lets the scanner move on. */
export const afterArticle = new Set<string>([
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
  ...yearAdjectives,
  ...decadeMap.keys(),
  ...countAdditionSet,
  'weekend',
  'fiscal',
]);
/** What may follow a count ("two days", "twenty-five years", "12 to 18 months", "5 p.m.", "16 May"). */
export const afterCount = new Set<string>([
  ...unitMap.keys(),
  ...cardinalMap.keys(),
  ...monthMap.keys(),
  ...ordinalSuffix,
  ...dayKinds,
  ...countAdditionSet,
  ...scannerList('afterCount'),
]);

export const pastForms = new Set(pastVerbs);
export const yearFollowers = new Set(yearFollowerWords);
export const futureWords = new Set([...futureCues, ...scheduleVerbs.thirdPerson]);
export const adjacentFutureWords = new Set(adjacentFutureCues);
/** Base forms of the schedule verbs ("the leaders meet Tuesday") and the words that unmake them as cues. */
export const scheduleBase = new Set(scheduleVerbs.base);
export const modalSet = new Set(modalAuxiliaries);
export const scheduleBaseBlockers = new Set(scheduleVerbs.notBefore);
export const notPast = new Set(scannerList('notPastTense'));
export const presentWords = new Set(presentCues);
export const determiners = new Set(scannerList('determiners'));
export const anaphoricSet = new Set(anaphoricShifts);
export const positionModMap = new Map(positionMods);
export const setLeaderSet = new Set(setLeaders);
