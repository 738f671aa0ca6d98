import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectFiles, findSuite, runSuite, suites } from './registry.js';

const root = 'test/fixtures/time/mini-timeml';

test('the TempEval-3 suite is registered and found by name', () => {
  assert.ok(suites.some((s) => s.name === 'timex-tempeval3'));
  assert.equal(findSuite('timex-tempeval3')?.name, 'timex-tempeval3');
  assert.equal(findSuite('nope'), undefined);
});

test('collectFiles walks a folder recursively, keeps accepted files, sorted', () => {
  const suite = findSuite('timex-tempeval3');
  assert.ok(suite);
  assert.deepEqual(collectFiles(suite, root), [
    `${root}/broken.tml`,
    `${root}/news/harbour-strike.tml`,
    `${root}/other/cafe-opening.tml`,
  ]);
  assert.deepEqual(collectFiles(suite, root, 'other'), [`${root}/other/cafe-opening.tml`]);
  assert.deepEqual(collectFiles(suite, root, 'missing'), []);
  assert.deepEqual(collectFiles(suite, `${root}/news/harbour-strike.tml`), [
    `${root}/news/harbour-strike.tml`,
  ]);
});

test('runSuite scores the fixture documents and reports the unreadable one as skipped', async () => {
  const r = await runSuite('timex-tempeval3', { data: root });
  assert.equal(r.unit, 'documents');
  assert.equal(r.items, 2);
  assert.equal(r.skipped?.length, 1);
  assert.match(r.skipped?.[0]?.file ?? '', /broken\.tml$/);
  assert.equal(r.details?.gold, 5);
  assert.equal(r.details?.reference, 77.6);
  // Every fixture expression is a plain news case the stage resolves.
  assert.equal(r.metrics.relaxedRecall, 1);
  assert.equal(r.metrics.valueAccuracy, 1);
  const limited = await runSuite('timex-tempeval3', { data: root, limit: 1 });
  assert.equal(limited.items, 0, 'the first file is the broken one');
});

test('runSuite throws for an unknown suite name', async () => {
  await assert.rejects(runSuite('nope', { data: root }), /unknown suite "nope"/);
});
