import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import type { Analysis } from '../../core/analysis.js';
import { afterKey, decodeDocumentCursor, decodeEventCursor, encodeCursor, undatedAfter } from '../cursors.js';
import { firstDayOf, lastDayOf } from '../dates.js';
import {
  countCap,
  documentCountNames,
  documentTone,
  escapeLike,
  exhaustedReason,
  keptCountDeltas,
  keptText,
  participantColumns,
  queueKey,
  recodedEventDeltas,
  rejectedAnalysis,
  rejectionReason,
  snippetOf,
} from '../document-row.js';
import {
  type EntityChange,
  EntityChangeError,
  type EntityChangeResult,
  type EntityOverride,
  type EntityResolver,
  entityResolver,
  OVERRIDE_COLUMNS,
  planOverride,
  toEntityOverride,
  touchedIds,
  withOverrides,
} from '../entity-overrides.js';
import {
  HAPPENING_ROW_COLUMNS,
  partyConditions,
  relationBounds,
  sourcesOf,
  toHappeningMention,
  toHappeningRow,
  topBounds,
  topRelationsSql,
  toRelationCountRow,
  toTopRelationRow,
} from '../happening-row.js';
import { linkAnalysis, linkHappenings, runAsync, unlinkHappenings } from '../link-analysis.js';
import {
  EVENT_COLUMNS,
  entityDetail,
  QUEUE_COLUMNS,
  type Row,
  SUMMARY_COLUMNS,
  toClaimedItem,
  toDiagnostic,
  toEntityRow,
  toEventRow,
  toExported,
  toSummary,
} from '../read-rows.js';
import type {
  Claim,
  ClaimOptions,
  CompletedItem,
  CompleteResult,
  DocumentQuery,
  DocumentStatus,
  DocumentSummary,
  EnqueueResult,
  EntityDetail,
  EntityQuery,
  EntityRow,
  EventQuery,
  EventRow,
  ExportedDocument,
  ExportPage,
  HappeningDetail,
  HappeningQuery,
  HappeningRow,
  NearDuplicateLink,
  NearDuplicates,
  Page,
  PipelineVersionCount,
  PutEntry,
  PutResult,
  QueueInput,
  RecodableQuery,
  RecodeOutcome,
  RejectedInput,
  RelationCountRow,
  RelationQuery,
  Repository,
  StoredDiagnostic,
  StoredRaw,
  StoreOptions,
  StoreStats,
  StoreStatus,
  StoryDayRow,
  StoryDetail,
  StoryQuery,
  StoryRow,
  TopRelationRow,
  TopRelationsQuery,
} from '../repository.js';
import { queryTerms, searchTerms } from '../search-terms.js';
import { STORY_COLUMNS, sourcesByStory, toStoryArticle, toStoryDayRow, toStoryRow } from '../story-row.js';
import { postgresLinkTables } from './link-tables.js';
import { MIGRATIONS } from './migrations.js';

export interface PostgresOptions extends StoreOptions {
  /** Connections kept open (default 4). */
  poolSize?: number;
}

type Client = pg.PoolClient;

/**
 * Opens a PostgreSQL store at `url` (`postgres://user@host:port/db`), creating and migrating its
 * tables when needed. `?schema=name` keeps the tables in that schema (created if absent), so one
 * database can hold several stores — the tests use a fresh schema per run.
 */
export async function openPostgresRepository(
  url: string,
  options: PostgresOptions = {},
): Promise<Repository> {
  const { connectionString, schema } = splitSchema(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 4,
    // Idle connections never keep the process alive (a command that forgot close() still exits).
    allowExitOnIdle: true,
    options: `-c search_path=${schema ?? 'public'}`,
  });
  // A connection the server dropped (a restart) must not kill the process: the pool's listener covers
  // idle connections, and each connection's own listener covers one checked out when the server goes
  // (pg emits 'error' on it, which unheard would throw). The query in flight rejects and says so to its
  // caller (the worker retries while the server is unreachable); the next query opens a new connection.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  try {
    await migratePostgres(pool, schema ?? 'public');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresRepository(pool, options.now ?? (() => new Date()));
}

/**
 * `postgres://…?schema=x` → the URL without it, and x (checked: lowercase letters, digits, _). A URL
 * without a user name connects as $PGUSER, else as the operating-system user, as psql does.
 */
export function splitSchema(url: string): { connectionString: string; schema: string | null } {
  const parsed = new URL(url);
  if (parsed.username === '') parsed.username = process.env.PGUSER || userInfo().username;
  const schema = parsed.searchParams.get('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(
      `openStore: schema must be lowercase letters, digits and _ (at most 63, not starting with a digit), instead found ${JSON.stringify(schema)}`,
    );
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/**
 * Applies the pending migrations in one transaction, under an advisory lock so workers starting
 * together migrate once; returns the version reached. Refuses a schema newer than this build.
 */
export async function migratePostgres(pool: pg.Pool, schema: string): Promise<number> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tidings:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_version (version INTEGER NOT NULL)`);
    const { rows } = await client.query(`SELECT version FROM ${schema}.schema_version`);
    let version = (rows[0]?.version as number | undefined) ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `postgres store: the database is at schema version ${version}, newer than this build knows ` +
          `(${MIGRATIONS.length}); upgrade tidings before opening it`,
      );
    }
    if (rows.length === 0) await client.query(`INSERT INTO ${schema}.schema_version (version) VALUES (0)`);
    if (version === MIGRATIONS.length) return version;
    await client.query(`SET LOCAL search_path = ${schema}`);
    for (; version < MIGRATIONS.length; version++) await client.query(MIGRATIONS[version] as string);
    await client.query(`UPDATE ${schema}.schema_version SET version = $1`, [version]);
    return version;
  });
}

/** Runs `work` in a transaction, retrying it when the server broke a deadlock or a serialization conflict. */
async function transaction<T>(pool: pg.Pool, work: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      const code = (error as { code?: string }).code;
      if ((code === '40P01' || code === '40001') && attempt < 5) continue;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Numbered parameters for a query built from optional parts. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** A text parameter compared under the columns' "C" collation (ASCII case folding, as SQLite). */
  text(value: string): string {
    return `(${this.add(value)}::text COLLATE "C")`;
  }
}

class PostgresRepository implements Repository {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  async putDocument(analysis: Analysis): Promise<PutResult> {
    return (await this.putMany([{ kind: 'document', analysis }]))[0] as PutResult;
  }

  async putRejected(input: RejectedInput): Promise<PutResult> {
    return (await this.putMany([{ kind: 'rejected', input }]))[0] as PutResult;
  }

  async putMany(entries: readonly PutEntry[]): Promise<PutResult[]> {
    if (entries.length === 0) return [];
    return transaction(this.#pool, (client) => insertEntries(client, entries, this.#now().toISOString()));
  }

  async listRecodable(query: RecodableQuery): Promise<string[]> {
    const values: unknown[] = [query.after ?? '', query.limit];
    const stale = query.all ? '' : 'AND (pipeline_version IS NULL OR pipeline_version <> $3)';
    if (!query.all) values.push(query.version);
    const { rows } = await this.#pool.query(
      `SELECT id FROM documents WHERE status = 'ok' AND id > $1 ${stale} ORDER BY id LIMIT $2`,
      values,
    );
    return rows.map((r) => r.id as string);
  }

  async pipelineVersions(): Promise<PipelineVersionCount[]> {
    const { rows } = await this.#pool.query(
      `SELECT pipeline_version AS version, count(*)::int AS n FROM documents WHERE status = 'ok'
       GROUP BY pipeline_version ORDER BY n DESC, pipeline_version`,
    );
    return (rows as Row[]).map((r) => ({
      version: (r.version as string | null) ?? null,
      documents: Number(r.n),
    }));
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const { rows: aliases } = await this.#pool.query(
      `SELECT name, count(DISTINCT doc_id)::int AS documents, sum(mention_count)::int AS mentions FROM entities
       WHERE entity_id = $1 GROUP BY name ORDER BY documents DESC, mentions DESC, name`,
      [clean(id)],
    );
    if (aliases.length === 0) return null;
    const { rows } = await this.#pool.query(
      `SELECT entity_id, max(type) AS type, max(country) AS country, max(sector) AS sector,
         count(DISTINCT doc_id)::int AS documents, sum(mention_count)::int AS mentions
       FROM entities WHERE entity_id = $1 GROUP BY entity_id`,
      [clean(id)],
    );
    const overrides = await this.#pool.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides WHERE entity_id = $1 OR into_id = $1 ORDER BY id`,
      [clean(id)],
    );
    return entityDetail(rows[0] as Row, aliases as Row[], (overrides.rows as Row[]).map(toEntityOverride));
  }

  async listEntityOverrides(): Promise<EntityOverride[]> {
    const { rows } = await this.#pool.query(`SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides ORDER BY id`);
    return (rows as Row[]).map(toEntityOverride);
  }

  async changeEntities(change: EntityChange): Promise<EntityChangeResult> {
    return transaction(this.#pool, async (client) => {
      // Exclusive against every writer's shared hold (overridesInForce): no batch writes rows under the
      // old overrides while this one rebuilds the rows it touches.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tidings:entities:' || current_schema()))`);
      const all = (
        await client.query(`SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides ORDER BY id`)
      ).rows.map((r) => toEntityOverride(r as Row));
      const before = entityResolver(all);
      const now = this.#now().toISOString();
      let override: EntityOverride;
      if (change.kind === 'revert') {
        const found = all.find((o) => o.id === change.id);
        if (!found) throw new EntityChangeError(`no entity override has the id ${change.id}`, 404);
        if (found.revertedAt !== null) {
          throw new EntityChangeError(`entity override ${change.id} was reverted at ${found.revertedAt}`);
        }
        await client.query('UPDATE entity_overrides SET reverted_at = $2 WHERE id = $1', [found.id, now]);
        override = { ...found, revertedAt: now };
      } else {
        const has = async (sql: string, values: string[]) =>
          (await client.query(sql, values.map(clean))).rows.length > 0;
        const planned = planOverride(all, change, {
          entity: await has('SELECT 1 FROM entities WHERE entity_id = $1 LIMIT 1', [change.entity.trim()]),
          into:
            change.kind === 'merge' &&
            (await has('SELECT 1 FROM entities WHERE entity_id = $1 LIMIT 1', [change.into.trim()])),
          alias:
            change.kind === 'split' &&
            (await has('SELECT 1 FROM entities WHERE entity_id = $1 AND name = $2 LIMIT 1', [
              change.entity.trim(),
              change.alias,
            ])),
        });
        const { rows } = await client.query(
          `INSERT INTO entity_overrides (kind, entity_id, into_id, alias, note, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            planned.kind,
            clean(planned.entity),
            clean(planned.into),
            cleanOrNull(planned.alias),
            cleanOrNull(planned.note),
            now,
          ],
        );
        override = { ...planned, id: Number((rows[0] as Row).id), createdAt: now };
      }
      const after = entityResolver([...all.filter((o) => o.id !== override.id), override]);
      const ids = touchedIds(override, before, after).map(clean);
      const { rows: docRows } = await client.query(
        `SELECT id FROM documents WHERE status = 'ok' AND id IN
           (SELECT doc_id FROM entities WHERE entity_id = ANY($1::text[]))
         ORDER BY created_at, id FOR UPDATE`,
        [ids],
      );
      const docs = docRows.map((r) => r.id as string);
      const link = postgresLinkTables(client);
      const happenings = { removed: 0, left: 0, created: 0, joined: 0 };
      // Every document out of its happenings first, so none is linked again against another's old rows.
      for (const docId of docs) {
        const unlinked = await runAsync(unlinkHappenings(link, docId));
        happenings.removed += unlinked.removed;
        happenings.left += unlinked.left;
      }
      for (const table of ['entities', 'events', 'diagnostics']) {
        await client.query(`DELETE FROM ${table} WHERE doc_id = ANY($1::text[])`, [docs]);
      }
      for (let i = 0; i < docs.length; i += 200) {
        const { rows } = await client.query(
          'SELECT id, text, analysis FROM documents WHERE id = ANY($1::text[]) ORDER BY created_at, id',
          [docs.slice(i, i + 200)],
        );
        const canonical = (rows as Row[]).map((row) =>
          withOverrides(
            { ...(JSON.parse(row.analysis as string) as object), text: row.text } as Analysis,
            after,
          ),
        );
        await insertLayers(client, canonical);
        for (const analysis of canonical) {
          const linked = await runAsync(linkHappenings(link, analysis));
          happenings.created += linked.created;
          happenings.joined += linked.joined;
        }
      }
      return { override, documents: docs.length, happenings };
    });
  }

  async recodeDocument(analysis: Analysis, pipeline: string): Promise<RecodeOutcome | null> {
    return transaction(this.#pool, async (client) => {
      const resolve = await overridesInForce(client);
      // The row lock makes two recodes of one document take turns.
      const { rows } = await client.query(
        'SELECT status, text, analysis, pipeline_version FROM documents WHERE id = $1 FOR UPDATE',
        [analysis.id],
      );
      const row = rows[0] as Row | undefined;
      if (row?.status !== 'ok') return null;
      if (row.text !== clean(analysis.text) || analysis.rejected) {
        throw new Error(
          `recodeDocument: the analysis of ${analysis.id} is rejected or its text differs from the stored text; a re-coded analysis keeps the text`,
        );
      }
      const previous = (row.pipeline_version as string | null) ?? null;
      const { text: _text, ...rest } = analysis;
      const json = JSON.stringify(rest);
      const happenings = { removed: 0, left: 0, created: 0, joined: 0 };
      if (json === row.analysis) {
        await client.query('UPDATE documents SET pipeline_version = $2 WHERE id = $1', [
          analysis.id,
          pipeline,
        ]);
        return { status: 'unchanged', previous, happenings };
      }
      const link = postgresLinkTables(client);
      const unlinked = await runAsync(unlinkHappenings(link, analysis.id));
      const before = await client.query('SELECT type FROM events WHERE doc_id = $1', [analysis.id]);
      await keepCounts(
        client,
        recodedEventDeltas(
          before.rows.map((r) => r.type as string),
          analysis,
        ),
      );
      for (const table of ['entities', 'events', 'diagnostics']) {
        await client.query(`DELETE FROM ${table} WHERE doc_id = $1`, [analysis.id]);
      }
      const body = keptText(analysis);
      await client.query(
        `UPDATE documents SET title = $2, analysis = $3, snippet = $4, sentence_count = $5, entity_count = $6,
           event_count = $7, diagnostic_count = $8, search = $9::tsvector, tone = $10, pipeline_version = $11
         WHERE id = $1`,
        [
          analysis.id,
          cleanOrNull(analysis.title),
          json,
          clean(snippetOf(body)),
          analysis.sentences.length,
          analysis.entities.length,
          analysis.events.length,
          analysis.diagnostics.length,
          searchVector(analysis.title ?? '', body),
          documentTone(analysis),
          pipeline,
        ],
      );
      const canonical = withOverrides(analysis, resolve);
      await insertLayers(client, [canonical]);
      const linked = await runAsync(linkHappenings(link, canonical));
      return { status: 'recoded', previous, happenings: { ...unlinked, ...linked } };
    });
  }

  async getDocument(id: string): Promise<Analysis | null> {
    const { rows } = await this.#pool.query('SELECT text, analysis FROM documents WHERE id = $1', [id]);
    const row = rows[0] as { text: string; analysis: string } | undefined;
    if (!row) return null;
    return { ...(JSON.parse(row.analysis) as Omit<Analysis, 'text'>), text: row.text } as Analysis;
  }

  async listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>> {
    const terms = queryTerms(query.q);
    // A search with no word in it (only punctuation) matches nothing, rather than "no filter".
    if (query.q !== undefined && query.q.trim() !== '' && terms === null) {
      return { items: [], total: 0, limit: query.limit, offset: query.offset };
    }
    if (terms) {
      const all = terms.map(quoteLexeme).join(' & ');
      const cap = countCap(query);
      const windows = await this.#searchWindows();
      const count = async (window: SearchWindow | null) => {
        const p = new Params();
        const q = window
          ? `(${p.add(all)}::tsquery && ${p.add(window.query)}::tsquery)`
          : `${p.add(all)}::tsquery`;
        const where = [`d.search @@ ${q}`];
        if (query.status) where.push(`d.status = ${p.add(query.status)}`);
        return this.#count(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM documents d WHERE ${where.join(' AND ')} LIMIT ${p.add(cap)}) c`,
          p.values,
        );
      };
      // Counted up to the cap: in the newest windows first, where a common word reaches it at once.
      let total = -1;
      for (const window of windows.dated) {
        if ((await count(window)) >= cap) {
          total = cap;
          break;
        }
      }
      if (total < 0) total = await count(null);
      // Documents whose headline holds every word (weight A) first, then the others; each part newest
      // first (as on SQLite). Two lists rather than one sort over every match: each can be read in the
      // order of the documents_newest index when the words are common.
      const end = query.offset + query.limit;
      // Fewer matches than the count's cap: sorting them all is cheap, and walking the list order for them
      // (what the planner picks from the word's estimated frequency) can read the whole index.
      const few = total < cap ? null : windows;
      const titled = await this.#newestMatching(all, 'title', query.status, end, 0, few);
      const rows = titled.slice(query.offset, end);
      if (titled.length < end) {
        const skip = Math.max(0, query.offset - titled.length);
        rows.push(
          ...(await this.#newestMatching(all, 'body', query.status, query.limit - rows.length, skip, few)),
        );
      }
      return {
        items: rows.map(toSummary),
        total,
        ...(total >= cap ? { totalCapped: true } : {}),
        limit: query.limit,
        offset: query.offset,
      };
    }
    const p = new Params();
    const where: string[] = [];
    if (query.status) where.push(`d.status = ${p.add(query.status)}`);
    const filter = `FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = await this.#kept(documentCountNames(query.status));
    // The order of the documents_newest index, and of SQLite's (undated documents last).
    const order = 'd.published DESC NULLS LAST, d.created_at DESC, d.id';
    let keyset = '';
    let offset = query.offset;
    let dated = false;
    const keyColumns: [string, string, string] = ['d.published', 'd.created_at', 'd.id'];
    const glue = where.length ? ' AND' : ' WHERE';
    const filterValues = [...p.values];
    if (query.cursor !== undefined) {
      const [published, createdAt, id] = decodeDocumentCursor(query.cursor);
      const params: [string, string, string] = [
        published === null ? '' : p.text(published),
        p.text(createdAt),
        p.text(id),
      ];
      keyset = `${glue} ${afterKey(keyColumns, params, published === null, true)}`;
      dated = published !== null;
      offset = 0;
    }
    let { rows } = await this.#pool.query(
      `SELECT ${SUMMARY_COLUMNS} ${filter}${keyset} ORDER BY ${order} LIMIT ${p.add(query.limit + 1)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    if (dated && rows.length <= query.limit) {
      const undated = await this.#pool.query(
        `SELECT ${SUMMARY_COLUMNS} ${filter}${glue} ${undatedAfter(keyColumns)} ORDER BY ${order} LIMIT $${filterValues.length + 1}`,
        [...filterValues, query.limit + 1 - rows.length],
      );
      rows = [...rows, ...undated.rows];
    }
    let next: string | null = null;
    if (rows.length > query.limit) {
      rows = rows.slice(0, query.limit);
      const last = rows.at(-1) as Row;
      next = encodeCursor('d', [
        last.published as string | null,
        last.created_at as string,
        last.id as string,
      ]);
    }
    return { items: rows.map(toSummary), total, limit: query.limit, offset, next };
  }

  /**
   * Documents matching a tsquery newest first: those whose headline holds every term (`title`, by the
   * headline terms' index of migration 15), or the others (`body`). `windows` null: the matches are few,
   * so they are collected and sorted. Otherwise the dated matches are read window by window (migration 16:
   * the newest day, month, year, years), each window's matches sorted, until a window holds the page;
   * then, if the page needs more, the undated ones the same way by the day stored. Every document
   * outside a window comes after every document in it (a window is every date from its bound on, and
   * the odd dates each holds are checked to lie there), so the page is exact.
   */
  async #newestMatching(
    match: string,
    part: 'title' | 'body',
    status: string | undefined,
    limit: number,
    offset: number,
    windows: SearchWindows | null,
  ): Promise<Row[]> {
    if (limit <= 0) return [];
    const wanted = offset + limit;
    const read = async (window: SearchWindow | null, scope: string | null, max: number) => {
      const p = new Params();
      const w = window ? `${p.add(window.query)}::tsquery` : null;
      const q = `${p.add(match)}::tsquery`;
      const terms = w ? `(${q} && ${w})` : q;
      // The headline terms (weight A) and the window lexemes (B) filtered out of the vector are one GIN
      // index (migration 16), which intersects a word's entries with a window's; likewise the whole vector.
      const inTitle = `ts_filter(d.search, '{a,b}') @@ ${terms}`;
      const anywhere = `d.search @@ ${terms}`;
      const within = [scope, status ? `d.status = ${p.add(status)}` : null].filter(
        (c): c is string => c !== null,
      );
      const found =
        part === 'title'
          ? `SELECT d.id FROM documents d WHERE ${[inTitle, ...within].join(' AND ')}`
          : `SELECT d.id FROM documents d WHERE ${[anywhere, ...within].join(' AND ')}
             EXCEPT SELECT d.id FROM documents d WHERE ${[inTitle, ...within].join(' AND ')}`;
      const { rows } = await this.#pool.query(
        `WITH m AS MATERIALIZED (${found})
         SELECT ${SUMMARY_COLUMNS} FROM m JOIN documents d ON d.id = m.id
         ORDER BY d.published DESC NULLS LAST, d.created_at DESC, d.id LIMIT ${p.add(max)}`,
        p.values,
      );
      return rows as Row[];
    };
    if (windows === null) return (await read(null, null, wanted)).slice(offset);
    const rows: Row[] = [];
    for (const [phase, scope, column] of [
      ['dated', 'd.published IS NOT NULL', 'published'],
      ['undated', 'd.published IS NULL', 'created_at'],
    ] as const) {
      const need = wanted - rows.length;
      let found: Row[] | null = null;
      for (const window of windows[phase]) {
        const page = await read(window, null, need);
        if (page.length >= need && page.every((r) => !oddBefore(r[column] as string, window.bound))) {
          found = page;
          break;
        }
      }
      rows.push(...(found ?? (await read(null, scope, need))));
      if (rows.length >= wanted) break;
    }
    return rows.slice(offset, wanted);
  }

  /** The windows of migration 16 back from the newest dated and the newest undated document. */
  async #searchWindows(): Promise<SearchWindows> {
    const { rows } = await this.#pool.query(
      // Dates sort before ':'; a value that does not start with one is in every window (and checked).
      `SELECT (SELECT max(published) FROM documents WHERE published < ':') AS dated,
         (SELECT max(created_at) FROM documents WHERE published IS NULL AND created_at < ':') AS undated`,
    );
    const row = rows[0] as { dated: string | null; undated: string | null };
    return { dated: searchWindowsFrom(row.dated, '~'), undated: searchWindowsFrom(row.undated, '~c') };
  }

  /** The sum of kept counts (migration 11). */
  async #kept(names: readonly string[]): Promise<number> {
    const { rows } = await this.#pool.query(
      'SELECT coalesce(sum(n), 0)::bigint AS n FROM kept_counts WHERE name = ANY($1::text[])',
      [names],
    );
    return Number((rows[0] as { n: string }).n);
  }

  async listStoredSince(query: { since: string; limit: number }): Promise<DocumentSummary[]> {
    const { rows } = await this.#pool.query(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.created_at >= $1 AND d.status = 'ok'
       ORDER BY d.created_at, d.id LIMIT $2`,
      [query.since, query.limit],
    );
    return rows.map(toSummary);
  }

  async queryEvents(query: EventQuery): Promise<Page<EventRow>> {
    const p = new Params();
    const where: string[] = [];
    for (const role of ['actor', 'recipient'] as const) {
      // Stored texts hold U+FFFD where a NUL was (PostgreSQL text cannot hold one): a filter is read alike.
      const value = query[role] === undefined ? undefined : clean(query[role]);
      if (!value) continue;
      const v = p.text(value);
      where.push(
        `(e.${role}_country = upper(${v}) OR lower(e.${role}_entity) = lower(${v}) ` +
          `OR e.${role}_text ILIKE ${p.text(`%${escapeLike(value)}%`)} ESCAPE '\\')`,
      );
    }
    if (query.type) where.push(`e.type = upper(${p.text(query.type)})`);
    if (query.status) where.push(`e.status = ${p.add(query.status)}`);
    if (query.docId) where.push(`e.doc_id = ${p.add(query.docId)}`);
    if (query.minConfidence !== undefined) where.push(`e.confidence >= ${p.add(query.minConfidence)}`);
    const from = query.from ? firstDayOf(query.from) : null;
    const to = query.to ? lastDayOf(query.to) : null;
    if (from) where.push(`e.day >= ${p.text(from)}`);
    if (to) where.push(`e.day <= ${p.text(to)}`);
    const filter = `FROM events e JOIN documents d ON d.id = e.doc_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    // Every filter is on the events, and every event has its document: the count needs no join. No
    // filter, or the type alone: the kept count; otherwise counted up to the cap.
    let total: number;
    let capped = false;
    if (where.length === 0) total = await this.#kept(['events']);
    else if (where.length === 1 && query.type)
      total = await this.#kept([`events:${query.type.toUpperCase()}`]);
    else {
      const cap = countCap(query);
      total = await this.#count(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM events e WHERE ${where.join(' AND ')} LIMIT ${cap}) c`,
        p.values,
      );
      capped = total >= cap;
    }
    let keyset = '';
    let offset = query.offset;
    let dated = false;
    const keyColumns: [string, string, string] = ['e.day', 'e.doc_id', 'e.idx'];
    const glue = where.length ? ' AND' : ' WHERE';
    const filterValues = [...p.values];
    if (query.cursor !== undefined) {
      const [day, docId, idx] = decodeEventCursor(query.cursor);
      const params: [string, string, string] = [day === null ? '' : p.text(day), p.text(docId), p.add(idx)];
      keyset = `${glue} ${afterKey(keyColumns, params, day === null, false)}`;
      dated = day !== null;
      offset = 0;
    }
    // The order of the events_newest index, and of SQLite's (undated events last).
    const order = 'ORDER BY e.day DESC NULLS LAST, e.doc_id, e.idx';
    let { rows } = await this.#pool.query(
      `SELECT ${EVENT_COLUMNS}, e.day AS sort_day ${filter}${keyset} ${order}
       LIMIT ${p.add(query.limit + 1)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    if (dated && rows.length <= query.limit) {
      const undated = await this.#pool.query(
        `SELECT ${EVENT_COLUMNS}, e.day AS sort_day ${filter}${glue} ${undatedAfter(keyColumns)} ${order}
         LIMIT $${filterValues.length + 1}`,
        [...filterValues, query.limit + 1 - rows.length],
      );
      rows = [...rows, ...undated.rows];
    }
    let next: string | null = null;
    if (rows.length > query.limit) {
      rows = rows.slice(0, query.limit);
      const last = rows.at(-1) as Row;
      next = encodeCursor('e', [last.sort_day as string | null, last.doc_id as string, last.idx as number]);
    }
    return {
      items: rows.map(toEventRow),
      total,
      ...(capped ? { totalCapped: true } : {}),
      limit: query.limit,
      offset,
      next,
    };
  }

  async listEntities(query: EntityQuery): Promise<Page<EntityRow>> {
    const p = new Params();
    const where: string[] = [];
    if (query.docId) where.push(`doc_id = ${p.add(query.docId)}`);
    if (query.q) {
      const q = p.text(query.q);
      where.push(
        `(lower(entity_id) = lower(${q}) OR country = upper(${q}) ` +
          `OR name ILIKE ${p.text(`%${escapeLike(query.q)}%`)} ESCAPE '\\')`,
      );
    }
    if (query.type) where.push(`type = ${p.add(query.type)}`);
    if (query.country) where.push(`country = upper(${p.text(query.country)})`);
    const filter = `FROM entities ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = await this.#count(`SELECT count(DISTINCT entity_id)::int AS n ${filter}`, p.values);
    const { rows } = await this.#pool.query(
      `SELECT entity_id, max(name) AS name, max(type) AS type, max(country) AS country, max(sector) AS sector,
         count(DISTINCT doc_id)::int AS documents, sum(mention_count)::int AS mentions
       ${filter} GROUP BY entity_id ORDER BY documents DESC, mentions DESC, entity_id
       LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    return { items: rows.map(toEntityRow), total, limit: query.limit, offset: query.offset };
  }

  async getDiagnostics(docId: string): Promise<StoredDiagnostic[] | null> {
    const known = await this.#pool.query('SELECT 1 FROM documents WHERE id = $1', [docId]);
    if (known.rowCount === 0) return null;
    const { rows } = await this.#pool.query(
      'SELECT rule_id, severity, reason, "start", "end" FROM diagnostics WHERE doc_id = $1 ORDER BY idx',
      [docId],
    );
    return rows.map(toDiagnostic);
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.#pool.query(
      `SELECT (SELECT version FROM schema_version) AS version,
         (SELECT count(DISTINCT entity_id)::int FROM entities) AS entities,
         (SELECT count(*)::int FROM diagnostics) AS diagnostics`,
    );
    const r = rows[0] as Record<string, number>;
    const kept = await this.#pool.query('SELECT name, n::float8 AS n FROM kept_counts');
    const named = new Map(kept.rows.map((k) => [k.name as string, Number(k.n)]));
    const ok = named.get('documents:ok') ?? 0;
    const rejected = named.get('documents:rejected') ?? 0;
    const byType = [...named]
      .filter(([name, n]) => name.startsWith('events:') && n > 0)
      .map(([name, n]) => ({ type: name.slice('events:'.length), n }))
      .sort((a, b) => b.n - a.n || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    return {
      engine: 'postgres',
      schemaVersion: r.version as number,
      documents: ok + rejected,
      ok,
      rejected,
      entities: r.entities as number,
      events: named.get('events') ?? 0,
      diagnostics: r.diagnostics as number,
      eventsByType: Object.fromEntries(byType.map((t) => [t.type, t.n])),
    };
  }

  async getNearDuplicates(docId: string): Promise<NearDuplicates | null> {
    const exists = await this.#pool.query('SELECT 1 FROM documents WHERE id = $1', [docId]);
    if (exists.rowCount === 0) return null;
    const link = (row: Row): NearDuplicateLink => ({
      docId: row.id as string,
      title: (row.title as string | null) ?? null,
      uri: row.uri as string,
      published: (row.published as string | null) ?? null,
      similarity: Number(row.similarity),
      method: row.method as NearDuplicateLink['method'],
    });
    const original = await this.#pool.query(
      `SELECT d.id, d.title, d.uri, d.published, n.similarity, n.method FROM near_duplicates n
         JOIN documents d ON d.id = n.original_id WHERE n.doc_id = $1`,
      [docId],
    );
    const copies = await this.#pool.query(
      `SELECT d.id, d.title, d.uri, d.published, n.similarity, n.method FROM near_duplicates n
         JOIN documents d ON d.id = n.doc_id WHERE n.original_id = $1 ORDER BY n.similarity DESC, d.id LIMIT 1000`,
      [docId],
    );
    return {
      original: original.rows[0] ? link(original.rows[0] as Row) : null,
      copies: (copies.rows as Row[]).map(link),
    };
  }

  async listHappenings(query: HappeningQuery): Promise<Page<HappeningRow>> {
    const p = new Params();
    const where: string[] = [];
    for (const [column, value] of [
      ...partyConditions('actor', query.actor),
      ...partyConditions('recipient', query.recipient),
    ]) {
      where.push(`${column} = ${p.add(value)}`);
    }
    if (query.type) where.push(`h.type = upper(${p.add(query.type)})`);
    const from = query.from ? firstDayOf(query.from) : null;
    const to = query.to ? lastDayOf(query.to) : null;
    if (from) where.push(`h.day >= ${p.add(from)}`);
    if (to) where.push(`h.day <= ${p.add(to)}`);
    if (query.docId) {
      where.push(
        `h.id IN (SELECT happening_id FROM happening_mentions WHERE doc_id = ${p.add(query.docId)})`,
      );
    }
    if (query.minSources !== undefined) where.push(`h.num_sources >= ${p.add(query.minSources)}`);
    const filter = `FROM happenings h ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = await this.#count(`SELECT count(*)::int AS n ${filter}`, [...p.values]);
    const { rows } = await this.#pool.query(
      `SELECT ${HAPPENING_ROW_COLUMNS} ${filter} ORDER BY h.day DESC, h.num_sources DESC, h.id
       LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    return { items: (rows as Row[]).map(toHappeningRow), total, limit: query.limit, offset: query.offset };
  }

  async listStories(query: StoryQuery): Promise<Page<StoryRow>> {
    const p = new Params();
    const where: string[] = [];
    const from = query.from ? firstDayOf(query.from) : null;
    const to = query.to ? lastDayOf(query.to) : null;
    if (from) where.push(`s.last_seen >= ${p.add(from)}`);
    if (to) where.push(`s.first_seen <= ${p.add(to)}`);
    if (query.minSize !== undefined) where.push(`s.size >= ${p.add(query.minSize)}`);
    if (query.ids) where.push(`s.id = ANY(${p.add([...query.ids])}::bigint[])`);
    const filter = `FROM stories s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = await this.#count(`SELECT count(*)::int AS n ${filter}`, [...p.values]);
    const { rows } = await this.#pool.query(
      `SELECT ${STORY_COLUMNS} ${filter} ORDER BY s.last_seen DESC NULLS LAST, s.id DESC
       LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    const ids = (rows as Row[]).map((r) => Number(r.id));
    const found =
      ids.length === 0
        ? { rows: [] }
        : await this.#pool.query(
            `SELECT story_id, source FROM story_sources WHERE story_id = ANY($1::bigint[])
             ORDER BY story_id, articles DESC, source`,
            [ids],
          );
    const sources = sourcesByStory(found.rows as Row[]);
    return {
      items: (rows as Row[]).map((r) => toStoryRow(r, sources.get(Number(r.id)) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async getStory(id: number): Promise<StoryDetail | null> {
    const { rows } = await this.#pool.query(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
    if (rows.length === 0) return null;
    const sources = await this.#pool.query(
      'SELECT story_id, source FROM story_sources WHERE story_id = $1 ORDER BY articles DESC, source',
      [id],
    );
    const articles = await this.#pool.query(
      `SELECT m.doc_id, m.score, m.source, d.title, d.uri, d.published FROM story_members m
         JOIN documents d ON d.id = m.doc_id WHERE m.story_id = $1
       ORDER BY m.day IS NULL, m.day, d.published, m.doc_id LIMIT 10000`,
      [id],
    );
    return {
      ...toStoryRow(rows[0] as Row, sourcesByStory(sources.rows as Row[]).get(id) ?? []),
      articles: (articles.rows as Row[]).map(toStoryArticle),
    };
  }

  async storyOfDocument(docId: string): Promise<number | null> {
    const { rows } = await this.#pool.query('SELECT story_id FROM story_members WHERE doc_id = $1', [docId]);
    return rows.length === 0 ? null : Number((rows[0] as Row).story_id);
  }

  async storyDays(ids: readonly number[], from: string): Promise<StoryDayRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query(
      `SELECT story_id, day, count(*) AS n FROM story_members
        WHERE story_id = ANY($1::bigint[]) AND day >= $2
        GROUP BY story_id, day ORDER BY story_id, day`,
      [ids, from],
    );
    return (rows as Row[]).map(toStoryDayRow);
  }

  async getHappening(id: number): Promise<HappeningDetail | null> {
    const { rows } = await this.#pool.query(
      `SELECT ${HAPPENING_ROW_COLUMNS} FROM happenings h WHERE h.id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const found = await this.#pool.query(
      `SELECT m.doc_id, m.idx, m.source, m.sentence, m.reason, d.title, d.uri, d.published
       FROM happening_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.happening_id = $1
       ORDER BY d.published IS NULL, d.published, m.seq LIMIT 10000`,
      [id],
    );
    const mentions = (found.rows as Row[]).map(toHappeningMention);
    return { ...toHappeningRow(rows[0] as Row), mentions, sources: sourcesOf(mentions) };
  }

  async relationCounts(query: RelationQuery): Promise<RelationCountRow[]> {
    const { a, b, lo, hi } = relationBounds(query);
    const { rows } = await this.#pool.query(
      `SELECT actor, recipient, period, type, quad, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
       WHERE actor = $1 AND recipient = $2 AND period >= $3 AND period <= $4
       UNION ALL
       SELECT actor, recipient, period, type, quad, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
       WHERE actor = $2 AND recipient = $1 AND $1::text <> $2::text AND period >= $3 AND period <= $4
       ORDER BY period, actor, type, quad`,
      [a, b, lo, hi],
    );
    return (rows as Row[]).map((r) => toRelationCountRow(r, a));
  }

  async topRelations(query: TopRelationsQuery): Promise<TopRelationRow[]> {
    const bounds = topBounds(query);
    const order = { lo: 1, hi: 2, kind: 3, limit: 4, type: 5 } as const;
    const { rows } = await this.#pool.query(
      topRelationsSql(query.kind, (name) => (name === 'limit' ? `$${order[name]}` : `$${order[name]}::text`)),
      [bounds.lo, bounds.hi, bounds.kind, query.limit, bounds.type],
    );
    return (rows as Row[]).map(toTopRelationRow);
  }

  async exportDocuments(page: ExportPage): Promise<ExportedDocument[]> {
    const { rows } = await this.#pool.query(
      `SELECT d.id, d.status, d.created_at, d.text, d.analysis, r.media_type AS raw_type, r.gzip AS raw_gzip
       FROM documents d LEFT JOIN raw_inputs r ON r.doc_id = d.id
       WHERE d.id > $1 ORDER BY d.id LIMIT $2`,
      [page.after ?? '', page.limit],
    );
    return rows.map(toExported);
  }

  async getRaw(docId: string): Promise<StoredRaw | null> {
    const { rows } = await this.#pool.query('SELECT media_type, gzip FROM raw_inputs WHERE doc_id = $1', [
      docId,
    ]);
    const row = rows[0];
    return row ? { mediaType: row.media_type as string, gzip: new Uint8Array(row.gzip as Buffer) } : null;
  }

  async enqueue(inputs: readonly QueueInput[]): Promise<EnqueueResult[]> {
    if (inputs.length === 0) return [];
    const keys = inputs.map(queueKey);
    const first = new Map<string, number>();
    keys.forEach((key, i) => {
      if (!first.has(key)) first.set(key, i);
    });
    const fresh = [...first.values()].map((i) => inputs[i] as QueueInput);
    const at = this.#now().toISOString();
    const ids = new Map<string, number>();
    const queued = new Set<string>();
    await transaction(this.#pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO queue (input_key, uri, media_type, published, fetched, text, diagnostics, rejected, bytes_hash,
           source, blocks, raw_media_type, raw_gzip, enqueued_at)
         SELECT k, u, m, p, f, t, d, r, b, s, bl, rm, rg, $14 FROM unnest($1::text[], $2::text[], $3::text[],
           $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::text[],
           $12::text[], $13::bytea[])
           WITH ORDINALITY AS x(k, u, m, p, f, t, d, r, b, s, bl, rm, rg, n)
         ORDER BY n ON CONFLICT (input_key) DO NOTHING RETURNING id, input_key`,
        [
          fresh.map(queueKey),
          fresh.map((x) => clean(x.source.uri)),
          fresh.map((x) => cleanOrNull(x.source.mediaType)),
          fresh.map((x) => cleanOrNull(x.source.published)),
          fresh.map((x) => cleanOrNull(x.source.fetched)),
          fresh.map((x) => clean(x.text)),
          fresh.map((x) => JSON.stringify(x.diagnostics)),
          fresh.map((x) => x.rejected),
          fresh.map((x) => x.bytesHash ?? null),
          fresh.map((x) => clean(JSON.stringify(x.source))),
          fresh.map((x) => (x.blocks ? JSON.stringify(x.blocks) : null)),
          fresh.map((x) => x.raw?.mediaType ?? null),
          fresh.map((x) => (x.raw ? Buffer.from(x.raw.gzip) : null)),
          at,
        ],
      );
      for (const r of inserted.rows) {
        ids.set(r.input_key, Number(r.id));
        queued.add(r.input_key);
      }
      const missing = [...first.keys()].filter((k) => !ids.has(k));
      if (missing.length > 0) {
        const old = await client.query('SELECT id, input_key FROM queue WHERE input_key = ANY($1::text[])', [
          missing,
        ]);
        for (const r of old.rows) ids.set(r.input_key, Number(r.id));
      }
    });
    return keys.map((key, i) => ({
      id: ids.get(key) as number,
      status: queued.has(key) && first.get(key) === i ? 'queued' : 'already-queued',
    }));
  }

  async claim(options: ClaimOptions): Promise<Claim> {
    const token = randomUUID();
    const claimable = `SELECT id FROM queue WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < now())`;
    const rows = await transaction(this.#pool, async (client) => {
      await client.query(
        `UPDATE queue SET state = 'failed', error = $1, finished_at = $2, text = '', blocks = NULL, raw_gzip = NULL
         WHERE id IN (${claimable} AND attempts >= $3 ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)`,
        [exhaustedReason(options.maxAttempts), this.#now().toISOString(), options.maxAttempts, options.limit],
      );
      const claimed = await client.query(
        `UPDATE queue q SET claim = $1, claimed_by = $2, attempts = q.attempts + 1,
           lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
         FROM (${claimable} ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) c
         WHERE q.id = c.id RETURNING ${QUEUE_COLUMNS.split(', ')
           .map((c) => `q.${c}`)
           .join(', ')}`,
        [token, options.worker, options.leaseMs, options.limit],
      );
      return claimed.rows as Row[];
    });
    return { token, items: rows.map(toClaimedItem).sort((a, b) => a.id - b.id) };
  }

  async complete(token: string, done: readonly CompletedItem[]): Promise<CompleteResult[]> {
    if (done.length === 0) return [];
    return transaction(this.#pool, async (client) => {
      // Lock the items the claim still holds; one re-claimed meanwhile is no longer ours.
      const held = await client.query(
        `SELECT id FROM queue WHERE id = ANY($1::bigint[]) AND claim = $2 AND state = 'pending'
         ORDER BY id FOR UPDATE`,
        [done.map((d) => d.itemId), token],
      );
      const ours = new Set(held.rows.map((r) => Number(r.id)));
      const mine = done.filter((d) => ours.has(d.itemId));
      const puts = await insertEntries(
        client,
        mine.map((d) => d.entry),
        this.#now().toISOString(),
      );
      const results = new Map<number, CompleteResult>();
      mine.forEach((d, i) => {
        const put = puts[i] as PutResult;
        const status = d.entry.kind === 'rejected' ? 'rejected' : put.status;
        results.set(d.itemId, { itemId: d.itemId, status, docId: put.id });
      });
      if (mine.length > 0) {
        const finished = [...results.values()];
        await client.query(
          `UPDATE queue SET state = 'done', result = u.result, doc_id = u.doc_id, finished_at = $4, text = '', blocks = NULL, raw_gzip = NULL,
             lease_until = NULL, error = NULL
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, result, doc_id) WHERE queue.id = u.id`,
          [
            finished.map((r) => r.itemId),
            finished.map((r) => r.status),
            finished.map((r) => r.docId),
            this.#now().toISOString(),
          ],
        );
      }
      return done.map((d) => results.get(d.itemId) ?? { itemId: d.itemId, status: 'lost', docId: null });
    });
  }

  async fail(token: string, itemId: number, reason: string): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE queue SET state = 'failed', error = $3, finished_at = $4, text = '', blocks = NULL, raw_gzip = NULL, lease_until = NULL
       WHERE id = $1 AND claim = $2 AND state = 'pending'`,
      [itemId, token, clean(reason), this.#now().toISOString()],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async release(token: string): Promise<number> {
    const result = await this.#pool.query(
      `UPDATE queue SET claim = NULL, claimed_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
       WHERE claim = $1 AND state = 'pending'`,
      [token],
    );
    return result.rowCount ?? 0;
  }

  async status(): Promise<StoreStatus> {
    const { rows } = await this.#pool.query(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
         count(*) FILTER (WHERE result = 'inserted')::int AS processed,
         count(*) FILTER (WHERE result = 'duplicate')::int AS duplicates,
         count(*) FILTER (WHERE result = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE state = 'pending')::int AS pending,
         count(*) FILTER (WHERE state = 'failed')::int AS failed
       FROM queue`,
    );
    return rows[0] as StoreStatus;
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }

  async #count(sql: string, values: unknown[]): Promise<number> {
    const { rows } = await this.#pool.query(sql, values);
    return (rows[0] as { n: number }).n;
  }
}

/**
 * Writes a batch with one multi-row statement per table (unnest of arrays), in id order so two
 * workers writing overlapping batches wait on each other instead of deadlocking. Results in input
 * order; the second copy of a document inside the batch is a duplicate.
 */
async function insertEntries(
  client: Client,
  entries: readonly PutEntry[],
  createdAt: string,
): Promise<PutResult[]> {
  // First, before any row is locked (see overridesInForce).
  const resolve = await overridesInForce(client);
  const docs = entries.map((entry) =>
    entry.kind === 'document'
      ? {
          analysis: entry.analysis,
          status: (entry.analysis.rejected ? 'rejected' : 'ok') as DocumentStatus,
          createdAt: entry.createdAt ?? createdAt,
          pipeline: entry.analysis.rejected ? null : (entry.pipeline ?? null),
        }
      : {
          analysis: rejectedAnalysis(entry.input),
          status: 'rejected' as DocumentStatus,
          createdAt,
          pipeline: null,
        },
  );
  const firstOf = new Map<string, number>();
  docs.forEach((d, i) => {
    if (!firstOf.has(d.analysis.id)) firstOf.set(d.analysis.id, i);
  });
  const unique = [...firstOf.values()].map((i) => docs[i] as (typeof docs)[number]);
  const columns = {
    id: [] as string[],
    uri: [] as string[],
    title: [] as (string | null)[],
    published: [] as (string | null)[],
    fetched: [] as (string | null)[],
    mediaType: [] as (string | null)[],
    status: [] as string[],
    text: [] as string[],
    analysis: [] as string[],
    snippet: [] as string[],
    reason: [] as (string | null)[],
    sentences: [] as number[],
    entities: [] as number[],
    events: [] as number[],
    diagnostics: [] as number[],
    search: [] as string[],
    tone: [] as (number | null)[],
    createdAt: [] as string[],
    pipeline: [] as (string | null)[],
  };
  for (const { analysis, status, createdAt: created, pipeline } of unique) {
    const { text, ...rest } = analysis;
    const body = keptText(analysis);
    columns.id.push(analysis.id);
    columns.uri.push(clean(analysis.source.uri));
    columns.title.push(cleanOrNull(analysis.title));
    columns.published.push(cleanOrNull(analysis.published));
    columns.fetched.push(cleanOrNull(analysis.source.fetched));
    columns.mediaType.push(cleanOrNull(analysis.source.mediaType));
    columns.status.push(status);
    columns.text.push(clean(text));
    columns.analysis.push(JSON.stringify(rest));
    columns.snippet.push(clean(snippetOf(body)));
    columns.reason.push(status === 'rejected' ? cleanOrNull(rejectionReason(analysis)) : null);
    columns.sentences.push(analysis.sentences.length);
    columns.entities.push(analysis.entities.length);
    columns.events.push(analysis.events.length);
    columns.diagnostics.push(analysis.diagnostics.length);
    columns.search.push(searchVector(analysis.title ?? '', body));
    columns.tone.push(documentTone(analysis));
    columns.createdAt.push(created);
    columns.pipeline.push(cleanOrNull(pipeline));
  }
  const inserted = await client.query(
    `INSERT INTO documents (id, uri, title, published, fetched, media_type, status, text, analysis, snippet, reason,
       sentence_count, entity_count, event_count, diagnostic_count, search, tone, created_at, pipeline_version)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::int[], $15::int[],
       $16::tsvector[], $17::float8[], $18::text[], $19::text[]) ORDER BY 1
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    Object.values(columns),
  );
  const fresh = new Set(inserted.rows.map((r) => r.id as string));
  await insertRaw(client, entries, docs);
  const stored = unique.filter((d) => fresh.has(d.analysis.id));
  // The stored analysis is the pipeline's; the rows and links carry the store's canonical entities.
  const canonical = stored.map((d) => (d.status === 'ok' ? withOverrides(d.analysis, resolve) : d.analysis));
  await insertLayers(client, canonical);
  const link = postgresLinkTables(client);
  for (const [i, d] of stored.entries()) {
    if (d.status === 'ok') await runAsync(linkAnalysis(link, canonical[i] as Analysis));
  }
  // Last, so the kept counts' rows are locked only for the commit (concurrent workers all write them).
  await keepCounts(client, keptCountDeltas(stored));
  return docs.map((d, i) => ({
    id: d.analysis.id,
    status: firstOf.get(d.analysis.id) === i && fresh.has(d.analysis.id) ? 'inserted' : 'duplicate',
  }));
}

/**
 * The entity overrides in force, as a resolver (null when none), read under a shared hold of the lock
 * changeEntities takes exclusively: a batch writes its rows under the overrides a merge committed, or
 * commits before the merge looks for the documents to rebuild.
 */
async function overridesInForce(client: Client): Promise<EntityResolver | null> {
  await client.query(
    `SELECT pg_advisory_xact_lock_shared(hashtext('tidings:entities:' || current_schema()))`,
  );
  const { rows } = await client.query(
    `SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides WHERE reverted_at IS NULL ORDER BY id`,
  );
  return rows.length === 0 ? null : entityResolver((rows as Row[]).map(toEntityOverride));
}

/** Adds to the kept counts (migration 11), in name order (see keptCountDeltas). */
async function keepCounts(client: Client, deltas: readonly [string, number][]): Promise<void> {
  if (deltas.length === 0) return;
  await client.query(
    `INSERT INTO kept_counts (name, n) SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
     ON CONFLICT (name) DO UPDATE SET n = kept_counts.n + excluded.n`,
    [deltas.map(([name]) => name), deltas.map(([, n]) => n)],
  );
}

/** The raw inputs kept beside documents (the first copy of each; a document already with one keeps it). */
async function insertRaw(
  client: Client,
  entries: readonly PutEntry[],
  docs: readonly { analysis: Analysis }[],
): Promise<void> {
  const seen = new Set<string>();
  const ids: string[] = [];
  const types: string[] = [];
  const blobs: Buffer[] = [];
  entries.forEach((entry, i) => {
    const id = (docs[i] as { analysis: Analysis }).analysis.id;
    if (!entry.raw || seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    types.push(clean(entry.raw.mediaType));
    blobs.push(Buffer.from(entry.raw.gzip));
  });
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO raw_inputs (doc_id, media_type, gzip)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[]) ORDER BY 1 ON CONFLICT (doc_id) DO NOTHING`,
    [ids, types, blobs],
  );
}

/** Entities, events and diagnostics of newly stored documents, one statement per table. */
async function insertLayers(client: Client, analyses: readonly Analysis[]): Promise<void> {
  const entities: unknown[][] = [[], [], [], [], [], [], []];
  const events: unknown[][] = Array.from({ length: 23 }, () => []);
  const diagnostics: unknown[][] = [[], [], [], [], [], [], []];
  const push = (columns: unknown[][], values: unknown[]) => {
    values.forEach((v, i) => {
      (columns[i] as unknown[]).push(typeof v === 'string' ? clean(v) : v);
    });
  };
  for (const a of analyses) {
    for (const e of a.entities) {
      push(entities, [a.id, e.id, e.name, e.type, e.country ?? null, e.sector ?? null, e.mentions.length]);
    }
    const publishedDay = firstDayOf(a.published);
    a.events.forEach((e, idx) => {
      push(events, [
        a.id,
        idx,
        e.type,
        e.mode ?? null,
        e.status,
        e.cameo ?? null,
        e.quad ?? null,
        e.goldstein ?? null,
        ...participantColumns(e.actor),
        ...participantColumns(e.recipient),
        e.date ?? null,
        firstDayOf(e.date) ?? publishedDay,
        e.start,
        e.end,
        e.rule,
        e.sentence,
        e.confidence ?? null,
      ]);
    });
    a.diagnostics.forEach((d, idx) => {
      push(diagnostics, [a.id, idx, d.ruleId, d.severity, d.reason, d.start ?? null, d.end ?? null]);
    });
  }
  if ((entities[0] as unknown[]).length > 0) {
    await client.query(
      `INSERT INTO entities (doc_id, entity_id, name, type, country, sector, mention_count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])`,
      entities,
    );
  }
  if ((events[0] as unknown[]).length > 0) {
    await client.query(
      `INSERT INTO events (doc_id, idx, type, mode, status, cameo, quad, goldstein,
         actor_text, actor_entity, actor_country, actor_sector,
         recipient_text, recipient_entity, recipient_country, recipient_sector,
         date, day, "start", "end", rule, sentence, confidence)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
         $8::float8[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
         $16::text[], $17::text[], $18::text[], $19::int[], $20::int[], $21::text[], $22::int[], $23::float8[])`,
      events,
    );
  }
  if ((diagnostics[0] as unknown[]).length > 0) {
    await client.query(
      `INSERT INTO diagnostics (doc_id, idx, rule_id, severity, reason, "start", "end")
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[])`,
      diagnostics,
    );
  }
}

/** A tsvector's lexemes must stay under 1 MB in all; a document's terms past this budget are not indexed. */
const SEARCH_BUDGET_BYTES = 512 * 1024;

type SearchWindow = { query: string; bound: string };
type SearchWindows = { dated: SearchWindow[]; undated: SearchWindow[] };
const DATE_START = /^\d{4}-\d{2}-\d{2}/;

/**
 * The windows back from `newest` (a date or instant): its day, its month, its year, then 4, 16 and 64
 * years, each as a tsquery of the window lexemes migration 16 writes (prefix '~', or '~c' for the
 * undated by the day stored), with the odd-dated documents in every one; `bound` is the window's
 * lowest value as text. None when the newest value does not start with a date.
 */
export function searchWindowsFrom(newest: string | null, prefix: string): SearchWindow[] {
  if (newest === null || !DATE_START.test(newest)) return [];
  const [y, m, d] = [newest.slice(0, 4), newest.slice(5, 7), newest.slice(8, 10)];
  const window = (terms: string[], bound: string): SearchWindow => ({
    query: [...terms, 'odd'].map((t) => `'${prefix}${t}'`).join(' | '),
    bound,
  });
  const years = (n: number) =>
    Array.from({ length: Math.min(n, Number(y) + 1) }, (_, i) => String(Number(y) - i).padStart(4, '0'));
  return [
    window([`d${y}${m}${d}`], newest.slice(0, 10)),
    window([`m${y}${m}`], newest.slice(0, 7)),
    window([`y${y}`], y),
    ...[4, 16, 64].map((n) => {
      const list = years(n);
      return window(
        list.map((v) => `y${v}`),
        list.at(-1) as string,
      );
    }),
  ];
}

/** True when an odd value (not starting with a date) sorts before a window's bound: outside it. */
function oddBefore(value: string | null, bound: string): boolean {
  return value !== null && !DATE_START.test(value) && value < bound;
}

/**
 * The tsvector literal of a document: each distinct term once, title terms at position 1 weight A,
 * body terms at position 2 (weight D). Built from search-terms.ts, so PostgreSQL's own parser (and
 * its locale) never decides what a word is.
 */
export function searchVector(title: string, body: string): string {
  const weights = new Map<string, string>();
  for (const term of searchTerms(title)) weights.set(term, '1A');
  for (const term of searchTerms(body)) {
    const w = weights.get(term);
    if (w === undefined) weights.set(term, '2');
    else if (w === '1A') weights.set(term, '1A,2');
  }
  const parts: string[] = [];
  let bytes = 0;
  for (const [term, position] of weights) {
    bytes += Buffer.byteLength(term) + 8;
    if (bytes > SEARCH_BUDGET_BYTES) break;
    parts.push(`${quoteLexeme(term)}:${position}`);
  }
  return parts.join(' ');
}

function quoteLexeme(term: string): string {
  return `'${term.replace(/['\\]/g, (c) => (c === "'" ? "''" : '\\\\'))}'`;
}

/** PostgreSQL text cannot hold NUL; ingest never lets one in, other callers get U+FFFD. */
function clean(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
}

function cleanOrNull(value: string | null | undefined): string | null {
  return value == null ? null : clean(value);
}
