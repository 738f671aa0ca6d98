import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fakeAnalyze, fakeDoc, GENEVA_TEXT } from '../../test/support/fake-analyze.js';
import {
  dropStoreUrl,
  freshStoreUrl,
  openTestStore,
  storeEngines,
} from '../../test/support/store-engines.js';
import type { Doc } from '../core/doc.js';
import { openStore } from '../store/open-store.js';
import { type IngestInput, ingestBatch } from './ingest-batch.js';
import { enqueueInputs, isUnreachable, runWorker } from './work-queue.js';

/** 40 distinct stories, 8 copies of earlier ones, analyser rejections and throws, door rejections. */
function inputs(): IngestInput[] {
  const out: IngestInput[] = [];
  for (let i = 0; i < 40; i++)
    out.push({ doc: fakeDoc(`${GENEVA_TEXT}Update number ${i}.\n`, `story-${i}.txt`) });
  for (let i = 0; i < 8; i++)
    out.push({ doc: fakeDoc(`${GENEVA_TEXT}Update number ${i * 3}.\n`, `copy-${i}.txt`) });
  out.push({ doc: fakeDoc('This one says REJECT-ME.\n', 'reject.txt') });
  out.push({ doc: fakeDoc('This one says THROW-ME.\n', 'throw.txt') });
  for (let i = 0; i < 3; i++) {
    const doc: Doc = {
      ...fakeDoc('', `binary-${i}.bin`),
      rejected: true,
      diagnostics: [{ ruleId: 'ingest:binary', severity: 'error', reason: 'binary content' }],
    };
    out.push({ doc, bytes: new Uint8Array([0, i, 2]) });
  }
  return out;
}

test('unreachable means the connection, not the data', () => {
  assert.equal(isUnreachable(Object.assign(new Error('x'), { code: 'ECONNRESET' })), true);
  assert.equal(isUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' })), true);
  assert.equal(isUnreachable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isUnreachable(Object.assign(new Error('value too long'), { code: '22001' })), false);
  assert.equal(isUnreachable(undefined), false);
});

const engines = await storeEngines();
for (const engine of engines) {
  describe(`${engine} work queue and workers`, () => {
    test('two workers on one queue process every input exactly once, with the results of a plain ingest', async () => {
      const url = freshStoreUrl(engine);
      const queue = await openStore(url);
      const all = inputs();
      const enqueued = await enqueueInputs({ store: queue, inputs: all, chunkSize: 7 });
      assert.deepEqual(enqueued, { read: all.length, queued: all.length, alreadyQueued: 0 });
      const again = await enqueueInputs({ store: queue, inputs: inputs() });
      assert.deepEqual(
        again,
        { read: all.length, queued: 0, alreadyQueued: all.length },
        'queueing is idempotent',
      );

      // Two workers, each with its own connection, as two processes would have.
      const stores = [await openStore(url), await openStore(url)];
      const summaries = await Promise.all(
        stores.map((store, i) =>
          runWorker({
            store,
            analyze: fakeAnalyze,
            worker: `w${i}`,
            batchSize: 4,
            idleMs: 10,
            exitWhenEmpty: true,
          }),
        ),
      );
      for (const store of stores) await store.close();
      const [a, b] = summaries as [
        Awaited<ReturnType<typeof runWorker>>,
        Awaited<ReturnType<typeof runWorker>>,
      ];
      assert.ok(a.itemIds.length > 0 && b.itemIds.length > 0, 'both workers took a share');
      const finished = [...a.itemIds, ...b.itemIds];
      assert.equal(new Set(finished).size, finished.length, 'no input finished twice');
      assert.equal(finished.length, all.length, 'every input finished');
      assert.equal(a.lost + b.lost, 0);

      const status = await queue.status();
      assert.deepEqual(status, {
        documents: 40 + 2 + 3,
        processed: 40,
        duplicates: 8,
        rejected: 2 + 3,
        pending: 0,
        failed: 0,
      });
      assert.equal(a.inserted + b.inserted, status.processed);

      // The same inputs through a plain ingest give the same documents, byte for byte.
      const plain = await openTestStore('sqlite');
      await ingestBatch({ store: plain, inputs: inputs(), analyze: fakeAnalyze });
      const ids = async (store: typeof plain) =>
        (await store.listDocuments({ limit: 500, offset: 0 })).items.map((d) => d.id).sort();
      const queuedIds = await ids(queue);
      assert.deepEqual(queuedIds, await ids(plain));
      for (const id of queuedIds) assert.deepEqual(await queue.getDocument(id), await plain.getDocument(id));
      const { engine: _e, ...queuedStats } = await queue.stats();
      const { engine: _p, ...plainStats } = await plain.stats();
      assert.deepEqual(queuedStats, plainStats);
      await plain.close();
      await queue.close();
      await dropStoreUrl(url);
    });

    test('a store that refuses one item fails that item and stores the rest of the batch', async () => {
      const store = await openTestStore(engine);
      await enqueueInputs({ store, inputs: inputs().slice(0, 5) });
      const complete = store.complete.bind(store);
      // The store refuses any batch holding story-2 (as a constraint or a size limit might).
      store.complete = async (token, done) => {
        if (done.some((d) => d.entry.kind === 'document' && d.entry.analysis.source.uri === 'story-2.txt'))
          throw new Error('value too long');
        return complete(token, done);
      };
      const summary = await runWorker({ store, analyze: fakeAnalyze, batchSize: 5, exitWhenEmpty: true });
      assert.equal(summary.inserted, 4);
      assert.equal(summary.failed, 1);
      const status = await store.status();
      assert.equal(status.failed, 1);
      assert.equal(status.processed, 4);
      assert.equal(status.pending, 0);
      await store.close();
    });

    test('a store that is unreachable for a while is waited for: nothing is failed for it', async () => {
      const store = await openTestStore(engine);
      await enqueueInputs({ store, inputs: inputs().slice(0, 6) });
      const complete = store.complete.bind(store);
      let outages = 2;
      store.complete = async (token, done) => {
        if (outages-- > 0)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return complete(token, done);
      };
      const waits: number[] = [];
      const summary = await runWorker({
        store,
        analyze: fakeAnalyze,
        batchSize: 6,
        exitWhenEmpty: true,
        onStoreError: (_error, waitMs) => waits.push(waitMs),
      });
      assert.equal(waits.length, 2);
      assert.deepEqual({ inserted: summary.inserted, failed: summary.failed }, { inserted: 6, failed: 0 });
      assert.deepEqual(await store.status(), {
        documents: 6,
        processed: 6,
        duplicates: 0,
        rejected: 0,
        pending: 0,
        failed: 0,
      });
      await store.close();
    });

    test('a stopped worker finishes the batch in hand and leaves the rest queued', async () => {
      const store = await openTestStore(engine);
      await enqueueInputs({ store, inputs: inputs().slice(0, 10) });
      const stop = new AbortController();
      const summary = await runWorker({
        store,
        analyze: fakeAnalyze,
        batchSize: 3,
        signal: stop.signal,
        onBatch: () => stop.abort(),
      });
      assert.equal(summary.itemIds.length, 3);
      assert.equal((await store.status()).pending, 7);
      await store.close();
    });
  });
}
