import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readInputs } from '../read-inputs.js';
import { Fetcher, USER_AGENT } from './fetch-url.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let active = 0;
let maxActive = 0;
const agents: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    agents.push(String(req.headers['user-agent']));
    active++;
    maxActive = Math.max(maxActive, active);
    res.on('close', () => active--);
    const route = routes.get(path);
    if (route) route(req, res);
    else {
      res.writeHead(404);
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set('/robots.txt', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('User-agent: *\nDisallow: /private\n\nUser-agent: OtherBot\nDisallow: /other-bot\n');
  });
  const page = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
    res.end(
      '<html><head><title>Bridge reopens</title></head><body><article><p>The bridge reopened to traffic on Monday after two years of repairs, the city said.</p></article></body></html>',
    );
  };
  routes.set('/page', page);
  routes.set('/private/page', page);
  routes.set('/other-bot/page', page);
  for (let i = 0; i < 12; i++) {
    routes.set(`/hop${i}`, (_req, res) => {
      res.writeHead(302, { location: `/hop${i + 1}` });
      res.end();
    });
  }
  routes.set('/hop3', (_req, res) => {
    res.writeHead(301, { location: '/page' });
    res.end();
  });
  routes.set('/silent', () => {}); // never answers
  // Drops the connection unanswered on every odd hit, as a server does with a kept-alive socket it closed as idle.
  routes.set('/drops', (req, res) => {
    if ((hits.get('/drops') ?? 0) % 2 === 1) {
      req.socket.destroy();
      return;
    }
    page(req, res);
  });
  routes.set('/always-drops', (req) => req.socket.destroy());
  routes.set('/forever', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('<p>more</p>'), 20);
    res.on('close', () => clearInterval(timer));
  });
  routes.set('/big', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(Buffer.alloc(300_000, 0x61));
  });
  routes.set('/bomb', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.alloc(50_000_000, 0x20)));
  });
  routes.set('/image', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
  routes.set('/cond', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { etag: '"v1"' });
      res.end();
      return;
    }
    page(req, res);
  });
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const fast = () => new Fetcher({ hostIntervalMs: 0, timeoutMs: 20_000, maxBytes: 100_000 });

test('a page is fetched with a User-Agent that names Tidings, and read like a file', async () => {
  const items = [];
  for await (const item of readInputs([`${base}/page`], { fetcher: fast() })) items.push(item);
  assert.equal(items.length, 1);
  assert.ok(items[0]?.doc.text.startsWith('Bridge reopens\n\nThe bridge reopened'));
  assert.equal(items[0]?.doc.source.uri, `${base}/page`);
  assert.equal(items[0]?.raw?.mediaType, 'text/html');
  assert.ok(agents.every((a) => a === USER_AGENT));
  assert.match(USER_AGENT, /^Tidings\//);
});

test("robots.txt is read once per host and obeyed (another bot's rules do not bind Tidings)", async () => {
  const fetcher = fast();
  const before = hits.get('/robots.txt') ?? 0;
  const denied = await fetcher.get(`${base}/private/page`);
  const other = await fetcher.get(`${base}/other-bot/page`);
  const allowed = await fetcher.get(`${base}/page`);
  assert.equal(denied.ok ? 'ok' : denied.problem.ruleId, 'ingest:robots-disallowed');
  assert.equal(other.ok, true);
  assert.equal(allowed.ok, true);
  assert.equal((hits.get('/robots.txt') ?? 0) - before, 1);
  assert.equal(hits.get('/private/page') ?? 0, 0);
});

test('redirects are followed within the limit; past it, a diagnostic', async () => {
  const short = await fast().get(`${base}/hop1`);
  assert.ok(short.ok && short.response.url === `${base}/page`);
  const loop = await new Fetcher({ hostIntervalMs: 0, maxRedirects: 2 }).get(`${base}/hop5`);
  assert.equal(loop.ok ? 'ok' : loop.problem.ruleId, 'ingest:too-many-redirects');
});

test('a server that never answers, or answers forever, is cut off by the time limit', async () => {
  const fetcher = new Fetcher({ hostIntervalMs: 0, timeoutMs: 300, robots: false, maxBytes: 10_000_000 });
  for (const path of ['/silent', '/forever']) {
    const result = await fetcher.get(`${base}${path}`);
    assert.equal(result.ok ? 'ok' : result.problem.ruleId, 'ingest:fetch-timeout', path);
  }
});

test('a body over the size limit is dropped as it streams, gzip bombs included', async () => {
  const fetcher = fast();
  for (const path of ['/big', '/bomb']) {
    const result = await fetcher.get(`${base}${path}`);
    assert.equal(result.ok ? 'ok' : result.problem.ruleId, 'ingest:too-large', path);
  }
});

test('what cannot be fetched or read is a rejected document, and the batch goes on', async () => {
  const urls = [`${base}/missing`, `${base}/image`, 'http://127.0.0.1:1/refused', `${base}/page`];
  const rules: (string | undefined)[] = [];
  for await (const item of readInputs(urls, { fetcher: fast() })) {
    rules.push(item.doc.rejected ? item.doc.diagnostics.at(-1)?.ruleId : 'ok');
  }
  assert.deepEqual(rules, [
    'ingest:http-error',
    'ingest:unsupported-media-type',
    'ingest:fetch-failed',
    'ok',
  ]);
});

test('an ETag is sent back and a 304 is an empty answer', async () => {
  const result = await fast().get(`${base}/cond`, { etag: '"v1"' });
  assert.ok(result.ok);
  assert.equal(result.response.status, 304);
  assert.equal(result.response.bytes.length, 0);
});

test('one request at a time per host, however many are asked for at once', async () => {
  maxActive = 0;
  const fetcher = new Fetcher({ hostIntervalMs: 5 });
  await Promise.all(Array.from({ length: 6 }, () => fetcher.get(`${base}/page`)));
  assert.equal(maxActive, 1);
});

test('a connection closed before any answer is tried once more on a fresh one, then reported', async () => {
  const fetcher = fast();
  const result = await fetcher.get(`${base}/drops`);
  assert.ok(result.ok, 'the second try is answered');
  assert.equal(hits.get('/drops'), 2);
  const failed = await fetcher.get(`${base}/always-drops`);
  assert.ok(!failed.ok);
  assert.equal(failed.problem.ruleId, 'ingest:fetch-failed');
  assert.equal(hits.get('/always-drops'), 2, 'one retry, not more');
});
