import { createDoc, type Diagnostic, type Doc, type Source } from '../../core/doc.js';
import { checkPublished } from './published.js';

export interface IngestLimits {
  /** Largest input accepted, in bytes (default 10 MB). Checked before decoding. */
  maxBytes?: number;
  /** Share of control characters above which the input counts as binary (default 0.1). */
  maxControlRatio?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_CONTROL_RATIO = 0.1;
/** The control-character ratio is measured on this many leading bytes. */
const CONTROL_SAMPLE = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Node's TextDecoder('windows-1252') decodes as ISO-8859-1, losing – “ ” € and friends; map 0x80–0x9F ourselves.
// Bytes that windows-1252 leaves undefined (81 8D 8F 90 9D) stay C1 controls, as the WHATWG decoder does.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/**
 * Bytes → Doc. Pure. Rejects (with an `error` diagnostic, text '') empty, oversized and binary
 * input; decodes UTF-8, falling back to windows-1252 with a warning when the bytes are not UTF-8;
 * strips a UTF-8 BOM (an `info` diagnostic records it). Nothing else is normalised: line endings
 * and surrounding whitespace stay as the bytes say.
 */
export function decodeBytes(bytes: Uint8Array, source: Source, limits: IngestLimits = {}): Doc {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`decodeBytes: expected a Uint8Array (or Buffer), instead found ${describe(bytes)}`);
  }
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const diagnostics: Diagnostic[] = [];
  const published = checkPublished(source.published, diagnostics);
  const src: Source = { ...source };
  if (published === undefined) delete src.published;

  if (bytes.length > maxBytes) {
    return rejected(src, diagnostics, {
      ruleId: 'ingest:too-large',
      reason: `input is ${bytes.length} bytes, over the ${maxBytes}-byte limit; not decoded`,
      actual: String(bytes.length),
      expected: `<= ${maxBytes}`,
    });
  }
  if (bytes.length === 0) return rejected(src, diagnostics, emptyError());

  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    diagnostics.push({
      ruleId: 'ingest:utf8-bom',
      severity: 'info',
      reason: 'a UTF-8 byte order mark was stripped',
    });
  }
  const binary = findBinary(body, limits.maxControlRatio ?? DEFAULT_CONTROL_RATIO);
  if (binary) return rejected(src, diagnostics, binary);

  let text: string;
  try {
    text = utf8.decode(body);
    src.encoding = 'utf-8';
  } catch {
    const bad = firstInvalidUtf8(body);
    text = decodeWindows1252(body);
    src.encoding = 'windows-1252';
    diagnostics.push({
      ruleId: 'ingest:invalid-utf8',
      severity: 'warning',
      reason: `not valid UTF-8 (first bad byte 0x${hex(body[bad] ?? 0)} at byte ${bad + (body === bytes ? 0 : 3)}); decoded as windows-1252`,
      actual: `0x${hex(body[bad] ?? 0)}@${bad + (body === bytes ? 0 : 3)}`,
      expected: 'UTF-8',
    });
  }
  if (isAllWhitespace(text)) return rejected(src, diagnostics, emptyError('contains only whitespace'));
  return createDoc(text, src, diagnostics);
}

/** An `ingest:empty` error for text input (a JSONL record) that has nothing to analyse. */
export function emptyError(why = 'is empty'): Omit<Diagnostic, 'severity'> {
  return { ruleId: 'ingest:empty', reason: `input ${why}; nothing to analyse` };
}

export function rejected(
  source: Source,
  diagnostics: Diagnostic[],
  error: Omit<Diagnostic, 'severity'>,
): Doc {
  const doc = createDoc('', source, [...diagnostics, { ...error, severity: 'error' }]);
  doc.rejected = true;
  return doc;
}

/** A NUL anywhere, or too many other control characters near the start, means binary content. */
export function findBinary(bytes: Uint8Array, maxRatio: number): Omit<Diagnostic, 'severity'> | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      ruleId: 'ingest:binary',
      reason: `binary content: NUL byte at byte ${nul}`,
      actual: `0x00@${nul}`,
    };
  }
  const n = Math.min(bytes.length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i] as number)) controls++;
  if (n > 0 && controls / n > maxRatio) {
    return {
      ruleId: 'ingest:binary',
      reason: `binary content: ${controls} of the first ${n} bytes are control characters`,
      actual: (controls / n).toFixed(3),
      expected: `<= ${maxRatio}`,
    };
  }
  return undefined;
}

/** Same test on text already decoded (a JSONL record's string). */
export function findBinaryText(
  text: string,
  maxRatio = DEFAULT_CONTROL_RATIO,
): Omit<Diagnostic, 'severity'> | undefined {
  const n = Math.min(text.length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0)
      return { ruleId: 'ingest:binary', reason: `binary content: NUL at offset ${i}`, actual: `U+0000@${i}` };
    if (i < n && isControl(c)) controls++;
  }
  if (n > 0 && controls / n > maxRatio) {
    return {
      ruleId: 'ingest:binary',
      reason: `binary content: ${controls} of the first ${n} characters are control characters`,
      actual: (controls / n).toFixed(3),
      expected: `<= ${maxRatio}`,
    };
  }
  return undefined;
}

/** C0 controls other than tab, LF, VT, FF, CR; and DEL. */
function isControl(c: number): boolean {
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f;
}

/** Offset of the first byte that breaks UTF-8 (only called once fatal decoding has failed). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cont = bytes[i + k];
      if (cont === undefined || (cont & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

function isAllWhitespace(text: string): boolean {
  return !/\S/.test(text);
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
