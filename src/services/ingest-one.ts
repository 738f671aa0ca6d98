import type { Diagnostic } from '../core/doc.js';
import type { Repository } from '../store/repository.js';
import {
  type Analyze,
  type IngestInput,
  type PreparedEntry,
  prepareEntry,
  type Rejection,
} from './ingest-batch.js';

/** What a client learns about one stored document. */
export interface DocumentCounts {
  title: string | null;
  published: string | null;
  sentences: number;
  entities: number;
  events: number;
  diagnostics: number;
}

/** One document analysed and stored: its id, whether it was new, and either its counts or why it was rejected. */
export interface IngestOneResult {
  id: string;
  status: 'inserted' | 'duplicate';
  /** Null when the document was stored as rejected. */
  summary: DocumentCounts | null;
  /** Set when the document was stored as rejected: the reason and every diagnostic. */
  rejection: (Rejection & { diagnostics: Diagnostic[] }) | null;
}

export interface IngesterStats {
  /** Worker threads analysing (0: analysis runs on the calling thread). */
  workers: number;
  /** Documents being analysed or stored now. */
  running: number;
  /** Documents waiting for a worker. */
  queued: number;
  /** Waiting documents accepted at most; past that, `ingest` fails with AnalysisQueueFullError. */
  maxQueue: number;
}

/** Analyses one document and stores it (the API's POST), on the calling thread or in worker threads. */
export interface DocumentIngester {
  ingest(input: IngestInput): Promise<IngestOneResult>;
  stats(): IngesterStats;
  close(): Promise<void>;
}

/** Stores a prepared entry and describes the outcome. Store failures (locked past the retries) throw. */
export async function storePrepared(store: Repository, prepared: PreparedEntry): Promise<IngestOneResult> {
  const [result] = await store.putMany([prepared.entry]);
  if (!result) throw new Error('store.putMany returned no result for one entry');
  const { entry } = prepared;
  if (prepared.rejection || entry.kind === 'rejected') {
    const diagnostics = entry.kind === 'rejected' ? entry.input.diagnostics : [];
    const rejection = prepared.rejection ?? {
      uri: entry.kind === 'rejected' ? entry.input.uri : '',
      ruleId: 'service:rejected',
      reason: 'rejected without a diagnostic',
    };
    return { id: result.id, status: result.status, summary: null, rejection: { ...rejection, diagnostics } };
  }
  const a = entry.analysis;
  return {
    id: result.id,
    status: result.status,
    summary: {
      title: a.title,
      published: a.published,
      sentences: a.sentences.length,
      entities: a.entities.length,
      events: a.events.length,
      diagnostics: a.diagnostics.length,
    },
    rejection: null,
  };
}

/**
 * Analysis on the calling thread: simple, and right for tests and scripts, but a server that uses it
 * answers nothing else while a document is analysed (the server uses createIngestPool).
 */
export function inlineIngester(store: Repository, analyze: Analyze): DocumentIngester {
  let running = 0;
  return {
    async ingest(input) {
      running++;
      try {
        return await storePrepared(store, prepareEntry(input, analyze));
      } finally {
        running--;
      }
    },
    stats: () => ({ workers: 0, running, queued: 0, maxQueue: 0 }),
    close: async () => {},
  };
}
