// Screenshots of the workspace pages for docs/ui.md: the bundled examples/ analysed into a
// temporary SQLite store, served in-process, photographed by Debian's Chromium (playwright-core).
//
//   npx tsx scripts/ui-screenshots.ts [--out docs/img] [--chromium /usr/bin/chromium]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildServer } from '../src/api/server.js';
import { analyzeDoc } from '../src/pipeline.js';
import { ingestBatch } from '../src/services/ingest-batch.js';
import { readInputs } from '../src/stages/01-ingest/index.js';
import { openStore } from '../src/store/open-store.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/img' },
    chromium: { type: 'string', default: process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium' },
  },
});

/** Page, address, and how much of it to keep (a clip height, or the whole page). */
const SHOTS: { name: string; path: string; height?: number; dark?: boolean; wait?: string }[] = [
  { name: 'now', path: '/now', height: 900 },
  {
    name: 'relations',
    path: '/relations?a=GRC&b=TUR&period=m:2024-07#events',
    height: 1150,
    wait: '#dyad-chart[data-points]',
  },
  {
    name: 'relations-dark',
    path: '/relations?a=GRC&b=TUR',
    height: 760,
    dark: true,
    wait: '#dyad-chart[data-points]',
  },
  { name: 'network', path: '/network', height: 1000, wait: '#network canvas' },
  { name: 'map', path: '/map?place=city:ankara,country:TUR#events', height: 1250 },
  { name: 'event', path: '', height: 1100 },
  { name: 'explain', path: '', height: 1100 },
  { name: 'actor', path: '/actors/GRC', height: 1100 },
  { name: 'search', path: '/search?q=Ankara&kind=events', height: 900 },
];

const dir = mkdtempSync(join(tmpdir(), 'tidings-shots-'));
const store = await openStore(join(dir, 'store.db'));
try {
  const examples = new URL('../examples/', import.meta.url).pathname;
  const summary = await ingestBatch({ store, analyze: analyzeDoc, inputs: readInputs([examples]) });
  console.log(`examples: ${summary.inserted} documents`);
  const app = buildServer({ token: 'screenshots-only-token-0123', store, analyze: analyzeDoc });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The event page shown is the happening the most outlets reported.
  const top = (await (await fetch(`${base}/api/happenings?minSources=2&limit=1`)).json()) as {
    items: { id: number; firstDocId: string; firstIdx: number }[];
  };
  const event = SHOTS.find((s) => s.name === 'event');
  if (event) event.path = `/happenings/${top.items[0]?.id ?? 1}`;
  const explain = SHOTS.find((s) => s.name === 'explain');
  if (explain && top.items[0])
    explain.path = `/documents/${top.items[0].firstDocId}/events/${top.items[0].firstIdx}/explain`;
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'],
  });
  mkdirSync(values.out, { recursive: true });
  for (const shot of SHOTS) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: shot.dark ? 'dark' : 'light',
    });
    await page.goto(`${base}${shot.path}`);
    if (shot.wait) await page.locator(shot.wait).first().waitFor();
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    const file = join(values.out, `${shot.name}.png`);
    await page.screenshot({
      path: file,
      fullPage: true,
      ...(shot.height ? { clip: { x: 0, y: 0, width: 1280, height: shot.height } } : {}),
    });
    console.log(`${file}  ${shot.path}`);
    await page.close();
  }
  await browser.close();
  await app.close();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
