import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { fakeAnalyze, fakeDoc, GENEVA_TEXT } from '../../test/support/fake-analyze.js';
import type { Doc } from '../core/doc.js';
import { openStore } from '../store/open-store.js';
import { type IngestInput, ingestBatch } from './ingest-batch.js';
import { listDocuments, queryEvents } from './query.js';

async function* stream(docs: IngestInput[]): AsyncIterable<IngestInput> {
  for (const doc of docs) yield doc;
}

function rejectedAtIngest(uri: string): Doc {
  return {
    ...fakeDoc('', uri),
    rejected: true,
    diagnostics: [{ ruleId: 'ingest:binary', severity: 'error', reason: 'looks like a binary file' }],
  };
}

describe('ingestBatch', () => {
  test('stores good documents, counts duplicates, keeps rejections with their reasons', async () => {
    const store = await openStore(':memory:');
    const progress: number[] = [];
    const summary = await ingestBatch({
      store,
      analyze: fakeAnalyze,
      chunkSize: 2,
      onProgress: (n) => progress.push(n),
      inputs: stream([
        { doc: fakeDoc(GENEVA_TEXT, 'a.txt') },
        { doc: fakeDoc(GENEVA_TEXT, 'copy-of-a.txt') },
        { doc: fakeDoc('Other\nA different story.\n', 'b.txt') },
        { doc: fakeDoc('This one says REJECT-ME.\n', 'c.txt') },
        { doc: fakeDoc('This one says THROW-ME.\n', 'd.txt') },
        { doc: rejectedAtIngest('e.bin'), bytes: new Uint8Array([0, 1, 2]) },
      ]),
    });
    assert.deepEqual(
      { ...summary, rejections: undefined },
      { processed: 6, inserted: 2, duplicates: 1, rejected: 3, rejections: undefined },
    );
    assert.deepEqual(summary.rejections, [
      { uri: 'c.txt', ruleId: 'test:fake-rejected', reason: 'rejected by the fake analyzer' },
      { uri: 'd.txt', ruleId: 'service:analyze-failed', reason: 'analysis failed: fake analyzer exploded' },
      { uri: 'e.bin', ruleId: 'ingest:binary', reason: 'looks like a binary file' },
    ]);
    assert.deepEqual(progress, [2, 4, 6]);

    const rejected = await listDocuments(store, { status: 'rejected' });
    assert.equal(rejected.total, 3);
    const thrown = rejected.items.find((d) => d.uri === 'd.txt');
    assert.ok(thrown);
    const diagnostics = await store.getDiagnostics(thrown.id);
    assert.equal(diagnostics?.[0]?.ruleId, 'service:analyze-failed');
    assert.equal((await queryEvents(store, { type: 'CONSULT' })).total, 1);
    await store.close();
  });

  test('a page read from HTML keeps its bytes beside the document, through the work queue too', async () => {
    const { readInputs } = await import('../stages/01-ingest/index.js');
    const { analyzeDoc } = await import('../pipeline.js');
    const { toIngestInput, toQueueInput } = await import('./work-queue.js');
    const html = Buffer.from(
      '<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>' +
        '<p>Negotiators met in Geneva on Tuesday for the first time since January, officials said.</p>' +
        '<p>They will meet again next week to discuss the ceasefire along the northern border.</p></article></body></html>',
    );
    async function* page(): AsyncIterable<Uint8Array> {
      yield html;
    }
    const read: IngestInput[] = [];
    for await (const item of readInputs(['-'], { stdin: page(), stdinFormat: 'html' })) read.push(item);
    assert.ok(read[0]?.doc.blocks && read[0].doc.blocks.length === 3);

    const direct = await openStore(':memory:');
    const summary = await ingestBatch({ store: direct, analyze: analyzeDoc, inputs: read });
    assert.equal(summary.inserted, 1);
    const [stored] = (await direct.listDocuments({ limit: 1, offset: 0 })).items;
    const raw = await direct.getRaw(stored?.id ?? '');
    assert.equal(gunzipSync(raw?.gzip ?? new Uint8Array()).toString('utf8'), html.toString('utf8'));
    const analysis = await direct.getDocument(stored?.id ?? '');
    assert.deepEqual(
      analysis?.blocks.map((b) => b.type),
      ['title', 'paragraph', 'paragraph'],
    );

    // The same page queued, claimed and stored by a worker comes out the same.
    const queued = toIngestInput({ ...toQueueInput(read[0] as IngestInput), id: 1, attempts: 1 });
    const viaQueue = await openStore(':memory:');
    await ingestBatch({ store: viaQueue, analyze: analyzeDoc, inputs: [queued] });
    assert.deepEqual(await viaQueue.getDocument(stored?.id ?? ''), analysis);
    assert.deepEqual(await viaQueue.getRaw(stored?.id ?? ''), raw);
    await direct.close();
    await viaQueue.close();
  });

  test('re-running the same batch inserts nothing', async () => {
    const store = await openStore(':memory:');
    const inputs = () => [
      { doc: fakeDoc(GENEVA_TEXT, 'a.txt') },
      { doc: fakeDoc('Other\nStory.\n', 'b.txt') },
    ];
    const first = await ingestBatch({ store, analyze: fakeAnalyze, inputs: inputs() });
    const statsAfterFirst = await store.stats();
    const second = await ingestBatch({ store, analyze: fakeAnalyze, inputs: inputs() });
    assert.equal(first.inserted, 2);
    assert.deepEqual(second, { processed: 2, inserted: 0, duplicates: 2, rejected: 0, rejections: [] });
    assert.deepEqual(await store.stats(), statsAfterFirst);
    await store.close();
  });

  test('an analyzer that changes the text is caught as a failed analysis', async () => {
    const store = await openStore(':memory:');
    const summary = await ingestBatch({
      store,
      analyze: (doc) => ({ ...doc, text: doc.text.toUpperCase() }),
      inputs: [{ doc: fakeDoc('quiet text', 'x.txt') }],
    });
    assert.equal(summary.rejected, 1);
    assert.equal(summary.rejections[0]?.ruleId, 'service:analyze-failed');
    await store.close();
  });

  test('a bad chunk size is a programmer error', async () => {
    const store = await openStore(':memory:');
    await assert.rejects(ingestBatch({ store, analyze: fakeAnalyze, inputs: [], chunkSize: 0 }), /chunkSize/);
    await store.close();
  });
});
