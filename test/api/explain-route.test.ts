// GET /api/documents/:id/explain: the provenance of a stored document's events, over the real pipeline.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';

const TEXT =
  'Russia attacked Ukraine on Monday. Beijing has never condemned the invasion. The French foreign minister said the talks would continue.';

let store: Repository;
let app: FastifyInstance;
let id: string;

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({ token: TEST_TOKEN, store, analyze: analyzeDoc });
  const res = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: TEXT, published: '2024-05-16' },
  });
  assert.equal(res.statusCode, 201, res.body);
  id = res.json().id;
});

after(async () => {
  await app.close();
  await store.close();
});

test('explain: every stored event with its rule, clause, evidence spans on their words and its status reason', async () => {
  const res = await app.inject(`/api/documents/${id}/explain`);
  assert.equal(res.statusCode, 200, res.body);
  const x = res.json();
  assert.equal(x.id, id);
  assert.equal(x.changed, false);
  const stored = (await app.inject(`/api/documents/${id}`)).json();
  assert.equal(x.events.length, stored.events.length);
  assert.ok(x.events.length >= 2);
  for (const e of x.events) {
    assert.equal(TEXT.slice(e.trigger.start, e.trigger.end), e.trigger.text);
    assert.ok(e.rule.length > 0 && typeof e.clause === 'string' && e.clause.includes('[VG'));
    assert.equal(e.sentence.text, TEXT.slice(e.sentence.start, e.sentence.end));
    for (const side of [e.actor, e.recipient])
      if (side) assert.equal(TEXT.slice(side.start, side.end), side.text);
  }
  const assault = x.events.find((e: { type: string }) => e.type === 'ASSAULT');
  assert.equal(assault.actor.country, 'RUS');
  assert.match(assault.actor.by, /subject/);
  const accuse = x.events.find((e: { type: string }) => e.type === 'ACCUSE');
  assert.equal(accuse.status, 'negated');
  assert.match(accuse.statusReason, /events:status\.negated-never/);
  assert.equal(x.statements[0]?.cameo, '010');
});

test('explain: one event by its index; unknown documents and events are 404s', async () => {
  const one = await app.inject(`/api/documents/${id}/explain?event=1`);
  assert.equal(one.statusCode, 200);
  assert.deepEqual(
    one.json().events.map((e: { index: number }) => e.index),
    [1],
  );
  assert.equal((await app.inject(`/api/documents/${id}/explain?event=99`)).statusCode, 404);
  assert.equal((await app.inject(`/api/documents/${'0'.repeat(64)}/explain`)).statusCode, 404);
  assert.equal((await app.inject(`/api/documents/${id}/explain?event=-1`)).statusCode, 400);
});
