import type { Diagnostic, Doc, Source } from '../../core/doc.js';
import { checkText, emptyError, type IngestLimits, rejected } from './check-text.js';
import { decodeBytes } from './decode-bytes.js';
import { htmlToDoc } from './html/html-to-doc.js';
import { checkPublished } from './published.js';

export interface JsonlRecordOptions {
  /** Used when the record has no `published` of its own (not when it has an invalid one). */
  published?: string;
  fetched?: string;
  limits?: IngestLimits;
}

/** One JSONL line → Doc (see `parseJsonlRecord`). */
export function parseJsonlLine(line: Uint8Array, uri: string, options: JsonlRecordOptions = {}): Doc {
  return parseJsonlRecord(line, uri, options).doc;
}

/**
 * One JSONL line → Doc. Pure. The record is `{text, title?, url?, published?}`; with a title, the
 * doc text is `title + "\n\n" + text` (line breaks inside the title become spaces so that the first
 * line is the title) and `source.titleGiven` is set. A record with an `html` string and no `text` is
 * a web page: its article is extracted (`html` is returned too, to be kept), and its own `url` and
 * `published` win over what the page says. A line that is not such a record is a rejected doc with
 * `ingest:bad-jsonl-line`.
 */
export function parseJsonlRecord(
  line: Uint8Array,
  uri: string,
  options: JsonlRecordOptions = {},
): { doc: Doc; html?: string } {
  const base: Source = { uri, mediaType: 'text/plain' };
  if (options.fetched) base.fetched = options.fetched;
  // Size, binary and encoding checks are the same as for a file; the line must decode first.
  const decoded = decodeBytes(line, base, options.limits);
  if (decoded.rejected) return { doc: decoded };
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const source: Source = { ...decoded.source };
  const bad = (problem: Parameters<typeof rejected>[2]) => ({ doc: rejected(source, diagnostics, problem) });

  let record: unknown;
  try {
    record = JSON.parse(decoded.text);
  } catch (error) {
    return bad({
      ruleId: 'ingest:bad-jsonl-line',
      reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      actual: decoded.text.slice(0, 80),
    });
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return bad({
      ruleId: 'ingest:bad-jsonl-line',
      reason: 'the line is JSON but not an object with a "text" string',
      actual: Array.isArray(record) ? 'array' : record === null ? 'null' : typeof record,
      expected: RECORD_SHAPE,
    });
  }
  const fields = record as Record<string, unknown>;
  const html = fields.text === undefined && typeof fields.html === 'string' ? fields.html : undefined;
  if (html === undefined && typeof fields.text !== 'string') {
    return bad({
      ruleId: 'ingest:bad-jsonl-line',
      reason:
        fields.text === undefined
          ? 'the record has no "text" field (nor an "html" one)'
          : 'the record\'s "text" is not a string',
      actual: typeof fields.text,
      expected: RECORD_SHAPE,
    });
  }

  // A record that gives a date it cannot have is left undated (with a warning), not given the
  // batch default: that default is for records that give none, and this one may be from any time.
  const ownDate = fields.published !== undefined && fields.published !== null;
  const published = ownDate
    ? checkPublished(fields.published, diagnostics)
    : html === undefined
      ? checkPublished(options.published, diagnostics)
      : undefined;
  if (published !== undefined) source.published = published;
  else delete source.published;
  if (typeof fields.url === 'string' && fields.url.length > 0) source.url = fields.url;
  else if (fields.url !== undefined) diagnostics.push(badField('url', fields.url));

  if (html !== undefined) {
    if (!/\S/.test(html)) return bad(emptyError('has an empty "html"'));
    const doc = htmlToDoc(html, source, {
      diagnostics,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(published !== undefined ? { published } : {}),
      ...(!ownDate && options.published !== undefined ? { defaultPublished: options.published } : {}),
    });
    return { doc, html };
  }

  let title: string | undefined;
  if (typeof fields.title === 'string') title = fields.title.replace(/[\r\n]+/g, ' ').trim();
  else if (fields.title !== undefined && fields.title !== null)
    diagnostics.push(badField('title', fields.title));

  const text = fields.text as string;
  // A headline alone is not an article.
  if (!/\S/.test(text)) return bad(emptyError('has an empty "text"'));
  if (title) source.titleGiven = true;
  const doc = checkText(title ? `${title}\n\n${text}` : text, source, {
    ...(options.limits ? { limits: options.limits } : {}),
    diagnostics,
  });
  return { doc };
}

const RECORD_SHAPE =
  '{"text": "...", "title"?, "url"?, "published"?} or {"html": "...", "url"?, "published"?}';

function badField(name: string, value: unknown): Diagnostic {
  return {
    ruleId: 'ingest:bad-jsonl-field',
    severity: 'warning',
    reason: `the record's "${name}" is not a string; ignored`,
    actual: typeof value,
    expected: 'string',
  };
}
