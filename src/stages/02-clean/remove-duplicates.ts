import type { Paragraph, Removed, Sentence } from '../../core/doc.js';
import { isWhitespace, type Segmentation } from '../03-segment/index.js';

/** Repeats shorter than this many words ("Yes.", "He declined.") are left alone. */
export const MIN_DUPLICATE_WORDS = 5;

interface Key {
  key: string;
  words: number;
}

/**
 * `text[start, end)` (already trimmed) with whitespace runs collapsed to one space, and its word
 * count, in one scan; the common case (single spaces only) costs one slice.
 */
function keyOf(text: string, start: number, end: number): Key {
  let words = 1;
  let clean = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      words++;
      if (isWhitespace(text.charCodeAt(i + 1))) clean = false;
    } else if (c < 0x21 || c > 0x7e) {
      if (isWhitespace(c)) {
        clean = false;
        if (!isWhitespace(text.charCodeAt(i - 1))) words++;
      }
    }
  }
  if (clean) return { key: text.slice(start, end), words };
  const key = text.slice(start, end).replace(/\s+/g, ' ');
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 0x20) n++;
  return { key, words: n };
}

/**
 * Second and later copies of a paragraph or sentence (exact after whitespace normalisation).
 * A repeated paragraph of several sentences is removed whole (`duplicate-paragraph`); otherwise each
 * repeated sentence is (`duplicate-sentence`). The headline is neither removed nor treated as the
 * kept copy of a later line: a story may open by repeating its headline.
 */
export function findDuplicates(text: string, seg: Segmentation): Removed[] {
  const seenSentences = new Map<string, number>();
  // Paragraphs are compared only when their first sentences match, so most are never hashed whole.
  const byFirstSentence = new Map<string, Paragraph[]>();
  const out: Removed[] = [];
  const { paragraphs, sentences } = seg;
  let si = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Paragraph;
    const first = si;
    while (si < sentences.length && (sentences[si] as Sentence).paragraph === p) si++;
    if ((p === 0 && seg.title) || si === first) continue;
    const head = sentences[first] as Sentence;
    const firstKey = keyOf(text, head.start, head.end);
    if (si - first > 1) {
      const kept = findSameParagraph(text, para, byFirstSentence.get(firstKey.key));
      if (kept !== undefined) {
        out.push({
          start: para.start,
          end: para.end,
          reason: 'duplicate-paragraph',
          rule: 'clean:duplicate-paragraph',
          duplicateOf: kept,
        });
        continue;
      }
      const list = byFirstSentence.get(firstKey.key);
      if (list) list.push(para);
      else byFirstSentence.set(firstKey.key, [para]);
    }
    for (let s = first; s < si; s++) {
      const sentence = sentences[s] as Sentence;
      const { key, words } = s === first ? firstKey : keyOf(text, sentence.start, sentence.end);
      if (words < MIN_DUPLICATE_WORDS) continue;
      const kept = seenSentences.get(key);
      if (kept === undefined) {
        seenSentences.set(key, sentence.start);
        continue;
      }
      out.push({
        start: sentence.start,
        end: sentence.end,
        reason: 'duplicate-sentence',
        rule: 'clean:duplicate-sentence',
        duplicateOf: kept,
      });
    }
  }
  return out;
}

function findSameParagraph(
  text: string,
  para: Paragraph,
  candidates: Paragraph[] | undefined,
): number | undefined {
  if (!candidates) return undefined;
  const mine = keyOf(text, para.start, para.end);
  if (mine.words < MIN_DUPLICATE_WORDS) return undefined;
  for (const c of candidates) if (keyOf(text, c.start, c.end).key === mine.key) return c.start;
  return undefined;
}
