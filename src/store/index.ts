export { firstDayOf, isDateBound, lastDayOf } from './dates.js';
export { displayStoreUrl, isPostgresUrl, type OpenStoreOptions, openStore } from './open-store.js';
export { openPostgresRepository, type PostgresOptions } from './postgres/postgres-repository.js';
export type * from './repository.js';
export { isStoreBusy, StoreBusyError } from './repository.js';
export { type ReadWorkerOptions, StoreUnavailableError, withReadWorkers } from './sqlite/read-workers.js';
export {
  type BusyWait,
  migrate,
  openSqliteRepository,
  type SqliteOptions,
} from './sqlite/sqlite-repository.js';
