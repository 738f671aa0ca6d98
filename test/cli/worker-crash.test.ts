import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { analyzeDoc } from '../../src/pipeline.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { enqueueInputs, runWorker } from '../../src/services/work-queue.js';
import { readInputs } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import { splitSchema } from '../../src/store/postgres/postgres-repository.js';
import type { Repository } from '../../src/store/repository.js';
import { GENEVA_TEXT } from '../support/fake-analyze.js';
import {
  dropStoreUrl,
  type Engine,
  freshStoreUrl,
  openTestStore,
  storeEngines,
} from '../support/store-engines.js';
import { startTidings } from '../support/tidings-child.js';

// `tidings worker` killed with SIGKILL in the middle of a batch: its claims must come back to the
// queue once their lease lapses, another worker must finish them, and nothing may be stored twice
// or half (a document without its entities, a queue item done without its document).

const dir = mkdtempSync(join(tmpdir(), 'tidings-worker-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** 30 distinct stories, 4 copies, 2 binary files, and one long story that takes seconds to analyse. */
function writeInputs(name: string): { path: string; files: number } {
  const path = join(dir, name);
  mkdirSync(path);
  for (let i = 0; i < 30; i++) {
    writeFileSync(join(path, `a-${String(i).padStart(2, '0')}.txt`), `${GENEVA_TEXT}Update number ${i}.\n`);
  }
  for (let i = 0; i < 4; i++)
    writeFileSync(join(path, `b-copy-${i}.txt`), `${GENEVA_TEXT}Update number ${i * 7}.\n`);
  for (let i = 0; i < 2; i++) writeFileSync(join(path, `c-binary-${i}.txt`), Buffer.from([0, 1, 2, i]));
  let long = '';
  for (let i = 0; i < 600; i++) long += `${GENEVA_TEXT.replace('Geneva', `Geneva ${i}`)}\n`;
  writeFileSync(join(path, 'a-12-long.txt'), long);
  return { path, files: 30 + 4 + 2 + 1 };
}

/** Reads the queue as any SQL client would. */
async function queueRows(engine: Engine, url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (engine === 'sqlite') {
    const raw = new Database(url, { readonly: true });
    try {
      return raw.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client(splitSchema(url).connectionString);
  await client.connect();
  try {
    await client.query(`SET search_path = ${splitSchema(url).schema}`);
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await sleep(25);
  }
}

/** Every input accounted for once, every stored document whole, and the same as a plain ingest. */
async function assertAccounted(engine: Engine, url: string, store: Repository, path: string, files: number) {
  const status = await store.status();
  assert.equal(status.pending, 0);
  assert.equal(status.failed, 0);
  assert.equal(status.processed + status.duplicates + status.rejected, files, 'every file accounted for');
  assert.deepEqual(
    { processed: status.processed, duplicates: status.duplicates, rejected: status.rejected },
    { processed: 31, duplicates: 4, rejected: 2 },
  );
  assert.equal(status.documents, 33);
  const half = await queueRows(
    engine,
    url,
    `SELECT d.id FROM documents d
     WHERE d.entity_count <> (SELECT count(*) FROM entities e WHERE e.doc_id = d.id)
        OR d.event_count <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)
        OR d.diagnostic_count <> (SELECT count(*) FROM diagnostics g WHERE g.doc_id = d.id)
     UNION ALL
     SELECT q.doc_id FROM queue q WHERE q.state = 'done' AND q.doc_id NOT IN (SELECT id FROM documents)`,
  );
  assert.deepEqual(half, [], 'no document stored without its layers, no item done without its document');
  const plain = await openTestStore('sqlite');
  await ingestBatch({ store: plain, inputs: readInputs([path]), analyze: analyzeDoc });
  const ids = async (s: Repository) =>
    (await s.listDocuments({ limit: 500, offset: 0 })).items.map((d) => d.id).sort();
  assert.deepEqual(await ids(store), await ids(plain), 'the same documents as a plain ingest');
  const { engine: _a, ...queued } = await store.stats();
  const { engine: _b, ...direct } = await plain.stats();
  assert.deepEqual(queued, direct);
  await plain.close();
}

/** A worker in this process that picks up what is left (after the dead worker's lease lapses). */
function finishQueue(store: Repository) {
  return runWorker({
    store,
    analyze: analyzeDoc,
    batchSize: 5,
    leaseMs: 120_000,
    idleMs: 100,
    exitWhenEmpty: true,
  });
}

const engines = await storeEngines();
for (const engine of engines) {
  describe(`${engine}: a worker killed with SIGKILL mid-batch`, () => {
    test('while it analyses: its claims return after the lease and are processed once', async () => {
      const url = freshStoreUrl(engine);
      const { path, files } = writeInputs(`analysing-${engine}`);
      const store = await openStore(url);
      await enqueueInputs({ store, inputs: readInputs([path]) });
      const child = startTidings(['worker', '--db', url, '--batch', '5', '--lease', '3', '--quiet']);
      // The long story is in the third batch: once it is claimed, the child is busy analysing it.
      try {
        await until('the child to claim the long story', async () => {
          const rows = await queueRows(
            engine,
            url,
            "SELECT 1 FROM queue WHERE uri LIKE '%long%' AND claim IS NOT NULL",
          );
          return rows.length > 0;
        });
      } finally {
        child.child.kill('SIGKILL');
      }
      assert.equal(await child.done, null, 'killed');
      const held = await queueRows(
        engine,
        url,
        "SELECT uri, attempts FROM queue WHERE state = 'pending' AND claim IS NOT NULL",
      );
      assert.ok(held.length > 0, 'the dead worker left claimed items');
      assert.ok((await store.status()).pending > 0);

      const survivor = await finishQueue(store);
      assert.ok(survivor.itemIds.length >= held.length);
      const retried = await queueRows(engine, url, "SELECT attempts FROM queue WHERE uri LIKE '%long%'");
      assert.deepEqual(
        retried.map((r) => Number(r.attempts)),
        [2],
        'claimed by the dead worker, then once more',
      );
      await assertAccounted(engine, url, store, path, files);
      await store.close();
      await dropStoreUrl(url);
    });

    test('while it writes: the open transaction is lost whole, and the batch is stored once by another worker', {
      skip: engine === 'sqlite' ? 'SQLite has one writer; its commit is atomic under kill -9' : false,
    }, async () => {
      const url = freshStoreUrl(engine);
      const { path, files } = writeInputs(`writing-${engine}`);
      const store = await openStore(url);
      await enqueueInputs({ store, inputs: readInputs([path]) });
      const { connectionString, schema } = splitSchema(url);
      // Hold the entities table: the child's first batch inserts its documents, then waits here,
      // its transaction open, until it is killed.
      const blocker = new pg.Client(connectionString);
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${schema}.entities IN EXCLUSIVE MODE`);
      const app = `tidings_crash_${schema}`;
      const childUrl = `${url}&application_name=${app}`;
      const child = startTidings(['worker', '--db', childUrl, '--batch', '5', '--lease', '3', '--quiet']);
      try {
        await until('the child to block inside its write', async () => {
          // Asked on another connection: pg_stat_activity is a snapshot per transaction.
          const waiting = await queueRows(
            engine,
            url,
            `SELECT 1 FROM pg_stat_activity WHERE application_name = '${app}' AND wait_event_type = 'Lock'
               AND query LIKE 'INSERT INTO entities%'`,
          );
          return waiting.length > 0;
        });
      } finally {
        child.child.kill('SIGKILL');
        await child.done;
        await blocker.query('COMMIT');
        await blocker.end();
      }
      // The server ends the dead client's transaction; until then its rows are not visible.
      await until('the dead transaction to end', async () => {
        const rows = await queueRows(
          engine,
          url,
          `SELECT 1 FROM pg_stat_activity WHERE application_name = '${app}'`,
        );
        return rows.length === 0;
      });
      assert.equal((await store.stats()).documents, 0, 'nothing of the killed batch was stored');
      const held = await queueRows(
        engine,
        url,
        "SELECT id FROM queue WHERE state = 'pending' AND claim IS NOT NULL",
      );
      assert.equal(held.length, 5, 'its claims wait for the lease to lapse');

      await finishQueue(store);
      await assertAccounted(engine, url, store, path, files);
      await store.close();
      await dropStoreUrl(url);
    });
  });
}
