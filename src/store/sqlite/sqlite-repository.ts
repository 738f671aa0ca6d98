import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
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
import {
  type LinkTables,
  linkAnalysis,
  linkHappenings,
  runSync,
  unlinkHappenings,
} from '../link-analysis.js';
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
import { StoreBusyError } from '../repository.js';
import { queryTerms } from '../search-terms.js';
import { STORY_COLUMNS, sourcesByStory, toStoryArticle, toStoryDayRow, toStoryRow } from '../story-row.js';
import { sqliteLinkTables } from './link-tables.js';
import { MIGRATIONS } from './migrations.js';
import { freeSearchKey, leadingMatches, rekeySearchIndex, searchBucket } from './search-order.js';

export interface SqliteOptions extends StoreOptions {
  /**
   * How long one write attempt waits inside SQLite for another connection's write lock (default 100 ms).
   * This wait blocks the thread, so it stays short; the retries below wait without blocking.
   */
  busyTimeoutMs?: number;
  /**
   * How long a write keeps retrying while another connection (a second `tidings ingest`, the server)
   * holds the write lock (default 60 s); after that it fails with `SQLITE_BUSY`. Opening the store
   * (creating it, migrating) waits as long.
   */
  writeRetryMs?: number;
  /** Called each time a write found the database locked and is about to retry. */
  onBusy?: (wait: BusyWait) => void;
}

/** One retry of a write that found the database locked. */
export interface BusyWait {
  attempt: number;
  /** Milliseconds since the write was first tried. */
  waitedMs: number;
  /** The retry budget (`writeRetryMs`). */
  limitMs: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 100;
const DEFAULT_WRITE_RETRY_MS = 60_000;

type Db = Database.Database;

/** Opens (creating and migrating when needed) a SQLite store at `path` or `:memory:`. */
export function openSqliteRepository(path: string, options: SqliteOptions = {}): Repository {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const writeRetryMs = options.writeRetryMs ?? DEFAULT_WRITE_RETRY_MS;
  // Opening happens once, at start: it may block for the whole budget while another writer finishes
  // (switching a new file to WAL and migrating both need the write lock).
  const db = new Database(path, { timeout: writeRetryMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
  // Ingest writes in bursts; checkpointing every ~32 MB of WAL instead of 4 MB halves write time.
  db.pragma('wal_autocheckpoint = 8000');
  migrate(db);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  return new SqliteRepository(db, {
    now: options.now ?? (() => new Date()),
    writeRetryMs,
    ...(options.onBusy ? { onBusy: options.onBusy } : {}),
  });
}

/** Steps a migration takes after its SQL, by the version it brings the schema to. */
const MIGRATION_STEPS: ReadonlyMap<number, (db: Db) => void> = new Map([[16, rekeySearchIndex]]);

/** Applies the pending migrations in one transaction; returns the schema version reached. */
export function migrate(db: Db): number {
  // An up-to-date store is only read: opening it never waits for another writer's lock.
  const current = readVersion(db);
  if (current === MIGRATIONS.length) return current;
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    let version = row?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `sqlite store: the database is at schema version ${version}, newer than this build knows ` +
          `(${MIGRATIONS.length}); upgrade tidings before opening it`,
      );
    }
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
    for (; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] as string);
      MIGRATION_STEPS.get(version + 1)?.(db);
    }
    db.prepare('UPDATE schema_version SET version = ?').run(version);
    return version;
  });
  return apply.immediate();
}

function readVersion(db: Db): number | null {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return null;
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? null;
}

/** SQLITE_BUSY and its variants (SQLITE_BUSY_SNAPSHOT, …): another connection holds the lock. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

interface RepositorySettings {
  now: () => Date;
  writeRetryMs: number;
  onBusy?: (wait: BusyWait) => void;
}

class SqliteRepository implements Repository {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #writeRetryMs: number;
  readonly #onBusy: ((wait: BusyWait) => void) | undefined;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #insertMany: Database.Transaction<(entries: readonly PutEntry[]) => PutResult[]>;
  readonly #link: LinkTables;
  readonly #recode: Database.Transaction<(analysis: Analysis, pipeline: string) => RecodeOutcome | null>;
  readonly #changeEntities: Database.Transaction<(change: EntityChange) => EntityChangeResult>;

  constructor(db: Db, settings: RepositorySettings) {
    this.#db = db;
    this.#link = sqliteLinkTables((sql) => this.#stmt(sql));
    this.#now = settings.now;
    this.#writeRetryMs = settings.writeRetryMs;
    this.#onBusy = settings.onBusy;
    this.#recode = db.transaction((analysis: Analysis, pipeline: string) =>
      this.#recodeOne(analysis, pipeline),
    );
    this.#changeEntities = db.transaction((change: EntityChange) => this.#changeEntitiesNow(change));
    this.#insertMany = db.transaction((entries: readonly PutEntry[]) =>
      entries.map((entry) => {
        const result =
          entry.kind === 'document'
            ? this.#insertAnalysis(
                entry.analysis,
                entry.analysis.rejected ? 'rejected' : 'ok',
                entry.createdAt,
                entry.pipeline,
              )
            : this.#insertAnalysis(rejectedAnalysis(entry.input), 'rejected');
        if (entry.raw) {
          this.#stmt('INSERT OR IGNORE INTO raw_inputs (doc_id, media_type, gzip) VALUES (?, ?, ?)').run(
            result.id,
            entry.raw.mediaType,
            entry.raw.gzip,
          );
        }
        return result;
      }),
    );
  }

  async putDocument(analysis: Analysis): Promise<PutResult> {
    return (await this.putMany([{ kind: 'document', analysis }]))[0] as PutResult;
  }

  async putRejected(input: RejectedInput): Promise<PutResult> {
    return (await this.putMany([{ kind: 'rejected', input }]))[0] as PutResult;
  }

  async putMany(entries: readonly PutEntry[]): Promise<PutResult[]> {
    if (entries.length === 0) return [];
    // IMMEDIATE takes the write lock at BEGIN, so a locked database fails before anything is written
    // and the whole batch can simply be tried again.
    return this.#retryWhileBusy(() => this.#insertMany.immediate(entries));
  }

  async listRecodable(query: RecodableQuery): Promise<string[]> {
    const stale = query.all ? '' : 'AND (pipeline_version IS NULL OR pipeline_version <> @version)';
    return this.#stmt(
      `SELECT id FROM documents WHERE status = 'ok' AND id > @after ${stale} ORDER BY id LIMIT @limit`,
    )
      .pluck()
      .all({
        after: query.after ?? '',
        limit: query.limit,
        ...(query.all ? {} : { version: query.version }),
      }) as string[];
  }

  async pipelineVersions(): Promise<PipelineVersionCount[]> {
    const rows = this.#stmt(
      `SELECT pipeline_version AS version, count(*) AS n FROM documents WHERE status = 'ok'
       GROUP BY pipeline_version ORDER BY n DESC, pipeline_version`,
    ).all() as Row[];
    return rows.map((r) => ({ version: (r.version as string | null) ?? null, documents: Number(r.n) }));
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const aliases = this.#stmt(
      `SELECT name, count(DISTINCT doc_id) AS documents, sum(mention_count) AS mentions FROM entities
       WHERE entity_id = ? GROUP BY name ORDER BY documents DESC, mentions DESC, name`,
    ).all(id) as Row[];
    if (aliases.length === 0) return null;
    const row = this.#stmt(
      `SELECT entity_id, max(type) AS type, max(country) AS country, max(sector) AS sector,
         count(DISTINCT doc_id) AS documents, sum(mention_count) AS mentions
       FROM entities WHERE entity_id = ? GROUP BY entity_id`,
    ).get(id) as Row;
    const overrides = (
      this.#stmt(
        `SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides WHERE entity_id = @id OR into_id = @id ORDER BY id`,
      ).all({ id }) as Row[]
    ).map(toEntityOverride);
    return entityDetail(row, aliases, overrides);
  }

  async listEntityOverrides(): Promise<EntityOverride[]> {
    return (this.#stmt(`SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides ORDER BY id`).all() as Row[]).map(
      toEntityOverride,
    );
  }

  async changeEntities(change: EntityChange): Promise<EntityChangeResult> {
    return this.#retryWhileBusy(() => this.#changeEntities.immediate(change));
  }

  async recodeDocument(analysis: Analysis, pipeline: string): Promise<RecodeOutcome | null> {
    return this.#retryWhileBusy(() => this.#recode.immediate(analysis, pipeline));
  }

  async getDocument(id: string): Promise<Analysis | null> {
    const row = this.#stmt('SELECT text, analysis FROM documents WHERE id = ?').get(id) as
      | { text: string; analysis: string }
      | undefined;
    if (!row) return null;
    return { ...(JSON.parse(row.analysis) as Omit<Analysis, 'text'>), text: row.text } as Analysis;
  }

  async exportDocuments(page: ExportPage): Promise<ExportedDocument[]> {
    const rows = this.#stmt(
      `SELECT d.id, d.status, d.created_at, d.text, d.analysis, r.media_type AS raw_type, r.gzip AS raw_gzip
       FROM documents d LEFT JOIN raw_inputs r ON r.doc_id = d.id
       WHERE d.id > @after ORDER BY d.id LIMIT @limit`,
    ).all({ after: page.after ?? '', limit: page.limit }) as Row[];
    return rows.map(toExported);
  }

  async getRaw(docId: string): Promise<StoredRaw | null> {
    const row = this.#stmt('SELECT media_type, gzip FROM raw_inputs WHERE doc_id = ?').get(docId) as
      | { media_type: string; gzip: Buffer }
      | undefined;
    return row ? { mediaType: row.media_type, gzip: new Uint8Array(row.gzip) } : null;
  }

  async listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>> {
    const terms = queryTerms(query.q);
    // A search with no word in it (only punctuation) matches nothing, rather than "no filter".
    if (query.q !== undefined && query.q.trim() !== '' && terms === null) {
      return { items: [], total: 0, limit: query.limit, offset: query.offset };
    }
    const params = {
      status: query.status ?? null,
      match: terms?.map((t) => `"${t}"`).join(' ') ?? null,
      inTitle: terms?.map((t) => `title : "${t}"`).join(' AND ') ?? null,
      limit: query.limit,
      offset: query.offset,
    };
    // The order of the documents_newest index (SQLite sorts NULL lowest: undated documents come last).
    const newest = 'd.published DESC, d.created_at DESC, d.id';
    let rows: Row[];
    let total: number;
    let capped = false;
    let next: string | null | undefined;
    if (terms) {
      const cap = countCap(query);
      const counted = (
        this.#stmt(
          params.status === null
            ? 'SELECT count(*) AS n FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH @match LIMIT @cap)'
            : `SELECT count(*) AS n FROM (SELECT 1 FROM documents_fts
                 JOIN documents d ON d.search_key = documents_fts.rowid
               WHERE documents_fts MATCH @match AND d.status = @status LIMIT @cap)`,
        ).get(
          params.status === null
            ? { match: params.match, cap }
            : { match: params.match, status: params.status, cap },
        ) as { n: number }
      ).n;
      total = counted;
      if (counted >= cap) capped = true;
      // Documents whose headline holds every word first, then the others; each part newest first (as on
      // PostgreSQL). Two lists rather than one sort over every match, so each can be read in index order.
      const end = query.offset + query.limit;
      const inTitle = this.#newestMatching(params.inTitle, null, params.status, end, 0);
      rows = inTitle.slice(query.offset, end);
      if (inTitle.length < end) {
        const skip = Math.max(0, query.offset - inTitle.length);
        rows.push(
          ...this.#newestMatching(
            params.match,
            params.inTitle,
            params.status,
            query.limit - rows.length,
            skip,
          ),
        );
      }
    } else {
      const from = 'FROM documents d WHERE (@status IS NULL OR d.status = @status)';
      const { status } = params;
      const page: Record<string, unknown> = { status, limit: query.limit + 1, offset: query.offset };
      let keyset = '';
      let dated = false;
      const keyColumns: [string, string, string] = ['d.published', 'd.created_at', 'd.id'];
      if (query.cursor !== undefined) {
        const [published, createdAt, id] = decodeDocumentCursor(query.cursor);
        keyset = ` AND ${afterKey(keyColumns, ['@kp', '@kc', '@ki'], published === null, true)}`;
        if (published !== null) page.kp = published;
        dated = published !== null;
        Object.assign(page, { kc: createdAt, ki: id, offset: 0 });
      }
      const read = (condition: string, values: Record<string, unknown>) =>
        this.#stmt(
          `SELECT ${SUMMARY_COLUMNS} ${from}${condition} ORDER BY ${newest} LIMIT @limit OFFSET @offset`,
        ).all(values) as Row[];
      rows = read(keyset, page);
      if (dated && rows.length <= query.limit) {
        rows.push(
          ...read(` AND ${undatedAfter(keyColumns)}`, {
            status,
            limit: query.limit + 1 - rows.length,
            offset: 0,
          }),
        );
      }
      next = null;
      if (rows.length > query.limit) {
        rows = rows.slice(0, query.limit);
        const last = rows.at(-1) as Row;
        next = encodeCursor('d', [
          last.published as string | null,
          last.created_at as string,
          last.id as string,
        ]);
      }
      total = this.#kept(documentCountNames(query.status));
    }
    return {
      items: rows.map(toSummary),
      total,
      ...(capped ? { totalCapped: true } : {}),
      limit: query.limit,
      offset: query.cursor !== undefined && !terms ? 0 : query.offset,
      ...(next !== undefined ? { next } : {}),
    };
  }

  async listStoredSince(query: { since: string; limit: number }): Promise<DocumentSummary[]> {
    const rows = this.#stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.created_at >= @since AND d.status = 'ok'
       ORDER BY d.created_at, d.id LIMIT @limit`,
    ).all(query) as Row[];
    return rows.map(toSummary);
  }

  /**
   * The events one side's filter matches, as three disjoint lanes: its country; its entity id (another
   * country); part of its text (neither). Each lane is a SELECT of (r, day, doc_id, idx) that an index
   * returns newest first (migration 14), so their merge stops at the page whatever the store's size.
   * The text lane reads the events whose side text holds the value's trigrams: by rowid, sorted, when
   * there are few; walking the list order when there are many, or for a value too short for trigrams.
   * `count` holds the same lanes for counting up to a cap; with many text matches its text lane reads only
   * the first TEXT_MATCHES_COUNTED of them, and `cut` says the count may then be short (a lower bound).
   */
  #sideLanes(
    role: 'actor' | 'recipient',
    params: Record<string, unknown>,
    query: EventQuery,
  ): { page: string[]; count: string[]; cut: boolean } {
    const columns = 'e.rowid AS r, e.day AS day, e.doc_id AS doc_id, e.idx AS idx';
    const notCountry = `e.${role}_country IS NOT upper(@${role})`;
    const rest = `e.${role}_text LIKE @${role}Like ESCAPE '\\' AND ${notCountry} AND coalesce(e.${role}_entity = @${role} COLLATE NOCASE, 0) = 0`;
    const first = [
      `SELECT ${columns} FROM events e WHERE e.${role}_country = upper(@${role})`,
      `SELECT ${columns} FROM events e WHERE e.${role}_entity = @${role} COLLATE NOCASE AND ${notCountry}`,
    ];
    const walkIndex = query.docId
      ? ''
      : query.type
        ? ' INDEXED BY events_by_type_newest'
        : ' INDEXED BY events_newest';
    const walk = `SELECT ${columns} FROM events e${walkIndex} WHERE ${rest}`;
    if (params[`${role}Match`] === undefined)
      return { page: [...first, walk], count: [...first, walk], cut: false };
    const matches = `SELECT rowid FROM events_parties WHERE events_parties MATCH @${role}Match`;
    const countMatches = (cap: number) =>
      (
        this.#stmt(`SELECT count(*) AS n FROM (${matches} LIMIT ${cap})`).get({
          [`${role}Match`]: params[`${role}Match`],
        }) as { n: number }
      ).n;
    const found = countMatches(FEW_TEXT_MATCHES);
    const sorted = `SELECT ${columns} FROM events e WHERE e.rowid IN (${matches}) AND ${rest}`;
    if (found < FEW_TEXT_MATCHES) return { page: [...first, sorted], count: [...first, sorted], cut: false };
    // Many: the count reads at most TEXT_MATCHES_COUNTED of them, and says so (a lower bound) when there are more.
    const asTheyCome = `SELECT ${columns} FROM (${matches} LIMIT ${TEXT_MATCHES_COUNTED}) m
      CROSS JOIN events e ON e.rowid = m.rowid WHERE ${rest}`;
    return {
      page: [...first, walk],
      count: [...first, asTheyCome],
      cut: countMatches(TEXT_MATCHES_COUNTED + 1) > TEXT_MATCHES_COUNTED,
    };
  }

  async queryEvents(query: EventQuery): Promise<Page<EventRow>> {
    const { where, params } = conditions(query.limit, query.offset);
    // The first side filtered on leads: its matches are read as three disjoint lanes, each newest first
    // (sideLanes); the other side, if given too, is one more condition.
    const lead = (['actor', 'recipient'] as const).find((r) => query[r]);
    for (const role of ['actor', 'recipient'] as const) {
      // A NUL would end FTS5's query and LIKE's pattern (C strings): read as U+FFFD, as PostgreSQL
      // stores it, so both engines answer alike.
      const value = query[role]?.replaceAll('\u0000', '\ufffd');
      if (!value) continue;
      const trigrams = [...value].length >= 3;
      params[role] = value;
      params[`${role}Like`] = `%${escapeLike(value)}%`;
      if (trigrams) params[`${role}Match`] = `${role} : "${value.replaceAll('"', '""')}"`;
      if (role !== lead) where.push(sideCondition(role, trigrams));
    }
    addCondition(where, params, 'e.type = upper(@type)', 'type', query.type);
    addCondition(where, params, 'e.status = @status', 'status', query.status);
    addCondition(where, params, 'e.doc_id = @docId', 'docId', query.docId);
    if (query.minConfidence !== undefined) {
      where.push('e.confidence >= @minConfidence');
      params.minConfidence = query.minConfidence;
    }
    addCondition(where, params, 'e.day >= @from', 'from', query.from ? firstDayOf(query.from) : null);
    addCondition(where, params, 'e.day <= @to', 'to', query.to ? lastDayOf(query.to) : null);
    const { limit: _l, offset: _o, ...countParams } = params;
    const page: Record<string, unknown> = { ...params, limit: query.limit + 1 };
    let keyset = '';
    let dated = false;
    const keyColumns: [string, string, string] = ['e.day', 'e.doc_id', 'e.idx'];
    if (query.cursor !== undefined) {
      const [day, docId, idx] = decodeEventCursor(query.cursor);
      keyset = afterKey(keyColumns, ['@kd', '@kdoc', '@kidx'], day === null, false);
      if (day !== null) page.kd = day;
      dated = day !== null;
      Object.assign(page, { kdoc: docId, kidx: idx, offset: 0 });
    }
    const lanes = lead ? this.#sideLanes(lead, params, query) : null;
    // The order of the events_newest index (undated events last: SQLite sorts NULL lowest).
    const order = 'ORDER BY day DESC, doc_id, idx';
    const read = (condition: string, values: Record<string, unknown>) => {
      const all = condition ? [...where, condition] : where;
      const keep = all.length ? ` AND ${all.join(' AND ')}` : '';
      const rows = lanes
        ? `(${lanes.page.map((lane) => `${lane}${keep}`).join(' UNION ALL ')} ${order} LIMIT @limit OFFSET @offset) c
           CROSS JOIN events e ON e.rowid = c.r`
        : `(SELECT e.rowid AS r FROM events e ${all.length ? `WHERE ${all.join(' AND ')}` : ''}
           ORDER BY e.day DESC, e.doc_id, e.idx LIMIT @limit OFFSET @offset) c CROSS JOIN events e ON e.rowid = c.r`;
      return this.#stmt(
        `SELECT ${EVENT_COLUMNS}, e.day AS sort_day FROM ${rows} JOIN documents d ON d.id = e.doc_id
         ORDER BY e.day DESC, e.doc_id, e.idx`,
      ).all(values) as Row[];
    };
    let rows = read(keyset, page);
    if (dated && rows.length <= query.limit) {
      rows.push(
        ...read(undatedAfter(keyColumns), { ...params, limit: query.limit + 1 - rows.length, offset: 0 }),
      );
    }
    let next: string | null = null;
    if (rows.length > query.limit) {
      rows = rows.slice(0, query.limit);
      const last = rows.at(-1) as Row;
      next = encodeCursor('e', [last.sort_day as string | null, last.doc_id as string, last.idx as number]);
    }
    // Every filter is on the events, and every event has its document: the count needs no join. No
    // filter, or the type alone: the kept count; otherwise counted up to the cap, lane after lane.
    let total: number;
    let capped = false;
    if (where.length === 0 && !lanes) total = this.#kept(['events']);
    else if (where.length === 1 && query.type && !lanes)
      total = this.#kept([`events:${query.type.toUpperCase()}`]);
    else {
      const cap = countCap(query);
      const keep = where.length ? ` AND ${where.join(' AND ')}` : '';
      const counted = lanes
        ? lanes.count.map((lane) => `${lane}${keep}`).join(' UNION ALL ')
        : `SELECT 1 FROM events e WHERE ${where.join(' AND ')}`;
      total = (
        this.#stmt(`SELECT count(*) AS n FROM (${counted} LIMIT @cap)`).get({ ...countParams, cap }) as {
          n: number;
        }
      ).n;
      capped = total >= cap || lanes?.cut === true;
      // A lower bound is never below what the pages already showed.
      if (lanes?.cut) total = Math.max(total, (query.cursor !== undefined ? 0 : query.offset) + rows.length);
    }
    return {
      items: rows.map(toEventRow),
      total,
      ...(capped ? { totalCapped: true } : {}),
      limit: query.limit,
      offset: query.cursor !== undefined ? 0 : query.offset,
      next,
    };
  }

  async listEntities(query: EntityQuery): Promise<Page<EntityRow>> {
    const { where, params } = conditions(query.limit, query.offset);
    addCondition(where, params, 'doc_id = @docId', 'docId', query.docId);
    if (query.q) {
      where.push(`(entity_id = @q COLLATE NOCASE OR country = upper(@q) OR name LIKE @qLike ESCAPE '\\')`);
      params.q = query.q;
      params.qLike = `%${escapeLike(query.q)}%`;
    }
    addCondition(where, params, 'type = @type', 'type', query.type);
    addCondition(where, params, 'country = upper(@country)', 'country', query.country);
    const filter = `FROM entities ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const rows = this.#stmt(
      `SELECT entity_id, max(name) AS name, max(type) AS type, max(country) AS country, max(sector) AS sector,
         count(DISTINCT doc_id) AS documents, sum(mention_count) AS mentions
       ${filter} GROUP BY entity_id ORDER BY documents DESC, mentions DESC, entity_id LIMIT @limit OFFSET @offset`,
    ).all(params) as Row[];
    const { limit: _l, offset: _o, ...countParams } = params;
    const total = (
      this.#stmt(`SELECT count(DISTINCT entity_id) AS n ${filter}`).get(countParams) as { n: number }
    ).n;
    return {
      items: rows.map(toEntityRow),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async getDiagnostics(docId: string): Promise<StoredDiagnostic[] | null> {
    if (!this.#stmt('SELECT 1 FROM documents WHERE id = ?').get(docId)) return null;
    const rows = this.#stmt(
      'SELECT rule_id, severity, reason, "start", "end" FROM diagnostics WHERE doc_id = ? ORDER BY idx',
    ).all(docId) as Row[];
    return rows.map(toDiagnostic);
  }

  async stats(): Promise<StoreStats> {
    const kept = this.#stmt('SELECT name, n FROM kept_counts').all() as { name: string; n: number }[];
    const named = new Map(kept.map((r) => [r.name, r.n]));
    const ok = named.get('documents:ok') ?? 0;
    const rejected = named.get('documents:rejected') ?? 0;
    const count = (sql: string) => (this.#stmt(sql).get() as { n: number }).n;
    const byType = kept
      .filter((r) => r.name.startsWith('events:') && r.n > 0)
      .map((r) => ({ type: r.name.slice('events:'.length), n: r.n }))
      .sort((a, b) => b.n - a.n || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    return {
      engine: 'sqlite',
      schemaVersion: (this.#stmt('SELECT version FROM schema_version').get() as { version: number }).version,
      documents: ok + rejected,
      ok,
      rejected,
      entities: count('SELECT count(DISTINCT entity_id) AS n FROM entities'),
      events: named.get('events') ?? 0,
      diagnostics: count('SELECT count(*) AS n FROM diagnostics'),
      eventsByType: Object.fromEntries(byType.map((r) => [r.type, r.n])),
    };
  }

  async getNearDuplicates(docId: string): Promise<NearDuplicates | null> {
    if (!this.#stmt('SELECT 1 FROM documents WHERE id = ?').get(docId)) return null;
    const link = (row: Row): NearDuplicateLink => ({
      docId: row.id as string,
      title: (row.title as string | null) ?? null,
      uri: row.uri as string,
      published: (row.published as string | null) ?? null,
      similarity: Number(row.similarity),
      method: row.method as NearDuplicateLink['method'],
    });
    const original = this.#stmt(
      `SELECT d.id, d.title, d.uri, d.published, n.similarity, n.method FROM near_duplicates n
         JOIN documents d ON d.id = n.original_id WHERE n.doc_id = ?`,
    ).get(docId) as Row | undefined;
    const copies = this.#stmt(
      `SELECT d.id, d.title, d.uri, d.published, n.similarity, n.method FROM near_duplicates n
         JOIN documents d ON d.id = n.doc_id WHERE n.original_id = ? ORDER BY n.similarity DESC, d.id LIMIT 1000`,
    ).all(docId) as Row[];
    return { original: original ? link(original) : null, copies: copies.map(link) };
  }

  async listHappenings(query: HappeningQuery): Promise<Page<HappeningRow>> {
    const { where, params } = conditions(query.limit, query.offset);
    let n = 0;
    for (const [column, value] of [
      ...partyConditions('actor', query.actor),
      ...partyConditions('recipient', query.recipient),
    ]) {
      where.push(`${column} = @p${n}`);
      params[`p${n++}`] = value;
    }
    addCondition(where, params, 'h.type = upper(@type)', 'type', query.type);
    addCondition(where, params, 'h.day >= @from', 'from', query.from ? firstDayOf(query.from) : null);
    addCondition(where, params, 'h.day <= @to', 'to', query.to ? lastDayOf(query.to) : null);
    addCondition(
      where,
      params,
      'h.id IN (SELECT happening_id FROM happening_mentions WHERE doc_id = @docId)',
      'docId',
      query.docId,
    );
    if (query.minSources !== undefined) {
      where.push('h.num_sources >= @minSources');
      params.minSources = query.minSources;
    }
    const filter = `FROM happenings h ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const rows = this.#stmt(
      `SELECT ${HAPPENING_ROW_COLUMNS} ${filter} ORDER BY h.day DESC, h.num_sources DESC, h.id LIMIT @limit OFFSET @offset`,
    ).all(params) as Row[];
    const { limit: _l, offset: _o, ...countParams } = params;
    const total = (this.#stmt(`SELECT count(*) AS n ${filter}`).get(countParams) as { n: number }).n;
    return { items: rows.map(toHappeningRow), total, limit: query.limit, offset: query.offset };
  }

  async getHappening(id: number): Promise<HappeningDetail | null> {
    const row = this.#stmt(`SELECT ${HAPPENING_ROW_COLUMNS} FROM happenings h WHERE h.id = ?`).get(id) as
      | Row
      | undefined;
    if (!row) return null;
    const mentions = (
      this.#stmt(
        `SELECT m.doc_id, m.idx, m.source, m.sentence, m.reason, d.title, d.uri, d.published
         FROM happening_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.happening_id = ?
         ORDER BY d.published IS NULL, d.published, m.rowid LIMIT 10000`,
      ).all(id) as Row[]
    ).map(toHappeningMention);
    return { ...toHappeningRow(row), mentions, sources: sourcesOf(mentions) };
  }

  async relationCounts(query: RelationQuery): Promise<RelationCountRow[]> {
    const { a, b, lo, hi } = relationBounds(query);
    const rows = this.#stmt(
      `SELECT actor, recipient, period, type, quad, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
       WHERE actor = @a AND recipient = @b AND period >= @lo AND period <= @hi
       UNION ALL
       SELECT actor, recipient, period, type, quad, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
       WHERE actor = @b AND recipient = @a AND @a <> @b AND period >= @lo AND period <= @hi
       ORDER BY period, actor, type, quad`,
    ).all({ a, b, lo, hi }) as Row[];
    return rows.map((r) => toRelationCountRow(r, a));
  }

  async listStories(query: StoryQuery): Promise<Page<StoryRow>> {
    const { where, params } = conditions(query.limit, query.offset);
    addCondition(where, params, 's.last_seen >= @from', 'from', query.from ? firstDayOf(query.from) : null);
    addCondition(where, params, 's.first_seen <= @to', 'to', query.to ? lastDayOf(query.to) : null);
    if (query.minSize !== undefined) {
      where.push('s.size >= @minSize');
      params.minSize = query.minSize;
    }
    if (query.ids) {
      where.push('s.id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(query.ids);
    }
    const filter = `FROM stories s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const rows = this.#stmt(
      `SELECT ${STORY_COLUMNS} ${filter} ORDER BY s.last_seen DESC, s.id DESC LIMIT @limit OFFSET @offset`,
    ).all(params) as Row[];
    const { limit: _l, offset: _o, ...countParams } = params;
    const total = (this.#stmt(`SELECT count(*) AS n ${filter}`).get(countParams) as { n: number }).n;
    const sources = sourcesByStory(
      rows.length === 0
        ? []
        : (this.#stmt(
            `SELECT story_id, source FROM story_sources WHERE story_id IN (SELECT value FROM json_each(?))
             ORDER BY story_id, articles DESC, source`,
          ).all(JSON.stringify(rows.map((r) => Number(r.id)))) as Row[]),
    );
    return {
      items: rows.map((r) => toStoryRow(r, sources.get(Number(r.id)) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async getStory(id: number): Promise<StoryDetail | null> {
    const row = this.#stmt(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`).get(id) as
      | Row
      | undefined;
    if (!row) return null;
    const sources = this.#stmt(
      'SELECT story_id, source FROM story_sources WHERE story_id = ? ORDER BY articles DESC, source',
    ).all(id) as Row[];
    const articles = this.#stmt(
      `SELECT m.doc_id, m.score, m.source, d.title, d.uri, d.published FROM story_members m
         JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ?
       ORDER BY m.day IS NULL, m.day, d.published, m.doc_id LIMIT 10000`,
    ).all(id) as Row[];
    return {
      ...toStoryRow(row, sourcesByStory(sources).get(id) ?? []),
      articles: articles.map(toStoryArticle),
    };
  }

  async storyOfDocument(docId: string): Promise<number | null> {
    const id = this.#stmt('SELECT story_id FROM story_members WHERE doc_id = ?').pluck().get(docId);
    return id === undefined ? null : Number(id);
  }

  async storyDays(ids: readonly number[], from: string): Promise<StoryDayRow[]> {
    if (ids.length === 0) return [];
    const rows = this.#stmt(
      `SELECT story_id, day, count(*) AS n FROM story_members
        WHERE story_id IN (SELECT value FROM json_each(?)) AND day >= ?
        GROUP BY story_id, day ORDER BY story_id, day`,
    ).all(JSON.stringify(ids), from) as Row[];
    return rows.map(toStoryDayRow);
  }

  async topRelations(query: TopRelationsQuery): Promise<TopRelationRow[]> {
    const bounds = topBounds(query);
    const rows = this.#stmt(topRelationsSql(query.kind, (name) => `@${name}`)).all({
      ...bounds,
      limit: query.limit,
    }) as Row[];
    return rows.map(toTopRelationRow);
  }

  async enqueue(inputs: readonly QueueInput[]): Promise<EnqueueResult[]> {
    if (inputs.length === 0) return [];
    const insert = this.#stmt(
      `INSERT INTO queue (input_key, uri, media_type, published, fetched, source, text, diagnostics, rejected,
         bytes_hash, blocks, raw_media_type, raw_gzip, enqueued_at)
       VALUES (@key, @uri, @mediaType, @published, @fetched, @source, @text, @diagnostics, @rejected, @bytesHash,
         @blocks, @rawMediaType, @rawGzip, @at)
       ON CONFLICT (input_key) DO NOTHING`,
    );
    const existing = this.#stmt('SELECT id FROM queue WHERE input_key = ?');
    const at = this.#now().toISOString();
    const enqueueAll = this.#db.transaction(() =>
      inputs.map((input): EnqueueResult => {
        const key = queueKey(input);
        const info = insert.run({
          key,
          uri: input.source.uri,
          mediaType: input.source.mediaType ?? null,
          published: input.source.published ?? null,
          fetched: input.source.fetched ?? null,
          source: JSON.stringify(input.source),
          text: input.text,
          diagnostics: JSON.stringify(input.diagnostics),
          rejected: input.rejected ? 1 : 0,
          bytesHash: input.bytesHash ?? null,
          blocks: input.blocks ? JSON.stringify(input.blocks) : null,
          rawMediaType: input.raw?.mediaType ?? null,
          rawGzip: input.raw?.gzip ?? null,
          at,
        });
        if (info.changes > 0) return { id: Number(info.lastInsertRowid), status: 'queued' };
        return { id: (existing.get(key) as { id: number }).id, status: 'already-queued' };
      }),
    );
    return this.#retryWhileBusy(() => enqueueAll.immediate());
  }

  async claim(options: ClaimOptions): Promise<Claim> {
    const token = randomUUID();
    // SQLite has one writer at a time: an immediate transaction is the claim's lock.
    const claimSome = this.#db.transaction(() => {
      const nowMs = Date.now();
      const claimable = `SELECT id FROM queue WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < @nowMs)
           ORDER BY id LIMIT @limit`;
      this.#stmt(
        `UPDATE queue SET state = 'failed', error = @error, finished_at = @at, text = '', blocks = NULL, raw_gzip = NULL
           WHERE id IN (${claimable.replace('ORDER BY', 'AND attempts >= @max ORDER BY')})`,
      ).run({
        nowMs,
        limit: options.limit,
        max: options.maxAttempts,
        error: exhaustedReason(options.maxAttempts),
        at: this.#now().toISOString(),
      });
      return this.#stmt(
        `UPDATE queue SET claim = @token, claimed_by = @worker, lease_until = @until, attempts = attempts + 1
           WHERE id IN (${claimable}) RETURNING ${QUEUE_COLUMNS}`,
      ).all({
        nowMs,
        limit: options.limit,
        token,
        worker: options.worker,
        until: nowMs + options.leaseMs,
      }) as Row[];
    });
    const items = await this.#retryWhileBusy(() => claimSome.immediate());
    return { token, items: items.map(toClaimedItem).sort((a, b) => a.id - b.id) };
  }

  async complete(token: string, done: readonly CompletedItem[]): Promise<CompleteResult[]> {
    if (done.length === 0) return [];
    const held = this.#stmt("SELECT 1 FROM queue WHERE id = ? AND claim = ? AND state = 'pending'");
    const finish = this.#stmt(
      `UPDATE queue SET state = 'done', result = @result, doc_id = @docId, finished_at = @at, text = '', blocks = NULL, raw_gzip = NULL,
         lease_until = NULL, error = NULL WHERE id = @id`,
    );
    const completeAll = this.#db.transaction(() => {
      const at = this.#now().toISOString();
      return done.map(({ itemId, entry }): CompleteResult => {
        if (!held.get(itemId, token)) return { itemId, status: 'lost', docId: null };
        const put =
          entry.kind === 'document'
            ? this.#insertAnalysis(entry.analysis, 'ok', undefined, entry.pipeline)
            : this.#insertAnalysis(rejectedAnalysis(entry.input), 'rejected');
        const status = entry.kind === 'rejected' ? 'rejected' : put.status;
        finish.run({ id: itemId, result: status, docId: put.id, at });
        return { itemId, status, docId: put.id };
      });
    });
    return this.#retryWhileBusy(() => completeAll.immediate());
  }

  async fail(token: string, itemId: number, reason: string): Promise<boolean> {
    const statement = this.#stmt(
      `UPDATE queue SET state = 'failed', error = @reason, finished_at = @at, text = '', blocks = NULL, raw_gzip = NULL, lease_until = NULL
       WHERE id = @itemId AND claim = @token AND state = 'pending'`,
    );
    const at = this.#now().toISOString();
    const info = await this.#retryWhileBusy(() => statement.run({ itemId, token, reason, at }));
    return info.changes > 0;
  }

  async release(token: string): Promise<number> {
    const statement = this.#stmt(
      `UPDATE queue SET claim = NULL, claimed_by = NULL, lease_until = NULL, attempts = max(attempts - 1, 0)
       WHERE claim = ? AND state = 'pending'`,
    );
    const info = await this.#retryWhileBusy(() => statement.run(token));
    return info.changes;
  }

  async status(): Promise<StoreStatus> {
    const documents = (this.#stmt('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const q = this.#stmt(
      `SELECT coalesce(sum(result = 'inserted'), 0) AS processed, coalesce(sum(result = 'duplicate'), 0) AS duplicates,
         coalesce(sum(result = 'rejected'), 0) AS rejected, coalesce(sum(state = 'pending'), 0) AS pending,
         coalesce(sum(state = 'failed'), 0) AS failed
       FROM queue`,
    ).get() as Omit<StoreStatus, 'documents'>;
    return { documents, ...q };
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Runs a write, and while another connection holds the write lock, tries again after a short,
   * growing, jittered pause — awaited, so a server keeps answering meanwhile — for up to
   * `writeRetryMs`; then fails with SQLITE_BUSY and says how long it waited.
   */
  async #retryWhileBusy<T>(write: () => T): Promise<T> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return write();
      } catch (error) {
        if (!isBusyError(error)) throw error;
        const waitedMs = Math.round(performance.now() - started);
        if (waitedMs >= this.#writeRetryMs) {
          throw new StoreBusyError(
            `the database stayed locked by another writer for ${(waitedMs / 1000).toFixed(1)} s ` +
              `(${attempt} attempts); nothing from this write was stored`,
            (error as { code: string }).code,
            waitedMs,
            { cause: error },
          );
        }
        this.#onBusy?.({ attempt, waitedMs, limitMs: this.#writeRetryMs });
        const pause = Math.min(25 * 2 ** Math.min(attempt - 1, 5), 500);
        await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * (pause / 2)));
      }
    }
  }

  /** Statements are compiled once per distinct SQL text (a handful of query shapes). */
  #stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Adds to the kept counts (migration 11). */
  #keepCounts(deltas: readonly [string, number][]): void {
    const keep = this.#stmt(
      'INSERT INTO kept_counts (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n',
    );
    for (const [name, n] of deltas) keep.run(name, n);
  }

  /** The sum of kept counts (migration 11). */
  #kept(names: readonly string[]): number {
    let n = 0;
    const read = this.#stmt('SELECT n FROM kept_counts WHERE name = ?').pluck();
    for (const name of names) n += Number(read.get(name) ?? 0);
    return n;
  }

  /**
   * Documents matching an FTS query (and not `except`), in list order: the first matches by search key
   * (search-order.ts), read from the full-text index as it returns them, then sorted exactly by SQLite.
   * With a status filter the keys read may hold too few of that status: then four times as many.
   */
  #newestMatching(
    match: string | null,
    except: string | null,
    status: string | null,
    limit: number,
    offset: number,
  ): Row[] {
    if (limit <= 0 || match === null) return [];
    const query = except ? `(${match}) NOT (${except})` : match;
    const page = this.#stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d
       WHERE d.search_key IN (SELECT value FROM json_each(@keys)) AND (@status IS NULL OR d.status = @status)
       ORDER BY d.published DESC, d.created_at DESC, d.id LIMIT @limit OFFSET @offset`,
    );
    for (let wanted = offset + limit; ; wanted *= 4) {
      const { keys, exhausted } = leadingMatches(this.#db, query, wanted);
      const rows = page.all({ keys: JSON.stringify(keys), status, limit, offset }) as Row[];
      if (exhausted || status === null || rows.length >= limit) return rows;
    }
  }

  #insertAnalysis(
    analysis: Analysis,
    status: DocumentStatus,
    createdAt?: string,
    pipeline?: string,
  ): PutResult {
    const { text, ...rest } = analysis;
    const body = keptText(analysis);
    const stored = createdAt ?? this.#now().toISOString();
    const searchKey = freeSearchKey(
      (sql) => this.#stmt(sql),
      searchBucket(analysis.published ?? null, stored),
    );
    const info = this.#stmt(
      `INSERT OR IGNORE INTO documents (id, uri, title, published, fetched, media_type, status, text, analysis,
         snippet, reason, sentence_count, entity_count, event_count, diagnostic_count, tone, created_at,
         pipeline_version, search_key)
       VALUES (@id, @uri, @title, @published, @fetched, @mediaType, @status, @text, @analysis,
         @snippet, @reason, @sentences, @entities, @events, @diagnostics, @tone, @createdAt, @pipeline, @searchKey)`,
    ).run({
      searchKey,
      pipeline: status === 'ok' ? (pipeline ?? null) : null,
      id: analysis.id,
      uri: analysis.source.uri,
      title: analysis.title,
      published: analysis.published,
      fetched: analysis.source.fetched ?? null,
      mediaType: analysis.source.mediaType ?? null,
      status,
      text,
      analysis: JSON.stringify(rest),
      snippet: snippetOf(body),
      reason: status === 'rejected' ? rejectionReason(analysis) : null,
      sentences: analysis.sentences.length,
      entities: analysis.entities.length,
      events: analysis.events.length,
      diagnostics: analysis.diagnostics.length,
      tone: documentTone(analysis),
      createdAt: stored,
    });
    if (info.changes === 0) return { id: analysis.id, status: 'duplicate' };

    this.#stmt('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(
      searchKey,
      analysis.title ?? '',
      body,
    );
    // The stored analysis is the pipeline's; the rows and links carry the store's canonical entities.
    const canonical = status === 'ok' ? withOverrides(analysis, this.#resolver()) : analysis;
    this.#insertLayers(canonical);
    this.#keepCounts(keptCountDeltas([{ status, analysis }]));
    if (status === 'ok') runSync(linkAnalysis(this.#link, canonical));
    return { id: analysis.id, status: 'inserted' };
  }

  /** A document's entities, events and diagnostics. */
  #insertLayers(analysis: Analysis): void {
    const insertEntity = this.#stmt(
      `INSERT INTO entities (doc_id, entity_id, name, type, country, sector, mention_count)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const entity of analysis.entities) {
      insertEntity.run(
        analysis.id,
        entity.id,
        entity.name,
        entity.type,
        entity.country ?? null,
        entity.sector ?? null,
        entity.mentions.length,
      );
    }
    const insertEvent = this.#stmt(
      `INSERT INTO events (doc_id, idx, type, mode, status, cameo, quad, goldstein,
         actor_text, actor_entity, actor_country, actor_sector,
         recipient_text, recipient_entity, recipient_country, recipient_sector,
         date, day, "start", "end", rule, sentence, confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const publishedDay = firstDayOf(analysis.published);
    analysis.events.forEach((event, idx) => {
      insertEvent.run(
        analysis.id,
        idx,
        event.type,
        event.mode ?? null,
        event.status,
        event.cameo ?? null,
        event.quad ?? null,
        event.goldstein ?? null,
        ...participantColumns(event.actor),
        ...participantColumns(event.recipient),
        event.date ?? null,
        firstDayOf(event.date) ?? publishedDay,
        event.start,
        event.end,
        event.rule,
        event.sentence,
        event.confidence ?? null,
      );
    });
    const insertDiagnostic = this.#stmt(
      `INSERT INTO diagnostics (doc_id, idx, rule_id, severity, reason, "start", "end") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    analysis.diagnostics.forEach((d, idx) => {
      insertDiagnostic.run(analysis.id, idx, d.ruleId, d.severity, d.reason, d.start ?? null, d.end ?? null);
    });
  }

  /** See Repository.recodeDocument; runs inside a write transaction. */
  #recodeOne(analysis: Analysis, pipeline: string): RecodeOutcome | null {
    const row = this.#stmt(
      'SELECT rowid, search_key, status, text, analysis, pipeline_version FROM documents WHERE id = ?',
    ).get(analysis.id) as Row | undefined;
    if (row?.status !== 'ok') return null;
    if (row.text !== analysis.text || analysis.rejected) {
      throw new Error(
        `recodeDocument: the analysis of ${analysis.id} is rejected or its text differs from the stored text; a re-coded analysis keeps the text`,
      );
    }
    const previous = (row.pipeline_version as string | null) ?? null;
    const { text, ...rest } = analysis;
    const json = JSON.stringify(rest);
    const happenings = { removed: 0, left: 0, created: 0, joined: 0 };
    if (json === row.analysis) {
      this.#stmt('UPDATE documents SET pipeline_version = ? WHERE id = ?').run(pipeline, analysis.id);
      return { status: 'unchanged', previous, happenings };
    }
    const unlinked = runSync(unlinkHappenings(this.#link, analysis.id));
    const before = this.#stmt('SELECT type FROM events WHERE doc_id = ?')
      .pluck()
      .all(analysis.id) as string[];
    this.#keepCounts(recodedEventDeltas(before, analysis));
    for (const table of ['entities', 'events', 'diagnostics']) {
      this.#stmt(`DELETE FROM ${table} WHERE doc_id = ?`).run(analysis.id);
    }
    const body = keptText(analysis);
    this.#stmt(
      `UPDATE documents SET title = @title, analysis = @analysis, snippet = @snippet, sentence_count = @sentences,
         entity_count = @entities, event_count = @events, diagnostic_count = @diagnostics, tone = @tone,
         pipeline_version = @pipeline
       WHERE id = @id`,
    ).run({
      id: analysis.id,
      title: analysis.title,
      analysis: json,
      snippet: snippetOf(body),
      sentences: analysis.sentences.length,
      entities: analysis.entities.length,
      events: analysis.events.length,
      diagnostics: analysis.diagnostics.length,
      tone: documentTone(analysis),
      pipeline,
    });
    this.#stmt('DELETE FROM documents_fts WHERE rowid = ?').run(row.search_key);
    this.#stmt('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(
      row.search_key,
      analysis.title ?? '',
      body,
    );
    const canonical = withOverrides(analysis, this.#resolver());
    this.#insertLayers(canonical);
    const linked = runSync(linkHappenings(this.#link, canonical));
    return { status: 'recoded', previous, happenings: { ...unlinked, ...linked } };
  }

  /** The overrides in force, as a resolver (null when there are none); read inside the write transaction. */
  #resolver() {
    const rows = this.#stmt(
      `SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides WHERE reverted_at IS NULL ORDER BY id`,
    ).all() as Row[];
    return rows.length === 0 ? null : entityResolver(rows.map(toEntityOverride));
  }

  /** See Repository.changeEntities; runs inside a write transaction. */
  #changeEntitiesNow(change: EntityChange): EntityChangeResult {
    const all = (
      this.#stmt(`SELECT ${OVERRIDE_COLUMNS} FROM entity_overrides ORDER BY id`).all() as Row[]
    ).map(toEntityOverride);
    const before = entityResolver(all);
    const now = this.#now().toISOString();
    let override: EntityOverride;
    if (change.kind === 'revert') {
      const found = all.find((o) => o.id === change.id);
      if (!found) throw new EntityChangeError(`no entity override has the id ${change.id}`, 404);
      if (found.revertedAt !== null) {
        throw new EntityChangeError(`entity override ${change.id} was reverted at ${found.revertedAt}`);
      }
      this.#stmt('UPDATE entity_overrides SET reverted_at = ? WHERE id = ?').run(now, found.id);
      override = { ...found, revertedAt: now };
    } else {
      const has = (sql: string, ...values: string[]) => this.#stmt(sql).get(...values) !== undefined;
      const planned = planOverride(all, change, {
        entity: has('SELECT 1 FROM entities WHERE entity_id = ? LIMIT 1', change.entity.trim()),
        into:
          change.kind === 'merge' &&
          has('SELECT 1 FROM entities WHERE entity_id = ? LIMIT 1', change.into.trim()),
        alias:
          change.kind === 'split' &&
          has(
            'SELECT 1 FROM entities WHERE entity_id = ? AND name = ? LIMIT 1',
            change.entity.trim(),
            change.alias,
          ),
      });
      const info = this.#stmt(
        `INSERT INTO entity_overrides (kind, entity_id, into_id, alias, note, created_at)
         VALUES (@kind, @entity, @into, @alias, @note, @createdAt)`,
      ).run({ ...planned, createdAt: now });
      override = { ...planned, id: Number(info.lastInsertRowid), createdAt: now };
    }
    const after = entityResolver([...all.filter((o) => o.id !== override.id), override]);
    const ids = touchedIds(override, before, after);
    const docs = this.#stmt(
      `SELECT id FROM documents WHERE status = 'ok' AND id IN
         (SELECT doc_id FROM entities WHERE entity_id IN (SELECT value FROM json_each(?)))
       ORDER BY created_at, id`,
    )
      .pluck()
      .all(JSON.stringify(ids)) as string[];
    const happenings = { removed: 0, left: 0, created: 0, joined: 0 };
    // Every document out of its happenings first, so none is linked again against another's old rows.
    for (const docId of docs) {
      const unlinked = runSync(unlinkHappenings(this.#link, docId));
      happenings.removed += unlinked.removed;
      happenings.left += unlinked.left;
      for (const table of ['entities', 'events', 'diagnostics']) {
        this.#stmt(`DELETE FROM ${table} WHERE doc_id = ?`).run(docId);
      }
    }
    for (const docId of docs) {
      const row = this.#stmt('SELECT text, analysis FROM documents WHERE id = ?').get(docId) as Row;
      const stored = { ...(JSON.parse(row.analysis as string) as object), text: row.text } as Analysis;
      const canonical = withOverrides(stored, after);
      this.#insertLayers(canonical);
      const linked = runSync(linkHappenings(this.#link, canonical));
      happenings.created += linked.created;
      happenings.joined += linked.joined;
    }
    return { override, documents: docs.length, happenings };
  }
}

/**
 * Below this many events whose side text holds a filter's trigrams, they are read by rowid and sorted; at
 * or above it, the list order is walked testing each side text (the matches are dense enough to fill a
 * page soon). Measured on 2.9 million events: sorting 18,000 matches costs ~100 ms, walking to 51 matches
 * at a density of 1 in 1,300 as much; 5,000 keeps either under ~40 ms.
 */
const FEW_TEXT_MATCHES = 5000;

/**
 * How many of a side filter's text matches a count reads at most (each an event read by rowid, ~10 µs
 * warm): past it the total is a lower bound (`totalCapped`), as every total past the cap already is.
 */
const TEXT_MATCHES_COUNTED = 2000;

/** A side's filter as one condition: its country, its entity id, or part of its text. */
function sideCondition(role: 'actor' | 'recipient', trigrams: boolean): string {
  const text = trigrams
    ? `(e.rowid IN (SELECT rowid FROM events_parties WHERE events_parties MATCH @${role}Match) ` +
      `AND e.${role}_text LIKE @${role}Like ESCAPE '\\')`
    : `e.${role}_text LIKE @${role}Like ESCAPE '\\'`;
  return `(e.${role}_country = upper(@${role}) OR e.${role}_entity = @${role} COLLATE NOCASE OR ${text})`;
}

/** A query's WHERE clauses and named parameters, starting with the page. */
function conditions(limit: number, offset: number): { where: string[]; params: Record<string, unknown> } {
  return { where: [], params: { limit, offset } };
}

/** Adds `clause` with parameter `name` when a filter value was given. */
function addCondition(
  where: string[],
  params: Record<string, unknown>,
  clause: string,
  name: string,
  value: string | null | undefined,
): void {
  if (!value) return;
  where.push(clause);
  params[name] = value;
}
