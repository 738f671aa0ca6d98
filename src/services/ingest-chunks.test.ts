import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDoc } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { openStore } from '../store/open-store.js';
import type { PutEntry, Repository } from '../store/repository.js';
import { type IngestInput, IngestStoppedError, ingestBatch } from './ingest-batch.js';

/** The store, with a record of how many entries each transaction carried. */
function recording(store: Repository, failAtCall?: number): { store: Repository; chunks: number[] } {
  const chunks: number[] = [];
  const wrapped: Repository = Object.create(store);
  wrapped.putMany = async (entries: readonly PutEntry[]) => {
    chunks.push(entries.length);
    if (chunks.length === failAtCall) {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    }
    return store.putMany(entries);
  };
  return { store: wrapped, chunks };
}

/** `n` distinct articles of `chars` characters each. */
function articles(n: number, chars: number, name = 'talks'): IngestInput[] {
  return Array.from({ length: n }, (_, i) => {
    const sentence = `Kenyan officials met Ethiopian envoys in Nairobi, ${name} round ${i}. `;
    const text = `Talks ${i}\n\n${sentence.repeat(Math.ceil(chars / sentence.length))}`.slice(0, chars);
    return { doc: createDoc(text, { uri: `test:${name}-${i}`, mediaType: 'text/plain' }) };
  });
}

describe('ingestBatch: bounded transactions', () => {
  test('a chunk is committed before its text would pass maxChunkChars; a larger document goes alone', async () => {
    const memory = await openStore(':memory:');
    const { store, chunks } = recording(memory);
    const inputs = [...articles(5, 1000), ...articles(1, 5000, 'big')];
    const summary = await ingestBatch({ store, analyze: analyzeDoc, inputs, maxChunkChars: 2500 });
    assert.deepEqual(chunks, [2, 2, 1, 1]);
    assert.equal(summary.inserted, 6);
    assert.equal((await memory.stats()).documents, 6);
    await memory.close();
  });

  test('a chunk is committed before its rows would pass maxChunkRows', async () => {
    const memory = await openStore(':memory:');
    const { store, chunks } = recording(memory);
    // Each article has one document row and at least one entity and one event row.
    const summary = await ingestBatch({
      store,
      analyze: analyzeDoc,
      inputs: articles(4, 200),
      maxChunkRows: 3,
    });
    assert.deepEqual(chunks, [1, 1, 1, 1]);
    assert.equal(summary.inserted, 4);
    await memory.close();
  });

  test('a store failure stops the batch with the summary of what was committed', async () => {
    const memory = await openStore(':memory:');
    const { store } = recording(memory, 2);
    const error = await ingestBatch({
      store,
      analyze: analyzeDoc,
      inputs: articles(7, 200),
      chunkSize: 3,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof IngestStoppedError, String(error));
    assert.deepEqual(
      { processed: error.summary.processed, inserted: error.summary.inserted, unstored: error.unstored },
      { processed: 3, inserted: 3, unstored: 3 },
    );
    assert.match(error.message, /database is locked/);
    assert.equal((await memory.stats()).documents, 3);
    await memory.close();
  });
});
