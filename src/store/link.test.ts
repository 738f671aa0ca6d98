// Across articles, on both engines: near-duplicates, one happening per real-world event, and the
// relation counts kept as documents arrive (stages/06-link, store/link-analysis.ts).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { party, report, WIRE_STORY } from '../../test/support/link-docs.js';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';

const engines = await storeEngines();
const page = { limit: 50, offset: 0 };

for (const engine of engines) {
  describe(`${engine} store: near-duplicates`, async () => {
    const store = await openTestStore(engine);
    after(() => store.close());
    const original = report(`Ministers meet in Beijing\n${WIRE_STORY}\n`, { url: 'https://wire.example/a' });
    // Re-headlined, a few words changed, the last sentence trimmed.
    const edited = report(
      `Russia and China hold talks\n${WIRE_STORY.replace('Thursday', 'Friday')
        .replace('closely watched', 'watched closely')
        .replace(/ Neither side.*$/, '')}\n`,
      { url: 'https://paper.example/b' },
    );
    const shouting = report(
      `MINISTERS MEET IN BEIJING\n${WIRE_STORY.toUpperCase().replaceAll(' ', '  ')}\n`,
      {
        url: 'https://loud.example/c',
      },
    );
    const copyOfCopy = report(
      `Talks in Beijing\n${WIRE_STORY.replace('Thursday', 'Friday').replace(' energy', '')}\n`,
      {
        url: 'https://third.example/d',
      },
    );
    const other = report(
      `Markets\n${'Shares in Tokyo rose for a third day as exporters gained on a weaker yen and investors waited for the central bank decision due next week, traders said. '.repeat(2)}\n`,
      { url: 'https://markets.example/e' },
    );
    await store.putMany([original, edited, shouting].map((analysis) => ({ kind: 'document', analysis })));
    await store.putDocument(copyOfCopy);
    await store.putDocument(other);

    test('a lightly edited, re-headlined copy links to its original with a similarity score', async () => {
      const links = await store.getNearDuplicates(edited.id);
      assert.equal(links?.original?.docId, original.id);
      assert.equal(links?.original?.method, 'minhash');
      assert.ok((links?.original?.similarity ?? 0) >= 0.5 && (links?.original?.similarity ?? 1) < 1);
    });

    test('case and spacing alone make a normalised copy (similarity 1); both are kept as documents', async () => {
      const links = await store.getNearDuplicates(shouting.id);
      assert.deepEqual(
        {
          id: links?.original?.docId,
          similarity: links?.original?.similarity,
          method: links?.original?.method,
        },
        { id: original.id, similarity: 1, method: 'normalized' },
      );
      assert.equal((await store.stats()).documents, 5);
    });

    test('a copy of a copy links to the first original; the original lists its copies', async () => {
      assert.equal((await store.getNearDuplicates(copyOfCopy.id))?.original?.docId, original.id);
      const links = await store.getNearDuplicates(original.id);
      assert.equal(links?.original, null);
      assert.deepEqual(
        links?.copies.map((c) => c.docId).sort(),
        [edited.id, shouting.id, copyOfCopy.id].sort(),
      );
    });

    test('a different story links to nothing; an unknown document is null', async () => {
      assert.deepEqual(await store.getNearDuplicates(other.id), { original: null, copies: [] });
      assert.equal(await store.getNearDuplicates('nope'), null);
    });
  });

  describe(`${engine} store: happenings and relations`, async () => {
    const store = await openTestStore(engine);
    after(() => store.close());
    const consult = {
      type: 'CONSULT',
      actor: party('RUS', { sector: 'GOV' }),
      recipient: party('CHN'),
      quad: 1 as const,
      goldstein: 1,
    };
    const outlets = [
      'https://www.bbc.example/news/1',
      'https://reuters.example/world/2',
      'https://ap.example/3',
    ];
    const reports = outlets.map((url, i) =>
      report(`Talks ${i}\nThe story as outlet ${i} told it.\n`, {
        url,
        published: '2024-05-16',
        events:
          i === 0 ? [consult, { ...consult, date: '2024-05-16' }] : [{ ...consult, date: '2024-05-16' }],
      }),
    );
    const later = report('Talks again\nThey met again ten days later.\n', {
      url: 'https://bbc.example/4',
      published: '2024-05-26',
      events: [{ ...consult, date: '2024-05-26' }],
    });
    const otherRecipient = report('Talks with Washington\nA call.\n', {
      url: 'https://bbc.example/5',
      published: '2024-05-16',
      events: [{ ...consult, recipient: party('USA') }],
    });
    const reply = report('China answers\nBeijing replied.\n', {
      url: 'https://xinhua.example/6',
      published: '2024-06-02',
      events: [
        { type: 'ACCUSE', actor: party('CHN'), recipient: party('RUS'), quad: 3, goldstein: -2 },
        {
          type: 'ACCUSE',
          actor: party('CHN'),
          recipient: party('RUS'),
          quad: 3,
          goldstein: -2,
          status: 'negated',
        },
      ],
    });
    await store.putMany(reports.map((analysis) => ({ kind: 'document', analysis })));
    await store.putMany([later, otherRecipient, reply].map((analysis) => ({ kind: 'document', analysis })));

    test('the same meeting from three outlets is one happening with GDELT counts', async () => {
      const found = await store.listHappenings({
        actor: 'RUS',
        recipient: 'CHN',
        from: '2024-05-15',
        to: '2024-05-17',
        ...page,
      });
      assert.equal(found.total, 1);
      const h = found.items[0];
      assert.equal(h?.type, 'CONSULT');
      assert.deepEqual(
        { mentions: h?.numMentions, articles: h?.numArticles, sources: h?.numSources },
        { mentions: 4, articles: 3, sources: 3 },
      );
      assert.equal(h?.firstDocId, reports[0]?.id);
      const detail = await store.getHappening(h?.id ?? -1);
      assert.deepEqual(detail?.sources, ['bbc.example', 'reuters.example', 'ap.example']);
      assert.equal(detail?.mentions.length, 4);
      assert.equal(detail?.mentions[0]?.reason, 'first report');
      assert.match(
        detail?.mentions[3]?.reason ?? '',
        /type CONSULT; actor RUS\/GOV; recipient CHN; dates overlap/,
      );
      assert.equal(await store.getHappening(999_999), null);
    });

    test('ten days later, or with another recipient, is another happening; negated events are none', async () => {
      const all = await store.listHappenings(page);
      assert.equal(all.total, 4);
      assert.deepEqual(
        all.items.map((h) => [h.day, h.type, h.recipient?.country, h.numSources]),
        [
          ['2024-06-02', 'ACCUSE', 'RUS', 1],
          ['2024-05-26', 'CONSULT', 'CHN', 1],
          ['2024-05-16', 'CONSULT', 'CHN', 3],
          ['2024-05-16', 'CONSULT', 'USA', 1],
        ],
      );
      assert.equal((await store.listHappenings({ minSources: 2, ...page })).total, 1);
      assert.equal((await store.listHappenings({ docId: later.id, ...page })).items[0]?.day, '2024-05-26');
      assert.equal((await store.listHappenings({ actor: 'RUS.GOV', type: 'consult', ...page })).total, 3);
    });

    test('relation counts: happenings and mentions per month, both directions, mean Goldstein', async () => {
      const rows = await store.relationCounts({ a: 'rus', b: 'CHN', by: 'month' });
      assert.deepEqual(
        rows.map((r) => [
          r.period,
          r.direction,
          r.type,
          r.quad,
          r.events,
          r.mentions,
          r.goldsteinSum / r.goldsteinN,
        ]),
        [
          ['m:2024-05', 'ab', 'CONSULT', 1, 2, 5, 1],
          ['m:2024-06', 'ba', 'ACCUSE', 3, 1, 1, -2],
        ],
      );
      const days = await store.relationCounts({ a: 'RUS.GOV', b: 'CHN', by: 'day', from: '2024-05-20' });
      assert.deepEqual(
        days.map((r) => [r.period, r.events]),
        [['d:2024-05-26', 1]],
      );
      const weeks = await store.relationCounts({ a: 'CHN', b: 'RUS', by: 'week' });
      assert.deepEqual(
        weeks.map((r) => [r.period, r.direction]),
        [
          ['w:2024-W20', 'ba'],
          ['w:2024-W21', 'ba'],
          ['w:2024-W22', 'ab'],
        ],
      );
    });

    test('top dyads and actors for a period', async () => {
      const dyads = await store.topRelations({
        kind: 'dyads',
        level: 'country',
        from: '2024-05',
        to: '2024-05',
        limit: 5,
      });
      assert.deepEqual(
        dyads.map((d) => [d.actor, d.recipient, d.events]),
        [
          ['RUS', 'CHN', 2],
          ['RUS', 'USA', 1],
        ],
      );
      const actors = await store.topRelations({ kind: 'actors', level: 'country', limit: 2 });
      assert.deepEqual(
        actors.map((d) => [d.actor, d.events]),
        [
          ['RUS', 4],
          ['CHN', 3],
        ],
      );
      const sectors = await store.topRelations({ kind: 'dyads', level: 'sector', limit: 5 });
      assert.deepEqual(sectors, []);
      const accusations = await store.topRelations({
        kind: 'dyads',
        level: 'country',
        type: 'ACCUSE',
        limit: 5,
      });
      assert.deepEqual(
        accusations.map((d) => [d.actor, d.recipient, d.events]),
        [['CHN', 'RUS', 1]],
      );
    });
  });
}
