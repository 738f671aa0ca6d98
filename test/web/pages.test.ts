import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze, GENEVA_TEXT } from '../support/fake-analyze.js';

let store: Repository;
let app: FastifyInstance;
let id: string;
let rejectedId: string;

before(async () => {
  store = await openStore(':memory:');
  app = buildServer({
    token: TEST_TOKEN,
    store,
    analyze: fakeAnalyze,
  });
  const ok = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: GENEVA_TEXT, published: '2024-05-16' },
  });
  id = ok.json().id;
  const script = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: '<script>alert("x")</script> Talks & Trade\nMacron spoke.\n' },
  });
  assert.equal(script.statusCode, 201);
  const bad = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text: 'REJECT-ME <b>now</b>' },
  });
  rejectedId = bad.json().id;
});

after(async () => {
  await app.close();
  await store.close();
});

describe('GET /', () => {
  test('lists articles with counts, and rejected documents with their reasons', async () => {
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    const page = res.body;
    assert.match(page, new RegExp(`<a href="/documents/${id}">Leaders Meet in Geneva</a>`));
    assert.match(page, /<td>5<\/td><td>2<\/td>/, 'entity and event counts');
    assert.match(page, /Rejected \(1\)/);
    assert.match(page, /rejected by the fake analyzer/);
    assert.match(page, new RegExp(`/documents/${rejectedId}`));
  });

  test('escapes titles: no injected markup survives', async () => {
    const page = (await app.inject('/')).body;
    assert.ok(!page.includes('<script>alert'), 'raw script tag must not appear');
    assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; Talks &amp; Trade/);
  });

  test('search goes through full-text search and echoes the query escaped', async () => {
    const page = (await app.inject('/?q=scholz')).body;
    assert.match(page, /Leaders Meet in Geneva/);
    assert.ok(!page.includes('Talks &amp; Trade'));
    const none = (await app.inject('/?q=%22%3E%3Cimg%20src%3Dx%3E')).body;
    assert.match(none, /value="&quot;&gt;&lt;img src=x&gt;"/);
    assert.match(none, /No article matches/);
  });
});

describe('GET /documents/:id', () => {
  test('renders the text from spans: entities, removed, times, quantities, quotes, triggers', async () => {
    const res = await app.inject(`/documents/${id}`);
    assert.equal(res.statusCode, 200);
    const page = res.body;
    assert.match(page, /<h1>Leaders Meet in Geneva<\/h1>/);
    assert.match(
      page,
      /<span class="ent ent-person" title="Emmanuel Macron · person · FRA · GOV \(person:emmanuel-macron; entities:fake-lexicon\)" id="ent-2-0">Emmanuel Macron<\/span>/,
    );
    assert.match(page, /<span class="ent ent-country"[^>]*>French<\/span>/);
    assert.match(
      page,
      /<span class="rm" title="removed: boilerplate \(clean:boilerplate-line\)">Advertisement<\/span>/,
    );
    assert.match(page, /<span class="time" title="2024-05-13 \(day; time:weekday\)">Monday<\/span>/);
    assert.match(page, /<span class="qty" title="2000000000 EUR[^"]*">€2 billion<\/span>/);
    assert.match(page, /<span class="quote"[^>]*id="q-0">“We are building a bridge,”<\/span>/);
    assert.match(
      page,
      /<span class="trigger" title="CONSULT\/meet · asserted \(events:consult.met\)" id="ev-0">met<\/span>/,
    );
    assert.match(page, /&lt;between&gt; the cities &amp; ports/);
    assert.match(page, /🚄/);
  });

  test('the events table links each row to its trigger; entities and diagnostics follow', async () => {
    const page = (await app.inject(`/documents/${id}`)).body;
    assert.match(
      page,
      /<tr data-target="ev-0">\s*<td><a href="#ev-0">CONSULT<\/a><\/td><td>meet<\/td><td>asserted<\/td>/,
    );
    assert.match(page, /French President Emmanuel Macron <span class="pill">FRA GOV<\/span>/);
    assert.match(
      page,
      /<td>036<\/td><td>1<\/td><td>4<\/td><td>—<\/td><td class="small">events:consult.met<\/td>/,
    );
    assert.match(page, /<h2 id="entities">Entities \(5\)<\/h2>/);
    assert.match(page, /<h2 id="diagnostics">Diagnostics \(0\)<\/h2>/);
  });

  test('a rejected document shows its diagnostics, escaped', async () => {
    const page = (await app.inject(`/documents/${rejectedId}`)).body;
    assert.match(
      page,
      /<span class="sev-error">error<\/span> <code>test:fake-rejected<\/code> rejected by the fake analyzer/,
    );
    assert.match(page, /REJECT-ME &lt;b&gt;now&lt;\/b&gt;/);
  });

  test('unknown documents and pages are HTML 404s', async () => {
    const res = await app.inject('/documents/%3Cnope%3E');
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /No document with id “&lt;nope&gt;”/);
    const missing = await app.inject('/no/such/page');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<h1>Not found<\/h1>/);
  });
});

describe('GET /events', () => {
  test('filters with the same parameters as the API and links to the evidence', async () => {
    const page = (await app.inject('/events?actor=fra&type=consult&status=asserted&from=2024-05')).body;
    assert.match(page, new RegExp(`<a href="/documents/${id}\\?event=0#ev-0">Leaders Meet in Geneva</a>`));
    assert.match(page, /<option value="asserted" selected>asserted<\/option>/);
    assert.match(page, /name="actor" value="fra"/);
    const none = (await app.inject('/events?actor=DEU')).body;
    assert.match(none, /No events match/);
  });

  test('a bad date is reported on the page with 400, not thrown', async () => {
    const res = await app.inject('/events?from=notadate&to=');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Not a date: notadate/);
  });
});
