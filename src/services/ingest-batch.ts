import { toAnalysis } from '../core/analysis.js';
import type { Diagnostic, Doc } from '../core/doc.js';
import { contentHash } from '../core/hash.js';
import type { PutEntry, PutResult, Repository } from '../store/repository.js';

export type Analyze = (doc: Doc) => Doc;

export interface IngestInput {
  doc: Doc;
  /** The raw bytes, when ingest kept them (used to key a rejected document without text). */
  bytes?: Uint8Array;
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
  /** Called after each committed chunk with the number of inputs processed so far. */
  onProgress?: (processed: number, summary: Readonly<IngestSummary>) => void;
  /** Documents per transaction (default 200). */
  chunkSize?: number;
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
export function prepareEntry(input: IngestInput, analyze: Analyze): PreparedEntry {
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
  return { entry: { kind: 'document', analysis: toAnalysis(result, contentHash(result.text)) } };
}

function rejectedEntry(input: IngestInput, diagnostics: Diagnostic[]): PreparedEntry {
  const { doc } = input;
  const main = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  return {
    entry: {
      kind: 'rejected',
      input: {
        uri: doc.source.uri,
        ...(input.bytes && doc.text === '' ? { bytes: input.bytes } : { text: doc.text }),
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
 * Analyses and stores a stream of ingested documents, committing `chunkSize` at a time.
 * Content problems never stop the batch; store failures (disk full, locked database) do.
 */
export async function ingestBatch(options: IngestBatchOptions): Promise<IngestSummary> {
  const { store, inputs, analyze, onProgress } = options;
  const chunkSize = options.chunkSize ?? 200;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`ingestBatch: chunkSize must be a positive integer, instead found ${chunkSize}`);
  }
  const summary: IngestSummary = { processed: 0, inserted: 0, duplicates: 0, rejected: 0, rejections: [] };
  let pending: PreparedEntry[] = [];

  const flush = async () => {
    if (pending.length === 0) return;
    const results = await store.putMany(pending.map((p) => p.entry));
    count(summary, pending, results);
    pending = [];
    onProgress?.(summary.processed, summary);
  };

  for await (const input of inputs) {
    pending.push(prepareEntry(input, analyze));
    if (pending.length >= chunkSize) await flush();
  }
  await flush();
  return summary;
}

function count(summary: IngestSummary, prepared: PreparedEntry[], results: PutResult[]): void {
  prepared.forEach((p, i) => {
    summary.processed++;
    if (p.rejection) {
      summary.rejected++;
      summary.rejections.push(p.rejection);
    } else if (results[i]?.status === 'duplicate') summary.duplicates++;
    else summary.inserted++;
  });
}
