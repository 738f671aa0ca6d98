import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Repository } from '../repository.js';
import {
  OFFLOADED_READS,
  type OffloadedRead,
  type ReadingMessage,
  type ReadReply,
  type ReadTask,
} from './read-task.js';

export interface ReadWorkerOptions {
  /** Read threads (default: the cores less one, 1 or 2). */
  workers?: number;
  /** Queries that may wait for a thread (default 64); one more fails with StoreUnavailableError. */
  maxQueue?: number;
  /** A query still running after this long (default 30 s) is stopped and fails with StoreUnavailableError. */
  timeoutMs?: number;
  /** Called when a read thread starts a query (for logs and tests). */
  onQueryStart?: (method: OffloadedRead) => void;
}

/** A query the store would not run now (too many waiting) or stopped (it ran too long). */
export class StoreUnavailableError extends Error {
  readonly code: 'STORE_QUEUE_FULL' | 'STORE_QUERY_TIMEOUT';
  /** When retrying later can help, a fair pause in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(code: StoreUnavailableError['code'], message: string, retryAfterSeconds: number | null) {
    super(message);
    this.name = 'StoreUnavailableError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// Under tsx the sources run as .ts; built, as .js: the worker is the sibling with the same extension.
const here = fileURLToPath(import.meta.url);
const WORKER_FILE = join(dirname(here), `read-worker${extname(here)}`);

/**
 * SQLite answers synchronously, on the thread that asks: a search or an event count over a large
 * store would stop a server from answering anything else meanwhile. This runs the store's queries
 * (OFFLOADED_READS: pages and counts, small to pass back) in worker threads with their own
 * connections to the file — WAL readers never wait for writers — and everything else on `store`.
 * `getDocument` stays here: a whole analysis costs more to copy between threads than to parse.
 */
export async function withReadWorkers(
  store: Repository,
  path: string,
  options: ReadWorkerOptions = {},
): Promise<Repository> {
  const workers = options.workers ?? Math.min(2, Math.max(1, availableParallelism() - 1));
  const maxQueue = options.maxQueue ?? 64;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new Piscina({
    filename: WORKER_FILE,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { path },
  });
  const running = new Map<
    number,
    { method: OffloadedRead; controller: AbortController; timer?: ReturnType<typeof setTimeout> }
  >();
  const timedOut = new Set<number>();
  let nextId = 1;
  pool.on('message', (message: ReadingMessage) => {
    const id = message?.tidingsReading;
    const task = running.get(id);
    if (!task) return;
    task.timer = setTimeout(() => {
      timedOut.add(id);
      task.controller.abort();
    }, timeoutMs);
    options.onQueryStart?.(task.method);
  });
  pool.on('error', (error: unknown) => {
    process.stderr.write(`${JSON.stringify({ level: 'error', message: `read worker: ${String(error)}` })}\n`);
  });
  try {
    await Promise.all(Array.from({ length: workers }, () => pool.run(null, { name: 'warm' })));
  } catch (error) {
    await pool.destroy();
    throw new Error(`the store's read workers did not start: ${(error as Error).message}`, { cause: error });
  }

  const read = async (method: OffloadedRead, args: unknown[]): Promise<unknown> => {
    if (running.size >= workers + maxQueue) {
      throw new StoreUnavailableError(
        'STORE_QUEUE_FULL',
        `${running.size} queries are already running or waiting`,
        Math.max(1, Math.ceil(running.size / workers)),
      );
    }
    const id = nextId++;
    const controller = new AbortController();
    running.set(id, { method, controller });
    let reply: ReadReply;
    try {
      reply = (await pool.run({ id, method, args } satisfies ReadTask, {
        signal: controller.signal,
      })) as ReadReply;
    } catch (error) {
      if (timedOut.delete(id)) {
        throw new StoreUnavailableError(
          'STORE_QUERY_TIMEOUT',
          `the query ran longer than ${timeoutMs / 1000} s and was stopped`,
          null,
        );
      }
      throw error;
    } finally {
      clearTimeout(running.get(id)?.timer);
      running.delete(id);
    }
    if (reply.ok) return reply.value;
    const error = new Error(reply.error.message) as Error & { code?: string };
    error.name = reply.error.name;
    if (reply.error.code) error.code = reply.error.code;
    throw error;
  };

  const offloaded = Object.fromEntries(
    OFFLOADED_READS.map((method) => [method, (...args: unknown[]) => read(method, args)]),
  ) as Pick<Repository, OffloadedRead>;
  return {
    putDocument: (analysis) => store.putDocument(analysis),
    putRejected: (input) => store.putRejected(input),
    putMany: (entries) => store.putMany(entries),
    listRecodable: (query) => store.listRecodable(query),
    pipelineVersions: () => store.pipelineVersions(),
    recodeDocument: (analysis, pipeline) => store.recodeDocument(analysis, pipeline),
    getDocument: (id) => store.getDocument(id),
    getRaw: (docId) => store.getRaw(docId),
    exportDocuments: (page) => store.exportDocuments(page),
    // An indexed read of a few rows, asked every second: not worth a thread hop.
    listStoredSince: (query) => store.listStoredSince(query),
    enqueue: (inputs) => store.enqueue(inputs),
    claim: (claim) => store.claim(claim),
    complete: (token, done) => store.complete(token, done),
    fail: (token, itemId, reason) => store.fail(token, itemId, reason),
    release: (token) => store.release(token),
    // Indexed reads of one entity's rows, and writes: on the store's own connection.
    getEntity: (id) => store.getEntity(id),
    listEntityOverrides: () => store.listEntityOverrides(),
    changeEntities: (change) => store.changeEntities(change),
    ...offloaded,
    close: async () => {
      for (const task of running.values()) clearTimeout(task.timer);
      await pool.destroy();
      await store.close();
    },
  };
}
