// SQLite-only behaviour; everything both engines share is in ../store.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { fakeAnalysis } from '../../../test/support/fake-analyze.js';
import { openStore } from '../open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a file store runs in WAL mode with one schema_version row', async () => {
  const file = join(dir, 'wal.db');
  const store = await openStore(`sqlite:${file}`);
  await store.putDocument(fakeAnalysis());
  await store.close();
  const raw = new Database(file, { readonly: true });
  assert.equal((raw.prepare('SELECT count(*) AS n FROM schema_version').get() as { n: number }).n, 1);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
});

test('refuses a database from a newer build', async () => {
  const file = join(dir, 'future.db');
  const raw = new Database(file);
  raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999)');
  raw.close();
  await assert.rejects(openStore(file), /schema version 999/);
});
