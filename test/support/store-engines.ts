// Both store engines for the shared store test suite. PostgreSQL is the server at
// TIDINGS_TEST_POSTGRES (default postgres://127.0.0.1:5432/test); every test store lives in a schema
// of its own with a random name, dropped when the store is closed, so parallel runs never collide.
// Without a server the PostgreSQL half is skipped loudly on a developer machine; under CI=true it fails.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import { type PostgresOptions, splitSchema } from '../../src/store/postgres/postgres-repository.js';
import type { Repository } from '../../src/store/repository.js';

export type Engine = 'sqlite' | 'postgres';

export const POSTGRES_TEST_URL = process.env.TIDINGS_TEST_POSTGRES || 'postgres://127.0.0.1:5432/test';

function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

let reachable: Promise<string | null> | undefined;

/** Null when the test server answers, else why not. */
export function postgresProblem(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({
      connectionString: splitSchema(POSTGRES_TEST_URL).connectionString,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${POSTGRES_TEST_URL} is not reachable (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** The engines to test: SQLite always, PostgreSQL when its server answers (and always under CI). */
export async function storeEngines(): Promise<Engine[]> {
  const problem = await postgresProblem();
  if (problem === null) return ['sqlite', 'postgres'];
  if (isCi()) throw new Error(`${problem}; under CI=true the PostgreSQL store tests must run (see .ci/run)`);
  console.warn(`\n!!! SKIPPED the PostgreSQL store tests: ${problem} !!!\n`);
  return ['sqlite'];
}

const sqliteDirs: string[] = [];
/** PostgreSQL schemas this process made and has not dropped yet: dropped when its tests end, pass or fail. */
const liveSchemas = new Set<string>();
after(async () => {
  for (const url of liveSchemas) await dropStoreUrl(url).catch(() => {});
});

/** A URL for a new, empty store of `engine` (a temporary file, or a fresh PostgreSQL schema). */
export function freshStoreUrl(engine: Engine): string {
  if (engine === 'postgres') {
    const url = new URL(POSTGRES_TEST_URL);
    url.searchParams.set('schema', `tidings_test_${randomBytes(6).toString('hex')}`);
    liveSchemas.add(url.toString());
    return url.toString();
  }
  const dir = mkdtempSync(join(tmpdir(), 'tidings-store-'));
  sqliteDirs.push(dir);
  return join(dir, 'store.db');
}

/** Removes what freshStoreUrl made: the PostgreSQL schema with its tables, or the SQLite folder. */
export async function dropStoreUrl(url: string): Promise<void> {
  if (url.startsWith('postgres')) {
    liveSchemas.delete(url);
    const { connectionString, schema } = splitSchema(url);
    if (!schema?.startsWith('tidings_test_')) throw new Error(`dropStoreUrl: not a test schema: ${url}`);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      // A store a failed test left inside a transaction must not hang the run: give up after a while.
      await client.query("SET lock_timeout = '10s'");
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
    return;
  }
  const dir = sqliteDirs.find((d) => url.startsWith(d));
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A fresh store of `engine`; closing it also drops it. */
export async function openTestStore(engine: Engine, options: PostgresOptions = {}): Promise<Repository> {
  const url = engine === 'sqlite' ? ':memory:' : freshStoreUrl(engine);
  const store = await openStore(url, options);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    if (engine === 'postgres') await dropStoreUrl(url);
  };
  return store;
}
