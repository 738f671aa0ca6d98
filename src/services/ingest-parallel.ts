import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { contentHash } from '../core/hash.js';
import type { AnalyzeStarted, AnalyzeTask, AnalyzeWorkerData } from './analyze-worker.js';
import {
  type Analyze,
  type IngestBatchOptions,
  type IngestInput,
  type IngestSummary,
  type KnownDuplicate,
  type PreparedEntry,
  prepareEntry,
  rejectedEntry,
  storeEntries,
} from './ingest-batch.js';

export interface IngestParallelOptions extends Omit<IngestBatchOptions, 'analyze'> {
  /** Analysis threads (default: one per core). 0 analyses on the calling thread, as `ingestBatch` does. */
  workers?: number;
  /**
   * Used on the calling thread for short streams and with `workers: 0` (default: the pipeline, loaded
   * only then: a writer whose documents all go to the threads never loads the models or lexicons).
   */
  analyze?: Analyze;
  /** A module whose `analyzeDoc` export the threads use instead of the pipeline's (tests). */
  analyzeModule?: string | URL;
  /**
   * A stream of at most this many inputs is analysed on the calling thread (default 64): starting
   * threads, each loading the pipeline and its models, costs more than a few documents do.
   */
  inlineUpTo?: number;
  /** A document's analysis is stopped after this long (default 60 s) and the document kept as rejected. */
  timeoutMs?: number;
  /** Heap limit of each analysis thread (default 2048 MB): a document that needs more costs only itself. */
  maxMemoryMb?: number;
  /** Documents analysed ahead of the writer at most (default 64 a thread). */
  window?: number;
  /** Characters of text analysed ahead of the writer at most (default 16 M), so long texts do not pile up. */
  windowChars?: number;
}

/** Tasks handed to an analysis thread at once (one running, the next waiting in the thread). */
const TASKS_PER_THREAD = 2;

/** Texts whose first copy `ingestParallel` remembers, the oldest forgotten first. */
const SEEN_TEXTS = 100_000;

// Under tsx the sources run as .ts; built, as .js: the worker is the sibling with the same extension.
const here = fileURLToPath(import.meta.url);
const WORKER_FILE = join(dirname(here), `analyze-worker${extname(here)}`);

/**
 * Ingest with the analysis in worker threads and one writer: this thread reads the inputs, hands them
 * to the threads, and stores their entries in input order (so the same input gives the same store as
 * `ingestBatch`), in the same bounded transactions. A document whose analysis runs past `timeoutMs`
 * or kills its thread (out of memory) is kept as rejected with a diagnostic; the batch goes on.
 */
export async function ingestParallel(options: IngestParallelOptions): Promise<IngestSummary> {
  const workers = options.workers ?? availableParallelism();
  const inlineUpTo = options.inlineUpTo ?? 64;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const window = options.window ?? Math.max(1, workers) * 64;
  const windowChars = options.windowChars ?? 16_000_000;
  for (const [name, value, min] of [
    ['workers', workers, 0],
    ['inlineUpTo', inlineUpTo, 0],
    ['timeoutMs', timeoutMs, 1],
    ['window', window, 1],
    ['windowChars', windowChars, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`ingestParallel: ${name} must be an integer ≥ ${min}, instead found ${value}`);
    }
  }
  const { inputs } = options;
  let inline: Analyze | undefined = options.analyze;
  const analyzeHere = async (): Promise<Analyze> => {
    inline ??= (await import('../pipeline.js')).analyzeDoc;
    return inline;
  };

  async function* analysed(): AsyncGenerator<PreparedEntry | KnownDuplicate> {
    const iterator = toAsyncIterator(inputs);
    const head: IngestInput[] = [];
    let ended = false;
    while (head.length <= inlineUpTo) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
    }
    if (workers === 0 || ended) {
      const analyze = await analyzeHere();
      for (const input of head) yield prepareEntry(input, analyze, options.pipeline);
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield prepareEntry(next.value, analyze, options.pipeline);
      }
      return;
    }
    const pool = startPool(workers, timeoutMs, options);
    // Texts met before in this stream (by the store's key, their hash): whether that first copy
    // became a document. A later copy of one is stored as nothing (the store keys documents by their
    // text), so it is not analysed; were the first copy rejected, the copy is analysed as usual.
    const seen = new Map<string, Promise<boolean>>();
    try {
      const ahead: { entry: Promise<PreparedEntry | KnownDuplicate>; chars: number }[] = [];
      let aheadChars = 0;
      const submit = (input: IngestInput) => {
        const chars = input.doc.text.length;
        // Only a plain text: a kept raw input is written beside its document even for a copy.
        const id = input.doc.rejected || input.raw ? undefined : contentHash(input.doc.text);
        const first = id === undefined ? undefined : seen.get(id);
        let entry: Promise<PreparedEntry | KnownDuplicate>;
        if (id !== undefined && first) {
          entry = first.then<PreparedEntry | KnownDuplicate>((stored) =>
            stored ? { duplicateOf: id } : pool.analyze(input),
          );
        } else {
          const analysing = pool.analyze(input);
          entry = analysing;
          if (id !== undefined) {
            if (seen.size >= SEEN_TEXTS) seen.delete(seen.keys().next().value as string);
            seen.set(
              id,
              analysing.then((p) => p.entry.kind === 'document' && !p.rejection),
            );
          }
        }
        ahead.push({ entry, chars });
        aheadChars += chars;
      };
      const take = async () => {
        const first = ahead.shift() as { entry: Promise<PreparedEntry | KnownDuplicate>; chars: number };
        aheadChars -= first.chars;
        return first.entry;
      };
      const full = (chars: number) =>
        ahead.length > 0 && (ahead.length >= window || aheadChars + chars > windowChars);
      const inputsLeft = async function* () {
        yield* head;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      };
      for await (const input of inputsLeft()) {
        while (full(input.doc.text.length)) yield await take();
        submit(input);
      }
      while (ahead.length > 0) yield await take();
    } finally {
      await pool.close();
    }
  }

  return storeEntries({ ...options, entries: analysed() });
}

export interface AnalysisPool {
  /** Never rejects: a failed or stopped analysis comes back as a rejected entry. */
  analyze(input: IngestInput): Promise<PreparedEntry>;
  close(): Promise<void>;
}

/** Analysis threads (analyze-worker.ts) with a time limit per document; also what `recode` analyses with. */
export function startPool(
  workers: number,
  timeoutMs: number,
  options: Pick<IngestParallelOptions, 'analyzeModule' | 'maxMemoryMb'>,
): AnalysisPool {
  const data: AnalyzeWorkerData = options.analyzeModule
    ? { analyzeModule: String(options.analyzeModule) }
    : {};
  const pool = new Piscina({
    filename: WORKER_FILE,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    // A second task waits in each thread, so a thread goes on to it at once: handing out tasks is
    // this thread's work, and while it stores a chunk (a synchronous transaction) threads with one
    // task each would stand idle once it is done.
    concurrentTasksPerWorker: TASKS_PER_THREAD,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 2048 },
    workerData: data,
  });
  const running = new Map<
    number,
    { controller: AbortController; timer?: ReturnType<typeof setTimeout>; started: boolean }
  >();
  let nextId = 1;
  let closed = false;
  pool.on('message', (message: AnalyzeStarted) => {
    const task = running.get(message?.tidingsAnalyzeStarted);
    if (!task) return;
    task.started = true;
    task.timer = setTimeout(() => task.controller.abort(), timeoutMs);
  });
  // A thread that fails outside any task (it cannot load the pipeline) fails its tasks too; they say so.
  pool.on('error', () => {});
  const attempt = async (input: IngestInput, tries: number): Promise<PreparedEntry> => {
    const id = nextId++;
    const task = { controller: new AbortController(), started: false } as {
      controller: AbortController;
      timer?: ReturnType<typeof setTimeout>;
      started: boolean;
    };
    running.set(id, task);
    try {
      return (await pool.run({ id, input } satisfies AnalyzeTask, {
        signal: task.controller.signal,
      })) as PreparedEntry;
    } catch (error) {
      const timedOut = task.controller.signal.aborted;
      // A task still waiting in a thread that stopped (another document ran past its time or out
      // of memory there) is not at fault: it is analysed again, as it would have been in a thread
      // of its own.
      if (!timedOut && !closed && !task.started && tries < TASKS_PER_THREAD + 1) {
        clearTimeout(task.timer);
        running.delete(id);
        return attempt(input, tries + 1);
      }
      const message = error instanceof Error ? error.message : String(error);
      return rejectedEntry(input, [
        ...input.doc.diagnostics,
        timedOut
          ? {
              ruleId: 'service:analyze-timeout',
              severity: 'error',
              reason: `analysis did not finish within ${timeoutMs / 1000} s and was stopped`,
            }
          : {
              ruleId: 'service:analyze-failed',
              severity: 'error',
              reason: closed
                ? 'analysis stopped: the ingest was stopped'
                : `analysis failed: its thread stopped (${message})`,
            },
      ]);
    } finally {
      clearTimeout(task.timer);
      running.delete(id);
    }
  };
  return {
    analyze(input) {
      return attempt(input, 0);
    },
    async close() {
      closed = true;
      for (const task of running.values()) clearTimeout(task.timer);
      await pool.destroy();
    },
  };
}

function toAsyncIterator<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  const sync = (source as Iterable<T>)[Symbol.iterator]();
  return { next: async () => sync.next() };
}
