import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';
import { createDoc, type Doc } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import type { Repository } from '../store/repository.js';
import { ingestBatch } from './ingest-batch.js';
import { diffEvents, recodeStore } from './recode.js';

// Three reports from three outlets: the first two both tell of the Putin–Xi meeting (one happening
// across articles once CONSULT is coded), the third has nothing the older pipeline codes differently.
const TEXTS = [
  [
    'https://one.example/a',
    'Russia accuses Ukraine of shelling border town\n\nMOSCOW — Russia on Tuesday accused Ukraine of shelling a border town. Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. China pledged aid to Russia.',
  ],
  [
    'https://two.example/b',
    'Putin and Xi meet in Beijing\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. The two leaders signed an agreement on energy. Ukraine condemned the meeting.',
  ],
  [
    'https://three.example/c',
    'Protests in Kenya\n\nThousands of protesters marched in Nairobi on Tuesday against new taxes. Police fired tear gas at the protesters. Kenya rejected calls from the United States for restraint.',
  ],
] as const;

const inputs = () =>
  TEXTS.map(([uri, text]) => ({
    doc: createDoc(text, { uri, mediaType: 'text/plain', published: '2024-05-16' }),
  }));

/**
 * The pipeline before an upgrade: its events lexicon has no CONSULT rule, and its ACCUSE rule did not
 * find the recipient. Everything else is the current pipeline's.
 */
function olderAnalyze(doc: Doc): Doc {
  const done = analyzeDoc(doc);
  return {
    ...done,
    events: (done.events ?? [])
      .filter((e) => e.type !== 'CONSULT')
      .map((e) => {
        if (e.type !== 'ACCUSE') return e;
        const { recipient: _dropped, ...rest } = e;
        return rest;
      }),
  };
}

async function linked(store: Repository) {
  const pairs: [string, string][] = [
    ['RUS', 'CHN'],
    ['RUS', 'UKR'],
    ['KEN', 'USA'],
  ];
  const relations = [];
  for (const [a, b] of pairs) {
    for (const row of await store.relationCounts({ a, b, by: 'day' })) {
      relations.push({ a, b, ...row, goldsteinSum: Math.round(row.goldsteinSum * 1000) / 1000 });
    }
  }
  const happenings = (await store.listHappenings({ limit: 100, offset: 0 })).items
    .map(({ id: _id, firstIdx: _i, ...h }) => h)
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const events = (await store.queryEvents({ limit: 100, offset: 0 })).items
    .map((e) => `${e.docId.slice(0, 8)} ${e.type} ${e.actor?.country} ${e.recipient?.country} ${e.start}`)
    .sort();
  const top = await store.topRelations({ kind: 'dyads', level: 'country', limit: 20 });
  const { eventsByType, events: n, entities } = await store.stats();
  return { relations, happenings, events, top, stats: { eventsByType, n, entities } };
}

const engines = await storeEngines();
const opened: Repository[] = [];
after(async () => {
  for (const store of opened) await store.close();
});

async function storeWith(engine: (typeof engines)[number], analyze: (doc: Doc) => Doc, pipeline: string) {
  const store = await openTestStore(engine);
  opened.push(store);
  await ingestBatch({ store, inputs: inputs(), analyze, pipeline });
  return store;
}

test('diffEvents: same span and type is the same event; other fields differing make it changed', () => {
  const full = analyzeDoc(inputs()[0]?.doc as Doc);
  const older = olderAnalyze(inputs()[0]?.doc as Doc);
  const toA = (d: Doc) => ({ ...d, events: d.events ?? [] }) as unknown as Parameters<typeof diffEvents>[0];
  const diff = diffEvents(toA(older), toA(full));
  assert.deepEqual(
    diff.added.map((e) => e.type),
    (full.events ?? []).filter((e) => e.type === 'CONSULT').map((e) => e.type),
  );
  assert.ok(diff.added.length > 0, 'the full pipeline codes a CONSULT here');
  assert.deepEqual(diff.removed, []);
  assert.deepEqual(
    diff.changed.map((c) => [c.before.type, c.before.recipient, c.after.recipient]),
    (full.events ?? [])
      .filter((e) => e.type === 'ACCUSE')
      .map((e) => ['ACCUSE', null, e.recipient?.entity ?? e.recipient?.country]),
  );
  assert.deepEqual(diffEvents(toA(full), toA(full)), { added: [], removed: [], changed: [] });
});

for (const engine of engines) {
  describe(`${engine}: recode`, () => {
    test('after an upgrade, recode --stale codes the new events and moves happenings and counts to what a fresh ingest gives', async () => {
      const store = await storeWith(engine, olderAnalyze, 'test:old');
      const fresh = await storeWith(engine, analyzeDoc, 'test:new');
      const before = await linked(store);
      assert.notDeepEqual(before, await linked(fresh), 'the two pipelines code these texts differently');
      assert.deepEqual(await store.pipelineVersions(), [{ version: 'test:old', documents: 3 }]);

      const report = await recodeStore({
        store,
        mode: 'stale',
        analyze: analyzeDoc,
        pipeline: 'test:new',
        workers: 0,
        details: true,
      });
      const full = inputs().map((i) => analyzeDoc(i.doc));
      const consults = full.flatMap((d) => d.events ?? []).filter((e) => e.type === 'CONSULT').length;
      const accusals = full
        .flatMap((d) => d.events ?? [])
        .filter((e) => e.type === 'ACCUSE' && e.recipient).length;
      const touched = full.filter((d) =>
        (d.events ?? []).some((e) => e.type === 'CONSULT' || e.type === 'ACCUSE'),
      );
      assert.ok(consults >= 2 && accusals >= 1, 'the texts hold what the test is about');
      assert.deepEqual(report.documents, {
        considered: 3,
        recoded: touched.length,
        unchanged: 3 - touched.length,
        failed: 0,
      });
      assert.deepEqual(report.events.byType.CONSULT, { added: consults, removed: 0, changed: 0 });
      assert.deepEqual(report.events.byType.ACCUSE, { added: 0, removed: 0, changed: accusals });
      assert.equal(report.events.added, consults);
      assert.equal(report.events.removed, 0);
      // The two reports of the meeting: the first opens its happening, the second is merged into it.
      assert.ok(
        report.happenings.created >= 1 && report.happenings.joined >= 1,
        JSON.stringify(report.happenings),
      );
      assert.equal(report.perDocument?.length, 3);
      assert.ok(report.perDocument?.every((d) => d.previous === 'test:old'));

      assert.deepEqual(await linked(store), await linked(fresh));
      assert.deepEqual(await store.pipelineVersions(), [{ version: 'test:new', documents: 3 }]);
      const search = await store.listDocuments({ q: 'Beijing', limit: 10, offset: 0 });
      assert.equal(search.total, 2, 'search still finds the re-coded documents');

      // Twice: nothing is stale, nothing changes; --all analyses again and finds every analysis equal.
      const again = await recodeStore({ store, mode: 'stale', analyze: analyzeDoc, pipeline: 'test:new' });
      assert.equal(again.documents.considered, 0);
      const all = await recodeStore({ store, mode: 'all', analyze: analyzeDoc, pipeline: 'test:new' });
      assert.deepEqual(all.documents, { considered: 3, recoded: 0, unchanged: 3, failed: 0 });
      assert.deepEqual(all.happenings, { removed: 0, left: 0, created: 0, joined: 0 });
      assert.deepEqual(await linked(store), await linked(fresh));
    });

    test('recoding back to the older pipeline takes the events out: happenings split, emptied and counts decremented', async () => {
      const store = await storeWith(engine, analyzeDoc, 'test:new');
      const older = await storeWith(engine, olderAnalyze, 'test:old');
      const report = await recodeStore({
        store,
        mode: 'all',
        analyze: olderAnalyze,
        pipeline: 'test:old',
        workers: 0,
      });
      assert.ok((report.events.byType.CONSULT?.removed ?? 0) >= 2);
      // The first report leaves the shared meeting happening (split), the second empties it.
      assert.ok(
        report.happenings.left >= 1 && report.happenings.removed >= 1,
        JSON.stringify(report.happenings),
      );
      assert.deepEqual(await linked(store), await linked(older));
      assert.deepEqual(
        await store
          .relationCounts({ a: 'RUS', b: 'CHN', by: 'month' })
          .then((r) => r.filter((x) => x.type === 'CONSULT')),
        [],
      );
    });

    test('a limit stops midway; the rest is still stale and a second run finishes it', async () => {
      const store = await storeWith(engine, olderAnalyze, 'test:old');
      const fresh = await storeWith(engine, analyzeDoc, 'test:new');
      const first = await recodeStore({
        store,
        mode: 'stale',
        analyze: analyzeDoc,
        pipeline: 'test:new',
        limit: 1,
      });
      assert.equal(first.documents.considered, 1);
      const versions = await store.pipelineVersions();
      assert.deepEqual(versions.map((v) => [v.version, v.documents]).sort(), [
        ['test:new', 1],
        ['test:old', 2],
      ]);
      const rest = await recodeStore({
        store,
        mode: 'stale',
        analyze: analyzeDoc,
        pipeline: 'test:new',
        pageSize: 1,
      });
      assert.equal(rest.documents.considered, 2);
      assert.deepEqual(await linked(store), await linked(fresh));
    });
  });
}
