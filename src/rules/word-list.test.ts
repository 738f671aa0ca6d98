import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordList } from './word-list.js';

test('a word list needs a description and unique, trimmed, lowercase words', () => {
  assert.deepEqual(wordList({ description: 'd', words: ['a', 'b'] }, 'x'), ['a', 'b']);
  assert.throws(() => wordList({ words: ['a'] }, 'x'), /x: .*description/);
  assert.throws(() => wordList({ description: ' ', words: ['a'] }, 'x'), /description/);
  assert.throws(() => wordList({ description: 'd', words: [] }, 'x'), /non-empty/);
  assert.throws(() => wordList({ description: 'd', words: ['a', 'a'] }, 'x'), /"a" is listed twice/);
  assert.throws(() => wordList({ description: 'd', words: ['Said'] }, 'x'), /lowercase/);
  assert.throws(() => wordList({ description: 'd', words: [' a'] }, 'x'), /not a word/);
  assert.throws(() => wordList({ description: 'd', words: [3] }, 'x'), /not a word/);
  assert.deepEqual(wordList({ description: 'd', words: ['“'] }, 'x', { lowercase: false }), ['“']);
});
