import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  type Fetcher,
  type FetchResult,
  feedBytesToDocs,
  itemsFromResponse,
  looksLikeFeed,
  readUrl,
} from '../stages/01-ingest/index.js';
import type { Repository } from '../store/repository.js';
import { type Analyze, type IngestInput, type IngestSummary, ingestBatch } from './ingest-batch.js';

/**
 * `tidings watch URL…`: polls feeds and pages and ingests what is new. A feed is fetched with the
 * ETag and Last-Modified of the last answer (a 304 costs nothing), no sooner than its `<ttl>` asks;
 * each new item's own page is fetched and extracted (the item's content stands in when the page
 * cannot be had); a page is ingested when its content changes. What was seen is kept in a state file,
 * written after every source, so a restart never ingests an item twice. A source that fails is tried
 * again later and later (doubling, up to `maxBackoffMs`); the others go on.
 */

export interface WatchOptions {
  urls: readonly string[];
  store: Repository;
  analyze: Analyze;
  fetcher: Fetcher;
  /** Where what was seen is kept (JSON). */
  statePath: string;
  /** Pause between two polls of a source (default 15 minutes). */
  intervalMs?: number;
  /** Longest pause after failures (default 6 hours). */
  maxBackoffMs?: number;
  /** Poll every source once and return. */
  once?: boolean;
  /** Stops the loop (Ctrl-C). */
  signal?: AbortSignal;
  /** One line per thing that happened, for the terminal. */
  log?: (line: string) => void;
  /** Clock and sleep (tests). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface SourceState {
  etag?: string;
  lastModified?: string;
  /** Keys of items (feeds) or content hashes (pages) already ingested, oldest first. */
  seen: string[];
  nextPollAt: number;
  failures: number;
  /** The feed's `<ttl>`, kept for the polls answered 304. */
  ttlMs?: number;
}

interface WatchState {
  version: 1;
  sources: Record<string, SourceState>;
}

/** Items remembered per source; a feed's window is far smaller, so nothing still in it is forgotten. */
const SEEN_LIMIT = 10_000;

export interface WatchSummary extends IngestSummary {
  polls: number;
  notModified: number;
  failures: number;
}

export async function watch(options: WatchOptions): Promise<WatchSummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const interval = options.intervalMs ?? 15 * 60_000;
  const maxBackoff = options.maxBackoffMs ?? 6 * 60 * 60_000;
  const log = options.log ?? (() => {});
  const state = await loadState(options.statePath);
  const summary: WatchSummary = {
    processed: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    polls: 0,
    notModified: 0,
    failures: 0,
  };
  for (const url of options.urls) state.sources[url] ??= { seen: [], nextPollAt: 0, failures: 0 };

  for (;;) {
    for (const url of options.urls) {
      if (options.signal?.aborted) return summary;
      const source = state.sources[url] as SourceState;
      if (!options.once && source.nextPollAt > now()) continue;
      summary.polls++;
      const next = await pollOnce(url, source, options, summary, log);
      source.nextPollAt = now() + nextPause(next, source, interval, maxBackoff);
      await saveState(options.statePath, state);
    }
    if (options.once || options.signal?.aborted) return summary;
    const due = Math.min(...options.urls.map((u) => (state.sources[u] as SourceState).nextPollAt));
    await sleep(Math.max(1000, due - now()), options.signal);
  }
}

type PollOutcome = { kind: 'ok'; ttlMs?: number } | { kind: 'failed' };

function nextPause(outcome: PollOutcome, source: SourceState, interval: number, maxBackoff: number): number {
  if (outcome.kind === 'failed') return Math.min(maxBackoff, interval * 2 ** Math.min(source.failures, 20));
  return Math.max(interval, outcome.ttlMs ?? 0);
}

async function pollOnce(
  url: string,
  source: SourceState,
  options: WatchOptions,
  summary: WatchSummary,
  log: (line: string) => void,
): Promise<PollOutcome> {
  const conditional = {
    ...(source.etag ? { etag: source.etag } : {}),
    ...(source.lastModified ? { lastModified: source.lastModified } : {}),
  };
  const result: FetchResult = await options.fetcher.get(url, conditional);
  if (!result.ok) {
    source.failures++;
    summary.failures++;
    log(`${url}: ${result.problem.ruleId} — ${result.problem.reason}`);
    return { kind: 'failed' };
  }
  source.failures = 0;
  const { response } = result;
  if (response.etag) source.etag = response.etag;
  else delete source.etag;
  if (response.lastModified) source.lastModified = response.lastModified;
  else delete source.lastModified;
  if (response.status === 304) {
    summary.notModified++;
    return source.ttlMs ? { kind: 'ok', ttlMs: source.ttlMs } : { kind: 'ok' };
  }
  const fetched = new Date((options.now ?? Date.now)()).toISOString();
  const seen = new Set(source.seen);
  const isFeed = /xml|rss|atom|rdf|feed|json/.test(response.mediaType) || looksLikeFeed(response.bytes);
  if (isFeed) {
    const { feed, docs } = feedBytesToDocs(
      response.bytes,
      { uri: url, mediaType: response.mediaType, fetched },
      {
        ...(response.charset ? { charset: response.charset } : {}),
      },
    );
    if (!feed) {
      log(`${url}: ${docs[0]?.diagnostics.at(-1)?.reason ?? 'not a feed'}`);
      return { kind: 'failed' };
    }
    let fresh = 0;
    for (const [i, item] of feed.items.entries()) {
      const key = itemKey(item.id ?? item.url, docs[i]?.text ?? '');
      if (seen.has(key)) continue;
      const inputs = await itemInputs(item.url, docs[i] ? { doc: docs[i] } : undefined, options, fetched);
      await store(inputs, options, summary);
      remember(source, seen, key);
      fresh++;
    }
    log(`${url}: ${feed.items.length} items, ${fresh} new`);
    if (feed.ttlMinutes) source.ttlMs = feed.ttlMinutes * 60_000;
    else delete source.ttlMs;
    return source.ttlMs ? { kind: 'ok', ttlMs: source.ttlMs } : { kind: 'ok' };
  }
  // A page: ingested again only when its content changed.
  const key = `page:${createHash('sha256').update(response.bytes).digest('hex')}`;
  if (!seen.has(key)) {
    const items = itemsFromResponse(url, response, {}, fetched);
    await store(items, options, summary);
    remember(source, seen, key);
    log(`${url}: page changed, ingested`);
  }
  return { kind: 'ok' };
}

/** A new item's documents: its page when it has a link that can be fetched and extracted, else the item itself. */
async function itemInputs(
  link: string | undefined,
  item: IngestInput | undefined,
  options: WatchOptions,
  fetched: string,
): Promise<IngestInput[]> {
  if (link && /^https?:\/\//i.test(link)) {
    const page = await readUrl(link, options.fetcher, { now: () => new Date(fetched) }, fetched);
    const usable = page.filter((p) => !p.doc.rejected);
    if (usable.length > 0) {
      // The feed's date and headline are the item's: keep them when the page states none.
      for (const p of usable) {
        if (p.doc.source.published === undefined && item?.doc.source.published)
          p.doc.source.published = item.doc.source.published;
      }
      return usable;
    }
  }
  return item ? [item] : [];
}

async function store(inputs: IngestInput[], options: WatchOptions, summary: WatchSummary): Promise<void> {
  if (inputs.length === 0) return;
  const done = await ingestBatch({ store: options.store, analyze: options.analyze, inputs });
  summary.processed += done.processed;
  summary.inserted += done.inserted;
  summary.duplicates += done.duplicates;
  summary.rejected += done.rejected;
  summary.rejections.push(...done.rejections);
}

function itemKey(id: string | undefined, text: string): string {
  return id ? `item:${id}` : `text:${createHash('sha256').update(text).digest('hex')}`;
}

function remember(source: SourceState, seen: Set<string>, key: string): void {
  seen.add(key);
  source.seen.push(key);
  if (source.seen.length > SEEN_LIMIT) source.seen.splice(0, source.seen.length - SEEN_LIMIT);
}

async function loadState(path: string): Promise<WatchState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sources: {} };
    throw error;
  }
  const data = JSON.parse(text) as WatchState;
  if (data?.version !== 1 || typeof data.sources !== 'object') {
    throw new Error(
      `watch: ${path} is not a Tidings watch state file (expected {"version": 1, "sources": …})`,
    );
  }
  return data;
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a state. */
async function saveState(path: string, state: WatchState): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, path);
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
