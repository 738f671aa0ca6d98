import type { Attribution, Doc, Quote, Sentence, Span } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import verbData from '../../../rules/quotes/reporting-verbs.json' with { type: 'json' };
import { compilePhrases } from '../entities/phrase-matcher.js';
import { type Token, tokenize } from '../entities/tokenize.js';

// ---- compiled once ----------------------------------------------------------------------

const verbs = new Set(verbData.verbs);
const pronouns = new Set(verbData.pronouns);
const skipBeforeVerb = new Set(verbData.skipBeforeVerb);
const dateWords = new Set(verbData.dateWords);
const cuePhrases = compilePhrases(
  verbData.cuePhrases.map((c) => ({ surface: c.surface, value: c.rule, anyCase: true })),
);

/** Quotes longer than this are assumed to be unbalanced marks, not speech. */
const maxQuoteLength = 3000;

interface MentionRef {
  entity: string;
  start: number;
  end: number;
}

interface Subject {
  span: Span;
  entity?: string;
}

interface Context {
  text: string;
  byEnd: Map<number, MentionRef>;
  byStart: Map<number, MentionRef>;
}

function isTrailingPunct(t: Token): boolean {
  return t.kind === 'punct' && '.!?,;:”"’\''.includes(t.lower);
}

/** The subject ending just before token `v` (skipping "also", "has", …), or undefined. */
function subjectBefore(
  ctx: Context,
  tokens: readonly Token[],
  v: number,
  floor: number,
): Subject | undefined {
  let k = v - 1;
  let skipped = 0;
  while (k >= floor && skipped < 2 && skipBeforeVerb.has((tokens[k] as Token).lower)) {
    k--;
    skipped++;
  }
  if (k < floor) return undefined;
  const t = tokens[k] as Token;
  const m = ctx.byEnd.get(t.end);
  if (m) return { span: withArticle(ctx, tokens, m.start, m.end), entity: m.entity };
  if (pronouns.has(t.lower)) return { span: { start: t.start, end: t.end } };
  return undefined;
}

/** The entity mention starting at token `i` ("said Putin", "according to the Kremlin"). */
function subjectAfter(ctx: Context, tokens: readonly Token[], i: number): Subject | undefined {
  let k = i;
  if (tokens[k]?.lower === 'the') k++;
  const t = tokens[k];
  if (!t) return undefined;
  const m = ctx.byStart.get(t.start);
  if (m) return { span: { start: (tokens[i] as Token).start, end: m.end }, entity: m.entity };
  return undefined;
}

/** "the Kremlin": include a directly preceding article in the source text. */
function withArticle(ctx: Context, tokens: readonly Token[], start: number, end: number): Span {
  const idx = tokens.findIndex((t) => t.start === start);
  const prev = idx > 0 ? tokens[idx - 1] : undefined;
  if (prev && prev.lower === 'the' && ctx.text.charCodeAt(prev.end) === 32) return { start: prev.start, end };
  return { start, end };
}

/** Content span between two offsets, trimmed of spaces and trailing punctuation. */
function contentSpan(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && /[\s,;:]/.test(text[s] as string)) s++;
  while (e > s && /[\s.,;:!?]/.test(text[e - 1] as string)) e--;
  return e > s ? { start: s, end: e } : undefined;
}

function findQuotes(text: string, ranges: readonly Span[], removed: Doc['removed']): Span[] {
  const out: Span[] = [];
  for (const r of ranges) {
    let open = -1;
    let straight = false;
    for (let i = r.start; i < r.end; i++) {
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
    }
  }
  return out;
}

function sentenceAt(sentences: readonly Sentence[], offset: number): number {
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

export function annotateQuotes(doc: Readonly<Doc>): StageResult {
  const text = doc.text;
  const sentences = doc.sentences ?? [];
  const byEnd = new Map<number, MentionRef>();
  const byStart = new Map<number, MentionRef>();
  for (const e of doc.entities ?? []) {
    for (const m of e.mentions) {
      const ref = { entity: e.id, start: m.start, end: m.end };
      // Longest mention wins for a shared boundary.
      const a = byEnd.get(m.end);
      if (!a || a.end - a.start < m.end - m.start) byEnd.set(m.end, ref);
      const b = byStart.get(m.start);
      if (!b || b.end - b.start < m.end - m.start) byStart.set(m.start, ref);
    }
  }
  const ctx: Context = { text, byEnd, byStart };
  const tokenCache = new Map<number, Token[]>();
  const tokensOf = (i: number): Token[] => {
    let t = tokenCache.get(i);
    if (!t) {
      const s = sentences[i] as Sentence;
      t = tokenize(text, s.start, s.end);
      tokenCache.set(i, t);
    }
    return t;
  };

  // ---- quotes ----
  const quotes: Quote[] = [];
  const ranges = doc.paragraphs && doc.paragraphs.length > 0 ? doc.paragraphs : sentences;
  for (const q of findQuotes(text, ranges, doc.removed)) {
    const quote: Quote = { start: q.start, end: q.end, rule: 'quotes:double-marks' };
    const si = sentenceAt(sentences, q.start);
    if (si >= 0) {
      const speaker = findSpeaker(ctx, tokensOf(si), q);
      if (speaker) {
        quote.speakerText = text.slice(speaker.span.start, speaker.span.end);
        if (speaker.entity) quote.speaker = speaker.entity;
        quote.rule = 'quotes:double-marks.reporting-verb';
      }
    }
    quotes.push(quote);
  }

  // ---- attributions ----
  const attributions: Attribution[] = [];
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si] as Sentence;
    if (isRemoved(doc.removed, s.start, s.end)) continue;
    const tokens = tokensOf(si);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const phrase = t.kind === 'word' ? cuePhrases.match(text, tokens, i) : undefined;
      if (phrase) {
        const a = phraseAttribution(ctx, s, tokens, i, phrase.length, phrase.value);
        if (a) attributions.push(a);
        i += phrase.length - 1;
        continue;
      }
      if (t.kind !== 'word' || !verbs.has(t.lower)) continue;
      const a = verbAttribution(ctx, s, tokens, i);
      if (a) attributions.push(a);
    }
  }
  return { quotes, attributions };
}

function findSpeaker(ctx: Context, tokens: readonly Token[], q: Span): Subject | undefined {
  // Closest reporting verb before the quote, else the first one after it.
  let before = -1;
  let after = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' || !verbs.has(t.lower)) continue;
    if (t.end <= q.start) before = i;
    else if (t.start >= q.end && after < 0) after = i;
  }
  if (before >= 0) {
    const s = subjectBefore(ctx, tokens, before, 0);
    if (s) return s;
  }
  if (after >= 0) {
    // "“…,” Putin said" or "“…,” said Putin".
    const floor = tokens.findIndex((t) => t.start >= q.end);
    return subjectBefore(ctx, tokens, after, Math.max(floor, 0)) ?? subjectAfter(ctx, tokens, after + 1);
  }
  return undefined;
}

function phraseAttribution(
  ctx: Context,
  s: Sentence,
  tokens: readonly Token[],
  i: number,
  length: number,
  rule: string,
): Attribution | undefined {
  const cueFrom = tokens[i] as Token;
  const cueTo = tokens[i + length - 1] as Token;
  const source = subjectAfter(ctx, tokens, i + length);
  if (!source) return undefined;
  const cue = { start: cueFrom.start, end: cueTo.end };
  // "According to CNN, …": the content follows; "…, according to CNN." / "…, as described by X": it precedes.
  const leading = i === 0 || (i === 1 && !isTrailingPunct(tokens[0] as Token));
  let content: Span | undefined;
  let start: number;
  let end: number;
  if (leading) {
    content = contentSpan(ctx.text, source.span.end, s.end);
    start = cue.start;
    end = content?.end ?? source.span.end;
  } else {
    content = contentSpan(ctx.text, s.start, cue.start);
    start = content?.start ?? cue.start;
    end = source.span.end;
  }
  const a: Attribution = {
    start,
    end,
    source: ctx.text.slice(source.span.start, source.span.end),
    cue,
    rule,
  };
  if (source.entity) a.sourceEntity = source.entity;
  if (content) a.content = content;
  return a;
}

function verbAttribution(
  ctx: Context,
  s: Sentence,
  tokens: readonly Token[],
  v: number,
): Attribution | undefined {
  const verb = tokens[v] as Token;
  const cue = { start: verb.start, end: verb.end };
  let source = subjectBefore(ctx, tokens, v, 0);
  let inverted = false;
  if (!source) {
    // "…,” said Putin.": the source follows the verb.
    const prev = tokens[v - 1];
    if (prev && isTrailingPunct(prev)) {
      source = subjectAfter(ctx, tokens, v + 1);
      inverted = source !== undefined;
    }
  }
  if (!source) return undefined;
  const text = ctx.text;
  const sourceFrom = tokens.findIndex((t) => t.start >= source.span.start);
  const beforeSource = sourceFrom > 0 ? tokens[sourceFrom - 1] : undefined;
  // Trailing attribution: "…, CNN reported." / "…, the Kremlin said Tuesday."
  if (inverted || (beforeSource && isTrailingPunct(beforeSource))) {
    let end = Math.max(cue.end, source.span.end);
    let k = inverted ? tokens.findIndex((t) => t.start >= source.span.end) : v + 1;
    if (k < 0) k = tokens.length;
    if (tokens[k]?.lower === 'on' && dateWords.has(tokens[k + 1]?.lower ?? '')) k++;
    const d = tokens[k];
    if (d && dateWords.has(d.lower)) end = d.end;
    // Only a clause that ends the sentence: "…, CNN reported, citing …" is left for later.
    const after = tokens[k + (d && dateWords.has(d.lower) ? 1 : 0)];
    const endsClause = !after || isTrailingPunct(after);
    const contentEnd = inverted ? verb.start : source.span.start;
    const content = endsClause ? contentSpan(text, s.start, contentEnd) : undefined;
    if (content) {
      const a: Attribution = {
        start: content.start,
        end,
        source: text.slice(source.span.start, source.span.end),
        cue,
        content,
        rule: inverted
          ? 'quotes:attribution.trailing-verb-source'
          : 'quotes:attribution.trailing-source-verb',
      };
      if (source.entity) a.sourceEntity = source.entity;
      return a;
    }
    if (inverted) return undefined;
  }
  // Leading attribution: "CNN reported that …", "He said the leaders aimed to …".
  let k = v + 1;
  if (tokens[k] && dateWords.has((tokens[k] as Token).lower)) k++;
  if (tokens[k]?.lower === 'that') k++;
  const from = tokens[k];
  if (!from) return undefined;
  const content = contentSpan(text, from.start, s.end);
  if (!content) return undefined;
  const a: Attribution = {
    start: source.span.start,
    end: content.end,
    source: text.slice(source.span.start, source.span.end),
    cue,
    content,
    rule: 'quotes:attribution.source-verb-content',
  };
  if (source.entity) a.sourceEntity = source.entity;
  return a;
}

export const quotesStage: Stage<unknown> = {
  name: 'annotate-quotes',
  requires: ['sentences', 'entities'],
  assigns: ['quotes', 'attributions'],
  run: (doc) => annotateQuotes(doc),
};
