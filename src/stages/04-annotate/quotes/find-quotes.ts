import type { Doc, Sentence, Span } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';

/** Quotes longer than this are assumed to be unbalanced marks, not speech. */
const maxQuoteLength = 3000;

/** Spans between quotation marks (curly or straight) within each of `ranges`, marks excluded. */
export function findQuotes(text: string, ranges: readonly Span[], removed: Doc['removed']): Span[] {
  const out: Span[] = [];
  // Next position of each mark at or after the scan point (Infinity: none left). `indexOf` skips
  // the text between marks natively, and each mark is searched for once per occurrence.
  let nextOpen = -1;
  let nextClose = -1;
  let nextStraight = -1;
  let scanned = 0;
  for (const r of ranges) {
    // Ranges come in text order; one that goes back (never seen) would find stale marks.
    if (r.start < scanned) {
      nextOpen = -1;
      nextClose = -1;
      nextStraight = -1;
    }
    scanned = r.end;
    let open = -1;
    let straight = false;
    let i = r.start;
    for (;;) {
      if (nextOpen < i) nextOpen = markAt(text, '\u201c', i);
      if (nextClose < i) nextClose = markAt(text, '\u201d', i);
      if (nextStraight < i) nextStraight = markAt(text, '"', i);
      i = Math.min(nextOpen, nextClose, nextStraight);
      if (i >= r.end) break;
      const c = text.charCodeAt(i);
      if (c === 0x201c) {
        open = i;
        straight = false;
      } else if (c === 0x201d && open >= 0 && !straight) {
        if (i - open - 1 <= maxQuoteLength && i > open + 1 && !isRemoved(removed, open, i + 1)) {
          out.push({ start: open + 1, end: i });
        }
        open = -1;
      } else if (c === 0x22) {
        if (open >= 0 && straight) {
          if (i - open - 1 <= maxQuoteLength && i > open + 1 && !isRemoved(removed, open, i + 1)) {
            out.push({ start: open + 1, end: i });
          }
          open = -1;
        } else {
          open = i;
          straight = true;
        }
      }
      i++;
    }
  }
  return out;
}

/** Offset of the first `mark` at or after `from`, or Infinity. */
function markAt(text: string, mark: string, from: number): number {
  const at = text.indexOf(mark, from);
  return at < 0 ? Number.POSITIVE_INFINITY : at;
}

/** Index of the sentence holding `offset`, or -1. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as Sentence;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
