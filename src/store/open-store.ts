import type { Repository } from './repository.js';
import { openSqliteRepository, type SqliteOptions } from './sqlite/sqlite-repository.js';

/**
 * Opens a store from a URL: `sqlite:path`, `sqlite::memory:`, `:memory:` or a plain file path
 * open SQLite; `postgres://…` is reserved for the PostgreSQL engine (a later issue).
 */
export function openStore(url: string, options: SqliteOptions = {}): Repository {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new TypeError(
      `openStore: expected a store URL such as "sqlite:tidings.db" or ":memory:", instead found ${JSON.stringify(url)}`,
    );
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(
      'openStore: PostgreSQL storage is not yet implemented (tracked as the "PostgreSQL repository" issue); ' +
        'use "sqlite:<file>" for now',
    );
  }
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (path === '') throw new TypeError('openStore: "sqlite:" needs a file path or ":memory:" after it');
  return openSqliteRepository(path, options);
}
