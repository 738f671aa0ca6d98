// PostgreSQL-only behaviour; everything both engines share is in ../store.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { fakeAnalysis } from '../../../test/support/fake-analyze.js';
import { dropStoreUrl, freshStoreUrl, storeEngines } from '../../../test/support/store-engines.js';
import { displayStoreUrl, openStore } from '../open-store.js';
import { searchVector, splitSchema } from './postgres-repository.js';

test('the search vector holds each term once: title terms weight A, body terms without', () => {
  assert.equal(
    searchVector('Talks in Zürich', 'Talks went on; talks ended.'),
    "'talks':1A,2 'in':1A 'zurich':1A 'went':2 'on':2 'ended':2",
  );
  assert.equal(searchVector('', ''), '');
});

test('a URL without a user connects as the operating-system user; the schema is checked', () => {
  const { connectionString, schema } = splitSchema('postgres://127.0.0.1:5432/test?schema=abc_1');
  assert.equal(schema, 'abc_1');
  assert.match(connectionString, /^postgres:\/\/[^@/]+@127\.0\.0\.1:5432\/test$/);
  assert.equal(splitSchema('postgres://me@h/db').connectionString, 'postgres://me@h/db');
  assert.throws(() => splitSchema('postgres://h/db?schema=x;drop'), /schema must be/);
});

const engines = await storeEngines();
describe('postgres store', { skip: !engines.includes('postgres') }, () => {
  test('refuses a schema written by a newer build', async () => {
    const url = freshStoreUrl('postgres');
    const store = await openStore(url);
    await store.close();
    const { connectionString, schema } = splitSchema(url);
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`UPDATE ${schema}.schema_version SET version = 999`);
    await client.end();
    await assert.rejects(openStore(url), /schema version 999, newer than this build/);
    await dropStoreUrl(url);
  });

  test('workers opening a new store together migrate it once', async () => {
    const url = freshStoreUrl('postgres');
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(url)));
    const versions = await Promise.all(stores.map(async (s) => (await s.stats()).schemaVersion));
    assert.deepEqual(new Set(versions).size, 1);
    await Promise.all(stores.map((s) => s.close()));
    await dropStoreUrl(url);
  });

  test('NUL, which PostgreSQL text cannot hold, becomes U+FFFD in metadata instead of failing the batch', async () => {
    const url = freshStoreUrl('postgres');
    const store = await openStore(url);
    const a = fakeAnalysis(undefined, 'test:\u0000odd');
    const result = await store.putMany([
      { kind: 'document', analysis: a },
      { kind: 'rejected', input: { uri: 'x\u0000y', text: '', diagnostics: [] } },
    ]);
    assert.deepEqual(
      result.map((r) => r.status),
      ['inserted', 'inserted'],
    );
    const page = await store.listDocuments({ limit: 10, offset: 0 });
    assert.deepEqual(page.items.map((d) => d.uri).sort(), ['test:\ufffdodd', 'x\ufffdy']);
    await store.close();
    await dropStoreUrl(url);
  });
});

test('a printed store URL hides its password', () => {
  assert.equal(displayStoreUrl('postgres://me:secret@db:5432/tidings'), 'postgres://me:***@db:5432/tidings');
  assert.equal(displayStoreUrl('postgres://db/tidings?schema=x'), 'postgres://db/tidings?schema=x');
  assert.equal(displayStoreUrl('tidings.db'), 'tidings.db');
});
