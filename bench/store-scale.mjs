// npm run bench:scale — the API's lists, search and event filters, and the dyad series, on a store of
// 1,000,000 documents (issue 10 item 9, issue 11 item 8), on SQLite and on PostgreSQL.
//
//   npm run bench:scale [-- --docs 1000000] [--db FILE] [--repeat 200] [--markdown]
//   npm run bench:scale -- --postgres postgres://127.0.0.1:5432/test?schema=bench_scale [--drop]
//   npm run bench:scale -- --fill-only        (then, stopped at any point: --as-filled measures what is there)
//   npm run bench:scale -- --docs 50000 --actor-only   (the actor filters, each also timed as before migration 13)
//
// The store is filled once and reused (default file: <tmp>/tidings-bench-scale-<docs>.db; a schema on
// PostgreSQL, dropped by --drop after the run); a fill that was stopped resumes where it stopped. Filling does not run the NLP a million times (that
// would take days on this machine): every fifth BBC article (445) is analysed once, then document k is
// article k mod 445 with its paragraphs rotated by k and a numbered last line (so a new id and text),
// its headline numbered, published on a day of 2015–2024 (days in storage order, about 274 a day), with
// the events of its article: type, rule, spans and sectors as analysed, the countries of each side
// redrawn by a Zipf-like weight (USA, RUS, CHN first, then every ISO3 code) so that some pairs are
// busy, as in a world news stream. The rows are written with the engine's bulk path, the same columns
// the repository writes (SQLite: prepared statements in transactions of 2,000 documents; PostgreSQL:
// multi-row unnest inserts, the search index built after the fill), plus the relation counts the link
// step keeps for those events (each event its own happening: no merging across articles, which is what
// makes the link step slow), so `dyad` reads what it reads on a real store. Not filled: entities,
// diagnostics, happenings, stories, near-duplicate fingerprints; the analysis column holds a stub.
//
// Then every query family runs `--repeat` times, each run with the next parameter of a seeded list
// (random depths, words, actors, types, years, pairs), after a warm-up run of each: p50 and p99 in ms.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import countries from 'world-countries';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    postgres: { type: 'string' },
    corpus: { type: 'string', default: '../shared/data/corpora/bbc-news-2225' },
    repeat: { type: 'string', default: '200' },
    'fill-only': { type: 'boolean', default: false },
    'as-filled': { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    'actor-only': { type: 'boolean', default: false },
  },
});

const { openStore } = await import('../dist/store/index.js');
const { decodeBytes } = await import('../dist/stages/01-ingest/index.js');
const { analyzeDoc } = await import('../dist/pipeline.js');
const { toAnalysis } = await import('../dist/core/analysis.js');
const { contentHash } = await import('../dist/core/hash.js');
const { seededRandom } = await import('../dist/core/random.js');
const { keptText, snippetOf, documentTone } = await import('../dist/store/document-row.js');
const { firstDayOf } = await import('../dist/store/dates.js');
const { encodeCursor } = await import('../dist/store/cursors.js');
const { EVENT_COLUMNS } = await import('../dist/store/read-rows.js');
const { freeSearchKey, searchBucket } = await import('../dist/store/sqlite/search-order.js');
const { countCap, escapeLike } = await import('../dist/store/document-row.js');
const { mentionsOf } = await import('../dist/stages/06-link/happenings.js');
const { relationDeltas } = await import('../dist/stages/06-link/relations.js');
const { dyadSeries } = await import('../dist/services/relations.js');

let DOCS = Number(args.docs);
const REPEAT = Number(args.repeat);
const BATCH = 2000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = Math.round((Date.UTC(2024, 11, 31) - FIRST_DAY) / 86_400_000) + 1;
const isPostgres = args.postgres !== undefined;
const url = isPostgres ? args.postgres : (args.db ?? join(tmpdir(), `tidings-bench-scale-${DOCS}.db`));
const log = (message) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

if (!existsSync(args.corpus)) {
  console.log(`bench:scale: no corpus at ${args.corpus} (../shared/data); nothing to measure`);
  process.exit(0);
}

// --- the articles every document is made from ---------------------------------------------------
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

function analyseBase() {
  const started = performance.now();
  const base = listFiles(args.corpus)
    .filter((_, i) => i % 5 === 0)
    .map((path) => {
      const doc = analyzeDoc(
        decodeBytes(readFileSync(path), { uri: path, mediaType: 'text/plain', published: '2015-01-01' }),
      );
      return toAnalysis(doc, contentHash(doc.text));
    });
  log(`analysed ${base.length} BBC articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return base;
}

/** Countries by a Zipf-like weight (news is about a few countries), USA, RUS and CHN first. */
const RANKED = [
  'USA',
  'RUS',
  'CHN',
  ...countries
    .map((c) => c.cca3)
    .filter((c) => !['RUS', 'CHN', 'USA'].includes(c))
    .sort(),
];
function countryPicker(random) {
  const weights = RANKED.map((_, i) => 1 / (i + 1) ** 1.1);
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
    return RANKED[lo];
  };
}

const dayOf = (k) =>
  new Date(FIRST_DAY + Math.floor((k * DAYS) / DOCS) * 86_400_000).toISOString().slice(0, 10);
const createdOf = (k) => new Date(Date.UTC(2025, 0, 1) + k * 1000).toISOString();

/** Document k: an analysis as the repository would receive it. */
function makeDocument(base, k, pickCountry) {
  const a = base[k % base.length];
  const paragraphs = a.text.split(/\n+/);
  const [head, ...rest] = paragraphs;
  const turn = rest.length > 1 ? k % rest.length : 0;
  const text = [head, ...rest.slice(turn), ...rest.slice(0, turn), `(${k})`].join('\n');
  const published = dayOf(k);
  const redraw = (p) => {
    if (!p?.country) return p;
    const country = pickCountry();
    return { ...p, country, ...(p.entity?.startsWith('country:') ? { entity: `country:${country}` } : {}) };
  };
  const events = a.events.map((e) => ({
    ...e,
    date: undefined,
    actor: redraw(e.actor),
    recipient: redraw(e.recipient),
  }));
  return {
    ...a,
    id: contentHash(text),
    text,
    title: a.title ? `${a.title} (${k})` : null,
    // The body as search indexes it: the text less the headline line (offsets of the base no longer fit).
    titleSpan: null,
    removed: [],
    published,
    source: { ...a.source, uri: `bench:scale/${k}`, published },
    events,
  };
}

/** The relation counts of every event, each its own happening; periods flushed as the days move on. */
class RelationCounter {
  #open = { d: new Map(), w: new Map(), m: new Map() };
  #current = { d: '', w: '', m: '' };

  add(analysis) {
    const out = [];
    for (const m of mentionsOf(analysis)) {
      for (const d of relationDeltas(m, true)) {
        const kind = d.period[0];
        if (this.#current[kind] !== d.period) {
          if (this.#current[kind] !== '') out.push(...this.#open[kind].values());
          this.#open[kind] = new Map();
          this.#current[kind] = d.period;
        }
        const key = `${d.actor}\u0000${d.recipient}\u0000${d.type}\u0000${d.quad}`;
        const kept = this.#open[kind].get(key);
        if (kept) {
          kept.events += d.events;
          kept.mentions += d.mentions;
          kept.goldsteinSum += d.goldsteinSum;
          kept.goldsteinN += d.goldsteinN;
        } else this.#open[kind].set(key, { ...d });
      }
    }
    return out;
  }

  finish() {
    return Object.values(this.#open).flatMap((m) => [...m.values()]);
  }
}

function documentColumns(analysis, k) {
  const { text, ...rest } = analysis;
  const body = keptText(analysis);
  return {
    id: analysis.id,
    uri: analysis.source.uri,
    title: analysis.title,
    published: analysis.published,
    fetched: null,
    mediaType: analysis.source.mediaType ?? null,
    status: 'ok',
    text,
    analysis: JSON.stringify({
      format: rest.format,
      id: rest.id,
      bench: 'store-scale',
      base: rest.source.uri,
    }),
    snippet: snippetOf(body),
    reason: null,
    sentences: analysis.sentences.length,
    entities: analysis.entities.length,
    events: analysis.events.length,
    diagnostics: analysis.diagnostics.length,
    tone: documentTone(analysis),
    createdAt: createdOf(k),
    body,
  };
}

function eventColumns(analysis) {
  const publishedDay = firstDayOf(analysis.published);
  const side = (p) =>
    p ? [p.text, p.entity ?? null, p.country ?? null, p.sector ?? null] : [null, null, null, null];
  return analysis.events.map((e, idx) => [
    analysis.id,
    idx,
    e.type,
    e.mode ?? null,
    e.status,
    e.cameo ?? null,
    e.quad ?? null,
    e.goldstein ?? null,
    ...side(e.actor),
    ...side(e.recipient),
    e.date ?? null,
    firstDayOf(e.date) ?? publishedDay,
    e.start,
    e.end,
    e.rule,
    e.sentence,
  ]);
}

// The counts the repository keeps as it writes (migration 10), made once after a fill.
const RECOUNT = [
  'DELETE FROM kept_counts',
  "INSERT INTO kept_counts (name, n) SELECT 'documents:' || status, count(*) FROM documents GROUP BY status",
  "INSERT INTO kept_counts (name, n) SELECT 'events', count(*) FROM events HAVING count(*) > 0",
  "INSERT INTO kept_counts (name, n) SELECT 'events:' || type, count(*) FROM events GROUP BY type",
];

// --- filling, per engine ---------------------------------------------------------------------------
async function sqliteWriter(path) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, uri, title, published, fetched, media_type, status, text, analysis,
       snippet, reason, sentence_count, entity_count, event_count, diagnostic_count, tone, created_at, search_key)
     VALUES (@id, @uri, @title, @published, @fetched, @mediaType, @status, @text, @analysis,
       @snippet, @reason, @sentences, @entities, @events, @diagnostics, @tone, @createdAt, @searchKey)`,
  );
  const prepared = new Map();
  const prepare = (sql) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql);
  const insertFts = db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
  const insertEvent = db.prepare(
    `INSERT INTO events (doc_id, idx, type, mode, status, cameo, quad, goldstein,
       actor_text, actor_entity, actor_country, actor_sector, recipient_text, recipient_entity, recipient_country,
       recipient_sector, date, day, "start", "end", rule, sentence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRelation = db.prepare(
    `INSERT INTO relation_counts (actor, recipient, period, type, quad, actor_kind, recipient_kind,
       events, mentions, goldstein_sum, goldstein_n)
     VALUES (@actor, @recipient, @period, @type, @quad, @actorKind, @recipientKind, @events, @mentions, @goldsteinSum, @goldsteinN)
     ON CONFLICT (actor, recipient, period, type, quad) DO UPDATE SET events = events + excluded.events,
       mentions = mentions + excluded.mentions, goldstein_sum = goldstein_sum + excluded.goldstein_sum,
       goldstein_n = goldstein_n + excluded.goldstein_n`,
  );
  const write = db.transaction((docs, relations) => {
    for (const { columns, events } of docs) {
      const { body, ...row } = columns;
      // The search key the repository gives a document (sqlite/search-order.ts), keying its full-text row.
      const searchKey = freeSearchKey(prepare, searchBucket(row.published ?? null, row.createdAt));
      insertDoc.run({ ...row, searchKey });
      insertFts.run(searchKey, row.title ?? '', body);
      for (const e of events) insertEvent.run(...e);
    }
    for (const r of relations) insertRelation.run(r);
  });
  return {
    count: () => db.prepare('SELECT count(*) FROM documents').pluck().get(),
    kept: () =>
      db.prepare("SELECT coalesce(sum(n), 0) FROM kept_counts WHERE name LIKE 'documents:%'").pluck().get(),
    write: async (docs, relations) => write(docs, relations),
    finish: async (filled) => {
      if (filled) for (const sql of RECOUNT) db.exec(sql);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('ANALYZE');
      db.close();
    },
  };
}

async function postgresWriter(storeUrl) {
  const { default: pg } = await import('pg');
  const { splitSchema, searchVector } = await import('../dist/store/postgres/postgres-repository.js');
  const { connectionString, schema } = splitSchema(storeUrl);
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema ?? 'public'}` });
  await client.connect();
  const count = Number((await client.query('SELECT count(*) AS n FROM documents')).rows[0].n);
  // The search index is built once after the fill: maintaining a GIN index row by row costs far more.
  if (count === 0) await client.query('DROP INDEX IF EXISTS documents_search');
  // Likewise the actor filter's trigram indexes (migration 13), rebuilt in finish.
  if (count === 0) await client.query('DROP INDEX IF EXISTS events_actor_trgm, events_recipient_trgm');
  return {
    count: async () => count,
    kept: async () =>
      Number(
        (await client.query("SELECT coalesce(sum(n), 0) AS n FROM kept_counts WHERE name LIKE 'documents:%'"))
          .rows[0].n,
      ),
    write: async (docs, relations) => {
      const d = Array.from({ length: 18 }, () => []);
      const e = Array.from({ length: 22 }, () => []);
      for (const { columns, events } of docs) {
        const { body, ...c } = columns;
        [
          c.id,
          c.uri,
          c.title,
          c.published,
          c.fetched,
          c.mediaType,
          c.status,
          c.text,
          c.analysis,
          c.snippet,
          c.reason,
          c.sentences,
          c.entities,
          c.events,
          c.diagnostics,
          searchVector(c.title ?? '', body),
          c.tone,
          c.createdAt,
        ].forEach((v, i) => {
          d[i].push(v);
        });
        for (const row of events) {
          row.forEach((v, i) => {
            e[i].push(v);
          });
        }
      }
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO documents (id, uri, title, published, fetched, media_type, status, text, analysis, snippet, reason,
           sentence_count, entity_count, event_count, diagnostic_count, search, tone, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::int[], $15::int[],
           $16::tsvector[], $17::float8[], $18::text[])`,
        d,
      );
      if (e[0].length > 0) {
        await client.query(
          `INSERT INTO events (doc_id, idx, type, mode, status, cameo, quad, goldstein,
             actor_text, actor_entity, actor_country, actor_sector, recipient_text, recipient_entity, recipient_country,
             recipient_sector, date, day, "start", "end", rule, sentence)
           SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
             $8::float8[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
             $16::text[], $17::text[], $18::text[], $19::int[], $20::int[], $21::text[], $22::int[])`,
          e,
        );
      }
      if (relations.length > 0) {
        const r = Array.from({ length: 11 }, () => []);
        for (const x of relations) {
          [
            x.actor,
            x.recipient,
            x.period,
            x.type,
            x.quad,
            x.actorKind,
            x.recipientKind,
            x.events,
            x.mentions,
            x.goldsteinSum,
            x.goldsteinN,
          ].forEach((v, i) => {
            r[i].push(v);
          });
        }
        await client.query(
          `INSERT INTO relation_counts (actor, recipient, period, type, quad, actor_kind, recipient_kind,
             events, mentions, goldstein_sum, goldstein_n)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[],
             $8::int[], $9::int[], $10::float8[], $11::int[])
           ON CONFLICT (actor, recipient, period, type, quad) DO UPDATE SET events = relation_counts.events + excluded.events,
             mentions = relation_counts.mentions + excluded.mentions,
             goldstein_sum = relation_counts.goldstein_sum + excluded.goldstein_sum,
             goldstein_n = relation_counts.goldstein_n + excluded.goldstein_n`,
          r,
        );
      }
      await client.query('COMMIT');
    },
    finish: async (filled) => {
      if (filled) for (const sql of RECOUNT) await client.query(sql);
      log('building the search index (GIN)');
      await client.query("SET maintenance_work_mem = '256MB'");
      await client.query('CREATE INDEX IF NOT EXISTS documents_search ON documents USING GIN (search)');
      const trgm = (
        await client.query(
          `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
        )
      ).rows[0]?.nspname;
      if (trgm) {
        log('building the actor trigram indexes (GIN)');
        for (const side of ['actor', 'recipient']) {
          await client.query(
            `CREATE INDEX IF NOT EXISTS events_${side}_trgm ON events USING gin (${side}_text "${trgm}".gin_trgm_ops)`,
          );
        }
      }
      await client.query('VACUUM ANALYZE');
      await client.end();
    },
  };
}

async function fill() {
  // Migrations (and later, whatever a newer build adds) come from the store itself.
  await (await openStore(url)).close();
  const writer = isPostgres ? await postgresWriter(url) : await sqliteWriter(url);
  const stored = await writer.count();
  if (args['as-filled']) DOCS = stored;
  if (stored >= DOCS) {
    await writer.finish((await writer.kept()) !== stored);
    return { filled: false, seconds: 0 };
  }
  // A fill that was stopped goes on where it stopped (each batch is one transaction).
  if (stored > 0) log(`resuming after ${stored} documents`);
  const base = analyseBase();
  const random = seededRandom(20261203);
  const pickCountry = countryPicker(random);
  const counter = new RelationCounter();
  const started = performance.now();
  for (let k = stored; k < DOCS; k += BATCH) {
    const docs = [];
    const relations = [];
    for (let i = k; i < Math.min(DOCS, k + BATCH); i++) {
      const analysis = makeDocument(base, i, pickCountry);
      docs.push({ columns: documentColumns(analysis, i), events: eventColumns(analysis) });
      relations.push(...counter.add(analysis));
    }
    if (k + BATCH >= DOCS) relations.push(...counter.finish());
    await writer.write(docs, relations);
    if ((k / BATCH) % 25 === 0) {
      const rate = (k + docs.length - stored) / ((performance.now() - started) / 1000);
      log(`filled ${k + docs.length} documents (${Math.round(rate)}/s)`);
    }
  }
  await writer.finish(true);
  return { filled: true, seconds: (performance.now() - started) / 1000 };
}

// --- timing ------------------------------------------------------------------------------------------
async function time(name, params, run) {
  await run(params[0]);
  const times = [];
  for (let r = 0; r < REPEAT; r++) {
    const p = params[r % params.length];
    const t0 = performance.now();
    await run(p);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  const row = { name, p50: at(0.5), p99: at(0.99), max: times.at(-1) };
  log(`${name}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`);
  return row;
}

/** Sort keys of documents and events at seeded random depths, read straight from the engine. */
async function keysAt(positions) {
  if (isPostgres) {
    const { default: pg } = await import('pg');
    const { splitSchema } = await import('../dist/store/postgres/postgres-repository.js');
    const { connectionString, schema } = splitSchema(url);
    const client = new pg.Client({ connectionString, options: `-c search_path=${schema ?? 'public'}` });
    await client.connect();
    const out = [];
    for (const k of positions) {
      const d = (
        await client.query('SELECT published, created_at, id FROM documents WHERE created_at = $1', [
          createdOf(k),
        ])
      ).rows[0];
      const e = (
        await client.query('SELECT day, doc_id, idx FROM events WHERE doc_id = $1 ORDER BY idx LIMIT 1', [
          d.id,
        ])
      ).rows[0];
      out.push({ doc: [d.published, d.created_at, d.id], event: e ? [e.day, e.doc_id, e.idx] : null });
    }
    await client.end();
    return out;
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(url, { readonly: true });
  const doc = db.prepare('SELECT published, created_at, id FROM documents WHERE created_at = ?');
  const event = db.prepare('SELECT day, doc_id, idx FROM events WHERE doc_id = ? ORDER BY idx LIMIT 1');
  const out = positions.map((k) => {
    const d = doc.get(createdOf(k));
    const e = event.get(d.id);
    return { doc: [d.published, d.created_at, d.id], event: e ? [e.day, e.doc_id, e.idx] : null };
  });
  db.close();
  return out;
}

/**
 * The actor filter as it ran before migration 13, for a ratio measured in the same run: the statements
 * of that version (page and capped count) on a connection of its own, inside a transaction that drops
 * migration 13's indexes (and migration 14's entity ones; its country ones stand in for migration 1's) and
 * is rolled back after.
 */
async function actorFilterBefore() {
  const cap = countCap({ offset: 0, limit: 50 });
  if (isPostgres) {
    const { default: pg } = await import('pg');
    const { splitSchema } = await import('../dist/store/postgres/postgres-repository.js');
    const { connectionString, schema } = splitSchema(url);
    const client = new pg.Client({ connectionString, options: `-c search_path=${schema ?? 'public'}` });
    await client.connect();
    await client.query('BEGIN');
    await client.query(
      'DROP INDEX IF EXISTS events_actor_trgm, events_recipient_trgm, events_by_actor_entity, events_by_recipient_entity, events_by_actor_entity_newest, events_by_recipient_entity_newest',
    );
    const where = `(e.actor_country = upper($1::text COLLATE "C") OR lower(e.actor_entity) = lower($1::text COLLATE "C")
      OR e.actor_text ILIKE ($2::text COLLATE "C") ESCAPE '\\')`;
    return {
      run: async (actor) => {
        const values = [actor, `%${escapeLike(actor)}%`];
        await client.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM events e WHERE ${where} LIMIT ${cap}) c`,
          values,
        );
        return (
          await client.query(
            `SELECT ${EVENT_COLUMNS}, e.day AS sort_day FROM events e JOIN documents d ON d.id = e.doc_id WHERE ${where}
             ORDER BY e.day DESC NULLS LAST, e.doc_id, e.idx LIMIT 51 OFFSET 0`,
            values,
          )
        ).rows;
      },
      close: async () => {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(url);
  db.exec(`BEGIN; DROP TRIGGER IF EXISTS events_parties_insert; DROP TRIGGER IF EXISTS events_parties_delete;
    DROP TABLE IF EXISTS events_parties; DROP INDEX IF EXISTS events_by_actor_entity;
    DROP INDEX IF EXISTS events_by_recipient_entity; DROP INDEX IF EXISTS events_by_actor_entity_newest;
    DROP INDEX IF EXISTS events_by_recipient_entity_newest;`);
  const where = `(e.actor_country = upper(@actor) OR e.actor_entity = @actor COLLATE NOCASE
    OR e.actor_text LIKE @like ESCAPE '\\')`;
  const count = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM events e WHERE ${where} LIMIT ${cap})`);
  const page = db.prepare(
    `SELECT ${EVENT_COLUMNS}, e.day AS sort_day FROM events e JOIN documents d ON d.id = e.doc_id WHERE ${where}
     ORDER BY e.day DESC, e.doc_id, e.idx LIMIT 51 OFFSET 0`,
  );
  return {
    run: async (actor) => {
      const params = { actor, like: `%${escapeLike(actor)}%` };
      count.get(params);
      return page.all(params);
    },
    close: async () => {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** The actor families, each timed as before migration 13 and through the store; the pages must agree. */
async function measureActors() {
  const busy = RANKED.slice(0, 10);
  const rare = RANKED.slice(100, 140);
  const words = ['Russian', 'officials', 'minister', 'police', 'President', 'govern'];
  const families = [
    ['events by a busy actor (top 10 countries)', busy],
    ['events by a rare actor (countries ranked 100–140)', rare],
    ['events by a word of the actor text', words],
  ];
  const store = await openStore(url);
  const stats = await store.stats();
  const rows = [];
  try {
    for (const [name, params] of families) {
      // Before, then after: on PostgreSQL the dropped indexes lock the table until the rollback.
      const before = await actorFilterBefore();
      const old = [];
      let a;
      try {
        for (const actor of params)
          old.push(
            (await before.run(actor))
              .slice(0, 50)
              .map((r) => `${r.doc_id}:${r.idx}`)
              .join(),
          );
        a = await time(`${name}, before (LIKE scan)`, params, (actor) => before.run(actor));
      } finally {
        await before.close();
      }
      for (const [i, actor] of params.entries()) {
        const now = (await store.queryEvents({ limit: 50, offset: 0, actor })).items.map(
          (e) => `${e.docId}:${e.idx}`,
        );
        if (old[i] !== now.join()) throw new Error(`${name}: ${actor}: the pages differ`);
      }
      const b = await time(`${name}, indexed`, params, (actor) =>
        store.queryEvents({ limit: 50, offset: 0, actor }),
      );
      rows.push(a, b, {
        name: `${name}: before / indexed`,
        p50: a.p50 / b.p50,
        p99: a.p99 / b.p99,
        ratio: true,
      });
    }
  } finally {
    await store.close();
  }
  return { stats, rows };
}

async function measure() {
  const random = seededRandom(7);
  const pick = (list, n) => Array.from({ length: n }, () => list[Math.floor(random() * list.length)]);
  const keys = await keysAt(Array.from({ length: 50 }, () => Math.floor(random() * DOCS)));
  const docCursors = keys.map((k) => encodeCursor('d', k.doc));
  const eventCursors = keys.filter((k) => k.event).map((k) => encodeCursor('e', k.event));
  const store = await openStore(url);
  const stats = await store.stats();
  const years = Array.from({ length: 10 }, (_, i) => String(2015 + i));
  const months = years.flatMap((y) => ['01', '04', '07', '10'].map((m) => `${y}-${m}`));
  const types = Object.keys(stats.eventsByType);
  const busy = RANKED.slice(0, 10);
  const rare = RANKED.slice(100, 140);
  const rows = [
    await time('documents, first page', [null], () => store.listDocuments({ limit: 50, offset: 0 })),
    await time('documents, a page by cursor (random depth)', docCursors, (cursor) =>
      store.listDocuments({ limit: 50, offset: 0, cursor }),
    ),
    await time('documents, page 2 by offset', [null], () => store.listDocuments({ limit: 50, offset: 50 })),
    await time(
      'search, one common word',
      ['government', 'said', 'people', 'year', 'new', 'minister', 'market', 'music'],
      (q) => store.listDocuments({ limit: 50, offset: 0, q }),
    ),
    await time(
      'search, two words',
      ['blair election', 'oil prices', 'film award', 'mobile phone', 'chelsea manager', 'interest rates'],
      (q) => store.listDocuments({ limit: 50, offset: 0, q }),
    ),
    await time(
      'search, a rare word',
      ['yukos', 'ipod', 'tsunami', 'kilroy', 'parmalat', 'fiat', 'gazprom', 'hingis'],
      (q) => store.listDocuments({ limit: 50, offset: 0, q }),
    ),
    await time('events, first page', [null], () => store.queryEvents({ limit: 50, offset: 0 })),
    await time('events, a page by cursor (random depth)', eventCursors, (cursor) =>
      store.queryEvents({ limit: 50, offset: 0, cursor }),
    ),
    await time('events by type', types, (type) => store.queryEvents({ limit: 50, offset: 0, type })),
    await time('events by a busy actor (top 10 countries)', busy, (actor) =>
      store.queryEvents({ limit: 50, offset: 0, actor }),
    ),
    await time('events by a rare actor (countries ranked 100–140)', rare, (actor) =>
      store.queryEvents({ limit: 50, offset: 0, actor }),
    ),
    await time('events in a year', years, (y) => store.queryEvents({ limit: 50, offset: 0, from: y, to: y })),
    await time(
      'events by busy actor and month',
      pick(busy, 20).map((a, i) => [a, months[i % months.length]]),
      ([actor, m]) => store.queryEvents({ limit: 50, offset: 0, actor, from: m, to: m }),
    ),
    await time(
      'events by type and year',
      pick(types, 20).map((t, i) => [t, years[i % years.length]]),
      ([type, y]) => store.queryEvents({ limit: 50, offset: 0, type, from: y, to: y }),
    ),
    await time('dyad RUS CHN --by month', [null], () =>
      dyadSeries(store, { a: 'RUS', b: 'CHN', by: 'month' }),
    ),
    await time(
      'dyad, busy pairs by month',
      pick(busy, 40).map((a, i) => [a, busy[(busy.indexOf(a) + 1 + (i % 9)) % busy.length]]),
      ([a, b]) => dyadSeries(store, { a, b, by: 'month' }),
    ),
    await time(
      'dyad, busy pairs by week',
      pick(busy, 40).map((a, i) => [a, busy[(busy.indexOf(a) + 1 + (i % 9)) % busy.length]]),
      ([a, b]) => dyadSeries(store, { a, b, by: 'week' }),
    ),
  ];
  await store.close();
  return { stats, rows };
}

if (args.rebuild && !isPostgres && existsSync(url))
  for (const f of [url, `${url}-wal`, `${url}-shm`]) rmSync(f, { force: true });
const built = await fill();
if (built.filled) log(`filled ${DOCS} documents in ${built.seconds.toFixed(0)} s`);
if (args['fill-only']) process.exit(0);
const { stats, rows } = args['actor-only'] ? await measureActors() : await measure();
if (isPostgres && args.drop) {
  const { default: pg } = await import('pg');
  const { splitSchema } = await import('../dist/store/postgres/postgres-repository.js');
  const { connectionString, schema } = splitSchema(url);
  if (schema && schema !== 'public') {
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}
const engine = isPostgres ? 'PostgreSQL' : 'SQLite';
if (args.markdown) {
  console.log(
    `${engine}: ${stats.documents.toLocaleString('en')} documents, ${stats.events.toLocaleString('en')} events\n`,
  );
  console.log(`| query (${engine}) | p50 ms | p99 ms |\n|---|---:|---:|`);
  for (const r of rows) {
    const unit = r.ratio ? '×' : '';
    console.log(`| ${r.name} | ${r.p50.toFixed(1)}${unit} | ${r.p99.toFixed(1)}${unit} |`);
  }
} else {
  console.log(
    JSON.stringify({ engine, documents: stats.documents, events: stats.events, fill: built, rows }),
  );
}
