import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_TOKEN } from '../support/auth.js';
import { fakeAnalysis, fakeAnalyze } from '../support/fake-analyze.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-api-cursors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const text = (i: number) =>
  `Leaders Meet in Geneva ${i}\nFrench President Emmanuel Macron met German Chancellor Olaf Scholz in Geneva on Monday, officials said.\n`;

// With read threads too: a bad cursor's error crosses a thread and must still be a 400.
for (const readWorkers of [false, true]) {
  test(`GET /api/documents and /api/events page by cursor${readWorkers ? ' (read threads)' : ''}`, async () => {
    const path = join(dir, `store-${readWorkers}.db`);
    const seed = await openStore(path);
    await seed.putMany(
      Array.from({ length: 5 }, (_, i) => ({
        kind: 'document' as const,
        analysis: fakeAnalysis(text(i), `test:${i}`),
      })),
    );
    await seed.close();
    const store = await openStore(path, { readWorkers });
    const app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
    try {
      const ids: string[] = [];
      let url = '/api/documents?limit=2';
      for (let pages = 0; pages < 10; pages++) {
        const res = await app.inject(url);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { items: { id: string }[]; next: string | null; total: number };
        assert.equal(body.total, 5);
        ids.push(...body.items.map((d) => d.id));
        if (!body.next) break;
        url = `/api/documents?limit=2&cursor=${body.next}`;
      }
      assert.equal(new Set(ids).size, 5);
      const all = (await app.inject('/api/documents?limit=10')).json() as { items: { id: string }[] };
      assert.deepEqual(
        ids,
        all.items.map((d) => d.id),
      );

      const events = (await app.inject('/api/events?type=consult&limit=3')).json() as {
        next: string;
        items: unknown[];
      };
      assert.equal(events.items.length, 3);
      const rest = (await app.inject(`/api/events?type=consult&limit=3&cursor=${events.next}`)).json() as {
        next: string | null;
        items: unknown[];
      };
      assert.deepEqual([rest.items.length, rest.next], [2, null]);

      const foreign = await app.inject(`/api/documents?cursor=${events.next}`);
      assert.equal(foreign.statusCode, 400, foreign.body);
      assert.match(foreign.json().message, /cursor is not one a page of this list gave out/);
      assert.equal((await app.inject('/api/events?cursor=bad!')).statusCode, 400);
      const withSearch = await app.inject(`/api/documents?q=geneva&cursor=${events.next}`);
      assert.equal(withSearch.statusCode, 400);

      // Ranked and aggregated lists page by cursor too: a search, entities.
      for (const list of ['/api/documents?q=geneva', '/api/entities?q=o']) {
        const seen: string[] = [];
        let url = `${list}&limit=1`;
        let total = 0;
        for (let pages = 0; pages < 20; pages++) {
          const res = await app.inject(url);
          assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
          const body = res.json() as { items: unknown[]; next: string | null; total: number };
          total = body.total;
          seen.push(...body.items.map((item) => JSON.stringify(item)));
          if (!body.next) break;
          url = `${list}&limit=1&cursor=${body.next}`;
        }
        assert.ok(total > 1, `${list} should have more than one page (total ${total})`);
        assert.equal(seen.length, total, list);
        assert.equal(new Set(seen).size, total, list);
      }
      const entitiesCursor = (await app.inject('/api/entities?limit=1')).json().next as string;
      assert.equal((await app.inject(`/api/happenings?cursor=${entitiesCursor}`)).statusCode, 400);
    } finally {
      await app.close();
      await store.close();
    }
  });
}

// Ajv turns "1e309" into Infinity and then skips `maximum`; JSON reads 1e309 as Infinity too.
test('a number too large to be finite is a 400 on every list, never a store error', async () => {
  const store = await openStore(':memory:');
  const app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
  try {
    const lists = ['/api/documents', '/api/events', '/api/entities', '/api/happenings'];
    for (const list of lists) {
      for (const query of ['offset=1e309', 'limit=1e309', 'offset=-1e309', 'limit=1e309&offset=1e309']) {
        const res = await app.inject(`${list}?${query}`);
        assert.equal(res.statusCode, 400, `${list}?${query} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        const body = res.json() as { error: string; message: string };
        assert.equal(body.error, 'Bad Request');
        assert.match(body.message, /not a finite number|must be/);
      }
      assert.equal((await app.inject(`${list}?offset=0&limit=5`)).statusCode, 200, list);
    }
  } finally {
    await app.close();
    await store.close();
  }
});

test('services clamp a limit or offset that is not finite instead of passing it to the store', async () => {
  const { clampInt } = await import('../../src/services/query.js');
  assert.equal(clampInt(Number.POSITIVE_INFINITY, 20, 1, 500), 20);
  assert.equal(clampInt(Number.NaN, 0, 0, 10), 0);
  assert.equal(clampInt(1e6, 20, 1, 500), 500);
  assert.equal(clampInt(-3.7, 20, 1, 500), 1);
  assert.equal(clampInt(undefined, 7, 1, 500), 7);
  const { listDocuments } = await import('../../src/services/query.js');
  const store = await openStore(':memory:');
  try {
    const page = await listDocuments(store, {
      limit: Number.POSITIVE_INFINITY,
      offset: Number.POSITIVE_INFINITY,
    });
    assert.deepEqual([page.items.length, page.offset], [0, 0]);
  } finally {
    await store.close();
  }
});
