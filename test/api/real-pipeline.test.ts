// The API and the pages once more, over the real pipeline instead of the fake analyzer: what the
// stages produce must survive the store and come back whole, with every span on its words.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import type { Analysis } from '../../src/core/analysis.js';
import type { Span } from '../../src/core/doc.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { GENEVA_TEXT } from '../support/fake-analyze.js';

let store: Repository;
let app: FastifyInstance;
let id: string;
let summary: Record<string, unknown>;
let analysis: Analysis;

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({ token: TEST_TOKEN, store, analyze: analyzeDoc });
  const res = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT, url: 'https://news.example/geneva', published: '2024-05-16' },
  });
  assert.equal(res.statusCode, 201, res.body);
  id = res.json().id;
  summary = res.json().summary;
  analysis = (await app.inject(`/api/documents/${id}`)).json();
});

after(async () => {
  await app.close();
  await store.close();
});

const surface = (s: Span) => analysis.text.slice(s.start, s.end);

function assertInside(s: Span, what: string) {
  assert.ok(
    Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end,
    `${what}: [${s.start}, ${s.end})`,
  );
  assert.ok(s.end <= analysis.text.length, `${what} ends past the text`);
}

describe('the API over the real pipeline', () => {
  test('the stored analysis is the text unchanged, and the POST summary counts its layers', () => {
    assert.equal(analysis.text, GENEVA_TEXT);
    assert.equal(analysis.rejected, false);
    assert.deepEqual(summary, {
      title: analysis.title,
      published: analysis.published,
      sentences: analysis.sentences.length,
      entities: analysis.entities.length,
      events: analysis.events.length,
      diagnostics: analysis.diagnostics.length,
    });
    assert.equal(analysis.title, 'Leaders Meet in Geneva');
  });

  test('every span comes back on its words, and none points into removed text', () => {
    const removed = analysis.removed;
    assert.deepEqual(removed.map(surface), ['Advertisement']);
    const kept = (s: Span, what: string) => {
      assertInside(s, what);
      for (const r of removed) assert.ok(s.end <= r.start || s.start >= r.end, `${what} overlaps removed`);
    };
    for (const [i, s] of analysis.sentences.entries()) kept(s, `sentence ${i}`);
    for (const e of analysis.entities) for (const m of e.mentions) kept(m, `${e.id} mention`);
    for (const t of analysis.times) {
      kept(t, `time ${t.value}`);
      assert.equal(surface(t), t.text);
    }
    for (const q of analysis.quantities) {
      kept(q, `quantity ${q.value}`);
      assert.equal(surface(q), q.text);
    }
    for (const q of analysis.quotes) kept(q, `quote ${q.rule}`);
    for (const a of analysis.attributions) kept(a, `attribution ${a.rule}`);
    for (const e of analysis.events) {
      kept(e, `event ${e.rule}`);
      kept(e.trigger, `trigger of ${e.rule}`);
      assert.match(e.rule, /^events:[a-z]/);
      for (const p of [e.actor, e.recipient]) if (p) assert.equal(surface(p), p.text);
    }
  });

  test('what the stages found is there: people, a dated meeting, money, a quote', async () => {
    const macron = analysis.entities.find((e) => e.id === 'person:emmanuel-macron');
    assert.equal(macron?.country, 'FRA');
    assert.ok(analysis.times.some((t) => t.text === 'Monday' && t.value === '2024-05-13'));
    assert.ok(
      analysis.quantities.some((q) => q.text === '€2 billion' && q.value === 2e9 && q.unit === 'EUR'),
    );
    assert.ok(analysis.quotes.some((q) => q.speaker === 'person:emmanuel-macron'));
    const met = analysis.events.find((e) => surface(e.trigger) === 'met');
    assert.equal(met?.type, 'CONSULT');
    assert.deepEqual([met?.actor?.country, met?.recipient?.country, met?.date], ['FRA', 'DEU', '2024-05-13']);

    const byActor = (await app.inject('/api/events?actor=FRA&type=CONSULT')).json();
    assert.ok(byActor.items.some((e: { rule: string }) => e.rule === met?.rule));
    const entities = (await app.inject(`/api/entities?doc=${id}&limit=100`)).json();
    assert.equal(entities.total, analysis.entities.length);
  });

  test('events carry their confidence through the store, and minConfidence filters on it', async () => {
    const scores = analysis.events.map((e) => e.confidence);
    assert.ok(scores.length > 0 && scores.every((p) => typeof p === 'number'));
    const all = (await app.inject(`/api/events?doc=${id}&limit=100`)).json();
    assert.deepEqual(
      all.items.map((e: { idx: number; confidence: number }) => [e.idx, e.confidence]).sort(),
      scores.map((p, i) => [i, p]).sort(),
    );
    const cut = Math.max(...(scores as number[]));
    const top = (await app.inject(`/api/events?doc=${id}&minConfidence=${cut}`)).json();
    assert.equal(top.total, scores.filter((p) => (p as number) >= cut).length);
    assert.equal((await app.inject('/api/events?minConfidence=2')).statusCode, 400);
  });
});

describe('the pages over the real pipeline', () => {
  test('the article view renders the text losslessly, every mention and trigger anchored', async () => {
    const page = (await app.inject(`/documents/${id}`)).body;
    const article = /<article class="text">([\s\S]*?)<\/article>/.exec(page)?.[1];
    assert.ok(article !== undefined, 'an article element');
    const plain = article
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    assert.equal(plain, analysis.text);
    analysis.entities.forEach((e, ei) => {
      e.mentions.forEach((m, mi) => {
        // "The two leaders" is a mention of both people: the two spans nest, the inner one holds the text.
        if (m.form === 'reference')
          assert.ok(page.includes(`id="ent-${ei}-${mi}">`), `${e.id} mention ${mi}`);
        else assert.ok(page.includes(`id="ent-${ei}-${mi}">${surface(m)}</span>`), `${e.id} mention ${mi}`);
      });
    });
    analysis.events.forEach((e, i) => {
      assert.ok(page.includes(`id="ev-${i}">${surface(e.trigger)}</span>`), `trigger of event ${i}`);
      assert.ok(page.includes(`<td class="small">${e.rule}</td>`), `rule of event ${i} in the table`);
    });
  });

  test('the list and the events table show the document and its events', async () => {
    const list = (await app.inject('/')).body;
    assert.match(list, new RegExp(`<a href="/documents/${id}">Leaders Meet in Geneva</a>`));
    const events = (await app.inject('/events?actor=FRA')).body;
    const met = analysis.events.find((e) => surface(e.trigger) === 'met');
    assert.ok(met && events.includes(met.rule));
  });
});
