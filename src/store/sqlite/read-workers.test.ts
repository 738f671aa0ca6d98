import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { analyze } from '../../pipeline.js';
import { openStore } from '../open-store.js';
import type { Repository } from '../repository.js';
import { StoreUnavailableError, withReadWorkers } from './read-workers.js';
import { openSqliteRepository } from './sqlite-repository.js';

// Queries in read threads: the same answers as on the caller's thread, without stopping it.
const dir = mkdtempSync(join(tmpdir(), 'tidings-reads-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'large.db');
const BULK_EVENTS = 400_000;
const texts = [
  'Talks in Geneva\n\nRussia met China in Geneva on Monday, officials said.\n',
  'Ports close\n\nA storm closed ports along the Kenyan coast on Friday.\n',
];

before(async () => {
  const store = await openStore(file);
  for (const text of texts) await store.putDocument(analyze(text, { uri: `test:${text.length}` }));
  await store.close();
  // Enough events that a query which must read them all (a substring of the actor) takes a while.
  const raw = new Database(file);
  const doc = (raw.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').get() as { id: string }).id;
  raw
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK_EVENTS})
       INSERT INTO events (doc_id, idx, type, status, actor_text, "start", "end", rule, sentence)
       SELECT ?, 1000 + i, 'CONSULT', 'asserted', 'envoy number ' || i, 0, 1, 'test:bulk', 0 FROM n`,
    )
    .run(doc);
  raw.close();
});

/**
 * A query that reads every event row and finds none: two characters are too short for the actor
 * trigrams (migration 13), so every row's actor text is scanned.
 */
const slowQuery = { actor: 'zq', limit: 10, offset: 0 };

describe('sqlite store: queries in read threads', () => {
  test('answers as the store itself does', async () => {
    const direct = openSqliteRepository(file);
    const threaded = await withReadWorkers(openSqliteRepository(file), file, { workers: 1 });
    try {
      const page = { limit: 20, offset: 0 };
      assert.deepEqual(await threaded.listDocuments(page), await direct.listDocuments(page));
      assert.deepEqual(
        await threaded.listDocuments({ ...page, q: 'storm' }),
        await direct.listDocuments({ ...page, q: 'storm' }),
      );
      assert.deepEqual(
        await threaded.queryEvents({ ...page, actor: 'RUS' }),
        await direct.queryEvents({ ...page, actor: 'RUS' }),
      );
      assert.deepEqual(await threaded.listEntities(page), await direct.listEntities(page));
      assert.deepEqual(await threaded.stats(), await direct.stats());
      const id = (await direct.listDocuments(page)).items[0]?.id ?? '';
      assert.deepEqual(await threaded.getDiagnostics(id), await direct.getDiagnostics(id));
      assert.equal(await threaded.getDiagnostics('unknown'), null);
      // Writes stay on the caller's thread and the read threads see them at once.
      const added = analyze('Aid arrives\n\nFrance sent aid to Chad on Tuesday.\n', { uri: 'test:aid' });
      assert.equal((await threaded.putDocument(added)).status, 'inserted');
      assert.equal((await threaded.stats()).documents, texts.length + 1);
      assert.equal((await threaded.getDocument(added.id))?.id, added.id);
    } finally {
      await threaded.close();
      await direct.close();
    }
  });

  test('the calling thread runs on while a slow query runs', async () => {
    let started: () => void = () => {};
    const queryStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const threaded = await withReadWorkers(openSqliteRepository(file), file, {
      workers: 1,
      onQueryStart: (method) => method === 'queryEvents' && started(),
    });
    try {
      let settled = false;
      const query = threaded.queryEvents(slowQuery).finally(() => {
        settled = true;
      });
      await queryStarted;
      // This thread is free meanwhile: it reads a document over its own connection.
      const doc = await threaded.getDocument(analyze(texts[0] as string).id);
      assert.equal(doc?.title, 'Talks in Geneva');
      assert.equal(settled, false, 'the slow query is still running');
      const page = await query;
      assert.equal(page.total, 0);
    } finally {
      await threaded.close();
    }
  });

  test('a full line is refused, and a query past its time limit is stopped', async () => {
    let started: () => void = () => {};
    const queryStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const threaded = await withReadWorkers(openSqliteRepository(file), file, {
      workers: 1,
      maxQueue: 0,
      timeoutMs: 1,
      onQueryStart: () => started(),
    });
    try {
      const slow = threaded.queryEvents(slowQuery);
      await queryStarted;
      await assert.rejects(threaded.stats(), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.equal(error.code, 'STORE_QUEUE_FULL');
        assert.ok((error.retryAfterSeconds ?? 0) >= 1);
        return true;
      });
      await assert.rejects(slow, (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.equal(error.code, 'STORE_QUERY_TIMEOUT');
        assert.equal(error.retryAfterSeconds, null);
        return true;
      });
    } finally {
      await threaded.close();
    }
  });

  test('openStore gives a server its read threads; an in-memory store has none', async () => {
    const store: Repository = await openStore(file, { readWorkers: { workers: 1 } });
    assert.equal((await store.stats()).documents >= texts.length, true);
    await store.close();
    const memory = await openStore(':memory:', { readWorkers: true });
    assert.equal((await memory.stats()).documents, 0);
    await memory.close();
  });
});
