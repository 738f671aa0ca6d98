import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildProgram } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { splitSchema } from '../../src/store/postgres/postgres-repository.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { dropStoreUrl, type Engine, freshStoreUrl, storeEngines } from '../support/store-engines.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: () => {} });
  await program.parseAsync(['node', 'tidings', ...args]);
  return out.join('');
}

/** A store left at `version` by an older build: the first migrations applied, as that build did. */
async function olderStore(engine: Engine, version: number): Promise<string> {
  if (engine === 'sqlite') {
    const path = join(dir, `older-${version}.db`);
    const db = new Database(path);
    for (const sql of SQLITE_MIGRATIONS.slice(0, version)) db.exec(sql);
    db.exec(
      `CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${version})`,
    );
    db.close();
    return path;
  }
  const url = freshStoreUrl(engine);
  const { connectionString, schema } = splitSchema(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
    for (const sql of POSTGRES_MIGRATIONS.slice(0, version)) await client.query(sql);
    await client.query(
      `CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${version})`,
    );
  } finally {
    await client.end();
  }
  return url;
}

async function versionOf(url: string): Promise<number> {
  const store = await openStore(url);
  const { schemaVersion } = await store.stats();
  await store.close();
  return schemaVersion;
}

for (const engine of await storeEngines()) {
  test(`${engine}: migrate says what it will apply, --dry-run changes nothing, then it applies`, async () => {
    const latest = SQLITE_MIGRATIONS.length;
    const url = await olderStore(engine, 2);
    const dry = await run('migrate', '--db', url, '--dry-run');
    assert.match(dry, new RegExp(`schema version 2; this build brings it to ${latest}`));
    assert.match(dry, /would apply:\n {2}3 {2}add column queue\.source\n/);
    assert.match(dry, /\n {2}4 {2}create table raw_inputs; add column queue\.blocks/);
    assert.match(dry, /nothing changed/);

    const applied = await run('migrate', '--db', url);
    assert.match(applied, /applying:/);
    assert.match(applied, new RegExp(`done: schema version ${latest}`));
    assert.equal(await versionOf(url), latest);
    assert.match(await run('migrate', '--db', url), new RegExp(`schema version ${latest}, up to date`));
    await dropStoreUrl(url);
  });

  test(`${engine}: a store written by a newer Tidings is refused by migrate and by every command`, async () => {
    const url = await olderStore(engine, SQLITE_MIGRATIONS.length);
    if (engine === 'sqlite') {
      const db = new Database(url);
      db.exec('UPDATE schema_version SET version = 999');
      db.close();
    } else {
      const { connectionString, schema } = splitSchema(url);
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`UPDATE ${schema}.schema_version SET version = 999`);
      await client.end();
    }
    await assert.rejects(
      run('migrate', '--db', url, '--dry-run'),
      /schema version 999, newer than this build knows .*written by a newer Tidings/,
    );
    await assert.rejects(run('status', '--db', url), /schema version 999, newer than this build/);
    await dropStoreUrl(url);
  });
}

test('migrate on a path with no store yet says it will create one', async () => {
  const path = join(dir, 'new.db');
  assert.match(
    await run('migrate', '--db', path, '--dry-run'),
    /no store yet; this build creates it at schema version/,
  );
  assert.match(await run('migrate', '--db', path), /done: schema version/);
});
