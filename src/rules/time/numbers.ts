import { cardinalNumbers } from '../lexicon/lexicon.js';
import { wordList } from '../word-list.js';
import data from './numbers.json' with { type: 'json' };

/**
 * Cardinal number words (lowercase) → value: the shared ones ("one" … "ninety",
 * `rules/lexicon/numbers.json`) and the time stage's own ("a week", "a couple of days",
 * `numbers.json`). Hyphenated compounds ("twenty-five") are summed.
 */
export const cardinals: readonly (readonly [string, number])[] = [
  ...cardinalNumbers,
  ...Object.entries(data.cardinals.entries),
];

/** Vague counts: the duration keeps an `X` ("several years" → `PXY`). */
export const vagueCounts = wordList(data.vagueCounts, 'time/numbers vagueCounts');

/** Ordinals used for quarters, halves and days of the month. */
export const ordinals: readonly (readonly [string, number])[] = Object.entries(data.ordinals.entries);

/** Decades in words → the decade's digit ("the nineties" → 9). */
export const decadeWords: readonly (readonly [string, number])[] = Object.entries(data.decades.entries);

/** Words between a count and its unit that do not change the length ("20 more years"). */
export const countAdditions = wordList(data.countAdditions, 'time/numbers countAdditions');
