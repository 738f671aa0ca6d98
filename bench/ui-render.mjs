// `npm run bench:ui`: how long a 10,000-word article takes to show. BBC politics articles (shared data,
// read at run time) are joined until 10,000 words, analysed once, stored, and the article page
// (/documents/:id, every span highlighted) is timed against a baseline in the same run: the same text
// escaped into a plain <pre> page by the same server. Server: time to answer (inject, median of
// --repeat). Chromium (playwright-core, /usr/bin/chromium): navigation to the load event and to first
// contentful paint, median of --repeat.
//
//   npm run bench:ui -- [--corpus ../shared/data/corpora/bbc-news-2225] [--words 10000] [--repeat 7]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/data/corpora/bbc-news-2225' },
    words: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '7' },
    chromium: { type: 'string', default: process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const { buildServer } = await import('../dist/api/server.js');
const { analyzeDoc } = await import('../dist/pipeline.js');
const { openStore } = await import('../dist/store/index.js');
const { escapeHtml } = await import('../dist/web/html.js');

const wordsWanted = Number(values.words);
const repeat = Number(values.repeat);
const dir = join(values.corpus, 'politics');
const parts = [];
let words = 0;
for (const name of readdirSync(dir).sort()) {
  if (words >= wordsWanted) break;
  const text = readFileSync(join(dir, name), 'utf8').trim();
  parts.push(text);
  words += text.split(/\s+/).length;
}
const text = `${parts.join('\n\n')}\n`;

const store = await openStore(':memory:');
const app = buildServer({ token: 'bench-only-token-0123456789', store, analyze: analyzeDoc });
app.get('/bench/plain', async (_request, reply) =>
  reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body><pre>${escapeHtml(text)}</pre></body></html>`,
    ),
);
const started = performance.now();
const posted = await app.inject({
  method: 'POST',
  url: '/api/documents',
  headers: { authorization: 'Bearer bench-only-token-0123456789' },
  payload: { text, published: '2005-03-01' },
});
const id = posted.json().id;
const analysisMs = performance.now() - started;
const analysis = (await app.inject(`/api/documents/${id}`)).json();
const spans =
  analysis.entities.reduce((n, e) => n + e.mentions.length, 0) +
  analysis.times.length +
  analysis.quantities.length +
  analysis.quotes.length +
  analysis.events.length +
  analysis.removed.length;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function serverMs(url) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    // Once listening, the server answers only to its own Host.
    const res = await app.inject({ url, headers: { host: new URL(base).host } });
    times.push(performance.now() - t);
    if (res.statusCode !== 200)
      throw new Error(
        `${url}: ${res.statusCode} ${res.body
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 600)}`,
      );
    bytes = res.rawPayload.length;
  }
  return { ms: median(times), bytes };
}

await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.server.address().port}`;
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'],
});

async function browserMs(url) {
  const loads = [];
  const paints = [];
  for (let i = 0; i < repeat; i++) {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { load: nav.loadEventStart, fcp: fcp ? fcp.startTime : Number.NaN };
    });
    loads.push(timing.load);
    paints.push(timing.fcp);
    await page.close();
  }
  return { load: median(loads), fcp: median(paints) };
}

const rows = [];
for (const [name, path] of [
  ['plain <pre> (baseline)', '/bench/plain'],
  ['article page, highlighted', `/documents/${id}`],
]) {
  const server = await serverMs(path);
  const client = await browserMs(`${base}${path}`);
  rows.push({ name, ...server, ...client });
}
await browser.close();
await app.close();
await store.close();

const [plain, page] = rows;
console.log(
  `text: ${words} words, ${text.length} characters from ${parts.length} BBC politics articles; ${spans} highlighted spans; analysis ${analysisMs.toFixed(0)} ms`,
);
console.log('| page | bytes | server ms | load ms | first paint ms |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.bytes} | ${r.ms.toFixed(1)} | ${r.load.toFixed(0)} | ${Number.isNaN(r.fcp) ? '—' : r.fcp.toFixed(0)} |`,
  );
}
console.log(
  `article page / baseline: server ×${(page.ms / plain.ms).toFixed(2)}, load ×${(page.load / plain.load).toFixed(2)}`,
);
