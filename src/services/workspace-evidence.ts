import type { Analysis } from '../core/analysis.js';
import type { Attribution, EventStatus, NewsEvent, Span } from '../core/doc.js';
import { chainOf } from '../stages/04-annotate/quotes/chain-attributions.js';
import type { HappeningDetail, HappeningMention, HappeningRow, Repository } from '../store/repository.js';

/**
 * The evidence behind events: for each mention, the sentence that holds it with the words that carry
 * it marked, who it is attributed to, and what coded it. Read from the stored analyses, a document at
 * a time, so a page costs one read per distinct article it shows.
 */

/** What a span of a sentence does in the event: the words highlighted on the Event page. */
export type EvidenceRole = 'trigger' | 'actor' | 'recipient' | 'location' | 'merged';

export interface EvidenceSpan {
  /** Offsets into `sentence.text` (UTF-16), half-open. */
  start: number;
  end: number;
  role: EvidenceRole;
}

/** One link of an attribution chain, outermost first. */
export interface ChainLink {
  source: string;
  cue: string;
  rule: string;
  /** The entity the source resolved to, when it did. */
  entity: string | null;
}

export interface EventEvidence {
  docId: string;
  idx: number;
  title: string | null;
  uri: string;
  published: string | null;
  type: string;
  mode: string | null;
  status: EventStatus;
  /** The cue that set the status, when one did. */
  statusRule: string | null;
  cameo: string | null;
  quad: number | null;
  goldstein: number | null;
  date: string | null;
  actor: string | null;
  recipient: string | null;
  location: string | null;
  /** The rule that coded it, and the model's part when the analysis kept a trace. */
  rule: string;
  decidedBy: string | null;
  model: { name: string; label: string; score: number } | null;
  sentence: { index: number; start: number; text: string };
  spans: EvidenceSpan[];
  /** "according to CNN, citing the Kremlin": outermost source first; empty when the article says it itself. */
  chain: ChainLink[];
  /**
   * The other tellings of this event in the same article (a headline and the sentence that reports
   * it again), in text order: each sentence with its trigger marked and the rule that coded it there.
   */
  tellings: Telling[];
}

/** A later telling of an event in its article: what the events stage merged into the event. */
export interface Telling {
  sentence: { index: number; start: number; text: string };
  spans: EvidenceSpan[];
  rule: string;
}

/** A sentence's spans of one event, relative to the sentence, sorted and without zero-width ones. */
function eventSpans(event: NewsEvent, sentence: Span): EvidenceSpan[] {
  const out: EvidenceSpan[] = [];
  const add = (span: Span | undefined, role: EvidenceRole) => {
    if (!span) return;
    const start = Math.max(span.start, sentence.start);
    const end = Math.min(span.end, sentence.end);
    if (end > start) out.push({ start: start - sentence.start, end: end - sentence.start, role });
  };
  add(event.trigger, 'trigger');
  for (const m of event.merged ?? []) add(m, 'merged');
  add(event.actor, 'actor');
  add(event.recipient, 'recipient');
  add(event.location, 'location');
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The innermost attribution whose content holds the trigger, as a chain from the outermost source. */
export function attributionChain(
  text: string,
  attributions: readonly Attribution[],
  trigger: Span,
): ChainLink[] {
  let best = -1;
  let bestLength = Number.POSITIVE_INFINITY;
  attributions.forEach((a, k) => {
    const pieces = a.contentPieces ?? (a.content ? [a.content] : []);
    const piece = pieces.find((p) => contains(p, trigger));
    if (piece && piece.end - piece.start < bestLength) {
      best = k;
      bestLength = piece.end - piece.start;
    }
  });
  if (best < 0) return [];
  return chainOf(attributions, best).map((k) => {
    const a = attributions[k] as Attribution;
    return {
      source: a.source,
      cue: text.slice(a.cue.start, a.cue.end),
      rule: a.rule,
      entity: a.sourceEntity ?? null,
    };
  });
}

/** The evidence of event `idx` of an analysis; null when there is no such event. */
export function evidenceOf(analysis: Analysis, idx: number): EventEvidence | null {
  const event = analysis.events[idx];
  if (!event) return null;
  const sentenceSpan = analysis.sentences[event.sentence] ?? { start: event.start, end: event.end };
  const trace = event.trace;
  return {
    docId: analysis.id,
    idx,
    title: analysis.title,
    uri: analysis.source.uri,
    published: analysis.published,
    type: event.type,
    mode: event.mode ?? null,
    status: event.status,
    statusRule: event.statusRule ?? null,
    cameo: event.cameo ?? null,
    quad: event.quad ?? null,
    goldstein: event.goldstein ?? null,
    date: event.date ?? null,
    actor: event.actor?.text ?? null,
    recipient: event.recipient?.text ?? null,
    location: event.location?.text ?? null,
    rule: event.rule,
    decidedBy: trace?.decidedBy ?? null,
    model: trace?.classifier
      ? { name: trace.classifier.model, label: trace.classifier.label, score: trace.classifier.score }
      : null,
    sentence: {
      index: event.sentence,
      start: sentenceSpan.start,
      text: analysis.text.slice(sentenceSpan.start, sentenceSpan.end),
    },
    spans: eventSpans(event, sentenceSpan),
    chain: attributionChain(analysis.text, analysis.attributions, event.trigger),
    tellings: tellingsOf(analysis, event),
  };
}

/** The event's mentions in its article other than its own sentence and trigger. */
function tellingsOf(analysis: Analysis, event: NewsEvent): Telling[] {
  const out: Telling[] = [];
  for (const m of event.mentions ?? []) {
    if (m.trigger.start === event.trigger.start && m.trigger.end === event.trigger.end) continue;
    const span = analysis.sentences[m.sentence] ?? { start: m.start, end: m.end };
    const start = Math.max(m.trigger.start, span.start);
    const end = Math.min(m.trigger.end, span.end);
    out.push({
      sentence: { index: m.sentence, start: span.start, text: analysis.text.slice(span.start, span.end) },
      spans: end > start ? [{ start: start - span.start, end: end - span.start, role: 'trigger' }] : [],
      rule: m.rule,
    });
  }
  return out;
}

/**
 * Reads documents once each for a list of (document, event) pairs: the evidence in the order asked,
 * null where the document or event is gone.
 */
export async function evidenceFor(
  store: Repository,
  refs: readonly { docId: string; idx: number }[],
): Promise<(EventEvidence | null)[]> {
  const docs = new Map<string, Promise<Analysis | null>>();
  const read = (id: string) => {
    let doc = docs.get(id);
    if (!doc) {
      doc = store.getDocument(id);
      docs.set(id, doc);
    }
    return doc;
  };
  return Promise.all(
    refs.map(async (r) => {
      const doc = await read(r.docId);
      return doc ? evidenceOf(doc, r.idx) : null;
    }),
  );
}

export interface HappeningEvidence {
  happening: HappeningDetail;
  /** One entry per mention, in the happening's order. */
  mentions: (HappeningMention & { evidence: EventEvidence | null })[];
}

/** A happening with the evidence of every mention that reported it; null when unknown. */
export async function happeningEvidence(store: Repository, id: number): Promise<HappeningEvidence | null> {
  const happening = await store.getHappening(id);
  if (!happening) return null;
  const evidence = await evidenceFor(store, happening.mentions);
  return { happening, mentions: happening.mentions.map((m, k) => ({ ...m, evidence: evidence[k] ?? null })) };
}

/**
 * The happening that event `idx` of document `docId` was counted in, found through the document's
 * happenings (a few per article); null when the event is in none (a document stored before linking).
 */
export async function happeningOfEvent(
  store: Repository,
  docId: string,
  idx: number,
): Promise<HappeningRow | null> {
  for (let offset = 0; ; offset += 500) {
    const page = await store.listHappenings({ docId, limit: 500, offset });
    for (const h of page.items) {
      if (h.firstDocId === docId && h.firstIdx === idx) return h;
    }
    for (const h of page.items) {
      const detail = await store.getHappening(h.id);
      if (detail?.mentions.some((m) => m.docId === docId && m.idx === idx)) return h;
    }
    if (offset + page.items.length >= page.total || page.items.length === 0) return null;
  }
}

/** A happening with the evidence of its first report: a row of the event lists. */
export interface EvidencedHappening {
  happening: HappeningRow;
  evidence: EventEvidence | null;
}

/** The evidence of each happening's first report, one document read per distinct article. */
export async function withEvidence<T extends { happening: HappeningRow }>(
  store: Repository,
  rows: readonly T[],
): Promise<(T & { evidence: EventEvidence | null })[]> {
  const evidence = await evidenceFor(
    store,
    rows.map((r) => ({ docId: r.happening.firstDocId, idx: r.happening.firstIdx })),
  );
  return rows.map((r, k) => ({ ...r, evidence: evidence[k] ?? null }));
}

/** Happenings by id (unknown ones left out), in the order given, with their evidence. */
export async function happeningsById(
  store: Repository,
  ids: readonly number[],
): Promise<EvidencedHappening[]> {
  const rows = await Promise.all(ids.map((id) => store.getHappening(id)));
  return withEvidence(
    store,
    rows.filter((h): h is HappeningDetail => h !== null).map((h) => ({ happening: h })),
  );
}
