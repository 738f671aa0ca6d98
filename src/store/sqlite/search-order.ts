/**
 * Full-text search in list order by index (migration 16). The rows of `documents_fts` are keyed by each
 * document's search key rather than its rowid, and ascending keys follow the documents' list order
 * (published DESC, then created_at DESC): FTS5 returns a query's matches in key order and stops when
 * asked, so the first page of a word in half of a million documents reads the first few hundred of
 * its matches instead of collecting all of them.
 *
 * A key is `bucket × 2^SEQ_BITS + seq`. The bucket is a coarse position in the list order — the
 * publication minute (a date-only publication before every instant of its day, as the text sorts),
 * else, for undated documents, which the list puts last, the second the document was stored — and
 * seq tells apart the documents of a bucket. Within a bucket the keys do not follow the list order;
 * a search therefore reads on to the end of the bucket of its last wanted match and lets SQLite sort
 * what it read. Bucket 0 holds "misfits", documents whose dates are not in the canonical forms the
 * buckets are computed from (none that ingest writes): every search reads them all, so the order stays
 * exact whatever is stored.
 */
import type Database from 'better-sqlite3';
import type { Analysis } from '../../core/analysis.js';
import { keptText } from '../document-row.js';
import { DOCUMENTS_FTS } from './migrations.js';

/** Bits of a key that tell apart the documents of one bucket (262,144 a bucket). */
export const SEQ_BITS = 18;
const SEQ = 2 ** SEQ_BITS;
const DAY_MS = 86_400_000;
/** Day numbers of the dated region: 1000-01-01 (the earliest publication ingest accepts) to 9999-12-31. */
const FIRST_DAY = Date.UTC(1000, 0, 1) / DAY_MS;
const DAYS = Date.UTC(10000, 0, 1) / DAY_MS - FIRST_DAY;
/** A date-only publication, then each minute of the day. */
const SLOTS_PER_DAY = 1 + 24 * 60;
const DATED_BUCKETS = DAYS * SLOTS_PER_DAY;
/** Seconds of the undated region (stored 1970-01-01 to 2299-12-31). */
const CREATED_SECONDS = Date.UTC(2300, 0, 1) / 1000;
/** The highest bucket; bucket × SEQ stays below 2^53, so keys are exact as JavaScript numbers. */
const LAST_BUCKET = DATED_BUCKETS + CREATED_SECONDS;

// Anchored, fixed-width: linear time on any value.
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?![\d])/;
const INSTANT_SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/;

/** The day number of a real calendar date, or null (30 February would break the order's monotony). */
function dayNumber(y: string, m: string, d: string): number | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

/**
 * The bucket of a document: never decreasing as the list order goes on (published DESC with undated
 * last, then created_at DESC), 0 for a date outside the canonical forms. `published` is compared as
 * SQLite compares text: `YYYY-MM-DD` sorts before `YYYY-MM-DDT…` of the same day, and instants of one
 * day in the order of their `HH:MM`.
 */
export function searchBucket(published: string | null, createdAt: string): number {
  if (published !== null) {
    const date = DATE_ONLY.exec(published);
    const instant = date ? null : INSTANT_MINUTE.exec(published);
    const m = date ?? instant;
    if (!m) return 0;
    const day = dayNumber(m[1] as string, m[2] as string, m[3] as string);
    if (day === null || day < FIRST_DAY || day >= FIRST_DAY + DAYS) return 0;
    let slot = 0;
    if (instant) {
      const [hour, minute] = [Number(instant[4]), Number(instant[5])];
      if (hour > 23 || minute > 59) return 0;
      slot = 1 + hour * 60 + minute;
    }
    return 1 + (DATED_BUCKETS - 1 - ((day - FIRST_DAY) * SLOTS_PER_DAY + slot));
  }
  const m = INSTANT_SECOND.exec(createdAt);
  if (!m) return 0;
  const day = dayNumber(m[1] as string, m[2] as string, m[3] as string);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  // A leap second (:60) counts as the next minute's first: the text still sorts no later than it.
  if (day === null || hour > 23 || minute > 59 || second > 60) return 0;
  const seconds = day * 86_400 + hour * 3600 + minute * 60 + second;
  if (seconds < 0 || seconds >= CREATED_SECONDS) return 0;
  return 1 + DATED_BUCKETS + (CREATED_SECONDS - 1 - seconds);
}

/** The bucket a key belongs to. */
export function bucketOfKey(key: number): number {
  return Math.floor(key / SEQ);
}

/**
 * A free key in `bucket`: one past the highest taken (documents stored later come later within their
 * bucket), else the lowest free one. Reads the unique search-key index.
 */
export function freeSearchKey(prepare: (sql: string) => Database.Statement, bucket: number): number {
  if (bucket < 0 || bucket > LAST_BUCKET) throw new RangeError(`no search bucket ${bucket}`);
  const first = bucket * SEQ;
  const last = first + SEQ - 1;
  const highest = prepare('SELECT max(search_key) FROM documents WHERE search_key BETWEEN ? AND ?')
    .pluck()
    .get(first, last) as number | null;
  if (highest === null) return first;
  if (highest < last) return highest + 1;
  // A full bucket (2^18 documents stored in one second or published in one minute): the first gap.
  const gap = prepare(
    `SELECT k.search_key + 1 FROM documents k WHERE k.search_key BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.search_key = k.search_key + 1)
       ORDER BY k.search_key LIMIT 1`,
  )
    .pluck()
    .get(first, last - 1) as number | undefined;
  if (gap !== undefined) return gap;
  if (prepare('SELECT 1 FROM documents WHERE search_key = ?').get(first) === undefined) return first;
  throw new RangeError(`search bucket ${bucket} is full (${SEQ} documents)`);
}

/**
 * The keys of the first `wanted` matches of `match` in list order, read from the FTS index in key order,
 * with every misfit and the rest of the last bucket read (so sorting the keys' documents gives the exact
 * list order), and whether the matches ran out.
 */
export function leadingMatches(
  db: Database.Database,
  match: string,
  wanted: number,
): { keys: number[]; exhausted: boolean } {
  const keys: number[] = [];
  let counted = 0;
  let lastBucket = -1;
  const rows = db
    .prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid')
    .pluck()
    .iterate(match) as IterableIterator<number>;
  for (const key of rows) {
    const bucket = bucketOfKey(key);
    if (counted >= wanted && bucket !== lastBucket) {
      rows.return?.();
      return { keys, exhausted: false };
    }
    keys.push(key);
    if (bucket !== 0) counted++;
    lastBucket = bucket;
  }
  return { keys, exhausted: true };
}

/**
 * Migration 16's step after its SQL: gives every stored document its search key and rebuilds the
 * contentless full-text index under those keys from each document's kept text (the text less its
 * removed spans and headline, as the repository writes it), reading only the spans from the analysis.
 */
export function rekeySearchIndex(db: Database.Database): void {
  const next = new Map<number, number>();
  const batch = 2000;
  const readDates = db.prepare(
    'SELECT rowid, published, created_at FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const setKey = db.prepare('UPDATE documents SET search_key = ? WHERE rowid = ?');
  for (let after = 0; ; ) {
    const rows = readDates.all(after, batch) as {
      rowid: number;
      published: string | null;
      created_at: string;
    }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const bucket = searchBucket(row.published, row.created_at);
      const seq = next.get(bucket) ?? 0;
      if (seq >= SEQ) throw new RangeError(`search bucket ${bucket} is full (${SEQ} documents)`);
      next.set(bucket, seq + 1);
      setKey.run(bucket * SEQ + seq, row.rowid);
    }
    after = (rows.at(-1) as { rowid: number }).rowid;
  }
  db.exec(`
    CREATE UNIQUE INDEX documents_by_search_key ON documents (search_key);
    DROP TABLE documents_fts;
    ${DOCUMENTS_FTS}
  `);
  const readBodies = db.prepare(
    `SELECT rowid, search_key, title, text, json_extract(analysis, '$.removed') AS removed,
       json_extract(analysis, '$.titleSpan') AS title_span
     FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const insert = db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
  for (let after = 0; ; ) {
    const rows = readBodies.all(after, batch) as {
      rowid: number;
      search_key: number;
      title: string | null;
      text: string;
      removed: string | null;
      title_span: string | null;
    }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const body = keptText({
        text: row.text,
        removed: row.removed ? (JSON.parse(row.removed) as Analysis['removed']) : [],
        titleSpan: row.title_span ? (JSON.parse(row.title_span) as Analysis['titleSpan']) : null,
      });
      insert.run(row.search_key, row.title ?? '', body);
    }
    after = (rows.at(-1) as { rowid: number }).rowid;
  }
}
