import { createReadStream, type Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Diagnostic, Doc, Source } from '../../core/doc.js';
import extensions from '../../rules/ingest/file-extensions.json' with { type: 'json' };
import { DEFAULT_MAX_BYTES, type IngestLimits, rejected } from './check-text.js';
import { decodeBytes } from './decode-bytes.js';
import { feedBytesToDocs, looksLikeFeed } from './feed/read-feed.js';
import { type Fetched, Fetcher } from './fetch/fetch-url.js';
import { HTML_MEDIA_TYPE, htmlBytesToDoc } from './html/html-to-doc.js';
import { parseJsonlRecord } from './parse-jsonl.js';
import { checkPublished } from './published.js';
import { readWarc } from './warc/read-warc.js';

/** One input document. Rejected documents are items too: the reader never throws for content. */
export interface IngestItem {
  doc: Doc;
  /** The raw bytes of a rejected document, when they were read (never for `ingest:too-large`). */
  bytes?: Uint8Array;
  /** The input the text was extracted from (a web page), kept so extraction can be run again. */
  raw?: RawInput;
}

export interface RawInput {
  mediaType: string;
  bytes: Uint8Array;
}

export interface ReadOptions {
  /** Default publication date (`--date`): YYYY-MM-DD or an ISO instant. A JSONL `published` overrides it. */
  published?: string;
  limits?: IngestLimits;
  /** Read for the path `-` (default `process.stdin`). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** How to read stdin (default `text`: one document). */
  stdinFormat?: 'text' | 'jsonl' | 'html' | 'feed' | 'warc';
  /** Clock for `source.fetched` (tests). */
  now?: () => Date;
  /** Fetches `http(s)://` paths (its robots.txt cache and per-host pace last the run); one is made when absent. */
  fetcher?: Fetcher;
}

/** Extensions read when walking a directory; files without an extension are read too. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  ...extensions.text,
  ...extensions.jsonl,
  ...extensions.html,
  ...extensions.feed,
]);
const JSONL_EXTENSIONS: ReadonlySet<string> = new Set(extensions.jsonl);
const HTML_EXTENSIONS: ReadonlySet<string> = new Set(extensions.html);
const FEED_EXTENSIONS: ReadonlySet<string> = new Set(extensions.feed);

/** A web archive by its name: `.warc` or `.warc.gz` (`extname` sees only the last part). */
export function isWarcName(path: string): boolean {
  const lower = path.toLowerCase();
  return extensions.warc.some((ext) => lower.endsWith(ext));
}

type Entry =
  | { kind: 'text'; path: string; size: number }
  | { kind: 'html'; path: string; size: number }
  | { kind: 'feed'; path: string; size: number }
  | { kind: 'jsonl'; path: string; size: number }
  | { kind: 'warc'; path: string; size: number }
  | { kind: 'stdin' }
  | { kind: 'url'; url: string }
  | { kind: 'unreadable'; path: string; why: string }
  | { kind: 'not-a-file'; path: string; what: string };

/**
 * Documents from files, directories (recursive, sorted by name, dotfiles skipped, text-like
 * extensions only), JSONL files (one document per line) and `-` (stdin), in the order given.
 * Sizes are checked before reading, so an oversized file is rejected without being read.
 */
export async function* readInputs(
  paths: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<IngestItem> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  let fetcher: Fetcher | undefined;
  for await (const entry of listEntries(paths)) {
    const fetched = (options.now?.() ?? new Date()).toISOString();
    switch (entry.kind) {
      case 'unreadable':
        yield { doc: unreadable(entry.path, entry.why, fetched) };
        break;
      case 'not-a-file':
        yield { doc: notAFile(entry.path, entry.what, fetched) };
        break;
      case 'stdin':
        if (options.stdinFormat === 'jsonl')
          yield* readJsonl('stdin', stdinChunks(options), options, fetched);
        else if (options.stdinFormat === 'warc') yield* readWarcInput('stdin', stdinChunks(options), options);
        else
          yield* await readStdin(
            options,
            fetched,
            maxBytes,
            options.stdinFormat === 'html' || options.stdinFormat === 'feed' ? options.stdinFormat : 'text',
          );
        break;
      case 'jsonl':
        yield* readJsonl(entry.path, fileChunks(entry.path), options, fetched);
        break;
      case 'warc':
        yield* readWarcInput(entry.path, fileChunks(entry.path, WARC_CHUNK), options);
        break;
      case 'url':
        fetcher ??= options.fetcher ?? new Fetcher();
        yield* await readUrl(entry.url, fetcher, options, fetched);
        break;
      case 'text':
      case 'html':
      case 'feed':
        yield* await readTextFile(entry, options, fetched, maxBytes, entry.kind);
        break;
    }
  }
}

/**
 * How many documents `readInputs` will yield, for a progress bar: one per file (and per unreadable
 * entry, and for stdin), plus one per line of each JSONL file (counted by streaming the file for
 * line feeds; blank lines are counted too, so it may overestimate slightly). With `jsonlLines: false`
 * a JSONL file counts as one and the bar grows as records arrive.
 */
export async function countInputs(
  paths: readonly string[],
  options: { jsonlLines?: boolean } = {},
): Promise<number> {
  let total = 0;
  for await (const entry of listEntries(paths)) {
    if (entry.kind === 'jsonl' && options.jsonlLines !== false) total += await countLines(entry.path);
    else total++;
  }
  return total;
}

async function* listEntries(paths: readonly string[]): AsyncGenerator<Entry> {
  for (const path of paths) {
    if (path === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    if (isUrl(path)) {
      yield { kind: 'url', url: path };
      continue;
    }
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      yield { kind: 'unreadable', path, why: errorText(error) };
      continue;
    }
    if (info.isDirectory()) yield* walk(path, new Set());
    else if (info.isFile()) yield fileEntry(path, info.size);
    else yield { kind: 'not-a-file', path, what: kindOf(info) };
  }
}

/**
 * One document from one path, for `tidings analyze`: a regular file, or `-` for stdin. Anything
 * else (a folder, a FIFO, a device) is a rejected doc with `ingest:not-a-file`, never opened, so a
 * FIFO with no writer cannot block; a path that cannot be read is `ingest:unreadable`. A feed gives
 * its first item, a web archive its first page.
 */
export async function readOne(path: string, options: ReadOptions = {}): Promise<IngestItem> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetched = (options.now?.() ?? new Date()).toISOString();
  if (path === '-') return (await readStdin(options, fetched, maxBytes))[0] as IngestItem;
  if (isUrl(path))
    return (await readUrl(path, options.fetcher ?? new Fetcher(), options, fetched))[0] as IngestItem;
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return { doc: unreadable(path, errorText(error), fetched) };
  }
  if (!info.isFile()) return { doc: notAFile(path, kindOf(info), fetched) };
  if (isWarcName(path)) {
    for await (const item of readWarcInput(path, fileChunks(path, WARC_CHUNK), options)) return item;
  }
  const items = await readTextFile({ path, size: info.size }, options, fetched, maxBytes, formatOf(path));
  return items[0] as IngestItem;
}

function formatOf(path: string): Format {
  const ext = extname(path).toLowerCase();
  return HTML_EXTENSIONS.has(ext) ? 'html' : FEED_EXTENSIONS.has(ext) ? 'feed' : 'text';
}

function fileEntry(path: string, size: number): Entry {
  if (isWarcName(path)) return { kind: 'warc', path, size };
  const ext = extname(path).toLowerCase();
  if (JSONL_EXTENSIONS.has(ext)) return { kind: 'jsonl', path, size };
  return { kind: formatOf(path), path, size };
}

/** Bytes that open like an HTML document (`<!doctype html`, `<html`), after a byte order mark and whitespace. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 1024) {
    const b = bytes[i] as number;
    if (b !== 0x20 && (b < 0x09 || b > 0x0d)) break;
    i++;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(bytes.length - i, 15))
    .toString('latin1')
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** What a file's name says it holds; its first bytes decide for names that say nothing. */
type Format = 'text' | 'html' | 'feed';

/** `http://` or `https://`. */
export function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/**
 * The documents at a URL: fetched (robots.txt, pace, time and size limits: `fetch/fetch-url.ts`), then
 * read by the media type the server gives (a page, a feed, text), else by how the bytes open. A URL
 * that cannot be fetched is one rejected document that says why.
 */
export async function readUrl(
  url: string,
  fetcher: Fetcher,
  options: ReadOptions = {},
  fetched = (options.now?.() ?? new Date()).toISOString(),
): Promise<IngestItem[]> {
  const result = await fetcher.get(url);
  if (!result.ok) {
    const source: Source = { uri: url, mediaType: 'text/plain', fetched };
    if (options.published !== undefined) source.published = options.published;
    return [{ doc: rejected(source, [], result.problem) }];
  }
  return itemsFromResponse(url, result.response, options, fetched);
}

/** The documents in a fetched answer, read by its media type, else by how its bytes open. */
export function itemsFromResponse(
  url: string,
  response: Fetched,
  options: ReadOptions = {},
  fetched = (options.now?.() ?? new Date()).toISOString(),
): IngestItem[] {
  const source: Source = { uri: url, mediaType: 'text/plain', fetched };
  if (options.published !== undefined) source.published = options.published;
  if (response.url !== url) source.url = response.url;
  const format = formatOfMediaType(response.mediaType);
  if (format === undefined && !looksLikeHtml(response.bytes) && !looksLikeFeed(response.bytes)) {
    return [
      {
        doc: rejected({ ...source, mediaType: response.mediaType || 'application/octet-stream' }, [], {
          ruleId: 'ingest:unsupported-media-type',
          reason: `${response.mediaType || 'no media type'} is not a page, a feed or text`,
          actual: response.mediaType,
        }),
        bytes: response.bytes,
      },
    ];
  }
  const limits = options.limits ? { limits: options.limits } : {};
  const charset = response.charset ? { charset: response.charset } : {};
  if (format === 'feed' || (format !== 'html' && looksLikeFeed(response.bytes))) {
    const { published, ...feedSource } = source;
    const { docs } = feedBytesToDocs(response.bytes, feedSource, {
      ...limits,
      ...charset,
      ...(published !== undefined ? { defaultPublished: published } : {}),
    });
    return docs.map((doc) => ({ doc }));
  }
  if (format === 'html' || looksLikeHtml(response.bytes)) {
    const doc = htmlBytesToDoc(response.bytes, source, { ...limits, ...charset });
    if (doc.source.url === undefined && response.url !== url) doc.source.url = response.url;
    const raw = { mediaType: HTML_MEDIA_TYPE, bytes: response.bytes };
    return [doc.rejected ? { doc, bytes: response.bytes, raw } : { doc, raw }];
  }
  const doc = decodeBytes(response.bytes, source, { ...options.limits, ...charset });
  return [doc.rejected ? { doc, bytes: response.bytes } : { doc }];
}

function formatOfMediaType(mediaType: string): Format | undefined {
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (/^application\/(rss|atom|rdf|feed)\+(xml|json)$|^application\/(xml|json)$|^text\/xml$/.test(mediaType))
    return 'feed';
  if (mediaType === 'text/plain') return 'text';
  return undefined;
}

/**
 * The documents in a file's bytes: a page's article (its bytes kept), a feed's items, or the text as
 * it is. A name that says text is still read as a page or a feed when the bytes open like one.
 */
function itemsFromBytes(
  bytes: Uint8Array,
  source: Source,
  options: ReadOptions,
  format: Format,
): IngestItem[] {
  const limits = options.limits ? { limits: options.limits } : {};
  if (format === 'feed' || (format === 'text' && looksLikeFeed(bytes))) {
    const { published, ...feedSource } = source;
    const { docs } = feedBytesToDocs(bytes, feedSource, {
      ...limits,
      ...(published !== undefined ? { defaultPublished: published } : {}),
    });
    return docs.map((doc, i) => (doc.rejected && i === 0 && docs.length === 1 ? { doc, bytes } : { doc }));
  }
  if (format === 'html' || looksLikeHtml(bytes)) {
    const doc = htmlBytesToDoc(bytes, source, limits);
    return [
      doc.rejected
        ? { doc, bytes, raw: { mediaType: HTML_MEDIA_TYPE, bytes } }
        : { doc, raw: { mediaType: HTML_MEDIA_TYPE, bytes } },
    ];
  }
  const doc = decodeBytes(bytes, source, options.limits);
  return [doc.rejected ? { doc, bytes } : { doc }];
}

async function* walk(dir: string, visited: Set<string>): AsyncGenerator<Entry> {
  let names: string[];
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    names = (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch (error) {
    yield { kind: 'unreadable', path: dir, why: errorText(error) };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const path = join(dir, name);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      // A dangling symlink or an entry we may not look at: report it, go on.
      yield { kind: 'unreadable', path, why: errorText(error) };
      continue;
    }
    if (info.isDirectory()) {
      yield* walk(path, visited);
      continue;
    }
    const ext = extname(name).toLowerCase();
    if (ext !== '' && !TEXT_EXTENSIONS.has(ext) && !isWarcName(name)) continue; // not a name we read
    // A FIFO, socket or device with a name we would read is reported, not opened (a FIFO would block).
    if (info.isFile()) yield fileEntry(path, info.size);
    else yield { kind: 'not-a-file', path, what: kindOf(info) };
  }
}

async function readTextFile(
  entry: { path: string; size: number },
  options: ReadOptions,
  fetched: string,
  maxBytes: number,
  format: Format = 'text',
): Promise<IngestItem[]> {
  const source = textSource(entry.path, options, fetched);
  if (entry.size > maxBytes) {
    return [{ doc: tooLarge(source, entry.size, maxBytes) }];
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(entry.path);
  } catch (error) {
    return [{ doc: unreadable(entry.path, errorText(error), fetched) }];
  }
  return itemsFromBytes(bytes, source, options, format);
}

async function readStdin(
  options: ReadOptions,
  fetched: string,
  maxBytes: number,
  format: Format = 'text',
): Promise<IngestItem[]> {
  const source = textSource('stdin', options, fetched);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdinChunks(options)) {
    size += chunk.length;
    if (size <= maxBytes) parts.push(chunk); // past the limit keep draining, but keep nothing
  }
  if (size > maxBytes) return [{ doc: tooLarge(source, size, maxBytes) }];
  return itemsFromBytes(Buffer.concat(parts), source, options, format);
}

async function* readJsonl(
  path: string,
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions,
  fetched: string,
): AsyncGenerator<IngestItem> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const recordOptions = {
    fetched,
    ...(options.published !== undefined ? { published: options.published } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  try {
    for await (const line of splitLines(chunks, maxBytes)) {
      const uri = `${path}#L${line.number}`;
      if (line.bytes === undefined) {
        yield { doc: tooLarge({ uri, mediaType: 'text/plain', fetched }, line.size, maxBytes) };
        continue;
      }
      if (isBlankBytes(line.bytes)) continue;
      const { doc, html } = parseJsonlRecord(line.bytes, uri, recordOptions);
      const raw =
        html === undefined ? undefined : { mediaType: HTML_MEDIA_TYPE, bytes: Buffer.from(html, 'utf8') };
      const item: IngestItem = doc.rejected ? { doc, bytes: line.bytes } : { doc };
      if (raw) item.raw = raw;
      yield item;
    }
  } catch (error) {
    yield { doc: unreadable(path, errorText(error), fetched) };
  }
}

/**
 * The pages of a web archive (`warc/read-warc.ts`), streamed: the archive is never held whole, so
 * it may be any size; each record's payload is held to the size limit. A file that cannot be
 * opened or read is one rejected document.
 */
async function* readWarcInput(
  path: string,
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions,
): AsyncGenerator<IngestItem> {
  try {
    yield* readWarc(chunks, path, {
      ...(options.published !== undefined ? { published: options.published } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  } catch (error) {
    yield { doc: unreadable(path, errorText(error), (options.now?.() ?? new Date()).toISOString()) };
  }
}

interface LineBytes {
  number: number;
  size: number;
  /** Undefined when the line was longer than the limit (its bytes were not kept). */
  bytes?: Uint8Array;
}

/** Splits a byte stream at line feeds, never holding more than `maxBytes` of one line. */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<LineBytes> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let number = 1;
  const finish = (): LineBytes => {
    const line: LineBytes =
      size > maxBytes ? { number, size } : { number, size, bytes: Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    number++;
    return line;
  };
  for await (const chunk of chunks) {
    let from = 0;
    while (from <= chunk.length) {
      const lf = chunk.indexOf(0x0a, from);
      const to = lf < 0 ? chunk.length : lf;
      if (to > from) {
        size += to - from;
        if (size <= maxBytes) parts.push(chunk.subarray(from, to));
        else parts = [];
      }
      if (lf < 0) break;
      yield finish();
      from = lf + 1;
    }
  }
  if (size > 0) yield finish();
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  try {
    for await (const chunk of fileChunks(path)) {
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
    }
  } catch {
    return lines + 1;
  }
  return last === 0x0a ? lines : lines + 1;
}

async function* fileChunks(path: string, chunkBytes = 1 << 16): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) yield chunk as Buffer;
}

/**
 * A web archive is read in small pieces: its gzip members are inflated a piece at a time, and one
 * piece of a gzip bomb (deflate shrinks zeros about 1,000 times) must not become a large buffer.
 */
const WARC_CHUNK = 1 << 14;

async function* stdinChunks(options: ReadOptions): AsyncGenerator<Uint8Array> {
  const input = options.stdin ?? (process.stdin as AsyncIterable<Uint8Array | string>);
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

function textSource(uri: string, options: ReadOptions, fetched: string): Source {
  const source: Source = { uri, mediaType: 'text/plain', fetched };
  if (options.published !== undefined) source.published = options.published;
  return source;
}

function tooLarge(source: Source, size: number, maxBytes: number): Doc {
  const diagnostics: Diagnostic[] = [];
  const published = checkPublished(source.published, diagnostics);
  const src = { ...source };
  if (published === undefined) delete src.published;
  return rejected(src, diagnostics, {
    ruleId: 'ingest:too-large',
    reason: `input is ${size} bytes, over the ${maxBytes}-byte limit; not read`,
    actual: String(size),
    expected: `<= ${maxBytes}`,
  });
}

function unreadable(path: string, why: string, fetched: string): Doc {
  return rejected({ uri: path, mediaType: 'text/plain', fetched }, [], {
    ruleId: 'ingest:unreadable',
    reason: `cannot read ${path}: ${why}`,
    actual: why,
  });
}

function notAFile(path: string, what: string, fetched: string): Doc {
  return rejected({ uri: path, mediaType: 'text/plain', fetched }, [], {
    ruleId: 'ingest:not-a-file',
    reason: `${path} is ${what}, not a regular file; not read${what === 'a directory' ? '' : ' (use - to stream standard input)'}`,
    actual: what,
    expected: 'a regular file',
  });
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

function isBlankBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as NodeJS.ErrnoException;
    const words = e.code ? ERROR_WORDS[e.code] : undefined;
    return words ? `${words} (${e.code})` : `${e.code}${e.syscall ? ` (${e.syscall})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
