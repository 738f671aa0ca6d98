import { ANALYSIS_FORMAT, type Analysis } from '../core/analysis.js';
import type { EventParticipant, NewsEvent } from '../core/doc.js';
import { contentHash } from '../core/hash.js';
import { firstDayOf } from '../store/dates.js';
import { documentTone, sha256 } from '../store/document-row.js';
import type { ExportedDocument, PutEntry, PutResult, Repository } from '../store/repository.js';

/**
 * Dumps and restores of a whole store, and its events in the formats other event data use. Every
 * export reads the store a page at a time in id order (keyset, `Repository.exportDocuments`) and
 * yields text a line at a time, so a store of millions of documents exports in constant memory.
 * Formats: docs/export.md.
 */

/** The first line of a dump says what it is; an import refuses anything else. */
export const DUMP_KIND = 'tidings-store-dump';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  kind: typeof DUMP_KIND;
  version: number;
  /** The analysis format of the documents (`tidings.analysis/…`). */
  analysisFormat: string;
}

/** One line of a dump after the header: a stored document as it was stored. */
export interface DumpLine {
  status: 'ok' | 'rejected';
  createdAt: string;
  /** The raw input it was extracted from (a web page): media type and gzipped bytes in base64. */
  raw: { mediaType: string; gzipBase64: string } | null;
  analysis: Analysis;
}

/** Every stored document, in id order, a page at a time. */
export async function* storedDocuments(store: Repository, pageSize = 100): AsyncGenerator<ExportedDocument> {
  let after: string | undefined;
  for (;;) {
    const page = await store.exportDocuments(
      after === undefined ? { limit: pageSize } : { after, limit: pageSize },
    );
    for (const doc of page) yield doc;
    if (page.length < pageSize) return;
    after = (page.at(-1) as ExportedDocument).analysis.id;
  }
}

/** A full dump as JSON lines: the header, then one line per document (`tidings import` reads it back). */
export async function* dumpLines(store: Repository): AsyncGenerator<string> {
  const header: DumpHeader = { kind: DUMP_KIND, version: DUMP_VERSION, analysisFormat: ANALYSIS_FORMAT };
  yield `${JSON.stringify(header)}\n`;
  for await (const doc of storedDocuments(store)) {
    const line: DumpLine = {
      status: doc.status,
      createdAt: doc.createdAt,
      raw: doc.raw
        ? { mediaType: doc.raw.mediaType, gzipBase64: Buffer.from(doc.raw.gzip).toString('base64') }
        : null,
      analysis: doc.analysis,
    };
    yield `${JSON.stringify(line)}\n`;
  }
}

/** A dump line that cannot be restored: which line, and why. Nothing of that line was stored. */
export class DumpLineError extends Error {
  readonly line: number;

  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'DumpLineError';
    this.line = line;
  }
}

export interface RestoreSummary {
  documents: number;
  inserted: number;
  /** Already in the store (the same id): left as they were. */
  duplicates: number;
}

export interface RestoreOptions {
  /** Documents per transaction (default 200). */
  chunkSize?: number;
  onProgress?: (summary: Readonly<RestoreSummary>) => void;
}

/**
 * Restores a dump into a store: every document as it was stored (its id, status, analysis, raw input,
 * and the time it was first stored). A document already there is left alone, so restoring twice, or
 * into a store that holds part of the dump, changes nothing that is there. A line that is not a
 * document of a dump stops the restore with a DumpLineError naming it; the chunks before it are stored.
 */
export async function restoreDump(
  store: Repository,
  lines: AsyncIterable<string> | Iterable<string>,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const chunkSize = options.chunkSize ?? 200;
  const summary: RestoreSummary = { documents: 0, inserted: 0, duplicates: 0 };
  let pending: PutEntry[] = [];
  let lineNo = 0;
  let header = false;
  const flush = async () => {
    if (pending.length === 0) return;
    const results: PutResult[] = await store.putMany(pending);
    for (const r of results) {
      summary.documents++;
      if (r.status === 'inserted') summary.inserted++;
      else summary.duplicates++;
    }
    pending = [];
    options.onProgress?.(summary);
  };
  for await (const raw of lines) {
    lineNo++;
    const text = raw.trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DumpLineError(lineNo, `not JSON (${(error as Error).message})`);
    }
    if (!header) {
      checkHeader(value, lineNo);
      header = true;
      continue;
    }
    pending.push(toEntry(value, lineNo));
    if (pending.length >= chunkSize) await flush();
  }
  if (!header)
    throw new DumpLineError(lineNo, `empty: a dump starts with its header line ({"kind":"${DUMP_KIND}",…})`);
  await flush();
  return summary;
}

function checkHeader(value: unknown, lineNo: number): void {
  const h = value as Partial<DumpHeader> | null;
  if (h?.kind !== DUMP_KIND) {
    throw new DumpLineError(
      lineNo,
      `not a Tidings dump: its first line should be {"kind":"${DUMP_KIND}",…}, as \`tidings export\` writes`,
    );
  }
  if (typeof h.version !== 'number' || h.version > DUMP_VERSION) {
    throw new DumpLineError(
      lineNo,
      `the dump is version ${String(h.version)}, newer than this build reads (${DUMP_VERSION}); upgrade tidings`,
    );
  }
}

const LAYERS = [
  'diagnostics',
  'paragraphs',
  'sentences',
  'entities',
  'quotes',
  'attributions',
  'times',
  'quantities',
  'events',
  'removed',
] as const;

function toEntry(value: unknown, lineNo: number): PutEntry {
  const line = value as Partial<DumpLine> | null;
  const fail = (reason: string): never => {
    throw new DumpLineError(lineNo, reason);
  };
  if (line === null || typeof line !== 'object') return fail('expected a document object');
  const a = line.analysis as Partial<Analysis> | undefined;
  if (!a || typeof a !== 'object') return fail('no analysis');
  if (typeof a.id !== 'string' || !/^[0-9a-f]{64}$/.test(a.id))
    return fail('the analysis has no id (64 hex digits)');
  if (typeof a.text !== 'string') return fail('the analysis has no text');
  if (typeof a.source?.uri !== 'string') return fail('the analysis has no source uri');
  for (const layer of LAYERS) {
    if (!Array.isArray(a[layer])) return fail(`the analysis has no ${layer} list`);
  }
  if (line.status !== 'ok' && line.status !== 'rejected') return fail('status must be "ok" or "rejected"');
  if ((line.status === 'rejected') !== (a.rejected === true)) {
    return fail(`status "${line.status}" does not match the analysis (rejected: ${String(a.rejected)})`);
  }
  if (line.status === 'ok' && a.id !== contentHash(a.text)) {
    return fail('the id is not the hash of the text: the text was changed after export');
  }
  if (typeof line.createdAt !== 'string' || Number.isNaN(Date.parse(line.createdAt))) {
    return fail('createdAt must be an ISO date and time');
  }
  let raw: { mediaType: string; gzip: Uint8Array } | undefined;
  if (line.raw != null) {
    if (typeof line.raw.mediaType !== 'string' || typeof line.raw.gzipBase64 !== 'string') {
      return fail('raw must have a mediaType and gzipBase64');
    }
    raw = { mediaType: line.raw.mediaType, gzip: new Uint8Array(Buffer.from(line.raw.gzipBase64, 'base64')) };
  }
  return { kind: 'document', analysis: a as Analysis, createdAt: line.createdAt, ...(raw ? { raw } : {}) };
}

/**
 * The columns of a GDELT 2.0 event record, in its order (GDELT Event Codebook 2.0): 61 tab-separated
 * fields, no header line. What Tidings puts in each is documented in docs/export.md.
 */
export const GDELT_EVENT_COLUMNS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  'Actor1Code',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor1KnownGroupCode',
  'Actor1EthnicCode',
  'Actor1Religion1Code',
  'Actor1Religion2Code',
  'Actor1Type1Code',
  'Actor1Type2Code',
  'Actor1Type3Code',
  'Actor2Code',
  'Actor2Name',
  'Actor2CountryCode',
  'Actor2KnownGroupCode',
  'Actor2EthnicCode',
  'Actor2Religion1Code',
  'Actor2Religion2Code',
  'Actor2Type1Code',
  'Actor2Type2Code',
  'Actor2Type3Code',
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  'Actor1Geo_Type',
  'Actor1Geo_FullName',
  'Actor1Geo_CountryCode',
  'Actor1Geo_ADM1Code',
  'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat',
  'Actor1Geo_Long',
  'Actor1Geo_FeatureID',
  'Actor2Geo_Type',
  'Actor2Geo_FullName',
  'Actor2Geo_CountryCode',
  'Actor2Geo_ADM1Code',
  'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat',
  'Actor2Geo_Long',
  'Actor2Geo_FeatureID',
  'ActionGeo_Type',
  'ActionGeo_FullName',
  'ActionGeo_CountryCode',
  'ActionGeo_ADM1Code',
  'ActionGeo_ADM2Code',
  'ActionGeo_Lat',
  'ActionGeo_Long',
  'ActionGeo_FeatureID',
  'DATEADDED',
  'SOURCEURL',
] as const;

export type GdeltColumn = (typeof GDELT_EVENT_COLUMNS)[number];

export interface EventExportOptions {
  /** Only events of these statuses (default: asserted only, as GDELT codes what happened). */
  statuses?: readonly string[];
  /** GDELT only: a first line with the column names (GDELT's own files have none). */
  header?: boolean;
}

/** The day an event is dated to: its own date, else the document's publication, else the day it was stored. */
function eventDay(event: NewsEvent, doc: ExportedDocument): string {
  return firstDayOf(event.date) ?? firstDayOf(doc.analysis.published) ?? doc.createdAt.slice(0, 10);
}

/** A stable GDELT event id: the first 52 bits of sha256(document id, event index), as an integer. */
export function gdeltEventId(docId: string, idx: number): number {
  return Number.parseInt(sha256(`${docId}:${idx}`).slice(0, 13), 16);
}

/** Tabs and line breaks cannot appear inside a tab-separated field: they become spaces. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

function actorFields(p: EventParticipant | undefined): string[] {
  if (!p) return ['', '', '', '', '', '', '', '', '', ''];
  const code = `${p.country ?? ''}${p.sector ?? ''}`;
  return [code, p.text, p.country ?? '', '', '', '', '', p.sector ?? '', '', ''];
}

/** GDELT geography types: 1 a country, 4 a place outside the US (Tidings does not tell US states or cities). */
function geoFields(p: EventParticipant | undefined): string[] {
  if (!p) return ['', '', '', '', '', '', '', ''];
  const type = p.entity?.startsWith('country:') ? '1' : '4';
  return [type, p.text, '', '', '', '', '', ''];
}

/** One document's events as GDELT 2.0 rows (the fields in GDELT_EVENT_COLUMNS order). */
export function gdeltRows(doc: ExportedDocument, options: EventExportOptions = {}): string[][] {
  if (doc.status !== 'ok') return [];
  const statuses = new Set(options.statuses ?? ['asserted']);
  const a = doc.analysis;
  const lead = a.titleSpan ? 1 : 0;
  const added = doc.createdAt.replace(/\D/g, '').slice(0, 14);
  const rows: string[][] = [];
  a.events.forEach((event, idx) => {
    if (!statuses.has(event.status)) return;
    const day = eventDay(event, doc);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const cameo = event.cameo ?? '';
    const row = [
      String(gdeltEventId(a.id, idx)),
      day.replaceAll('-', ''),
      day.slice(0, 7).replace('-', ''),
      day.slice(0, 4),
      (y + (m * 30 + d) / 365).toFixed(4),
      ...actorFields(event.actor),
      ...actorFields(event.recipient),
      (a.sentences[event.sentence]?.paragraph ?? Number.POSITIVE_INFINITY) <= lead ? '1' : '0',
      cameo,
      cameo.slice(0, 3),
      cameo.slice(0, 2),
      field(event.quad),
      event.goldstein === undefined ? '' : event.goldstein.toFixed(1),
      '1',
      '1',
      '1',
      documentTone(a)?.toFixed(4) ?? '',
      ...geoFields(undefined),
      ...geoFields(undefined),
      ...geoFields(event.location),
      added,
      a.source.uri,
    ];
    rows.push(row.map(field));
  });
  return rows;
}

/** Every stored event as GDELT 2.0 event records, tab-separated, one a line. */
export async function* gdeltLines(
  store: Repository,
  options: EventExportOptions = {},
): AsyncGenerator<string> {
  if (options.header) yield `${GDELT_EVENT_COLUMNS.join('\t')}\n`;
  for await (const doc of storedDocuments(store)) {
    for (const row of gdeltRows(doc, options)) yield `${row.join('\t')}\n`;
  }
}

/** A PLOVER entity object (PLOVER manual, "Information object for entities"). */
function ploverEntity(p: EventParticipant): Record<string, string> {
  return {
    ...(p.country ? { code: p.country } : {}),
    ...(p.sector ? { sector: p.sector } : {}),
    entity_text: p.text,
    ...(p.entity ? { identifier_id: p.entity } : {}),
  };
}

/** One document's events as PLOVER JSON records (PLOVER manual, "PLOVER JSON"). */
export function ploverRecords(
  doc: ExportedDocument,
  options: EventExportOptions = {},
): Record<string, unknown>[] {
  if (doc.status !== 'ok') return [];
  const statuses = new Set(options.statuses ?? ['asserted']);
  const a = doc.analysis;
  const records: Record<string, unknown>[] = [];
  a.events.forEach((event, idx) => {
    if (!statuses.has(event.status)) return;
    const sentence = a.sentences[event.sentence];
    records.push({
      id: `${a.id}-${idx}`,
      date: eventDay(event, doc),
      actor: event.actor ? [ploverEntity(event.actor)] : [],
      recipient: event.recipient ? [ploverEntity(event.recipient)] : [],
      event: [event.type],
      ...(event.mode ? { mode: [event.mode] } : {}),
      ...(event.context?.length ? { context: event.context } : {}),
      ...(event.quad ? { quad_code: event.quad } : {}),
      ...(event.goldstein !== undefined ? { event_scale: event.goldstein } : {}),
      ...(event.location ? { event_loc: { extracted_place: event.location.text } } : {}),
      event_text: [a.text.slice(event.trigger.start, event.trigger.end)],
      ...(sentence ? { text: a.text.slice(sentence.start, sentence.end) } : {}),
      text_info: { sequence: event.sentence, start: event.start, end: event.end },
      cite_info: { url: a.source.uri, ...(a.title ? { title: a.title } : {}), coder: 'tidings' },
      coded_date: doc.createdAt.slice(0, 10),
      status: event.status,
      ...(event.cameo ? { cameo: event.cameo } : {}),
      rule: event.rule,
      ...(event.confidence !== undefined ? { confidence: event.confidence } : {}),
    });
  });
  return records;
}

/** Every stored event as PLOVER JSON, one record a line (the manual suggests JSONL). */
export async function* ploverLines(
  store: Repository,
  options: EventExportOptions = {},
): AsyncGenerator<string> {
  for await (const doc of storedDocuments(store)) {
    for (const record of ploverRecords(doc, options)) yield `${JSON.stringify(record)}\n`;
  }
}
