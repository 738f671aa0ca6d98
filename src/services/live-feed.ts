import type { DocumentSummary, EventRow, Repository } from '../store/repository.js';
import { dyadSeries } from './relations.js';

/**
 * What is happening now: the latest stories, each with its main actors, event types, source and a
 * sparkline, and a feed that pushes stories as they are stored — also by another process (`tidings
 * ingest`, `watch`) writing the same store. The feed polls the store's newest rows by the order they
 * were stored (an index on created_at, id), which works alike on both engines and across processes.
 *
 * A story is one article for now; when the store groups articles into stories, this is where a
 * story's articles, actors and sources are gathered.
 */

export interface StoryActor {
  /** ISO3 country (or the actor's words when it has none). */
  key: string;
  count: number;
}

export interface Story {
  id: string;
  title: string;
  uri: string;
  /** Where it came from: the host of its URL, else its file or input name. */
  source: string;
  published: string | null;
  storedAt: string;
  events: number;
  /** Event participants, most frequent first (at most 4). */
  actors: StoryActor[];
  /** PLOVER types of its events, most frequent first. */
  types: { type: string; count: number }[];
  /**
   * Events per day between its two main actors, both ways, over the 14 days ending on its date
   * (from the kept relation counts); null when it has no actor pair.
   */
  sparkline: { a: string; b: string; from: string; counts: number[] } | null;
}

const SPARK_DAYS = 14;

/** The newest stories, by publication date (what the Now page shows first). */
export async function latestStories(store: Repository, limit = 20): Promise<Story[]> {
  const page = await store.listDocuments({
    status: 'ok',
    limit: Math.min(Math.max(limit, 1), 100),
    offset: 0,
  });
  return Promise.all(page.items.map((doc) => storyOf(store, doc)));
}

/** One stored document as a story: its events read once, its pair's last two weeks from the counts. */
export async function storyOf(store: Repository, doc: DocumentSummary): Promise<Story> {
  const events =
    doc.counts.events > 0 ? (await store.queryEvents({ docId: doc.id, limit: 500, offset: 0 })).items : [];
  const actors = tally(events.flatMap((e) => [keyOf(e.actor), keyOf(e.recipient)]).filter(isKey));
  const types = tally(events.map((e) => e.type)).map(({ key, count }) => ({ type: key, count }));
  const pair = mainPair(events);
  const day = (doc.published ?? doc.createdAt).slice(0, 10);
  let sparkline: Story['sparkline'] = null;
  if (pair && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const from = addDays(day, -(SPARK_DAYS - 1));
    const series = await dyadSeries(store, { a: pair[0], b: pair[1], by: 'day', from, to: day });
    const counts = new Array<number>(SPARK_DAYS).fill(0);
    for (const p of series.periods) {
      const i = daysBetween(from, p.period.slice(2));
      if (i >= 0 && i < SPARK_DAYS) counts[i] = p.ab.events + p.ba.events;
    }
    sparkline = { a: pair[0], b: pair[1], from, counts };
  }
  return {
    id: doc.id,
    title: doc.title || doc.snippet.slice(0, 120) || doc.id.slice(0, 12),
    uri: doc.uri,
    source: sourceOf(doc.uri),
    published: doc.published,
    storedAt: doc.createdAt,
    events: doc.counts.events,
    actors: actors.slice(0, 4),
    types: types.slice(0, 5),
    sparkline,
  };
}

function keyOf(p: EventRow['actor']): string | null {
  if (!p) return null;
  return p.country ?? (p.text.trim() || null);
}

function isKey(key: string | null): key is string {
  return key !== null;
}

function tally(keys: readonly string[]): StoryActor[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : 1));
}

/** The most frequent pair of distinct countries acting on each other, either way. */
function mainPair(events: readonly EventRow[]): [string, string] | null {
  const pairs = tally(
    events
      .filter((e) => e.actor?.country && e.recipient?.country && e.actor.country !== e.recipient.country)
      .map((e) => [e.actor?.country, e.recipient?.country].sort().join(' ')),
  );
  const top = pairs[0]?.key.split(' ');
  return top?.length === 2 ? [top[0] as string, top[1] as string] : null;
}

function sourceOf(uri: string): string {
  if (/^https?:\/\//i.test(uri)) {
    try {
      return new URL(uri).hostname.replace(/^www\./, '');
    } catch {
      // fall through to the name
    }
  }
  return uri.split(/[\\/]/).pop()?.split('#')[0] || uri;
}

function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface LiveFeedOptions {
  /** How often the store is asked for new rows while anyone listens (default 1 s). */
  intervalMs?: number;
  /**
   * How far back each poll looks again: a transaction that took its timestamp before another's but
   * committed after it (two writers) is still seen. Ids already pushed are not pushed twice.
   */
  lookbackMs?: number;
  now?: () => Date;
  /** Where a failed poll is reported (the feed goes on). */
  onError?: (error: unknown) => void;
}

export interface LiveFeed {
  /** Calls `push` with each batch of new stories; `end` when the feed closes. Returns unsubscribe. */
  subscribe(push: (stories: Story[]) => void, end?: () => void): () => void;
  /** Stops polling and ends every subscription. */
  close(): void;
}

const PAGE = 200;

/** Polls only while someone is subscribed; one poll serves every subscriber. */
export function createLiveFeed(store: Repository, options: LiveFeedOptions = {}): LiveFeed {
  const intervalMs = options.intervalMs ?? 1000;
  const lookbackMs = options.lookbackMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const subscribers = new Map<number, { push: (stories: Story[]) => void; end?: () => void }>();
  const seen = new Map<string, number>();
  let nextId = 0;
  let watermark = 0;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let closed = false;

  const poll = async () => {
    if (polling || closed) return;
    polling = true;
    try {
      let since = watermark - lookbackMs;
      const fresh: DocumentSummary[] = [];
      // A burst larger than a page: read on from the last row until a page is not full.
      for (let pages = 0; pages < 50; pages++) {
        const rows = await store.listStoredSince({ since: new Date(since).toISOString(), limit: PAGE });
        for (const row of rows) {
          const at = Date.parse(row.createdAt);
          if (!seen.has(row.id)) fresh.push(row);
          seen.set(row.id, at);
          if (at > watermark) watermark = at;
        }
        const last = rows.at(-1);
        if (rows.length < PAGE || !last || Date.parse(last.createdAt) === since) break;
        since = Date.parse(last.createdAt);
      }
      for (const [id, at] of seen) if (at < watermark - lookbackMs) seen.delete(id);
      if (fresh.length === 0 || subscribers.size === 0) return;
      const stories = await Promise.all(fresh.map((doc) => storyOf(store, doc)));
      for (const s of subscribers.values()) s.push(stories);
    } catch (error) {
      options.onError?.(error);
    } finally {
      polling = false;
    }
  };

  return {
    subscribe(push, end) {
      const id = nextId++;
      if (closed) {
        end?.();
        return () => {};
      }
      subscribers.set(id, { push, ...(end ? { end } : {}) });
      if (!timer) {
        // What was stored before anyone listened is on the page already: start from now.
        watermark = Math.max(watermark, now().getTime());
        timer = setInterval(() => void poll(), intervalMs);
        timer.unref();
      }
      return () => {
        subscribers.delete(id);
        if (subscribers.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      for (const s of subscribers.values()) s.end?.();
      subscribers.clear();
    },
  };
}
