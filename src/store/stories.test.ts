// Story clusters on both engines: articles join their story as they are stored (stages/06-link/stories.ts,
// store/link-story.ts), found through the story index, listed and shown with their outlets.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';
import { analyze } from '../pipeline.js';
import { storyFeatures } from '../stages/06-link/index.js';
import { runSync } from './link-analysis.js';
import { assignStory } from './link-story.js';
import { memoryStoryTables } from './memory-story-tables.js';

const engines = await storeEngines();

const REPORTS = [
  // One story, three outlets, two days.
  [
    'https://www.bbc.co.uk/news/1',
    '2024-05-16',
    'Putin meets Xi in Beijing\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday. The two leaders discussed a gas pipeline and energy trade.',
  ],
  [
    'https://www.reuters.com/world/2',
    '2024-05-16',
    'Russia and China leaders hold talks\nVladimir Putin held talks with Xi Jinping in Beijing, where they discussed the gas pipeline and energy trade.',
  ],
  [
    'https://apnews.com/article/3',
    '2024-05-17',
    'Xi hosts Putin for pipeline talks\nChinese leader Xi Jinping hosted Russian President Vladimir Putin in Beijing for talks on the gas pipeline.',
  ],
  // The same actors, another story, the same week.
  [
    'https://www.bbc.co.uk/news/4',
    '2024-05-18',
    'Russia and China begin naval drills\nWarships from Russia and China began joint naval exercises in the Sea of Japan, with submarines and aircraft.',
  ],
  [
    'https://www.dw.com/en/5',
    '2024-05-18',
    'Joint naval exercises\nChinese and Russian warships started naval exercises with submarines in the Sea of Japan on Saturday.',
  ],
  // Something else entirely.
  [
    'https://www.bbc.co.uk/news/6',
    '2024-05-17',
    'Floods in Kenya\nHeavy rains flooded Nairobi, forcing thousands of families from their homes.',
  ],
  // The first story's words a month later: a new story.
  [
    'https://www.reuters.com/world/7',
    '2024-06-20',
    'Putin and Xi discuss pipeline again\nVladimir Putin and Xi Jinping discussed the gas pipeline and energy trade in a call.',
  ],
] as const;

const analyses = REPORTS.map(([uri, published, text]) => analyze(text, { uri, published }));

for (const engine of engines) {
  describe(`${engine} store: story clusters`, async () => {
    const store = await openTestStore(engine);
    after(() => store.close());
    await store.putMany(analyses.slice(0, 3).map((analysis) => ({ kind: 'document', analysis })));
    for (const analysis of analyses.slice(3)) await store.putDocument(analysis);
    const storyOf = await Promise.all(analyses.map((a) => store.storyOfDocument(a.id)));

    test('three outlets of one story make one story of size 3 with 3 sources, first and last seen', async () => {
      assert.equal(storyOf[0], storyOf[1]);
      assert.equal(storyOf[0], storyOf[2]);
      const story = await store.getStory(storyOf[0] as number);
      assert.ok(story);
      assert.equal(story.size, 3);
      assert.equal(story.numSources, 3);
      assert.deepEqual([...story.sources].sort(), ['apnews.com', 'bbc.co.uk', 'reuters.com']);
      assert.equal(story.firstSeen, '2024-05-16');
      assert.equal(story.lastSeen, '2024-05-17');
      assert.deepEqual(
        story.articles.map((a) => a.docId),
        [...[analyses[0]?.id, analyses[1]?.id].sort(), analyses[2]?.id],
      );
      assert.equal(story.articles[0]?.published, '2024-05-16');
      assert.ok(story.articles.every((a) => a.score > 0 && a.score <= 1));
    });

    test('the label names the main actors and the main event', async () => {
      const story = await store.getStory(storyOf[0] as number);
      assert.match(story?.label ?? '', /Vladimir Putin|Xi Jinping/);
      assert.ok(story?.actors.some((a) => a.id === 'person:xi-jinping' && a.articles === 3));
      assert.ok((story?.eventTypes.length ?? 0) > 0, 'an event type');
    });

    test('the same actors in another story, another subject, and the same words a month later are other stories', () => {
      assert.equal(storyOf[3], storyOf[4], 'the drills are one story');
      assert.notEqual(storyOf[3], storyOf[0]);
      assert.notEqual(storyOf[5], storyOf[0]);
      assert.notEqual(storyOf[5], storyOf[3]);
      assert.notEqual(storyOf[6], storyOf[0]);
    });

    test('stories list the latest first, with filters by range and size; unknown ids are null', async () => {
      const all = await store.listStories({ limit: 50, offset: 0 });
      assert.equal(all.total, 4);
      assert.equal(all.items[0]?.id, storyOf[6]);
      const days = all.items.map((s) => s.lastSeen ?? '');
      assert.deepEqual(days, [...days].sort().reverse());
      const big = await store.listStories({ limit: 50, offset: 0, minSize: 2 });
      assert.deepEqual(big.items.map((s) => s.id).sort(), [storyOf[0], storyOf[3]].sort());
      const may = await store.listStories({ limit: 50, offset: 0, from: '2024-05', to: '2024-05' });
      assert.equal(may.total, 3);
      const page = await store.listStories({ limit: 1, offset: 1 });
      assert.equal(page.items[0]?.id, all.items[1]?.id);
      assert.equal(await store.getStory(999_999), null);
      assert.equal(await store.storyOfDocument('nope'), null);
    });
  });
}

test('tables in memory put articles in the same stories as the store (the suite tunes with them)', async () => {
  const memory = memoryStoryTables();
  const inMemory = analyses.map((a) => runSync(assignStory(memory, storyFeatures(a), null)).storyId);
  const store = await openTestStore('sqlite');
  try {
    for (const analysis of analyses) await store.putDocument(analysis);
    const stored = await Promise.all(analyses.map((a) => store.storyOfDocument(a.id)));
    assert.deepEqual(stored, inMemory);
  } finally {
    await store.close();
  }
});
