import chardet from 'chardet';
import type { Diagnostic, Doc, Source } from '../../core/doc.js';
import {
  checkText,
  DEFAULT_MAX_BYTES,
  emptyError,
  findBinary,
  type IngestLimits,
  rejected,
} from './check-text.js';
import { checkPublished } from './published.js';

export interface DecodeOptions extends IngestLimits {
  /**
   * The charset the input declares (an HTTP `Content-Type` charset), as a WHATWG label: `utf-8`,
   * `utf-16` (little-endian, as browsers read it), `utf-16be`, `windows-1252`, `iso-8859-2`, …
   * A byte order mark overrides it. Without either, UTF-8 with a windows-1252 fallback.
   */
  charset?: string;
}

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

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8', name: 'UTF-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', name: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', name: 'UTF-16BE' },
] as const;

/**
 * Bytes → Doc. Pure. Rejects (with an `error` diagnostic, text '') empty and oversized input before
 * decoding. Picks the encoding by byte order mark (stripped, an `info` diagnostic records it), then
 * by the declared charset (an HTTP header, a page's `<meta charset>`), then UTF-16 told by its zero
 * bytes, else UTF-8; bytes that are not UTF-8 are sniffed (`detectCharset`: Shift_JIS, GB18030, …)
 * and fall back to windows-1252, with a warning either way. Bytes a legacy encoding cannot map
 * become U+FFFD with a warning. The binary test runs on the bytes for byte-oriented encodings and on the decoded text
 * for UTF-16 (whose ASCII has a NUL in every other byte). The decoded text then goes through
 * `checkText`, the door shared by every way in. Nothing else is normalised: line endings and
 * surrounding whitespace stay as the bytes say.
 */
export function decodeBytes(bytes: Uint8Array, source: Source, options: DecodeOptions = {}): Doc {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`decodeBytes: expected a Uint8Array (or Buffer), instead found ${describe(bytes)}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
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
  if (bytes.length === 0) return rejected(src, diagnostics, emptyError('is empty'));

  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  let encoding: string;
  if (bom) {
    encoding = bom.encoding;
    diagnostics.push({
      ruleId: 'ingest:bom',
      severity: 'info',
      reason: `a ${bom.name} byte order mark was stripped`,
    });
  } else if (options.charset !== undefined) {
    const known = canonicalCharset(options.charset);
    if (!known) {
      return rejected(src, diagnostics, {
        ruleId: 'ingest:unsupported-charset',
        reason: `the declared charset "${options.charset.slice(0, 40)}" is not an encoding Tidings can decode`,
        actual: options.charset.slice(0, 40),
        expected: 'a WHATWG encoding label: utf-8, utf-16, utf-16be, windows-1252, iso-8859-2, …',
      });
    }
    encoding = known;
  } else {
    const utf16 = sniffUtf16(bytes);
    encoding = utf16 ?? 'utf-8';
    if (utf16) {
      diagnostics.push({
        ruleId: 'ingest:charset-detected',
        severity: 'info',
        reason: `no byte order mark nor declared charset; the zero bytes of ASCII text say ${utf16.toUpperCase()}`,
        actual: utf16,
      });
    }
  }
  const skip = bom ? bom.bytes.length : 0;
  const body = bytes.subarray(skip);

  let text: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    text = decodeUtf16(body, encoding === 'utf-16be', diagnostics);
  } else {
    const binary = findBinary(body, options.maxControlRatio, skip);
    if (binary) return rejected(src, diagnostics, binary);
    if (encoding === 'windows-1252') text = decodeWindows1252(body);
    else if (encoding === 'utf-8') {
      try {
        text = utf8.decode(body);
      } catch {
        const bad = firstInvalidUtf8(body);
        const declared = options.charset !== undefined;
        const guess = declared ? undefined : detectCharset(body);
        encoding = guess?.encoding ?? 'windows-1252';
        diagnostics.push({
          ruleId: 'ingest:invalid-utf8',
          severity: 'warning',
          reason: `not valid UTF-8 (first bad byte 0x${hex(body[bad] ?? 0)} at byte ${bad + skip}); decoded as ${encoding}`,
          actual: `0x${hex(body[bad] ?? 0)}@${bad + skip}`,
          expected: 'UTF-8',
        });
        if (guess && guess.encoding !== 'windows-1252') {
          diagnostics.push({
            ruleId: 'ingest:charset-detected',
            severity: 'info',
            reason: `no charset declared; the bytes read as ${guess.name} (confidence ${guess.confidence} of 100)`,
            actual: guess.encoding,
          });
        }
        text =
          encoding === 'windows-1252' ? decodeWindows1252(body) : decodeLegacy(body, encoding, diagnostics);
      }
    } else text = decodeLegacy(body, encoding, diagnostics);
  }
  src.encoding = encoding;
  return checkText(text, src, { limits: options, diagnostics });
}

/**
 * How sure the detector must be (its own 0–100 scale) before its guess replaces the windows-1252
 * fallback: at least even odds. Short Western text gives low, scattered guesses and stays windows-1252.
 */
export const MIN_CHARSET_CONFIDENCE = 50;
/** Bytes the detector looks at: enough for its statistics, bounded for a 10 MB input. */
const DETECT_SAMPLE = 64 * 1024;

/**
 * The encoding of bytes that are not UTF-8 and declare none, by the `chardet` detector (byte
 * frequency and multi-byte sequence models): Shift_JIS, GB18030, Big5, EUC-KR, windows-1251,
 * KOI8-R, … Undefined when it is unsure or names something Tidings cannot decode.
 */
export function detectCharset(
  bytes: Uint8Array,
): { encoding: string; name: string; confidence: number } | undefined {
  const sample = bytes.length > DETECT_SAMPLE ? bytes.subarray(0, DETECT_SAMPLE) : bytes;
  const best = chardet.analyse(sample)[0];
  if (!best || best.confidence < MIN_CHARSET_CONFIDENCE) return undefined;
  const encoding = canonicalCharset(best.name);
  if (!encoding || encoding === 'utf-8' || encoding.startsWith('utf-16')) return undefined;
  return { encoding, name: best.name, confidence: best.confidence };
}

/**
 * UTF-16 without a byte order mark, told by the zero bytes ASCII letters leave in every other
 * byte: at least a third of the even (big-endian) or odd (little-endian) bytes of the first 4 KB
 * are zero and almost none of the others. Binary files fail the second condition.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs / 3 && evenZero <= pairs / 100) return 'utf-16le';
  if (evenZero >= pairs / 3 && oddZero <= pairs / 100) return 'utf-16be';
  return undefined;
}

/** The WHATWG name for a charset label (`latin1` → `windows-1252`), or undefined when unknown. */
export function canonicalCharset(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** Lone surrogates are kept here on purpose: `checkText` replaces them and says where. */
function decodeUtf16(body: Uint8Array, bigEndian: boolean, diagnostics: Diagnostic[]): string {
  const even = body.length - (body.length % 2);
  if (even !== body.length) {
    diagnostics.push({
      ruleId: 'ingest:invalid-utf16',
      severity: 'warning',
      reason: 'an odd number of bytes for UTF-16; the last byte was dropped',
      actual: String(body.length),
    });
  }
  if (!bigEndian) return Buffer.from(body.buffer, body.byteOffset, even).toString('utf16le');
  const swapped = Buffer.from(body.subarray(0, even));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function decodeLegacy(body: Uint8Array, encoding: string, diagnostics: Diagnostic[]): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    diagnostics.push({
      ruleId: 'ingest:invalid-bytes',
      severity: 'warning',
      reason: `bytes that are not valid ${encoding} were replaced by U+FFFD`,
      expected: encoding,
    });
    return new TextDecoder(encoding).decode(body);
  }
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

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
