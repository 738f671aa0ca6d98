import type { Paragraph, Removed, Sentence } from '../../core/doc.js';
import { isWhitespace } from '../../core/text/chars.js';
import type { Segmentation } from '../../core/text/segment-text.js';

/** Repeats shorter than this many words ("Yes.", "He declined.") are left alone. */
export const MIN_DUPLICATE_WORDS = 5;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const WORDS_UNIT = 0x100000000;

/**
 * A 32-bit FNV-1a hash of `text[start, end)` with whitespace runs collapsed to one space, and
 * its word count, packed into one number (`words * 2^32 + hash`) so the hot loop allocates
 * nothing. Equal normalised keys (see `keyOf`) always give equal hashes; the strings are only
 * built and compared when two hashes meet.
 */
function hashOf(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  let runs = 0;
  let inSpace = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || ((c < 0x21 || c > 0x7e) && isWhitespace(c))) {
      if (!inSpace) {
        h = Math.imul(h ^ 0x20, FNV_PRIME);
        runs++;
        inSpace = true;
      }
    } else {
      h = Math.imul(h ^ c, FNV_PRIME);
      inSpace = false;
    }
  }
  return (runs + 1) * WORDS_UNIT + (h >>> 0);
}

function hashPart(packed: number): number {
  return (packed % WORDS_UNIT) | 0;
}

function wordsPart(packed: number): number {
  return Math.floor(packed / WORDS_UNIT);
}

/** `text[start, end)` with whitespace runs collapsed to one space (built only on a hash hit). */
function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  let clean = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20 ? isWhitespace(raw.charCodeAt(i + 1)) : (c < 0x21 || c > 0x7e) && isWhitespace(c)) {
      clean = false;
      break;
    }
  }
  return clean ? raw : raw.replace(/\s+/g, ' ');
}

/** A kept sentence: its span and, once built, its normalised key. Chained by hash. */
interface SeenSentence {
  start: number;
  end: number;
  key: string | undefined;
  next: SeenSentence | undefined;
}

/** A kept multi-sentence paragraph, listed under the hash of its first sentence. */
interface SeenParagraph {
  para: Paragraph;
  firstStart: number;
  firstEnd: number;
  firstKey: string | undefined;
  hash: number | undefined;
  key: string | undefined;
}

/**
 * Second and later copies of a paragraph or sentence (exact after whitespace normalisation).
 * A repeated paragraph of several sentences is removed whole (`duplicate-paragraph`); otherwise each
 * repeated sentence is (`duplicate-sentence`). The headline is neither removed nor treated as the
 * kept copy of a later line: a story may open by repeating its headline.
 */
export function findDuplicates(text: string, seg: Segmentation): Removed[] {
  const seenSentences = new Map<number, SeenSentence>();
  // Paragraphs are compared only when their first sentences match, so most are never hashed whole.
  const byFirstSentence = new Map<number, SeenParagraph[]>();
  const out: Removed[] = [];
  const { paragraphs, sentences } = seg;
  let si = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Paragraph;
    const first = si;
    while (si < sentences.length && (sentences[si] as Sentence).paragraph === p) si++;
    if ((p === 0 && seg.title) || si === first) continue;
    const head = sentences[first] as Sentence;
    const firstPacked = hashOf(text, head.start, head.end);
    const firstHash = hashPart(firstPacked);
    if (si - first > 1) {
      const list = byFirstSentence.get(firstHash);
      const kept = list && findSameParagraph(text, para, head, list);
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
      const entry: SeenParagraph = {
        para,
        firstStart: head.start,
        firstEnd: head.end,
        firstKey: undefined,
        hash: undefined,
        key: undefined,
      };
      if (list) list.push(entry);
      else byFirstSentence.set(firstHash, [entry]);
    }
    for (let s = first; s < si; s++) {
      const sentence = sentences[s] as Sentence;
      const packed = s === first ? firstPacked : hashOf(text, sentence.start, sentence.end);
      if (wordsPart(packed) < MIN_DUPLICATE_WORDS) continue;
      const hash = hashPart(packed);
      const chain = seenSentences.get(hash);
      const kept = chain && findSameSentence(text, sentence, chain);
      if (kept === undefined) {
        seenSentences.set(hash, { start: sentence.start, end: sentence.end, key: undefined, next: chain });
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

/** Start of the kept sentence in `chain` with the same key as `sentence`, if any. */
function findSameSentence(text: string, sentence: Sentence, chain: SeenSentence): number | undefined {
  const mine = keyOf(text, sentence.start, sentence.end);
  for (let c: SeenSentence | undefined = chain; c; c = c.next) {
    c.key ??= keyOf(text, c.start, c.end);
    if (c.key === mine) return c.start;
  }
  return undefined;
}

/**
 * Start of the first kept paragraph in `candidates` (all sharing the hash of `head`) whose first
 * sentence and whole text match `para` after whitespace normalisation, if any.
 */
function findSameParagraph(
  text: string,
  para: Paragraph,
  head: Sentence,
  candidates: SeenParagraph[],
): number | undefined {
  const packed = hashOf(text, para.start, para.end);
  if (wordsPart(packed) < MIN_DUPLICATE_WORDS) return undefined;
  const hash = hashPart(packed);
  let firstKey: string | undefined;
  let key: string | undefined;
  for (const c of candidates) {
    c.hash ??= hashPart(hashOf(text, c.para.start, c.para.end));
    if (c.hash !== hash) continue;
    firstKey ??= keyOf(text, head.start, head.end);
    c.firstKey ??= keyOf(text, c.firstStart, c.firstEnd);
    if (c.firstKey !== firstKey) continue;
    key ??= keyOf(text, para.start, para.end);
    c.key ??= keyOf(text, c.para.start, c.para.end);
    if (c.key === key) return c.para.start;
  }
  return undefined;
}
