import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { WORKER_ANALYZE } from '../../test/support/worker-analyze.js';
import { createDoc, type Doc } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { openStore } from '../store/open-store.js';
import type { Repository } from '../store/repository.js';
import { type IngestInput, ingestBatch } from './ingest-batch.js';
import { ingestParallel } from './ingest-parallel.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-ingest-parallel-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PLACES = ['Nairobi', 'Addis Ababa', 'Geneva', 'Paris', 'Cairo'];

/** Distinct small articles, with a repeat of the first one (a duplicate) and a rejected input. */
function inputs(n: number): IngestInput[] {
  const docs: IngestInput[] = Array.from({ length: n }, (_, i) => ({
    doc: createDoc(
      `Talks ${i}\n\nKenyan officials met Ethiopian envoys in ${PLACES[i % PLACES.length]} on Monday, round ${i}. ` +
        `The talks were about the border, ${i} officials said.`,
      { uri: `test:article-${i}`, mediaType: 'text/plain', published: '2024-05-16' },
    ),
  }));
  docs.splice(3, 0, {
    doc: { ...(docs[0] as IngestInput).doc, source: { uri: 'test:copy-of-0', mediaType: 'text/plain' } },
  });
  const binary: Doc = {
    ...createDoc('', { uri: 'test:binary.bin', mediaType: 'application/octet-stream' }),
    rejected: true,
    diagnostics: [{ ruleId: 'ingest:binary', severity: 'error', reason: 'looks like a binary file' }],
  };
  docs.splice(5, 0, { doc: binary, bytes: new Uint8Array([0, 1, 2, 0]) });
  return docs;
}

/** What a store holds, engine-independent: every document's id, uri, status and layer counts, and its events. */
async function contents(store: Repository) {
  const docs = await store.listDocuments({ limit: 1000, offset: 0 });
  const events = await store.queryEvents({ limit: 10_000, offset: 0 });
  return {
    docs: docs.items
      .map((d) => ({ id: d.id, uri: d.uri, status: d.status, counts: d.counts, reason: d.reason }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    events: events.items.map((e) => `${e.docId}/${e.idx}/${e.type}/${e.actor?.country}`).sort(),
  };
}

describe('ingestParallel', () => {
  test('analysis in threads stores what analysis on this thread stores, in the same order', async () => {
    const serial = await openStore(join(dir, 'serial.db'));
    const parallel = await openStore(join(dir, 'parallel.db'));
    const expected = await ingestBatch({
      store: serial,
      inputs: inputs(40),
      analyze: analyzeDoc,
      chunkSize: 7,
    });
    const progress: number[] = [];
    const summary = await ingestParallel({
      store: parallel,
      inputs: inputs(40),
      workers: 2,
      inlineUpTo: 4,
      window: 5,
      chunkSize: 7,
      onProgress: (n) => progress.push(n),
    });
    assert.deepEqual(summary, expected);
    assert.equal(summary.inserted, 40);
    assert.equal(summary.duplicates, 1);
    assert.equal(summary.rejected, 1);
    assert.deepEqual(progress, [7, 14, 21, 28, 35, 42]);
    const got = await contents(parallel);
    assert.ok(got.events.length >= 40, `every article has an event (${got.events.length})`);
    assert.deepEqual(got, await contents(serial));
    // The first copy of a text is the one kept, as when analysed in order.
    assert.equal(
      got.docs.find((d) => d.uri === 'test:copy-of-0'),
      undefined,
    );
    await serial.close();
    await parallel.close();
  });

  test('a short stream is analysed on this thread, a long one is not', async () => {
    for (const [n, inlineUpTo, inline] of [
      [5, 10, 6],
      [12, 3, 0],
    ] as const) {
      const store = await openStore(':memory:');
      let calls = 0;
      const summary = await ingestParallel({
        store,
        inputs: inputs(n),
        workers: 1,
        inlineUpTo,
        analyze: (doc) => {
          calls++;
          return analyzeDoc(doc);
        },
      });
      assert.equal(summary.processed, n + 2);
      // The articles and the copy are analysed; the rejected input never is.
      assert.equal(calls, inline, `${n} inputs, inline up to ${inlineUpTo}`);
      await store.close();
    }
  });

  test('a runaway analysis is stopped and kept as rejected; the batch goes on', async () => {
    const store = await openStore(':memory:');
    const docs = inputs(6);
    const gate = join(dir, 'never-opened');
    docs.splice(2, 0, {
      doc: createDoc(`Stuck\n\nKenya met Ethiopia. GATE:${gate}`, {
        uri: 'test:stuck',
        mediaType: 'text/plain',
      }),
    });
    const summary = await ingestParallel({
      store,
      inputs: docs,
      workers: 2,
      inlineUpTo: 0,
      timeoutMs: 1500,
      analyzeModule: WORKER_ANALYZE,
    });
    assert.deepEqual(
      { processed: summary.processed, inserted: summary.inserted },
      { processed: 9, inserted: 6 },
    );
    assert.deepEqual(
      summary.rejections.map((r) => [r.uri, r.ruleId, r.reason]),
      [
        ['test:stuck', 'service:analyze-timeout', 'analysis did not finish within 1.5 s and was stopped'],
        ['test:binary.bin', 'ingest:binary', 'looks like a binary file'],
      ],
    );
    await store.close();
  });

  test('an analysis that exhausts its thread’s memory costs that document only', async () => {
    const store = await openStore(':memory:');
    const docs = inputs(4);
    docs.splice(1, 0, {
      doc: createDoc('Balloon\n\nRUNAWAY-MEMORY Kenya met Ethiopia.', {
        uri: 'test:balloon',
        mediaType: 'text/plain',
      }),
    });
    const summary = await ingestParallel({
      store,
      inputs: docs,
      workers: 1,
      inlineUpTo: 0,
      maxMemoryMb: 256,
      analyzeModule: WORKER_ANALYZE,
    });
    assert.deepEqual(
      { processed: summary.processed, inserted: summary.inserted },
      { processed: 7, inserted: 4 },
    );
    const balloon = summary.rejections.find((r) => r.uri === 'test:balloon');
    assert.equal(balloon?.ruleId, 'service:analyze-failed');
    assert.match(balloon?.reason ?? '', /its thread stopped/);
    await store.close();
  });

  test('bad settings are refused by name', async () => {
    const store = await openStore(':memory:');
    await assert.rejects(
      ingestParallel({ store, inputs: [], workers: -1 }),
      /workers must be an integer ≥ 0, instead found -1/,
    );
    await store.close();
  });
});
