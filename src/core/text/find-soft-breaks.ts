import danglingData from '../../rules/segment/dangling-words.json' with { type: 'json' };
import markerData from '../../rules/segment/line-markers.json' with { type: 'json' };
import { isCloser, isDigit, isTerminal, isWhitespace } from './chars.js';
import { isBlank, type Line } from './scan-lines.js';

/**
 * Hard-wrapped text — newswire, e-mail, plain-text archives, broken into lines of at most ~70
 * columns by the sender — is told apart from text with one paragraph per line by the lengths of its
 * lines, and in wrapped text each line break is judged: soft (the wrapper's, a space inside a
 * paragraph) or hard (the writer's: a paragraph, a list item, a table row, a header).
 *
 * A wrapper starts a new line when the next word would not fit: so in wrapped text most lines that
 * continue are *full* — their length, plus a space and the first word of the next line, passes the
 * width — and most of them end inside a sentence. The width is read from the document (the length
 * all but a few lines stay within), the margin too (the least indentation: a line indented past it
 * opens a paragraph, as on the Reuters wire). Only a line at the margin can continue the line before
 * it; a list item, a quoted line or a table row never does. One pass over the lines and two
 * fixed-size histograms: linear in the text.
 */

export interface SoftBreaks {
  /** `soft[i] === 1`: the break after line `i` is a space inside a paragraph (line `i + 1` continues it). */
  soft: Uint8Array;
  /** The wrap width read from the document, in UTF-16 code units from the line start. */
  width: number;
  /** The left edge of the text: the least indentation of a non-blank line. */
  margin: number;
}

/** Wrapping narrower than this is a column of short lines (a table, an address), not prose. */
export const MIN_WIDTH = 40;
/** Nobody hard-wraps wider than this: longer lines are paragraphs. */
export const MAX_WIDTH = 160;
/** Lines longer than the width may be this share of all lines (an unbreakable URL, a long word). */
const OVERLONG_SHARE = 0.05;
/** Of the breaks that could be soft (next line at the margin, no marker), this share must be full… */
const FULL_SHARE = 0.5;
/** …and of those full lines, this share must end inside a sentence. */
const OPEN_SHARE = 0.5;
/** At least this many full lines: two lines of text say nothing about wrapping. */
const MIN_FULL = 2;
const MAX_INDENT = 64;
/** Wrappers differ by a column or two in how they count (a trailing space kept, `<` or `≤` the width). */
const SLACK = 2;

const BULLETS = new Set(markerData.bullets.map((b) => b.charCodeAt(0)));
const PREFIXES = new Set(markerData.prefixes.map((b) => b.charCodeAt(0)));
/** Function words no sentence ends with (`rules/segment/dangling-words.json`). */
const DANGLING = new Set(danglingData.words);
/** The longest of them, in UTF-16 code units. */
const DANGLING_MAX = Math.max(...danglingData.words.map((w) => w.length));

/**
 * The soft breaks of a hard-wrapped text, or `undefined` when the text is not hard-wrapped (then
 * every line break stays as it is). `lines` are `scanLines(text)`.
 */
export function findSoftBreaks(text: string, lines: readonly Line[]): SoftBreaks | undefined {
  const lengths = new Uint32Array(MAX_WIDTH + 2);
  const indents = new Uint32Array(MAX_INDENT + 1);
  let nonBlank = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    nonBlank++;
    const length = Math.min(line.contentEnd - line.start, MAX_WIDTH + 1);
    const indent = Math.min(line.contentStart - line.start, MAX_INDENT);
    lengths[length] = (lengths[length] as number) + 1;
    indents[indent] = (indents[indent] as number) + 1;
  }
  if (nonBlank < 3) return undefined;
  const width = readWidth(lengths, nonBlank);
  if (width < MIN_WIDTH || width > MAX_WIDTH) return undefined;
  let margin = 0;
  while ((indents[margin] as number) === 0) margin++;

  const soft = new Uint8Array(lines.length);
  const dangling: number[] = [];
  const columns = /\t| {3}/g;
  let columnAt = -2;
  let candidates = 0;
  let full = 0;
  let open = 0;
  let lineIsRow = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    // Table rows: a tab or three spaces between two words. The next gap is found once and kept
    // until the lines pass it, so the search moves forward only.
    if (columnAt !== -1 && columnAt < line.contentStart) {
      columns.lastIndex = line.contentStart;
      columnAt = columns.exec(text)?.index ?? -1;
    }
    const isRow = columnAt !== -1 && columnAt < line.contentEnd;
    const pair = i > 0 && !lineIsRow && !isRow;
    lineIsRow = isRow;
    if (!pair) continue;
    const previous = lines[i - 1] as Line;
    if (isBlank(previous) || isBlank(line)) continue;
    if (line.contentStart - line.start !== margin || startsWithMarker(text, line)) continue;
    candidates++;
    const firstWord = wordLength(text, line.contentStart, line.contentEnd, width + 1);
    if (previous.contentEnd - previous.start + 1 + firstWord <= width - SLACK) {
      // A short line that ends on "on", "the", "and": it cannot end there; soft once the text is
      // known to be wrapped (it does not count toward deciding that).
      // So does a short line whose sentence runs on into a next line that opens in lowercase
      // ("agreed to set up a new" / "company with Liberia"): no sentence or heading starts so.
      if (endsDangling(text, previous) || (!endsSentence(text, previous) && opensLowercase(text, line)))
        dangling.push(i - 1);
      continue;
    }
    full++;
    soft[i - 1] = 1;
    if (!endsSentence(text, previous)) open++;
  }
  if (full < MIN_FULL || full < candidates * FULL_SHARE || open < full * OPEN_SHARE) return undefined;
  for (const i of dangling) soft[i] = 1;
  return { soft, width, margin };
}

/** The smallest length that all but `OVERLONG_SHARE` of the lines stay within. */
function readWidth(lengths: Uint32Array, total: number): number {
  const allowed = Math.max(1, Math.floor(total * OVERLONG_SHARE));
  let above = 0;
  for (let w = lengths.length - 1; w > 0; w--) {
    above += lengths[w] as number;
    if (above > allowed) return w;
  }
  return 0;
}

/** Length of the word at `from`, counted up to `cap`. */
function wordLength(text: string, from: number, to: number, cap: number): number {
  let k = from;
  const stop = Math.min(to, from + cap);
  while (k < stop && !isWhitespace(text.charCodeAt(k))) k++;
  return k - from;
}

/** Whether the line's last word is a lowercase function word no sentence ends with. */
function endsDangling(text: string, line: Line): boolean {
  const end = line.contentEnd;
  let k = end;
  while (k > line.contentStart && end - k <= DANGLING_MAX && !isWhitespace(text.charCodeAt(k - 1))) k--;
  if (end - k > DANGLING_MAX || (k > line.contentStart && !isWhitespace(text.charCodeAt(k - 1))))
    return false;
  return DANGLING.has(text.slice(k, end));
}

/** Whether the line's first character is a lowercase letter. */
function opensLowercase(text: string, line: Line): boolean {
  const c = text.charAt(line.contentStart);
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

function endsSentence(text: string, line: Line): boolean {
  let k = line.contentEnd - 1;
  while (k > line.contentStart && isCloser(text.charCodeAt(k))) k--;
  return isTerminal(text.charCodeAt(k));
}

/**
 * A list item, a quoted e-mail line or a table border: a bullet followed by a space (`- `, `• `),
 * a quote or border prefix (`>`, `|`), or an item number (`1.`, `12)`, `(3)`) followed by a space.
 */
function startsWithMarker(text: string, line: Line): boolean {
  const s = line.contentStart;
  const c = text.charCodeAt(s);
  if (PREFIXES.has(c)) return true;
  const after = (k: number) => k < line.contentEnd && isWhitespace(text.charCodeAt(k));
  if (BULLETS.has(c)) return after(s + 1);
  let k = c === 0x28 ? s + 1 : s;
  const digits = k;
  while (k < line.contentEnd && k - digits < 4 && isDigit(text.charCodeAt(k))) k++;
  if (k === digits || k - digits > 3) return false;
  const close = text.charCodeAt(k);
  if (c === 0x28) return close === 0x29 && after(k + 1);
  return (close === 0x2e || close === 0x29) && after(k + 1);
}
