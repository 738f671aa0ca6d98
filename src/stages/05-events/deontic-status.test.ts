import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import { codeEvents, explainEvents } from './events-stage.js';

// Sentences written here (none from a judged sample); each with a control that still codes.
const country = (id: string, text: string) => ({
  id: `country:${id}`,
  type: 'country' as const,
  country: id,
  at: [{ text }],
});
const parties = [country('FRA', 'France'), country('GBR', 'Britain')];
const coded = (line: string) => codeEvents(docFromLines([line], parties)).events ?? [];
const reasons = (line: string) =>
  (explainEvents(docFromLines([line], parties)).sentences[0]?.rejected ?? []).map((r) => r.reason);

test('what someone should or ought to do is advice, not their act: no event', () => {
  for (const line of [
    'France should withdraw its ambassador from Britain.',
    'France ought to apologise to Britain.',
  ]) {
    assert.equal(coded(line).length, 0, line);
    assert.ok(reasons(line).includes('events:status.deontic'), line);
  }
});

test('the same acts asserted, planned or possible are still coded', () => {
  assert.equal(coded('France withdrew its ambassador from Britain.')[0]?.type, 'SANCTION');
  assert.equal(coded('France will withdraw its ambassador from Britain.')[0]?.status, 'future');
  assert.equal(coded('France could withdraw its ambassador from Britain.')[0]?.status, 'hypothetical');
  // "must" mostly reports a demand; it stays hypothetical.
  assert.equal(coded('France must withdraw its ambassador from Britain.')[0]?.status, 'hypothetical');
});
