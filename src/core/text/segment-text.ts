import type { Block, Paragraph, Removed, Sentence, Span } from '../doc.js';
import { isCloser, isLetter, isWhitespace } from './chars.js';
import { findSoftBreaks } from './find-soft-breaks.js';
import { isBlank, type Line, scanLines } from './scan-lines.js';
import { splitSentences } from './split-sentences.js';

export interface Segmentation {
  title?: Span;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const MAX_TITLE_WORDS = 20;
const MAX_TITLE_LENGTH = 250;

/**
 * Title, paragraphs and sentences of the text outside `removed` (sorted by start, non-overlapping).
 * Pure; used by the segment stage and by clean (to find duplicates with the same splitter), which
 * passes the `lines` it has already scanned.
 *
 * Paragraphs: in hard-wrapped text (`find-soft-breaks.ts`), lines joined by soft breaks; otherwise
 * blank-line separated blocks when the body has a blank line between two lines of text, else one
 * paragraph per line. A line break inside a paragraph never ends a sentence.
 */
export function segmentText(
  text: string,
  removed: readonly Removed[] = [],
  titleGiven = false,
  lines: readonly Line[] = scanLines(text),
): Segmentation {
  const wrap = findSoftBreaks(text, lines);
  const soft = wrap?.soft;
  const titleLine = detectTitle(text, lines, removed, titleGiven, soft);
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  let title: Span | undefined;
  let cursor = { next: 0 };

  let bodyFrom = 0;
  if (titleLine >= 0) {
    const line = lines[titleLine] as Line;
    bodyFrom = titleLine + 1;
    const pieces = subtractRemoved(text, line.contentStart, line.contentEnd, removed, cursor);
    if (pieces.length === 1 && pieces[0]?.start === line.contentStart && pieces[0].end === line.contentEnd) {
      title = { start: line.contentStart, end: line.contentEnd };
      paragraphs.push({ ...title });
      sentences.push({ ...title, paragraph: 0 });
    } else {
      bodyFrom = 0;
      cursor = { next: 0 };
    }
  }

  const blockMode = hasInnerBlankLine(lines, bodyFrom);
  let i = bodyFrom;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (isBlank(line)) {
      i++;
      continue;
    }
    let last = line;
    i++;
    if (soft) {
      while (i < lines.length && soft[i - 1] === 1) last = lines[i++] as Line;
    } else if (blockMode) {
      while (i < lines.length && !isBlank(lines[i] as Line)) last = lines[i++] as Line;
    }
    for (const piece of subtractRemoved(text, line.contentStart, last.contentEnd, removed, cursor)) {
      const index = paragraphs.length;
      paragraphs.push(piece);
      for (const s of splitSentences(text, piece.start, piece.end)) {
        sentences.push({ start: s.start, end: s.end, paragraph: index });
      }
    }
  }
  return title ? { title, paragraphs, sentences } : { paragraphs, sentences };
}

/**
 * Title, paragraphs and sentences of a text that came with blocks (extracted HTML): every block is a
 * paragraph (less its removed parts), so no paragraph or sentence crosses a block boundary and a
 * heading never runs into the paragraph after it; a `title` block first, when not removed, is the title.
 */
export function segmentBlocks(
  text: string,
  blocks: readonly Block[],
  removed: readonly Removed[] = [],
): Segmentation {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const cursor = { next: 0 };
  let title: Span | undefined;
  for (const block of blocks) {
    const pieces = subtractRemoved(text, block.start, block.end, removed, cursor);
    if (block.type === 'title' && paragraphs.length === 0 && pieces.length === 1) {
      title = pieces[0] as Span;
      paragraphs.push({ ...title });
      sentences.push({ ...title, paragraph: 0 });
      continue;
    }
    for (const piece of pieces) {
      const index = paragraphs.length;
      paragraphs.push(piece);
      for (const s of splitSentences(text, piece.start, piece.end)) {
        sentences.push({ start: s.start, end: s.end, paragraph: index });
      }
    }
  }
  return title ? { title, paragraphs, sentences } : { paragraphs, sentences };
}

/**
 * Index of the headline line, or -1. The first non-blank line not removed is a headline when it is
 * short, does not end like a sentence or a clause (`.` `,` `;` `:`, an ellipsis is fine), has a letter, and more text
 * follows it, and, in hard-wrapped text, the line break after it is not a soft one (`soft`, from
 * `findSoftBreaks`): a wrapped sentence's first line is no headline. With `titleGiven` the first
 * non-blank line is the title regardless.
 */
export function detectTitle(
  text: string,
  lines: readonly Line[],
  removed: readonly Removed[],
  titleGiven: boolean,
  soft?: Uint8Array,
): number {
  let index = -1;
  // Lines come in text order, so the first removed span that can still touch a line only moves
  // forward: a text of many removed lines is scanned once, not once per line.
  let r = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) continue;
    if (titleGiven) return i;
    while (r < removed.length && (removed[r] as Removed).end <= line.contentStart) r++;
    if (r < removed.length && (removed[r] as Removed).start < line.contentEnd) continue;
    index = i;
    break;
  }
  if (index < 0 || soft?.[index] === 1) return -1;
  const line = lines[index] as Line;
  if (line.contentEnd - line.contentStart > MAX_TITLE_LENGTH) return -1;
  let more = false;
  for (let i = index + 1; i < lines.length && !more; i++) more = !isBlank(lines[i] as Line);
  if (!more) return -1;

  let k = line.contentEnd - 1;
  while (k > line.contentStart && isCloser(text.charCodeAt(k))) k--;
  const lastChar = text.charCodeAt(k);
  // A headline may trail off ("Rivals of the £400 Apple..."), but a single period ends a sentence.
  const ellipsis =
    lastChar === 0x2e && k >= 2 && text.charCodeAt(k - 1) === 0x2e && text.charCodeAt(k - 2) === 0x2e;
  if ((lastChar === 0x2e && !ellipsis) || lastChar === 0x2c || lastChar === 0x3b || lastChar === 0x3a)
    return -1;
  let words = 0;
  let letters = false;
  let inWord = false;
  for (let j = line.contentStart; j < line.contentEnd; j++) {
    const c = text.charCodeAt(j);
    if (isWhitespace(c)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      if (++words > MAX_TITLE_WORDS) return -1;
    }
    if (!letters && isLetter(c)) letters = true;
  }
  return letters ? index : -1;
}

/** Blank-line separated blocks when the body (from line `from`) has a blank line between two lines of text. */
function hasInnerBlankLine(lines: readonly Line[], from: number): boolean {
  let seenText = false;
  let seenBlankAfterText = false;
  for (let i = from; i < lines.length; i++) {
    const blank = isBlank(lines[i] as Line);
    if (!blank && seenBlankAfterText) return true;
    if (!blank) seenText = true;
    else if (seenText) seenBlankAfterText = true;
  }
  return false;
}

/**
 * The parts of `[start, end)` outside the removed spans, trimmed of whitespace, empty parts dropped.
 * Blocks arrive in text order, so `cursor.next` (the first removed span that may still matter) only
 * moves forward.
 */
function subtractRemoved(
  text: string,
  start: number,
  end: number,
  removed: readonly Removed[],
  cursor: { next: number },
): Span[] {
  const out: Span[] = [];
  let r = cursor.next;
  while (r < removed.length && (removed[r] as Removed).end <= start) r++;
  cursor.next = r;
  let from = start;
  for (let k = r; k < removed.length; k++) {
    const span = removed[k] as Removed;
    if (span.start >= end) break;
    if (span.start > from) pushTrimmed(text, from, span.start, out);
    if (span.end > from) from = span.end;
  }
  if (from < end) pushTrimmed(text, from, end, out);
  return out;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isWhitespace(text.charCodeAt(s))) s++;
  while (e > s && isWhitespace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}
