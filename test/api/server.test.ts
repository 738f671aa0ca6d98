import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import type { Analysis } from '../../src/core/analysis.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze, GENEVA_TEXT } from '../support/fake-analyze.js';

let store: Repository;
let app: FastifyInstance;
let genevaId: string;

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({
    token: TEST_TOKEN,
    store,
    analyze: fakeAnalyze,
    maxTextBytes: 10_000,
    now: () => new Date('2024-05-16T12:00:00Z'),
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT, url: 'https://news.example/geneva', published: '2024-05-16' },
  });
  assert.equal(res.statusCode, 201, res.body);
  genevaId = res.json().id;
});

after(async () => {
  await app.close();
  await store.close();
});

function assertApiError(res: { statusCode: number; json: () => unknown }, status: number, field?: string) {
  assert.equal(res.statusCode, status);
  const body = res.json() as { error: string; message: string; details: unknown };
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.message, 'string');
  assert.ok('details' in body);
  if (field)
    assert.match(JSON.stringify(body.details), new RegExp(`"field":"${field}"`), JSON.stringify(body));
}

describe('POST /api/documents', () => {
  test('a new JSON document is 201 with a summary; the same text again is 200 duplicate and changes nothing', async () => {
    const text = 'Talks Resume\nGerman officials met French envoys on Monday.\n';
    const first = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text },
    });
    assert.equal(first.statusCode, 201);
    const body = first.json();
    assert.equal(body.status, 'inserted');
    assert.match(body.id, /^[0-9a-f]{64}$/);
    assert.equal(body.summary.title, 'Talks Resume');
    assert.equal(body.summary.entities, 2);
    assert.equal(body.links.html, `/documents/${body.id}`);

    const statsBefore = (await app.inject('/api/stats')).json();
    const listBefore = (await app.inject('/api/documents')).json();
    const again = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text, url: 'https://other.example/x' },
    });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(
      { id: again.json().id, status: again.json().status },
      { id: body.id, status: 'duplicate' },
    );
    assert.deepEqual((await app.inject('/api/stats')).json(), statsBefore);
    assert.deepEqual((await app.inject('/api/documents')).json(), listBefore);
  });

  test('text/plain bodies are accepted', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth({ 'content-type': 'text/plain; charset=utf-8' }),
      payload: 'Plain Story\nOlaf Scholz spoke in Geneva.\n',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().summary.entities, 2);
  });

  test('a title is put on the first line, where the pipeline reads headlines', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text: 'Macron spoke.', title: 'A Headline' },
    });
    assert.equal(res.statusCode, 201);
    const doc = (await app.inject(`/api/documents/${res.json().id}`)).json() as Analysis;
    assert.equal(doc.text, 'A Headline\n\nMacron spoke.');
    assert.equal(doc.title, 'A Headline');
  });

  test('a document the analysis rejects is stored as rejected and answered 422', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text: 'REJECT-ME please' },
    });
    assertApiError(res, 422);
    assert.equal(res.json().status, 'rejected');
    assert.match(res.json().message, /rejected by the fake analyzer/);
    const diagnostics = await app.inject(`/api/documents/${res.json().id}/diagnostics`);
    assert.equal(diagnostics.json().items[0].ruleId, 'test:fake-rejected');
    const thrown = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text: 'THROW-ME now' },
    });
    assertApiError(thrown, 422);
    assert.match(thrown.json().message, /analysis failed/);
  });

  test('bad bodies: 400 with the field named', async () => {
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: '   \n ' }, 'text'],
      [{ text: 'ok', url: 'javascript:alert(1)' }, 'url'],
      [{ text: 'ok', published: 'yesterday' }, 'published'],
      [{ text: 'ok', published: '2024-02-30' }, 'published'],
      [{ text: 'ok', title: 'two\nlines' }, 'title'],
      [[1, 2], 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: auth(),
        payload: payload as object,
      });
      assertApiError(res, 400, field);
    }
    const empty = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth({ 'content-type': 'text/plain' }),
      payload: '',
    });
    assertApiError(empty, 400, 'text');
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth({ 'content-type': 'application/json' }),
      payload: '{"text": ',
    });
    assertApiError(badJson, 400);
  });

  test('too large: 413 (text over the limit, or a body over the body limit); unknown media type: 415', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth(),
      payload: { text: 'é'.repeat(6_000) },
    });
    assertApiError(big, 413, 'text');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth({ 'content-type': 'text/plain' }),
      payload: 'x'.repeat(200_000),
    });
    assertApiError(huge, 413);
    const xml = await app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: auth({ 'content-type': 'application/xml' }),
      payload: '<a/>',
    });
    assertApiError(xml, 415);
  });
});

describe('GET /api/documents', () => {
  test('lists and searches documents', async () => {
    const all = (await app.inject('/api/documents?limit=100')).json();
    assert.ok(all.total >= 1);
    assert.ok(all.items.some((d: { id: string }) => d.id === genevaId));
    const hit = (await app.inject('/api/documents?q=scholz%20rail&status=ok')).json();
    assert.deepEqual(
      hit.items.map((d: { id: string }) => d.id),
      [genevaId],
    );
    assert.equal(hit.items[0].counts.events, 2);
    const rejected = (await app.inject('/api/documents?status=rejected')).json();
    assert.ok(rejected.items.every((d: { status: string }) => d.status === 'rejected'));
    const empties = await app.inject('/api/documents?q=&limit=&status=');
    assert.equal(empties.statusCode, 200, 'empty params mean "not given"');
  });

  test('the full analysis by id; 404 for an unknown id', async () => {
    const res = await app.inject(`/api/documents/${genevaId}`);
    assert.equal(res.statusCode, 200);
    const analysis = res.json() as Analysis;
    assert.equal(analysis.text, GENEVA_TEXT);
    assert.equal(analysis.source.uri, 'https://news.example/geneva');
    assert.equal(analysis.source.fetched, '2024-05-16T12:00:00.000Z');
    assert.equal(analysis.events[0]?.rule, 'events:consult.met');
    assertApiError(await app.inject('/api/documents/deadbeef'), 404);
    assertApiError(await app.inject('/api/documents/deadbeef/diagnostics'), 404);
  });

  test('one layer a page at a time, with the cursor of the next page', async () => {
    const whole = (await app.inject(`/api/documents/${genevaId}`)).json() as Analysis;
    assert.ok(whole.sentences.length >= 4, 'the test text should have a few sentences');
    const first = await app.inject(`/api/documents/${genevaId}?layer=sentences&limit=2`);
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), {
      id: genevaId,
      layer: 'sentences',
      items: whole.sentences.slice(0, 2),
      total: whole.sentences.length,
      limit: 2,
      offset: 0,
      next: first.json().next,
    });
    assert.match(first.json().next, /^[A-Za-z0-9_-]+$/);
    const last = (
      await app.inject(`/api/documents/${genevaId}?layer=sentences&limit=2&cursor=${first.json().next}`)
    ).json();
    assert.deepEqual(last.items, whole.sentences.slice(2, 4));
    // A cursor names its document and layer: another layer's is refused.
    assertApiError(
      await app.inject(`/api/documents/${genevaId}?layer=entities&cursor=${first.json().next}`),
      400,
      'cursor',
    );
    const end = await app.inject(`/api/documents/${genevaId}?layer=events&offset=${whole.events.length}`);
    assert.deepEqual(end.json().items, []);
    assert.equal(end.json().next, null);
    for (const layer of [
      'removed',
      'diagnostics',
      'entities',
      'quotes',
      'attributions',
      'times',
      'quantities',
    ]) {
      const page = (await app.inject(`/api/documents/${genevaId}?layer=${layer}`)).json();
      assert.deepEqual(
        page.items,
        (whole as unknown as Record<string, unknown[]>)[layer]?.slice(0, 50),
        layer,
      );
    }
    assertApiError(await app.inject(`/api/documents/${genevaId}?layer=text`), 400, 'layer');
    assertApiError(await app.inject(`/api/documents/${genevaId}?layer=events&limit=0`), 400, 'limit');
    assertApiError(await app.inject('/api/documents/deadbeef?layer=events'), 404);
  });

  test('bad query params are 400 with details', async () => {
    for (const [url, field] of [
      ['/api/documents?limit=-1', 'limit'],
      ['/api/documents?limit=0', 'limit'],
      ['/api/documents?limit=100000', 'limit'],
      ['/api/documents?limit=ten', 'limit'],
      ['/api/documents?offset=-3', 'offset'],
      ['/api/documents?status=deleted', 'status'],
      ['/api/documents?limit=1&limit=2', 'limit'],
    ]) {
      assertApiError(await app.inject(url as string), 400, field);
    }
  });
});

describe('GET /api/events and /api/entities', () => {
  test('filters events by actor, recipient, type, status, dates and document', async () => {
    const get = async (qs: string) => {
      const res = await app.inject(`/api/events?${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { total: number; items: { type: string; docId: string; idx: number }[] };
    };
    assert.equal((await get('actor=FRA&type=consult')).total, 1);
    assert.equal((await get('actor=person:emmanuel-macron')).items[0]?.type, 'CONSULT');
    assert.equal((await get('recipient=deu')).total, 1);
    assert.equal((await get('actor=DEU')).total, 0);
    assert.equal((await get('status=negated')).total, 0);
    assert.equal((await get('from=2024-05-13&to=2024-05-13')).items[0]?.type, 'CONSULT');
    assert.equal((await get('from=2025')).total, 0);
    const byDoc = await get(`doc=${genevaId}`);
    assert.deepEqual(
      byDoc.items.map((e) => e.idx),
      [1, 0],
    );
  });

  test('bad event params are 400', async () => {
    for (const [url, field] of [
      ['/api/events?from=notadate', 'from'],
      ['/api/events?to=2024-13-01', 'to'],
      ['/api/events?from=2023-02-29', 'from'],
      ['/api/events?status=maybe', 'status'],
      ['/api/events?limit=-1', 'limit'],
      ['/api/events?type=DROP%20TABLE', 'type'],
      ['/api/events?doc=xyz', 'doc'],
    ]) {
      assertApiError(await app.inject(url as string), 400, field);
    }
  });

  test('entities overall and per document, with counts', async () => {
    const all = (await app.inject('/api/entities?type=person')).json();
    const macron = all.items.find((e: { entityId: string }) => e.entityId === 'person:emmanuel-macron');
    assert.ok(macron.documents >= 2);
    const one = (await app.inject(`/api/entities?doc=${genevaId}`)).json();
    assert.equal(one.total, 5);
    assert.equal(
      one.items.find((e: { entityId: string }) => e.entityId === 'person:emmanuel-macron').mentions,
      2,
    );
    assertApiError(await app.inject('/api/entities?type=animal'), 400, 'type');
    assertApiError(await app.inject('/api/entities?country=FRANCE'), 400, 'country');
  });
});

describe('health, stats, unknown routes', () => {
  test('health and stats', async () => {
    const health = await app.inject('/api/health');
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, 'ok');
    const stats = (await app.inject('/api/stats')).json();
    assert.equal(stats.engine, 'sqlite');
    assert.ok(stats.ok >= 1 && stats.rejected >= 1);
  });

  test('status: the documents in the store and what became of queued inputs, as `tidings status --json`', async () => {
    const status = (await app.inject('/api/status')).json();
    assert.deepEqual(Object.keys(status), [
      'documents',
      'processed',
      'duplicates',
      'rejected',
      'pending',
      'failed',
    ]);
    assert.equal(status.documents, (await app.inject('/api/stats')).json().documents);
    assert.deepEqual(status, await store.status());
  });

  test('unknown API routes are JSON 404s', async () => {
    assertApiError(await app.inject('/api/nothing-here'), 404);
  });
});
