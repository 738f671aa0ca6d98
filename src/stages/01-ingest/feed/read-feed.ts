import { parseFeed } from 'feedsmith';
import type { Diagnostic, Doc, Source } from '../../../core/doc.js';
import { checkText, type IngestLimits, type Problem, rejected } from '../check-text.js';
import { decodeBytes } from '../decode-bytes.js';
import { HTML_MEDIA_TYPE, htmlToDoc, toIsoDate } from '../html/html-to-doc.js';

/**
 * Feeds — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed — through feedsmith, and each item into a
 * document: its headline and content (HTML content is extracted like a page, a plain summary taken
 * as it is), its link as `source.url`, its date as `published`, its authors and the feed's title in
 * `source.meta`. The feed's own bytes are decoded like any input (a byte order mark, the XML
 * declaration's encoding, UTF-8 else windows-1252). A feed that cannot be read is one rejected
 * document with `ingest:bad-feed`; an item that gives no text is a rejected item, and the rest go on.
 */

export const FEED_MEDIA_TYPE = 'application/feed';

export interface FeedItem {
  /** The item's place in the feed, from 1. */
  index: number;
  title?: string;
  url?: string;
  /** The item's id (RSS guid, Atom id, JSON Feed id), or its link. */
  id?: string;
  published?: string;
  authors?: string[];
  /** HTML content (content:encoded, Atom content, content_html), else the description or summary. */
  html?: string;
  /** Plain text content, when the feed gives text rather than HTML. */
  text?: string;
}

export interface Feed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  link?: string;
  /** RSS `<ttl>` in minutes: how long the feed may be cached. */
  ttlMinutes?: number;
  items: FeedItem[];
}

export interface FeedDocs {
  feed?: Feed;
  /** One document per item, in feed order; or a single rejected document when the feed is unreadable. */
  docs: Doc[];
}

const XML_ENCODING = /^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']/;

/** The encoding an XML declaration names, if any (ASCII-compatible encodings only: UTF-16 has a BOM). */
export function xmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString('latin1');
  const label = XML_ENCODING.exec(head)?.[1]?.toLowerCase();
  return label?.startsWith('utf-16') ? undefined : label;
}

/** Bytes that open like a feed: an XML declaration, `<rss`, `<feed`, `<rdf:RDF`, or a JSON Feed. */
export function looksLikeFeed(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024))
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart();
  if (/^<(rss|feed|rdf:rdf)\b/i.test(head)) return true;
  if (/^<\?xml/i.test(head)) return /<(rss|feed|rdf:rdf)\b/i.test(head);
  return /^\{[\s\S]*"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(head);
}

export interface FeedOptions {
  limits?: IngestLimits;
  /** A date for items that state none (`--date`). */
  defaultPublished?: string;
  /** A charset an HTTP header declared. */
  charset?: string;
}

/** A feed's bytes → its items as documents. Never throws for content. */
export function feedBytesToDocs(bytes: Uint8Array, source: Source, options: FeedOptions = {}): FeedDocs {
  const feedSource: Source = { ...source, mediaType: FEED_MEDIA_TYPE };
  delete feedSource.published;
  const charset = options.charset ?? xmlDeclaredCharset(bytes);
  const decoded = decodeBytes(bytes, feedSource, { ...options.limits, ...(charset ? { charset } : {}) });
  if (decoded.rejected) return { docs: [decoded] };
  const read = readFeed(decoded.text);
  if ('ruleId' in read) return { docs: [rejected(decoded.source, decoded.diagnostics, read)] };
  if (read.items.length === 0) {
    return {
      feed: read,
      docs: [
        rejected(decoded.source, decoded.diagnostics, {
          ruleId: 'ingest:empty-feed',
          reason: `the ${read.format} feed has no items`,
        }),
      ],
    };
  }
  const docs = read.items.map((item) => itemToDoc(item, read, decoded.source, decoded.diagnostics, options));
  return { feed: read, docs };
}

/** Feed text → the feed, or the problem that stops it being read. */
export function readFeed(text: string): Feed | Problem {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(text) as { format: string; feed: unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ruleId: 'ingest:bad-feed',
      reason: `not a feed Tidings can read (RSS, RDF, Atom or JSON Feed): ${message.slice(0, 120)}`,
      actual: text.trimStart().slice(0, 60),
    };
  }
  const feed = (parsed.feed ?? {}) as Record<string, unknown>;
  const format = parsed.format as Feed['format'];
  const rawItems = (
    Array.isArray(feed.items) ? feed.items : Array.isArray(feed.entries) ? feed.entries : []
  ) as Record<string, unknown>[];
  const out: Feed = { format, items: rawItems.map((item, i) => toItem(format, item, i + 1)) };
  const title = textOf(feed.title);
  if (title) out.title = title;
  const link = format === 'atom' ? atomLink(feed.links) : (textOf(feed.link) ?? textOf(feed.home_page_url));
  if (link) out.link = link;
  const ttl = Number(feed.ttl);
  if (Number.isFinite(ttl) && ttl > 0) out.ttlMinutes = ttl;
  return out;
}

function toItem(format: Feed['format'], item: Record<string, unknown>, index: number): FeedItem {
  const out: FeedItem = { index };
  const title = textOf(item.title);
  if (title) out.title = title;
  let url: string | undefined;
  let id: string | undefined;
  let published: string | undefined;
  let html: string | undefined;
  let text: string | undefined;
  const dc = (item.dc ?? {}) as Record<string, unknown>;
  if (format === 'atom') {
    url = atomLink(item.links);
    id = textOf(item.id);
    published = textOf(item.published) ?? textOf(item.updated);
    html = textOf(item.content) ?? textOf(item.summary);
  } else if (format === 'json') {
    url = textOf(item.url) ?? textOf(item.external_url);
    id = textOf(item.id);
    published = textOf(item.date_published) ?? textOf(item.date_modified);
    html = textOf(item.content_html);
    text = html ? undefined : (textOf(item.content_text) ?? textOf(item.summary));
  } else {
    url = textOf(item.link);
    id = textOf(item.guid) ?? url;
    published = textOf(item.pubDate) ?? first(dc.dates) ?? textOf(dc.date);
    const content = (item.content ?? {}) as Record<string, unknown>;
    html = textOf(content.encoded) ?? textOf(item.description);
  }
  if (url) out.url = url;
  if (id) out.id = id;
  if (published) out.published = published;
  if (html) out.html = html;
  if (text) out.text = text;
  const authors = namesOf(item.authors ?? item.author ?? dc.creators ?? dc.creator);
  if (authors.length > 0) out.authors = authors;
  return out;
}

function itemToDoc(
  item: FeedItem,
  feed: Feed,
  feedSource: Source,
  feedDiagnostics: readonly Diagnostic[],
  options: FeedOptions,
): Doc {
  const source: Source = { uri: `${feedSource.uri}#item-${item.index}`, mediaType: FEED_MEDIA_TYPE };
  if (feedSource.fetched) source.fetched = feedSource.fetched;
  if (feedSource.encoding) source.encoding = feedSource.encoding;
  if (item.url) source.url = item.url;
  const diagnostics: Diagnostic[] = [...feedDiagnostics];
  const published = item.published === undefined ? undefined : toIsoDate(item.published);
  if (item.published !== undefined && published === undefined) {
    diagnostics.push({
      ruleId: 'ingest:bad-item-date',
      severity: 'info',
      reason: 'the item states a date that is not a usable date; ignored',
      actual: item.published.slice(0, 60),
    });
  }
  const date = published ?? options.defaultPublished;
  const meta = {
    ...(item.title ? { title: item.title } : {}),
    ...(item.authors ? { authors: item.authors } : {}),
    ...(feed.title ? { siteName: feed.title } : {}),
  };
  if (item.html && /<[a-z!/]/i.test(item.html)) {
    // HTML content: the page is the item's headline and content, extracted like any page.
    const page = `<html><head><title>${escapeHtml(item.title ?? '')}</title></head><body><article>${item.html}</article></body></html>`;
    const doc = htmlToDoc(page, source, {
      diagnostics,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(date !== undefined ? { published: date } : {}),
    });
    if (!doc.rejected) {
      doc.source = { ...doc.source, mediaType: HTML_MEDIA_TYPE, meta: { ...doc.source.meta, ...meta } };
      return doc;
    }
  }
  const body = item.text ?? (item.html ? stripTags(item.html) : '');
  if (date !== undefined) source.published = date;
  if (Object.keys(meta).length > 0) source.meta = meta;
  if (!/\S/.test(body)) {
    return rejected(source, diagnostics, {
      ruleId: 'ingest:empty-item',
      reason: 'the feed item has no text (no content, description or summary)',
    });
  }
  if (item.title) source.titleGiven = true;
  const title = item.title?.replace(/\s+/g, ' ').trim();
  return checkText(title ? `${title}\n\n${body.trim()}` : body.trim(), source, {
    ...(options.limits ? { limits: options.limits } : {}),
    diagnostics,
  });
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return textOf(o.value ?? o['#text'] ?? o.href);
  }
  return undefined;
}

function first(v: unknown): string | undefined {
  return Array.isArray(v) ? textOf(v[0]) : undefined;
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return textOf(links);
  const alternate = links.find((l) => {
    const rel = (l as { rel?: unknown })?.rel;
    return rel === undefined || rel === 'alternate';
  });
  return textOf((alternate ?? links[0]) as unknown);
}

function namesOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: string[] = [];
  for (const x of list.slice(0, 20)) {
    const name = typeof x === 'string' ? x : textOf((x as { name?: unknown })?.name);
    if (name?.trim()) out.push(name.trim());
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text of an HTML fragment that extraction found no article in (a one-line summary). */
function stripTags(html: string): string {
  return html
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}
