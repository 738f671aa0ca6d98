import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from './tokenize.js';

const surfaces = (text: string) => tokenize(text).map((t) => text.slice(t.start, t.end));

test('tokenize splits possessives, hyphens and abbreviations into tokens', () => {
  assert.deepEqual(surfaces('Russia’s Russia-Ukraine U.S.'), [
    'Russia',
    '’',
    's',
    'Russia',
    '-',
    'Ukraine',
    'U',
    '.',
    'S',
    '.',
  ]);
});

test('tokenize keeps numbers with separators whole and splits letter/digit boundaries', () => {
  assert.deepEqual(surfaces('$1.4 trillion £600m 1,200 76%'), [
    '$',
    '1.4',
    'trillion',
    '£',
    '600',
    'm',
    '1,200',
    '76',
    '%',
  ]);
  assert.deepEqual(surfaces('ends in 5.'), ['ends', 'in', '5', '.']);
});

test('tokenize reports offsets inside the given range, lowercases and flags capitals', () => {
  const text = 'xx Élysée said';
  const tokens = tokenize(text, 3, text.length);
  assert.equal(tokens.length, 2);
  assert.deepEqual(tokens[0], { start: 3, end: 9, lower: 'élysée', kind: 'word', upper: true });
  assert.equal(tokens[1]?.upper, false);
});

test('tokenize keeps astral characters in one token and rejects a bad range', () => {
  const text = 'a 😀 b';
  assert.deepEqual(surfaces(text), ['a', '😀', 'b']);
  assert.throws(() => tokenize(text, 2, 99), /does not fit/);
});
