import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EvalResult } from '../suite.js';
import { eventLocationSuite, linkedRight, readLocationRecords } from './events-location.js';

const line = (text: string, spans: [string, string][]) =>
  JSON.stringify({
    text,
    spans: spans.map(([word, label]) => ({
      start: text.indexOf(word),
      end: text.indexOf(word) + word.length,
      label,
    })),
  });

test('records: one verb and its gold places; malformed lines and lines without one verb are skipped', () => {
  const text = [
    line('Troops attacked Kharkiv on Friday.', [
      ['attacked', 'VERB'],
      ['Kharkiv', 'LOCATION'],
    ]),
    line('The minister resigned.', [['resigned', 'VERB']]),
    '{not json',
    line('No verb here in Paris.', [['Paris', 'LOCATION']]),
  ].join('\n');
  const records = readLocationRecords(text);
  assert.equal(records.length, 2);
  assert.equal(records[0]?.locations.length, 1);
  assert.equal(records[1]?.locations.length, 0);
});

test('a link is right when it overlaps a gold place, or when both say none', () => {
  assert.equal(linkedRight({ start: 0, end: 5 }, [{ start: 3, end: 9 }]), true);
  assert.equal(linkedRight({ start: 0, end: 5 }, [{ start: 5, end: 9 }]), false);
  assert.equal(linkedRight(undefined, []), true);
  assert.equal(linkedRight(undefined, [{ start: 0, end: 1 }]), false);
  assert.equal(linkedRight({ start: 0, end: 1 }, []), false);
});

test('the suite scores the stage’s link and the nearest-place baseline on the same records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'events-location-'));
  const file = join(dir, 'records.jsonl');
  writeFileSync(
    file,
    [
      line('Russian troops attacked Ukrainian positions in Kharkiv on Friday.', [
        ['attacked', 'VERB'],
        ['Kharkiv', 'LOCATION'],
      ]),
      line('Britain condemned the attack on Kharkiv.', [['condemned', 'VERB']]),
    ].join('\n'),
  );
  const result: EvalResult = await eventLocationSuite.run([file], { data: file });
  assert.equal(result.items, 2);
  assert.equal(result.metrics.ruleAccuracy, 1, 'Kharkiv for the attack, no place for the condemnation');
  assert.equal(result.metrics.baselineAccuracy, 0.5, 'the nearest place is wrong for the condemnation');
});
