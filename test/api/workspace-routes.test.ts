// The workspace pages' JSON: the bundled examples analysed by the real pipeline, read back through
// /api/relations/events, /api/network, /api/places, /api/happenings/:id/evidence, /api/actors, /api/search.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { readInputs } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { TEST_TOKEN } from '../support/auth.js';

let store: Repository;
let app: FastifyInstance;

before(async () => {
  store = await openStore(':memory:');
  await ingestBatch({
    store,
    analyze: analyzeDoc,
    inputs: readInputs([new URL('../../examples/', import.meta.url).pathname]),
  });
  app = buildServer({ token: TEST_TOKEN, store, analyze: analyzeDoc });
});

after(async () => {
  await app.close();
  await store.close();
});

async function get(url: string, status = 200) {
  const res = await app.inject(url);
  assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
  return res.json();
}

test('the events behind a point of the dyad chart: both directions, each with its sentence and spans', async () => {
  const body = await get('/api/relations/events?a=grc&b=country:TUR&period=m:2024-07');
  assert.equal(body.a, 'GRC');
  assert.equal(body.b, 'TUR');
  assert.deepEqual([body.from, body.to], ['2024-07-01', '2024-07-31']);
  assert.deepEqual(body.items.map((e: { direction: string }) => e.direction).sort(), ['ab', 'ba']);
  for (const e of body.items) {
    const { text } = e.evidence.sentence;
    const trigger = e.evidence.spans.find((s: { role: string }) => s.role === 'trigger');
    assert.ok(trigger && text.slice(trigger.start, trigger.end).length > 0, JSON.stringify(e.evidence));
    assert.ok(e.happening.day >= '2024-07-01' && e.happening.day <= '2024-07-31');
  }
  const series = await get('/api/relations?a=GRC&b=TUR&by=month');
  const july = series.periods.find((p: { period: string }) => p.period === 'm:2024-07');
  assert.equal(body.items.length, july.ab.events + july.ba.events, 'the list holds what the chart counts');
  await get('/api/relations/events?a=GRC&b=TUR&period=m:2024-13', 400);
  const all = await get('/api/relations/events?a=GRC&b=TUR&direction=ab');
  assert.ok(
    all.items.length > body.items.length &&
      all.items.every((e: { direction: string }) => e.direction === 'ab'),
  );
});

test('the network narrows to one type; places carry coordinates; a happening carries every mention', async () => {
  const all = await get('/api/network');
  const consult = await get('/api/network?type=CONSULT');
  const edge = (g: { edges: { source: string; target: string; events: number }[] }) =>
    g.edges.find((e) => e.source === 'GRC' && e.target === 'TUR')?.events ?? 0;
  assert.ok(edge(consult) > 0 && edge(consult) < edge(all), `${edge(consult)} of ${edge(all)}`);
  const places = await get('/api/places');
  const ankara = places.places.find((p: { name: string }) => p.name === 'Ankara');
  assert.ok(
    ankara && Math.abs(ankara.lat - 39.9) < 0.5 && Math.abs(ankara.lon - 32.9) < 0.5,
    JSON.stringify(ankara),
  );
  const shared = await get('/api/happenings?actor=GRC&minSources=2');
  assert.ok(shared.total >= 1);
  const evidence = await get(`/api/happenings/${shared.items[0].id}/evidence`);
  assert.ok(evidence.mentions.length >= 2);
  assert.equal(new Set(evidence.mentions.map((m: { source: string }) => m.source)).size, 2);
  await get('/api/happenings/999999/evidence', 404);
});

test('an actor: names, roles, counterparts; search: words, facets', async () => {
  const greece = await get('/api/actors/GRC');
  assert.equal(greece.name, 'Greece');
  assert.ok(greece.aliases.some((a: { text: string }) => a.text === 'Athens'));
  assert.equal(greece.counterparts[0].key, 'TUR');
  assert.ok(greece.roles.some((r: { role: string }) => r.role === 'prime minister'));
  await get('/api/actors/ZZZ', 404);
  const found = await get('/api/search?q=Ankara');
  assert.ok(found.articles.length >= 3);
  const outlet = await get('/api/search?q=Ankara&source=aegean-daily.example');
  assert.ok(outlet.articles.length > 0 && outlet.articles.length < found.articles.length);
  assert.ok(found.facets.source.some((f: { value: string }) => f.value === 'aegean-daily.example'));
  const consults = await get('/api/search?q=Ankara&type=CONSULT');
  assert.ok(
    consults.events.length > 0 && consults.events.every((e: { type: string }) => e.type === 'CONSULT'),
  );
});

test('explain: an event with the rule that coded it (as the rules define it), its clause, status and happening', async () => {
  const happenings = await get('/api/happenings?actor=GRC&recipient=TUR&type=CONSULT&limit=1');
  const h = happenings.items[0];
  assert.ok(h, 'a Greece → Turkey consultation in the examples');
  const why = await get(`/api/documents/${h.firstDocId}/events/${h.firstIdx}/explain`);
  assert.equal(why.type, 'CONSULT');
  assert.match(why.rule.id, /^events:consult\./);
  assert.equal(why.rule.origin, 'lexicon');
  assert.ok(why.rule.words.length >= 1 && /^0\d\d$/.test(why.rule.cameo), JSON.stringify(why.rule));
  // The rule's head word is what the trigger span holds (inflected).
  const trigger = why.spans.find((s: { role: string }) => s.role === 'trigger');
  const head = String(why.rule.words[0]).split('|')[0]?.slice(0, 3) ?? '';
  assert.ok(
    why.sentence.text.slice(trigger.start, trigger.end).toLowerCase().includes(head),
    `${why.sentence.text.slice(trigger.start, trigger.end)} / ${why.rule.words}`,
  );
  assert.equal(why.status.status, 'asserted');
  assert.equal(why.happening.id, h.id);
  assert.ok(why.happening.reason, 'why it was counted there');
  await get(`/api/documents/${h.firstDocId}/events/9999/explain`, 404);
  await get(`/api/documents/${'0'.repeat(64)}/events/0/explain`, 404);
  await get(`/api/documents/nothex/events/0/explain`, 400);
});
