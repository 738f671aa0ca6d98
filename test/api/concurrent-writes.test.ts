import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildServer } from '../../src/api/server.js';
import { contentHash } from '../../src/core/hash.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { openStore } from '../../src/store/open-store.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { INGEST_WAITING, startTidings, stderrShows } from '../support/tidings-child.js';

// The server and a `tidings ingest` writing to one SQLite file at the same time.
const dir = mkdtempSync(join(tmpdir(), 'tidings-server-writes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a POST while an ingest holds the lock waits, keeps the server answering, and is stored', async () => {
  const db = join(dir, 'shared.db');
  let serverWaits: () => void = () => {};
  const serverWaiting = new Promise<void>((resolve) => {
    serverWaits = resolve;
  });
  const store = await openStore(db, { onBusy: () => serverWaits() });
  const app = buildServer({ store, analyze: analyzeDoc, token: TEST_TOKEN });

  const inputs = join(dir, 'inputs');
  mkdirSync(inputs);
  const texts = Array.from(
    { length: 15 },
    (_, i) => `Talks ${i}\n\nKenyan officials met Ethiopian envoys in Nairobi on Wednesday, round ${i}.\n`,
  );
  texts.forEach((text, i) => {
    writeFileSync(join(inputs, `${i}.txt`), text);
  });

  // A third writer holds the lock, so the ingest and the server both meet a locked file.
  const holder = new Database(db);
  holder.exec('BEGIN IMMEDIATE');
  holder.exec('INSERT INTO schema_version SELECT version FROM schema_version WHERE 0');
  const ingest = startTidings(['ingest', inputs, '--db', db]);
  await stderrShows(ingest, INGEST_WAITING);

  const posted = 'Ports close\n\nA storm closed ports along the Kenyan coast on Friday, officials said.\n';
  const post = app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: posted },
  });
  await serverWaiting;
  // The write is waiting for the lock; the server still answers.
  const health = await app.inject('/api/health');
  assert.equal(health.statusCode, 200);
  holder.exec('COMMIT');
  holder.close();

  const res = await post;
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().id, contentHash(posted));
  const code = await ingest.done;
  assert.equal(code, 0, ingest.err);
  assert.match(ingest.out, /inserted\s+15/);

  const listed = await app.inject('/api/documents?limit=100');
  const ids = listed
    .json()
    .items.map((d: { id: string }) => d.id)
    .sort();
  assert.deepEqual(ids, [posted, ...texts].map((t) => contentHash(t)).sort());
  await app.close();
  await store.close();
});
