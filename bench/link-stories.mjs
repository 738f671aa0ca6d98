// Story assignment at scale, for bench/link.mjs (`--stories N`): does putting an article into its story
// cost the same with 10,000 stories' worth of articles stored as with a million?
//
// A synthetic stream of N articles at a steady rate (--per-day, default 2,000 a day, as a busy news
// feed), in stories of 3–30 articles spread over 1–3 days. Each article is the features the story step
// reads (stages/06-link/stories.ts): 60 body words and 8 title words — a third from its story's own 12
// words, the rest from a shared vocabulary of 30,000 words drawn with a Zipf-like weight — and 2–4
// entities (countries and people, Zipf-like, some from the story's own cast). They are assigned with the
// store's own code (store/link-story.ts over the SQLite tables of store/sqlite/link-tables.ts), 500 to a
// transaction as ingest commits; every assignment is timed. The store holds only what story clustering
// keeps (term frequencies, stories, index, members), so a million articles fit in minutes; documents,
// events and near-duplicates are left out (they have their own figures).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom as seeded } from '../dist/core/random.js';
import { runSync } from '../dist/store/link-analysis.js';
import { assignStory } from '../dist/store/link-story.js';
import { sqliteLinkTables } from '../dist/store/sqlite/link-tables.js';
import { MIGRATIONS } from '../dist/store/sqlite/migrations.js';

/** Index 0..n-1 drawn with weight 1/(i+1)^s. */
function zipf(random, n, s = 1.05) {
  const cumulative = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += 1 / (i + 1) ** s;
    cumulative[i] = acc;
  }
  return () => {
    const r = random() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Streams `total` articles into a fresh story store and returns, for each checkpoint, the time per
 * assignment (p50, p99, mean) of the `window` articles assigned right after the store reached it.
 */
export function measureStories({ total, checkpoints, perDay = 2000, window = 2000, path }) {
  const file = path ?? join(tmpdir(), `tidings-bench-stories-${total}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const sql of MIGRATIONS) db.exec(sql);
  // The story tables reference documents, which this bench does not store.
  db.pragma('foreign_keys = OFF');
  const statements = new Map();
  const stmt = (sql) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const tables = sqliteLinkTables(stmt);
  const random = seeded(8);
  const word = zipf(random, 30_000);
  const entity = zipf(random, 20_000, 1.2);
  const countries = zipf(random, 200, 1.1);
  let storySerial = 0;
  const live = [];
  function newStory(day) {
    const id = storySerial++;
    const words = Array.from({ length: 12 }, () => `s${id}x${Math.floor(random() * 1e6)}`);
    const cast = [`country:C${countries()}`, `person:P${entity()}`, `person:P${entity()}`];
    const size = 3 + Math.floor(random() ** 2 * 28);
    const days = 1 + Math.floor(random() * 3);
    return { id, words, cast, left: size, until: addDays(day, days - 1) };
  }
  function article(i, day) {
    // Keep about perDay / 8 stories open at once; a story ends when told enough or its days run out.
    while (live.length < Math.max(4, perDay / 8)) live.push(newStory(day));
    const k = Math.floor(random() * live.length);
    const story = live[k];
    story.left--;
    if (story.left <= 0 || story.until < day) live.splice(k, 1);
    const count = (n, own) => {
      const m = new Map();
      for (let j = 0; j < n; j++) {
        const w = random() < own ? story.words[Math.floor(random() * story.words.length)] : `g${word()}`;
        m.set(w, (m.get(w) ?? 0) + 1);
      }
      return m;
    };
    const entities = new Map();
    const names = new Map();
    for (const e of story.cast) if (random() < 0.8) entities.set(e, 1 + Math.floor(random() * 3));
    const extra = 1 + Math.floor(random() * 2);
    for (let j = 0; j < extra; j++)
      entities.set(random() < 0.5 ? `country:C${countries()}` : `person:P${entity()}`, 1);
    for (const e of entities.keys()) names.set(e, e.slice(e.indexOf(':') + 1));
    return {
      features: {
        docId: `bench-${i}`,
        day,
        source: `outlet${i % 200}.example`,
        title: null,
        body: count(60, 1 / 3),
        titleWords: count(8, 1 / 2),
        entities,
        names,
        eventTypes: [],
      },
      story: story.id,
    };
  }

  const marks = [...checkpoints].sort((a, b) => a - b);
  const results = [];
  let mark = 0;
  let sample = null;
  const started = performance.now();
  let i = 0;
  let day = '2023-01-01';
  while (i < total) {
    const batch = Math.min(500, total - i);
    db.transaction(() => {
      for (let j = 0; j < batch; j++, i++) {
        if (i > 0 && i % perDay === 0) day = addDays(day, 1);
        const { features } = article(i, day);
        const t = performance.now();
        runSync(assignStory(tables, features, null));
        const ms = performance.now() - t;
        if (sample) {
          sample.times.push(ms);
          if (sample.times.length >= window) {
            const sorted = [...sample.times].sort((a, b) => a - b);
            const row = {
              stored: sample.at,
              p50: percentile(sorted, 50),
              p99: percentile(sorted, 99),
              mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
            };
            results.push(row);
            // As it comes, so a run stopped before the end still says what it measured.
            process.stderr.write(
              `  after ${row.stored.toLocaleString('en')} articles: p50 ${row.p50.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms, mean ${row.mean.toFixed(3)} ms\n`,
            );
            sample = null;
          }
        }
        if (!sample && mark < marks.length && i + 1 === marks[mark]) {
          sample = { at: marks[mark], times: [] };
          mark++;
        }
      }
    }).immediate();
    if (i % 100_000 < 500 && i >= 100_000)
      process.stderr.write(
        `  ${i.toLocaleString('en')} articles in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
  const seconds = (performance.now() - started) / 1000;
  const stories = db.prepare('SELECT count(*) FROM stories').pluck().get();
  const indexRows = db.prepare('SELECT count(*) FROM story_index').pluck().get();
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return { total, seconds, stories, trueStories: storySerial, indexRows, checkpoints: results };
}
