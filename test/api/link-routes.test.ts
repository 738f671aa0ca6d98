import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze } from '../support/fake-analyze.js';
import { party, report, WIRE_STORY } from '../support/link-docs.js';

// The cross-article endpoints (docs/api.md#across-articles), over a store filled with hand-made reports.
let store: Repository;
let app: FastifyInstance;
const consult = { type: 'CONSULT', actor: party('RUS'), recipient: party('CHN'), date: '2024-05-16' };
const outlets = ['https://bbc.example/1', 'https://reuters.example/2', 'https://ap.example/3'].map((url, i) =>
  report(
    `Talks ${i}\n${i === 0 ? WIRE_STORY : `${WIRE_STORY.replace('Thursday', 'Friday')} Outlet ${i}.`}\n`,
    {
      url,
      published: '2024-05-16',
      events: [consult],
    },
  ),
);

before(async () => {
  store = await openStore(':memory:');
  await store.putMany(outlets.map((analysis) => ({ kind: 'document', analysis })));
  app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze, maxTextBytes: 10_000 });
});

after(async () => {
  await app.close();
  await store.close();
});

const get = async (url: string) => app.inject({ method: 'GET', url });

describe('across articles', () => {
  test('GET /api/stories pages the story clusters by cursor; /api/stories/:id lists a story’s articles', async () => {
    const list = (await get('/api/stories?limit=1')).json();
    assert.equal(list.total, 1, 'three reports of one meeting are one story');
    const s = list.items[0];
    assert.deepEqual([s.size, s.numSources], [3, 3]);
    assert.equal(list.next, null);
    const detail = (await get(`/api/stories/${s.id}`)).json();
    assert.deepEqual(
      detail.articles.map((a: { docId: string }) => a.docId).sort(),
      outlets.map((o) => o.id).sort(),
    );
    assert.equal((await get('/api/stories/99999')).statusCode, 404);
    assert.equal((await get('/api/stories?minSize=4')).json().total, 0);
    assert.equal((await get('/api/stories?cursor=bm90LWEtY3Vyc29y')).statusCode, 400);
    assert.equal((await get('/api/stories?from=May')).statusCode, 400);
  });

  test('GET /api/documents/:id/near-duplicates names the original and the copies', async () => {
    const copy = await get(`/api/documents/${outlets[1]?.id}/near-duplicates`);
    assert.equal(copy.statusCode, 200);
    assert.equal(copy.json().original.docId, outlets[0]?.id);
    const original = (await get(`/api/documents/${outlets[0]?.id}/near-duplicates`)).json();
    assert.equal(original.original, null);
    assert.equal(original.copies.length, 2);
    assert.equal((await get(`/api/documents/${'0'.repeat(64)}/near-duplicates`)).statusCode, 404);
  });

  test('GET /api/happenings lists one happening with three sources; /api/happenings/:id its mentions', async () => {
    const list = (await get('/api/happenings?actor=RUS&minSources=3')).json();
    assert.equal(list.total, 1);
    const h = list.items[0];
    assert.deepEqual([h.numMentions, h.numArticles, h.numSources], [3, 3, 3]);
    const detail = (await get(`/api/happenings/${h.id}`)).json();
    assert.deepEqual(detail.sources, ['bbc.example', 'reuters.example', 'ap.example']);
    assert.equal(detail.mentions.length, 3);
    assert.equal((await get('/api/happenings/99999')).statusCode, 404);
    assert.equal((await get('/api/happenings/abc')).statusCode, 400);
    assert.equal((await get('/api/happenings?from=May')).statusCode, 400);
  });

  test('GET /api/relations answers the dyad by period, both ways; a or b missing is 400', async () => {
    const res = await get('/api/relations?a=CHN&b=rus&by=day');
    assert.equal(res.statusCode, 200);
    const series = res.json();
    assert.deepEqual([series.a, series.b, series.by], ['CHN', 'RUS', 'day']);
    assert.equal(series.periods.length, 1);
    assert.equal(series.periods[0].period, 'd:2024-05-16');
    assert.equal(series.periods[0].ba.events, 1);
    assert.equal(series.periods[0].ba.mentions, 3);
    assert.equal(series.periods[0].ab.events, 0);
    assert.equal((await get('/api/relations?a=RUS')).statusCode, 400);
    assert.equal((await get('/api/relations?a=RUS&b=CHN&by=year')).statusCode, 400);
  });

  test('GET /api/relations/top ranks dyads and actors', async () => {
    const dyads = (await get('/api/relations/top?kind=dyads&from=2024-05&to=2024-05')).json();
    assert.deepEqual(
      dyads.items.map((d: { actor: string; recipient: string }) => [d.actor, d.recipient]),
      [['RUS', 'CHN']],
    );
    const none = (await get('/api/relations/top?from=2025-01')).json();
    assert.deepEqual(none.items, []);
  });
});
