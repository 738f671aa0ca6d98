// The same story from three outlets, through the real pipeline and the store: one CONSULT happening
// with NumSources = 3 (issue 11, "done when"), on both engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';
import { analyze } from '../pipeline.js';

const engines = await storeEngines();

const outlets = [
  {
    uri: 'https://www.bbc.co.uk/news/world-1',
    text: 'Putin meets Xi in Beijing\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday. The two leaders discussed trade and energy.',
  },
  {
    uri: 'https://www.reuters.com/world/2',
    text: 'Russia and China leaders hold talks\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, officials said. They talked about energy.',
  },
  {
    uri: 'https://apnews.com/article/3',
    text: 'Leaders meet\nOn Thursday, Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing to discuss gas supplies.',
  },
];

for (const engine of engines) {
  test(`${engine}: three outlets reporting one meeting make one CONSULT happening with NumSources 3`, async () => {
    const store = await openTestStore(engine);
    try {
      const analyses = outlets.map((o) => analyze(o.text, { uri: o.uri, published: '2024-05-16' }));
      for (const a of analyses)
        assert.ok(a.events.some((e) => e.type === 'CONSULT' && e.actor?.country === 'RUS'));
      await store.putMany(analyses.map((analysis) => ({ kind: 'document', analysis })));
      const found = await store.listHappenings({
        actor: 'RUS',
        recipient: 'CHN',
        type: 'CONSULT',
        limit: 10,
        offset: 0,
      });
      assert.equal(found.total, 1, JSON.stringify(found.items));
      const h = found.items[0];
      assert.equal(h?.numSources, 3);
      assert.equal(h?.numArticles, 3);
      assert.equal(h?.day, '2024-05-16');
      const detail = await store.getHappening(h?.id ?? 0);
      assert.deepEqual(detail?.sources, ['bbc.co.uk', 'reuters.com', 'apnews.com']);
      const month = await store.relationCounts({ a: 'RUS', b: 'CHN', by: 'month' });
      assert.deepEqual(
        month.filter((r) => r.type === 'CONSULT').map((r) => [r.period, r.direction, r.events, r.mentions]),
        [['m:2024-05', 'ab', 1, h?.numMentions]],
      );
    } finally {
      await store.close();
    }
  });
}
