import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildServer, type ServerErrorEntry } from '../../src/api/server.js';
import { analyze, analyzeDoc } from '../../src/pipeline.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_TOKEN } from '../support/auth.js';

// A server over a SQLite file runs its queries in read threads: a slow one holds up nothing else.
const dir = mkdtempSync(join(tmpdir(), 'tidings-slow-queries-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'large.db');

before(async () => {
  const store = await openStore(file);
  const text = 'Talks in Geneva\n\nRussia met China in Geneva on Monday, officials said.\n';
  await store.putDocument(analyze(text, { uri: 'test:geneva' }));
  await store.close();
  // Enough events that a query reading them all takes a while: a substring of the actor of two
  // characters (too short for the actor trigrams of migration 13) is looked for in every row.
  const raw = new Database(file);
  raw
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000)
       INSERT INTO events (doc_id, idx, type, status, actor_text, "start", "end", rule, sentence)
       SELECT (SELECT id FROM documents LIMIT 1), 1000 + i, 'CONSULT', 'asserted', 'envoy ' || i, 0, 1, 'test:bulk', 0
       FROM n`,
    )
    .run();
  raw.close();
});

test('/api/health answers while a slow event query runs; a query past its limit is a 503 in the error shape', async () => {
  let started: () => void = () => {};
  const queryStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const store = await openStore(file, {
    readWorkers: { workers: 1, timeoutMs: 60_000, onQueryStart: (m) => m === 'queryEvents' && started() },
  });
  const logged: ServerErrorEntry[] = [];
  const app = buildServer({ store, analyze: analyzeDoc, token: TEST_TOKEN, logError: (e) => logged.push(e) });
  try {
    const order: string[] = [];
    const events = app.inject('/api/events?actor=zq').then((res) => {
      order.push('events');
      return res;
    });
    await queryStarted;
    const health = await app.inject('/api/health');
    order.push('health');
    assert.equal(health.statusCode, 200);
    const res = await events;
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().total, 0);
    assert.deepEqual(order, ['health', 'events']);
  } finally {
    await app.close();
    await store.close();
  }

  const impatient = await openStore(file, { readWorkers: { workers: 1, timeoutMs: 1 } });
  const strict = buildServer({
    store: impatient,
    analyze: analyzeDoc,
    token: TEST_TOKEN,
    logError: (e) => logged.push(e),
  });
  try {
    const res = await strict.inject('/api/events?actor=zq');
    assert.equal(res.statusCode, 503);
    const body = res.json();
    assert.equal(body.error, 'Service Unavailable');
    assert.match(body.message, /ran longer than .* and was stopped; narrow it/);
    assert.deepEqual(body.details, { code: 'STORE_QUERY_TIMEOUT' });
    assert.equal(res.headers['retry-after'], undefined);
    assert.deepEqual(
      logged.map((e) => [e.status, e.requestId]),
      [[503, res.headers['x-request-id']]],
    );
  } finally {
    await strict.close();
    await impatient.close();
  }
});
