import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Doc } from '../core/doc.js';
import type {
  ClaimedItem,
  CompletedItem,
  CompleteResult,
  QueueInput,
  Repository,
} from '../store/repository.js';
import { type Analyze, type IngestInput, prepareEntry, storedRaw } from './ingest-batch.js';

/**
 * The work queue: `ingest --enqueue` only reads and queues; any number of workers, on any number of
 * machines, claim batches, analyse them and store the results. Claims carry a lease: a worker that
 * dies leaves its items to come back once the lease lapses. Processing is at least once (an item
 * may be analysed again after a lapse), results are exactly once: a document is keyed by its
 * content, and an item is marked done in the same transaction that stores it, only by the claim
 * that still holds it.
 */

export interface EnqueueSummary {
  read: number;
  queued: number;
  alreadyQueued: number;
}

/** What ingest read, as it waits in the queue (the raw bytes of a rejected input travel as their hash). */
export function toQueueInput(input: IngestInput): QueueInput {
  const { doc } = input;
  const queued: QueueInput = {
    source: doc.source,
    text: doc.text,
    diagnostics: doc.diagnostics,
    rejected: doc.rejected === true,
  };
  if (doc.text === '' && input.bytes)
    queued.bytesHash = createHash('sha256').update(input.bytes).digest('hex');
  if (doc.blocks && doc.blocks.length > 0) queued.blocks = doc.blocks;
  const raw = storedRaw(input.raw);
  if (raw) queued.raw = raw;
  return queued;
}

/** A claimed item, back as the input ingest would have handed the analysis. */
export function toIngestInput(item: ClaimedItem): IngestInput {
  const doc: Doc = { source: item.source, text: item.text, diagnostics: item.diagnostics };
  if (item.rejected) doc.rejected = true;
  if (item.blocks) doc.blocks = item.blocks;
  const input: IngestInput = item.bytesHash ? { doc, bytesHash: item.bytesHash } : { doc };
  if (item.raw) input.raw = { mediaType: item.raw.mediaType, gzip: item.raw.gzip };
  return input;
}

export interface EnqueueOptions {
  store: Repository;
  inputs: AsyncIterable<IngestInput> | Iterable<IngestInput>;
  /** Inputs per transaction (default 500). */
  chunkSize?: number;
  onProgress?: (summary: Readonly<EnqueueSummary>) => void;
}

/** Queues a stream of inputs for the workers, a chunk at a time; nothing is analysed here. */
export async function enqueueInputs(options: EnqueueOptions): Promise<EnqueueSummary> {
  const { store, inputs, onProgress } = options;
  const chunkSize = options.chunkSize ?? 500;
  const summary: EnqueueSummary = { read: 0, queued: 0, alreadyQueued: 0 };
  let chunk: QueueInput[] = [];
  let chars = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    for (const result of await store.enqueue(chunk)) {
      summary.read++;
      if (result.status === 'queued') summary.queued++;
      else summary.alreadyQueued++;
    }
    chunk = [];
    chars = 0;
    onProgress?.(summary);
  };
  for await (const input of inputs) {
    const queued = toQueueInput(input);
    chunk.push(queued);
    chars += queued.text.length;
    // Bounded by size as well as count, so a chunk of long articles stays a modest transaction.
    if (chunk.length >= chunkSize || chars >= 8_000_000) await flush();
  }
  await flush();
  return summary;
}

export interface WorkerOptions {
  store: Repository;
  analyze: Analyze;
  /** Who is working, for people reading the queue (default host:pid). */
  worker?: string;
  /** Items per claim (default 50). */
  batchSize?: number;
  /** How long a claim holds its items (default 120 s): longer than analysing one batch can take. */
  leaseMs?: number;
  /** Claims an item may have before it is failed as one that kills or stalls workers (default 3). */
  maxAttempts?: number;
  /** Pause when nothing is claimable (default 1 s). */
  idleMs?: number;
  /** Stop once nothing is pending any more (claimed items included); otherwise wait for more work. */
  exitWhenEmpty?: boolean;
  /** Stops the worker after the batch in hand is stored. */
  signal?: AbortSignal;
  /** How long the store may keep failing (down, restarting) before the worker gives up (default 60 s). */
  storeRetryMs?: number;
  /** After each batch. */
  onBatch?: (summary: Readonly<WorkerSummary>) => void;
  /** When the store fails and the worker waits to try again. */
  onStoreError?: (error: Error, waitMs: number) => void;
}

export interface WorkerSummary {
  /** Items this worker claimed, and what became of them. */
  claimed: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  failed: number;
  /** Items whose lease lapsed before this worker stored them (another worker has them). */
  lost: number;
  /** Ids of the items this worker finished (done or failed), in order. */
  itemIds: number[];
}

/** Claims, analyses and stores batches until stopped (or, with exitWhenEmpty, until nothing is pending). */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { store, analyze, signal } = options;
  const claimOptions = {
    worker: options.worker ?? `${hostname()}:${process.pid}`,
    limit: options.batchSize ?? 50,
    leaseMs: options.leaseMs ?? 120_000,
    maxAttempts: options.maxAttempts ?? 3,
  };
  const idleMs = options.idleMs ?? 1000;
  const summary: WorkerSummary = {
    claimed: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    failed: 0,
    lost: 0,
    itemIds: [],
  };
  const retry = storeRetry(options);
  while (!signal?.aborted) {
    const claim = await retry(() => store.claim(claimOptions));
    if (claim.items.length === 0) {
      if (options.exitWhenEmpty && (await retry(() => store.status())).pending === 0) break;
      await sleep(idleMs, undefined, signal ? { signal } : {}).catch(() => {});
      continue;
    }
    summary.claimed += claim.items.length;
    const done: CompletedItem[] = claim.items.map((item) => ({
      itemId: item.id,
      entry: prepareEntry(toIngestInput(item), analyze).entry,
    }));
    await storeBatch(store, claim.token, done, summary, retry);
    options.onBatch?.(summary);
  }
  return summary;
}

/**
 * Stores a batch in one transaction; when that fails, item by item, so one item the store refuses
 * is failed with the reason and the rest are stored.
 */
async function storeBatch(
  store: Repository,
  token: string,
  done: CompletedItem[],
  summary: WorkerSummary,
  retry: Retry,
): Promise<void> {
  let results: { itemId: number; status: CompleteResult['status'] | 'failed' }[];
  try {
    // A store that is down or restarting is waited for; nothing of the batch is failed for it.
    results = await retry(() => store.complete(token, done), isUnreachable);
  } catch (error) {
    if (isUnreachable(error)) throw error;
    results = [];
    for (const item of done) {
      try {
        results.push(...(await store.complete(token, [item])));
      } catch (error) {
        const reason = `could not be stored: ${(error as Error).message}`;
        const failed = await retry(() => store.fail(token, item.itemId, reason));
        results.push({ itemId: item.itemId, status: failed ? 'failed' : 'lost' });
      }
    }
  }
  for (const r of results) {
    if (r.status === 'lost') {
      summary.lost++;
      continue;
    }
    summary.itemIds.push(r.itemId);
    if (r.status === 'inserted') summary.inserted++;
    else if (r.status === 'duplicate') summary.duplicates++;
    else if (r.status === 'rejected') summary.rejected++;
    else summary.failed++;
  }
}

type Retry = <T>(work: () => Promise<T>, when?: (error: unknown) => boolean) => Promise<T>;

/**
 * Retries a store call with growing pauses, up to storeRetryMs: by default on any error (claims and
 * status only read or take work), or only on the errors `when` accepts.
 */
function storeRetry(options: WorkerOptions): Retry {
  const limitMs = options.storeRetryMs ?? 60_000;
  return async (work, when = () => true) => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const waitMs = Math.min(100 * 2 ** attempt, 5000);
        if (!when(error) || Date.now() - started + waitMs > limitMs || options.signal?.aborted) throw error;
        options.onStoreError?.(error as Error, waitMs);
        await sleep(waitMs);
      }
    }
  };
}

/**
 * The store could not be reached, rather than refusing the data: the connection was refused, reset or
 * closed, or the server is shutting down or starting (SQLSTATE class 08, 57P01–57P03).
 */
export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(code)) return true;
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}
