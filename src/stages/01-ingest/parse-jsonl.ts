import type { Diagnostic, Doc, Source } from '../../core/doc.js';
import { checkText, emptyError, type IngestLimits, rejected } from './check-text.js';
import { decodeBytes } from './decode-bytes.js';
import { checkPublished } from './published.js';

export interface JsonlRecordOptions {
  /** Used when the record has no `published` of its own (not when it has an invalid one). */
  published?: string;
  fetched?: string;
  limits?: IngestLimits;
}

/**
 * One JSONL line → Doc. Pure. The record is `{text, title?, url?, published?}`; with a title, the
 * doc text is `title + "\n\n" + text` (line breaks inside the title become spaces so that the first
 * line is the title) and `source.titleGiven` is set. A line that is not such a record is a rejected
 * doc with `ingest:bad-jsonl-line`.
 */
export function parseJsonlLine(line: Uint8Array, uri: string, options: JsonlRecordOptions = {}): Doc {
  const base: Source = { uri, mediaType: 'text/plain' };
  if (options.fetched) base.fetched = options.fetched;
  // Size, binary and encoding checks are the same as for a file; the line must decode first.
  const decoded = decodeBytes(line, base, options.limits);
  if (decoded.rejected) return decoded;
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const source: Source = { ...decoded.source };

  let record: unknown;
  try {
    record = JSON.parse(decoded.text);
  } catch (error) {
    return rejected(source, diagnostics, {
      ruleId: 'ingest:bad-jsonl-line',
      reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      actual: decoded.text.slice(0, 80),
    });
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return rejected(source, diagnostics, {
      ruleId: 'ingest:bad-jsonl-line',
      reason: 'the line is JSON but not an object with a "text" string',
      actual: Array.isArray(record) ? 'array' : record === null ? 'null' : typeof record,
      expected: '{"text": "...", "title"?, "url"?, "published"?}',
    });
  }
  const fields = record as Record<string, unknown>;
  if (typeof fields.text !== 'string') {
    return rejected(source, diagnostics, {
      ruleId: 'ingest:bad-jsonl-line',
      reason:
        fields.text === undefined ? 'the record has no "text" field' : 'the record\'s "text" is not a string',
      actual: typeof fields.text,
      expected: 'string',
    });
  }

  // A record that gives a date it cannot have is left undated (with a warning), not given the
  // batch default: that default is for records that give none, and this one may be from any time.
  const published =
    fields.published === undefined || fields.published === null
      ? checkPublished(options.published, diagnostics)
      : checkPublished(fields.published, diagnostics);
  if (published !== undefined) source.published = published;
  else delete source.published;
  if (typeof fields.url === 'string' && fields.url.length > 0) source.url = fields.url;
  else if (fields.url !== undefined) diagnostics.push(badField('url', fields.url));

  let title: string | undefined;
  if (typeof fields.title === 'string') title = fields.title.replace(/[\r\n]+/g, ' ').trim();
  else if (fields.title !== undefined && fields.title !== null)
    diagnostics.push(badField('title', fields.title));

  // A headline alone is not an article.
  if (!/\S/.test(fields.text)) return rejected(source, diagnostics, emptyError('has an empty "text"'));
  if (title) source.titleGiven = true;
  const text = title ? `${title}\n\n${fields.text}` : fields.text;
  return checkText(text, source, { ...(options.limits ? { limits: options.limits } : {}), diagnostics });
}

function badField(name: string, value: unknown): Diagnostic {
  return {
    ruleId: 'ingest:bad-jsonl-field',
    severity: 'warning',
    reason: `the record's "${name}" is not a string; ignored`,
    actual: typeof value,
    expected: 'string',
  };
}
