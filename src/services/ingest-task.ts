import type { IngestInput } from './ingest-batch.js';
import type { IngestOneResult } from './ingest-one.js';

/**
 * What the ingest pool and its workers say to each other. A task's `state` is one Int32 shared by
 * both threads: the worker moves it from queued to analysing to storing, the pool's timer from
 * analysing to timed-out, each with a compare-and-swap, so exactly one of them wins and a document is
 * never both stored and stopped for taking too long.
 */
export const QUEUED = 0;
export const ANALYSING = 1;
export const STORING = 2;
export const TIMED_OUT = 3;

export interface WorkerData {
  /** The store every worker opens its own connection to. */
  db: string;
  writeRetryMs?: number;
  /** A module whose `analyzeDoc` export replaces the pipeline's (tests). */
  analyzeModule?: string;
}

export interface IngestTask {
  id: number;
  input: IngestInput;
  state: Int32Array;
}

/** Posted by a worker on its parent port when it starts analysing a task: the pool starts its clock. */
export interface AnalysingMessage {
  tidingsAnalysing: number;
}

export type WorkerReply =
  | { kind: 'stored'; result: IngestOneResult }
  /** The timer won the race; the worker stopped without storing. */
  | { kind: 'stopped' }
  /** The store failed (locked past its retries, disk full): sent as data so the error keeps its code. */
  | { kind: 'failed'; error: { name: string; message: string; code: string | null } };
