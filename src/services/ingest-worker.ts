import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { openStore } from '../store/open-store.js';
import type { Repository } from '../store/repository.js';
import { type Analyze, type IngestInput, prepareEntry, rejectedEntry } from './ingest-batch.js';
import { storePrepared } from './ingest-one.js';
import {
  ANALYSING,
  type AnalysingMessage,
  type IngestTask,
  QUEUED,
  STORING,
  type WorkerData,
  type WorkerReply,
} from './ingest-task.js';
import { loadAnalyze } from './load-analyze.js';

// One analysis thread of the ingest pool (ingest-pool.ts): it analyses a document and stores it over
// its own connection to the store, so the server's thread neither analyses nor writes.

const settings = workerData as WorkerData;
let settingUp: Promise<{ store: Repository; analyze: Analyze }> | undefined;

function setUp(): Promise<{ store: Repository; analyze: Analyze }> {
  settingUp ??= (async () => {
    const analyze = settings.analyzeModule ? await loadAnalyze(settings.analyzeModule) : analyzeDoc;
    // A first small document loads the models and compiles the lexicons, which the pipeline does on
    // first use: that is the worker's start, not the first document's analysis time.
    analyze({
      source: { uri: 'warm:', mediaType: 'text/plain' },
      text: 'Kenya met Ethiopia.',
      diagnostics: [],
    });
    const store = await openStore(settings.db, {
      ...(settings.writeRetryMs !== undefined ? { writeRetryMs: settings.writeRetryMs } : {}),
    });
    return { analyze, store };
  })();
  return settingUp;
}

/** Loads the pipeline and opens the store before the first document arrives. */
export async function warm(): Promise<true> {
  await setUp();
  return true;
}

export default async function ingest(task: IngestTask): Promise<WorkerReply> {
  const ready = await setUp();
  if (Atomics.compareExchange(task.state, 0, QUEUED, ANALYSING) !== QUEUED) return { kind: 'stopped' };
  parentPort?.postMessage({ tidingsAnalysing: task.id } satisfies AnalysingMessage);
  const prepared = prepareEntry(task.input, ready.analyze);
  if (Atomics.compareExchange(task.state, 0, ANALYSING, STORING) !== ANALYSING) return { kind: 'stopped' };
  return storeOutcome(() => storePrepared(ready.store, prepared));
}

/** Keeps a document the pool had to stop (too slow, or its worker died) as rejected. */
export async function storeRejected(task: {
  input: IngestInput;
  diagnostics: Diagnostic[];
}): Promise<WorkerReply> {
  const ready = await setUp();
  return storeOutcome(() => storePrepared(ready.store, rejectedEntry(task.input, task.diagnostics)));
}

async function storeOutcome(write: () => ReturnType<typeof storePrepared>): Promise<WorkerReply> {
  try {
    return { kind: 'stored', result: await write() };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; code?: unknown };
    return {
      kind: 'failed',
      error: {
        name: typeof e?.name === 'string' ? e.name : 'Error',
        message: typeof e?.message === 'string' ? e.message : String(error),
        code: typeof e?.code === 'string' ? e.code : null,
      },
    };
  }
}
