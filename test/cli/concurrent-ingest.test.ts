import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { contentHash } from '../../src/core/hash.js';
import { openStore } from '../../src/store/open-store.js';
import { INGEST_WAITING, startTidings, stderrShows, type TidingsChild } from '../support/tidings-child.js';

// Two `tidings ingest` processes on one SQLite file: each must wait for the other's write lock
// rather than abort, and every document must land exactly once.
const dir = mkdtempSync(join(tmpdir(), 'tidings-concurrent-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function ingest(folder: string, db: string): TidingsChild {
  return startTidings(['ingest', folder, '--db', db]);
}

/** `n` articles in a new folder; `shared` is written into every folder, so it is offered twice. */
function folder(name: string, n: number, shared: string): { path: string; texts: string[] } {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  const texts = [shared];
  writeFileSync(join(path, 'shared.txt'), shared);
  for (let i = 0; i < n; i++) {
    const text = `Talks ${name} ${i}\n\nKenyan officials met Ethiopian envoys in Nairobi on Wednesday, round ${i} of the ${name} series.\n`;
    writeFileSync(join(path, `${i}.txt`), text);
    texts.push(text);
  }
  return { path, texts };
}

function storedIds(db: string): Map<string, number> {
  const raw = new Database(db, { readonly: true });
  const rows = raw.prepare('SELECT id, count(*) AS n FROM documents GROUP BY id').all() as {
    id: string;
    n: number;
  }[];
  raw.close();
  return new Map(rows.map((r) => [r.id, r.n]));
}

function assertStoredOnce(db: string, texts: string[]): void {
  const expected = new Map([...new Set(texts)].map((t) => [contentHash(t), 1]));
  assert.deepEqual(storedIds(db), expected);
}

function assertSummary(run: TidingsChild, code: number | null, processed: number): void {
  assert.equal(code, 0, `exit ${code}\n${run.err}`);
  assert.match(run.out, new RegExp(`processed ${processed} in`));
  assert.match(run.out, /rejected\s+0/);
}

test('two ingests that start together on a new file both finish, each document stored once', async () => {
  const shared =
    'Summit opens\n\nLeaders from Kenya and Ethiopia opened a summit in Addis Ababa on Monday.\n';
  const a = folder('fresh-a', 30, shared);
  const b = folder('fresh-b', 30, shared);
  const db = join(dir, 'fresh.db');
  const [one, two] = [ingest(a.path, db), ingest(b.path, db)];
  const [codeOne, codeTwo] = await Promise.all([one.done, two.done]);
  assertSummary(one, codeOne, 31);
  assertSummary(two, codeTwo, 31);
  assertStoredOnce(db, [...a.texts, ...b.texts]);
});

test('two ingests both wait while another writer holds the lock, then both finish', async () => {
  const shared = 'Ceasefire holds\n\nThe ceasefire between the two sides held on Sunday, officials said.\n';
  const a = folder('locked-a', 20, shared);
  const b = folder('locked-b', 20, shared);
  const db = join(dir, 'locked.db');
  await (await openStore(db)).close();
  const holder = new Database(db);
  holder.exec('BEGIN IMMEDIATE');
  holder.exec('INSERT INTO schema_version SELECT version FROM schema_version WHERE 0');

  const runs = [ingest(a.path, db), ingest(b.path, db)];
  // Both are blocked on the lock now (or ended, which the asserts below report).
  await Promise.all(runs.map((r) => stderrShows(r, INGEST_WAITING)));
  holder.exec('COMMIT');
  holder.close();
  const codes = await Promise.all(runs.map((r) => r.done));

  runs.forEach((run, i) => {
    assert.match(run.err, INGEST_WAITING);
    assertSummary(run, codes[i] ?? null, 21);
  });
  const inserted = runs.map((r) => Number(/inserted\s+(\d+)/.exec(r.out)?.[1]));
  const duplicates = runs.map((r) => Number(/duplicates\s+(\d+)/.exec(r.out)?.[1]));
  assert.equal((inserted[0] ?? 0) + (inserted[1] ?? 0), 41, 'the shared document is inserted by one of them');
  assert.equal((duplicates[0] ?? 0) + (duplicates[1] ?? 0), 1);
  assertStoredOnce(db, [...a.texts, ...b.texts]);
});
