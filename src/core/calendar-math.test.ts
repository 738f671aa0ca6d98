import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  addMonths,
  formatWeek,
  isoWeek,
  nthWeekday,
  parseAnchor,
  weekday,
} from './calendar-math.js';

test('parseAnchor reads dates and instants, rejects junk and impossible dates', () => {
  assert.deepEqual(parseAnchor('2024-05-16'), { y: 2024, m: 5, d: 16 });
  assert.deepEqual(parseAnchor('1998-11-20T19:30:00Z'), { y: 1998, m: 11, d: 20 });
  assert.equal(parseAnchor(undefined), null);
  assert.equal(parseAnchor('16 May 2024'), null);
  assert.equal(parseAnchor('2023-02-29'), null);
});

test('weekday and ISO week, including year boundaries', () => {
  assert.equal(weekday({ y: 2024, m: 5, d: 16 }), 4);
  assert.equal(weekday({ y: 2024, m: 5, d: 19 }), 7);
  assert.equal(formatWeek({ y: 2024, m: 5, d: 16 }), '2024-W20');
  assert.deepEqual(isoWeek({ y: 2021, m: 1, d: 1 }), { year: 2020, week: 53 });
  assert.deepEqual(isoWeek({ y: 2024, m: 12, d: 30 }), { year: 2025, week: 1 });
});

test('day and month arithmetic crosses month and year ends', () => {
  assert.deepEqual(addDays({ y: 2024, m: 2, d: 28 }, 2), { y: 2024, m: 3, d: 1 });
  assert.deepEqual(addDays({ y: 2024, m: 1, d: 1 }, -1), { y: 2023, m: 12, d: 31 });
  assert.deepEqual(addMonths(2024, 1, -1), { y: 2023, m: 12 });
  assert.deepEqual(addMonths(2024, 11, 3), { y: 2025, m: 2 });
  assert.deepEqual(nthWeekday(1999, 11, 4, 4), { y: 1999, m: 11, d: 25 });
});
