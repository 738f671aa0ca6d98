import { createHash } from 'node:crypto';
import { ANALYSIS_FORMAT, type Analysis } from '../core/analysis.js';
import type { NewsEvent } from '../core/doc.js';
import type { DocumentStatus, QueueInput, RejectedInput } from './repository.js';

/**
 * What both engines derive from an analysis before writing it: the rejected-document record, the
 * kept text that search indexes, the snippet. One definition, so both stores hold the same rows.
 */

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A rejected input's key: its uri and its content (text, else raw bytes, else their hash). */
export function rejectedId(input: RejectedInput): string {
  const content =
    input.text !== undefined
      ? sha256(input.text)
      : input.bytes
        ? sha256(input.bytes)
        : (input.bytesHash ?? 'no-content');
  return sha256(`rejected\u0000${input.uri}\u0000${content}`);
}

/** The analysis a rejected input is stored as: its text (if any), its diagnostics, no layers. */
export function rejectedAnalysis(input: RejectedInput): Analysis {
  return {
    format: ANALYSIS_FORMAT,
    id: rejectedId(input),
    source: {
      uri: input.uri,
      mediaType: input.mediaType ?? 'application/octet-stream',
      ...(input.fetched ? { fetched: input.fetched } : {}),
      ...(input.published ? { published: input.published } : {}),
    },
    title: null,
    titleSpan: null,
    published: input.published ?? null,
    text: input.text ?? '',
    rejected: true,
    blocks: [],
    removed: [],
    diagnostics: input.diagnostics,
    paragraphs: [],
    sentences: [],
    entities: [],
    quotes: [],
    attributions: [],
    times: [],
    quantities: [],
    tone: null,
    events: [],
    statements: [],
  };
}

/** The text without removed spans (and without the headline, which is indexed as the title). */
export function keptText(analysis: Pick<Analysis, 'text' | 'removed' | 'titleSpan'>): string {
  const cuts = [...analysis.removed];
  if (analysis.titleSpan) cuts.push({ ...analysis.titleSpan, reason: 'boilerplate', rule: 'title' });
  if (cuts.length === 0) return analysis.text;
  cuts.sort((a, b) => a.start - b.start);
  let body = '';
  let at = 0;
  for (const cut of cuts) {
    if (cut.start > at) body += `${analysis.text.slice(at, cut.start)} `;
    at = Math.max(at, cut.end);
  }
  body += analysis.text.slice(at);
  return body;
}

/** The first words of the kept text, whitespace folded: at most 160 characters and an ellipsis. */
export function snippetOf(body: string): string {
  // Only the start is folded: a prefix whose folded form is longer than 161 characters folds to the
  // same first 161 characters as the whole body (folding only shortens runs), and those are all we keep.
  let flat = '';
  for (let size = 512; ; size *= 4) {
    flat = body.slice(0, size).replace(/\s+/g, ' ').trimStart();
    if (size >= body.length) {
      flat = flat.trimEnd();
      break;
    }
    if (flat.trimEnd().length > 161) break;
  }
  if (flat.length <= 160) return flat;
  const cut = flat.lastIndexOf(' ', 160);
  return `${flat.slice(0, cut > 80 ? cut : 160)}…`;
}

/** The value of the documents.tone column: the analysis's average tone, null when it has none. */
export function documentTone(analysis: Analysis): number | null {
  return analysis.tone?.tone ?? null;
}

/** The reason shown for a rejected document: its first error diagnostic's (else the first one's). */
export function rejectionReason(analysis: Analysis): string | null {
  const first = analysis.diagnostics.find((d) => d.severity === 'error') ?? analysis.diagnostics[0];
  return first?.reason ?? null;
}

export function participantColumns(
  p: NewsEvent['actor'],
): [string | null, string | null, string | null, string | null] {
  if (!p) return [null, null, null, null];
  return [p.text, p.entity ?? null, p.country ?? null, p.sector ?? null];
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A queued input's key: its uri and content, so queueing the same input again is a no-op. */
export function queueKey(input: QueueInput): string {
  const content = input.text === '' && input.bytesHash ? input.bytesHash : sha256(input.text);
  return sha256(`${input.rejected ? 'rejected' : 'text'}\u0000${input.source.uri}\u0000${content}`);
}

/** Why an item is failed after its claims lapsed too often. */
export function exhaustedReason(maxAttempts: number): string {
  return `claimed ${maxAttempts} times without finishing (the workers holding it died or stalled)`;
}

/**
 * What one batch of newly stored documents adds to the kept counts (migration 11): documents by status,
 * events, events by type. Sorted by name: writers on PostgreSQL take these rows' locks in one order, so
 * two transactions never wait on each other in a cycle.
 */
export function keptCountDeltas(
  stored: readonly { status: DocumentStatus; analysis: Analysis }[],
): [name: string, n: number][] {
  const counts = new Map<string, number>();
  const add = (name: string, n: number) => counts.set(name, (counts.get(name) ?? 0) + n);
  for (const { status, analysis } of stored) {
    add(`documents:${status}`, 1);
    if (analysis.events.length > 0) add('events', analysis.events.length);
    for (const event of analysis.events) add(`events:${event.type}`, 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The kept count names a document list's total is the sum of (no status: both). */
export function documentCountNames(status: DocumentStatus | undefined): string[] {
  return status ? [`documents:${status}`] : ['documents:ok', 'documents:rejected'];
}

/**
 * A filtered list counts its matches only this far past the end of the page: counting every match of a
 * common word among a million documents costs more than the page itself. Past it the total is a lower
 * bound (`totalCapped`), still enough to say whether there is a next page.
 */
export const COUNT_MARGIN = 1000;

export function countCap(query: { offset: number; limit: number }): number {
  return query.offset + query.limit + COUNT_MARGIN;
}

/** What re-coding one document moves in the kept counts: its old events out, its new ones in. */
export function recodedEventDeltas(
  oldTypes: readonly string[],
  analysis: Analysis,
): [name: string, n: number][] {
  const counts = new Map<string, number>();
  const add = (name: string, n: number) => counts.set(name, (counts.get(name) ?? 0) + n);
  add('events', analysis.events.length - oldTypes.length);
  for (const type of oldTypes) add(`events:${type}`, -1);
  for (const event of analysis.events) add(`events:${event.type}`, 1);
  return [...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
