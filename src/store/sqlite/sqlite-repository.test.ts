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

test('migration 16 keys the search index of a store written before it: the same pages as a new store', async () => {
  const file = join(dir, 'before-16.db');
  const fresh = await openStore(':memory:');
  const old = await openStore(`sqlite:${file}`);
  const days = ['2024-05-14', '2024-05-16T08:30:00Z', '2024-05-15', '2024-05-16'];
  for (let i = 0; i < 60; i++) {
    const words = ['a', 'b', 'c', 'd'].map((x) => `${x}${i}`).join(' ');
    const title = i % 5 === 0 ? `Harbour ${i}` : `Report ${i}`;
    const base = fakeAnalysis(`${title}\nAdvertisement\nThe harbour of ${words} reopened.\n`, `test:m/${i}`);
    const published = days[i % days.length] as string;
    const analysis = { ...base, published, source: { ...base.source, published } };
    await fresh.putDocument(analysis);
    await old.putDocument(analysis);
  }
  await old.close();
  // Back to version 15: no search keys (nor migration 17's event confidence), the full-text rows keyed by the documents' rowids.
  const raw = new Database(file);
  raw.exec(`
    CREATE TABLE fts_copy AS SELECT d.rowid AS rowid, d.title AS title, d.text AS text FROM documents d;
    DROP INDEX documents_by_search_key;
    ALTER TABLE documents DROP COLUMN search_key;
    ALTER TABLE events DROP COLUMN confidence;
    DELETE FROM documents_fts;
    UPDATE schema_version SET version = 15;
  `);
  // The old index under rowids, and the whole text in it: the migration must index the kept text, in
  // which the "Advertisement" line is removed.
  const put = raw.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
  for (const row of raw.prepare('SELECT rowid, title, text FROM fts_copy').all() as {
    rowid: number;
    title: string;
    text: string;
  }[]) {
    put.run(row.rowid, row.title, row.text);
  }
  raw.exec('DROP TABLE fts_copy');
  raw.close();
  const migrated = await openStore(`sqlite:${file}`);
  assert.equal((await migrated.stats()).schemaVersion, 17);
  for (const [q, offset] of [
    ['harbour', 0],
    ['harbour', 10],
    ['reopened', 40],
    ['advertisement', 0],
  ] as const) {
    const want = await fresh.listDocuments({ q, limit: 15, offset });
    const got = await migrated.listDocuments({ q, limit: 15, offset });
    assert.deepEqual(
      got.items.map((d) => d.id),
      want.items.map((d) => d.id),
      `${q} at ${offset}`,
    );
    assert.equal(got.total, want.total);
  }
  assert.equal((await migrated.listDocuments({ q: 'advertisement', limit: 5, offset: 0 })).total, 0);
  await migrated.close();
  await fresh.close();
});
