import { gzipSync } from 'node:zlib';
import { toAnalysis } from '../core/analysis.js';
import type { Diagnostic, Doc } from '../core/doc.js';
import { contentHash } from '../core/hash.js';
import { pipelineVersion } from '../pipeline-version.js';
import type { PutEntry, PutResult, Repository, StoredRaw } from '../store/repository.js';

export type Analyze = (doc: Doc) => Doc;

export interface IngestInput {
  doc: Doc;
  /** The raw bytes, when ingest kept them (used to key a rejected document without text). */
  bytes?: Uint8Array;
  /** Their sha256, when the bytes are gone (an input that waited in the work queue). */
  bytesHash?: string;
  /**
   * The input the text was extracted from (a web page), kept beside the document so extraction can be
   * run again: its bytes as read, or already gzipped (an input that waited in the work queue).
   */
  raw?: { mediaType: string; bytes?: Uint8Array; gzip?: Uint8Array };
}

/** The raw input as the store keeps it: gzipped. */
export function storedRaw(raw: IngestInput['raw']): StoredRaw | undefined {
  if (!raw) return undefined;
  if (raw.gzip) return { mediaType: raw.mediaType, gzip: raw.gzip };
  if (!raw.bytes) return undefined;
  return { mediaType: raw.mediaType, gzip: new Uint8Array(gzipSync(raw.bytes)) };
}

export interface Rejection {
  uri: string;
  ruleId: string;
  reason: string;
}

export interface IngestSummary {
  processed: number;
  inserted: number;
  duplicates: number;
  /** Inputs stored as rejected in this run (including ones already stored by an earlier run). */
  rejected: number;
  rejections: Rejection[];
}

export interface IngestBatchOptions {
  store: Repository;
  inputs: AsyncIterable<IngestInput> | Iterable<IngestInput>;
  analyze: Analyze;
  /** The version recorded with each analysis (default: this install's, src/pipeline-version.ts). */
  pipeline?: string;
  /** Called after each committed chunk with the number of inputs processed so far. */
  onProgress?: (processed: number, summary: Readonly<IngestSummary>) => void;
  /** Documents per transaction at most (default 200). */
  chunkSize?: number;
  /**
   * A transaction is also committed once its documents hold this many characters of text (default
   * 2,000,000) or this many entity, event and diagnostic rows (default 20,000), so that no write holds
   * the store's lock for long while another writer waits. A single larger document is still one
   * transaction (a document is stored whole or not at all).
   */
  maxChunkChars?: number;
  maxChunkRows?: number;
}

/**
 * The store failed mid-batch (disk full, locked past the retry budget): what was committed before
 * stays, `summary` counts it, and `unstored` inputs were analysed but not stored.
 */
export class IngestStoppedError extends Error {
  readonly summary: IngestSummary;
  readonly unstored: number;

  constructor(summary: IngestSummary, unstored: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the store failed: ${reason}`, { cause });
    this.name = 'IngestStoppedError';
    this.summary = summary;
    this.unstored = unstored;
  }
}

/** What one input becomes in the store: an analysis, or a rejected record with its reason. */
export interface PreparedEntry {
  entry: PutEntry;
  rejection?: Rejection;
}

/**
 * Analyses one ingested document and decides how it is stored. Never throws for content:
 * a document that arrives rejected, comes out rejected, or makes the analyzer throw becomes
 * a rejected entry carrying its diagnostics.
 */
export function prepareEntry(
  input: IngestInput,
  analyze: Analyze,
  pipeline: string = pipelineVersion().version,
): PreparedEntry {
  const { doc } = input;
  if (doc.rejected) return rejectedEntry(input, doc.diagnostics);
  let result: Doc;
  try {
    result = analyze(doc);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return rejectedEntry(input, [
      ...doc.diagnostics,
      { ruleId: 'service:analyze-failed', severity: 'error', reason: `analysis failed: ${message}` },
    ]);
  }
  if (result?.text !== doc.text) {
    return rejectedEntry(input, [
      ...doc.diagnostics,
      {
        ruleId: 'service:analyze-failed',
        severity: 'error',
        reason: 'analysis returned a document whose text differs from the input (the text must never change)',
      },
    ]);
  }
  if (result.rejected) return rejectedEntry(input, result.diagnostics);
  const raw = storedRaw(input.raw);
  const analysis = toAnalysis(result, contentHash(result.text));
  return {
    entry: raw ? { kind: 'document', analysis, raw, pipeline } : { kind: 'document', analysis, pipeline },
  };
}

/** The entry that keeps an input as rejected, with its diagnostics (the first error is the reason). */
export function rejectedEntry(input: IngestInput, diagnostics: Diagnostic[]): PreparedEntry {
  const { doc } = input;
  const main = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  const raw = storedRaw(input.raw);
  return {
    entry: {
      kind: 'rejected',
      ...(raw ? { raw } : {}),
      input: {
        uri: doc.source.uri,
        ...(doc.text === '' && input.bytes
          ? { bytes: input.bytes }
          : doc.text === '' && input.bytesHash
            ? { bytesHash: input.bytesHash }
            : { text: doc.text }),
        mediaType: doc.source.mediaType,
        ...(doc.source.published ? { published: doc.source.published } : {}),
        ...(doc.source.fetched ? { fetched: doc.source.fetched } : {}),
        diagnostics,
      },
    },
    rejection: {
      uri: doc.source.uri,
      ruleId: main?.ruleId ?? 'service:rejected',
      reason: main?.reason ?? 'rejected without a diagnostic',
    },
  };
}

/**
 * Analyses and stores a stream of ingested documents, committing a bounded chunk at a time.
 * Content problems never stop the batch; a store failure (disk full, locked past the store's
 * retries) does, with an IngestStoppedError that carries the summary of what was stored.
 */
export async function ingestBatch(options: IngestBatchOptions): Promise<IngestSummary> {
  const { inputs, analyze } = options;
  async function* prepared(): AsyncIterable<PreparedEntry> {
    for await (const input of inputs) yield prepareEntry(input, analyze, options.pipeline);
  }
  return storeEntries({ ...options, entries: prepared() });
}

/**
 * A later copy of a text an earlier entry of the same stream stores as a document: the store would
 * ignore it (a document is keyed by its text), so it is neither analysed nor written, only counted
 * as a duplicate.
 */
export interface KnownDuplicate {
  duplicateOf: string;
}

export interface StoreEntriesOptions
  extends Pick<IngestBatchOptions, 'store' | 'onProgress' | 'chunkSize' | 'maxChunkChars' | 'maxChunkRows'> {
  /** Entries in the order they are to be stored (the first copy of a text is the one kept). */
  entries: AsyncIterable<PreparedEntry | KnownDuplicate> | Iterable<PreparedEntry | KnownDuplicate>;
}

/**
 * The writing half of ingest: stores prepared entries in bounded transactions, in their order, and
 * counts what became of each. Whoever analysed them (this thread, worker threads) does not matter.
 */
export async function storeEntries(options: StoreEntriesOptions): Promise<IngestSummary> {
  const { store, entries, onProgress } = options;
  const chunkSize = positive('chunkSize', options.chunkSize ?? 200);
  const maxChars = positive('maxChunkChars', options.maxChunkChars ?? 2_000_000);
  const maxRows = positive('maxChunkRows', options.maxChunkRows ?? 20_000);
  const summary: IngestSummary = { processed: 0, inserted: 0, duplicates: 0, rejected: 0, rejections: [] };
  let pending: (PreparedEntry | KnownDuplicate)[] = [];
  let chars = 0;
  let rows = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    let written: PutResult[];
    try {
      written = await store.putMany(pending.flatMap((p) => ('duplicateOf' in p ? [] : [p.entry])));
    } catch (error) {
      throw new IngestStoppedError(summary, pending.length, error);
    }
    let w = 0;
    const results = pending.map((p): PutResult | undefined =>
      'duplicateOf' in p ? { id: p.duplicateOf, status: 'duplicate' } : written[w++],
    );
    count(summary, pending, results);
    pending = [];
    chars = 0;
    rows = 0;
    onProgress?.(summary.processed, summary);
  };

  for await (const prepared of entries) {
    const size = 'duplicateOf' in prepared ? { chars: 0, rows: 0 } : entrySize(prepared.entry);
    // Commit what is pending first when this entry would take the chunk over a bound.
    if (pending.length > 0 && (chars + size.chars > maxChars || rows + size.rows > maxRows)) await flush();
    pending.push(prepared);
    chars += size.chars;
    rows += size.rows;
    if (pending.length >= chunkSize) await flush();
  }
  await flush();
  return summary;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`ingest: ${name} must be a positive integer, instead found ${value}`);
  }
  return value;
}

/** What an entry costs to write: its text (full-text indexed) and its rows in the side tables. */
function entrySize(entry: PutEntry): { chars: number; rows: number } {
  // A kept raw input (a gzipped page) is written in the same transaction: its bytes count as characters.
  const raw = entry.raw?.gzip.length ?? 0;
  if (entry.kind === 'rejected') {
    return { chars: (entry.input.text?.length ?? 0) + raw, rows: 1 + entry.input.diagnostics.length };
  }
  const a = entry.analysis;
  return { chars: a.text.length + raw, rows: 1 + a.entities.length + a.events.length + a.diagnostics.length };
}

function count(
  summary: IngestSummary,
  prepared: (PreparedEntry | KnownDuplicate)[],
  results: (PutResult | undefined)[],
): void {
  prepared.forEach((p, i) => {
    summary.processed++;
    if ('rejection' in p && p.rejection) {
      summary.rejected++;
      summary.rejections.push(p.rejection);
    } else if (results[i]?.status === 'duplicate') summary.duplicates++;
    else summary.inserted++;
  });
}
