import type { Diagnostic, Paragraph } from '../../core/doc.js';
import type { Segmentation } from '../../core/text/segment-text.js';
import { stem } from '../../core/text/stem-word.js';
import stopwordData from '../../rules/clean/stopwords.json' with { type: 'json' };

/**
 * Flags a headline and lead glued on top of a different story (a common scraping accident): the
 * lead of a real story summarises it, so most of its content words come back in the body; a
 * foreign lead shares few. Nothing is removed: the text stays, the diagnostic says where and why.
 */

const STOPWORDS: ReadonlySet<string> = new Set(stopwordData.words);

/**
 * Judge only when the body says enough about its own subject. BBC paragraphs hold several
 * sentences, so sentences count rather than paragraphs alone.
 */
export const MIN_BODY_PARAGRAPHS = 2;
export const MIN_BODY_SENTENCES = 5;
export const MIN_BODY_WORDS = 80;
/** A lead shorter than this (headline included) is too small to compare. */
export const MIN_LEAD_WORDS = 8;
/** Content-word stems of `text[start, end)`, in order (repeats kept). */
export function contentStems(text: string, start: number, end: number): string[] {
  const lower = text.slice(start, end).toLowerCase();
  const out: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(lower.charCodeAt(i))) i++;
    const from = i;
    let digit = false;
    while (i < n && isWordChar(lower.charCodeAt(i))) {
      if (lower.charCodeAt(i) < 0x3a) digit = true;
      i++;
    }
    // Two letters or less, and anything with a digit (years, sums), say little about the subject.
    if (i - from < 3 || digit) continue;
    const word = lower.slice(from, i);
    if (!STOPWORDS.has(word)) out.push(stem(word));
  }
  return out;
}

/** Letters and digits; apostrophes and hyphens split words (`putin’s` → `putin`, `s`). */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  // Latin-1 and beyond, minus the general punctuation block (quotes, dashes) and × ÷.
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && (c < 0x2000 || c > 0x206f);
}

export interface LeadMeasure {
  /** Paragraphs in the lead block, headline included. */
  leadParagraphs: number;
  /** Distinct content stems of the lead block. */
  leadWords: number;
  /** How many of them occur in the body. */
  shared: number;
  /** How many of them occur at least twice in the body: words the body is about. */
  sharedRepeated: number;
  bodyParagraphs: number;
  /** Content words of the body (repeats counted). */
  bodyWords: number;
  /** False when the scan stopped early (`stopAbove` reached): the counts are then lower bounds. */
  complete: boolean;
  /** Span of the lead block. */
  start: number;
  end: number;
}

/**
 * Compares the headline (when the segmentation found one) plus the first `leadCount` paragraphs
 * after it with the rest. Undefined when the text has too few paragraphs for that split. The body
 * scan stops once `shared + sharedRepeated` exceeds `stopAbove(leadWords)`: a real lead gets there within
 * a paragraph or two, so most articles are never read to the end.
 */
export function measureLead(
  text: string,
  seg: Segmentation,
  leadCount: number,
  stopAbove: (leadWords: number) => number = () => Number.POSITIVE_INFINITY,
): LeadMeasure | undefined {
  const paragraphs = seg.paragraphs;
  const leadEnd = (seg.title ? 1 : 0) + leadCount;
  if (paragraphs.length <= leadEnd) return undefined;
  // Lead stem → how often the body has it so far; body words outside the lead are only counted.
  const lead = new Map<string, number>();
  for (let p = 0; p < leadEnd; p++) {
    const para = paragraphs[p] as Paragraph;
    for (const s of contentStems(text, para.start, para.end)) lead.set(s, 0);
  }
  const limit = stopAbove(lead.size);
  let bodyWords = 0;
  let shared = 0;
  let sharedRepeated = 0;
  let complete = true;
  scan: for (let p = leadEnd; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Paragraph;
    for (const s of contentStems(text, para.start, para.end)) {
      bodyWords++;
      const count = lead.get(s);
      if (count === undefined || count > 1) continue;
      lead.set(s, count + 1);
      if (count === 0) shared++;
      else sharedRepeated++;
      if (shared + sharedRepeated > limit) {
        complete = false;
        break scan;
      }
    }
  }
  return {
    leadParagraphs: leadEnd,
    leadWords: lead.size,
    shared,
    sharedRepeated,
    bodyParagraphs: paragraphs.length - leadEnd,
    bodyWords,
    complete,
    start: (paragraphs[0] as Paragraph).start,
    end: (paragraphs[leadEnd - 1] as Paragraph).end,
  };
}

/**
 * Overlap score in [0, 1]: half for lead words found in the body, half for those the body repeats.
 * Intact BBC leads (business, tech) score 0.15 or more, nearly always over 0.3; glued ones mostly
 * under 0.1, as a word or two (a country, a sector word) is shared by chance.
 */
export function overlapScore(m: LeadMeasure): number {
  return m.leadWords === 0 ? 1 : (m.shared + m.sharedRepeated) / (2 * m.leadWords);
}

/** At or below this overlap score (and with few shared words) the lead is flagged. */
export const MAX_FOREIGN_SCORE = 0.12;
export const MAX_FOREIGN_SHARED = 3;

export const FOREIGN_LEAD_RULE = 'clean:foreign-lead';

/**
 * A `clean:foreign-lead` warning covering the headline and first paragraph when they share almost
 * no content words with a body long enough to judge; undefined otherwise. Conservative: a false flag
 * on a real article costs more than a miss.
 */
export function flagForeignLead(text: string, seg: Segmentation): Diagnostic | undefined {
  const leadEnd = seg.title ? 2 : 1;
  if (seg.paragraphs.length < leadEnd + MIN_BODY_PARAGRAPHS) return undefined;
  const sentences = seg.sentences;
  if (
    sentences.length < MIN_BODY_SENTENCES ||
    (sentences[sentences.length - MIN_BODY_SENTENCES]?.paragraph ?? 0) < leadEnd
  ) {
    return undefined;
  }
  // The most shared + repeated words a flagged lead can have (only known once the lead is read),
  // bounded by the shared-word cap.
  const m = measureLead(text, seg, 1, (leadWords) =>
    Math.min(2 * MAX_FOREIGN_SHARED, Math.floor(2 * MAX_FOREIGN_SCORE * leadWords)),
  );
  if (!m?.complete || m.bodyParagraphs < MIN_BODY_PARAGRAPHS || m.bodyWords < MIN_BODY_WORDS)
    return undefined;
  if (m.leadWords < MIN_LEAD_WORDS || m.shared > MAX_FOREIGN_SHARED) return undefined;
  const score = overlapScore(m);
  if (score > MAX_FOREIGN_SCORE) return undefined;
  const what = seg.title ? 'the headline and first paragraph' : 'the first paragraph';
  return {
    ruleId: FOREIGN_LEAD_RULE,
    severity: 'warning',
    reason:
      `${what} share ${m.shared} of ${m.leadWords} content words with the rest of the article ` +
      `(${m.sharedRepeated} of them repeated there, ${m.bodyWords} content words in ` +
      `${m.bodyParagraphs} paragraphs): probably the lead of another story`,
    start: m.start,
    end: m.end,
    actual: score.toFixed(3),
    expected: `> ${MAX_FOREIGN_SCORE}`,
  };
}
