// The canonical-entity endpoints: one entity with its aliases, and merges, splits and reverts behind the token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze } from '../support/fake-analyze.js';
import { meetingOfPeople } from '../support/link-docs.js';

let store: Repository;
let app: FastifyInstance;

before(async () => {
  store = await openStore(':memory:');
  await store.putMany([
    {
      kind: 'document',
      analysis: meetingOfPeople(
        'Putin meets Xi\nVladimir Putin met Xi.',
        'https://a.example/1',
        'person:vladimir-putin',
        'Vladimir Putin',
      ),
    },
    {
      kind: 'document',
      analysis: meetingOfPeople(
        'Leaders meet\nV. Putin met Xi.',
        'https://b.example/2',
        'person:v-putin',
        'V. Putin',
      ),
    },
  ]);
  app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
});

after(async () => {
  await app.close();
  await store.close();
});

const post = (url: string, payload: unknown, headers = auth()) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object });

test('merge needs the token; merged, the entity shows both aliases; revert puts them back', async () => {
  const body = { entity: 'person:v-putin', into: 'person:vladimir-putin', note: 'same man' };
  assert.equal((await post('/api/entities/merge', body, {})).statusCode, 401);
  assert.equal(
    (await app.inject('/api/entities/person:v-putin')).statusCode,
    200,
    'nothing moved without the token',
  );

  const merged = await post('/api/entities/merge', body);
  assert.equal(merged.statusCode, 200, merged.body);
  assert.equal(merged.json().documents, 2);
  assert.deepEqual(merged.json().happenings, { removed: 2, left: 0, created: 1, joined: 1 });
  const entity = (await app.inject('/api/entities/person:vladimir-putin')).json();
  assert.deepEqual(entity.aliases.map((a: { name: string }) => a.name).sort(), [
    'V. Putin',
    'Vladimir Putin',
  ]);
  assert.equal(entity.overrides[0].note, 'same man');
  assert.equal((await app.inject('/api/entities/person:v-putin')).statusCode, 404);
  const events = (await app.inject('/api/events?actor=person:vladimir-putin')).json();
  assert.equal(events.total, 2, 'events filtered by the canonical id find both');

  const id = merged.json().override.id;
  const reverted = await post(`/api/entity-overrides/${id}/revert`, {});
  assert.equal(reverted.statusCode, 200, reverted.body);
  assert.ok(reverted.json().override.revertedAt);
  assert.equal((await app.inject('/api/entities/person:v-putin')).json().documents, 1);
  const list = (await app.inject('/api/entity-overrides')).json();
  assert.deepEqual(
    list.items.map((o: { id: number; revertedAt: string | null }) => [o.id, o.revertedAt !== null]),
    [[id, true]],
  );
});

test('refusals answer in the error shape: 404 unknown, 400 bad requests', async () => {
  const unknown = await post('/api/entities/merge', {
    entity: 'person:nobody',
    into: 'person:vladimir-putin',
  });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.json().message, /no stored entity has the id person:nobody/);
  const self = await post('/api/entities/merge', { entity: 'person:v-putin', into: 'person:v-putin' });
  assert.equal(self.statusCode, 400);
  assert.match(self.json().message, /into itself/);
  const noAlias = await post('/api/entities/split', { entity: 'person:v-putin', alias: 'Bob' });
  assert.equal(noAlias.statusCode, 404);
  assert.equal((await post('/api/entities/split', { entity: 'person:v-putin' })).statusCode, 400);
  assert.equal((await post('/api/entity-overrides/999/revert', {})).statusCode, 404);
  const split = await post('/api/entities/split', {
    entity: 'person:v-putin',
    alias: 'V. Putin',
    into: 'person:vp',
  });
  assert.equal(split.statusCode, 200, split.body);
  assert.equal((await app.inject('/api/entities/person:vp')).json().documents, 1);
});
