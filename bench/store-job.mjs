// One measured job of bench/store.mjs, in a process of its own (so each starts cold, as a user's
// command does): ingest a corpus's files, or a stream of generated distinct articles. Prints one JSON
// line: documents, wall and CPU seconds (every thread of the process), resident memory sampled as it goes.
//
//   node bench/store-job.mjs files|stream CORPUS DB WORKERS [DOCS]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [kind, corpus, db, workersArg, docsArg] = process.argv.slice(2);
const workers = Number(workersArg);
const { openStore } = await import('../dist/store/index.js');
const { ingestParallel } = await import('../dist/services/ingest-parallel.js');
const { readInputs, decodeBytes } = await import('../dist/stages/01-ingest/index.js');

function listFiles(dir, depth = 0) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, depth + 1));
    else if (depth > 0 && entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}

/**
 * Distinct articles from the corpus's: copy k of an article numbers its headline and rotates its body's
 * paragraphs by k, so every copy has its own text (its own content hash) and reads like an article.
 */
function* generated(count) {
  const texts = listFiles(corpus).map((path) => decodeBytes(readFileSync(path), { uri: path }).text);
  for (let i = 0; i < count; i++) {
    const text = texts[i % texts.length];
    const copy = Math.floor(i / texts.length);
    const [headline, ...body] = text.split(/\n\s*\n/);
    const shift = body.length > 0 ? copy % body.length : 0;
    const rotated = [...body.slice(shift), ...body.slice(0, shift)];
    const out = [copy === 0 ? headline : `${headline} (${copy + 1})`, ...rotated].join('\n\n');
    yield {
      doc: {
        source: { uri: `bench:${i}`, mediaType: 'text/plain', published: '2005-01-01' },
        text: out,
        diagnostics: [],
      },
    };
  }
}

const samples = [];
let peakRss = 0;
const sample = (done) => {
  const rss = process.memoryUsage.rss() / 2 ** 20;
  peakRss = Math.max(peakRss, rss);
  samples.push([done, Math.round(rss)]);
};
const ticker = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss() / 2 ** 20);
}, 250);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const store = await openStore(db);
const inputs =
  kind === 'files' ? readInputs([corpus], { published: '2005-01-01' }) : generated(Number(docsArg));
let nextSample = 0;
const summary = await ingestParallel({
  store,
  inputs,
  workers,
  onProgress: (done) => {
    if (done >= nextSample) {
      sample(done);
      nextSample = done + Math.max(1000, Math.floor(Number(docsArg ?? 0) / 20));
    }
  },
});
await store.close();
sample(summary.processed);
clearInterval(ticker);
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    processed: summary.processed,
    inserted: summary.inserted,
    wall: (performance.now() - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
    peakRssMb: Math.round(peakRss),
    samples,
  }),
);
