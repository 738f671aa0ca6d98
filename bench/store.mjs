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
// Then the lists the API answers (documents, search, events: first pages, a deep page by offset and by
// cursor, filters) on a generated store of --query-docs documents, p50 and p99 over --repeat runs each
// (bench/store-queries.mjs), on SQLite and, with --postgres URL, on PostgreSQL (in a schema of its own).
//
//   npm run bench:store [-- --corpus DIR] [--docs N] [--workers N] [--skip-files] [--skip-stream]
//                       [--query-docs N] [--repeat R] [--postgres URL] [--skip-queries]
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
    'query-docs': { type: 'string', default: '20000' },
    repeat: { type: 'string', default: '30' },
    postgres: { type: 'string' },
    'skip-queries': { type: 'boolean', default: false },
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
function print(rows) {
  const head = Object.keys(rows[0] ?? {});
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${head.map((h) => row[h]).join(' | ')} |`);
}
if (table.length > 0) print(table);

if (!args['skip-queries']) {
  const targets = [['sqlite', join(mkdtempSync(join(tmpdir(), 'tidings-bench-queries-')), 'store.db')]];
  if (args.postgres) {
    const url = new URL(args.postgres);
    url.searchParams.set('schema', `tidings_bench_${process.pid}`);
    targets.push(['postgres', url.toString()]);
  }
  const results = [];
  for (const [engine, db] of targets) {
    const out = execFileSync(
      process.execPath,
      [
        join(import.meta.dirname, 'store-queries.mjs'),
        args.corpus,
        db,
        args['query-docs'],
        '--repeat',
        args.repeat,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    results.push([engine, JSON.parse(out.trim().split('\n').at(-1))]);
    if (engine === 'sqlite') rmSync(resolve(db, '..'), { recursive: true, force: true });
    else {
      const { default: pg } = await import('pg');
      const { schema, connectionString } = (
        await import('../dist/store/postgres/postgres-repository.js')
      ).splitSchema(db);
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  console.log();
  print(
    (results[0]?.[1].rows ?? []).map((row, i) => ({
      query: row.name,
      ...Object.fromEntries(
        results.flatMap(([engine, r]) => [
          [`${engine} p50 ms`, r.rows[i].p50.toFixed(1)],
          [`${engine} p99 ms`, r.rows[i].p99.toFixed(1)],
        ]),
      ),
    })),
  );
  for (const [engine, r] of results) {
    console.log(
      `${engine}: ${r.documents} documents, ${r.events} events, built in ${r.buildSeconds.toFixed(0)} s`,
    );
  }
}
