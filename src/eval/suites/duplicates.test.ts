import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { seededRandom } from '../../core/random.js';
import { copyArticle, duplicatesSuite } from './duplicates.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-duplicates-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An article of random words (seeded): headline, then five paragraphs of 40 words. */
function article(seed: number): string {
  const random = seededRandom(seed);
  const word = () => `w${Math.floor(random() * 5000)}`;
  const para = () => Array.from({ length: 40 }, word).join(' ');
  return [Array.from({ length: 5 }, word).join(' '), para(), para(), para(), para(), para()].join('\n\n');
}

test('copies keep most of the article at light strength and less at heavy; the same seed, the same copy', () => {
  const text = article(1);
  assert.equal(copyArticle(text, 'light', 7), copyArticle(text, 'light', 7));
  assert.notEqual(copyArticle(text, 'light', 7), text);
  assert.ok(copyArticle(text, 'heavy', 7).length < copyArticle(text, 'light', 7).length);
  assert.match(copyArticle(text, 'medium', 7), /^Update: /);
});

test('exact groups are found with no false pair, and light copies link to their originals', async () => {
  mkdirSync(join(dir, 'news'));
  for (let i = 0; i < 40; i++)
    writeFileSync(join(dir, 'news', `${String(i).padStart(3, '0')}.txt`), article(i + 10));
  writeFileSync(join(dir, 'news', '100.txt'), article(10)); // byte-identical to 000
  writeFileSync(join(dir, 'news', '101.txt'), article(11).toUpperCase().replaceAll(' ', '   ')); // case and spacing
  const files = Array.from({ length: 40 }, (_, i) => join(dir, 'news', `${String(i).padStart(3, '0')}.txt`));
  files.push(join(dir, 'news', '100.txt'), join(dir, 'news', '101.txt'));
  const result = await duplicatesSuite.run(files.sort(), { data: dir });
  assert.equal(result.items, 42);
  assert.equal(result.metrics.exactGroups, 2);
  assert.equal(result.metrics.exactRecall, 1);
  assert.equal(result.metrics.exactPrecision, 1);
  assert.ok((result.metrics.nearRecallLight ?? 0) >= 0.9, JSON.stringify(result.metrics));
  assert.equal(result.metrics.nearPrecisionLight, 1);
  assert.ok((result.metrics.nearRecallHeavy ?? 1) <= (result.metrics.nearRecallLight ?? 0));
});
