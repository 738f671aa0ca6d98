import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstDayOf, isDateBound, lastDayOf } from './dates.js';

test('firstDayOf reduces TIMEX values to the first day they cover', () => {
  assert.equal(firstDayOf('2024-05-16'), '2024-05-16');
  assert.equal(firstDayOf('2024-05-16T09:00'), '2024-05-16');
  assert.equal(firstDayOf('2024-05'), '2024-05-01');
  assert.equal(firstDayOf('2024'), '2024-01-01');
  assert.equal(firstDayOf('2024-W20'), '2024-05-13');
  assert.equal(firstDayOf('2021-W01'), '2021-01-04');
  assert.equal(firstDayOf('2024-Q2'), '2024-04-01');
  assert.equal(firstDayOf('P2D'), null);
  assert.equal(firstDayOf('20240'), null);
  assert.equal(firstDayOf(undefined), null);
});

test('lastDayOf and isDateBound', () => {
  assert.equal(lastDayOf('2024'), '2024-12-31');
  assert.equal(lastDayOf('2024-02'), '2024-02-31');
  assert.equal(lastDayOf('2024-02-10'), '2024-02-10');
  assert.equal(lastDayOf('soon'), null);
  assert.ok(isDateBound('2024-02-29'));
  assert.ok(!isDateBound('2023-02-29'));
  assert.ok(!isDateBound('2024-13'));
  assert.ok(!isDateBound('notadate'));
});
