// The Now page in Chromium: the latest stories, and a document stored during the test — by another
// connection to the same store file, as `tidings ingest` in another process would — appearing at the
// top without a reload, its markup shown as text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { TEST_TOKEN } from '../support/auth.js';
import {
  AXE_SOURCE,
  CHROMIUM,
  CHROMIUM_ARGS,
  haveChromium,
  skipWithoutChromium,
} from '../support/chromium.js';

// Runs inside the page (in evaluate callbacks); the project's tsconfig has no DOM lib to declare it.
declare const document: {
  body: unknown;
  querySelector(s: string): { dataset: Record<string, string | undefined> } | null;
};
declare const window: Record<string, unknown> & {
  axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
};
interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

const skip = skipWithoutChromium('test/browser/now.test.ts');
const AXE = AXE_SOURCE;
const SHOTS = join(tmpdir(), 'tidings-ui');

const EARLIER = `Leaders meet in Geneva

French President Emmanuel Macron met German Chancellor Olaf Scholz in Geneva on Monday, officials said.
France accused Germany of delaying the agreement.
`;

const HOSTILE_TITLE =
  'Ministers meet in Oslo <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const LATER = `${HOSTILE_TITLE}

Norwegian Foreign Minister Espen Barth Eide met Swedish officials in Oslo on Monday.
Sweden accused Russia of jamming signals over the Baltic Sea.
`;

let dir: string;
let store: Repository;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];

async function ingest(into: Repository, text: string, uri: string): Promise<void> {
  const summary = await ingestBatch({
    store: into,
    analyze: analyzeDoc,
    inputs: [
      {
        doc: decodeBytes(new TextEncoder().encode(text), {
          uri,
          mediaType: 'text/plain',
          published: '2024-05-16',
        }),
      },
    ],
  });
  assert.equal(summary.inserted, 1, JSON.stringify(summary));
}

describe('the Now page in Chromium', { skip }, () => {
  before(async () => {
    if (!haveChromium) throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it`);
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'tidings-now-'));
    store = await openStore(join(dir, 'store.db'));
    await ingest(store, EARLIER, 'https://www.wire.example/geneva');
    app = buildServer({ token: TEST_TOKEN, store, analyze: analyzeDoc });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('lists the latest stories with actors, event types, source and a sparkline; no serious axe violation', async () => {
    const res = await page.goto(`${base}/now`);
    assert.equal(res?.status(), 200);
    const first = page.locator('#stories > li.story').first();
    assert.equal(await first.locator('.story-title').textContent(), 'Leaders meet in Geneva');
    assert.equal(await first.locator('.story-source').textContent(), 'wire.example');
    const facets = await first.locator('.story-facets').textContent();
    assert.match(facets ?? '', /FRA/);
    assert.match(facets ?? '', /DEU/);
    assert.match(facets ?? '', /ACCUSE|CONSULT/);
    assert.equal(await first.locator('svg.spark polyline').count(), 1);
    assert.match((await first.locator('svg.spark').getAttribute('aria-label')) ?? '', /DEU–FRA: \d+ events/);
    await page.evaluate(AXE);
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        resultTypes: ['violations'],
        runOnly: ['wcag2a', 'wcag2aa', 'best-practice'],
      }),
    );
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.help}`),
      [],
    );
  });

  test('a document stored by another writer during the test appears at the top, live, as text', async (t) => {
    await page.goto(`${base}/now`);
    await page.waitForFunction(() => document.querySelector('#stories')?.dataset.connected === 'true');
    const before = await page.locator('#stories > li.story').count();

    // Another connection to the same file: what `tidings ingest` in another process does.
    const writer = await openStore(join(dir, 'store.db'));
    const started = Date.now();
    try {
      await ingest(writer, LATER, 'https://news.example/oslo');
    } finally {
      await writer.close();
    }
    const top = page.locator('#stories > li.story').first();
    await page.waitForFunction(
      (n) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('#stories > li.story').length > n,
      before,
    );
    t.diagnostic(`appeared ${Date.now() - started} ms after it was stored (the issue asks for 2 s)`);
    assert.equal(await top.locator('.story-title').textContent(), HOSTILE_TITLE);
    assert.equal(await top.locator('.story-source').textContent(), 'news.example');
    assert.match((await top.locator('.story-facets').textContent()) ?? '', /SWE|RUS|NOR/);
    assert.equal(await top.locator('img, script').count(), 0, 'the title is text, not markup');
    assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
    await page.screenshot({ path: join(SHOTS, 'now.png'), fullPage: true });
    // Reloading shows it from the server's own rendering, once.
    await page.reload();
    const titles = await page.locator('#stories .story-title').allTextContents();
    assert.equal(titles.filter((t) => t === HOSTILE_TITLE).length, 1);
    assert.deepEqual(problems, []);
  });
});
