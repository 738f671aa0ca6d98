import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSentences } from './split-sentences.js';

const split = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

test('splits plain sentences and trims whitespace', () => {
  assert.deepEqual(split('  One thing happened.  Then another!   Why?  '), [
    'One thing happened.',
    'Then another!',
    'Why?',
  ]);
});

test('does not split after titles, non-final abbreviations or before numbers', () => {
  for (const text of [
    'Mr. Smith met Dr. Jones and Gen. Milley in the morning.',
    'Sen. Warren and Gov. Newsom spoke to reporters.',
    'Ministers met at No. 10 Downing Street on Monday.',
    'Rivals, e.g. Ford and GM, i.e. Detroit firms, fell.',
    'Arsenal vs. Chelsea ended in a draw.',
    'It happened on Jan. 5 and again on Sept. 11 last year.',
    'The rate rose to 3.5 percent, or $1.4 trillion in all.',
    'Acme Inc. said profits doubled.',
    'President George W. Bush met J.R.R. Tolkien fans in St. Petersburg.',
    'Stories that H. P. Lovecraft wrote were read by P. Chidambaram, see p. 12 here.',
    'Talks ran until 9 p.m. on Tuesday.',
    'The U.S. President arrived in the U.K. capital.',
    'He paused... and then carried on.',
  ]) {
    assert.deepEqual(split(text), [text], text);
  }
});

test('splits after an ambiguous abbreviation when a sentence starter follows', () => {
  assert.deepEqual(split('The talks began at 9 a.m. The meeting ended at noon.'), [
    'The talks began at 9 a.m.',
    'The meeting ended at noon.',
  ]);
  assert.deepEqual(split('Troops left the U.S. They flew to Germany.'), [
    'Troops left the U.S.',
    'They flew to Germany.',
  ]);
  assert.deepEqual(split('Shares rose at Acme Inc. However, rivals fell.'), [
    'Shares rose at Acme Inc.',
    'However, rivals fell.',
  ]);
});

test('No. ends a sentence when no number follows', () => {
  assert.deepEqual(split('He was asked if he would resign. He said no. Then he left.'), [
    'He was asked if he would resign.',
    'He said no.',
    'Then he left.',
  ]);
});

test('a period inside closing quotes ends the sentence after the quote', () => {
  assert.deepEqual(split('He said "No." Then he left.'), ['He said "No."', 'Then he left.']);
  assert.deepEqual(split('She praised the “approach to the crisis.” Talks resume Monday.'), [
    'She praised the “approach to the crisis.”',
    'Talks resume Monday.',
  ]);
  assert.deepEqual(split('“It is over,” he said. “We won.”'), ['“It is over,” he said.', '“We won.”']);
});

test('a question or exclamation followed by a lowercase word does not end the sentence', () => {
  assert.deepEqual(split('"Why now?" he asked. Nobody knew.'), ['"Why now?" he asked.', 'Nobody knew.']);
});

test('an initial after a lowercase word can end a sentence', () => {
  assert.deepEqual(split('Levels of vitamin C. The study found more.'), [
    'Levels of vitamin C.',
    'The study found more.',
  ]);
});

test('a blank line always ends a sentence; a single line break never does', () => {
  assert.deepEqual(split('A heading without a stop\n\nThe body text starts.'), [
    'A heading without a stop',
    'The body text starts.',
  ]);
  assert.deepEqual(split('A sentence wrapped\nacross two lines.'), ['A sentence wrapped\nacross two lines.']);
  assert.deepEqual(split('First line\r\n\r\nSecond line.'), ['First line', 'Second line.']);
});

test('respects the range and rejects a range outside the text', () => {
  const text = 'Skip me. Keep this one. And this.';
  const spans = splitSentences(text, 9, text.length);
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['Keep this one.', 'And this.'],
  );
  assert.equal(spans[0]?.start, 9);
  assert.throws(() => splitSentences(text, 5, 100), /does not fit a text of 33 code units/);
});

test('astral characters stay whole and offsets are UTF-16', () => {
  const text = 'The 𝒳 index rose 😀. Then it fell 𝒳.';
  const spans = splitSentences(text);
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['The 𝒳 index rose 😀.', 'Then it fell 𝒳.'],
  );
  assert.equal(spans[1]?.end, text.length);
});

test('lossless: sentences and whitespace between them rebuild the text (random texts)', () => {
  const pieces = [
    'Mr.',
    'U.S.',
    'word',
    'The',
    '3.5',
    '𝒳',
    '😀',
    '“Yes.”',
    'a.m.',
    '...',
    '?',
    '!',
    'J.',
    'no.',
    ' ',
    '  ',
    '\n',
    '\r\n',
    '\r\n\r\n',
    '\t',
    '.',
    '"',
    '(',
    ')',
  ];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    let text = '';
    const length = 1 + rand(40);
    for (let i = 0; i < length; i++) {
      text += pieces[rand(pieces.length)];
      if (rand(2) === 0) text += ' ';
    }
    const spans = splitSentences(text);
    let cursor = 0;
    for (const span of spans) {
      assert.ok(
        span.start >= cursor && span.end > span.start,
        `ordered, non-empty spans in ${JSON.stringify(text)}`,
      );
      assert.match(
        text.slice(cursor, span.start),
        /^\s*$/,
        `only whitespace between sentences in ${JSON.stringify(text)}`,
      );
      assert.doesNotMatch(text.charAt(span.start), /\s/);
      assert.doesNotMatch(text.charAt(span.end - 1), /\s/);
      cursor = span.end;
    }
    assert.match(text.slice(cursor), /^\s*$/);
  }
});

test('a 200 KB line without punctuation is one sentence, split quickly', () => {
  const text = 'word '.repeat(40_000);
  const started = performance.now();
  const spans = splitSentences(text);
  assert.equal(spans.length, 1);
  assert.ok(performance.now() - started < 200);
});
