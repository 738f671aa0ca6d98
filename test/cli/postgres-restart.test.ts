import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { enqueueInputs } from '../../src/services/work-queue.js';
import { readInputs } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import { splitSchema } from '../../src/store/postgres/postgres-repository.js';
import { GENEVA_TEXT } from '../support/fake-analyze.js';
import { dropStoreUrl, freshStoreUrl, POSTGRES_TEST_URL, storeEngines } from '../support/store-engines.js';
import { startTidings } from '../support/tidings-child.js';

// The PostgreSQL server restarted while a worker is busy (issue 10, item 4): nothing acknowledged is
// lost — every queued input ends processed, duplicate or rejected, each document stored once and whole —
// and the worker rides the restart out (it retries while the server is unreachable) instead of failing
// its batch. The test restarts the machine's own server (pg_ctlcluster), so it runs only where that is
// possible: as root with the cluster tool, and not when TIDINGS_NO_PG_RESTART is set.

const cluster = findCluster();
const skip =
  cluster === undefined
    ? 'no PostgreSQL cluster this test may restart (needs root and pg_ctlcluster)'
    : false;
const engines = skip ? [] : await storeEngines();

const dir = mkdtempSync(join(tmpdir(), 'tidings-pg-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function findCluster(): { version: string; name: string } | undefined {
  if (process.env.TIDINGS_NO_PG_RESTART) return undefined;
  if (process.getuid?.() !== 0) return undefined;
  try {
    // "15  main    5432 online postgres …": the cluster on the test server's port.
    const port = new URL(splitSchema(POSTGRES_TEST_URL).connectionString).port || '5432';
    const lines = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).trim().split('\n');
    for (const line of lines) {
      const [version, name, linePort, status] = line.trim().split(/\s+/);
      if (version && name && linePort === port && status === 'online') return { version, name };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: splitSchema(POSTGRES_TEST_URL).connectionString,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

test('PostgreSQL restarted under a working worker: every queued input is accounted for, once', {
  skip: skip || (engines.includes('postgres') ? false : 'PostgreSQL is not reachable'),
  timeout: 600_000,
}, async () => {
  const version = cluster?.version as string;
  const name = cluster?.name as string;
  const path = join(dir, 'inputs');
  mkdirSync(path);
  const stories = 60;
  for (let i = 0; i < stories; i++) {
    writeFileSync(join(path, `s-${String(i).padStart(2, '0')}.txt`), `${GENEVA_TEXT}Update number ${i}.\n`);
  }
  writeFileSync(join(path, 's-copy.txt'), `${GENEVA_TEXT}Update number 7.\n`);
  writeFileSync(join(path, 's-binary.txt'), Buffer.from([0, 1, 2, 3]));
  const files = stories + 2;

  const url = freshStoreUrl('postgres');
  const store = await openStore(url);
  // Acknowledged: enqueue has returned, the inputs are committed in the queue.
  const queued = await enqueueInputs({ store, inputs: readInputs([path]) });
  assert.equal(queued.queued, files, JSON.stringify(queued));
  await store.close();

  const worker = startTidings(
    ['worker', '--db', url, '--batch', '4', '--lease', '60', '--exit-when-empty'],
    540_000,
  );
  try {
    // Let it store a few batches, then restart the server under it.
    const reader = await openStore(url);
    const started = Date.now();
    while (Date.now() - started < 300_000) {
      const status = await reader.status();
      if (status.processed + status.duplicates >= 8) break;
      await sleep(100);
    }
    await reader.close();
    const before = Date.now();
    execFileSync('pg_ctlcluster', [version, name, 'restart', '-m', 'fast'], { stdio: 'ignore' });
    while (!(await serverAnswers())) {
      if (Date.now() - before > 120_000) throw new Error('the server did not come back');
      await sleep(200);
    }
    const code = await worker.done;
    assert.equal(code, 0, `the worker failed across the restart:\n${worker.err.slice(-2000)}`);
  } finally {
    worker.child.kill('SIGKILL');
  }

  const after = await openStore(url);
  try {
    const status = await after.status();
    assert.equal(status.pending, 0, JSON.stringify(status));
    assert.equal(status.failed, 0, JSON.stringify(status));
    assert.equal(status.processed + status.duplicates + status.rejected, files, JSON.stringify(status));
    assert.deepEqual(
      { processed: status.processed, duplicates: status.duplicates, rejected: status.rejected },
      { processed: stories, duplicates: 1, rejected: 1 },
    );
    // Each document stored once and whole (its counts match its rows).
    const client = new pg.Client(splitSchema(url).connectionString);
    await client.connect();
    try {
      await client.query(`SET search_path = ${splitSchema(url).schema}`);
      const docs = await client.query('SELECT count(*)::int AS n FROM documents');
      assert.equal(docs.rows[0].n, stories + 1);
      const half = await client.query(
        `SELECT d.id FROM documents d
         WHERE d.entity_count <> (SELECT count(*) FROM entities e WHERE e.doc_id = d.id)
            OR d.event_count <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)`,
      );
      assert.deepEqual(half.rows, []);
    } finally {
      await client.end();
    }
  } finally {
    await after.close();
    await dropStoreUrl(url);
  }
});
