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
