import type { Attribution, Diagnostic, Doc, Quote, Sentence, Span } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import { documentTokens, PUNCT, type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { personalPronouns, reportingVerbs, weekdays } from '../../../rules/lexicon/lexicon.js';
import cueData from '../../../rules/quotes/attribution-cues.json' with { type: 'json' };
import sourceData from '../../../rules/quotes/source-nouns.json' with { type: 'json' };
import { markNested, mergeAttributions } from './chain-attributions.js';
import { refineContents } from './content-bounds.js';
import { refineCues } from './cue-bounds.js';
import { dropRaisedSources } from './drop-raised-sources.js';
import { dropUnconfirmedCues } from './drop-unconfirmed-cues.js';
import { findQuotes, sentenceAt } from './find-quotes.js';
import { groupAttributions } from './group-attributions.js';
import { attachQuoteSpeakers, resolveAttributionSources, SourceResolver } from './resolve-sources.js';
import {
  attributionFeatures,
  attributionTagger,
  paragraphStartSentences,
  type RoleSpan,
  tagAttributionSpans,
  trimUnpairedCommas,
} from './tag-attributions.js';
import { dateAttributions, dropClauseSources, hasCueWord } from './tidy-attributions.js';

// ---- compiled once ----------------------------------------------------------------------

// Verbs of belief ("X thinks") attribute a view, not words: they cue no quote or attribution.
const verbs = new TokenSet([...reportingVerbs.neutral, ...reportingVerbs.evaluative]);
const pronouns = new Set(personalPronouns);
const skipBeforeVerb = new Set(cueData.skipBeforeVerb);
const dateWords = new Set([...weekdays.map((d) => d.name), ...cueData.relativeDateWords]);
const sourceNouns = new Set(sourceData.nouns);
const sourceModifiers = new Set([...sourceData.determiners, ...sourceData.nouns]);
const cuePhrases = compilePhrases(
  cueData.cuePhrases.map((c) => ({ surface: c.surface, value: c.rule, anyCase: true })),
);

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
  tokens: TokenLayer;
  byEnd: Map<number, MentionRef>;
  byStart: Map<number, MentionRef>;
}

/** A sentence's tokens: `[from, to)` in the document's layer. */
interface Range {
  from: number;
  to: number;
}

function isTrailingPunct(tokens: TokenLayer, i: number): boolean {
  return tokens.kind(i) === PUNCT && '.!?,;:”"’\''.includes(tokens.lower(i));
}

/** Index of the first token of `r` starting at or after `offset`, or -1. */
function firstFrom(tokens: TokenLayer, r: Range, offset: number): number {
  const k = tokens.indexAtOrAfter(offset, r.from, r.to);
  return k < r.to ? k : -1;
}

/** The subject ending just before token `v` (skipping "also", "has", …), or undefined. */
function subjectBefore(ctx: Context, r: Range, v: number, floor: number): Subject | undefined {
  const { tokens } = ctx;
  let k = v - 1;
  let skipped = 0;
  while (k >= floor && skipped < 2 && skipBeforeVerb.has(tokens.lower(k))) {
    k--;
    skipped++;
  }
  if (k < floor) return undefined;
  const m = ctx.byEnd.get(tokens.end(k));
  if (m) {
    // "…, state media KCNA reported": lowercase descriptors back to a comma belong to the source.
    const described = descriptorStart(ctx, r, firstFrom(tokens, r, m.start), floor);
    const start = described ?? withArticle(ctx, r, m.start, m.end).start;
    return { span: { start, end: m.end }, entity: m.entity };
  }
  if (pronouns.has(tokens.lower(k))) return { span: { start: tokens.start(k), end: tokens.end(k) } };
  // An unnamed source: "…, officials said", "…, a ministry spokesman said".
  if (tokens.kind(k) === WORD && sourceNouns.has(tokens.lower(k))) {
    const start = descriptorStart(ctx, r, k + 1, floor);
    if (start !== undefined) return { span: { start, end: tokens.end(k) } };
  }
  return undefined;
}

/**
 * Where a source phrase ending before token `head` starts, walking back over at most four
 * lowercase modifier words ("state media", "a senior ministry"); only when the walk stops at a
 * comma or at the sentence start, so a clause's object is never taken for its source. Undefined
 * when no word was crossed or the walk stopped anywhere else.
 */
function descriptorStart(ctx: Context, r: Range, head: number, floor: number): number | undefined {
  const { tokens, text } = ctx;
  if (head < 0) return undefined;
  let j = head - 1;
  let crossed = 0;
  while (j >= floor && crossed < 4 && tokens.kind(j) === WORD && sourceModifiers.has(tokens.lower(j))) {
    const c = text.charCodeAt(tokens.start(j));
    if (j > r.from && c >= 65 && c <= 90) break; // a capitalised word inside the sentence is a name, not a modifier
    j--;
    crossed++;
  }
  if (crossed === 0) return undefined;
  const atBoundary =
    j < r.from || (tokens.kind(j) === PUNCT && (tokens.lower(j) === ',' || tokens.lower(j) === ';'));
  if (!atBoundary) return undefined;
  return tokens.start(j + 1);
}

/** The entity mention starting at token `i` ("said Putin", "according to the Kremlin"). */
function subjectAfter(ctx: Context, r: Range, i: number): Subject | undefined {
  const { tokens } = ctx;
  let k = i;
  if (k < r.to && tokens.lower(k) === 'the') k++;
  if (k >= r.to) return undefined;
  const m = ctx.byStart.get(tokens.start(k));
  if (m) return { span: { start: tokens.start(i), end: m.end }, entity: m.entity };
  return undefined;
}

/** "the Kremlin": include a directly preceding article in the source text. */
function withArticle(ctx: Context, r: Range, start: number, end: number): Span {
  const { tokens } = ctx;
  const idx = firstFrom(tokens, r, start);
  if (idx > r.from && tokens.start(idx) === start) {
    const prev = idx - 1;
    if (tokens.lower(prev) === 'the' && ctx.text.charCodeAt(tokens.end(prev)) === 32) {
      return { start: tokens.start(prev), end };
    }
  }
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

export function annotateQuotes(doc: Readonly<Doc>, options?: CapOptions): StageResult {
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
  const tokens = documentTokens(doc);
  const ctx: Context = { text, tokens, byEnd, byStart };
  const rangeOf = (si: number): Range => ({
    from: tokens.sentenceFirst[si] as number,
    to: tokens.sentenceFirst[si + 1] as number,
  });

  const diagnostics: Diagnostic[] = [];
  const maxQuotes = capFor('quotes', options);
  const maxAttributions = capFor('attributions', options);

  // ---- quotes ----
  const quotes: Quote[] = [];
  const ranges = doc.paragraphs && doc.paragraphs.length > 0 ? doc.paragraphs : sentences;
  for (const q of findQuotes(text, ranges, doc.removed)) {
    if (quotes.length >= maxQuotes) {
      diagnostics.push(capReached('quotes', 'quotes', maxQuotes, q));
      break;
    }
    const quote: Quote = { start: q.start, end: q.end, rule: 'quotes:double-marks' };
    const si = sentenceAt(sentences, q.start);
    if (si >= 0) {
      const speaker = findSpeaker(ctx, rangeOf(si), q);
      if (speaker) {
        quote.speakerText = text.slice(speaker.span.start, speaker.span.end);
        quote.speakerSpan = { start: speaker.span.start, end: speaker.span.end };
        if (speaker.entity) quote.speaker = speaker.entity;
        quote.rule = 'quotes:double-marks.reporting-verb';
      }
    }
    quotes.push(quote);
  }

  // ---- attributions: the trained tagger's, then the rules' where the tagger has no cue ----
  const tagger = attributionTagger();
  const features = attributionFeatures(
    tokens,
    paragraphStartSentences(
      tokens,
      (doc.paragraphs ?? []).map((p) => p.start),
    ),
    tagger,
  );
  const firstPass: RoleSpan[] = [];
  const tagged = tagAttributionSpans(
    features,
    tagger,
    (si) => {
      const s = sentences[si] as Sentence;
      return isRemoved(doc.removed, s.start, s.end);
    },
    firstPass,
  );
  const spans = dropRaisedSources(
    tokens,
    dropUnconfirmedCues(tagged, tagger.second ? firstPass : null),
    verbs,
  );
  refineCues(features, spans);
  refineContents(features, spans);
  trimUnpairedCommas(tokens, spans);
  const learned = groupAttributions(spans, text, tagger.rule).filter(
    (a) => a.content !== undefined || hasCueWord(tokens, a.cue, tagger.cues),
  );
  const ruled: Attribution[] = [];
  for (let si = 0; si < sentences.length && ruled.length <= maxAttributions; si++) {
    const s = sentences[si] as Sentence;
    if (isRemoved(doc.removed, s.start, s.end)) continue;
    const r = rangeOf(si);
    for (let i = r.from; i < r.to; i++) {
      if (tokens.kind(i) !== WORD) continue;
      const phrase = cuePhrases.match(tokens, i, r.to);
      if (phrase) {
        const a = phraseAttribution(ctx, s, r, i, phrase.length, phrase.value);
        if (a) ruled.push(a);
        i += phrase.length - 1;
        continue;
      }
      if (!verbs.hasToken(tokens, i)) continue;
      const a = verbAttribution(ctx, s, r, i);
      if (a) ruled.push(a);
    }
  }
  const headline = headlineAttribution(ctx, doc);
  if (headline) ruled.push(headline);
  dropClauseSources(learned, doc.entities ?? [], text);
  const attributions = mergeAttributions(learned, ruled);
  if (attributions.length > maxAttributions) {
    const first = attributions[maxAttributions] as Attribution;
    diagnostics.push(capReached('quotes', 'attributions', maxAttributions, first));
    attributions.length = maxAttributions;
  }
  markNested(attributions);
  const passages: Span[] = quotes.map((q) => ({ start: q.start, end: q.end }));
  for (const a of attributions)
    for (const p of a.contentPieces ?? (a.content ? [a.content] : [])) passages.push(p);
  const resolver = new SourceResolver(text, doc.entities ?? [], passages);
  resolveAttributionSources(attributions, resolver);
  attachQuoteSpeakers(quotes, attributions, text, resolver);
  dateAttributions(attributions, doc.times ?? []);
  return diagnostics.length > 0 ? { quotes, attributions, diagnostics } : { quotes, attributions };
}

function findSpeaker(ctx: Context, r: Range, q: Span): Subject | undefined {
  const { tokens } = ctx;
  // Closest reporting verb before the quote, else the first one after it.
  let before = -1;
  let after = -1;
  for (let i = r.from; i < r.to; i++) {
    if (tokens.kind(i) !== WORD || !verbs.hasToken(tokens, i)) continue;
    if (tokens.end(i) <= q.start) before = i;
    else if (tokens.start(i) >= q.end && after < 0) after = i;
  }
  if (before >= 0) {
    const s = subjectBefore(ctx, r, before, r.from);
    if (s) return s;
  }
  if (after >= 0) {
    // "“…,” Putin said" or "“…,” said Putin".
    const floor = firstFrom(tokens, r, q.end);
    return subjectBefore(ctx, r, after, floor < 0 ? r.from : floor) ?? subjectAfter(ctx, r, after + 1);
  }
  return undefined;
}

function phraseAttribution(
  ctx: Context,
  s: Sentence,
  r: Range,
  i: number,
  length: number,
  rule: string,
): Attribution | undefined {
  const { tokens } = ctx;
  const source = subjectAfter(ctx, r, i + length);
  if (!source) return undefined;
  const cue = { start: tokens.start(i), end: tokens.end(i + length - 1) };
  // "According to CNN, …": the content follows; "…, according to CNN." / "…, as described by X": it precedes.
  const leading = i === r.from || (i === r.from + 1 && !isTrailingPunct(tokens, r.from));
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
    sourceSpan: source.span,
    cue,
    rule,
  };
  if (source.entity) a.sourceEntity = source.entity;
  if (content) a.content = content;
  return a;
}

function verbAttribution(ctx: Context, s: Sentence, r: Range, v: number): Attribution | undefined {
  const { tokens } = ctx;
  const verbStart = tokens.start(v);
  const cue = { start: verbStart, end: tokens.end(v) };
  let source = subjectBefore(ctx, r, v, r.from);
  let inverted = false;
  if (!source) {
    // "…,” said Putin.": the source follows the verb.
    if (v - 1 >= r.from && isTrailingPunct(tokens, v - 1)) {
      source = subjectAfter(ctx, r, v + 1);
      inverted = source !== undefined;
    }
  }
  if (!source) return undefined;
  const text = ctx.text;
  const sourceFrom = firstFrom(tokens, r, source.span.start);
  // Trailing attribution: "…, CNN reported." / "…, the Kremlin said Tuesday."
  if (inverted || (sourceFrom > r.from && isTrailingPunct(tokens, sourceFrom - 1))) {
    let end = Math.max(cue.end, source.span.end);
    let k = inverted ? tokens.indexAtOrAfter(source.span.end, r.from, r.to) : v + 1;
    const lowerAt = (j: number): string | undefined => (j < r.to ? tokens.lower(j) : undefined);
    if (lowerAt(k) === 'on' && dateWords.has(lowerAt(k + 1) ?? '')) k++;
    const d = lowerAt(k);
    const dated = d !== undefined && dateWords.has(d);
    if (dated) end = tokens.end(k);
    // Only a clause that ends the sentence: "…, CNN reported, citing …" is left for later.
    const after = k + (dated ? 1 : 0);
    const endsClause = after >= r.to || isTrailingPunct(tokens, after);
    const contentEnd = inverted ? verbStart : source.span.start;
    const content = endsClause ? contentSpan(text, s.start, contentEnd) : undefined;
    if (content) {
      const a: Attribution = {
        start: content.start,
        end,
        source: text.slice(source.span.start, source.span.end),
        sourceSpan: source.span,
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
  if (k < r.to && dateWords.has(tokens.lower(k))) k++;
  if (k < r.to && tokens.lower(k) === 'that') k++;
  if (k >= r.to) return undefined;
  const content = contentSpan(text, tokens.start(k), s.end);
  if (!content) return undefined;
  const a: Attribution = {
    start: source.span.start,
    end: content.end,
    source: text.slice(source.span.start, source.span.end),
    sourceSpan: source.span,
    cue,
    content,
    rule: 'quotes:attribution.source-verb-content',
  };
  if (source.entity) a.sourceEntity = source.entity;
  return a;
}

/**
 * A headline that opens with a name and a colon, "Elizabeth Warren: Donald Trump Is a ‘Proven
 * Failure’ in Business", reports what the named person or organisation said: the name is the
 * source, the colon the cue, the rest the content (the newspaper convention PolNeAR annotates so).
 * Only the text's first sentence, standing alone as its first paragraph, and only where the words
 * before the colon are one person or organisation mention ("The Latest:", "Poll:" are no one).
 */
function headlineAttribution(ctx: Context, doc: Readonly<Doc>): Attribution | undefined {
  const { tokens, text } = ctx;
  const first = doc.paragraphs?.[0];
  const s = doc.sentences?.[0];
  if (!first || !s || (doc.paragraphs?.length ?? 0) < 2 || s.end < first.end - 1) return undefined;
  if (isRemoved(doc.removed, s.start, s.end)) return undefined;
  const from = tokens.sentenceFirst[0] as number;
  const to = tokens.sentenceFirst[1] as number;
  const m = ctx.byStart.get(tokens.start(from));
  if (!m) return undefined;
  const colon = tokens.indexAtOrAfter(m.end, from, to);
  if (colon + 1 >= to || !tokens.isChar(colon, 58) || tokens.start(colon) !== m.end) return undefined;
  const type = doc.entities?.find((e) => e.id === m.entity)?.type;
  if (type !== 'person' && type !== 'organization') return undefined;
  const content = contentSpan(text, tokens.end(colon), s.end);
  if (!content) return undefined;
  return {
    start: m.start,
    end: content.end,
    source: text.slice(m.start, m.end),
    sourceSpan: { start: m.start, end: m.end },
    sourceEntity: m.entity,
    cue: { start: tokens.start(colon), end: tokens.end(colon) },
    content,
    rule: 'quotes:attribution.headline-colon',
  };
}

export const quotesStage: Stage<CapOptions | undefined> = {
  name: 'annotate-quotes',
  requires: ['sentences', 'removed', 'entities', 'times'],
  // Paragraphs let a quotation run across sentences; without them it is looked for per sentence.
  reads: ['paragraphs', 'tokens'],
  assigns: ['quotes', 'attributions'],
  run: (doc, options) => annotateQuotes(doc, options),
};
