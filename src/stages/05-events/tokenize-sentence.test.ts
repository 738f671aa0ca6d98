import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeSentence } from './tokenize-sentence.js';

const words = (text: string) => tokenizeSentence(text, 0, text.length).map((t) => text.slice(t.start, t.end));

test('words keep inner apostrophes, dots, hyphens and digit groups; punctuation is one token each', () => {
  assert.deepEqual(words('Russia’s U.S. co-operate, didn\'t 25,000 "x".'), [
    'Russia’s',
    'U.S',
    '.',
    'co-operate',
    ',',
    "didn't",
    '25,000',
    '"',
    'x',
    '"',
    '.',
  ]);
});

test('offsets are absolute and lowercase is precomputed; non-ASCII letters are word characters', () => {
  const text = 'xx Zürich Ūnion';
  const tokens = tokenizeSentence(text, 3, text.length);
  assert.deepEqual(
    tokens.map((t) => [t.start, t.end, t.lower]),
    [
      [3, 9, 'zürich'],
      [10, 15, 'ūnion'],
    ],
  );
});

test('a trailing joiner does not swallow the next token', () => {
  assert.deepEqual(words("rebels' camp - 3,"), ['rebels', "'", 'camp', '-', '3', ',']);
});
