// Re-coding through the API: the plan, and a run behind the token that moves events and kept counts.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildServer } from '../../src/api/server.js';
import type { Doc } from '../../src/core/doc.js';
import { openStore } from '../../src/store/open-store.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze, GENEVA_TEXT } from '../support/fake-analyze.js';

const store = await openStore(':memory:');
after(() => store.close());

test('POST /api/recode analyses the stored documents again; events, totals and stats follow', async () => {
  const first = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
  const posted = await first.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT, url: 'https://news.example/geneva' },
  });
  assert.equal(posted.statusCode, 201, posted.body);
  await first.close();
  const before = await store.stats();
  assert.ok(before.events > 0, 'the fake analysis codes events');

  // An "upgrade" that codes no events at all.
  const quiet = (doc: Doc): Doc => ({ ...fakeAnalyze(doc), events: [] });
  const app = buildServer({ token: TEST_TOKEN, store, analyze: quiet });
  try {
    const plan = await app.inject('/api/recode/plan');
    assert.equal(plan.statusCode, 200);
    assert.equal(
      plan.json().stored.reduce((n: number, v: { documents: number }) => n + v.documents, 0),
      1,
    );

    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/recode', payload: { mode: 'all' } })).statusCode,
      401,
    );
    assert.equal((await store.stats()).events, before.events, 'nothing moved without the token');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/recode',
      headers: auth(),
      payload: { limit: 0 },
    });
    assert.equal(bad.statusCode, 400);

    const run = await app.inject({
      method: 'POST',
      url: '/api/recode',
      headers: auth(),
      payload: { mode: 'all' },
    });
    assert.equal(run.statusCode, 200, run.body);
    const report = run.json();
    assert.deepEqual(report.documents, { considered: 1, recoded: 1, unchanged: 0, failed: 0 });
    assert.equal(report.events.removed, before.events);
    assert.equal(report.perDocument, undefined);
    const stats = await store.stats();
    assert.equal(stats.events, 0);
    assert.deepEqual(
      Object.values(stats.eventsByType).filter((n) => n > 0),
      [],
    );
    assert.equal((await app.inject('/api/events')).json().total, 0);
    // Run again: nothing is stale any more.
    const again = await app.inject({ method: 'POST', url: '/api/recode', headers: auth(), payload: {} });
    assert.equal(again.json().documents.considered, 0);
    assert.equal((await app.inject('/api/recode/plan')).json().stale, 0);
  } finally {
    await app.close();
  }
});
