import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData, skipWithoutData } from '../../../test/support/shared-data.js';
import { petrarch2Suite } from './events-petrarch2.js';

const dir = sharedData('eval/events/petrarch2-unittest');

test('events-petrarch2 codes the first unit-test records with their own dictionaries', {
  skip: skipWithoutData(dir),
}, async () => {
  const result = await petrarch2Suite.run([join(dir, 'PETR.UnitTest.records.xml')], { data: dir, limit: 20 });
  assert.equal(result.items, 20);
  const m = result.metrics as Record<string, number>;
  // Some triples right, not all: a coder that codes nothing or everything fails one side.
  assert.ok((m.tripleExact as number) > 0 && (m.tripleExact as number) < 1);
  assert.ok((m.tripleP as number) > 0);
});
