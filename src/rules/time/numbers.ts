import { cardinalNumbers } from '../lexicon/lexicon.js';

/**
 * Cardinal number words (lowercase) → value: the shared ones ("one" … "ninety",
 * `rules/lexicon/numbers.json`) and the time stage's own ("a week", "a couple of days").
 * Hyphenated compounds ("twenty-five") are summed.
 */
export const cardinals: readonly (readonly [string, number])[] = [
  ['a', 1],
  ['an', 1],
  ...cardinalNumbers,
  ['hundred', 100],
  ['couple', 2],
];

/** Vague counts: the duration keeps an `X` ("several years" → `PXY`). */
export const vagueCounts: readonly string[] = ['several', 'few', 'many'];

/** Ordinals used for quarters, halves and days of the month. */
export const ordinals: readonly (readonly [string, number])[] = [
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['1st', 1],
  ['2nd', 2],
  ['3rd', 3],
  ['4th', 4],
];
