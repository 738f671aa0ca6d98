import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EVENT_STATUSES } from '../core/doc.js';
import {
  DumpLineError,
  dumpLines,
  gdeltLines,
  ploverLines,
  type RestoreSummary,
  restoreDump,
} from '../services/export-store.js';
import { displayStoreUrl, openStore } from '../store/index.js';
import type { Io } from './ingest-command.js';

export type ExportFormat = 'dump' | 'gdelt' | 'plover';

export interface ExportCommandOptions {
  db: string;
  format: ExportFormat;
  /** A file to write (default: standard output). */
  out?: string;
  /** Event statuses to export, comma-separated, or `all` (gdelt, plover; default asserted). */
  status?: string;
  /** gdelt: a first line with the column names. */
  header?: boolean;
}

/** `tidings export`: streams a dump of the store, or its events, to a file or standard output. */
export async function runExport(
  opts: ExportCommandOptions,
  io: { out: (s: string) => unknown; err: (s: string) => unknown; drain?: () => Promise<unknown> },
): Promise<number> {
  const statuses = parseStatuses(opts.status);
  const store = await openStore(opts.db);
  const file = opts.out ? createWriteStream(opts.out) : null;
  const write = async (chunk: string) => {
    if (file) {
      if (!file.write(chunk)) await once(file, 'drain');
    } else if ((io.out(chunk) as unknown) === false && io.drain) await io.drain();
  };
  let lines = 0;
  try {
    const source =
      opts.format === 'dump'
        ? dumpLines(store)
        : opts.format === 'gdelt'
          ? gdeltLines(store, { statuses, ...(opts.header ? { header: true } : {}) })
          : ploverLines(store, { statuses });
    // Lines are gathered into chunks of about 64 KB: fewer writes, never the whole export in memory.
    let chunk = '';
    for await (const line of source) {
      lines++;
      chunk += line;
      if (chunk.length >= 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await write(chunk);
    if (file) {
      file.end();
      await once(file, 'finish');
      io.err(`wrote ${lines} lines (${opts.format}) from ${displayStoreUrl(opts.db)} to ${opts.out}\n`);
    }
    return 0;
  } finally {
    if (file && !file.closed) file.destroy();
    await store.close();
  }
}

function parseStatuses(value: string | undefined): string[] {
  if (value === undefined) return ['asserted'];
  if (value === 'all') return [...EVENT_STATUSES];
  const statuses = value.split(',').map((s) => s.trim());
  const unknown = statuses.filter((s) => !(EVENT_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new Error(
      `tidings export: unknown event status ${unknown.map((s) => JSON.stringify(s)).join(', ')}; ` +
        `expected some of ${EVENT_STATUSES.join(', ')} (comma-separated), or all`,
    );
  }
  return statuses;
}

/** `tidings import`: restores a dump (`tidings export`) into a store; documents already there stay. */
export async function runImport(path: string, opts: { db: string }, io: Io): Promise<RestoreSummary> {
  const store = await openStore(opts.db);
  const input = path === '-' ? process.stdin : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const started = performance.now();
  let summary: RestoreSummary = { documents: 0, inserted: 0, duplicates: 0 };
  try {
    summary = await restoreDump(store, lines, {
      onProgress: (s) => {
        summary = { ...s };
      },
    });
    const seconds = (performance.now() - started) / 1000;
    io.out(
      `restored ${summary.documents} documents in ${seconds.toFixed(2)} s → ${displayStoreUrl(opts.db)}\n` +
        `  inserted   ${summary.inserted}\n  already there ${summary.duplicates}\n`,
    );
    return summary;
  } catch (error) {
    if (error instanceof DumpLineError) {
      throw new Error(
        `tidings import: ${path}: ${error.message}. The ${summary.documents} documents before it were stored; ` +
          'fix the line and run the same command again (documents already stored are left as they are).',
      );
    }
    throw error;
  } finally {
    lines.close();
    await store.close();
  }
}
