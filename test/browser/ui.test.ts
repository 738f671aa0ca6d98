// The web UI in a real browser: Debian's Chromium driven by playwright-core (no browser download).
// The server is built in-process over an in-memory store and the real pipeline.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/server.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { decodeBytes } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';

// Runs inside the page (in evaluate callbacks); the project's tsconfig has no DOM lib to declare it.
declare function getComputedStyle(element: unknown): {
  opacity: string;
  textDecorationLine: string;
  backgroundColor: string;
};

const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-component-update',
  '--no-first-run',
];
/** Screenshots go outside the repository, for a person to look at after a run. */
const SHOTS = join(tmpdir(), 'tidings-ui');

const haveChromium = existsSync(CHROMIUM);
// A developer without Chromium still gets a usable `npm test`; CI installs it, so there it must run.
const skip = !haveChromium && !process.env.CI;
if (skip) {
  console.warn(
    `\n!!! test/browser/ui.test.ts SKIPPED: no Chromium at ${CHROMIUM}. ` +
      'Install it (apt-get install chromium) or set TIDINGS_CHROMIUM to run the browser test. !!!\n',
  );
}

const NORDIC = `Nordic ministers meet in Oslo

Norwegian Foreign Minister Espen Barth Eide met Swedish officials in Oslo on Monday.
Advertisement
The talks lasted four hours, officials said.
The talks lasted four hours, officials said.
Sweden accused Russia of jamming signals over the Baltic Sea.
Norway will not sign the fishing agreement, the minister said.
`;

const HARVEST = `Harvest festival draws crowds to the valley

Thousands of visitors walked between the orchards on a bright afternoon.
Stalls sold cider, bread and honey until late in the evening.
`;

const FARMERS = `Farmers protest in Paris over fuel prices

French farmers protested outside parliament in Paris on Tuesday.
Police detained several demonstrators near the building.
`;

let store: Repository;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
const ids: Record<string, string> = {};
const consoleErrors: string[] = [];

async function post(name: string, text: string, published: string): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: auth(),
    payload: { text, published, url: `https://news.example/${name}` },
  });
  assert.equal(res.statusCode, 201, res.body);
  ids[name] = res.json().id;
}

async function apiTotal(path: string): Promise<number> {
  const res = await fetch(`${base}${path}`);
  const body = await res.text();
  assert.equal(res.status, 200, body);
  return JSON.parse(body).total;
}

function shot(name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The events table's rows as arrays of cell texts. */
async function eventRows(): Promise<string[][]> {
  return page
    .locator('main table tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
}

describe('web UI in Chromium', { skip }, () => {
  before(async () => {
    if (!haveChromium) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: CI must install it before npm test ` +
          '(.ci/run does `apt-get install -y chromium`), or set TIDINGS_CHROMIUM to its path',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    store = await openStore(':memory:');
    app = buildServer({
      token: TEST_TOKEN,
      store,
      analyze: analyzeDoc,
    });
    await post('nordic', NORDIC, '2024-05-16');
    await post('harvest', HARVEST, '2024-05-14');
    await post('farmers', FARMERS, '2024-05-15');
    // An empty file, as `tidings ingest` would store it: rejected, with its reason.
    const summary = await ingestBatch({
      store,
      analyze: analyzeDoc,
      inputs: [{ doc: decodeBytes(new Uint8Array(0), { uri: 'file:empty.txt', mediaType: 'text/plain' }) }],
    });
    assert.equal(summary.rejected, 1);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  test('the list page lists the articles and the search box finds one by a word', async () => {
    await page.goto(`${base}/`);
    const titles = await page
      .locator('main table')
      .first()
      .locator('tbody tr td:first-child a')
      .allTextContents();
    assert.deepEqual([...titles].sort(), [
      'Farmers protest in Paris over fuel prices',
      'Harvest festival draws crowds to the valley',
      'Nordic ministers meet in Oslo',
    ]);
    assert.match(
      await page
        .locator('h2')
        .allTextContents()
        .then((h) => h.join('|')),
      /Rejected \(1\)/,
    );
    await shot('index');

    await page.getByLabel('Search title and text').fill('orchards');
    await Promise.all([
      page.waitForURL(/\?q=orchards/),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    const found = await page.locator('main table tbody tr td:first-child a').allTextContents();
    assert.deepEqual(found, ['Harvest festival draws crowds to the valley']);
  });

  test('clicking an article opens the article view', async () => {
    await page.goto(`${base}/`);
    await Promise.all([
      page.waitForURL(`${base}/documents/${ids.nordic}`),
      page.getByRole('link', { name: 'Nordic ministers meet in Oslo' }).click(),
    ]);
    assert.equal(await page.locator('h1').textContent(), 'Nordic ministers meet in Oslo');
    assert.equal(await page.title(), 'Nordic ministers meet in Oslo · Tidings');
    await shot('article');
  });

  test('removed spans (boilerplate, the repeated sentence) are rendered dimmed and struck through', async () => {
    await page.goto(`${base}/documents/${ids.nordic}`);
    const removed = page.locator('article.text span.rm');
    const texts = await removed.allTextContents();
    assert.ok(texts.includes('Advertisement'), `removed spans: ${JSON.stringify(texts)}`);
    assert.equal(
      texts.filter((t) => t.includes('The talks lasted four hours')).length,
      1,
      'only the second copy of the repeated sentence is removed',
    );
    const style = await removed.filter({ hasText: 'Advertisement' }).evaluate((el) => {
      const s = getComputedStyle(el);
      return { opacity: Number(s.opacity), decoration: s.textDecorationLine };
    });
    assert.ok(style.opacity < 1, `opacity ${style.opacity}`);
    assert.match(style.decoration, /line-through/);
    const text = (await page.locator('article.text').textContent()) ?? '';
    assert.equal(text.split('The talks lasted four hours').length - 1, 2, 'removed text stays on the page');
  });

  test('an entity mention is highlighted, its tooltip carrying the ISO3 code', async () => {
    await page.goto(`${base}/documents/${ids.nordic}`);
    const sweden = page.locator('article.text span.ent[title*="SWE"]').first();
    assert.match((await sweden.textContent()) ?? '', /Swed/);
    const title = (await sweden.getAttribute('title')) ?? '';
    assert.match(title, /^Sweden · country · SWE/);
    const background = await sweden.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the mention has a background colour');
  });

  test('hovering an event row highlights its trigger in the text', async () => {
    await page.goto(`${base}/documents/${ids.nordic}`);
    const row = page.locator('tr[data-target^="ev-"]').first();
    const targetId = await row.getAttribute('data-target');
    assert.ok(targetId);
    const trigger = page.locator(`[id="${targetId}"]`);
    const look = () =>
      trigger.evaluate((el) => ({
        hl: el.classList.contains('hl'),
        bg: getComputedStyle(el).backgroundColor,
      }));
    const before = await look();
    assert.equal(before.hl, false);
    await row.hover();
    const during = await look();
    assert.equal(during.hl, true, 'the trigger gets the hl class');
    assert.notEqual(during.bg, before.bg, 'and a visible background');
    await shot('article-hover');
    await page.locator('h1').hover();
    assert.deepEqual(await look(), before, 'leaving the row restores the trigger');
  });

  test('the events page filter form narrows the table by type, status and actor', async () => {
    await page.goto(`${base}/events`);
    const all = await eventRows();
    assert.equal(all.length, await apiTotal('/api/events'));
    await shot('events');

    const filter = async (fill: () => Promise<void>) => {
      await fill();
      await Promise.all([
        page.waitForURL(/\/events\?/),
        page.getByRole('button', { name: 'Filter' }).click(),
      ]);
      return eventRows();
    };

    const protests = await filter(() => page.getByLabel('Type').fill('protest'));
    assert.equal(protests.length, await apiTotal('/api/events?type=PROTEST'));
    assert.ok(protests.length > 0 && protests.length < all.length, `${protests.length} of ${all.length}`);
    for (const cells of protests) assert.equal(cells[1], 'PROTEST');

    await page.goto(`${base}/events`);
    const negated = await filter(() =>
      page
        .getByLabel('Status')
        .selectOption('negated')
        .then(() => undefined),
    );
    assert.ok(negated.length > 0 && negated.length < all.length, `${negated.length} of ${all.length}`);
    for (const cells of negated) assert.equal(cells[3], 'negated');
    assert.equal(await page.getByLabel('Status').inputValue(), 'negated', 'the form keeps the chosen status');

    await page.goto(`${base}/events`);
    const swedish = await filter(() => page.getByLabel('Actor').fill('SWE'));
    assert.equal(swedish.length, await apiTotal('/api/events?actor=SWE'));
    assert.ok(swedish.length > 0 && swedish.length < all.length, `${swedish.length} of ${all.length}`);
    for (const cells of swedish) assert.match(cells[4] ?? '', /SWE/);
  });

  test('a rejected document and a missing page explain themselves', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'diagnostics' }).click();
    await page.waitForURL(/\/documents\//);
    assert.equal(await page.locator('h1').textContent(), 'Rejected document');
    assert.match((await page.locator('.notice').textContent()) ?? '', /not analysed.*input is empty/s);
    assert.equal(await page.locator('article.text span').count(), 0, 'nothing is highlighted');
    await shot('rejected');

    // A 404 makes Chromium log "Failed to load resource", so it gets a page of its own.
    const other = await browser.newPage();
    try {
      const res = await other.goto(`${base}/no/such/page`);
      assert.equal(res?.status(), 404);
      assert.equal(await other.locator('h1').textContent(), 'Not found');
      await other.getByRole('link', { name: 'Back to the articles' }).click();
      await other.waitForURL(`${base}/`);
    } finally {
      await other.close();
    }
  });

  test('no page logged a console error', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
