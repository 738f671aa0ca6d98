import type { Analysis } from '../core/analysis.js';
import type { EventStatus, Severity } from '../core/doc.js';
import type { EntityOverride } from './entity-overrides.js';
import type {
  ClaimedItem,
  DocumentStatus,
  DocumentSummary,
  EntityDetail,
  EntityRow,
  EventRow,
  ExportedDocument,
  Participant,
  StoredDiagnostic,
} from './repository.js';

/** Rows as both engines return them (the same column names), turned into the interface's shapes. */
export type Row = Record<string, unknown>;

export const SUMMARY_COLUMNS = `d.id, d.uri, d.title, d.snippet, d.published, d.media_type, d.status, d.created_at,
  d.reason, d.sentence_count, d.entity_count, d.event_count, d.diagnostic_count, d.tone`;

export const EVENT_COLUMNS = `e.doc_id, e.idx, e.type, e.mode, e.status, e.cameo, e.quad, e.goldstein,
  e.actor_text, e.actor_entity, e.actor_country, e.actor_sector,
  e.recipient_text, e.recipient_entity, e.recipient_country, e.recipient_sector,
  e.date, e."start", e."end", e.rule, e.sentence, e.confidence, d.title AS doc_title, d.published AS doc_published`;

export const QUEUE_COLUMNS =
  'id, source, text, diagnostics, rejected, bytes_hash, attempts, blocks, raw_media_type, raw_gzip';

const orNull = <T>(value: unknown): T | null => (value as T | null | undefined) ?? null;

/** A document row (id, status, created_at, text, analysis, raw_type, raw_gzip) as an export keeps it. */
export function toExported(r: Row): ExportedDocument {
  const analysis = {
    ...(JSON.parse(r.analysis as string) as Omit<Analysis, 'text'>),
    text: r.text as string,
  };
  return {
    analysis: analysis as Analysis,
    status: r.status as DocumentStatus,
    createdAt: r.created_at as string,
    raw: r.raw_gzip
      ? { mediaType: r.raw_type as string, gzip: new Uint8Array(r.raw_gzip as Uint8Array) }
      : null,
  };
}

export function toSummary(r: Row): DocumentSummary {
  return {
    id: r.id as string,
    uri: r.uri as string,
    title: orNull(r.title),
    snippet: r.snippet as string,
    published: orNull(r.published),
    mediaType: orNull(r.media_type),
    status: r.status as DocumentStatus,
    createdAt: r.created_at as string,
    reason: orNull(r.reason),
    tone: r.tone === null || r.tone === undefined ? null : Number(r.tone),
    counts: {
      sentences: r.sentence_count as number,
      entities: r.entity_count as number,
      events: r.event_count as number,
      diagnostics: r.diagnostic_count as number,
    },
  };
}

function participant(r: Row, role: 'actor' | 'recipient'): Participant | null {
  const text = r[`${role}_text`] as string | null;
  if (text === null) return null;
  return {
    text,
    entity: orNull(r[`${role}_entity`]),
    country: orNull(r[`${role}_country`]),
    sector: orNull(r[`${role}_sector`]),
  };
}

export function toEventRow(r: Row): EventRow {
  return {
    docId: r.doc_id as string,
    idx: r.idx as number,
    docTitle: orNull(r.doc_title),
    type: r.type as string,
    mode: orNull(r.mode),
    status: r.status as EventStatus,
    cameo: orNull(r.cameo),
    quad: orNull(r.quad),
    goldstein: orNull(r.goldstein),
    actor: participant(r, 'actor'),
    recipient: participant(r, 'recipient'),
    date: orNull(r.date),
    published: orNull(r.doc_published),
    start: r.start as number,
    end: r.end as number,
    sentence: r.sentence as number,
    rule: r.rule as string,
    confidence: orNull(r.confidence),
  };
}

export function toEntityRow(r: Row): EntityRow {
  return {
    entityId: r.entity_id as string,
    name: r.name as string,
    type: r.type as string,
    country: orNull(r.country),
    sector: orNull(r.sector),
    documents: r.documents as number,
    mentions: r.mentions as number,
  };
}

/** One canonical entity (getEntity): its totals, its names by use, the overrides that name it. */
export function entityDetail(total: Row, aliases: readonly Row[], overrides: EntityOverride[]): EntityDetail {
  return {
    ...toEntityRow({ ...total, name: (aliases[0] as Row).name }),
    documents: Number(total.documents),
    mentions: Number(total.mentions),
    aliases: aliases.map((a) => ({
      name: a.name as string,
      documents: Number(a.documents),
      mentions: Number(a.mentions),
    })),
    overrides,
  };
}

export function toDiagnostic(r: Row): StoredDiagnostic {
  return {
    ruleId: r.rule_id as string,
    severity: r.severity as Severity,
    reason: r.reason as string,
    start: orNull(r.start),
    end: orNull(r.end),
  };
}

export function toClaimedItem(r: Row): ClaimedItem {
  const item: ClaimedItem = {
    id: Number(r.id),
    source: JSON.parse(r.source as string),
    text: r.text as string,
    diagnostics: JSON.parse(r.diagnostics as string),
    rejected: Boolean(r.rejected),
    attempts: r.attempts as number,
  };
  if (r.bytes_hash != null) item.bytesHash = r.bytes_hash as string;
  if (r.blocks != null) item.blocks = JSON.parse(r.blocks as string);
  if (r.raw_media_type != null && r.raw_gzip != null) {
    item.raw = { mediaType: r.raw_media_type as string, gzip: new Uint8Array(r.raw_gzip as Uint8Array) };
  }
  return item;
}
