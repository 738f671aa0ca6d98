// The one store test suite: every test runs against SQLite and PostgreSQL, which must give the same
// results for the same input (engine-specific checks live beside each engine).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fakeAnalysis, GENEVA_TEXT } from '../../test/support/fake-analyze.js';
import { meetingOfPeople, party, type ReportEvent, report } from '../../test/support/link-docs.js';
import {
  dropStoreUrl,
  freshStoreUrl,
  openTestStore,
  storeEngines,
} from '../../test/support/store-engines.js';
import { contentHash } from '../core/hash.js';
import { openStore } from './open-store.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import type { EventRow, QueueInput, Repository } from './repository.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from './sqlite/migrations.js';

const fixedClock = (iso: string) => () => new Date(iso);
const engines = await storeEngines();

test('both engines have the same schema versions', () => {
  assert.equal(POSTGRES_MIGRATIONS.length, SQLITE_MIGRATIONS.length);
});

test('store URLs: an empty one is refused with a clear message', async () => {
  await assert.rejects(openStore(''), /expected a store URL/);
  await assert.rejects(openStore('sqlite:'), /needs a file path/);
  await assert.rejects(openStore('postgres://127.0.0.1/test?schema=Bad-Name'), /schema must be lowercase/);
});

for (const engine of engines) {
  describe(`${engine} store: schema`, () => {
    test('migrations are applied once; reopening the same store keeps the version and the data', async () => {
      const url = freshStoreUrl(engine);
      const first = await openStore(url);
      await first.putDocument(fakeAnalysis());
      const version = (await first.stats()).schemaVersion;
      await first.close();
      assert.equal(version, SQLITE_MIGRATIONS.length);

      const second = await openStore(url);
      const stats = await second.stats();
      assert.equal(stats.engine, engine);
      assert.equal(stats.schemaVersion, SQLITE_MIGRATIONS.length);
      assert.equal(stats.documents, 1, 'data survives reopening');
      await second.close();
      await dropStoreUrl(url);
    });
  });

  describe(`${engine} store: documents`, () => {
    test('listStoredSince: documents stored at or after an instant, oldest first, ties by id, no rejected', async () => {
      let clock = '2024-05-16T10:00:00.000Z';
      const store = await openTestStore(engine, { now: () => new Date(clock) });
      const first = fakeAnalysis(`${GENEVA_TEXT}\nOne.`, 'test:1');
      await store.putDocument(first);
      clock = '2024-05-16T10:00:05.000Z';
      const tied = [
        fakeAnalysis(`${GENEVA_TEXT}\nTwo.`, 'test:2'),
        fakeAnalysis(`${GENEVA_TEXT}\nThree.`, 'test:3'),
      ];
      await store.putMany(tied.map((analysis) => ({ kind: 'document' as const, analysis })));
      await store.putRejected({ uri: 'test:empty', text: '', diagnostics: [] });
      const all = await store.listStoredSince({ since: '2024-05-16T00:00:00.000Z', limit: 10 });
      assert.deepEqual(
        all.map((d) => d.id),
        [first.id, ...tied.map((a) => a.id).sort()],
      );
      const later = await store.listStoredSince({ since: '2024-05-16T10:00:05.000Z', limit: 10 });
      assert.deepEqual(
        later.map((d) => d.id),
        tied.map((a) => a.id).sort(),
      );
      assert.equal((await store.listStoredSince({ since: clock, limit: 1 })).length, 1);
      assert.deepEqual(await store.listStoredSince({ since: '2024-05-16T10:00:06.000Z', limit: 10 }), []);
      await store.close();
    });

    test('putDocument then getDocument round-trips the analysis exactly', async () => {
      const store = await openTestStore(engine);
      const analysis = fakeAnalysis();
      assert.deepEqual(await store.putDocument(analysis), { id: analysis.id, status: 'inserted' });
      assert.deepEqual(await store.getDocument(analysis.id), analysis);
      assert.equal(await store.getDocument('nope'), null);
      await store.close();
    });

    test('a raw input (a web page) is kept gzipped beside its document, the first copy only', async () => {
      const store = await openTestStore(engine);
      const analysis = fakeAnalysis();
      const page = { mediaType: 'text/html', gzip: new Uint8Array(gzipSync('<p>first</p>')) };
      await store.putMany([{ kind: 'document', analysis, raw: page }]);
      const again = { mediaType: 'text/html', gzip: new Uint8Array(gzipSync('<p>second</p>')) };
      await store.putMany([{ kind: 'document', analysis, raw: again }]);
      const raw = await store.getRaw(analysis.id);
      assert.equal(raw?.mediaType, 'text/html');
      assert.equal(gunzipSync(raw?.gzip ?? new Uint8Array()).toString('utf8'), '<p>first</p>');
      assert.equal(await store.getRaw('nope'), null);
      await store.close();
    });

    test('the same text again is a duplicate and changes nothing, not even timestamps', async () => {
      let clock = '2024-05-16T10:00:00.000Z';
      const store = await openTestStore(engine, { now: () => new Date(clock) });
      const analysis = fakeAnalysis();
      await store.putDocument(analysis);
      const before = await store.listDocuments({ limit: 10, offset: 0 });
      const statsBefore = await store.stats();
      clock = '2025-01-01T00:00:00.000Z';
      const again = fakeAnalysis(GENEVA_TEXT, 'https://elsewhere.example/copy', '2030-01-01');
      assert.equal(again.id, analysis.id);
      assert.deepEqual(await store.putDocument(again), { id: analysis.id, status: 'duplicate' });
      assert.deepEqual(await store.listDocuments({ limit: 10, offset: 0 }), before);
      assert.deepEqual(await store.stats(), statsBefore);
      assert.equal(before.items[0]?.createdAt, '2024-05-16T10:00:00.000Z');
      await store.close();
    });

    test('putMany stores a batch in one go, in order, with duplicates inside the batch', async () => {
      const store = await openTestStore(engine, { now: fixedClock('2024-05-16T10:00:00Z') });
      const a = fakeAnalysis();
      const b = fakeAnalysis(`${GENEVA_TEXT}\nA second story about Geneva.\n`, 'test:b');
      const results = await store.putMany([
        { kind: 'document', analysis: a },
        { kind: 'document', analysis: b },
        { kind: 'document', analysis: a },
        { kind: 'rejected', input: { uri: 'test:bad', text: '', diagnostics: [] } },
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['inserted', 'inserted', 'duplicate', 'inserted'],
      );
      assert.equal((await store.stats()).documents, 3);
      await store.close();
    });

    test('rejected documents are kept with their diagnostics, keyed by uri + content', async () => {
      const store = await openTestStore(engine);
      const diagnostics = [
        { ruleId: 'ingest:empty', severity: 'error' as const, reason: 'the file is empty', start: 0, end: 0 },
        { ruleId: 'ingest:note', severity: 'info' as const, reason: 'read from disk' },
      ];
      const first = await store.putRejected({
        uri: 'file:a.txt',
        bytes: new Uint8Array([0xff, 0xfe]),
        diagnostics,
      });
      assert.equal(first.status, 'inserted');
      assert.equal(
        (await store.putRejected({ uri: 'file:a.txt', bytes: new Uint8Array([0xff, 0xfe]), diagnostics }))
          .status,
        'duplicate',
      );
      const other = await store.putRejected({
        uri: 'file:b.txt',
        bytes: new Uint8Array([0xff, 0xfe]),
        diagnostics,
      });
      assert.equal(other.status, 'inserted');
      assert.notEqual(other.id, first.id);

      assert.deepEqual(await store.getDiagnostics(first.id), [
        { ruleId: 'ingest:empty', severity: 'error', reason: 'the file is empty', start: 0, end: 0 },
        { ruleId: 'ingest:note', severity: 'info', reason: 'read from disk', start: null, end: null },
      ]);
      assert.equal(await store.getDiagnostics('unknown'), null);
      const rejected = await store.listDocuments({ status: 'rejected', limit: 10, offset: 0 });
      assert.equal(rejected.total, 2);
      assert.equal(rejected.items[0]?.reason, 'the file is empty');
      assert.equal((await store.listDocuments({ status: 'ok', limit: 10, offset: 0 })).total, 0);
      const stored = await store.getDocument(first.id);
      assert.equal(stored?.rejected, true);
      assert.equal(stored?.source.uri, 'file:a.txt');
      await store.close();
    });

    test('full-text search covers title and kept text, not removed spans, and survives FTS syntax', async () => {
      const store = await openTestStore(engine);
      const a = fakeAnalysis();
      const b = fakeAnalysis('Markets Calm\nShares rose in Tokyo as traders waited.\n', 'test:markets');
      await store.putMany([
        { kind: 'document', analysis: a },
        { kind: 'document', analysis: b },
      ]);
      const ids = async (q: string) =>
        (await store.listDocuments({ q, limit: 10, offset: 0 })).items.map((d) => d.id);
      assert.deepEqual(await ids('Geneva'), [a.id]);
      assert.deepEqual(await ids('scholz rail'), [a.id], 'words are ANDed, case-insensitive');
      assert.deepEqual(await ids('tokyo'), [b.id]);
      assert.deepEqual(await ids('Advertisement'), [], 'removed spans are not indexed');
      assert.deepEqual(await ids('"unbalanced AND ('), [], 'FTS operators in user input are neutralised');
      assert.deepEqual(await ids('geneva tokyo'), []);
      const page = await store.listDocuments({ limit: 1, offset: 1 });
      assert.equal(page.total, 2);
      assert.equal(page.items.length, 1);
      const summary = (await store.listDocuments({ q: 'geneva', limit: 5, offset: 0 })).items[0];
      assert.equal(summary?.title, 'Leaders Meet in Geneva');
      assert.deepEqual(summary?.counts, { sentences: 4, entities: 5, events: 2, diagnostics: 0 });
      assert.match(summary?.snippet ?? '', /^French President/);
      await store.close();
    });

    test("a document's average tone is kept beside it (null when it was not scored)", async () => {
      const store = await openTestStore(engine);
      const scored = fakeAnalysis();
      scored.tone = {
        words: 40,
        positiveWords: 1,
        negativeWords: 3,
        tone: -5,
        positive: 2.5,
        negative: 7.5,
        polarity: 10,
        valence: -7,
        lexicon: 'afinn-165',
        rule: 'tone:afinn-165',
        sentences: [{ sentence: 1, words: 10, positiveWords: 0, negativeWords: 3, tone: -30 }],
      };
      const unscored = fakeAnalysis(
        'Markets Calm\nShares rose in Tokyo as traders waited.\n',
        'test:markets',
      );
      await store.putMany([
        { kind: 'document', analysis: scored },
        { kind: 'document', analysis: unscored },
      ]);
      const tones = new Map(
        (await store.listDocuments({ limit: 10, offset: 0 })).items.map((d) => [d.id, d.tone]),
      );
      assert.equal(tones.get(scored.id), -5);
      assert.equal(tones.get(unscored.id), null);
      assert.deepEqual((await store.getDocument(scored.id))?.tone, scored.tone);
      await store.close();
    });
  });

  describe(`${engine} store: events and entities`, async () => {
    const store = await openTestStore(engine);
    const a = fakeAnalysis();
    const b = fakeAnalysis(`${GENEVA_TEXT}Also later.\n`, 'test:later', '2025-03-02');
    await store.putMany([
      { kind: 'document', analysis: a },
      { kind: 'document', analysis: b },
    ]);
    after(() => store.close());
    const page = { limit: 50, offset: 0 };

    test('actor matches ISO3, entity id or text, case-insensitively', async () => {
      for (const actor of [
        'FRA',
        'fra',
        'person:emmanuel-macron',
        'PERSON:Emmanuel-Macron',
        'emmanuel macron',
        'two leaders',
      ]) {
        const result = await store.queryEvents({ actor, ...page });
        assert.ok(result.total > 0, `actor=${actor}`);
        assert.ok(result.items.every((e) => e.actor !== null));
      }
      assert.equal((await store.queryEvents({ actor: 'DEU', ...page })).total, 0, 'DEU is only a recipient');
      assert.equal((await store.queryEvents({ recipient: 'deu', ...page })).total, 2);
      assert.equal((await store.queryEvents({ actor: '%', ...page })).total, 0, 'LIKE wildcards are literal');
    });

    test('an actor filter holding a NUL or control characters is an answer, not an error', async () => {
      const store = await openTestStore(engine);
      await store.putDocument(fakeAnalysis());
      for (const actor of ['ab\u0000c', '\u0012\u001f\b\u000f\t\u0000\u0018', '\u0000\u0000\u0000']) {
        const page = await store.queryEvents({ actor, limit: 10, offset: 0 });
        assert.equal(page.items.length, 0, JSON.stringify(actor));
        assert.equal((await store.queryEvents({ recipient: actor, limit: 10, offset: 0 })).items.length, 0);
      }
      await store.close();
    });

    test('type, status and doc filters', async () => {
      const consult = await store.queryEvents({ type: 'consult', ...page });
      assert.equal(consult.total, 2);
      const first = consult.items[0];
      assert.equal(first?.cameo, '036');
      assert.deepEqual(first?.actor, {
        text: 'French President Emmanuel Macron',
        entity: 'person:emmanuel-macron',
        country: 'FRA',
        sector: 'GOV',
      });
      assert.equal((await store.queryEvents({ status: 'negated', ...page })).total, 0);
      assert.equal((await store.queryEvents({ docId: a.id, ...page })).total, 2);
    });

    test('minConfidence keeps the events at least that likely right, and leaves out those without one', async () => {
      const store = await openTestStore(engine);
      const x = fakeAnalysis();
      const scores = [0.8, 0.2];
      const y = { ...x, events: x.events.map((e, i) => ({ ...e, confidence: scores[i] ?? 0.5 })) };
      const z = fakeAnalysis(`${GENEVA_TEXT}Unscored.\n`, 'test:unscored');
      await store.putMany([
        { kind: 'document', analysis: y },
        { kind: 'document', analysis: z },
      ]);
      const all = await store.queryEvents({ limit: 50, offset: 0 });
      assert.deepEqual(
        all.items
          .filter((e) => e.docId === y.id)
          .sort((p, q) => p.idx - q.idx)
          .map((e) => e.confidence),
        y.events.map((e) => e.confidence),
      );
      assert.ok(all.items.filter((e) => e.docId === z.id).every((e) => e.confidence === null));
      const sure = await store.queryEvents({ minConfidence: 0.5, limit: 50, offset: 0 });
      assert.deepEqual(
        sure.items.map((e) => [e.docId, e.confidence]),
        [[y.id, 0.8]],
      );
      assert.equal(sure.total, 1);
      assert.equal(
        (await store.queryEvents({ minConfidence: 0, limit: 50, offset: 0 })).total,
        y.events.length,
      );
      await store.close();
    });

    test('from/to use the event date, else the publication date', async () => {
      // CONSULT events are dated 2024-05-13; AGREE events fall back to publication (2024-05-16, 2025-03-02).
      const may = await store.queryEvents({ from: '2024-05-14', to: '2024-05', ...page });
      assert.deepEqual(
        may.items.map((e) => e.type),
        ['AGREE'],
      );
      assert.equal((await store.queryEvents({ from: '2025', ...page })).total, 1);
      assert.equal((await store.queryEvents({ to: '2024-05-13', ...page })).total, 2);
    });

    test('entities aggregate over documents, or list one document', async () => {
      const all = await store.listEntities(page);
      assert.equal(all.total, 5);
      const macron = all.items.find((e) => e.entityId === 'person:emmanuel-macron');
      assert.deepEqual(macron, {
        entityId: 'person:emmanuel-macron',
        name: 'Emmanuel Macron',
        type: 'person',
        country: 'FRA',
        sector: 'GOV',
        documents: 2,
        mentions: 4,
      });
      const one = await store.listEntities({ docId: a.id, type: 'country', ...page });
      assert.deepEqual(one.items.map((e) => e.entityId).sort(), ['country:DEU', 'country:FRA']);
      assert.equal((await store.listEntities({ q: 'scholz', ...page })).total, 1);
      assert.equal((await store.listEntities({ country: 'che', ...page })).items[0]?.entityId, 'city:geneva');
    });

    test('stats count documents, entities, events', async () => {
      const stats = await store.stats();
      assert.equal(stats.documents, 2);
      assert.equal(stats.events, 4);
      assert.deepEqual(stats.eventsByType, { AGREE: 2, CONSULT: 2 });
    });
  });

  describe(`${engine} store: the actor filter by index`, () => {
    test("every substring finds what a scan finds: ISO3, entity id, or part of a side's text (ASCII case folded)", async () => {
      const store = await openTestStore(engine);
      const texts = [
        'Russian officials',
        'the Élysée Palace',
        'Zürich police',
        'a "quoted" spokesman',
        "Kyiv's mayor",
        '100%_owned firm',
        'PUTIN',
        'İstanbul governor',
      ];
      const analyses = texts.map((text, i) =>
        report(`Story ${i}\nSomething happened ${i}.`, {
          url: `https://x.example/${i}`,
          published: '2024-05-16',
          events: [
            {
              type: 'CONSULT',
              actor: party(i % 2 ? 'RUS' : 'FRA', { text, entity: `person:p${i}` }),
              recipient: party('CHN', { text: texts[(i + 3) % texts.length] as string }),
            },
          ],
        }),
      );
      await store.putMany(analyses.map((analysis) => ({ kind: 'document', analysis })));
      const fold = (v: string) => v.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const expected = (role: 'actor' | 'recipient', q: string) =>
        analyses
          .filter((a) => {
            const side = a.events[0]?.[role];
            if (!side) return false;
            return (
              side.country === q.toUpperCase() ||
              fold(side.entity ?? '') === fold(q) ||
              fold(side.text).includes(fold(q))
            );
          })
          .map((a) => a.id)
          .sort();
      const queries = new Set<string>([
        'RUS',
        'rus',
        'PERSON:P3',
        'zz',
        '%',
        '_',
        '"',
        '""',
        "'s m",
        'uoted" s',
      ]);
      for (const text of texts) {
        const chars = [...text];
        for (let len = 1; len <= 6; len++) {
          for (let i = 0; i + len <= chars.length; i += 3) queries.add(chars.slice(i, i + len).join(''));
        }
        queries.add(text.toUpperCase());
      }
      for (const q of queries) {
        for (const role of ['actor', 'recipient'] as const) {
          const page = await store.queryEvents({ [role]: q, limit: 50, offset: 0 });
          assert.deepEqual(
            page.items.map((e) => e.docId).sort(),
            expected(role, q),
            `${role}=${JSON.stringify(q)}`,
          );
          assert.equal(page.total, page.items.length, `${role}=${JSON.stringify(q)}: total`);
        }
      }
      // The index follows the rows: a re-coded document's old side is no longer found, its new one is.
      const first = analyses[0] as (typeof analyses)[number];
      const recoded = structuredClone(first);
      (recoded.events[0] as { actor: { text: string } }).actor.text = 'Brazilian envoy';
      await store.recodeDocument(recoded, 'v2');
      assert.equal((await store.queryEvents({ actor: 'Russian off', limit: 50, offset: 0 })).total, 0);
      assert.deepEqual(
        (await store.queryEvents({ actor: 'zilian env', limit: 50, offset: 0 })).items.map((e) => e.docId),
        [first.id],
      );
      await store.close();
    });
  });

  describe(`${engine} store: the actor filter in list order`, () => {
    test('a side matched by country, entity and text at once is one row; pages by cursor and offset follow the list order', async () => {
      const store = await openTestStore(engine);
      // Sides that match "RUS" by country and text, country and entity, entity alone, text alone, or not.
      const sides = [
        party('RUS', { text: 'Russian army' }),
        party('FRA', { text: 'Russian exiles' }),
        party('RUS', { text: 'the Kremlin', entity: 'rus' }),
        party('GBR', { text: 'an envoy', entity: 'RUS' }),
        party('USA', { text: 'US army' }),
        party('RUS', { text: 'Moscow' }),
      ];
      const analyses = Array.from({ length: 14 }, (_, i) =>
        report(`Story ${i}\nSomething happened ${i}.`, {
          url: `https://y.example/${i}`,
          // Every third one undated; the others on a few shared days, so ties fall to doc id and index.
          ...(i % 3 === 2 ? {} : { published: `2024-05-${String(10 + (i % 4)).padStart(2, '0')}` }),
          events: [
            { type: 'CONSULT', actor: sides[i % sides.length], recipient: party('CHN') },
            {
              type: 'ACCUSE',
              actor: sides[(i + 2) % sides.length],
              recipient: sides[(i + 3) % sides.length],
            },
          ],
        }),
      );
      await store.putMany(analyses.map((analysis) => ({ kind: 'document', analysis })));
      const all = (await store.queryEvents({ limit: 1000, offset: 0 })).items;
      assert.equal(all.length, 28);
      const fold = (v: string) => v.toLowerCase();
      for (const q of ['RUS', 'Russian', 'ru', 'army']) {
        const matches = (p: EventRow['actor']) =>
          p !== null &&
          (p.country === q.toUpperCase() ||
            fold(p.entity ?? '') === fold(q) ||
            fold(p.text).includes(fold(q)));
        const expected = all.filter((e) => matches(e.actor)).map((e) => `${e.docId}#${e.idx}`);
        assert.ok(expected.length > 2, q);
        const byCursor: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 40; guard++) {
          const page = await store.queryEvents({
            actor: q,
            limit: 3,
            offset: 0,
            ...(cursor ? { cursor } : {}),
          });
          if (guard === 0) assert.equal(page.total, expected.length, `${q}: total`);
          byCursor.push(...page.items.map((e) => `${e.docId}#${e.idx}`));
          if (!page.next) break;
          cursor = page.next;
        }
        assert.deepEqual(byCursor, expected, `${q}: by cursor`);
        const byOffset: string[] = [];
        for (let offset = 0; offset < expected.length; offset += 4) {
          const page = await store.queryEvents({ actor: q, limit: 4, offset });
          byOffset.push(...page.items.map((e) => `${e.docId}#${e.idx}`));
        }
        assert.deepEqual(byOffset, expected, `${q}: by offset`);
        // With the other side and a type as conditions too.
        const accused = all
          .filter((e) => e.type === 'ACCUSE' && matches(e.actor) && e.recipient?.country === 'RUS')
          .map((e) => `${e.docId}#${e.idx}`);
        const page = await store.queryEvents({
          actor: q,
          recipient: 'RUS',
          type: 'accuse',
          limit: 50,
          offset: 0,
        });
        assert.deepEqual(
          page.items.filter((e) => e.recipient?.country === 'RUS').map((e) => `${e.docId}#${e.idx}`),
          accused,
          `${q}: with recipient and type`,
        );
      }
      await store.close();
    });
  });

  describe(`${engine} store: search`, () => {
    test('one word rule on both engines: case, Latin accents, digits, punctuation between words', async () => {
      const store = await openTestStore(engine);
      const texts = {
        zurich: 'Talks in Zürich\nThe café near the Bahnhof served crème brûlée.\n',
        money: 'Budget Plan\nThe plan costs $1.4 trillion over ten years, state-run media said.\n',
        xi: "Xi's Visit\nXi’s visit to 北京 went ahead; résumé sent.\n",
      };
      const ids: Record<string, string> = {};
      for (const [key, text] of Object.entries(texts)) {
        const a = fakeAnalysis(text, `test:${key}`);
        await store.putDocument(a);
        ids[key] = a.id;
      }
      const found = async (q: string) =>
        (await store.listDocuments({ q, limit: 10, offset: 0 })).items.map((d) => d.id).sort();
      assert.deepEqual(await found('zurich'), [ids.zurich]);
      assert.deepEqual(await found('ZÜRICH CAFE'), [ids.zurich]);
      assert.deepEqual(await found('creme brulee'), [ids.zurich]);
      assert.deepEqual(await found('1.4'), [ids.money], '"1.4" is the words 1 and 4');
      assert.deepEqual(await found('state run'), [ids.money]);
      assert.deepEqual(await found('state-run'), [ids.money]);
      assert.deepEqual(await found('xi s'), [ids.xi]);
      assert.deepEqual(await found('北京'), [ids.xi]);
      assert.deepEqual(await found('resume'), [ids.xi]);
      assert.deepEqual(await found('stat'), [], 'whole words only, no prefixes or stems');
      assert.deepEqual(await found('plans'), [], 'no stemming');
      assert.deepEqual(await found('-budget'), [ids.money], 'a leading minus is punctuation, not NOT');
      assert.deepEqual(await found('budget OR zurich'), [], '"OR" is a word like any other');
      await store.close();
    });

    test('search pages follow the list order through shared minutes, undated and odd dates, by status', async () => {
      let ms = Date.UTC(2024, 4, 16, 10, 0, 0);
      const store = await openTestStore(engine, { now: () => new Date(ms) });
      // Many documents a minute, a date-only day beside its instants, undated ones stored four a second
      // (the undated part of the list goes by the time stored), and dates in no canonical form.
      const dates = [
        '2024-05-16',
        '2024-05-16T10:00:00Z',
        '2024-05-16T10:00:30Z',
        '2024-05-16T23:59:00+02:00',
        '2024-05-15',
        '2024-05-16 10:00',
        null,
        '2023-01-01T00:00Z',
        'May 2024',
        '1999/12/31',
      ];
      const titled = (i: number) => i % 9 === 0;
      // More matches than a count reads past the page: the engines' paths for many matches, not only few.
      const n = 1300;
      for (let from = 0; from < n; from += 10) {
        const batch = [];
        for (let i = from; i < from + 10; i++) {
          const title = titled(i) ? `Harbour news ${i}` : `Report ${i}`;
          const own = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `${x}${i}`).join(' ');
          const base = fakeAnalysis(`${title}\nThe harbour of ${own} reopened today.\n`, `test:order/${i}`);
          // A newest day with few documents: its windows hold the odd dates, which must not join its page.
          const published = i % 130 === 0 ? '2024-06-01' : (dates[i % dates.length] ?? null);
          const analysis = {
            ...base,
            published,
            source: { ...base.source, published: published ?? undefined },
          };
          batch.push({ kind: 'document' as const, analysis });
        }
        await store.putMany(batch);
        if (from % 120 === 0) {
          await store.putRejected({
            uri: `test:rejected/${from}`,
            text: `harbour ${from} unreadable`,
            diagnostics: [],
          });
        }
        ms += 600;
      }
      for (const status of [undefined, 'ok', 'rejected'] as const) {
        const listed = (await store.listDocuments({ limit: 2000, offset: 0, ...(status ? { status } : {}) }))
          .items;
        assert.equal(listed.length, status === 'rejected' ? 11 : status === 'ok' ? n : n + 11);
        const inTitle = (d: (typeof listed)[number]) => /harbour/i.test(d.title ?? '');
        const expected = [...listed.filter(inTitle), ...listed.filter((d) => !inTitle(d))].map((d) => d.id);
        for (const [offset, limit] of [
          [0, 13],
          [0, 25],
          [20, 13],
          [27, 50],
          [120, 13],
          [250, 13],
          [1290, 30],
        ] as const) {
          const page = await store.listDocuments({
            q: 'harbour',
            limit,
            offset,
            ...(status ? { status } : {}),
          });
          assert.deepEqual(
            page.items.map((d) => d.id),
            expected.slice(offset, offset + limit),
            `${status ?? 'any status'}: offset ${offset}`,
          );
        }
      }
      await store.close();
    });

    test('a search of a mostly undated store: the dated first, then the undated by the time stored', async () => {
      let ms = Date.UTC(2024, 0, 1);
      const store = await openTestStore(engine, { now: () => new Date(ms) });
      const n = 1100;
      for (let from = 0; from < n; from += 10) {
        const batch = [];
        for (let i = from; i < from + 10; i++) {
          const own = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `${x}${i}`).join(' ');
          const base = fakeAnalysis(
            `Report ${i}\nThe harbour of ${own} reopened today.\n`,
            `test:undated/${i}`,
          );
          // Every 80th dated, the rest undated: fewer dated matches than a page holds.
          const published = i % 80 === 0 ? `2023-03-${String(1 + (i % 28)).padStart(2, '0')}` : null;
          const analysis = {
            ...base,
            published,
            source: { ...base.source, published: published ?? undefined },
          };
          batch.push({ kind: 'document' as const, analysis });
        }
        await store.putMany(batch);
        ms += 7 * 3_600_000;
      }
      const listed = (await store.listDocuments({ limit: 2000, offset: 0 })).items.map((d) => d.id);
      assert.equal(listed.length, n);
      for (const [offset, limit] of [
        [0, 50],
        [10, 20],
        [400, 50],
      ] as const) {
        const page = await store.listDocuments({ q: 'harbour', limit, offset });
        assert.deepEqual(
          page.items.map((d) => d.id),
          listed.slice(offset, offset + limit),
          `offset ${offset}`,
        );
      }
      await store.close();
    });

    test('a title match ranks before a body match', async () => {
      const store = await openTestStore(engine);
      const body = fakeAnalysis(
        'Markets\nTraders in Geneva waited for the harbour report all day long.\n',
        'test:body',
      );
      const title = fakeAnalysis('Harbour Strike Ends\nWorkers went back on Monday.\n', 'test:title');
      // Other documents, so the word is rare enough for bm25 to weigh it.
      const others = ['Rain', 'Wind', 'Snow'].map((w) =>
        fakeAnalysis(`${w}\nNothing else to report.\n`, `test:${w}`),
      );
      await store.putMany(
        [body, title, ...others].map((analysis) => ({ kind: 'document' as const, analysis })),
      );
      const page = await store.listDocuments({ q: 'harbour', limit: 10, offset: 0 });
      assert.deepEqual(
        page.items.map((d) => d.id),
        [title.id, body.id],
      );
      await store.close();
    });
  });

  describe(`${engine} store: lists past a thousand rows`, () => {
    test('kept totals, counts capped past the page, and search order on both of its plans', async () => {
      const store = await openTestStore(engine);
      const base = fakeAnalysis();
      const n = 1100;
      const docs = Array.from({ length: n }, (_, i) => {
        const title = i % 7 === 0 ? `Harbour report ${i}` : `Report ${i}`;
        // Words of its own in every text, so no two are near-duplicates (that check is not under test).
        const own = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `${x}${i}`).join(' ');
        const text = `${title}\nThe harbour of ${own} reopened today${i % 20 === 0 ? ' after the storm' : ''}.\n`;
        // A permutation of n days (37 and 1,100 are coprime): every document has its own day.
        const published = new Date(Date.UTC(2020, 0, 1) + ((i * 37) % n) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return {
          ...base,
          id: contentHash(text),
          text,
          title,
          titleSpan: { start: 0, end: title.length },
          removed: [],
          published,
          source: { ...base.source, uri: `test:scale/${i}`, published },
        };
      });
      await store.putMany(docs.map((analysis) => ({ kind: 'document' as const, analysis })));
      // Stored again: duplicates, which the kept counts must not count.
      await store.putMany(docs.slice(0, 10).map((analysis) => ({ kind: 'document' as const, analysis })));
      const newest = (list: typeof docs) =>
        [...list].sort((a, b) => ((a.published ?? '') < (b.published ?? '') ? 1 : -1)).map((d) => d.id);
      const expected = [
        ...newest(docs.filter((d) => d.title.startsWith('Harbour'))),
        ...newest(docs.filter((d) => !d.title.startsWith('Harbour'))),
      ];

      const first = await store.listDocuments({ q: 'harbour', limit: 50, offset: 0 });
      assert.deepEqual(
        first.items.map((d) => d.id),
        expected.slice(0, 50),
      );
      assert.equal(first.total, 1050, 'counted up to 1,000 past the page');
      assert.equal(first.totalCapped, true);
      const across = await store.listDocuments({ q: 'harbour', limit: 20, offset: 150 });
      assert.deepEqual(
        across.items.map((d) => d.id),
        expected.slice(150, 170),
        'the last headline matches, then the newest body matches',
      );
      assert.equal(across.total, n);
      assert.equal(across.totalCapped, undefined);

      // Few matches: sorted rather than walked (SQLite), the same order.
      const storm = await store.listDocuments({ q: 'storm', limit: 50, offset: 0 });
      assert.deepEqual(
        storm.items.map((d) => d.id),
        newest(docs.filter((_, i) => i % 20 === 0)).slice(0, 50),
      );
      assert.equal(storm.total, n / 20);

      const all = await store.listDocuments({ limit: 10, offset: 0 });
      assert.equal(all.total, n, 'the kept count, duplicates not counted');
      assert.equal(all.totalCapped, undefined);
      const eventsPerDoc = base.events.length;
      assert.ok(eventsPerDoc > 0);
      const stats = await store.stats();
      assert.equal(stats.documents, n);
      assert.equal(stats.events, n * eventsPerDoc);
      const events = await store.queryEvents({ limit: 10, offset: 0 });
      assert.equal(events.total, n * eventsPerDoc);
      assert.equal(events.totalCapped, undefined);
      const type = base.events[0]?.type as string;
      const ofType = base.events.filter((e) => e.type === type).length * n;
      assert.equal(stats.eventsByType[type], ofType);
      const typed = await store.queryEvents({ type: type.toLowerCase(), limit: 10, offset: 0 });
      assert.equal(typed.total, ofType);
      assert.ok(typed.items.every((e) => e.type === type));
      const filtered = await store.queryEvents({ type, from: '2020', to: '2025', limit: 10, offset: 0 });
      assert.equal(filtered.total, Math.min(ofType, 1010));
      assert.equal(filtered.totalCapped, ofType >= 1010 ? true : undefined);
      await store.close();
    });
  });

  describe(`${engine} store: work queue`, () => {
    const input = (uri: string, text: string, extra: Partial<QueueInput> = {}): QueueInput => ({
      source: { uri, mediaType: 'text/plain', published: '2024-05-16', encoding: 'utf-8' },
      text,
      diagnostics: [],
      rejected: false,
      ...extra,
    });
    const claimOptions = { worker: 'test', limit: 10, leaseMs: 60_000, maxAttempts: 3 };

    test('a queued web page keeps its blocks and its raw bytes until it is done', async () => {
      const store = await openTestStore(engine);
      const blocks = [
        { start: 0, end: 5, type: 'title' as const },
        { start: 7, end: 18, type: 'paragraph' as const },
      ];
      const raw = {
        mediaType: 'text/html',
        gzip: new Uint8Array(gzipSync('<h1>Title</h1><p>Body text.</p>')),
      };
      await store.enqueue([input('page.html', 'Title\n\nBody text.', { blocks, raw })]);
      const { items } = await store.claim(claimOptions);
      assert.deepEqual(items[0]?.blocks, blocks);
      assert.equal(items[0]?.raw?.mediaType, 'text/html');
      assert.equal(
        gunzipSync(items[0]?.raw?.gzip ?? new Uint8Array()).toString('utf8'),
        '<h1>Title</h1><p>Body text.</p>',
      );
      await store.close();
    });

    test('enqueue keys inputs by uri + content: the same input twice is queued once', async () => {
      const store = await openTestStore(engine);
      const results = await store.enqueue([
        input('a', 'Alpha text.'),
        input('b', 'Beta text.'),
        input('a', 'Alpha text.'),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['queued', 'queued', 'already-queued'],
      );
      assert.equal(results[2]?.id, results[0]?.id);
      const again = await store.enqueue([input('b', 'Beta text.'), input('a', 'Alpha, changed.')]);
      assert.deepEqual(
        again.map((r) => r.status),
        ['already-queued', 'queued'],
      );
      assert.equal(again[0]?.id, results[1]?.id);
      assert.deepEqual(await store.status(), {
        documents: 0,
        processed: 0,
        duplicates: 0,
        rejected: 0,
        pending: 3,
        failed: 0,
      });
      await store.close();
    });

    test('claims split the queue; completing stores each document once and accounts for every input', async () => {
      const store = await openTestStore(engine);
      const other = `${GENEVA_TEXT}\nA second story.\n`;
      await store.enqueue([
        input('a', GENEVA_TEXT),
        input('b', other),
        input('c', GENEVA_TEXT),
        input('d', '', {
          rejected: true,
          bytesHash: 'ab'.repeat(32),
          diagnostics: [{ ruleId: 'ingest:binary', severity: 'error', reason: 'binary content' }],
        }),
      ]);
      const first = await store.claim({ ...claimOptions, limit: 2 });
      const second = await store.claim({ ...claimOptions, limit: 10 });
      assert.deepEqual(
        first.items.map((i) => i.source.uri),
        ['a', 'b'],
      );
      assert.deepEqual(
        second.items.map((i) => i.source.uri),
        ['c', 'd'],
      );
      assert.equal((await store.claim(claimOptions)).items.length, 0, 'nothing left to claim');
      assert.equal(second.items[1]?.bytesHash, 'ab'.repeat(32));
      assert.equal(second.items[1]?.rejected, true);
      assert.deepEqual(second.items[1]?.diagnostics, [
        { ruleId: 'ingest:binary', severity: 'error', reason: 'binary content' },
      ]);
      assert.equal(first.items[0]?.attempts, 1);
      assert.deepEqual(first.items[0]?.source, {
        uri: 'a',
        mediaType: 'text/plain',
        published: '2024-05-16',
        encoding: 'utf-8',
      });

      const doc = (uri: string, text: string) => fakeAnalysis(text, uri);
      const done1 = await store.complete(first.token, [
        {
          itemId: first.items[0]?.id as number,
          entry: { kind: 'document', analysis: doc('a', GENEVA_TEXT) },
        },
        { itemId: first.items[1]?.id as number, entry: { kind: 'document', analysis: doc('b', other) } },
      ]);
      assert.deepEqual(
        done1.map((r) => r.status),
        ['inserted', 'inserted'],
      );
      const rejected = {
        uri: 'd',
        bytesHash: 'ab'.repeat(32),
        diagnostics: second.items[1]?.diagnostics ?? [],
      };
      const done2 = await store.complete(second.token, [
        {
          itemId: second.items[0]?.id as number,
          entry: { kind: 'document', analysis: doc('c', GENEVA_TEXT) },
        },
        { itemId: second.items[1]?.id as number, entry: { kind: 'rejected', input: rejected } },
      ]);
      assert.deepEqual(
        done2.map((r) => r.status),
        ['duplicate', 'rejected'],
      );
      assert.equal(done2[0]?.docId, done1[0]?.docId);
      assert.deepEqual(await store.status(), {
        documents: 3,
        processed: 2,
        duplicates: 1,
        rejected: 1,
        pending: 0,
        failed: 0,
      });
      // Completing again (a retry after a lost reply) changes nothing: the items are no longer held.
      const replay = await store.complete(first.token, [
        {
          itemId: first.items[0]?.id as number,
          entry: { kind: 'document', analysis: doc('a', GENEVA_TEXT) },
        },
      ]);
      assert.deepEqual(replay, [{ itemId: first.items[0]?.id, status: 'lost', docId: null }]);
      assert.equal((await store.stats()).documents, 3);
      await store.close();
    });

    test('a lapsed lease returns the item; the first claim can no longer complete it', async () => {
      const store = await openTestStore(engine);
      await store.enqueue([input('a', GENEVA_TEXT)]);
      const dead = await store.claim({ ...claimOptions, leaseMs: 1500 });
      assert.equal(dead.items.length, 1);
      assert.equal((await store.claim(claimOptions)).items.length, 0, 'held while the lease runs');
      await new Promise((resolve) => setTimeout(resolve, 1800));
      const next = await store.claim(claimOptions);
      assert.equal(next.items.length, 1);
      assert.equal(next.items[0]?.attempts, 2);
      const analysis = fakeAnalysis(GENEVA_TEXT, 'a');
      const late = await store.complete(dead.token, [
        { itemId: dead.items[0]?.id as number, entry: { kind: 'document', analysis } },
      ]);
      assert.equal(late[0]?.status, 'lost');
      assert.equal((await store.stats()).documents, 0, 'the lost claim stored nothing');
      assert.equal(await store.fail(dead.token, dead.items[0]?.id as number, 'too late'), false);
      const ok = await store.complete(next.token, [
        { itemId: next.items[0]?.id as number, entry: { kind: 'document', analysis } },
      ]);
      assert.equal(ok[0]?.status, 'inserted');
      assert.deepEqual(await store.status(), {
        documents: 1,
        processed: 1,
        duplicates: 0,
        rejected: 0,
        pending: 0,
        failed: 0,
      });
      await store.close();
    });

    test('an item whose claims keep lapsing is failed after maxAttempts; fail and release', async () => {
      const store = await openTestStore(engine);
      await store.enqueue([input('poison', 'Poison.'), input('bad', 'Bad.'), input('back', 'Back.')]);
      const options = { ...claimOptions, limit: 1, leaseMs: 20, maxAttempts: 2 };
      for (let i = 0; i < 2; i++) {
        const claim = await store.claim(options);
        assert.equal(claim.items[0]?.source.uri, 'poison');
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      const after2 = await store.claim({ ...options, leaseMs: 60_000 });
      assert.equal(after2.items[0]?.source.uri, 'bad', 'poison is failed, the next item is handed out');
      assert.equal(
        await store.fail(after2.token, after2.items[0]?.id as number, 'could not be stored'),
        true,
      );
      const held = await store.claim({ ...options, leaseMs: 60_000 });
      assert.equal(held.items[0]?.source.uri, 'back');
      assert.equal(await store.release(held.token), 1);
      const again = await store.claim({ ...options, leaseMs: 60_000 });
      assert.equal(again.items[0]?.source.uri, 'back');
      assert.equal(again.items[0]?.attempts, 1, 'a released claim does not count as an attempt');
      assert.deepEqual(await store.status(), {
        documents: 0,
        processed: 0,
        duplicates: 0,
        rejected: 0,
        pending: 1,
        failed: 2,
      });
      await store.close();
    });
  });
}

for (const engine of engines) {
  describe(`${engine} store: re-coding`, () => {
    const meeting = (type: string, goldstein: number) => ({
      type,
      actor: party('RUS'),
      recipient: party('CHN'),
      date: '2024-05-14',
      goldstein,
    });
    const docA = report('Talks in Beijing\nRussia met China in Beijing.', {
      url: 'https://a.example/1',
      published: '2024-05-16',
      events: [meeting('CONSULT', 1)],
    });
    const docB = report('Moscow and Beijing talk\nRussian and Chinese officials met.', {
      url: 'https://b.example/2',
      published: '2024-05-15',
      events: [meeting('CONSULT', 1)],
    });
    const docC = report('Kenya votes\nKenya held an election.', {
      url: 'https://c.example/3',
      published: '2024-05-16',
    });
    const counts = async (store: Repository) =>
      (await store.relationCounts({ a: 'RUS', b: 'CHN', by: 'month' })).map(
        (r) =>
          `${r.direction} ${r.type} events=${r.events} mentions=${r.mentions} g=${r.goldsteinSum}/${r.goldsteinN}`,
      );

    test('documents carry the pipeline version they were stored with; stale ones are listed in id order, a page at a time', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA, pipeline: 'v1' },
        { kind: 'document', analysis: docB, pipeline: 'v2' },
        { kind: 'document', analysis: docC },
      ]);
      await store.putRejected({ uri: 'test:empty', text: '', diagnostics: [] });
      assert.deepEqual(
        (await store.pipelineVersions()).map((v) => [v.version, v.documents]).sort(),
        [
          ['v1', 1],
          ['v2', 1],
          [null, 1],
        ].sort(),
      );
      const ids = [docA.id, docB.id, docC.id].sort();
      assert.deepEqual(
        (await store.listRecodable({ version: 'v2', all: false, limit: 10 })).sort(),
        [docA.id, docC.id].sort(),
      );
      assert.deepEqual(
        await store.listRecodable({ version: 'v2', all: true, limit: 10 }),
        ids,
        'all: rejected left out',
      );
      assert.deepEqual(
        await store.listRecodable({ version: 'v2', all: true, limit: 2, after: ids[0] }),
        ids.slice(1),
      );
      await store.close();
    });

    /** The kept counts (stats, list totals) beside the same counts made from the rows, document by document. */
    const keptAndRecounted = async (store: Repository) => {
      const stats = await store.stats();
      const docs = (await store.listDocuments({ limit: 100, offset: 0 })).items;
      const byType: Record<string, number> = {};
      let events = 0;
      for (const d of docs) {
        for (const e of (await store.queryEvents({ docId: d.id, limit: 500, offset: 0 })).items) {
          byType[e.type] = (byType[e.type] ?? 0) + 1;
          events++;
        }
      }
      const listTotals: Record<string, number> = {};
      for (const type of Object.keys({ ...byType, ...stats.eventsByType })) {
        listTotals[type] = (await store.queryEvents({ type, limit: 1, offset: 0 })).total;
      }
      return {
        kept: {
          events: stats.events,
          eventsList: (await store.queryEvents({ limit: 1, offset: 0 })).total,
          byType: Object.fromEntries(Object.entries(stats.eventsByType).filter(([, n]) => n > 0)),
          listTotals: Object.fromEntries(Object.entries(listTotals).filter(([, n]) => n > 0)),
          documents: [stats.documents, stats.ok, stats.rejected],
        },
        recounted: {
          events,
          eventsList: events,
          byType,
          listTotals: byType,
          documents: [
            docs.length,
            docs.filter((d) => d.status === 'ok').length,
            docs.filter((d) => d.status === 'rejected').length,
          ],
        },
      };
    };

    test('kept counts after re-codes (events added, removed, retyped, unchanged) equal a recount of the rows', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA, pipeline: 'v1' },
        { kind: 'document', analysis: docB, pipeline: 'v1' },
        { kind: 'document', analysis: docC, pipeline: 'v1' },
      ]);
      await store.putRejected({ uri: 'test:empty', text: '', diagnostics: [] });
      const check = async (what: string) => {
        const { kept, recounted } = await keptAndRecounted(store);
        assert.deepEqual(kept, recounted, what);
      };
      await check('as ingested');
      const recode = async (analysis: typeof docA, events: ReportEvent[]) => {
        const again = report(analysis.text, {
          url: analysis.source.uri,
          published: analysis.published ?? undefined,
          events,
        });
        assert.equal(again.id, analysis.id);
        return store.recodeDocument(again, 'v2');
      };
      // A: retyped and one more event; B: its event gone; C: an event where there was none; A again unchanged.
      await recode(docA, [meeting('ACCUSE', -2), meeting('THREATEN', -4)]);
      await check('A retyped and grown');
      await recode(docB, []);
      await check('B emptied');
      await recode(docC, [meeting('CONSULT', 1), meeting('CONSULT', 1), meeting('AID', 3)]);
      await check('C given events');
      assert.equal(
        (await recode(docA, [meeting('ACCUSE', -2), meeting('THREATEN', -4)]))?.status,
        'unchanged',
      );
      await check('A unchanged');
      const { kept } = await keptAndRecounted(store);
      assert.deepEqual(kept.byType, { ACCUSE: 1, AID: 1, CONSULT: 2, THREATEN: 1 });
      assert.deepEqual(kept.documents, [4, 3, 1]);
      await store.close();
    });

    test('recodeDocument replaces the events and moves the happenings and relation counts with them', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA, pipeline: 'v1' },
        { kind: 'document', analysis: docB, pipeline: 'v1' },
        { kind: 'document', analysis: docC, pipeline: 'v1' },
      ]);
      const [shared] = (await store.listHappenings({ limit: 10, offset: 0 })).items;
      assert.equal(shared?.numArticles, 2);
      assert.equal(shared?.firstDocId, docB.id, 'B was published first');
      assert.deepEqual(await counts(store), ['ab CONSULT events=1 mentions=2 g=1/1']);

      // A now codes an accusation: it leaves the meeting (B keeps it) and opens a happening of its own.
      const accusing = report('Talks in Beijing\nRussia met China in Beijing.', {
        url: 'https://a.example/1',
        published: '2024-05-16',
        events: [meeting('ACCUSE', -2)],
      });
      assert.equal(accusing.id, docA.id);
      const outcome = await store.recodeDocument(accusing, 'v2');
      assert.deepEqual(outcome, {
        status: 'recoded',
        previous: 'v1',
        happenings: { removed: 0, left: 1, created: 1, joined: 0 },
      });
      assert.deepEqual(
        (await store.getDocument(docA.id))?.events.map((e) => e.type),
        ['ACCUSE'],
      );
      assert.deepEqual(
        (await store.queryEvents({ docId: docA.id, limit: 10, offset: 0 })).items.map((e) => e.type),
        ['ACCUSE'],
      );
      const meetingNow = await store.getHappening(shared?.id as number);
      assert.equal(meetingNow?.numMentions, 1);
      assert.equal(meetingNow?.numArticles, 1);
      assert.deepEqual(
        meetingNow?.mentions.map((m) => m.docId),
        [docB.id],
      );
      assert.deepEqual((await counts(store)).sort(), [
        'ab ACCUSE events=1 mentions=1 g=-2/1',
        'ab CONSULT events=1 mentions=1 g=1/1',
      ]);
      assert.equal(
        (await store.listDocuments({ q: 'Russia met', limit: 10, offset: 0 })).total,
        1,
        'still searchable',
      );

      // B loses its event: the meeting had no other report and goes, with its counts.
      const quiet = report('Moscow and Beijing talk\nRussian and Chinese officials met.', {
        url: 'https://b.example/2',
        published: '2024-05-15',
      });
      assert.deepEqual((await store.recodeDocument(quiet, 'v2'))?.happenings, {
        removed: 1,
        left: 0,
        created: 0,
        joined: 0,
      });
      assert.equal(await store.getHappening(shared?.id as number), null);
      assert.deepEqual(await counts(store), ['ab ACCUSE events=1 mentions=1 g=-2/1']);

      // The same analysis again changes nothing but the version.
      assert.deepEqual(await store.recodeDocument(quiet, 'v3'), {
        status: 'unchanged',
        previous: 'v2',
        happenings: { removed: 0, left: 0, created: 0, joined: 0 },
      });
      assert.deepEqual(await counts(store), ['ab ACCUSE events=1 mentions=1 g=-2/1']);
      const stats = await store.stats();
      assert.equal(stats.events, 1);

      assert.equal(await store.recodeDocument(report('Not stored\nAt all.'), 'v2'), null);
      const otherText = { ...accusing, text: `${accusing.text} ` };
      await assert.rejects(store.recodeDocument(otherText, 'v2'), /text differs/);
      await store.close();
    });
  });
}

for (const engine of engines) {
  describe(`${engine} store: canonical entities (merge, split, revert)`, () => {
    const PUTIN = 'person:vladimir-putin';
    const V_PUTIN = 'person:v-putin';
    const XI = 'person:xi-jinping';
    const meetingBy = meetingOfPeople;
    const docA = meetingBy(
      'Putin meets Xi\nVladimir Putin met Xi Jinping.',
      'https://a.example/1',
      PUTIN,
      'Vladimir Putin',
    );
    const docB = meetingBy(
      'Leaders meet\nV. Putin met Xi Jinping in Beijing.',
      'https://b.example/2',
      V_PUTIN,
      'V. Putin',
    );
    const docC = meetingBy(
      'Talks go on\nV. Putin and Xi Jinping talked again.',
      'https://c.example/3',
      V_PUTIN,
      'V. Putin',
    );

    /** What the store says about the people: entities, events by entity, happenings, entity-level counts. */
    const snapshot = async (store: Repository) => {
      const entities = (await store.listEntities({ limit: 50, offset: 0 })).items.map(
        (e) => `${e.entityId} docs=${e.documents} mentions=${e.mentions}`,
      );
      const byActor: Record<string, string[]> = {};
      for (const id of [PUTIN, V_PUTIN]) {
        byActor[id] = (await store.queryEvents({ actor: id, limit: 50, offset: 0 })).items
          .map((e) => `${e.docId.slice(0, 8)} ${e.actor?.entity}`)
          .sort();
      }
      const happenings = (await store.listHappenings({ limit: 50, offset: 0 })).items
        .map((h) => `${h.type} ${h.actor?.entity} articles=${h.numArticles} mentions=${h.numMentions}`)
        .sort();
      const relations: Record<string, string[]> = {};
      for (const id of [PUTIN, V_PUTIN]) {
        relations[id] = (await store.relationCounts({ a: id, b: XI, by: 'month' })).map(
          (r) =>
            `${r.direction} ${r.period} ${r.type} events=${r.events} mentions=${r.mentions} g=${r.goldsteinN}`,
        );
      }
      const top = (await store.topRelations({ kind: 'dyads', level: 'entity', limit: 10 })).map(
        (r) => `${r.actor}>${r.recipient} ${r.events}/${r.mentions}`,
      );
      return { entities: entities.sort(), byActor, happenings, relations, top };
    };

    test('merge moves aliases, mentions, events, happenings and counts; later ingests follow it; revert undoes it', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA },
        { kind: 'document', analysis: docB },
      ]);
      const untouched = await snapshot(store);
      assert.equal(untouched.happenings.length, 2, 'two people: two happenings before the merge');

      const merged = await store.changeEntities({
        kind: 'merge',
        entity: V_PUTIN,
        into: PUTIN,
        note: 'same man',
      });
      assert.equal(merged.override.kind, 'merge');
      assert.equal(merged.override.note, 'same man');
      assert.equal(merged.documents, 2);
      assert.deepEqual(merged.happenings, { removed: 2, left: 0, created: 1, joined: 1 });
      assert.equal(await store.getEntity(V_PUTIN), null, 'nothing is left under the merged id');
      const putin = await store.getEntity(PUTIN);
      assert.equal(putin?.documents, 2);
      assert.equal(putin?.mentions, 4);
      assert.deepEqual(putin?.aliases.map((a) => `${a.name} ${a.documents}/${a.mentions}`).sort(), [
        'V. Putin 1/2',
        'Vladimir Putin 1/2',
      ]);
      assert.deepEqual(
        putin?.overrides.map((o) => [o.id, o.kind, o.entity, o.into, o.revertedAt]),
        [[merged.override.id, 'merge', V_PUTIN, PUTIN, null]],
      );
      const after = await snapshot(store);
      assert.deepEqual(after.byActor[V_PUTIN], []);
      assert.equal(after.byActor[PUTIN]?.length, 2);
      assert.deepEqual(after.happenings, [`CONSULT ${PUTIN} articles=2 mentions=2`]);
      assert.deepEqual(after.relations[PUTIN], ['ab m:2024-05 CONSULT events=1 mentions=2 g=1']);
      assert.deepEqual(after.relations[V_PUTIN], []);
      assert.deepEqual(after.top, [`${PUTIN}>${XI} 1/2`]);
      // The stored analysis stays the pipeline's: the correction lives in the rows.
      assert.equal((await store.getDocument(docB.id))?.entities[0]?.id, V_PUTIN);
      const stats = await store.stats();
      assert.equal(stats.events, 2, 'kept event counts do not move');

      // A later ingest naming the merged id is written under the canonical one.
      await store.putMany([{ kind: 'document', analysis: docC }]);
      const withC = await snapshot(store);
      assert.deepEqual(withC.happenings, [`CONSULT ${PUTIN} articles=3 mentions=3`]);
      assert.deepEqual(withC.byActor[V_PUTIN], []);
      assert.deepEqual(withC.relations[PUTIN], ['ab m:2024-05 CONSULT events=1 mentions=3 g=1']);

      // Revert: the store is the one a plain ingest of the three documents gives.
      const reverted = await store.changeEntities({ kind: 'revert', id: merged.override.id });
      assert.ok(reverted.override.revertedAt);
      assert.equal(reverted.documents, 3);
      const plain = await openTestStore(engine);
      await plain.putMany([
        { kind: 'document', analysis: docA },
        { kind: 'document', analysis: docB },
        { kind: 'document', analysis: docC },
      ]);
      assert.deepEqual(await snapshot(store), await snapshot(plain));
      assert.equal((await store.listEntityOverrides()).length, 1, 'a reverted override is kept, marked');
      await assert.rejects(store.changeEntities({ kind: 'revert', id: merged.override.id }), /was reverted/);
      await plain.close();
      await store.close();
    });

    test('split moves one alias off into its own entity, and back with a revert', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA },
        { kind: 'document', analysis: docB },
        { kind: 'document', analysis: docC },
      ]);
      const plain = await snapshot(store);
      const merged = await store.changeEntities({ kind: 'merge', entity: V_PUTIN, into: PUTIN });
      const mergedState = await snapshot(store);
      // Back into the id it was merged from would loop: the merge is to be reverted instead.
      await assert.rejects(
        store.changeEntities({ kind: 'split', entity: PUTIN, alias: 'V. Putin' }),
        /person:v-putin is merged into person:vladimir-putin; revert that first/,
      );
      const VARIANT = 'person:putin-variant';
      const split = await store.changeEntities({
        kind: 'split',
        entity: PUTIN,
        alias: 'V. Putin',
        into: VARIANT,
      });
      assert.equal(split.override.alias, 'V. Putin');
      assert.equal(split.documents, 3);
      assert.deepEqual(
        (await store.getEntity(PUTIN))?.aliases.map((a) => a.name),
        ['Vladimir Putin'],
      );
      const variant = await store.getEntity(VARIANT);
      assert.deepEqual(
        [variant?.documents, variant?.mentions, variant?.aliases.map((a) => a.name)],
        [2, 4, ['V. Putin']],
      );
      const splitState = await snapshot(store);
      assert.deepEqual(splitState.happenings, [
        `CONSULT ${VARIANT} articles=2 mentions=2`,
        `CONSULT ${PUTIN} articles=1 mentions=1`,
      ]);
      assert.deepEqual(
        (await store.relationCounts({ a: VARIANT, b: XI, by: 'month' })).map(
          (r) => `${r.events}/${r.mentions}`,
        ),
        ['1/2'],
      );
      assert.deepEqual(splitState.relations[PUTIN], ['ab m:2024-05 CONSULT events=1 mentions=1 g=1']);
      // Same shape as the store before the merge, the alias under its new id.
      const renamed = JSON.parse(JSON.stringify(splitState).replaceAll(VARIANT, V_PUTIN));
      assert.deepEqual(renamed.happenings, plain.happenings);
      assert.deepEqual(renamed.top, plain.top);

      await store.changeEntities({ kind: 'revert', id: split.override.id });
      assert.deepEqual(await snapshot(store), mergedState);
      await store.changeEntities({ kind: 'revert', id: merged.override.id });
      assert.deepEqual(await snapshot(store), plain);

      // Split off an entity that was never merged: its documents named by that alias only.
      const alone = await store.changeEntities({
        kind: 'split',
        entity: XI,
        alias: 'Xi Jinping',
        into: 'person:xi',
      });
      assert.equal(alone.documents, 3);
      assert.equal(await store.getEntity(XI), null);
      assert.equal((await store.getEntity('person:xi'))?.documents, 3);
      await store.close();
    });

    test('a re-code writes its rows through the overrides in force', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA },
        { kind: 'document', analysis: docB },
      ]);
      await store.changeEntities({ kind: 'merge', entity: V_PUTIN, into: PUTIN });
      const recoded = structuredClone(docB);
      (recoded.events[0] as { goldstein?: number }).goldstein = 3;
      assert.equal((await store.recodeDocument(recoded, 'v2'))?.status, 'recoded');
      const state = await snapshot(store);
      assert.deepEqual(state.byActor[V_PUTIN], []);
      assert.equal(state.byActor[PUTIN]?.length, 2);
      assert.deepEqual(state.happenings, [`CONSULT ${PUTIN} articles=2 mentions=2`]);
      assert.equal((await store.getDocument(docB.id))?.events[0]?.goldstein, 3);
      await store.close();
    });

    test('refused: unknown ids, unknown aliases, self merges, cycles, unknown overrides', async () => {
      const store = await openTestStore(engine);
      await store.putMany([
        { kind: 'document', analysis: docA },
        { kind: 'document', analysis: docB },
      ]);
      await assert.rejects(
        store.changeEntities({ kind: 'merge', entity: 'person:nobody', into: PUTIN }),
        (e: Error & { status?: number }) => e.name === 'EntityChangeError' && e.status === 404,
      );
      await assert.rejects(
        store.changeEntities({ kind: 'merge', entity: PUTIN, into: PUTIN }),
        /into itself/,
      );
      await assert.rejects(
        store.changeEntities({ kind: 'split', entity: PUTIN, alias: 'Bob' }),
        /no alias "Bob"/,
      );
      await assert.rejects(store.changeEntities({ kind: 'revert', id: 999 }), /no entity override/);
      await store.changeEntities({ kind: 'merge', entity: V_PUTIN, into: PUTIN });
      await assert.rejects(
        store.changeEntities({ kind: 'merge', entity: V_PUTIN, into: PUTIN }),
        /no stored entity/,
      );
      await assert.rejects(
        store.changeEntities({ kind: 'split', entity: PUTIN, alias: 'Vladimir Putin', into: PUTIN }),
        /another entity/,
      );
      assert.equal((await store.listEntityOverrides()).length, 1, 'a refused change records nothing');
      await store.close();
    });
  });
}
