import cliProgress from 'cli-progress';
import { IngestStoppedError, type IngestSummary } from '../services/ingest-batch.js';
import { ingestParallel } from '../services/ingest-parallel.js';
import { countInputs, readInputs } from '../stages/01-ingest/index.js';
import { displayStoreUrl, openStore } from '../store/index.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface IngestOptions {
  db: string;
  date?: string;
  quiet?: boolean;
  stdinFormat?: 'text' | 'jsonl' | 'html' | 'feed' | 'warc';
  /** Analysis threads (default: one per core; 0 analyses on the main thread). */
  workers?: number;
}

export async function runIngest(paths: string[], opts: IngestOptions, io: Io): Promise<IngestSummary> {
  let waitNoted = false;
  const store = await openStore(opts.db, {
    // Another `tidings ingest` or a server writing to the same file: the store waits and retries.
    onBusy: ({ limitMs }) => {
      if (waitNoted) return;
      waitNoted = true;
      io.err(
        `tidings ingest: ${displayStoreUrl(opts.db)} is being written by another process; waiting for it (up to ${Math.round(limitMs / 1000)} s at a time)\n`,
      );
    },
  });
  const showBar = !opts.quiet && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          format: 'ingest [{bar}] {value}/{total} docs · {rate} docs/s · {eta_formatted} left',
          etaBuffer: 200,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const started = performance.now();
  try {
    const total = bar ? await countInputs(paths) : 0;
    bar?.start(total, 0, { rate: '0' });
    const summary = await ingestParallel({
      store,
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      inputs: readInputs(paths, {
        ...(opts.date ? { published: opts.date } : {}),
        ...(opts.stdinFormat ? { stdinFormat: opts.stdinFormat } : {}),
      }),
      onProgress: (done: number) => {
        if (!bar) return;
        const seconds = (performance.now() - started) / 1000;
        if (done > bar.getTotal()) bar.setTotal(done);
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toString() : '0' });
      },
    });
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    io.out(formatSummary(summary, seconds, displayStoreUrl(opts.db)));
    return summary;
  } catch (error) {
    if (!(error instanceof IngestStoppedError)) throw error;
    bar?.stop();
    io.out(formatSummary(error.summary, (performance.now() - started) / 1000, displayStoreUrl(opts.db)));
    throw new Error(
      `tidings ingest: stopped, ${error.message}. The ${error.unstored} documents analysed last and any ` +
        'inputs after them were not stored; what the summary counts is. Run the same command again to ' +
        'add the rest (documents already stored are skipped as duplicates).',
    );
  } finally {
    bar?.stop();
    await store.close();
  }
}

/** Rejections that mean a path on the command line could not be read at all. */
const UNREADABLE = new Set(['ingest:unreadable', 'ingest:not-a-file']);

/**
 * 0 when something was stored (inserted, or already there) and every path given could be read;
 * 1 when nothing was stored (no input, or every input rejected) or a path given is missing, unreadable
 * or not a file (a typo must not pass for success). Some rejected documents among good ones is a
 * normal batch: 0, with the rejections in the summary.
 */
export function ingestExitCode(summary: IngestSummary, paths: readonly string[]): number {
  if (summary.inserted + summary.duplicates === 0) return 1;
  const given = new Set(paths);
  return summary.rejections.some((r) => UNREADABLE.has(r.ruleId) && given.has(r.uri)) ? 1 : 0;
}

export function formatSummary(s: IngestSummary, seconds: number, db: string): string {
  const lines = [
    `processed ${s.processed} in ${seconds.toFixed(2)} s → ${db}`,
    `  inserted   ${s.inserted}`,
    `  duplicates ${s.duplicates}`,
    `  rejected   ${s.rejected}`,
  ];
  for (const r of s.rejections.slice(0, 20)) lines.push(`    ${r.uri}: ${r.ruleId} — ${r.reason}`);
  if (s.rejections.length > 20)
    lines.push(`    … and ${s.rejections.length - 20} more (see the store's diagnostics)`);
  return `${lines.join('\n')}\n`;
}
