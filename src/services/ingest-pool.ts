import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Diagnostic } from '../core/doc.js';
import type { IngestInput } from './ingest-batch.js';
import type { DocumentIngester, IngestOneResult } from './ingest-one.js';
import {
  ANALYSING,
  type AnalysingMessage,
  type IngestTask,
  QUEUED,
  STORING,
  TIMED_OUT,
  type WorkerData,
  type WorkerReply,
} from './ingest-task.js';

export interface IngestPoolOptions {
  /** The store file (or `sqlite:` URL); each worker opens its own connection, so not `:memory:`. */
  db: string;
  /** Worker threads (default: the cores less one for the server, between 1 and 4). */
  workers?: number;
  /** Documents that may wait for a worker (default 16); one more is refused with AnalysisQueueFullError. */
  maxQueue?: number;
  /** A document's analysis is stopped after this long (default 60 s) and the document stored as rejected. */
  timeoutMs?: number;
  /** Heap limit of each worker (default 2048 MB): a document that needs more ends its worker, not the server. */
  maxMemoryMb?: number;
  /** How long a worker's write retries while another process holds the store's lock (see SqliteOptions). */
  writeRetryMs?: number;
  /** A module whose `analyzeDoc` export the workers use instead of the pipeline's (tests). */
  analyzeModule?: string | URL;
}

/** Every worker is busy and the waiting line is full: nothing was analysed or stored; retry later. */
export class AnalysisQueueFullError extends Error {
  readonly code = 'ANALYSIS_QUEUE_FULL';
  /** A fair pause before retrying, in seconds. */
  readonly retryAfterSeconds: number;

  constructor(waiting: number, retryAfterSeconds: number) {
    super(`all analysis workers are busy and ${waiting} documents are already waiting`);
    this.name = 'AnalysisQueueFullError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// Under tsx the sources run as .ts; built, as .js: the worker is the sibling with the same extension.
const here = fileURLToPath(import.meta.url);
const WORKER_FILE = join(dirname(here), `ingest-worker${extname(here)}`);

const STATE_NAMES = ['queued', 'analysing', 'storing', 'timed out'];

interface Pending {
  state: Int32Array;
  controller: AbortController;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * A pool of worker threads that analyse and store POSTed documents, so the server's thread stays free
 * for other requests however long an analysis takes. The waiting line is bounded, a runaway analysis
 * is stopped after `timeoutMs` (its worker is replaced), and a worker that dies (out of memory) costs
 * only that document: both are stored as rejected with a diagnostic, as a failed analysis is.
 * Resolves once every worker has loaded the pipeline and opened the store.
 */
export async function createIngestPool(options: IngestPoolOptions): Promise<DocumentIngester> {
  if (/^(sqlite:)?:memory:$/.test(options.db)) {
    throw new TypeError(
      'createIngestPool: worker threads cannot share an in-memory store; give a file, or use inlineIngester',
    );
  }
  const workers = options.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  const maxQueue = options.maxQueue ?? 16;
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const [name, value, min] of [
    ['workers', workers, 1],
    ['maxQueue', maxQueue, 0],
    ['timeoutMs', timeoutMs, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`createIngestPool: ${name} must be an integer ≥ ${min}, instead found ${value}`);
    }
  }
  const data: WorkerData = {
    db: options.db,
    ...(options.writeRetryMs !== undefined ? { writeRetryMs: options.writeRetryMs } : {}),
    ...(options.analyzeModule ? { analyzeModule: String(options.analyzeModule) } : {}),
  };
  const pool = new Piscina({
    filename: WORKER_FILE,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    // The line is bounded below, where the task's state is known; tasks are long, so no spinning wait.
    atomics: 'disabled',
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 2048 },
    workerData: data,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  pool.on('message', (message: AnalysingMessage) => {
    const task = pending.get(message?.tidingsAnalysing);
    if (!task) return;
    task.timer = setTimeout(() => {
      // Only an analysis still running is stopped; one already storing finishes.
      if (Atomics.compareExchange(task.state, 0, ANALYSING, TIMED_OUT) === ANALYSING) task.controller.abort();
    }, timeoutMs);
  });
  // Piscina reports a worker that failed outside any task here; its tasks are failed separately.
  pool.on('error', (error: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ level: 'error', message: `analysis worker: ${String(error)}` })}\n`,
    );
  });

  try {
    await Promise.all(Array.from({ length: workers }, () => pool.run(null, { name: 'warm' })));
  } catch (error) {
    await pool.destroy();
    throw new Error(`createIngestPool: the analysis workers did not start: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const keepRejected = async (input: IngestInput, diagnostic: Diagnostic): Promise<IngestOneResult> => {
    const reply = (await pool.run(
      { input, diagnostics: [...input.doc.diagnostics, diagnostic] },
      { name: 'storeRejected' },
    )) as WorkerReply;
    return outcome(reply);
  };

  const count = (state: number) => {
    let n = 0;
    for (const task of pending.values()) if (Atomics.load(task.state, 0) === state) n++;
    return n;
  };

  return {
    async ingest(input) {
      if (closed) throw new Error('the ingest pool is closed');
      if (pending.size >= workers + maxQueue) {
        throw new AnalysisQueueFullError(count(QUEUED), Math.max(1, Math.ceil(pending.size / workers)));
      }
      const id = nextId++;
      const task: Pending = {
        state: new Int32Array(new SharedArrayBuffer(4)),
        controller: new AbortController(),
      };
      pending.set(id, task);
      let reply: WorkerReply | undefined;
      let failure: unknown;
      try {
        reply = (await pool.run({ id, input, state: task.state } satisfies IngestTask, {
          signal: task.controller.signal,
        })) as WorkerReply;
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(task.timer);
        pending.delete(id);
      }
      const state = Atomics.load(task.state, 0);
      if (state === TIMED_OUT) {
        return keepRejected(input, {
          ruleId: 'service:analyze-timeout',
          severity: 'error',
          reason: `analysis did not finish within ${formatSeconds(timeoutMs)} and was stopped`,
        });
      }
      if (reply) return outcome(reply);
      if (state === ANALYSING && !closed) {
        // The worker died while analysing (out of memory, a crash): that document cannot be analysed here.
        const message = failure instanceof Error ? failure.message : String(failure);
        return keepRejected(input, {
          ruleId: 'service:analyze-failed',
          severity: 'error',
          reason: `analysis failed: its worker stopped (${message})`,
        });
      }
      throw new Error(`the analysis worker failed while the document was ${STATE_NAMES[state]}`, {
        cause: failure,
      });
    },
    stats: () => ({
      workers,
      running: count(ANALYSING) + count(STORING),
      queued: count(QUEUED),
      maxQueue,
    }),
    async close() {
      if (closed) return;
      closed = true;
      for (const task of pending.values()) clearTimeout(task.timer);
      await pool.destroy();
    },
  };
}

function outcome(reply: WorkerReply): IngestOneResult {
  if (reply.kind === 'stored') return reply.result;
  if (reply.kind === 'failed') {
    // Rebuilt with its name and code, so the API still tells "the store is busy" (503) from a bug (500).
    const error = new Error(reply.error.message) as Error & { code?: string };
    error.name = reply.error.name;
    if (reply.error.code) error.code = reply.error.code;
    throw error;
  }
  throw new Error('the analysis worker stopped a task the pool did not stop');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
