// What a hostile page or client can do to a server on localhost: write without the token,
// rebind a DNS name to it, post across sites, trickle a body, send broken URLs.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerErrorEntry } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze, GENEVA_TEXT } from '../support/fake-analyze.js';

let store: Repository;
let app: FastifyInstance;
let port: number;
let docId: string;
const logged: ServerErrorEntry[] = [];

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({
    token: TEST_TOKEN,
    store,
    analyze: fakeAnalyze,
    bodyTimeoutMs: 600,
    allowedHosts: ['tidings.lan'],
    logError: (entry) => logged.push(entry),
  });
  // In process, before listening: there is no bound port yet for the Host check to compare.
  const res = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT },
  });
  assert.equal(res.statusCode, 201, res.body);
  docId = res.json().id;
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

after(async () => {
  await app.close();
  await store.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP request over the socket, with whatever Host the caller picks. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...headers } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function assertErrorBody(answer: Answer, status: number, code?: string): void {
  assert.equal(answer.status, status, answer.body);
  const body = JSON.parse(answer.body);
  assert.deepEqual(Object.keys(body).sort(), ['details', 'error', 'message']);
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.message, 'string');
  if (code) assert.equal(body.details?.code, code, answer.body);
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const post = (headers: Record<string, string>, text = 'Macron met Scholz in Geneva.') =>
  send('POST', '/api/documents', { ...JSON_HEADERS, ...headers }, JSON.stringify({ text }));

describe('writes need the token', () => {
  test('POST without a token is 401, with a wrong one 401, with the right one 201', async () => {
    const none = await post({});
    assertErrorBody(none, 401, 'TOKEN_REQUIRED');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assertErrorBody(await post({ authorization: 'Bearer not-the-token-at-all' }), 401);
    assertErrorBody(await post({ authorization: `Basic ${TEST_TOKEN}` }), 401);
    const ok = await post(auth(), 'Olaf Scholz spoke in Geneva on a token.');
    assert.equal(ok.status, 201, ok.body);
  });

  test('nothing is stored by a refused write', async () => {
    const count = async () => JSON.parse((await send('GET', '/api/stats')).body).documents;
    const before = await count();
    await post({}, 'A refused write must not be stored.');
    assert.equal(await count(), before);
  });

  test('DELETE is a write too: refused without the token before routing', async () => {
    assertErrorBody(await send('DELETE', `/api/documents/${docId}`), 401);
  });

  test('reads need no token', async () => {
    assert.equal((await send('GET', '/api/health')).status, 200);
    assert.equal((await send('GET', '/')).status, 200);
  });

  test('a short or spaced token is a programmer error', () => {
    assert.throws(() => buildServer({ token: 'short', store, analyze: fakeAnalyze }), /at least 16/);
    assert.throws(
      () => buildServer({ token: 'has a space in it, long enough', store, analyze: fakeAnalyze }),
      /printable/,
    );
  });
});

describe('Host and Origin', () => {
  test('a foreign Host (DNS rebinding) is 403 on reads and writes', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, 'localhost.evil.example']) {
      assertErrorBody(await send('GET', '/api/health', { host }), 403, 'FOREIGN_HOST');
      assert.equal((await send('GET', '/', { host })).status, 403);
      assertErrorBody(await post({ ...auth(), host }), 403, 'FOREIGN_HOST');
    }
  });

  test('loopback names with the bound port, and configured names, are accepted', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `TIDINGS.lan:${port}`]) {
      assert.equal((await send('GET', '/api/health', { host })).status, 200, host);
    }
  });

  test('a loopback name with another port is 403 (another local service rebinding to us)', async () => {
    assertErrorBody(await send('GET', '/api/health', { host: `localhost:${port + 1}` }), 403);
    assertErrorBody(await send('GET', '/api/health', { host: 'localhost' }), 403);
  });

  test('a foreign Origin on a write is 403, even with the token; the same origin is fine', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${port + 1}`, 'file://']) {
      assertErrorBody(await post({ ...auth(), origin }), 403, 'FOREIGN_ORIGIN');
    }
    assertErrorBody(await post({ ...auth(), 'sec-fetch-site': 'cross-site' }), 403, 'FOREIGN_ORIGIN');
    const same = await post({ ...auth(), origin: `http://localhost:${port}` }, 'Same origin Macron spoke.');
    assert.equal(same.status, 201, same.body);
  });
});

describe('security headers and no inline script', () => {
  test('pages, API answers, errors and 404s carry CSP, nosniff, frame-ancestors and Referrer-Policy', async () => {
    for (const path of ['/', `/documents/${docId}`, '/events', '/api/health', '/api/nothing', '/no/page']) {
      const res = await send('GET', path);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'none'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /style-src 'self'(;|$)/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.ok(!csp.includes('unsafe-inline'), path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(res.headers['referrer-policy'], 'same-origin', path);
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, path);
    }
    const refused = await post({});
    assert.match(String(refused.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('pages have no inline script, style element or style attribute; their assets are served', async () => {
    for (const path of ['/', `/documents/${docId}`, '/events', '/no/page']) {
      const page = (await send('GET', path)).body;
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(page), `${path}: inline <script>`);
      assert.ok(!/<style/i.test(page), `${path}: <style> element`);
      assert.ok(!/\sstyle=/i.test(page), `${path}: style attribute`);
      assert.ok(!/\son[a-z]+=/i.test(page), `${path}: event handler attribute`);
      for (const [, src] of page.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)) {
        const asset = await send('GET', src as string);
        assert.equal(asset.status, 200, src);
        assert.match(String(asset.headers['content-type']), /^text\/(css|javascript)/);
        assert.ok(asset.body.length > 100);
      }
    }
  });
});

describe('slow bodies, long and broken URLs', () => {
  test('a body trickled one byte at a time is cut off with 408 in the error shape', async () => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    socket.setEncoding('utf8');
    socket.on('data', (c) => {
      answer += c;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `POST /api/documents HTTP/1.1\r\nHost: localhost:${port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
        'Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\n',
    );
    const trickle = setInterval(() => {
      if (!socket.destroyed && socket.writable) {
        socket.write('x');
        sent++;
      }
    }, 60);
    await closed;
    clearInterval(trickle);
    assert.match(answer, /^HTTP\/1\.1 408 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(body.error, 'Request Timeout');
    assert.equal(body.details.code, 'BODY_TIMEOUT');
    // 1000 bytes at one per 60 ms would take a minute: the server cut it off long before.
    assert.ok(sent < 500, `${sent} bytes were trickled before the cut`);
  });

  test('a request target over 8 KB is 414; a path segment over 200 characters is 414', async () => {
    assertErrorBody(await send('GET', `/api/documents?q=${'a'.repeat(9000)}`), 414, 'URI_TOO_LONG');
    assertErrorBody(await send('GET', `/api/documents/${'a'.repeat(300)}`), 414);
  });

  test('headers over the HTTP limit get 431 in the same shape', async () => {
    const res = await send('GET', '/api/health', { 'x-padding': 'p'.repeat(20_000) });
    assertErrorBody(res, 431);
  });

  test('bad percent-encoding in the path is 400 in the error shape', async () => {
    assertErrorBody(await send('GET', '/api/documents/%E0%A4%A'), 400, 'FST_ERR_BAD_URL');
    const page = await send('GET', '/documents/%E0%A4%A');
    assert.equal(page.status, 400);
    assert.match(String(page.headers['content-type']), /text\/html/);
  });
});

describe('search and server errors', () => {
  test('a search made only of punctuation finds nothing, on the API and the page', async () => {
    const total = async (q: string) =>
      JSON.parse((await send('GET', `/api/documents?q=${encodeURIComponent(q)}`)).body).total;
    assert.ok((await total('geneva')) > 0);
    for (const q of ['!!!', '"', '*', '-- ;', '…']) assert.equal(await total(q), 0, q);
    assert.match((await send('GET', '/?q=%21%21')).body, /No article matches/);
  });

  test('every 5xx is logged with the request id; a busy database is 503 with Retry-After', async () => {
    const failing = await openStore(':memory:');
    const errors: ServerErrorEntry[] = [];
    const broken = buildServer({
      token: TEST_TOKEN,
      store: new Proxy(failing, {
        get(target, key, receiver) {
          if (key === 'stats') {
            return async () => {
              throw new Error('disk on fire');
            };
          }
          if (key === 'listDocuments') {
            return async () => {
              throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
            };
          }
          const value = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
      analyze: fakeAnalyze,
      logError: (e) => errors.push(e),
    });
    try {
      const res = await broken.inject('/api/stats');
      assert.equal(res.statusCode, 500);
      const id = res.headers['x-request-id'];
      assert.match(res.json().message, new RegExp(`request ${id}`));
      assert.ok(!res.body.includes('disk on fire'), 'the cause stays in the log');
      const busy = await broken.inject('/api/documents');
      assert.equal(busy.statusCode, 503);
      assert.equal(busy.headers['retry-after'], '1');
      assert.deepEqual(
        errors.map((e) => [e.requestId, e.status, e.error, e.url]),
        [
          [id, 500, 'disk on fire', '/api/stats'],
          [busy.headers['x-request-id'], 503, 'database is locked', '/api/documents'],
        ],
      );
      assert.match(errors[0]?.stack ?? '', /disk on fire/);
    } finally {
      await broken.close();
      await failing.close();
    }
    assert.deepEqual(logged, [], 'the main server logged no 5xx');
  });
});
