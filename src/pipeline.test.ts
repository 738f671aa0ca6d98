import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from './pipeline.js';

test('analyze takes a string or bytes and returns the analysis format with the text unchanged', () => {
  const text = 'Kenya signed an agreement with Ethiopia on Wednesday.\n';
  const fromString = analyze(text, { published: '2024-11-20' });
  const fromBytes = analyze(new TextEncoder().encode(text), { published: '2024-11-20' });
  assert.equal(fromString.text, text);
  assert.deepEqual({ ...fromBytes, source: null }, { ...fromString, source: null });
  assert.equal(fromBytes.source.encoding, 'utf-8');
  assert.equal(fromString.published, '2024-11-20');
  assert.ok(fromString.times.some((t) => t.value === '2024-11-20'));
});

test('an invalid publication date is ignored with a warning, not trusted', () => {
  const a = analyze('The talks began on Monday.', { published: '2024-02-30' });
  assert.equal(a.published, null);
  assert.ok(a.diagnostics.some((d) => d.ruleId === 'ingest:bad-published' && d.actual === '2024-02-30'));
});

test('bytes that cannot be a document come back rejected with a reason', () => {
  const a = analyze(new Uint8Array([0, 1, 2, 3, 0, 0, 5]));
  assert.equal(a.rejected, true);
  assert.equal(a.events.length, 0);
  assert.ok(a.diagnostics.some((d) => d.severity === 'error' && d.ruleId.startsWith('ingest:')));
});
