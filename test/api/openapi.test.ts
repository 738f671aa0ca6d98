// The OpenAPI document is the API's contract: it validates as OpenAPI 3.1, every /api route is in
// it, real answers match the schemas it gives, and every route it lists keeps the protections
// (Host check, token and Origin on writes, body limits, rate limits, the {error, message} body).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze, GENEVA_TEXT } from '../support/fake-analyze.js';

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
  'x-body-limit'?: number;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'head', ...WRITES]);

let store: Repository;
let app: FastifyInstance;
let doc: OpenApiDoc;
let docId: string;
let happeningId: number;
let entityId: string;
const registered: { method: string; url: string }[] = [];

function operations(): { path: string; method: string; op: Operation }[] {
  const found: { path: string; method: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item))
      if (METHODS.has(method)) found.push({ path, method, op });
  }
  return found;
}

/** A value a parameter accepts, from its schema (or the few whose meaning the schema cannot say). */
function sample(name: string, schema: Record<string, unknown>): string {
  const known: Record<string, string> = { a: 'FRA', b: 'DEU', id: docId };
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.type === 'integer') return String(schema.minimum ?? 1);
  if (typeof schema.pattern === 'string' && schema.pattern.includes('0-9a-f]{64}')) return docId;
  return known[name] ?? 'FRA';
}

/** The operation's URL with its path parameters and required query parameters filled in. */
function urlOf(path: string, op: Operation): string {
  let url = path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in === 'path') {
      const value = path.startsWith('/api/happenings/')
        ? String(happeningId)
        : p.name === 'entity'
          ? entityId
          : sample(p.name, p.schema);
      url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.in === 'query' && p.required) query.set(p.name, sample(p.name, p.schema));
  }
  const q = query.toString();
  return q ? `${url}?${q}` : url;
}

function isStream(op: Operation): boolean {
  return Object.values(op.responses).some((r) => r.content && 'text/event-stream' in r.content);
}

function assertErrorBody(res: { statusCode: number; body: string }, status: number, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.equal(typeof body.error, 'string', what);
  assert.equal(typeof body.message, 'string', what);
  assert.ok('details' in body, what);
}

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method: String(method), url: route.url });
  });
  const posted = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT, url: 'https://news.example/geneva' },
  });
  assert.equal(posted.statusCode, 201, posted.body);
  docId = posted.json().id;
  happeningId = (await app.inject('/api/happenings')).json().items[0].id;
  entityId = (await app.inject('/api/entities')).json().items[0].entityId;
  doc = (await app.inject('/api/openapi.json')).json() as OpenApiDoc;
});

after(async () => {
  await app.close();
  await store.close();
});

describe('the OpenAPI document', () => {
  test('validates as OpenAPI 3.1', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result).slice(0, 2000));
    // The validator does look: a broken operation is caught.
    const broken = structuredClone(doc) as unknown as { paths: Record<string, unknown> };
    broken.paths['/api/broken'] = { get: { responses: { 200: { content: 'none' } } } };
    assert.equal((await validate(broken as never)).valid, false);
  });

  test('lists every /api route, and no page', () => {
    const listed = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const missing = registered
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => !listed.has(r));
    assert.deepEqual(missing, []);
    assert.ok(listed.size >= 14, `only ${listed.size} operations`);
    assert.deepEqual(
      [...listed].filter((r) => !r.split(' ')[1]?.startsWith('/api/')),
      [],
    );
  });

  test('every operation documents its answer and its errors ({error, message})', () => {
    for (const { path, method, op } of operations()) {
      const what = `${method.toUpperCase()} ${path}`;
      const ok = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      assert.ok(ok.length > 0, `${what}: no 2xx response`);
      for (const status of ok) {
        const content = op.responses[status]?.content;
        assert.ok(content && Object.values(content).some((c) => c.schema), `${what} ${status}: no schema`);
      }
      for (const range of ['4XX', '5XX']) {
        const schema = op.responses[range]?.content?.['application/json']?.schema as { $ref?: string };
        assert.equal(schema?.$ref, '#/components/schemas/ApiError', `${what} ${range}`);
      }
      if (WRITES.has(method)) {
        assert.deepEqual(op.security, [{ bearer: [] }], `${what}: writes need the token`);
        assert.ok((op['x-body-limit'] ?? 0) > 0, `${what}: no body limit`);
      }
    }
  });
});

describe('every route in the document', () => {
  test('answers what the document says (GET)', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(doc as object, 'openapi');
    for (const { path, method, op } of operations()) {
      if (method !== 'get' || isStream(op)) continue;
      const url = urlOf(path, op);
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      const pointer = ['paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema']
        .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/');
      const check = ajv.getSchema(`openapi#/${pointer}`);
      assert.ok(check, `${url}: no JSON schema for 200`);
      assert.ok(check(res.json()), `${url}: ${ajv.errorsText(check.errors)}`);
    }
  });

  test('refuses a foreign Host, before any work, in the error shape', async () => {
    for (const { path, method, op } of operations()) {
      const res = await app.inject({
        method: method.toUpperCase() as 'GET',
        url: urlOf(path, op),
        headers: { host: 'rebound.example', ...auth() },
        ...(WRITES.has(method) ? { payload: { text: GENEVA_TEXT } } : {}),
      });
      assertErrorBody(res, 403, `${method} ${path}`);
      assert.equal(res.json().details.code, 'FOREIGN_HOST');
    }
  });

  test('writes: the token, a same-site Origin and the body limit', async () => {
    const writes = operations().filter(({ method }) => WRITES.has(method));
    assert.ok(writes.length >= 1);
    for (const { path, method, op } of writes) {
      const what = `${method} ${path}`;
      const url = urlOf(path, op);
      const m = method.toUpperCase() as 'POST';
      const noToken = await app.inject({ method: m, url, payload: { text: GENEVA_TEXT } });
      assertErrorBody(noToken, 401, `${what} without the token`);
      assert.match(String(noToken.headers['www-authenticate']), /^Bearer/);
      const wrongToken = await app.inject({
        method: m,
        url,
        headers: { authorization: 'Bearer not-the-token-at-all' },
        payload: { text: GENEVA_TEXT },
      });
      assertErrorBody(wrongToken, 401, `${what} with another token`);
      const crossSite = await app.inject({
        method: m,
        url,
        headers: auth({ origin: 'https://evil.example' }),
        payload: { text: GENEVA_TEXT },
      });
      assertErrorBody(crossSite, 403, `${what} from another site`);
      const limit = op['x-body-limit'] as number;
      const tooLarge = await app.inject({
        method: m,
        url,
        headers: auth({ 'content-type': 'text/plain' }),
        payload: 'x'.repeat(limit + 1),
      });
      assertErrorBody(tooLarge, 413, `${what} over ${limit} bytes`);
    }
  });

  test('writes are rate-limited per client: 429 with Retry-After in the error shape; reads are not', async () => {
    // One limit per client over every write route: each route is tried on a server of its own.
    const limitedServer = () =>
      buildServer({
        token: TEST_TOKEN,
        store,
        analyze: fakeAnalyze,
        writeRateLimit: { max: 2, windowMs: 60_000 },
      });
    const reads = limitedServer();
    try {
      for (const { path, method, op } of operations()) {
        const url = urlOf(path, op);
        if (!WRITES.has(method)) {
          if (isStream(op)) continue;
          for (let i = 0; i < 4; i++) assert.equal((await reads.inject(url)).statusCode, 200, url);
          continue;
        }
        const limited = limitedServer();
        try {
          const statuses: number[] = [];
          for (let i = 0; i < 3; i++) {
            const res = await limited.inject({
              method: method.toUpperCase() as 'POST',
              url,
              headers: auth(),
              payload: { text: `${GENEVA_TEXT}\n${i}` },
            });
            statuses.push(res.statusCode);
            if (i === 2) {
              assertErrorBody(res, 429, `${method} ${path}`);
              assert.ok(Number(res.headers['retry-after']) > 0);
            }
          }
          assert.ok(statuses[0] !== 429 && statuses[1] !== 429, `${method} ${path}: ${statuses}`);
        } finally {
          await limited.close();
        }
      }
    } finally {
      await reads.close();
    }
  });
});

describe('caching and compression', () => {
  test('an analysis carries an ETag: If-None-Match answers 304 without a body', async () => {
    const first = await app.inject(`/api/documents/${docId}`);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    const again = await app.inject({ url: `/api/documents/${docId}`, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    const weak = await app.inject({
      url: `/api/documents/${docId}`,
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    assert.equal(weak.statusCode, 304);
    const stale = await app.inject({
      url: `/api/documents/${docId}`,
      headers: { 'if-none-match': '"other"' },
    });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.body, first.body);
  });

  test('answers are gzipped for clients that accept it', async () => {
    const plain = await app.inject(`/api/documents/${docId}`);
    const zipped = await app.inject({
      url: `/api/documents/${docId}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body);
    assert.ok(zipped.rawPayload.length < plain.rawPayload.length);
  });

  test('the reference page and its files are served from here', async () => {
    const page = await app.inject('/api/docs/');
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(scripts.length > 0);
    for (const src of scripts) {
      assert.doesNotMatch(src, /^(https?:)?\/\//, 'nothing from another host');
      const res = await app.inject(new URL(src, 'http://localhost/api/docs/').pathname);
      assert.equal(res.statusCode, 200, src);
    }
  });
});
