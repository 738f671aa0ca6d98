import type { Block, Diagnostic, Doc, PageMeta, Source } from '../../../core/doc.js';
import boilerplateBlocks from '../../../rules/extract/boilerplate-blocks.json' with { type: 'json' };
import { checkText, type IngestLimits, rejected } from '../check-text.js';
import { decodeBytes } from '../decode-bytes.js';
import { checkPublished, isValidPublished } from '../published.js';
import { extractArticle, type TextBlock } from './extract-article.js';
import { parseHtml } from './parse-html.js';
import { type MetadataProblem, readMetadata } from './read-metadata.js';

/**
 * A web page → the Doc of its article. The text is the headline the page gives, then the extracted
 * blocks, joined by blank lines; `blocks` are spans into it (the headline is a `title` block), and
 * the page's metadata goes to `source` (`published`, `url`, `meta`). The HTML itself is not the text:
 * the caller keeps the bytes so extraction can be run again.
 */

export const HTML_MEDIA_TYPE = 'text/html';

export interface HtmlToDocOptions {
  limits?: IngestLimits;
  /** Diagnostics raised before (decoding). */
  diagnostics?: readonly Diagnostic[];
  /** A publication date the input states outside the page (a JSONL `published`): wins over the page's. */
  published?: string;
  /** A date for pages that state none (`--date`). */
  defaultPublished?: string;
}

export interface HtmlBytesOptions extends Omit<HtmlToDocOptions, 'diagnostics'> {
  /** The charset an HTTP header declares; otherwise a byte order mark, then `<meta charset>`, then UTF-8. */
  charset?: string;
}

/** Bytes of a page → Doc: decoded (BOM, declared charset, `<meta charset>`, UTF-8 else windows-1252), then extracted. */
export function htmlBytesToDoc(bytes: Uint8Array, source: Source, options: HtmlBytesOptions = {}): Doc {
  const charset = options.charset ?? sniffMetaCharset(bytes);
  const { published: _published, ...pageSource } = source;
  const decoded = decodeBytes(
    bytes,
    { ...pageSource, mediaType: HTML_MEDIA_TYPE },
    { ...options.limits, ...(charset ? { charset } : {}) },
  );
  if (decoded.rejected) return decoded;
  return htmlToDoc(decoded.text, decoded.source, {
    ...options,
    ...(source.published !== undefined && options.defaultPublished === undefined
      ? { defaultPublished: source.published }
      : {}),
    diagnostics: decoded.diagnostics,
  });
}

const META_CHARSET = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})/i;

/** The charset a `<meta>` declares in the first 1,024 bytes (the HTML prescan's window), if any. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const m = META_CHARSET.exec(head);
  if (!m) return undefined;
  const label = (m[1] as string).toLowerCase();
  // A page that says UTF-16 in ASCII bytes is not UTF-16 (the standard reads it as UTF-8).
  return label.startsWith('utf-16') ? 'utf-8' : label;
}

export function htmlToDoc(html: string, source: Source, options: HtmlToDocOptions = {}): Doc {
  const diagnostics: Diagnostic[] = [...(options.diagnostics ?? [])];
  const parsed = parseHtml(html);
  const problems: MetadataProblem[] = [];
  const meta = readMetadata(parsed.head, parsed.root, problems);
  for (const p of problems) diagnostics.push({ ...p, severity: 'info' });
  if (parsed.flattened > 0) {
    diagnostics.push({
      ruleId: 'ingest:html-too-deep',
      severity: 'warning',
      reason: `${parsed.flattened} elements nested deeper than the parser keeps were flattened into their ancestors`,
      actual: String(parsed.flattened),
    });
  }
  const extraction = extractArticle(parsed.root, parsed.elements);
  if (extraction.attempt === 'no-regions') {
    diagnostics.push({
      ruleId: 'extract:fallback-no-regions',
      severity: 'info',
      reason:
        'the first extraction looked wrong (little text); the page was extracted again without region names',
    });
  }

  const out: Source = { ...source, mediaType: HTML_MEDIA_TYPE };
  delete out.published;
  delete out.titleGiven;
  const published = pickPublished(options, meta.published, diagnostics);
  if (published !== undefined) out.published = published;
  if (meta.canonical && out.url === undefined) out.url = meta.canonical;
  const pageMeta = sourceMeta(meta);
  if (pageMeta) out.meta = pageMeta;

  const body = keepPublisherBody(
    dropAuthorNotes(dropRepeats(extraction.blocks, meta.title), meta.authors ?? []),
    meta.articleBody,
  );
  if (body.length === 0) {
    return rejected(out, diagnostics, {
      ruleId: 'ingest:no-article',
      reason: 'no article text was found in the page (no block of prose outside navigation and boilerplate)',
    });
  }
  const { text, blocks } = assemble(meta.title, body);
  if (blocks[0]?.type === 'title') out.titleGiven = true;
  diagnostics.push({
    ruleId: 'ingest:html-extracted',
    severity: 'info',
    reason: `${body.length} blocks of article text extracted from ${html.length} characters of HTML`,
    actual: String(text.length),
  });
  const doc = checkText(text, out, { ...(options.limits ? { limits: options.limits } : {}), diagnostics });
  if (!doc.rejected && doc.text.length === text.length) doc.blocks = blocks;
  return doc;
}

/** The page's title as a `title` block, then the body blocks; spans into the joined text. */
function assemble(title: string | undefined, body: readonly TextBlock[]): { text: string; blocks: Block[] } {
  const parts: string[] = [];
  const blocks: Block[] = [];
  let at = 0;
  const push = (type: Block['type'], text: string, level?: number) => {
    if (parts.length > 0) at += 2;
    blocks.push(
      level === undefined
        ? { start: at, end: at + text.length, type }
        : { start: at, end: at + text.length, type, level },
    );
    parts.push(text);
    at += text.length;
  };
  // The headline is one line (segmentation reads the first line as the title).
  const headline = title?.replace(/\s+/g, ' ').trim();
  if (headline) push('title', headline);
  for (const b of body) push(b.type, b.text, b.level);
  return { text: parts.join('\n\n'), blocks };
}

/** How many short blocks may stand before the headline as labels (a kicker, a section name). */
const KICKER_BLOCKS = 3;
const KICKER_CHARS = 120;

/**
 * Blocks less exact repeats (a standfirst shown twice) and headings that repeat the title (the
 * title block holds it already). When the headline comes as a heading among the first blocks, the
 * few short lines before it are labels over the article (a kicker, a section name, a settings
 * button), not its text.
 */
function dropRepeats(blocks: readonly TextBlock[], title: string | undefined): TextBlock[] {
  const seen = new Set<string>();
  const titleKey = title ? normalise(title) : undefined;
  let start = 0;
  for (let i = 0; i < blocks.length && i <= KICKER_BLOCKS; i++) {
    const b = blocks[i] as TextBlock;
    if (b.type === 'heading' && normalise(b.text) === titleKey) {
      start = i;
      break;
    }
    if (b.text.length > KICKER_CHARS) break;
  }
  const out: TextBlock[] = [];
  for (const b of blocks.slice(start)) {
    const key = normalise(b.text);
    if (key === '' || seen.has(key)) continue;
    if (b.type === 'heading' && key === titleKey) continue;
    seen.add(key);
    out.push(b);
  }
  return out;
}

/** A publisher's article text shorter than this is a teaser, not the article. */
const MIN_PUBLISHER_BODY = 500;
/** Share of our text the publisher's must hold before it may judge our blocks. */
const PUBLISHER_AGREEMENT = 0.5;

/**
 * When the page states its own article text (JSON-LD `articleBody`) and it agrees with most of
 * what was extracted, a block whose words are mostly not in it is furniture the publisher does not
 * count as the article (a "Recommended" heading, a newsletter box, an embedded post): it is left
 * out. A short or disagreeing `articleBody` (a teaser, another story) decides nothing.
 */
function keepPublisherBody(blocks: TextBlock[], articleBody: string | undefined): TextBlock[] {
  if (articleBody === undefined || articleBody.length < MIN_PUBLISHER_BODY || blocks.length < 2)
    return blocks;
  const theirs = new Set(words(articleBody));
  const share = (text: string) => {
    const mine = words(text);
    if (mine.length === 0) return 1;
    let found = 0;
    for (const w of mine) if (theirs.has(w)) found++;
    return found / mine.length;
  };
  if (share(blocks.map((b) => b.text).join(' ')) < PUBLISHER_AGREEMENT) return blocks;
  const kept = blocks.filter((b) => share(b.text) >= PUBLISHER_AGREEMENT);
  return kept.length > 0 ? kept : blocks;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How far from the end an author's note may sit: the last few blocks. */
const AUTHOR_NOTE_TAIL = boilerplateBlocks.authorNotes.lastBlocks;
/** Notes about the writer by their form, for pages whose metadata names no author (rules/extract). */
const AUTHOR_NOTE_FORMS: readonly RegExp[] = boilerplateBlocks.authorNotes.patterns.map((p) => new RegExp(p));

/**
 * A short block near the end that opens with the name of one of the page's authors and says who
 * they are ("Ann Lee is a senior editor…", "Ann Lee covers…", "Follow Ann Lee on…"), or any name
 * followed by what a writer does ("… is a senior reporter for…", "… writes about…"), is a note
 * about the author, not article text.
 */
function dropAuthorNotes(blocks: TextBlock[], authors: readonly string[]): TextBlock[] {
  if (blocks.length <= AUTHOR_NOTE_TAIL) return blocks;
  const names = authors.flatMap((a) => {
    const full = a.trim().toLowerCase();
    const first = full.split(' ')[0] ?? '';
    return first.length > 2 && first !== full ? [full, first] : [full];
  });
  const from = blocks.length - AUTHOR_NOTE_TAIL;
  return blocks.filter((b, i) => {
    if (i < from || b.text.length > boilerplateBlocks.authorNotes.maxChars) return true;
    if (b.type === 'paragraph' && AUTHOR_NOTE_FORMS.some((form) => form.test(b.text))) return false;
    if (b.text.length > 400) return true;
    const text = b.text.toLowerCase();
    return !names.some(
      (n) =>
        n.length > 2 &&
        text.startsWith(`${n} `) &&
        /^(is|was|has|covers|writes|reports|can be)\b/.test(text.slice(n.length + 1)),
    );
  });
}

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function pickPublished(
  options: HtmlToDocOptions,
  page: string | undefined,
  diagnostics: Diagnostic[],
): string | undefined {
  if (options.published !== undefined) return checkPublished(options.published, diagnostics);
  const fromPage = page === undefined ? undefined : toIsoDate(page);
  if (fromPage !== undefined) return fromPage;
  if (page !== undefined) {
    diagnostics.push({
      ruleId: 'ingest:bad-page-date',
      severity: 'info',
      reason: 'the page states a publication date that is not a usable date; ignored',
      actual: page.slice(0, 60),
    });
  }
  return checkPublished(options.defaultPublished, diagnostics);
}

/** A page's date as an ISO date or instant, when it is one or `Date` can read it. */
export function toIsoDate(value: string): string | undefined {
  const v = value.trim();
  if (isValidPublished(v)) return v;
  if (v.length > 60 || !/\d{4}/.test(v)) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  const iso = new Date(t).toISOString();
  return isValidPublished(iso) ? iso : undefined;
}

function sourceMeta(meta: ReturnType<typeof readMetadata>): PageMeta | undefined {
  const out: PageMeta = {};
  if (meta.title) out.title = meta.title;
  if (meta.authors?.length) out.authors = meta.authors;
  if (meta.modified) {
    const modified = toIsoDate(meta.modified);
    if (modified) out.modified = modified;
  }
  if (meta.siteName) out.siteName = meta.siteName;
  if (meta.language) out.language = meta.language;
  if (meta.canonical) out.canonical = meta.canonical;
  if (meta.description) out.description = meta.description;
  return Object.keys(out).length > 0 ? out : undefined;
}
