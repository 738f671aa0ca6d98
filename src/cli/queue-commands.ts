import { analyzeDoc } from '../pipeline.js';
import { getStatus } from '../services/query.js';
import { type EnqueueSummary, enqueueInputs, runWorker, type WorkerSummary } from '../services/work-queue.js';
import { readInputs } from '../stages/01-ingest/index.js';
import { displayStoreUrl, openStore } from '../store/index.js';
import type { StoreStatus } from '../store/repository.js';
import type { IngestOptions, Io } from './ingest-command.js';

/** `tidings ingest --enqueue`: reads and queues, analyses nothing; `tidings worker` does the rest. */
export async function runEnqueue(paths: string[], opts: IngestOptions, io: Io): Promise<EnqueueSummary> {
  const store = await openStore(opts.db);
  const started = performance.now();
  try {
    const summary = await enqueueInputs({
      store,
      inputs: readInputs(paths, {
        ...(opts.date ? { published: opts.date } : {}),
        ...(opts.stdinFormat ? { stdinFormat: opts.stdinFormat } : {}),
      }),
    });
    const seconds = (performance.now() - started) / 1000;
    io.out(
      `read ${summary.read} in ${seconds.toFixed(2)} s → ${displayStoreUrl(opts.db)}\n` +
        `  queued         ${summary.queued}\n  already queued ${summary.alreadyQueued}\n` +
        'run `tidings worker --db <the same store>` (as many as you like) to process them\n',
    );
    return summary;
  } finally {
    await store.close();
  }
}

export interface WorkerCommandOptions {
  db: string;
  batch: number;
  lease: number;
  maxAttempts: number;
  exitWhenEmpty?: boolean;
  quiet?: boolean;
}

/** `tidings worker`: processes queued documents until stopped (SIGINT/SIGTERM finish the batch in hand). */
export async function runWorkerCommand(opts: WorkerCommandOptions, io: Io): Promise<WorkerSummary> {
  const store = await openStore(opts.db);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  let reported = 0;
  try {
    const summary = await runWorker({
      store,
      analyze: analyzeDoc,
      batchSize: opts.batch,
      leaseMs: opts.lease * 1000,
      maxAttempts: opts.maxAttempts,
      ...(opts.exitWhenEmpty ? { exitWhenEmpty: true } : {}),
      signal: stop.signal,
      onBatch: (s) => {
        const finished = s.itemIds.length;
        if (opts.quiet || finished - reported < 500) return;
        reported = finished;
        const rate = finished / ((performance.now() - started) / 1000);
        io.err(`worker: ${finished} finished (${Math.round(rate)}/s)\n`);
      },
      onStoreError: (error, waitMs) => {
        io.err(`worker: the store failed (${error.message}); trying again in ${waitMs} ms\n`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    io.out(
      `worker finished ${summary.itemIds.length} in ${seconds.toFixed(2)} s → ${displayStoreUrl(opts.db)}\n` +
        `  inserted   ${summary.inserted}\n  duplicates ${summary.duplicates}\n` +
        `  rejected   ${summary.rejected}\n  failed     ${summary.failed}\n` +
        `  lost       ${summary.lost} (leases that lapsed; other workers have them)\n`,
    );
    return summary;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

/** `tidings status`: one object — documents stored, and what became of every queued input. */
export async function runStatus(opts: { db: string; json?: boolean }, io: Io): Promise<StoreStatus> {
  const store = await openStore(opts.db);
  try {
    const status = await getStatus(store);
    if (opts.json) io.out(`${JSON.stringify(status)}\n`);
    else {
      const width = Math.max(...Object.keys(status).map((k) => k.length));
      io.out(
        `${Object.entries(status)
          .map(([k, v]) => `${k.padEnd(width)}  ${v}`)
          .join('\n')}\n`,
      );
    }
    return status;
  } finally {
    await store.close();
  }
}
