import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fakeAnalysis, GENEVA_TEXT } from '../../test/support/fake-analyze.js';
import { openTestStore, storeEngines } from '../../test/support/store-engines.js';
import type { Repository } from '../store/repository.js';
import {
  DUMP_KIND,
  DumpLineError,
  dumpLines,
  GDELT_EVENT_COLUMNS,
  gdeltEventId,
  gdeltLines,
  ploverLines,
  restoreDump,
  storedDocuments,
} from './export-store.js';

const engines = await storeEngines();

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** A store with ok documents (one with its raw page), a rejected one with text and one without. */
async function filled(store: Repository): Promise<void> {
  let clock = Date.parse('2024-05-16T08:00:00Z');
  const at = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  await store.putMany([
    { kind: 'document', analysis: fakeAnalysis(), createdAt: at() },
    {
      kind: 'document',
      analysis: fakeAnalysis(`${GENEVA_TEXT}\nMore follows.\n`, 'https://example.org/page.html'),
      raw: { mediaType: 'text/html', gzip: new Uint8Array(gzipSync('<p>the page</p>')) },
      createdAt: at(),
    },
    ...Array.from({ length: 5 }, (_, i) => ({
      kind: 'document' as const,
      analysis: fakeAnalysis(`Story ${i}\nSomething else happened, number ${i}.\n`, `test:story-${i}`),
      createdAt: at(),
    })),
  ]);
  await store.putRejected({
    uri: 'test:bad.txt',
    text: 'x',
    diagnostics: [{ ruleId: 'ingest:too-short', severity: 'error', reason: 'too short' }],
  });
  await store.putRejected({
    uri: 'test:blob.bin',
    bytes: new Uint8Array([0, 159, 146, 150]),
    diagnostics: [{ ruleId: 'ingest:binary', severity: 'error', reason: 'binary' }],
  });
}

for (const engine of engines) {
  describe(`${engine} store: dump and restore`, () => {
    test('a dump restored into an empty store of either engine dumps again to the same lines', async () => {
      const source = await openTestStore(engine);
      await filled(source);
      const dump = await collect(dumpLines(source));
      assert.equal(dump.length, 1 + 9);
      assert.deepEqual(JSON.parse(dump[0] as string).kind, DUMP_KIND);
      const ids = dump.slice(1).map((l) => JSON.parse(l).analysis.id as string);
      assert.deepEqual(ids, [...ids].sort(), 'documents in id order');

      for (const target of engines) {
        const copy = await openTestStore(target);
        const summary = await restoreDump(copy, dump, { chunkSize: 4 });
        assert.deepEqual(summary, { documents: 9, inserted: 9, duplicates: 0 });
        assert.deepEqual(await collect(dumpLines(copy)), dump, `${engine} → ${target}`);
        for (const id of ids) assert.deepEqual(await copy.getDocument(id), await source.getDocument(id));
        const page = { limit: 50, offset: 0 };
        assert.deepEqual(await copy.listDocuments(page), await source.listDocuments(page));
        assert.deepEqual(await copy.queryEvents(page), await source.queryEvents(page));
        const raw = await copy.getRaw(
          ids.find((id) => JSON.parse(dump[1 + ids.indexOf(id)] as string).raw) ?? '',
        );
        assert.equal(raw?.mediaType, 'text/html');
        // Restoring again changes nothing.
        assert.deepEqual(await restoreDump(copy, dump), { documents: 9, inserted: 0, duplicates: 9 });
        assert.equal((await copy.stats()).documents, 9);
        await copy.close();
      }
      await source.close();
    });

    test('pages of any size stream every document once, in id order', async () => {
      const store = await openTestStore(engine);
      await filled(store);
      for (const size of [1, 2, 4, 9, 100]) {
        const ids: string[] = [];
        for await (const doc of storedDocuments(store, size)) ids.push(doc.analysis.id);
        assert.equal(ids.length, 9);
        assert.deepEqual(ids, [...new Set(ids)].sort(), `page size ${size}`);
      }
      await store.close();
    });

    test('events as GDELT 2.0 records and PLOVER JSON', async () => {
      const store = await openTestStore(engine);
      await filled(store);
      const gdelt = await collect(gdeltLines(store, { header: true }));
      assert.equal(gdelt[0], `${GDELT_EVENT_COLUMNS.join('\t')}\n`);
      assert.equal(GDELT_EVENT_COLUMNS.length, 61);
      const rows = gdelt.slice(1).map((line) => {
        const fields = line.replace(/\n$/, '').split('\t');
        assert.equal(fields.length, 61, line);
        return Object.fromEntries(GDELT_EVENT_COLUMNS.map((c, i) => [c, fields[i]]));
      });
      // Two documents hold the Geneva meeting: CONSULT and AGREE in each.
      assert.equal(rows.length, 4);
      const geneva = fakeAnalysis();
      const consult = rows.find((r) => r.GLOBALEVENTID === String(gdeltEventId(geneva.id, 0)));
      assert.deepEqual(
        consult && {
          SQLDATE: consult.SQLDATE,
          MonthYear: consult.MonthYear,
          Year: consult.Year,
          FractionDate: consult.FractionDate,
          Actor1Code: consult.Actor1Code,
          Actor1Name: consult.Actor1Name,
          Actor1CountryCode: consult.Actor1CountryCode,
          Actor1Type1Code: consult.Actor1Type1Code,
          Actor2Code: consult.Actor2Code,
          IsRootEvent: consult.IsRootEvent,
          EventCode: consult.EventCode,
          EventBaseCode: consult.EventBaseCode,
          EventRootCode: consult.EventRootCode,
          QuadClass: consult.QuadClass,
          GoldsteinScale: consult.GoldsteinScale,
          NumArticles: consult.NumArticles,
          DATEADDED: consult.DATEADDED,
          SOURCEURL: consult.SOURCEURL,
        },
        {
          SQLDATE: '20240513',
          MonthYear: '202405',
          Year: '2024',
          FractionDate: (2024 + (5 * 30 + 13) / 365).toFixed(4),
          Actor1Code: 'FRAGOV',
          Actor1Name: 'French President Emmanuel Macron',
          Actor1CountryCode: 'FRA',
          Actor1Type1Code: 'GOV',
          Actor2Code: 'DEUGOV',
          IsRootEvent: '1',
          EventCode: '036',
          EventBaseCode: '036',
          EventRootCode: '03',
          QuadClass: '1',
          GoldsteinScale: '4.0',
          NumArticles: '1',
          DATEADDED: '20240516080001',
          SOURCEURL: 'test:geneva',
        },
      );
      // An event without a date of its own takes the publication date.
      const agree = rows.find((r) => r.GLOBALEVENTID === String(gdeltEventId(geneva.id, 1)));
      assert.equal(agree?.SQLDATE, '20240516');
      assert.equal(agree?.IsRootEvent, '0');

      const plover = (await collect(ploverLines(store))).map((l) => JSON.parse(l));
      assert.equal(plover.length, 4);
      const record = plover.find((r) => r.id === `${geneva.id}-0`);
      assert.deepEqual(
        { ...record, text: undefined },
        {
          id: `${geneva.id}-0`,
          date: '2024-05-13',
          actor: [
            {
              code: 'FRA',
              sector: 'GOV',
              entity_text: 'French President Emmanuel Macron',
              identifier_id: 'person:emmanuel-macron',
            },
          ],
          recipient: [
            {
              code: 'DEU',
              sector: 'GOV',
              entity_text: 'German Chancellor Olaf Scholz',
              identifier_id: 'person:olaf-scholz',
            },
          ],
          event: ['CONSULT'],
          mode: ['meet'],
          quad_code: 1,
          event_scale: 4,
          event_text: ['met'],
          text: undefined,
          text_info: {
            sequence: geneva.events[0]?.sentence,
            start: geneva.events[0]?.start,
            end: geneva.events[0]?.end,
          },
          cite_info: { url: 'test:geneva', title: 'Leaders Meet in Geneva', coder: 'tidings' },
          coded_date: '2024-05-16',
          status: 'asserted',
          cameo: '036',
          rule: 'events:consult.met',
        },
      );
      assert.match(
        record.text,
        /^French President Emmanuel Macron met German Chancellor Olaf Scholz in Geneva/,
      );
      await store.close();
    });
  });
}

describe('restoreDump refuses what is not a dump, naming the line', () => {
  const header = JSON.stringify({ kind: DUMP_KIND, version: 1, analysisFormat: 'tidings.analysis/1.1' });
  const good = JSON.stringify({
    status: 'ok',
    createdAt: '2024-05-16T08:00:00.000Z',
    raw: null,
    analysis: fakeAnalysis(),
  });
  const cases: [string, string[], RegExp][] = [
    ['no header', [good], /line 1: not a Tidings dump/],
    [
      'a newer dump',
      [JSON.stringify({ kind: DUMP_KIND, version: 99 }), good],
      /line 1: the dump is version 99, newer/,
    ],
    ['not JSON', [header, '{"status":'], /line 2: not JSON/],
    [
      'a changed text',
      [header, good.replaceAll('Leaders Meet', 'Leaders Met')],
      /line 2: the id is not the hash of the text/,
    ],
    [
      'a wrong status',
      [header, good.replace('"status":"ok"', '"status":"rejected"')],
      /line 2: status "rejected" does not match/,
    ],
    [
      'no layers',
      [header, JSON.stringify({ ...JSON.parse(good), analysis: { ...fakeAnalysis(), events: undefined } })],
      /line 2: the analysis has no events list/,
    ],
    ['empty', [], /empty: a dump starts with its header line/],
  ];
  for (const [name, lines, message] of cases) {
    test(name, async () => {
      const store = await openTestStore('sqlite');
      const error = await restoreDump(store, lines).catch((e: unknown) => e);
      assert.ok(error instanceof DumpLineError, String(error));
      assert.match(error.message, message);
      assert.equal((await store.stats()).documents, 0);
      await store.close();
    });
  }
});
