import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fakeAnalysis } from '../../test/support/fake-analyze.js';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';
import { BadCursorError, type Repository } from './repository.js';

const engines = await storeEngines();

/** 23 documents: dated on a few shared days (ties on the date), some undated, stored at a few shared times. */
async function filled(store: Repository): Promise<void> {
  const days = ['2024-05-16', '2024-05-13', null, '2024-05-13', '2023-12-01'];
  await store.putMany(
    Array.from({ length: 23 }, (_, i) => ({
      kind: 'document' as const,
      analysis: {
        ...fakeAnalysis(
          `Leaders Meet in Geneva ${i}\nFrench President Emmanuel Macron met German Chancellor Olaf Scholz in Geneva on Monday, officials said.\nThe two leaders agreed.\n`,
          `test:${i}`,
          days[i % days.length] ?? undefined,
        ),
        ...(days[i % days.length] === null ? { published: null } : {}),
      },
      createdAt: `2024-06-0${1 + (i % 3)}T00:00:00.000Z`,
    })),
  );
}

async function walk<T>(
  first: () => Promise<{ items: T[]; next?: string | null }>,
  after: (cursor: string) => Promise<{ items: T[]; next?: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let page = await first();
  let pages = 1;
  items.push(...page.items);
  while (page.next) {
    page = await after(page.next);
    items.push(...page.items);
    pages++;
  }
  assert.equal(page.next, null, 'the last page says there is no next');
  return { items, pages };
}

for (const engine of engines) {
  describe(`${engine} store: keyset pages`, () => {
    test('walking documents by cursor gives the list in the same order as offsets, each once', async () => {
      const store = await openTestStore(engine);
      await filled(store);
      const all = await store.listDocuments({ limit: 100, offset: 0 });
      assert.equal(all.items.length, 23);
      assert.equal(all.next, null);
      for (const limit of [1, 4, 7]) {
        const { items, pages } = await walk(
          () => store.listDocuments({ limit, offset: 0 }),
          (cursor) => store.listDocuments({ limit, offset: 999, cursor }),
        );
        assert.deepEqual(
          items.map((d) => d.id),
          all.items.map((d) => d.id),
          `limit ${limit}`,
        );
        assert.equal(pages, Math.ceil(23 / limit));
      }
      // Undated documents come last, then newest stored first.
      assert.deepEqual(
        all.items.slice(-4).map((d) => d.published),
        [null, null, null, null],
      );
      const rejected = await store.listDocuments({ limit: 5, offset: 0, status: 'rejected' });
      assert.deepEqual([rejected.items.length, rejected.next], [0, null]);
      await store.close();
    });

    test('walking events by cursor, filtered or not, gives the same events as offsets', async () => {
      const store = await openTestStore(engine);
      await filled(store);
      for (const filter of [{}, { type: 'consult' }, { actor: 'FRA' }, { from: '2024-05' }]) {
        const all = await store.queryEvents({ ...filter, limit: 500, offset: 0 });
        assert.ok(all.items.length > 0, JSON.stringify(filter));
        const { items } = await walk(
          () => store.queryEvents({ ...filter, limit: 3, offset: 0 }),
          (cursor) => store.queryEvents({ ...filter, limit: 3, offset: 0, cursor }),
        );
        assert.deepEqual(
          items.map((e) => `${e.docId}/${e.idx}`),
          all.items.map((e) => `${e.docId}/${e.idx}`),
          JSON.stringify(filter),
        );
      }
      await store.close();
    });

    test('a cursor from elsewhere is refused', async () => {
      const store = await openTestStore(engine);
      await filled(store);
      const events = await store.queryEvents({ limit: 2, offset: 0 });
      await assert.rejects(
        store.listDocuments({ limit: 2, offset: 0, cursor: events.next as string }),
        BadCursorError,
      );
      await assert.rejects(
        store.queryEvents({ limit: 2, offset: 0, cursor: 'not-a-cursor' }),
        BadCursorError,
      );
      await store.close();
    });
  });
}
