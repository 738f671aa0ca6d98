import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { fakeAnalysis, GENEVA_TEXT } from '../../../test/support/fake-analyze.js';
import { openStore } from '../open-store.js';
import { MIGRATIONS } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fixedClock = (iso: string) => () => new Date(iso);

describe('sqlite store: schema', () => {
  test('migrations are applied once; reopening the same file keeps the version', async () => {
    const file = join(dir, 'reopen.db');
    const first = openStore(`sqlite:${file}`);
    await first.putDocument(fakeAnalysis());
    const version = (await first.stats()).schemaVersion;
    await first.close();
    assert.equal(version, MIGRATIONS.length);

    const second = openStore(file);
    const stats = await second.stats();
    assert.equal(stats.schemaVersion, MIGRATIONS.length);
    assert.equal(stats.documents, 1, 'data survives reopening');
    await second.close();

    const raw = new Database(file, { readonly: true });
    assert.equal((raw.prepare('SELECT count(*) AS n FROM schema_version').get() as { n: number }).n, 1);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
  });

  test('refuses a database from a newer build', () => {
    const file = join(dir, 'future.db');
    const raw = new Database(file);
    raw.exec(
      'CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999)',
    );
    raw.close();
    assert.throws(() => openStore(file), /schema version 999/);
  });

  test('postgres URLs are not implemented yet, with a clear message', () => {
    assert.throws(
      () => openStore('postgres://localhost/tidings'),
      /PostgreSQL storage is not yet implemented/,
    );
    assert.throws(() => openStore(''), /expected a store URL/);
  });
});

describe('sqlite store: documents', () => {
  test('putDocument then getDocument round-trips the analysis exactly', async () => {
    const store = openStore(':memory:');
    const analysis = fakeAnalysis();
    assert.deepEqual(await store.putDocument(analysis), { id: analysis.id, status: 'inserted' });
    assert.deepEqual(await store.getDocument(analysis.id), analysis);
    assert.equal(await store.getDocument('nope'), null);
    await store.close();
  });

  test('the same text again is a duplicate and changes nothing, not even timestamps', async () => {
    let clock = '2024-05-16T10:00:00.000Z';
    const store = openStore(':memory:', { now: () => new Date(clock) });
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
    const store = openStore(':memory:', { now: fixedClock('2024-05-16T10:00:00Z') });
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
    const store = openStore(':memory:');
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
    const store = openStore(':memory:');
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
});

describe('sqlite store: events and entities', async () => {
  const store = openStore(':memory:');
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
