import type { DocumentSummary, Repository, StoryRow } from '../store/repository.js';

/**
 * What is happening now: the latest story clusters (stages/06-link/stories.ts, migration 8), each with
 * its main actors, event types, outlets and a sparkline of its articles per day, and a feed that
 * pushes a story each time an article joins it or opens it — also when another process (`tidings
 * ingest`, `watch`) writes the same store. The feed polls the store's newest rows by the order they
 * were stored (an index on created_at, id), which works alike on both engines and across processes.
 */

/** The article that brought a story to the top: the newest one stored. */
export interface StoryArrival {
  docId: string;
  title: string;
  /** Where it came from: the host of its URL, else its file or input name. */
  source: string;
  published: string | null;
  storedAt: string;
}

export interface Story {
  id: number;
  /** Main actors and main event: `Vladimir Putin, Xi Jinping: CONSULT`. */
  label: string;
  /** The most named people, countries and organisations, with how many of its articles name them (at most 5). */
  actors: { id: string; name: string; articles: number }[];
  /** PLOVER event types its articles assert, the most reported first (at most 5). */
  types: string[];
  /** Its outlets, the most articles first (up to ten), and how many there are. */
  sources: string[];
  numSources: number;
  /** Articles. */
  size: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Live only: the article just stored in it. */
  latest: StoryArrival | null;
  /** Its articles per publication day over the 14 days ending on its last day; null when none was dated. */
  sparkline: { from: string; counts: number[] } | null;
}

const SPARK_DAYS = 14;

/** The newest stories, by their last day (what the Now page shows first). */
export async function latestStories(store: Repository, limit = 20): Promise<Story[]> {
  const page = await store.listStories({ limit: Math.min(Math.max(limit, 1), 100), offset: 0 });
  return withSparklines(store, page.items);
}

/** Stories as the Now page shows them: each with its articles per day over its last two weeks. */
export async function withSparklines(
  store: Repository,
  rows: readonly StoryRow[],
  latest: ReadonlyMap<number, StoryArrival> = new Map(),
): Promise<Story[]> {
  const starts = rows.map((r) => (r.lastSeen ? addDays(r.lastSeen, -(SPARK_DAYS - 1)) : null));
  const earliest = starts.filter((d): d is string => d !== null).sort()[0];
  const days = earliest
    ? await store.storyDays(
        rows.filter((r) => r.lastSeen).map((r) => r.id),
        earliest,
      )
    : [];
  return rows.map((r, k) => {
    const from = starts[k] ?? null;
    let sparkline: Story['sparkline'] = null;
    if (from) {
      const counts = new Array<number>(SPARK_DAYS).fill(0);
      for (const d of days) {
        if (d.storyId !== r.id) continue;
        const i = daysBetween(from, d.day);
        if (i >= 0 && i < SPARK_DAYS) counts[i] = (counts[i] ?? 0) + d.articles;
      }
      sparkline = { from, counts };
    }
    return {
      id: r.id,
      label: r.label,
      actors: r.actors.slice(0, 5),
      types: r.eventTypes.slice(0, 5),
      sources: r.sources,
      numSources: r.numSources,
      size: r.size,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      latest: latest.get(r.id) ?? null,
      sparkline,
    };
  });
}

/** The stories that stored documents joined (or opened), each once, with the newest of them as its arrival. */
export async function storiesOf(store: Repository, docs: readonly DocumentSummary[]): Promise<Story[]> {
  const latest = new Map<number, StoryArrival>();
  const ids = await Promise.all(docs.map((d) => (d.status === 'ok' ? store.storyOfDocument(d.id) : null)));
  docs.forEach((doc, k) => {
    const id = ids[k];
    if (id === null || id === undefined) return;
    const kept = latest.get(id);
    if (kept && kept.storedAt > doc.createdAt) return;
    latest.set(id, {
      docId: doc.id,
      title: doc.title || doc.snippet.slice(0, 120) || doc.id.slice(0, 12),
      source: sourceOf(doc.uri),
      published: doc.published,
      storedAt: doc.createdAt,
    });
  });
  if (latest.size === 0) return [];
  const page = await store.listStories({ ids: [...latest.keys()], limit: latest.size, offset: 0 });
  return withSparklines(store, page.items, latest);
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
  const t = Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + n * 86_400_000;
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

  let priming: Promise<void> | null = null;
  const prime = async () => {
    try {
      const since = new Date(watermark - lookbackMs).toISOString();
      for (const row of await store.listStoredSince({ since, limit: PAGE })) {
        if (Date.parse(row.createdAt) <= watermark) seen.set(row.id, Date.parse(row.createdAt));
      }
    } catch (error) {
      options.onError?.(error);
    }
  };

  const poll = async () => {
    if (polling || closed) return;
    polling = true;
    try {
      if (priming) {
        const primed = priming;
        priming = null;
        await primed;
      }
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
      // Oldest arrival first: a page puts each story it is sent on top, so the newest must come last.
      const stories = (await storiesOf(store, fresh)).sort((a, b) =>
        (a.latest?.storedAt ?? '') < (b.latest?.storedAt ?? '')
          ? -1
          : (a.latest?.storedAt ?? '') > (b.latest?.storedAt ?? '')
            ? 1
            : 0,
      );
      if (stories.length === 0) return;
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
        // The look-back reaches before this moment: what is stored in it is on the page already, so it
        // is marked seen before the first poll (else it would be sent again, and land on top of newer).
        priming = prime();
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
