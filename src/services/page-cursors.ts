import { BadCursorError, type Page } from '../store/repository.js';

/**
 * Every list the API answers pages by cursor (issue 12): documents and events by keyset
 * (store/cursors.ts), the rest — a search, entities, happenings, a document's layers — by a cursor
 * that carries the offset of the next page and the list it belongs to. Such lists are ranked or
 * aggregated, so a keyset would not make their deep pages cheaper; the cursor keeps one contract for
 * clients (follow `next`) and refuses a cursor from another list.
 */

/** A cursor holding an offset in the list named `list`. */
export function offsetCursor(list: string, offset: number): string {
  return Buffer.from(JSON.stringify(['o', list, offset])).toString('base64url');
}

/** The offset a cursor of `list` carries; a cursor of anything else is a BadCursorError (400). */
export function offsetOfCursor(list: string, cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      value[0] === 'o' &&
      value[1] === list &&
      Number.isSafeInteger(value[2]) &&
      (value[2] as number) >= 0
    ) {
      return value[2] as number;
    }
  } catch {
    // not base64url JSON: refused like any foreign cursor below
  }
  throw new BadCursorError();
}

/** The page with `next`: the cursor of the page after it, null on the last. */
export function withOffsetNext<T>(list: string, page: Page<T>): Page<T> & { next: string | null } {
  const end = page.offset + page.items.length;
  return { ...page, next: page.items.length > 0 && end < page.total ? offsetCursor(list, end) : null };
}
