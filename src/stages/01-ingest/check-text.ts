import { createDoc, type Diagnostic, type Doc, type Source } from '../../core/doc.js';
import { detectLanguage, ENGLISH } from './detect-language.js';

/**
 * The door every text comes in by. Files and stdin (after decoding), JSONL records, the library's
 * `analyze(string)` and the API's POST all end here, so a text is judged the same whichever way it
 * arrives, and always before it is hashed or analysed.
 */

export interface IngestLimits {
  /** Largest input accepted, in bytes: of the raw input, and of the text as UTF-8 (default 10 MB). */
  maxBytes?: number;
  /** Share of control characters above which the input counts as binary (default 0.1). */
  maxControlRatio?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_CONTROL_RATIO = 0.1;
/** The control-character ratio is measured on this many leading bytes or characters. */
const CONTROL_SAMPLE = 64 * 1024;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. Linear. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type Problem = Omit<Diagnostic, 'severity'>;

export interface CheckTextOptions {
  limits?: IngestLimits;
  /** Diagnostics found earlier (decoding, a bad date); the returned Doc carries them first. */
  diagnostics?: readonly Diagnostic[];
}

/**
 * Text → Doc, accepted or rejected. Pure. In order:
 * - over the size limit (UTF-8 bytes): rejected `ingest:too-large`;
 * - a leading U+FEFF (a byte order mark that survived decoding) is removed: `ingest:bom` (info);
 * - a NUL, or too many other control characters: rejected `ingest:binary`;
 * - nothing but whitespace: rejected `ingest:empty`;
 * - lone surrogates (half of a UTF-16 pair, e.g. JSON `"\ud800"`) become U+FFFD, one code unit for
 *   one, so no offset moves: `ingest:lone-surrogate` (warning). Without this, the text would be
 *   written to the store as bytes that read back as three characters, shifting every later span,
 *   and two different texts would share an id;
 * - a text that reads as another language than English (`detect-language.ts`) gets
 *   `source.language` and `ingest:not-english` (warning): the English-only stages skip it.
 * A rejected Doc has text `''`, `rejected: true` and an `error` diagnostic last.
 */
export function checkText(text: string, source: Source, options: CheckTextOptions = {}): Doc {
  if (typeof text !== 'string') {
    throw new TypeError(`checkText: expected a string, instead found ${describe(text)}`);
  }
  const diagnostics = [...(options.diagnostics ?? [])];
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = utf8Length(text, maxBytes);
  if (size > maxBytes) {
    return rejected(source, diagnostics, {
      ruleId: 'ingest:too-large',
      reason: `the text is ${size} bytes of UTF-8, over the ${maxBytes}-byte limit; not analysed`,
      actual: String(size),
      expected: `<= ${maxBytes}`,
    });
  }
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    body = body.slice(1);
    diagnostics.push({
      ruleId: 'ingest:bom',
      severity: 'info',
      reason: 'a byte order mark (U+FEFF) at the start of the text was removed',
    });
  }
  const binary = findBinaryText(body, options.limits?.maxControlRatio);
  if (binary) return rejected(source, diagnostics, binary);
  if (!/\S/.test(body))
    return rejected(source, diagnostics, emptyError(body === '' ? 'is empty' : undefined));
  if (LONE_SURROGATE.test(body)) {
    const lone = findLoneSurrogates(body);
    body = body.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
    diagnostics.push({
      ruleId: 'ingest:lone-surrogate',
      severity: 'warning',
      reason: `${lone.count} lone surrogate code unit${lone.count === 1 ? '' : 's'} (half of a UTF-16 pair) replaced by U+FFFD; offsets are unchanged`,
      start: lone.first,
      end: lone.first + 1,
      actual: `U+${lone.firstUnit.toString(16).toUpperCase()}@${lone.first}`,
      expected: 'a complete surrogate pair',
    });
  }
  const language = detectLanguage(body);
  if (language !== undefined && language !== ENGLISH) {
    diagnostics.push({
      ruleId: 'ingest:not-english',
      severity: 'warning',
      reason: `the text reads as ${language} (ISO 639-3), not English: it is stored, and the stages written for English are skipped`,
      actual: language,
      expected: ENGLISH,
    });
    return createDoc(body, { ...source, language }, diagnostics);
  }
  return createDoc(body, source, diagnostics);
}

/** An `ingest:empty` problem. */
export function emptyError(why = 'contains only whitespace'): Problem {
  return { ruleId: 'ingest:empty', reason: `input ${why}; nothing to analyse` };
}

/** A rejected Doc: text `''`, the earlier diagnostics, then `error` as an `error` diagnostic. */
export function rejected(source: Source, diagnostics: readonly Diagnostic[], error: Problem): Doc {
  const doc = createDoc('', source, [...diagnostics, { ...error, severity: 'error' }]);
  doc.rejected = true;
  return doc;
}

/**
 * A NUL anywhere, or too many other control characters near the start, means binary content.
 * `offset`: where `bytes` starts in the input (after a byte order mark), for the message.
 */
export function findBinary(
  bytes: Uint8Array,
  maxRatio = DEFAULT_CONTROL_RATIO,
  offset = 0,
): Problem | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = nul + offset;
    return {
      ruleId: 'ingest:binary',
      reason: `binary content: NUL byte at byte ${at}`,
      actual: `0x00@${at}`,
    };
  }
  const n = Math.min(bytes.length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i] as number)) controls++;
  return tooManyControls(controls, n, 'bytes', maxRatio);
}

/** The same test on decoded text, with offsets in UTF-16 code units. */
export function findBinaryText(text: string, maxRatio = DEFAULT_CONTROL_RATIO): Problem | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ruleId: 'ingest:binary',
      reason: `binary content: NUL at offset ${nul}`,
      actual: `U+0000@${nul}`,
    };
  }
  const n = Math.min(text.length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(text.charCodeAt(i))) controls++;
  return tooManyControls(controls, n, 'characters', maxRatio);
}

function tooManyControls(controls: number, n: number, unit: string, maxRatio: number): Problem | undefined {
  if (n === 0 || controls / n <= maxRatio) return undefined;
  return {
    ruleId: 'ingest:binary',
    reason: `binary content: ${controls} of the first ${n} ${unit} are control characters`,
    actual: (controls / n).toFixed(3),
    expected: `<= ${maxRatio}`,
  };
}

/** C0 controls other than tab, LF, VT, FF, CR; and DEL. */
function isControl(c: number): boolean {
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f;
}

/** UTF-8 length without encoding; exact whenever it matters (near or over `cap`). */
function utf8Length(text: string, cap: number): number {
  // At most three bytes per code unit: far below the cap, the exact count is not needed.
  return text.length * 3 <= cap ? text.length : Buffer.byteLength(text, 'utf8');
}

function findLoneSurrogates(text: string): { count: number; first: number; firstUnit: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    if (first < 0) first = i;
    count++;
  }
  return { count, first, firstUnit: text.charCodeAt(first) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
