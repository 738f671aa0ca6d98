import type { Doc, Sentence, Span } from '../../core/doc.js';
import genreData from '../../rules/events/genre.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { isSportText } from './check-sense.js';

/**
 * Passage type: which sentences are the writer's own voice (opinion, readers' comments, letters)
 * rather than a report, and whether the whole document is sport. A report speaks in the third
 * person and asks no questions outside quotations; a comment says "I agree with Mr Forsyth", "we
 * must", "you cannot compare", "so what?". Events told there are opinions: the stage sets them
 * aside with the rule id below as the reason, which `tidings explain` prints.
 */

const personal = new Set([
  ...wordList(genreData.firstPerson, 'events/genre firstPerson'),
  ...wordList(genreData.secondPerson, 'events/genre secondPerson'),
]);
const passageRule = genreData.personalPassage;
const commentRule = genreData.commentSection;
const sportRule = genreData.sportDocument;
export const personalPassageRule = passageRule.id;
export const commentSectionRule = commentRule.id;
export const sportDocumentRule = sportRule.id;

/** The longest personal pronoun: a longer word is none, and is counted without being cut out. */
const longestPersonal = Math.max(...[...personal].map((w) => w.length));

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Personal pronouns counted as a reader would: "I" alone, others lower or title case ("US" is no "us"). */
function isPersonal(w: string): boolean {
  if (w === 'I') return true;
  if (w.length < 2) return false;
  const lower = w.toLowerCase();
  if (!personal.has(lower)) return false;
  return w === lower || w.slice(1) === lower.slice(1);
}

/**
 * The sentence's text with quotations blanked (same length). A straight quote mark opens after a
 * space or the start and before a letter, and closes otherwise: news copy often leaves a quote
 * open across sentences and paragraphs and opens the next paragraph's quote again without closing
 * the last (`said: "… Scotland. "That's …`), which pairing marks one by one reads inside out.
 * `open` carries the state from the previous sentence of the same paragraph.
 */
function outsideQuotes(text: string, sentence: Span, state: { open: boolean }, quoted: Span[]): string {
  let out = '';
  let from = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const c = text[i];
    if (c !== '"' && c !== '\u201c' && c !== '\u201d') continue;
    const before = i === 0 ? ' ' : (text[i - 1] as string);
    const after = i + 1 < text.length ? (text[i + 1] as string) : ' ';
    const opens = c === '\u201c' || (c === '"' && /[\s([\u2014-]/.test(before) && /\S/.test(after));
    if (opens && !state.open) {
      out += text.slice(from, i);
      from = i;
      state.open = true;
    } else if (!opens && state.open) {
      quoted.push({ start: from, end: i + 1 });
      out += ' '.repeat(i + 1 - from);
      from = i + 1;
      state.open = false;
    } else if (opens && state.open) {
      // A quote opened again: the open one ran to here.
      quoted.push({ start: from, end: i });
      out += ' '.repeat(i - from);
      from = i;
    }
  }
  if (state.open) quoted.push({ start: from, end: sentence.end });
  return out + (state.open ? ' '.repeat(sentence.end - from) : text.slice(from, sentence.end));
}

export interface PassageGenre {
  /** The rule that puts a sentence in the writer's own voice, or undefined for a report. */
  opinion(sentence: number): string | undefined;
  /** Whether the document as a whole is sport (`sportDocumentRule`). */
  sport: boolean;
  /** Whether offset `pos` lies inside a quotation (marks read as news copy uses them). */
  quoted(pos: number): boolean;
}

/**
 * Reads every paragraph once (words outside quotations, personal pronouns, questions): linear in
 * the document.
 */
export function passageGenre(doc: Readonly<Doc>): PassageGenre {
  const sentences = doc.sentences ?? [];
  const words = new Map<number, number>();
  const cues = new Map<number, number>();
  const order: number[] = [];
  const state = { open: false };
  const quoted: Span[] = [];
  let paragraph = -1;
  let sportSentences = 0;
  let counted = 0;
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i] as Sentence;
    if (sentence.end <= sentence.start || sentence.end > doc.text.length) continue;
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      state.open = false;
    }
    const own = outsideQuotes(doc.text, sentence, state, quoted);
    // The words are runs of ASCII letters, read in place (`/[A-Za-z]+/g` matched over the text
    // made a match object a word: a tenth of the whole analysis's garbage).
    let n = 0;
    let c = 0;
    for (let k = 0; k < own.length; ) {
      if (!isAsciiLetter(own.charCodeAt(k))) {
        k++;
        continue;
      }
      const start = k;
      while (k < own.length && isAsciiLetter(own.charCodeAt(k))) k++;
      n++;
      if (k - start <= longestPersonal && isPersonal(own.slice(start, k))) c++;
    }
    // A question or an exclamation outside quotations: a report neither asks nor exclaims.
    const end = own.trimEnd();
    if (end.endsWith('?') || end.endsWith('!')) c++;
    const p = sentence.paragraph;
    if (!words.has(p)) order.push(p);
    words.set(p, (words.get(p) ?? 0) + n);
    cues.set(p, (cues.get(p) ?? 0) + c);
    counted++;
    if (isSportText(doc.text.slice(sentence.start, sentence.end))) sportSentences++;
  }
  const personalParagraph = (p: number): boolean => {
    const n = words.get(p) ?? 0;
    const c = cues.get(p) ?? 0;
    if (n === 0 || c === 0) return false;
    return c / n >= passageRule.share && (c >= passageRule.minCues || n < passageRule.shortWords);
  };
  const personalSet = new Set(order.filter(personalParagraph));
  // A comments section: from the first personal paragraph on, personal paragraphs dominate.
  let sectionFrom: number | undefined;
  const first = order.findIndex((p) => personalSet.has(p));
  if (first >= 0) {
    const rest = order.length - first;
    let inRest = 0;
    for (let k = first; k < order.length; k++) if (personalSet.has(order[k] as number)) inRest++;
    if (inRest >= commentRule.minPassages && inRest / rest >= commentRule.share)
      sectionFrom = order[first] as number;
  }
  const sport =
    sportSentences >= sportRule.minSentences && sportSentences / Math.max(1, counted) >= sportRule.share;
  return {
    sport,
    quoted(pos) {
      let lo = 0;
      let hi = quoted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((quoted[mid] as Span).end <= pos) lo = mid + 1;
        else hi = mid;
      }
      const q = quoted[lo];
      return q !== undefined && q.start <= pos;
    },
    opinion(index) {
      const sentence = sentences[index];
      if (!sentence) return undefined;
      if (sectionFrom !== undefined && sentence.paragraph >= sectionFrom) return commentSectionRule;
      return personalSet.has(sentence.paragraph) ? personalPassageRule : undefined;
    },
  };
}
