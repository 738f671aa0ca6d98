// npm run bench:store — the store's side of Tidings, each figure beside a baseline from the same run.
//
// Ingest, end to end, with the analysis on the main thread (`--workers 0`, the baseline) and in worker
// threads with one writer (the default): over the corpus's files as `tidings ingest CORPUS` reads them,
// and over a long stream of distinct generated articles (the BBC texts with numbered headlines and
// rotated paragraphs) with the resident memory sampled as it goes. Each job runs in a fresh process
// (bench/store-job.mjs), so each pays its own start, as a user's command does.
//
// Wall-clock rates on a shared machine swing with its load: each row also gives the CPU seconds of
// the whole process (all threads) and the load average when it started. Read the ratios.
//
//   npm run bench:store [-- --corpus DIR] [--docs N] [--workers N] [--skip-files] [--skip-stream]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/corpora/bbc-news-2225'),
    },
    docs: { type: 'string', default: '10000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'skip-files': { type: 'boolean', default: false },
    'skip-stream': { type: 'boolean', default: false },
  },
});

try {
  statSync(args.corpus);
} catch {
  console.log(
    `bench:store: corpus not found at ${args.corpus}; skipping (it lives in ../shared/data/corpora).`,
  );
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'tidings-bench-store-'));
const job = (kind, workers, docs) => {
  const load = loadavg()[0].toFixed(1);
  const db = join(work, `${kind}-${workers}.db`);
  const out = execFileSync(
    process.execPath,
    [join(import.meta.dirname, 'store-job.mjs'), kind, args.corpus, db, String(workers), String(docs ?? '')],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  return { ...JSON.parse(out.trim().split('\n').at(-1)), load };
};

const threads = Number(args.workers);
const table = [];
try {
  for (const kind of ['files', 'stream']) {
    if (args[`skip-${kind}`]) continue;
    const docs = kind === 'stream' ? Number(args.docs) : undefined;
    const base = job(kind, 0, docs);
    const fast = job(kind, threads, docs);
    for (const [label, r] of [
      ['analysis on the main thread', base],
      [`${threads} analysis threads, one writer`, fast],
    ]) {
      table.push({
        input: kind === 'files' ? 'BBC files' : `${r.processed.toLocaleString('en')} generated`,
        run: label,
        docs: r.processed,
        'docs/s': Math.round(r.processed / r.wall),
        'CPU ms/doc': ((r.cpu * 1000) / r.processed).toFixed(2),
        'peak RSS MB': r.peakRssMb,
        'RSS at 10% / 50% / end': [0.1, 0.5, 1]
          .map((f) => r.samples.find(([n]) => n >= f * r.processed)?.[1] ?? '–')
          .join(' / '),
        load: r.load,
        '× baseline': (base.wall / r.wall).toFixed(2),
      });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const head = Object.keys(table[0] ?? {});
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const row of table) console.log(`| ${head.map((h) => row[h]).join(' | ')} |`);
