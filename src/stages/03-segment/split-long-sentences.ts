import type { Diagnostic, Sentence } from '../../core/doc.js';

/**
 * Longest sentence the annotators are given, in code units (~350 words). Real news sentences
 * stay far below it; text without sentence punctuation (a scraped table, a 9 MB single line) does
 * not, and per-sentence work that is fine for 40 words must not run on a million.
 */
export const MAX_SENTENCE_LENGTH = 2000;

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xa0]);
const CLAUSE_END = new Set([0x2c, 0x3b, 0x3a]); // , ; :

/**
 * Cuts every sentence longer than `max` into pieces of at most `max` code units, preferring a
 * clause boundary (after , ; :) in the last quarter of the window, else the last space, else a
 * hard cut (never inside a surrogate pair). Pieces keep the sentence's paragraph; one warning
 * says how many sentences were cut and where the first one is.
 */
export function splitLongSentences(
  text: string,
  sentences: Sentence[],
  max = MAX_SENTENCE_LENGTH,
): { sentences: Sentence[]; diagnostics: Diagnostic[] } {
  if (!sentences.some((s) => s.end - s.start > max)) return { sentences, diagnostics: [] };
  const out: Sentence[] = [];
  let cut = 0;
  let first: Sentence | undefined;
  for (const s of sentences) {
    if (s.end - s.start <= max) {
      out.push(s);
      continue;
    }
    cut++;
    first ??= s;
    let start = s.start;
    while (s.end - start > max) {
      const end = breakPoint(text, start, start + max, max);
      out.push({ start, end, paragraph: s.paragraph });
      start = end;
      while (start < s.end && SPACE.has(text.charCodeAt(start))) start++;
    }
    if (start < s.end) out.push({ start, end: s.end, paragraph: s.paragraph });
  }
  const diagnostics: Diagnostic[] = first
    ? [
        {
          ruleId: 'segment:sentence-too-long',
          severity: 'warning',
          reason: `${cut} sentence(s) longer than ${max} characters were cut into pieces at clause or word boundaries (no sentence punctuation found)`,
          start: first.start,
          end: first.end,
          actual: String(first.end - first.start),
          expected: `<= ${max}`,
        },
      ]
    : [];
  return { sentences: out, diagnostics };
}

/** Where to end a piece that must end by `limit`: the end offset (exclusive), trimmed of spaces. */
function breakPoint(text: string, start: number, limit: number, max: number): number {
  const floor = start + Math.floor(max * 0.75);
  let space = -1;
  for (let i = limit - 1; i > start; i--) {
    const c = text.charCodeAt(i);
    if (i >= floor && CLAUSE_END.has(c) && SPACE.has(text.charCodeAt(i + 1))) return i + 1;
    if (space < 0 && SPACE.has(c)) space = i;
    if (i < floor && space >= 0) break;
  }
  if (space > start) {
    let end = space;
    while (end > start && SPACE.has(text.charCodeAt(end - 1))) end--;
    if (end > start) return end;
  }
  // No space at all: a hard cut, moved back off a low surrogate so no character is split.
  const c = text.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}
