import { BadCursorError } from './repository.js';

/**
 * Keyset pagination, shared by both engines: a cursor is the sort key of the last row of a page,
 * and the next page is the rows after it in the list's order. Documents are listed newest first —
 * published descending with undated ones last, then stored descending, then id — and events by day
 * descending (undated last), then document and index. Indexes on exactly these orders
 * (documents_newest, events_newest) make a page cost the same at any depth.
 */

/** The sort key of a document list's row: published (or null), created_at, id. */
export type DocumentKey = [string | null, string, string];
/** The sort key of an event list's row: day (or null), doc_id, idx. */
export type EventKey = [string | null, string, number];

export function encodeCursor(kind: 'd' | 'e', key: DocumentKey | EventKey): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

function decode(kind: 'd' | 'e', cursor: string): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 4 && value[0] === kind) return value.slice(1);
  } catch {
    // not base64url JSON: the same answer as any other foreign cursor
  }
  throw new BadCursorError();
}

export function decodeDocumentCursor(cursor: string): DocumentKey {
  const [published, createdAt, id] = decode('d', cursor);
  if (
    (published !== null && typeof published !== 'string') ||
    typeof createdAt !== 'string' ||
    typeof id !== 'string'
  ) {
    throw new BadCursorError();
  }
  return [published, createdAt, id];
}

export function decodeEventCursor(cursor: string): EventKey {
  const [day, docId, idx] = decode('e', cursor);
  if ((day !== null && typeof day !== 'string') || typeof docId !== 'string' || !Number.isInteger(idx)) {
    throw new BadCursorError();
  }
  return [day, docId, idx as number];
}

/**
 * The rows after a key in a "first column descending with nulls last, second descending or
 * ascending, third ascending" order, as SQL over named placeholders (the caller binds them). For a
 * key with a first value, only the rows that have one: the bound on the first column alone is what lets
 * an index start at the key instead of scanning from the top (an `OR … IS NULL` here defeats it). The
 * rows without one, which all come after, are `undatedAfter`'s: the caller reads them when the first
 * part leaves the page short.
 */
export function afterKey(
  columns: [string, string, string],
  params: [string, string, string],
  firstIsNull: boolean,
  secondDescending: boolean,
): string {
  const [a, b, c] = columns;
  const [pa, pb, pc] = params;
  const rest = `(${b} ${secondDescending ? '<' : '>'} ${pb} OR (${b} = ${pb} AND ${c} > ${pc}))`;
  if (firstIsNull) return `(${a} IS NULL AND ${rest})`;
  return `(${a} <= ${pa} AND (${a} < ${pa} OR ${rest}))`;
}

/** The rows after every row with a first value: those without one (see afterKey). */
export function undatedAfter(columns: [string, string, string]): string {
  return `${columns[0]} IS NULL`;
}
