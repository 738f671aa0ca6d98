// The workspace pages in a real browser: Debian's Chromium driven by playwright-core (no browser
// download), over a temporary SQLite store holding the bundled examples/ analysed by the real pipeline.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/server.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { readInputs } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import {
  AXE_SOURCE,
  CHROMIUM,
  CHROMIUM_ARGS,
  haveChromium,
  skipWithoutChromium,
} from '../support/chromium.js';

// Runs inside the page (in evaluate callbacks); the project's tsconfig has no DOM lib to declare it.
declare const document: { body: unknown; querySelectorAll(s: string): { length: number } };
declare function getComputedStyle(element: unknown): { backgroundColor: string; color: string };
declare const window: Record<string, unknown> & {
  axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
};

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

const skip = skipWithoutChromium('test/browser/workspace.test.ts');
const AXE = AXE_SOURCE;
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

let dir: string;
let store: Repository;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];

/** Serious and critical accessibility violations of the page as it stands. */
async function axeViolations(p: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the pages' CSP (rightly) refuses an injected <script>.
  await p.evaluate(AXE);
  const results = await p.evaluate(() =>
    window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: ['wcag2a', 'wcag2aa', 'best-practice'],
    }),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
    );
}

async function cellTexts(p: Page, selector: string): Promise<string[][]> {
  return p
    .locator(selector)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
}

describe('workspace pages in Chromium', { skip }, () => {
  before(async () => {
    if (!haveChromium) throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it`);
    dir = mkdtempSync(join(tmpdir(), 'tidings-workspace-'));
    store = await openStore(join(dir, 'store.db'));
    const summary = await ingestBatch({ store, analyze: analyzeDoc, inputs: readInputs([EXAMPLES]) });
    assert.ok(summary.inserted >= 10, `examples stored: ${JSON.stringify(summary)}`);
    app = buildServer({ token: TEST_TOKEN, store, analyze: analyzeDoc });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: uncaught ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('Relations: the busiest pair is charted, per month both ways, with a table of periods', async () => {
    await page.goto(`${base}/relations`);
    assert.equal(await page.locator('input[name=a]').inputValue(), 'GRC');
    assert.equal(await page.locator('input[name=b]').inputValue(), 'TUR');
    await page.locator('#dyad-chart canvas').waitFor();
    const rows = await cellTexts(page, '#periods ~ table tbody tr');
    assert.ok(rows.length >= 4, `periods: ${JSON.stringify(rows)}`);
    const total = rows.reduce((n, r) => n + Number(r[1]) + Number(r[5]), 0);
    assert.ok(total >= 10, `events in the table: ${total}`);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('Relations: the count filter changes the chart and the table', async () => {
    await page.goto(`${base}/relations?a=GRC&b=TUR`);
    const all = await cellTexts(page, '#periods ~ table tbody tr');
    await page.getByLabel('Count').selectOption('q1');
    await Promise.all([page.waitForURL(/count=q1/), page.getByRole('button', { name: 'Show' }).click()]);
    const coop = await cellTexts(page, '#periods ~ table tbody tr');
    const sum = (rows: string[][]) => rows.reduce((n, r) => n + Number(r[1]) + Number(r[5]), 0);
    assert.ok(sum(coop) > 0 && sum(coop) < sum(all), `${sum(coop)} of ${sum(all)}`);
    // Every kept event is verbal cooperation: each period's count equals its quad-1 share.
    for (const r of coop) assert.equal(Number(r[1]), Number(r[2]?.split('/')[0]));
  });

  test('Relations: a click on a chart point lists that period’s events with their sentences', async () => {
    await page.goto(`${base}/relations?a=GRC&b=TUR`);
    const box = page.locator('#dyad-chart[data-points]');
    await box.locator('canvas').waitFor();
    const points = JSON.parse((await box.getAttribute('data-points')) ?? '[]') as {
      period: string;
      left: number;
      top: number;
    }[];
    const point = points.find((p) => p.period === 'm:2024-07');
    assert.ok(point, JSON.stringify(points));
    const over = page.locator('#dyad-chart .u-over');
    await over.hover({ position: { x: point.left, y: Math.max(point.top, 5) } });
    await Promise.all([
      page.waitForURL(/period=m%3A2024-07/),
      over.click({ position: { x: point.left, y: Math.max(point.top, 5) } }),
    ]);
    assert.match((await page.locator('#events').textContent()) ?? '', /2024-07/);
    const events = await cellTexts(page, '#events ~ table:first-of-type tbody tr');
    assert.ok(events.length >= 2, JSON.stringify(events));
    const sentences = events.map((r) => r[8] ?? '').join(' | ');
    assert.match(sentences, /marine parks/);
    assert.ok(await page.locator('#events ~ table q.evidence .ev-trigger').count(), 'triggers marked');
  });

  test('Relations: keyboard alone reaches a period and lists its events', async () => {
    await page.goto(`${base}/relations?a=GRC&b=TUR`);
    const link = page.locator('#periods ~ table a', { hasText: '2024-11' });
    await link.focus();
    await Promise.all([page.waitForURL(/period=m%3A2024-11/), page.keyboard.press('Enter')]);
    assert.match((await page.locator('#events').textContent()) ?? '', /2024-11/);
    assert.equal(
      await page.evaluate(() => (document as unknown as { activeElement: { id: string } }).activeElement.id),
      'events',
    );
  });

  test('Relations: CSV and JSON exports hold the table shown', async () => {
    const csv = await fetch(`${base}/relations?a=GRC&b=TUR&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.match(lines[0] ?? '', /^period,ab_events,/);
    const json = (await (await fetch(`${base}/relations?a=GRC&b=TUR&format=json`)).json()) as {
      items: { period: string }[];
    };
    assert.equal(json.items.length, lines.length - 1);
    assert.deepEqual(
      json.items.map((r) => r.period),
      lines.slice(1).map((l) => l.split(',')[0]),
    );
  });

  test('Network: actors and relations drawn; the type filter changes them; an edge opens the dyad', async () => {
    await page.goto(`${base}/network`);
    await page.locator('#network canvas').first().waitFor();
    const all = await cellTexts(page, '#edges ~ table tbody tr');
    assert.ok(
      all.some((r) => r[0] === 'GRC' && r[1] === 'TUR'),
      JSON.stringify(all),
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Type').selectOption('CONSULT');
    await Promise.all([page.waitForURL(/type=CONSULT/), page.getByRole('button', { name: 'Show' }).click()]);
    const consults = await cellTexts(page, '#edges ~ table tbody tr');
    assert.ok(consults.length > 0 && consults.length < all.length, `${consults.length} of ${all.length}`);
    const grcTur = (rows: string[][]) => Number(rows.find((r) => r[0] === 'GRC' && r[1] === 'TUR')?.[2]);
    assert.ok(grcTur(consults) < grcTur(all), 'fewer GRC → TUR events when only consultations count');
    // The graph's edge (drawn on a canvas) leads where the table's link does: to the pair over time.
    const href = await page.evaluate(() => {
      const data = JSON.parse(
        (document as unknown as { getElementById(id: string): { textContent: string } }).getElementById(
          'network-data',
        ).textContent,
      ) as { edges: { source: string; target: string; href: string }[] };
      return data.edges.find((e) => e.source === 'GRC' && e.target === 'TUR')?.href;
    });
    assert.equal(href, '/relations?a=GRC&b=TUR&count=CONSULT');
    await Promise.all([
      page.waitForURL(/\/relations\?a=GRC&b=TUR&count=CONSULT/),
      page.locator('#edges ~ table a', { hasText: 'GRC and TUR' }).click(),
    ]);
    await page.locator('#dyad-chart canvas').waitFor();
  });

  test('Map: places on the bundled world map, filtered by type; a cluster lists its events', async () => {
    await page.goto(`${base}/map`);
    const places = await cellTexts(page, '#places ~ table tbody tr');
    assert.ok(
      places.some((r) => r[0] === 'Ankara'),
      JSON.stringify(places),
    );
    assert.ok((await page.locator('.map svg path.land').count()) >= 1);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Type').selectOption('PROTEST');
    await Promise.all([page.waitForURL(/type=PROTEST/), page.getByRole('button', { name: 'Show' }).click()]);
    const protests = await cellTexts(page, '#places ~ table tbody tr');
    assert.ok(
      protests.length < places.length && protests.every((r) => /^PROTEST/.test(r[6] ?? '')),
      JSON.stringify(protests),
    );
    await page.goto(`${base}/map`);
    const ankara = page.locator('.map svg a', { hasText: 'Ankara' });
    await Promise.all([page.waitForURL(/place=/), ankara.click()]);
    const events = await cellTexts(page, '#events ~ table:first-of-type tbody tr');
    assert.ok(events.length >= 3 && events.every((r) => r[3] === 'CONSULT'), JSON.stringify(events));
    assert.match(events.map((r) => r[8]).join(' '), /Ankara/);
  });

  test('Event: a happening reported by two outlets shows every mention with its evidence', async () => {
    await page.goto(`${base}/relations?a=GRC&b=TUR&period=m:2024-03`);
    const link = page.locator('#events ~ table a', { hasText: 'CONSULT' }).first();
    await Promise.all([page.waitForURL(/\/happenings\/\d+/), link.click()]);
    const mentions = page.locator('section.mention');
    assert.ok((await mentions.count()) >= 2);
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /from 2 outlets/);
    assert.match(text, /aegean-daily\.example/);
    assert.match(text, /events:consult\./);
    assert.ok((await page.locator('section.mention .ev-trigger').count()) >= 2);
    assert.deepEqual(await axeViolations(page), []);
    const csv = await (await fetch(`${page.url().split('#')[0]}?format=csv`)).text();
    assert.equal(csv.trim().split('\r\n').length, (await mentions.count()) + 1);
    // Each mention links to why it was coded: the rule as the rules define it, the clause, the status.
    const rule = ((await mentions.first().locator('dd code').first().textContent()) ?? '').trim();
    await Promise.all([
      page.waitForURL(/\/documents\/[0-9a-f]{64}\/events\/\d+\/explain$/),
      mentions.first().getByRole('link', { name: 'explain' }).click(),
    ]);
    const why = (await page.locator('main').textContent()) ?? '';
    assert.ok(why.includes(rule), `${rule} in ${why.slice(0, 400)}`);
    assert.match(why, /Tidings' own rule/);
    assert.match(why, /coded CAMEO 0\d\d/);
    assert.match(why, /Statusasserted/);
    assert.ok((await page.locator('main q.evidence .ev-trigger').count()) >= 1);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('Actor: names, roles with dates, counterparts and a timeline', async () => {
    await page.goto(`${base}/actors/GRC`);
    assert.match((await page.locator('h1').textContent()) ?? '', /Greece/);
    const names = (await page.locator('#aliases + p').textContent()) ?? '';
    assert.match(names, /Athens/);
    const roles = await cellTexts(page, '#roles + table tbody tr');
    assert.ok(
      roles.some(
        (r) => r[0] === 'Kyriakos Mitsotakis' && r[1] === 'prime minister' && /^2024-/.test(r[2] ?? ''),
      ),
      JSON.stringify(roles),
    );
    const counterparts = await cellTexts(page, '#counterparts + p + table tbody tr');
    assert.equal(counterparts[0]?.[0], 'TUR');
    assert.ok((await page.locator('.bars span').count()) >= 5);
    assert.deepEqual(await axeViolations(page), []);
    await Promise.all([
      page.waitForURL(/\/actors\/person%3Akyriakos-mitsotakis|\/actors\/person:kyriakos-mitsotakis/),
      page.getByRole('link', { name: 'Kyriakos Mitsotakis' }).first().click(),
    ]);
    assert.match((await page.locator('#aliases + p').textContent()) ?? '', /Mitsotakis/);
  });

  test('Search: words find articles, events and entities; facets narrow them', async () => {
    await page.goto(`${base}/search?q=Ankara`);
    const articles = await cellTexts(page, '#results ~ table tbody tr');
    assert.ok(articles.length >= 3, JSON.stringify(articles));
    await Promise.all([
      page.waitForURL(/kind=events/),
      page.getByRole('link', { name: /^events \(/ }).click(),
    ]);
    const events = await cellTexts(page, '#results ~ table tbody tr');
    const outlets = page.getByRole('navigation', { name: 'Outlet' });
    await Promise.all([
      page.waitForURL(/source=aegean-daily\.example/),
      outlets.getByRole('link', { name: 'aegean-daily.example' }).click(),
    ]);
    const narrowed = await cellTexts(page, '#results ~ table tbody tr');
    assert.ok(
      narrowed.length > 0 && narrowed.length < events.length,
      `${narrowed.length} of ${events.length}`,
    );
    assert.ok(narrowed.every((r) => r[9] === 'aegean-daily.example'));
    await page.locator('select[name=status]').selectOption('negated');
    await Promise.all([
      page.waitForURL(/status=negated/),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    const negated = await cellTexts(page, '#results ~ table tbody tr');
    assert.ok(negated.every((r) => r[2] === 'negated'));
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${base}/search?q=Mitsotakis&kind=entities&type=person`);
    const people = await cellTexts(page, '#results ~ table tbody tr');
    assert.ok(people.length > 0 && people.every((r) => r[2] === 'person'), JSON.stringify(people));
  });

  test('a hostile article renders as text on every page and runs no script', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const title = 'Greece accuses Turkey <img src=x onerror="alert(1)"> of <script>alert(2)</script> piracy';
    const text =
      `${title}\n\nGreece accused Turkey of piracy on Monday <script>window.pwned = 1; alert(3)</script> after a raid, ` +
      'officials said. See <a href="javascript:alert(4)">the report</a> and javascript:alert(5) for more.';
    const res = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        text,
        title,
        published: '2024-12-02',
        url: 'https://evil.example/"><script>alert(6)</script>?x=<b>bold</b>',
      }),
    });
    assert.equal(res.status, 201, await res.text());
    const pages = [
      '/search?q=piracy',
      '/search?q=piracy&kind=events',
      '/relations?a=GRC&b=TUR&period=m:2024-12',
      '/actors/GRC',
      '/network',
      '/map',
    ];
    const happening = await page
      .goto(`${base}/relations?a=GRC&b=TUR&period=m:2024-12`)
      .then(() => page.locator('#events ~ table a[href^="/happenings/"]').first().getAttribute('href'));
    assert.ok(happening, 'the hostile article coded an event between GRC and TUR');
    // The happening's first report is the headline; the body sentence that tells it again (with the
    // script) is merged into the same event and shown under it, and on the event's explain page.
    await page.goto(`${base}${happening}`);
    const explain = await page.getByRole('link', { name: 'explain' }).first().getAttribute('href');
    assert.match(explain ?? '', /^\/documents\/[0-9a-f]{64}\/events\/\d+\/explain$/);
    for (const path of [...pages, happening, explain as string]) {
      await page.goto(`${base}${path}`);
      assert.equal(await page.evaluate(() => (window as { pwned?: number }).pwned), undefined, path);
      assert.equal(await page.locator('main script:not([type="application/json"])').count(), 0, path);
      assert.equal(await page.locator('main img, main a[href^="javascript:"]').count(), 0, path);
    }
    await page.goto(`${base}${happening}`);
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /<script>window\.pwned = 1; alert\(3\)<\/script>/,
    );
    await page.goto(`${base}${explain}`);
    const explained = (await page.locator('main').textContent()) ?? '';
    assert.match(explained, /<script>window\.pwned = 1; alert\(3\)<\/script>/);
    assert.match(explained, /<img src=x onerror="alert\(1\)">/);
    await page.goto(`${base}/search?q=piracy`);
    assert.match(
      (await page.locator('#results ~ table').textContent()) ?? '',
      /<img src=x onerror="alert\(1\)">/,
    );
    assert.deepEqual(dialogs, []);
  });

  test('dark mode follows the system', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${base}/relations?a=GRC&b=TUR`);
      return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    };
    const light = await colours('light');
    const dark = await colours('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(light, 'rgb(255, 255, 255)');
    assert.notEqual(dark, light);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('no page logged an error or threw', () => {
    assert.deepEqual(problems, []);
  });
});
