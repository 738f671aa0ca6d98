import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { analyze } from '../../pipeline.js';
import { openStore } from '../open-store.js';
import { isStoreBusy } from '../repository.js';
import type { BusyWait } from './sqlite-repository.js';

// Two connections to one file stand for two processes: SQLite locks the file, not the process.
const dir = mkdtempSync(join(tmpdir(), 'tidings-writers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const first = analyze('Talks in Geneva\n\nRussia met China in Geneva on Monday.\n', { uri: 'test:first' });
const second = analyze('Ports close\n\nA storm closed ports along the coast on Friday.\n', {
  uri: 'test:second',
});

/** Another writer: holds the file's write lock from `BEGIN IMMEDIATE` until `release()`. */
function holdWriteLock(file: string): { release: () => void } {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  other.exec('INSERT INTO schema_version SELECT version FROM schema_version WHERE 0');
  return {
    release: () => {
      other.exec('COMMIT');
      other.close();
    },
  };
}

function countDocuments(file: string): Map<string, number> {
  const raw = new Database(file, { readonly: true });
  const rows = raw.prepare('SELECT id, count(*) AS n FROM documents GROUP BY id').all() as {
    id: string;
    n: number;
  }[];
  raw.close();
  return new Map(rows.map((r) => [r.id, r.n]));
}

describe('sqlite store: another writer holds the lock', () => {
  test('a write waits without blocking the thread, and lands once the lock is released', async () => {
    const file = join(dir, 'wait.db');
    const waits: BusyWait[] = [];
    let lock: { release: () => void } | undefined;
    const store = await openStore(file, {
      onBusy: (wait) => {
        waits.push(wait);
        // Released from this same thread: possible only if the store's wait does not block it.
        if (waits.length === 1) setImmediate(() => lock?.release());
      },
    });
    await store.putDocument(first);
    lock = holdWriteLock(file);

    const results = await store.putMany([
      { kind: 'document', analysis: second },
      { kind: 'document', analysis: first },
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['inserted', 'duplicate'],
    );
    assert.ok(waits.length >= 1, 'the write found the database locked and retried');
    await store.close();
    assert.deepEqual(
      countDocuments(file),
      new Map([
        [first.id, 1],
        [second.id, 1],
      ]),
    );
  });

  test('past the retry budget the write fails as busy, stores nothing, and a later retry succeeds', async () => {
    const file = join(dir, 'budget.db');
    const store = await openStore(file, { writeRetryMs: 200 });
    const lock = holdWriteLock(file);
    await assert.rejects(store.putDocument(first), (error: Error & { code?: string }) => {
      assert.ok(isStoreBusy(error), String(error));
      assert.match(error.code ?? '', /^SQLITE_BUSY/);
      assert.match(error.message, /locked by another writer/);
      return true;
    });
    lock.release();
    assert.equal(countDocuments(file).size, 0);
    assert.equal((await store.putDocument(first)).status, 'inserted');
    await store.close();
  });

  test('opening an up-to-date store needs no write lock', async () => {
    const file = join(dir, 'open.db');
    await (await openStore(file)).close();
    const lock = holdWriteLock(file);
    try {
      const store = await openStore(file, { writeRetryMs: 200 });
      assert.equal((await store.stats()).documents, 0);
      await store.close();
    } finally {
      lock.release();
    }
  });
});
