import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAnchor } from '../../../core/calendar-math.js';
import { findTimes } from './find-times.js';
import type { ScanState } from './time-types.js';

// Publication date: Thursday 2024-05-16.
const anchor = parseAnchor('2024-05-16');

function matches(sentence: string, state: ScanState = {}) {
  return findTimes(sentence, 0, anchor, state).map((m) => [sentence.slice(m.start, m.end), m.value, m.type]);
}

test('"the following spring", "the previous January" count from the last date named', () => {
  const state: ScanState = {};
  assert.deepEqual(matches('The office opened in 1996 and closed the following spring.', state)[1], [
    'the following spring',
    '1997-SP',
    'DATE',
  ]);
  assert.deepEqual(matches('He was elected in 1992 and resigned the following January.', {})[1]?.slice(1), [
    '1993-01',
    'DATE',
  ]);
  // A month named before: the first spring after March 1996 is the next year's.
  assert.deepEqual(
    matches('It opened in March 1996; the following spring it closed.', {})[1]?.[1],
    '1997-SP',
  );
  assert.deepEqual(matches('It opened in March 1996; the previous winter was cold.', {})[1]?.[1], '1995-WI');
  // A month after the one named, in the same year.
  assert.deepEqual(matches('It opened in March 1996 and closed the following June.', {})[1]?.[1], '1996-06');
});

test('"the previous year", "the previous week" with no date named count from the publication date', () => {
  assert.deepEqual(matches('He took office the previous year.'), [['the previous year', '2023', 'DATE']]);
  assert.deepEqual(matches("The bank revised the previous week's figures."), [
    ['the previous week', '2024-W19', 'DATE'],
  ]);
  // With a day named, the week before that day.
  const state: ScanState = {};
  matches('The vote was held on March 3, 2021.', state);
  assert.deepEqual(matches('The previous week, talks had failed.', state)[0]?.[1], '2021-W08');
  // "the past year" is still a duration.
  assert.deepEqual(matches('Prices rose over the past year.')[0]?.[1], 'P1Y');
});

test('"a year-earlier loss", "a year-ago quarter": the point a year back, not a year\'s length', () => {
  assert.deepEqual(matches('The company posted a year-earlier loss.'), [['year-earlier', '2023', 'DATE']]);
  assert.deepEqual(matches('Sales beat a year-ago figure.')[0]?.slice(0, 2), ['year-ago', '2023']);
  assert.deepEqual(matches('It took a year to build.')[0]?.slice(1), ['P1Y', 'DURATION']);
});
