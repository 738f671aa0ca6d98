import { WARCParser, type WARCRecord } from 'warcio';
import type { Diagnostic, Source } from '../../../core/doc.js';
import { DEFAULT_MAX_BYTES, type IngestLimits, rejected } from '../check-text.js';
import { HTML_MEDIA_TYPE, htmlBytesToDoc } from '../html/html-to-doc.js';
import { checkPublished } from '../published.js';
import type { IngestItem } from '../read-inputs.js';

/**
 * Web archives (WARC 1.0/1.1, plain or as a series of gzip members, as Common Crawl's CC-NEWS
 * ships them) read through warcio, one record at a time: each `response` (or `resource`) record
 * whose payload is HTML becomes a page document with the record's target URL and capture date.
 * Other records (requests, metadata, images, revisits, `warcinfo`) are skipped without being read.
 * Memory stays constant in the size of the archive: a record's payload is read as it streams and
 * given up past the size limit, and the parser moves on by skipping.
 */

export interface WarcReadOptions {
  /** `--date`: the publication date for pages that state none (else the capture date is used). */
  published?: string;
  limits?: IngestLimits;
}

export interface WarcSummary {
  records: number;
  pages: number;
  skipped: number;
}

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);

/**
 * The documents in a WARC byte stream (`uri` names the archive). A record that cannot be read (a
 * truncated or corrupt archive) ends the archive with one rejected document that says where; the
 * documents before it stand. An input that is not a WARC at all, or an archive without a page, is
 * one rejected document.
 */
export async function* readWarc(
  chunks: AsyncIterable<Uint8Array>,
  uri: string,
  options: WarcReadOptions = {},
  summary: WarcSummary = { records: 0, pages: 0, skipped: 0 },
): AsyncGenerator<IngestItem> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = new WARCParser(chunks);
  let record: WARCRecord | null = null;
  for (;;) {
    try {
      record = await parser.parse();
    } catch (error) {
      yield brokenArchive(uri, summary.records, error);
      return;
    }
    if (record === null) break;
    summary.records++;
    if (!record.warcHeaders.statusline.startsWith('WARC/')) {
      yield brokenArchive(uri, summary.records - 1, 'no WARC version line where a record should start');
      return;
    }
    const type = record.warcType;
    if (type !== 'response' && type !== 'resource') {
      summary.skipped++;
      continue;
    }
    const mediaType = payloadMediaType(record);
    if (!HTML_TYPES.has(mediaType.type)) {
      summary.skipped++;
      continue;
    }
    const status = record.httpHeaders?.statusCode;
    if (status !== undefined && (Number(status) < 200 || Number(status) >= 300)) {
      summary.skipped++;
      continue;
    }
    const source = recordSource(record, uri, summary.records, options);
    let payload: Uint8Array[] | undefined;
    let size = 0;
    try {
      payload = [];
      for await (const chunk of record.contentReader) {
        size += chunk.length;
        if (size > maxBytes) {
          payload = undefined;
          break; // the parser skips the rest of the record
        }
        payload.push(chunk);
      }
    } catch (error) {
      yield brokenArchive(uri, summary.records - 1, error);
      return;
    }
    summary.pages++;
    if (payload === undefined) {
      yield {
        doc: rejected({ ...source, mediaType: HTML_MEDIA_TYPE }, [], {
          ruleId: 'ingest:too-large',
          reason: `the record's payload is over the ${maxBytes}-byte limit; not read`,
          actual: `> ${maxBytes}`,
          expected: `<= ${maxBytes}`,
        }),
      };
      continue;
    }
    if (record.warcContentLength > 0 && isTruncated(record)) {
      yield brokenArchive(uri, summary.records - 1, 'the archive ends inside this record');
      return;
    }
    const bytes = Buffer.concat(payload, size);
    const doc = htmlBytesToDoc(bytes, source, {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(mediaType.charset ? { charset: mediaType.charset } : {}),
      ...(source.published !== undefined ? { defaultPublished: source.published } : {}),
    });
    if (doc.source.url === undefined && source.url !== undefined) doc.source.url = source.url;
    if (!doc.rejected && options.published === undefined && doc.source.published === source.published) {
      doc.diagnostics.push(capturedAsPublished(source.published));
    }
    const raw = { mediaType: HTML_MEDIA_TYPE, bytes };
    yield doc.rejected ? { doc, bytes, raw } : { doc, raw };
  }
  if (endsInsideGzipMember(parser)) {
    yield brokenArchive(uri, summary.records, 'the archive ends inside a gzip member (cut off)');
    return;
  }
  if (summary.records === 0) yield brokenArchive(uri, 0, 'the input holds no WARC record');
  else if (summary.pages === 0) {
    yield {
      doc: rejected({ uri, mediaType: 'application/warc' }, [], {
        ruleId: 'ingest:warc-no-pages',
        reason: `the archive's ${summary.records} records hold no HTML page (a successful response or resource)`,
        actual: String(summary.records),
      }),
    };
  }
}

/** Payload media type and charset: the HTTP header of a `response`, the record's own of a `resource`. */
function payloadMediaType(record: WARCRecord): { type: string; charset?: string } {
  const header =
    record.warcType === 'response'
      ? (record.httpHeaders?.headers.get('content-type') ?? '')
      : (record.warcContentType ?? '');
  const [type = '', ...params] = header.split(';');
  const out: { type: string; charset?: string } = { type: type.trim().toLowerCase() };
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)/i.exec(p);
    if (m) out.charset = (m[1] as string).toLowerCase();
  }
  return out;
}

/**
 * warcio reads a cut-off gzip member as the end of the archive, so the record in it would vanish
 * without a word; its reader's inflater tells (an internal of warcio's: if it moves, this says
 * nothing and the truncation test fails).
 */
function endsInsideGzipMember(parser: WARCParser): boolean {
  const reader = parser._reader as unknown as { compressed?: unknown; inflator?: { ended?: boolean } | null };
  return Boolean(reader.compressed) && reader.inflator?.ended === false;
}

/** The record's reader stopped short of its declared length (the archive was cut off). */
function isTruncated(record: WARCRecord): boolean {
  const reader = record._reader as { limit?: number };
  return typeof reader.limit === 'number' && reader.limit > 0;
}

function recordSource(record: WARCRecord, uri: string, index: number, options: WarcReadOptions): Source {
  const target = record.warcTargetURI ?? undefined;
  const source: Source = { uri: `${uri}#record=${index}`, mediaType: HTML_MEDIA_TYPE };
  if (target) source.url = target;
  const captured = captureDate(record.warcDate);
  if (captured !== undefined) source.fetched = captured;
  const diagnostics: Diagnostic[] = [];
  const published =
    options.published !== undefined ? checkPublished(options.published, diagnostics) : captured;
  if (published !== undefined) source.published = published;
  return source;
}

/** A WARC-Date (W3C date-time, UTC) as an ISO instant, if it is one. */
function captureDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function capturedAsPublished(captured: string | undefined): Diagnostic {
  return {
    ruleId: 'ingest:published-from-capture',
    severity: 'info',
    reason: 'the page states no publication date; the archive capture date stands in',
    ...(captured !== undefined ? { actual: captured } : {}),
  };
}

function brokenArchive(uri: string, index: number, error: unknown): IngestItem {
  const why = error instanceof Error ? error.message : String(error);
  return {
    doc: rejected({ uri: `${uri}#record=${index + 1}`, mediaType: 'application/warc' }, [], {
      ruleId: 'ingest:bad-warc',
      reason: `record ${index + 1} of ${uri} cannot be read (${why.slice(0, 200)}); the rest of the archive is skipped`,
      actual: why.slice(0, 200),
    }),
  };
}
