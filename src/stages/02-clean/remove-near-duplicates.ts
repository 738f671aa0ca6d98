import type { Removed, Span } from '../../core/doc.js';
import type { Segmentation } from '../../core/text/segment-text.js';
import stopwordData from '../../rules/clean/stopwords.json' with { type: 'json' };

/**
 * Near-duplicates in scraped text: a later sentence (or paragraph) that says again, with small
 * edits, what an earlier one said — a pull quote, a caption repeating the lead, a sentence pasted
 * twice and touched up ("…relations between Moscow and Beijing…" / "This is the also latest sign of
 * the deepening relations between Beijing and Moscow…"). It is marked removed with a pointer to the
 * earlier one (`duplicateOf`), never deleted.
 *
 * The measure is containment (Broder 1997): the share of the later unit's content words (distinct,
 * lowercased, function words dropped) found in the earlier one, so swapped conjuncts and a word
 * inserted or dropped still meet; and, so that the same names in another arrangement (a fixture
 * list) do not, more than half of its word pairs must come back in the earlier one too. The
 * thresholds are round levels (the 0.8 usual for near-duplicate resemblance; a majority of pairs),
 * not read off a text here; what they do on clean news is measured in docs/evaluation.md. Every
 * number of the later unit must be in the earlier one: a sentence that changes a figure
 * ("paid $2 million" after "paid $1 million") states another fact.
 */

/** Share of the later unit's content words the earlier one must hold. */
export const NEAR_DUPLICATE_CONTAINMENT = 0.9;
/** Units with fewer distinct content words are left alone: too little to tell a restatement by. */
export const NEAR_DUPLICATE_MIN_WORDS = 8;
/** Earlier units compared with one unit at most, so a text of many look-alike sentences stays linear. */
const MAX_CANDIDATES = 64;

const STOPWORDS: ReadonlySet<string> = new Set(stopwordData.words);
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Share of the later unit's word pairs (all words, in order) the earlier one must hold too. */
export const NEAR_DUPLICATE_ORDER = 0.5;

interface Unit extends Span {
  /** Distinct content-word ids (numbers included). */
  words: number[];
  /** The ids of those that hold a digit: a restatement never changes a figure. */
  numbers: number[];
}

/**
 * Near-duplicate paragraphs (of two sentences or more), then near-duplicate sentences outside them,
 * among the units `seg` gives that no span of `removed` (exact duplicates, boilerplate) covers.
 * The headline is neither removed nor a kept copy, as for exact duplicates.
 */
export function findNearDuplicates(text: string, seg: Segmentation, removed: readonly Removed[]): Removed[] {
  const ids = new Map<string, number>();
  const covered = coverage(removed);
  const sentencesOf = new Map<number, number>();
  for (const s of seg.sentences) sentencesOf.set(s.paragraph, (sentencesOf.get(s.paragraph) ?? 0) + 1);

  const paragraphs: Unit[] = [];
  seg.paragraphs.forEach((p, i) => {
    if (i === 0 && seg.title) return;
    if ((sentencesOf.get(i) ?? 0) < 2 || covered(p)) return;
    paragraphs.push({ start: p.start, end: p.end, ...contentWords(text, p, ids) });
  });
  const out = match(text, paragraphs, 'duplicate-paragraph', 'clean:near-duplicate-paragraph');

  const gone = coverage([...removed, ...out]);
  const sentences: Unit[] = [];
  for (const s of seg.sentences) {
    if (s.paragraph === 0 && seg.title) continue;
    if (gone(s)) continue;
    sentences.push({ start: s.start, end: s.end, ...contentWords(text, s, ids) });
  }
  out.push(...match(text, sentences, 'duplicate-sentence', 'clean:near-duplicate-sentence'));
  return out.sort((a, b) => a.start - b.start);
}

/** Each unit against the earlier kept ones, by prefix filtering on the rarest words. */
function match(text: string, units: Unit[], reason: Removed['reason'], rule: string): Removed[] {
  const df = new Map<number, number>();
  for (const u of units) for (const w of u.words) df.set(w, (df.get(w) ?? 0) + 1);
  const rarestFirst = (a: number, b: number) => (df.get(a) as number) - (df.get(b) as number) || a - b;
  const postings = new Map<number, number[]>();
  const sets: (Set<number> | undefined)[] = [];
  const out: Removed[] = [];
  units.forEach((unit, index) => {
    const n = unit.words.length;
    let kept = true;
    if (n >= NEAR_DUPLICATE_MIN_WORDS) {
      const need = Math.ceil(NEAR_DUPLICATE_CONTAINMENT * n);
      // An earlier unit holding `need` of the n words holds at least one of any n - need + 1 of them.
      const prefix = [...unit.words].sort(rarestFirst).slice(0, n - need + 1);
      let best = -1;
      let bestShared = need - 1;
      let checked = 0;
      const seen = new Set<number>();
      search: for (const w of prefix) {
        for (const candidate of postings.get(w) ?? []) {
          if (seen.has(candidate)) continue;
          seen.add(candidate);
          if (++checked > MAX_CANDIDATES) break search;
          const other = sets[candidate] as Set<number>;
          if (other.size < need || !unit.numbers.every((x) => other.has(x))) continue;
          let shared = 0;
          for (const x of unit.words) if (other.has(x)) shared++;
          if (shared < bestShared || (shared === bestShared && best >= 0 && candidate > best)) continue;
          if (pairShare(text, unit, units[candidate] as Unit) >= NEAR_DUPLICATE_ORDER) {
            best = candidate;
            bestShared = shared;
          }
        }
      }
      if (best >= 0) {
        kept = false;
        out.push({
          start: unit.start,
          end: unit.end,
          reason,
          rule,
          duplicateOf: (units[best] as Unit).start,
        });
      }
    }
    if (!kept || n < NEAR_DUPLICATE_MIN_WORDS * NEAR_DUPLICATE_CONTAINMENT) return;
    // Only a unit that could hold a long enough one is indexed as a kept copy.
    sets[index] = new Set(unit.words);
    for (const w of unit.words) {
      const list = postings.get(w);
      if (list) list.push(index);
      else postings.set(w, [index]);
    }
  });
  return out;
}

/**
 * Share of the word pairs of `unit` (every word, in order) that `other` holds too: containment
 * alone ignores order, so a fixture list or a second list entry with the same names in another
 * arrangement would pass; a restatement keeps most of its phrases.
 */
function pairShare(text: string, unit: Span, other: Span): number {
  const mine = wordPairs(text, unit);
  if (mine.length === 0) return 0;
  const theirs = new Set(wordPairs(text, other));
  let shared = 0;
  for (const p of mine) if (theirs.has(p)) shared++;
  return shared / mine.length;
}

function wordPairs(text: string, span: Span): string[] {
  const words = text.slice(span.start, span.end).toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

// Character classes for `contentWords`' scanner, from the same Unicode properties as `WORD`:
// 1 a letter (\p{L}), 2 a number (\p{N}), 4 a character the scanner leaves to the regex (a
// surrogate, or one that lowercasing changes other than an ASCII capital: "İ" lowercases to two
// code units).
const LETTER_CLASS = 1;
const NUMBER_CLASS = 2;
const UNSAFE = 4;
const charClasses: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  let all = '';
  for (let c = 0; c < 0x10000; c += 4096) {
    const units: number[] = [];
    for (let d = c; d < c + 4096; d++) units.push(d >= 0xd800 && d <= 0xdfff ? 32 : d);
    all += String.fromCharCode(...units);
  }
  for (const m of all.matchAll(/\p{L}+/gu)) table.fill(LETTER_CLASS, m.index, m.index + m[0].length);
  for (const m of all.matchAll(/\p{N}+/gu)) {
    for (let c = m.index; c < m.index + m[0].length; c++) table[c] = (table[c] as number) | NUMBER_CLASS;
  }
  for (let c = 128; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) table[c] = UNSAFE;
    else if (String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c))
      table[c] = (table[c] as number) | UNSAFE;
  }
  return table;
})();

/**
 * Distinct content words of `text[span)` and the numbers among them, as ids (`ids` numbers the
 * words in the order they are first seen, across calls). Exported for its test.
 */
export function contentWords(
  text: string,
  span: Span,
  ids: Map<string, number>,
): { words: number[]; numbers: number[] } {
  const words = new Set<number>();
  const numbers = new Set<number>();
  const add = (word: string, number: boolean) => {
    if ((word.length < 2 && !number) || STOPWORDS.has(word)) return;
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    words.add(id);
    if (number) numbers.add(id);
  };
  // The words `WORD` matches in the lowercased span, found by a scan of the span as written: the
  // same words, without lowercasing the span or a match object per word. A span holding a
  // character the scan does not handle alike (see `charClasses`) goes to the regex.
  const { start, end } = span;
  let safe = true;
  for (let i = start; i < end; i++) {
    if ((charClasses[text.charCodeAt(i)] as number) & UNSAFE) {
      safe = false;
      break;
    }
  }
  if (!safe) {
    for (const m of text.slice(start, end).toLowerCase().matchAll(WORD)) {
      const word = m[0].replace(/’/g, "'");
      add(word, /\d/.test(word));
    }
    return { words: [...words], numbers: [...numbers] };
  }
  let i = start;
  while (i < end) {
    if (((charClasses[text.charCodeAt(i)] as number) & 3) === 0) {
      i++;
      continue;
    }
    const from = i;
    let digit = false;
    let upper = false;
    let apostrophe = false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (((charClasses[c] as number) & 3) === 0) break;
      if (c >= 48 && c <= 57) digit = true;
      else if (c >= 65 && c <= 90) upper = true;
    }
    // `(?:['’]\p{L}+)*`: an apostrophe joins the letters that follow it.
    while (i + 1 < end) {
      const c = text.charCodeAt(i);
      if (c !== 39 && c !== 0x2019) break;
      if (!((charClasses[text.charCodeAt(i + 1)] as number) & LETTER_CLASS)) break;
      if (c === 0x2019) apostrophe = true;
      i++;
      for (; i < end; i++) {
        const d = text.charCodeAt(i);
        if (!((charClasses[d] as number) & LETTER_CLASS)) break;
        if (d >= 65 && d <= 90) upper = true;
      }
    }
    let word = text.slice(from, i);
    if (upper) word = word.toLowerCase();
    if (apostrophe) word = word.replace(/’/g, "'");
    add(word, digit);
  }
  return { words: [...words], numbers: [...numbers] };
}

/** Whether a span lies inside one of `spans` (sorted or not). */
function coverage(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return (span) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as Span).start <= span.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Removed spans do not overlap, so the last one starting at or before the span is the one.
    return at >= 0 && (sorted[at] as Span).end >= span.end;
  };
}
