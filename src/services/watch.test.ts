import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeDoc } from '../pipeline.js';
import { Fetcher } from '../stages/01-ingest/index.js';
import { openStore } from '../store/open-store.js';
import { watch } from './watch.js';

let server: Server;
let base: string;
let dir: string;
const hits = new Map<string, number>();
/** The items the feed lists now, newest first; the feed's ETag changes with them. */
let items: number[] = [1, 2];
let feedBroken = false;

const story = (n: number) =>
  `Story ${n}: the council met on Monday and approved plan number ${n} after a long debate about roads.`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-watch-'));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow:\n');
    } else if (path === '/feed.xml') {
      if (feedBroken) {
        res.writeHead(503);
        res.end();
        return;
      }
      const etag = `"${items.join('-')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title><ttl>1</ttl>${items
          .map(
            (n) =>
              `<item><title>Story ${n}</title><link>${base}/story/${n}</link><guid>story-${n}</guid><pubDate>Tue, 14 May 2024 0${n % 10}:00:00 GMT</pubDate><description>Summary ${n}.</description></item>`,
          )
          .join('')}</channel></rss>`,
      );
    } else if (path.startsWith('/story/')) {
      const n = Number(path.slice(7));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Story ${n}</title></head><body><nav><a href="/">Home</a></nav><article><h1>Story ${n}</h1><p>${story(n)}</p><p>Residents will be consulted again in June, officials said.</p></article></body></html>`,
      );
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

test('watch: new items are fetched and ingested once, across restarts; ETag, TTL and back-off', async () => {
  const db = join(dir, 'watch.db');
  const statePath = join(dir, 'watch.json');
  const run = async (extra: { now?: () => number } = {}) => {
    const store = await openStore(db);
    try {
      return await watch({
        urls: [`${base}/feed.xml`],
        store,
        analyze: analyzeDoc,
        fetcher: new Fetcher({ hostIntervalMs: 0, timeoutMs: 30000 }),
        statePath,
        once: true,
        ...extra,
      });
    } finally {
      await store.close();
    }
  };

  const first = await run();
  assert.equal(first.inserted, 2);
  assert.equal(hits.get('/story/1'), 1);
  const store = await openStore(db);
  const docs = await store.listDocuments({ limit: 10, offset: 0 });
  assert.deepEqual(docs.items.map((d) => d.title).sort(), ['Story 1', 'Story 2']);
  const stored = await store.getDocument(docs.items[0]?.id ?? '');
  assert.ok(stored?.text.includes('Residents will be consulted'), 'the item’s page, not its summary');
  assert.ok(await store.getRaw(stored?.id ?? ''), 'the page is kept');
  await store.close();

  // A restart with nothing new: the feed answers 304 to the ETag kept in the state file.
  const second = await run();
  assert.equal(second.notModified, 1);
  assert.equal(second.processed, 0);

  // A new item: only it is fetched and stored; the old pages are not fetched again.
  items = [3, 2, 1];
  const third = await run();
  assert.equal(third.inserted, 1);
  assert.equal(hits.get('/story/3'), 1);
  assert.equal(hits.get('/story/1'), 1);
  assert.equal(hits.get('/story/2'), 1);

  // A failing feed is reported and tried again later, not crashed on.
  feedBroken = true;
  const failing = await run();
  assert.equal(failing.failures, 1);
  feedBroken = false;
});

test('watch: the loop waits for the feed’s TTL and backs off after failures', async () => {
  const statePath = join(dir, 'loop.json');
  const store = await openStore(':memory:');
  let clock = 0;
  const pauses: number[] = [];
  const controller = new AbortController();
  feedBroken = true;
  await watch({
    urls: [`${base}/feed.xml`],
    store,
    analyze: analyzeDoc,
    fetcher: new Fetcher({ hostIntervalMs: 0, timeoutMs: 30000 }),
    statePath,
    intervalMs: 10_000,
    now: () => clock,
    sleep: async (ms) => {
      pauses.push(ms);
      clock += ms;
      if (pauses.length === 3) feedBroken = false;
      if (pauses.length === 5) controller.abort();
    },
    signal: controller.signal,
  });
  // Failures double the pause (20 s, 40 s, 80 s); once the feed answers, its <ttl> of one minute rules.
  assert.deepEqual(pauses, [20_000, 40_000, 80_000, 60_000, 60_000]);
  await store.close();
});
