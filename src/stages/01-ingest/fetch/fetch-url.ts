import robotsParserModule from 'robots-parser';
import type { Problem } from '../check-text.js';

/**
 * Fetching a URL politely and safely: a User-Agent that names Tidings, robots.txt honoured (fetched
 * once per origin), at most one request per host at a time with a pause between them (the site's
 * Crawl-delay when it asks for more), a time limit on the whole exchange (a server that never answers,
 * or answers forever, is cut off), a size limit on the body as it streams (decompressed: a gzip bomb
 * stops at the limit), and redirects followed by hand, a few at most, http and https only.
 */

interface Robots {
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS: its module.exports is the function its typings call the default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;
/** Errors of a connection the server closed before it answered: worth one more try on a fresh connection. */
const CONNECTION_RESET: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export const USER_AGENT = 'Tidings/0.1 (news event extraction; +https://github.com/tidings)';
/** The product token robots.txt rules are matched against. */
export const ROBOTS_AGENT = 'Tidings';

export interface FetchOptions {
  /** The whole exchange, headers and body (default 20 s). */
  timeoutMs?: number;
  /** Largest body accepted, decompressed (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Pause between two requests to the same host (default 1,000 ms). */
  hostIntervalMs?: number;
  /** Conditional request headers (a feed polled again). */
  etag?: string;
  lastModified?: string;
  /** Read robots.txt and obey it (default true). */
  robots?: boolean;
  /** The fetch implementation (tests). */
  fetch?: typeof fetch;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: string;
  status: number;
  /** `Content-Type` without parameters, lowercased. */
  mediaType: string;
  /** The charset `Content-Type` declares, if any. */
  charset?: string;
  etag?: string;
  lastModified?: string;
  /** Empty for 304 Not Modified. */
  bytes: Uint8Array;
}

export type FetchResult = { ok: true; response: Fetched } | { ok: false; problem: Problem; status?: number };

interface HostState {
  /** When the next request to this host may start (ms since the epoch). */
  nextAt: number;
  /** The pause robots.txt asks for (Crawl-delay), once read. */
  crawlDelayMs: number;
  /** The tail of the queue of requests to this host. */
  tail: Promise<void>;
}

/**
 * A fetcher with its own robots.txt cache and per-host queue; one per `tidings ingest` or `watch`
 * run. Nothing here is module state: two fetchers never share limits.
 */
export class Fetcher {
  readonly #options: Required<Omit<FetchOptions, 'etag' | 'lastModified' | 'fetch'>>;
  readonly #fetch: typeof fetch;
  readonly #hosts = new Map<string, HostState>();
  readonly #robots = new Map<string, Promise<RobotsRules>>();

  constructor(options: FetchOptions = {}) {
    this.#options = {
      timeoutMs: options.timeoutMs ?? 20_000,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      hostIntervalMs: options.hostIntervalMs ?? 1000,
      robots: options.robots ?? true,
    };
    this.#fetch = options.fetch ?? fetch;
  }

  /** GETs `url`, following redirects, obeying robots.txt and the host's pace. Never throws. */
  async get(url: string, options: Pick<FetchOptions, 'etag' | 'lastModified'> = {}): Promise<FetchResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return fail('ingest:bad-url', `"${url.slice(0, 200)}" is not a URL`);
    }
    for (let redirects = 0; ; redirects++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return fail(
          'ingest:bad-url',
          `only http and https URLs are fetched, not ${current.protocol}`,
          current.href,
        );
      }
      if (this.#options.robots && current.pathname !== '/robots.txt') {
        const rules = await this.#rulesFor(current);
        if (rules.disallowed(current.href)) {
          return fail(
            'ingest:robots-disallowed',
            `robots.txt of ${current.host} disallows ${ROBOTS_AGENT} here`,
            current.href,
          );
        }
      }
      const result = await this.#once(current, redirects === 0 ? options : {});
      if (!result.ok || !('location' in result)) return result;
      if (redirects >= this.#options.maxRedirects) {
        return fail(
          'ingest:too-many-redirects',
          `more than ${this.#options.maxRedirects} redirects`,
          current.href,
        );
      }
      try {
        current = new URL(result.location, current);
      } catch {
        return fail(
          'ingest:bad-redirect',
          `a redirect to "${result.location.slice(0, 200)}", which is not a URL`,
        );
      }
    }
  }

  /**
   * One request, in the host's queue: a response, a redirect to follow, or a problem. A connection the
   * server closed before answering (a kept-alive socket it had already dropped as idle) is tried once
   * more on a fresh one: a GET may be repeated, and without this a watch that spends longer analysing
   * a page than the server keeps idle connections fails every other fetch.
   */
  async #once(
    url: URL,
    conditional: Pick<FetchOptions, 'etag' | 'lastModified'>,
  ): Promise<FetchResult | { ok: true; location: string }> {
    const first = await this.#request(url, conditional);
    if ('reset' in first) {
      const second = await this.#request(url, conditional);
      return 'reset' in second ? second.problem : second;
    }
    return first;
  }

  async #request(
    url: URL,
    conditional: Pick<FetchOptions, 'etag' | 'lastModified'>,
  ): Promise<FetchResult | { ok: true; location: string } | { reset: true; problem: FetchResult }> {
    return this.#inTurn(url.host, async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs);
      try {
        const headers: Record<string, string> = {
          'user-agent': USER_AGENT,
          accept:
            'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5',
        };
        if (conditional.etag) headers['if-none-match'] = conditional.etag;
        if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
        const response = await this.#fetch(url.href, {
          headers,
          redirect: 'manual',
          signal: controller.signal,
        });
        if (response.status >= 300 && response.status < 400 && response.status !== 304) {
          await response.body?.cancel().catch(() => {});
          const location = response.headers.get('location');
          if (!location)
            return fail('ingest:bad-redirect', `HTTP ${response.status} without a Location`, url.href);
          return { ok: true as const, location };
        }
        const type = response.headers.get('content-type') ?? '';
        const fetched: Fetched = {
          url: url.href,
          status: response.status,
          mediaType: (type.split(';')[0] ?? '').trim().toLowerCase(),
          bytes: new Uint8Array(),
        };
        const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
        if (charset) fetched.charset = charset;
        const etag = response.headers.get('etag');
        if (etag) fetched.etag = etag;
        const lastModified = response.headers.get('last-modified');
        if (lastModified) fetched.lastModified = lastModified;
        if (response.status === 304) return { ok: true as const, response: fetched };
        if (response.status >= 400) {
          await response.body?.cancel().catch(() => {});
          return {
            ok: false as const,
            status: response.status,
            problem: {
              ruleId: 'ingest:http-error',
              reason: `HTTP ${response.status} from ${url.host}`,
              actual: url.href,
            },
          };
        }
        const declared = Number(response.headers.get('content-length'));
        if (Number.isFinite(declared) && declared > this.#options.maxBytes) {
          await response.body?.cancel().catch(() => {});
          return tooLarge(url, declared, this.#options.maxBytes);
        }
        const body = await readLimited(response, this.#options.maxBytes);
        if (body === undefined) return tooLarge(url, undefined, this.#options.maxBytes);
        fetched.bytes = body;
        return { ok: true as const, response: fetched };
      } catch (error) {
        if (controller.signal.aborted) {
          return fail(
            'ingest:fetch-timeout',
            `no complete answer from ${url.host} within ${this.#options.timeoutMs / 1000} s`,
            url.href,
          );
        }
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        const problem = fail(
          'ingest:fetch-failed',
          `cannot fetch ${url.href}: ${cause ?? (error instanceof Error ? error.message : String(error))}`,
          url.href,
        );
        return cause !== undefined && CONNECTION_RESET.has(cause)
          ? { reset: true as const, problem }
          : problem;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /** Runs `task` when the host's previous request is done and its pause has passed. */
  async #inTurn<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#host(host);
    const previous = state.tail;
    let release: () => void = () => {};
    state.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    const wait = state.nextAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await task();
    } finally {
      state.nextAt =
        Date.now() + Math.max(this.#options.hostIntervalMs, Math.min(state.crawlDelayMs, 60_000));
      release();
    }
  }

  #host(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { nextAt: 0, crawlDelayMs: 0, tail: Promise.resolve() };
      this.#hosts.set(host, state);
    }
    return state;
  }

  #rulesFor(url: URL): Promise<RobotsRules> {
    const key = `${url.protocol}//${url.host}`;
    let rules = this.#robots.get(key);
    if (!rules) {
      rules = this.#loadRobots(url).then((loaded) => {
        this.#host(url.host).crawlDelayMs = loaded.crawlDelayMs;
        return loaded;
      });
      this.#robots.set(key, rules);
    }
    return rules;
  }

  async #loadRobots(url: URL): Promise<RobotsRules> {
    const robotsUrl = new URL('/robots.txt', url);
    const result = await this.#once(robotsUrl, {});
    if (result.ok && 'response' in result) {
      const text = Buffer.from(result.response.bytes).toString('utf8');
      const robots = robotsParser(robotsUrl.href, text);
      const delay = robots.getCrawlDelay(ROBOTS_AGENT);
      return {
        disallowed: (href) => robots.isDisallowed(href, ROBOTS_AGENT) === true,
        crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : 0,
      };
    }
    // No robots.txt (4xx), or one that cannot be had: a server error means "stay away" until it answers.
    const serverError = !result.ok && result.status !== undefined && result.status >= 500;
    return { disallowed: () => serverError, crawlDelayMs: 0 };
  }
}

interface RobotsRules {
  disallowed(href: string): boolean;
  crawlDelayMs: number;
}

function fail(ruleId: string, reason: string, actual?: string): { ok: false; problem: Problem } {
  return { ok: false, problem: actual === undefined ? { ruleId, reason } : { ruleId, reason, actual } };
}

function tooLarge(url: URL, size: number | undefined, max: number): { ok: false; problem: Problem } {
  return {
    ok: false,
    problem: {
      ruleId: 'ingest:too-large',
      reason: `the answer from ${url.host} is ${size === undefined ? 'over' : `${size} bytes, over`} the ${max}-byte limit; not kept`,
      actual: size === undefined ? `> ${max}` : String(size),
      expected: `<= ${max}`,
    },
  };
}

/** The body, or undefined as soon as it passes `max` bytes (the rest is never read). */
async function readLimited(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    parts.push(value);
  }
  return Buffer.concat(parts, size);
}
