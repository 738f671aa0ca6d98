import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../core/doc.js';
import { checkText } from './check-text.js';

const source: Source = { uri: 'memory:test', mediaType: 'text/plain' };

test('a lone surrogate becomes U+FFFD in place, with a warning saying where', () => {
  const text = 'probe \ud800 here. Putin met Xi.';
  const doc = checkText(text, source);
  assert.equal(doc.rejected, undefined);
  assert.equal(doc.text.length, text.length);
  assert.equal(doc.text, 'probe \ufffd here. Putin met Xi.');
  assert.deepEqual(doc.diagnostics, [
    {
      ruleId: 'ingest:lone-surrogate',
      severity: 'warning',
      reason: '1 lone surrogate code unit (half of a UTF-16 pair) replaced by U+FFFD; offsets are unchanged',
      start: 6,
      end: 7,
      actual: 'U+D800@6',
      expected: 'a complete surrogate pair',
    },
  ]);
  // The stored form survives a round trip through UTF-8, which a lone surrogate does not.
  assert.equal(Buffer.from(doc.text, 'utf8').toString('utf8'), doc.text);
});

test('lone high and low surrogates anywhere are counted and replaced; real pairs are kept', () => {
  // A low before a high (reversed pair), a trailing high, a pair (𝒳) that must survive.
  const text = 'a\udc00\ud800b 𝒳 c\ud835';
  const doc = checkText(text, source);
  assert.equal(doc.text, 'a\ufffd\ufffdb 𝒳 c\ufffd');
  assert.equal(doc.diagnostics[0]?.start, 1);
  assert.match(doc.diagnostics[0]?.reason ?? '', /^3 lone surrogate code units/);
  assert.deepEqual(checkText('Pairs only: 𝒳 😀.', source).diagnostics, []);
});

test('NUL or a crowd of control characters is binary, rejected with the offset', () => {
  const nul = checkText('Text with a \u0000 in it.', source);
  assert.equal(nul.rejected, true);
  assert.equal(nul.text, '');
  assert.equal(nul.diagnostics.at(-1)?.ruleId, 'ingest:binary');
  assert.equal(nul.diagnostics.at(-1)?.severity, 'error');
  assert.equal(nul.diagnostics.at(-1)?.actual, 'U+0000@12');
  const controls = checkText('\u0001\u0002a\u0003b\u001b', source);
  assert.equal(controls.diagnostics.at(-1)?.ruleId, 'ingest:binary');
  assert.equal(checkText('Tabs\tand\fform feeds\r\n are text.', source).rejected, undefined);
});

test('empty and whitespace-only text is rejected', () => {
  for (const text of ['', '   ', ' \r\n\t\u00a0 ', '\ufeff']) {
    const doc = checkText(text, source);
    assert.equal(doc.rejected, true, JSON.stringify(text));
    assert.equal(doc.diagnostics.at(-1)?.ruleId, 'ingest:empty');
  }
});

test('the size limit counts UTF-8 bytes, not characters', () => {
  const doc = checkText('éééééé', source, { limits: { maxBytes: 10 } });
  assert.equal(doc.rejected, true);
  assert.equal(doc.diagnostics.at(-1)?.ruleId, 'ingest:too-large');
  assert.equal(doc.diagnostics.at(-1)?.actual, '12');
  assert.equal(checkText('eeeeee', source, { limits: { maxBytes: 10 } }).rejected, undefined);
});

test('a leading byte order mark is removed with a note; earlier diagnostics come first', () => {
  const earlier = { ruleId: 'ingest:bad-published', severity: 'warning' as const, reason: 'test' };
  const doc = checkText('\ufeffHello there.', source, { diagnostics: [earlier] });
  assert.equal(doc.text, 'Hello there.');
  assert.deepEqual(
    doc.diagnostics.map((d) => d.ruleId),
    ['ingest:bad-published', 'ingest:bom'],
  );
});

test('a programmer error (not a string) throws with what was found', () => {
  assert.throws(() => checkText(42 as unknown as string, source), /expected a string, instead found number/);
});
