/**
 * The one word rule of full-text search, shared by both engines so a query finds the same documents
 * on SQLite and PostgreSQL. A term is a run of letters and digits (Unicode `L`, `N`, and private-use
 * `Co`), lowercased, with the accents of Latin letters dropped ("Zürich" → "zurich"); every other
 * character separates terms. This is what SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer
 * does, so SQLite keeps tokenizing itself, and PostgreSQL gets its tsvector from these terms
 * (never from its own parser, whose idea of a word depends on the server's locale).
 */

/** Terms longer than this are neither indexed on PostgreSQL nor searched for on either engine. */
export const MAX_TERM_LENGTH = 200;
/** Words of a query beyond this many are ignored. */
export const MAX_QUERY_TERMS = 16;

const LATIN_MARKS = /(?<=\p{Script=Latin})\p{M}+/gu;
const TERM = /[\p{L}\p{N}\p{Co}]+/gu;

/** The terms of `text`, in order, repeats included. */
export function searchTerms(text: string): string[] {
  const folded = text.normalize('NFD').replace(LATIN_MARKS, '').toLowerCase().normalize('NFC');
  const out: string[] = [];
  for (const match of folded.matchAll(TERM)) if (match[0].length <= MAX_TERM_LENGTH) out.push(match[0]);
  return out;
}

/**
 * The distinct terms of a user's query, at most MAX_QUERY_TERMS; all of them must match. Null when
 * the query has no term at all (only punctuation): such a search matches nothing.
 */
export function queryTerms(q: string | undefined): string[] | null {
  if (!q) return null;
  const terms = [...new Set(searchTerms(q))].slice(0, MAX_QUERY_TERMS);
  return terms.length > 0 ? terms : null;
}
