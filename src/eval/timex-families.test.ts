import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spanFamily, valueFamily, valueKind } from './timex-families.js';

const g = (text: string, value: string, type = 'DATE') => ({ text, value, type });
const f = (text: string, value: string, rule: string, type = 'DATE') => ({ text, value, type, rule });

test('valueKind: references, durations, sets and points', () => {
  assert.equal(valueKind('PAST_REF'), 'ref');
  assert.equal(valueKind('P3Y'), 'duration');
  assert.equal(valueKind('P1W', 'SET'), 'set');
  assert.equal(valueKind('1989-Q3'), 'point');
});

test('valueFamily reads the family off the two expressions', () => {
  assert.equal(
    valueFamily(g('last week', '1989-WXX'), f('last week', '1989-W43', 'time:relative-unit')),
    'gold unresolved (X)',
  );
  assert.equal(
    valueFamily(g('about two years ago', 'P2Y'), f('two years ago', '1987', 'time:ago')),
    'extent',
  );
  assert.equal(
    valueFamily(g('recent years', 'PXY', 'DURATION'), f('recent years', 'PAST_REF', 'time:deictic-ref')),
    'reference (PRESENT/PAST/FUTURE_REF)',
  );
  assert.equal(
    valueFamily(g('the past year', '1988'), f('the past year', 'P1Y', 'time:duration')),
    'duration vs point',
  );
  assert.equal(
    valueFamily(g('six weeks ago', '1998-W02'), f('six weeks ago', '1998-W03', 'time:ago')),
    'spelled number',
  );
  assert.equal(
    valueFamily(g('the latest period', '1989-Q2'), f('the latest period', '1989-Q3', 'time:quarter')),
    'quarters, fiscal, periods',
  );
  assert.equal(
    valueFamily(g('A year ago', '1988'), f('A year ago', '1988-Q3', 'time:ago')),
    '"ago" / "earlier": granularity',
  );
  assert.equal(
    valueFamily(g('this year', '1989-10-30'), f('this year', '1989', 'time:relative-unit')),
    'granularity or unit',
  );
  // Written on Wednesday 1989-11-01: gold is the coming Monday, the rules gave the past one.
  assert.equal(
    valueFamily(g('Monday', '1989-11-06'), f('Monday', '1989-10-30', 'time:weekday'), '1989-11-01'),
    'direction (past vs future)',
  );
  // Both in the past, another week: the point it counts from.
  assert.equal(
    valueFamily(g('Tuesday', '1990-08-07'), f('Tuesday', '1990-08-14', 'time:weekday'), '1990-08-15'),
    'anchor (another date in the text)',
  );
});

test('spanFamily: what a miss or an extra is', () => {
  assert.equal(spanFamily(g('recent', 'PAST_REF')), 'reference PAST_REF');
  assert.equal(spanFamily(g('quarterly', 'P3M', 'SET')), 'set');
  assert.equal(spanFamily(g('two days', 'P2D', 'DURATION')), 'duration, spelled count');
  assert.equal(spanFamily(g('1995', '1995')), 'bare year');
  assert.equal(spanFamily(g('the morning', '1989-10-27TMO', 'TIME')), 'time of day');
  assert.equal(spanFamily(g('the week', '1989-WXX')), 'date in words (anaphoric or relative)');
});
