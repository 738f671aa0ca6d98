// npm run bench:link — relations over time at scale (issue 11 item 8). Generates a synthetic store of
// N events (default 1,000,000: 200,000 reports of 5 events each) through the store's own write path, so
// the link step (happenings, relation counts) runs for every one, then times the questions an analyst
// asks: `tidings dyad RUS CHN --by month` (p50/p99 over many runs), random dyads by day/week/month, and
// the top dyads of a year. The same queries on a 10,000-event store run in the same process as the
// baseline: a query that reads kept rows should not grow with the store.
//
//   npm run bench:link [-- --events 1000000] [--db FILE] [--rebuild] [--runs 500] [--markdown]
//   npm run bench:link -- --stories 1000000 [--per-day 2000] [--skip-dyads]
//
// --stories N also times story assignment per article (bench/link-stories.mjs) after 10,000 articles
// and at each tenfold up to N, in one synthetic stream.
//
// The generated store is kept (default: <tmp>/tidings-bench-link-<events>.db) and reused unless --rebuild.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import countries from 'world-countries';
import { toAnalysis } from '../dist/core/analysis.js';
import { contentHash } from '../dist/core/hash.js';
import { seededRandom as seeded } from '../dist/core/random.js';
import { dyadSeries } from '../dist/services/relations.js';
import { openSqliteRepository } from '../dist/store/sqlite/sqlite-repository.js';
import { measureStories } from './link-stories.mjs';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    runs: { type: 'string', default: '500' },
    markdown: { type: 'boolean', default: false },
    stories: { type: 'string', default: '0' },
    'per-day': { type: 'string', default: '2000' },
    'skip-dyads': { type: 'boolean', default: false },
  },
});

const EVENTS_PER_REPORT = 5;
const TYPES = [
  'CONSULT',
  'AGREE',
  'ACCUSE',
  'AID',
  'ASSAULT',
  'COERCE',
  'CONCEDE',
  'COOPERATE',
  'MOBILIZE',
  'PROTEST',
  'REJECT',
  'REQUEST',
  'RETREAT',
  'SANCTION',
  'SUPPORT',
  'THREATEN',
];
const QUAD = {
  CONSULT: 1,
  AGREE: 1,
  SUPPORT: 1,
  REQUEST: 1,
  CONCEDE: 2,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  PROTEST: 3,
  SANCTION: 4,
  COERCE: 4,
  ASSAULT: 4,
  MOBILIZE: 4,
};
const SECTORS = ['GOV', 'MIL', 'BUS', 'MED', 'OPP'];

/** Countries by a Zipf-like weight (news is about a few countries), RUS, CHN and USA first. */
function actorPicker(random) {
  const codes = countries
    .map((c) => c.cca3)
    .filter((c) => !['RUS', 'CHN', 'USA'].includes(c))
    .sort();
  const ranked = ['USA', 'RUS', 'CHN', ...codes];
  const weights = ranked.map((_, i) => 1 / (i + 1) ** 1.1);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo];
  };
}

function day(random) {
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  return new Date(start + Math.floor((random() * span) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

function report(i, random, pickActor) {
  const published = day(random);
  const events = [];
  for (let k = 0; k < EVENTS_PER_REPORT; k++) {
    const type = TYPES[Math.floor(random() * TYPES.length)];
    const a = pickActor();
    let b = pickActor();
    if (a === b) b = pickActor();
    const sector = () => (random() < 0.5 ? { sector: SECTORS[Math.floor(random() * SECTORS.length)] } : {});
    events.push({
      start: 0,
      end: 1,
      type,
      status: 'asserted',
      trigger: { start: 0, end: 1 },
      sentence: 0,
      rule: `events:${type.toLowerCase()}.bench`,
      quad: QUAD[type],
      goldstein: Math.round((random() * 20 - 10) * 10) / 10,
      actor: { start: 0, end: 1, text: a, country: a, ...sector() },
      recipient: { start: 0, end: 1, text: b, country: b, ...sector() },
      date: published,
    });
  }
  const text = `Report ${i}\nSynthetic report number ${i} of the link benchmark.\n`;
  return toAnalysis(
    {
      source: {
        uri: `bench:${i}`,
        mediaType: 'text/plain',
        published,
        url: `https://outlet${i % 50}.example/${i}`,
      },
      text,
      diagnostics: [],
      removed: [],
      title: { start: 0, end: text.indexOf('\n') },
      paragraphs: [],
      sentences: [],
      entities: [],
      events,
    },
    contentHash(text),
  );
}

async function build(path, events) {
  if (existsSync(path) && !args.rebuild) return null;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const store = openSqliteRepository(path);
  const random = seeded(11);
  const pickActor = actorPicker(random);
  const reports = Math.ceil(events / EVENTS_PER_REPORT);
  const started = performance.now();
  for (let i = 0; i < reports; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(reports, i + 500); j++)
      batch.push({ kind: 'document', analysis: report(j, random, pickActor) });
    await store.putMany(batch);
    if (i % 20_000 === 0 && i > 0) {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`  ${i * EVENTS_PER_REPORT} events in ${s.toFixed(0)} s\n`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { seconds, eventsPerSecond: Math.round((reports * EVENTS_PER_REPORT) / seconds) };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(runs, fn) {
  for (let i = 0; i < 20; i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measure(events) {
  const path =
    args.db && events === Number(args.events) ? args.db : join(tmpdir(), `tidings-bench-link-${events}.db`);
  const built = await build(path, events);
  const store = openSqliteRepository(path);
  const stats = await store.stats();
  const runs = Number(args.runs);
  const pairs = (await store.topRelations({ kind: 'dyads', level: 'country', limit: 200 })).map((r) => [
    r.actor,
    r.recipient,
  ]);
  const results = {
    events: stats.events,
    happenings: (await store.listHappenings({ limit: 1, offset: 0 })).total,
    built,
    'dyad RUS CHN --by month': await time(runs, () => dyadSeries(store, { a: 'RUS', b: 'CHN', by: 'month' })),
    'random dyads by month': await time(runs, (i) => {
      const [a, b] = pairs[i % pairs.length];
      return dyadSeries(store, { a, b, by: 'month' });
    }),
    'random dyads by week': await time(runs, (i) => {
      const [a, b] = pairs[i % pairs.length];
      return dyadSeries(store, { a, b, by: 'week' });
    }),
    'random dyads by day, one year': await time(runs, (i) => {
      const [a, b] = pairs[i % pairs.length];
      return dyadSeries(store, { a, b, by: 'day', from: '2020-01-01', to: '2020-12-31' });
    }),
    'RUS.GOV CHN by month': await time(runs, () =>
      dyadSeries(store, { a: 'RUS.GOV', b: 'CHN', by: 'month' }),
    ),
    'top 20 dyads of 2020': await time(Math.max(20, runs / 10), () =>
      store.topRelations({ kind: 'dyads', level: 'country', from: '2020-01', to: '2020-12', limit: 20 }),
    ),
  };
  await store.close();
  return results;
}

const storyArticles = Number(args.stories);
if (storyArticles > 0) {
  const checkpoints = [];
  for (let n = 10_000; n < storyArticles; n *= 10) checkpoints.push(n);
  checkpoints.push(Math.max(10_000, storyArticles - 2_000));
  const r = measureStories({ total: storyArticles, checkpoints, perDay: Number(args['per-day']) });
  console.log(`| story assignment (SQLite) | p50 ms | p99 ms | mean ms |`);
  console.log('|---|---|---|---|');
  for (const c of r.checkpoints)
    console.log(
      `| after ${c.stored.toLocaleString('en')} articles | ${c.p50.toFixed(3)} | ${c.p99.toFixed(3)} | ${c.mean.toFixed(3)} |`,
    );
  console.log(
    `\n${r.total.toLocaleString('en')} articles assigned in ${r.seconds.toFixed(0)} s: ${r.stories.toLocaleString('en')} stories found for ${r.trueStories.toLocaleString('en')} generated, ${r.indexRows.toLocaleString('en')} index rows\n`,
  );
}
if (!args['skip-dyads']) {
  const small = await measure(10_000);
  const large = await measure(Number(args.events));
  const fmt = (ms) => (ms < 1 ? ms.toFixed(2) : ms.toFixed(1));
  const rows = Object.keys(small).filter(
    (k) => typeof small[k] === 'object' && small[k] && 'p50' in small[k],
  );
  const head = `| query (SQLite) | ${small.events.toLocaleString('en')} events p50 / p99 ms | ${large.events.toLocaleString('en')} events p50 / p99 ms |`;
  console.log(head);
  console.log('|---|---|---|');
  for (const k of rows)
    console.log(
      `| ${k} | ${fmt(small[k].p50)} / ${fmt(small[k].p99)} | ${fmt(large[k].p50)} / ${fmt(large[k].p99)} |`,
    );
  console.log(
    `\nhappenings: ${small.happenings.toLocaleString('en')} / ${large.happenings.toLocaleString('en')}`,
  );
  for (const [name, r] of [
    ['small', small],
    ['large', large],
  ]) {
    if (r.built)
      console.log(
        `${name} store built in ${r.built.seconds.toFixed(0)} s (${r.built.eventsPerSecond.toLocaleString('en')} events/s through putMany and the link step)`,
      );
  }
}
