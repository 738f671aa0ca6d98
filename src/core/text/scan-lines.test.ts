import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBlank, scanLines } from './scan-lines.js';

const surfaces = (text: string) =>
  scanLines(text).map((l) => [text.slice(l.start, l.end), text.slice(l.contentStart, l.contentEnd)]);

test('LF, CRLF and lone CR all end a line; the last line may be empty', () => {
  assert.deepEqual(surfaces('one\ntwo\r\nthree\rfour\n'), [
    ['one', 'one'],
    ['two', 'two'],
    ['three', 'three'],
    ['four', 'four'],
    ['', ''],
  ]);
  assert.deepEqual(surfaces('a\r\r\nb'), [
    ['a', 'a'],
    ['', ''],
    ['b', 'b'],
  ]);
  assert.deepEqual(surfaces(''), [['', '']]);
});

test('content is the line without its leading and trailing whitespace', () => {
  const lines = scanLines('  indented  \n\t \nlast');
  assert.deepEqual(
    lines.map((l) => [l.start, l.end, l.contentStart, l.contentEnd]),
    [
      [0, 12, 2, 10],
      [13, 15, 15, 15],
      [16, 20, 16, 20],
    ],
  );
  assert.deepEqual(lines.map(isBlank), [false, true, false]);
});
