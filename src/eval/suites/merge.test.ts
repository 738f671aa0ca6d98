import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mergeSuite } from './merge.js';

const data = join(fileURLToPath(import.meta.url), '../../../../eval/merge/reports.jsonl');

test('the multi-outlet reports merge into one record per story; later meetings stay apart', async () => {
  const result = await mergeSuite.run([data], { data });
  assert.equal(result.items, 14);
  const found = (result.details?.found ?? []) as string[];
  for (const story of ['rus-chn-meet', 'rus-chn-meet-later', 'usa-irn-sanction', 'usa-irn-sanction-later'])
    assert.ok(found.includes(story), story);
  const merged = (result.details?.merged ?? []) as { stories: string[]; articles: number }[];
  assert.ok(
    merged.every((m) => m.stories.length === 1),
    'no record mixes two stories',
  );
  assert.ok((result.metrics.eventRecall ?? 0) > 0.5);
});
