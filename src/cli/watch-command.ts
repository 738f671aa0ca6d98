import { analyzeDoc } from '../pipeline.js';
import { watch } from '../services/watch.js';
import { Fetcher } from '../stages/01-ingest/index.js';
import { openStore } from '../store/index.js';
import type { Io } from './ingest-command.js';

export interface WatchCommandOptions {
  db: string;
  state?: string;
  interval: number;
  once?: boolean;
}

/** `tidings watch URL…`: polls until interrupted (Ctrl-C stops it after the source it is on). */
export async function runWatch(urls: string[], opts: WatchCommandOptions, io: Io): Promise<number> {
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) {
      io.err(`tidings watch: "${url}" is not an http(s) URL\n`);
      return 2;
    }
  }
  const store = await openStore(opts.db);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const summary = await watch({
      urls,
      store,
      analyze: analyzeDoc,
      fetcher: new Fetcher(),
      statePath: opts.state ?? `${opts.db}.watch.json`,
      intervalMs: opts.interval * 60_000,
      once: opts.once === true,
      signal: controller.signal,
      log: (line) => io.err(`${new Date().toISOString()} ${line}\n`),
    });
    io.out(
      `polled ${summary.polls} times: ${summary.inserted} new documents, ${summary.duplicates} duplicates, ` +
        `${summary.rejected} rejected, ${summary.notModified} not modified, ${summary.failures} failed\n`,
    );
    return summary.failures > 0 && summary.inserted + summary.duplicates === 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
}
