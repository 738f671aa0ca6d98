export { firstDayOf, isDateBound, lastDayOf } from './dates.js';
export { openStore } from './open-store.js';
export type * from './repository.js';
export { isStoreBusy, StoreBusyError } from './repository.js';
export {
  type BusyWait,
  migrate,
  openSqliteRepository,
  type SqliteOptions,
} from './sqlite/sqlite-repository.js';
