import { irregularVerbs } from '../lexicon/lexicon.js';
import { wordList } from '../word-list.js';
import data from './modifiers.json' with { type: 'json' };

/** The time stage's modifiers (`modifiers.json`, where each list is described), checked once. */

/** Words that shift a calendar unit relative to the anchor ("last week", "next year"). */
export const relativeShifts: readonly (readonly [string, number])[] = Object.entries(
  data.relativeShifts.entries,
);

/** Fuzzy position words kept in the extent but not in the value ("early next year" → `2025`). */
export const positionWords = wordList(data.positionWords, 'time/modifiers positionWords');

/** After "N units": the direction of the shift ("two years ago" → -2); "three days later" is left to the durations. */
export const agoWords: readonly (readonly [string, number])[] = Object.entries(data.agoWords.entries);

/** Future cues before an expression ("will meet on Friday"): a bare weekday resolves forward. */
export const futureCues = wordList(data.futureCues, 'time/modifiers futureCues');

/** Modal auxiliaries: "will one day be" is an indefinite future day, not a day's length. */
export const modalAuxiliaries = wordList(data.modalAuxiliaries, 'time/modifiers modalAuxiliaries');

/** Future cues that count only right before the expression ("by Friday"), not further off ("shelled by destroyers on Monday"). */
export const adjacentFutureCues = wordList(data.adjacentFutureCues, 'time/modifiers adjacentFutureCues');

/** Written before a four-digit year, they make it a year even in odd positions. */
export const yearLeaders = wordList(data.yearLeaders, 'time/modifiers yearLeaders');

/**
 * Past cues right before a weekday or month ("said Tuesday", "since March"): it resolves backward.
 * The simple past of every irregular verb (shared list) unless it is also the lemma ("set to take
 * place in July" is no past), and the time stage's own cues.
 */
export const pastVerbs: readonly string[] = [
  ...new Set([
    ...[...irregularVerbs].flatMap(([lemma, forms]) => (forms[0] === lemma ? [] : [forms[0] as string])),
    ...wordList(data.pastVerbs, 'time/modifiers pastVerbs'),
  ]),
];

/** Lowercase words that may follow a bare four-digit year without making it a count ("2023 was"). */
export const yearFollowerWords = wordList(data.yearFollowerWords, 'time/modifiers yearFollowerWords');

/** Shift words counted from the last date the text named ("the previous Friday"), when there is one. */
export const anaphoricShifts = wordList(data.anaphoricShifts, 'time/modifiers anaphoricShifts');

/** Present-tense verbs: nearer than any other cue, they leave a date's direction to the calendar. */
export const presentCues = wordList(data.presentCues, 'time/modifiers presentCues');

/** Position words → TIMEX3 mod ("mid-2023" → `MID`). */
export const positionMods: readonly (readonly [string, string])[] = Object.entries(data.positionMods.entries);

/** "every", "each": what follows recurs (a TIMEX3 SET). */
export const setLeaders = wordList(data.setLeaders, 'time/modifiers setLeaders');

/**
 * Verbs whose simple present with a definite time is a timetable ("the talks begin Monday"):
 * `thirdPerson` forms are future cues; `base` forms too unless a word of `notBefore` precedes them.
 */
export const scheduleVerbs = {
  thirdPerson: wordList(data.scheduleVerbs.thirdPerson, 'time/modifiers scheduleVerbs.thirdPerson'),
  base: wordList(data.scheduleVerbs.base, 'time/modifiers scheduleVerbs.base'),
  notBefore: wordList(data.scheduleVerbs.notBefore, 'time/modifiers scheduleVerbs.notBefore'),
};
