import { parentPort, workerData } from 'node:worker_threads';
import type { Repository } from '../repository.js';
import type { ReadReply, ReadTask, ReadWorkerData } from './read-task.js';
import { openSqliteRepository } from './sqlite-repository.js';

// One read thread of a SQLite store (read-workers.ts): its own connection to the file runs the
// server's queries, so a slow one (a search over a large store) never stops the server's thread.

const { path } = workerData as ReadWorkerData;
let store: Repository | undefined;

export default async function read(task: ReadTask): Promise<ReadReply> {
  store ??= openSqliteRepository(path);
  parentPort?.postMessage({ tidingsReading: task.id });
  try {
    const method = store[task.method] as (...args: unknown[]) => Promise<unknown>;
    return { ok: true, value: await method.apply(store, task.args) };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; code?: unknown };
    return {
      ok: false,
      error: {
        name: typeof e?.name === 'string' ? e.name : 'Error',
        message: typeof e?.message === 'string' ? e.message : String(error),
        code: typeof e?.code === 'string' ? e.code : null,
      },
    };
  }
}

/** Opens the connection before the first query arrives. */
export async function warm(): Promise<true> {
  store ??= openSqliteRepository(path);
  return true;
}
