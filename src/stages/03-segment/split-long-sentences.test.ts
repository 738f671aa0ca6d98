import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sentence } from '../../core/doc.js';
import { splitLongSentences } from './split-long-sentences.js';

test('short sentences pass through untouched, with no diagnostic', () => {
  const text = 'One sentence. Another one.';
  const sentences: Sentence[] = [
    { start: 0, end: 13, paragraph: 0 },
    { start: 14, end: 26, paragraph: 0 },
  ];
  const result = splitLongSentences(text, sentences, 20);
  assert.equal(result.sentences, sentences);
  assert.deepEqual(result.diagnostics, []);
});

test('a long unpunctuated run is cut at spaces into pieces no longer than the limit, covering it all', () => {
  const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
  const { sentences, diagnostics } = splitLongSentences(
    text,
    [{ start: 0, end: text.length, paragraph: 3 }],
    100,
  );
  assert.ok(sentences.length >= 30);
  let at = 0;
  for (const s of sentences) {
    assert.ok(s.end - s.start <= 100, `piece of ${s.end - s.start}`);
    assert.equal(s.paragraph, 3);
    assert.equal(text.slice(at, s.start).trim(), '', 'only spaces between pieces');
    assert.notEqual(text[s.start], ' ');
    assert.notEqual(text[s.end - 1], ' ');
    at = s.end;
  }
  assert.equal(at, text.length);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.ruleId, 'segment:sentence-too-long');
  assert.equal(diagnostics[0]?.actual, String(text.length));
});

test('a clause boundary near the limit is preferred to the last space', () => {
  const text = `${'a '.repeat(40)}end, ${'b '.repeat(30)}`.trimEnd();
  const { sentences } = splitLongSentences(text, [{ start: 0, end: text.length, paragraph: 0 }], 100);
  assert.ok(text.slice(sentences[0]?.start, sentences[0]?.end).endsWith('end,'));
});

test('text with no spaces is cut hard but never between the halves of an astral character', () => {
  const text = '𝒳'.repeat(150);
  const { sentences } = splitLongSentences(text, [{ start: 0, end: text.length, paragraph: 0 }], 99);
  for (const s of sentences) {
    const c = text.charCodeAt(s.start);
    assert.ok(!(c >= 0xdc00 && c <= 0xdfff), 'a piece starts on a low surrogate');
  }
  assert.equal(sentences.map((s) => text.slice(s.start, s.end)).join(''), text);
});
