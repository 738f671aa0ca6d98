import { openPostgresRepository, type PostgresOptions } from './postgres/postgres-repository.js';
import type { Repository } from './repository.js';
import { type ReadWorkerOptions, withReadWorkers } from './sqlite/read-workers.js';
import { openSqliteRepository, type SqliteOptions } from './sqlite/sqlite-repository.js';

/** Options of either engine; each reads its own. */
export type OpenStoreOptions = SqliteOptions &
  PostgresOptions & {
    /**
     * SQLite files only: run the queries in worker threads (read-workers.ts), so a slow one never stops
     * the caller's thread — what a server wants. PostgreSQL queries never block the thread anyway.
     */
    readWorkers?: boolean | ReadWorkerOptions;
  };

/** A store URL fit to print: a PostgreSQL password is masked. */
export function displayStoreUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** True for a URL that names a PostgreSQL store. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens a store from a URL: `postgres://user@host:port/db[?schema=name]` opens PostgreSQL;
 * `sqlite:path`, `sqlite::memory:`, `:memory:` or a plain file path open SQLite. Either is
 * created and migrated when needed.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Repository> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new TypeError(
      `openStore: expected a store URL such as "sqlite:tidings.db", ":memory:" or "postgres://host/db", instead found ${JSON.stringify(url)}`,
    );
  }
  if (isPostgresUrl(url)) return openPostgresRepository(url, options);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (path === '') throw new TypeError('openStore: "sqlite:" needs a file path or ":memory:" after it');
  const store = openSqliteRepository(path, options);
  if (!options.readWorkers || path === ':memory:') return store;
  try {
    return await withReadWorkers(store, path, options.readWorkers === true ? {} : options.readWorkers);
  } catch (error) {
    await store.close();
    throw error;
  }
}
