import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDoc } from '../pipeline.js';
import { type Analyze, type IngestInput, type PreparedEntry, prepareEntry } from './ingest-batch.js';
import { loadAnalyze } from './load-analyze.js';

// One analysis thread of `ingestParallel` (ingest-parallel.ts): it analyses an input and hands back
// the entry to store; the one writer is the thread that started it.

/** What the parent gives each analysis thread. */
export interface AnalyzeWorkerData {
  /** A module whose `analyzeDoc` export replaces the pipeline's (tests). */
  analyzeModule?: string;
}

export interface AnalyzeTask {
  id: number;
  input: IngestInput;
}

/** Posted when a task starts, so the parent's clock for that document starts then, not in the line. */
export interface AnalyzeStarted {
  tidingsAnalyzeStarted: number;
}

const settings = (workerData ?? {}) as AnalyzeWorkerData;
let loading: Promise<Analyze> | undefined;

/**
 * Loads the analyzer and runs it once over a small document: the pipeline loads its models and
 * compiles its lexicons on first use, and that is the thread's start, not the first document's time.
 */
async function load(): Promise<Analyze> {
  const analyze = settings.analyzeModule ? await loadAnalyze(settings.analyzeModule) : analyzeDoc;
  analyze({
    source: { uri: 'warm:', mediaType: 'text/plain' },
    text: 'Kenya met Ethiopia.',
    diagnostics: [],
  });
  return analyze;
}

export default async function analyzeInput(task: AnalyzeTask): Promise<PreparedEntry> {
  loading ??= load();
  const analyze = await loading;
  parentPort?.postMessage({ tidingsAnalyzeStarted: task.id } satisfies AnalyzeStarted);
  return prepareEntry(task.input, analyze);
}
