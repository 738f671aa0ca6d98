import abbreviationData from '../../rules/segment/abbreviations.json' with { type: 'json' };
import starterData from '../../rules/segment/sentence-starters.json' with { type: 'json' };
import type { Span } from '../doc.js';
import {
  isCloser,
  isDigit,
  isLetter,
  isLowercase,
  isOpener,
  isTerminal,
  isUppercase,
  isWhitespace,
} from './chars.js';

const LF = 0x0a;
const PERIOD = 0x2e;

/** Abbreviation group keys are the word before the final period, lowercased: `U.S.` → `u.s`. */
function compile(entries: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const entry of entries) out.add(entry.toLowerCase().replace(/\.$/, ''));
  return out;
}

const TITLES = compile(abbreviationData.titles);
const NON_FINAL = compile(abbreviationData.nonFinal);
const BEFORE_NUMBER = compile(abbreviationData.beforeNumber);
const AMBIGUOUS = compile(abbreviationData.ambiguous);
const STARTERS = new Set(starterData.starters.map((s) => s.toLowerCase()));

/**
 * Splits `text[start, end)` into sentences: spans trimmed of whitespace, in order, covering every
 * non-whitespace character of the range exactly once. A blank line always ends a sentence; a single
 * line break never does (hard-wrapped text). Abbreviations, initials, decimals and ellipses
 * followed by a lowercase word do not end a sentence; see `rules/segment/README.md`.
 * One pass over the range; the abbreviation lookup only runs at a period followed by whitespace.
 */
export function splitSentences(text: string, start = 0, end: number = text.length): Span[] {
  if (
    !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= text.length)
  ) {
    throw new RangeError(
      `splitSentences: range [${start}, ${end}) does not fit a text of ${text.length} code units; pass integer offsets within the text`,
    );
  }
  // The only characters that can end a sentence: terminals and line feeds (for blank lines).
  // The regex engine skips everything else far faster than a loop over char codes would.
  const candidates = /[.!?\n\u2026\u203c\u2047-\u2049]/g;
  const out: Span[] = [];
  let sentenceStart = -1;
  let i = start;
  while (i < end) {
    if (sentenceStart < 0) {
      while (i < end && isWhitespace(text.charCodeAt(i))) i++;
      if (i >= end) break;
      sentenceStart = i;
    }
    candidates.lastIndex = i;
    const match = candidates.exec(text);
    const p = match === null || match.index >= end ? end : match.index;
    if (p === end) {
      out.push({ start: sentenceStart, end: trimEnd(text, sentenceStart, end) });
      sentenceStart = -1;
      break;
    }
    if (text.charCodeAt(p) === LF) {
      if (blankLineAhead(text, p + 1, end)) {
        out.push({ start: sentenceStart, end: trimEnd(text, sentenceStart, p) });
        sentenceStart = -1;
      }
      i = p + 1;
      continue;
    }
    let j = p + 1;
    while (j < end && isTerminal(text.charCodeAt(j))) j++;
    const runEnd = j;
    while (j < end && isCloser(text.charCodeAt(j))) j++;
    if (
      j >= end ||
      (isWhitespace(text.charCodeAt(j)) && endsSentence(text, sentenceStart, p, runEnd, j, end))
    ) {
      out.push({ start: sentenceStart, end: j });
      sentenceStart = -1;
    }
    i = j;
  }
  return out;
}

function trimEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && isWhitespace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** True when the line starting at `from` holds only whitespace and ends with a line feed. */
function blankLineAhead(text: string, from: number, end: number): boolean {
  for (let k = from; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) return true;
    if (!isWhitespace(c)) return false;
  }
  return false;
}

/**
 * Decides a boundary after the terminal run `[p, runEnd)` and its closers `[runEnd, after)`,
 * which whitespace follows.
 */
function endsSentence(
  text: string,
  sentenceStart: number,
  p: number,
  runEnd: number,
  after: number,
  end: number,
): boolean {
  let k = after;
  while (k < end && isWhitespace(text.charCodeAt(k))) k++;
  if (k >= end) return true;
  while (k < end && isOpener(text.charCodeAt(k))) k++;
  if (k >= end) return true;
  const next = text.charCodeAt(k);
  if (isLowercase(next)) return false;
  if (runEnd - p > 1 || text.charCodeAt(p) !== PERIOD) return true;

  // A single period: look at the word it ends.
  let w = p;
  while (w > sentenceStart && !isWhitespace(text.charCodeAt(w - 1))) w--;
  while (w < p && isOpener(text.charCodeAt(w))) w++;
  if (w === p) return true;
  const key = text.slice(w, p).toLowerCase();
  if (TITLES.has(key) || NON_FINAL.has(key)) return false;
  // "p. 12" is a page, "H. P. Lovecraft" and "P. Chidambaram" are initials: a capital letter alone
  // before a capitalised word is read as an initial below.
  const initial = p - w === 1 && isUppercase(text.charCodeAt(w));
  if (BEFORE_NUMBER.has(key) && !(initial && isUppercase(next))) return !isDigit(next);
  if (AMBIGUOUS.has(key)) return startsWithStarter(text, k, end);
  if (initial) {
    // An initial ("George W. Bush"), unless it ends a clause like "vitamin C. The".
    return startsWithStarter(text, k, end) && !previousWordCapitalised(text, sentenceStart, w);
  }
  if (isInitialism(text, w, p)) return startsWithStarter(text, k, end);
  return true;
}

/** Letters and periods only, with at least one period inside: `J.R.R`, `a.m`, `U.S`. */
function isInitialism(text: string, from: number, to: number): boolean {
  let periods = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === PERIOD) periods++;
    else if (!isLetter(c)) return false;
  }
  return periods > 0;
}

function startsWithStarter(text: string, from: number, end: number): boolean {
  if (!isUppercase(text.charCodeAt(from))) return false;
  let k = from + 1;
  while (k < end && isLetter(text.charCodeAt(k))) k++;
  return STARTERS.has(text.slice(from, k).toLowerCase());
}

function previousWordCapitalised(text: string, sentenceStart: number, wordStart: number): boolean {
  let k = wordStart;
  while (k > sentenceStart && isWhitespace(text.charCodeAt(k - 1))) k--;
  if (k === wordStart || k <= sentenceStart) return false;
  while (k > sentenceStart && !isWhitespace(text.charCodeAt(k - 1))) k--;
  while (k < wordStart && isOpener(text.charCodeAt(k))) k++;
  return isUppercase(text.charCodeAt(k));
}
