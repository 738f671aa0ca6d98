import type { HeadData, HtmlElement, HtmlNode } from './parse-html.js';

/**
 * A page's metadata from, in order of trust: JSON-LD (schema.org Article and kin), OpenGraph and
 * article:* properties, other meta tags (Dublin Core, Parse.ly, sailthru, plain name=author/date),
 * `<link rel=canonical>`, `<html lang>`, and finally the page itself (`<title>`, the first `<h1>`,
 * `<time datetime>`, elements marked as the author). Values are cleaned of whitespace; dates are
 * returned as the page wrote them and checked by the caller.
 */
export interface PageMeta {
  title?: string;
  authors?: string[];
  published?: string;
  modified?: string;
  siteName?: string;
  language?: string;
  canonical?: string;
  description?: string;
  /** The article text a JSON-LD record carries (`articleBody`), a cross-check for extraction. */
  articleBody?: string;
}

export interface MetadataProblem {
  ruleId: string;
  reason: string;
}

const ARTICLE_TYPES = /article|posting|report|story|newsarticle|blog|webpage|creativework|liveblog/i;
const MAX_JSON_NODES = 20_000;

export function readMetadata(head: HeadData, root: HtmlElement, problems: MetadataProblem[] = []): PageMeta {
  const ld = readJsonLd(head.jsonLd, problems);
  const meta = new Map<string, string>();
  for (const { key, content } of head.meta) {
    const value = clean(content);
    if (value !== '' && !meta.has(key)) meta.set(key, value);
  }
  const pick = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const page = readPage(root);
  const siteName = ld.siteName ?? pick('og:site_name', 'application-name', 'al:ios:app_name');
  const rawTitle =
    ld.title ?? pick('og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title');
  const title = rawTitle ?? page.h1 ?? stripSiteName(clean(head.title), siteName);

  const metaAuthors = [
    pick('author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl'),
    pick('article:author'),
  ]
    .filter((a): a is string => a !== undefined && !/^https?:\/\//.test(a))
    .map((a) => a.replace(/^by\s+/i, ''));
  const authors = dedupe(
    ld.authors.length > 0 ? ld.authors : metaAuthors.length > 0 ? metaAuthors : page.authors,
  );

  const published =
    ld.published ??
    pick(
      'article:published_time',
      'og:article:published_time',
      'datepublished',
      'parsely-pub-date',
      'sailthru.date',
      'pubdate',
      'publishdate',
      'publish-date',
      'date',
      'dc.date',
      'dc.date.issued',
      'dcterms.created',
      'dcterms.date',
      'article.published',
    ) ??
    page.time;
  const modified =
    ld.modified ??
    pick('article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified');
  const canonicalLink = head.links.find((l) => l.rel.split(/\s+/).includes('canonical'))?.href;
  const language =
    head.lang ?? ld.language ?? pick('content-language', 'og:locale', 'dc.language', 'language');
  const description =
    ld.description ?? pick('og:description', 'description', 'twitter:description', 'dc.description');

  const out: PageMeta = {};
  if (title) out.title = title;
  if (authors.length > 0) out.authors = authors;
  if (published) out.published = published;
  if (modified) out.modified = modified;
  if (siteName) out.siteName = siteName;
  if (language) out.language = normaliseLanguage(language);
  const canonical = canonicalLink ?? ld.url ?? pick('og:url');
  if (canonical && /^https?:\/\//i.test(canonical)) out.canonical = canonical;
  if (description) out.description = description;
  if (ld.articleBody) out.articleBody = ld.articleBody;
  return out;
}

interface LdFields {
  title?: string;
  authors: string[];
  published?: string;
  modified?: string;
  siteName?: string;
  language?: string;
  url?: string;
  description?: string;
  articleBody?: string;
}

/** The first article-like record across the page's JSON-LD blocks (arrays and `@graph` included). */
function readJsonLd(scripts: readonly string[], problems: MetadataProblem[]): LdFields {
  const records: Record<string, unknown>[] = [];
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(script.replace(/^\s*(<!--|\/\/<!\[CDATA\[)|(-->|\/\/\]\]>)\s*$/g, ''));
    } catch {
      problems.push({ ruleId: 'extract:bad-json-ld', reason: 'a JSON-LD script is not valid JSON; ignored' });
      continue;
    }
    collectRecords(data, records);
  }
  const article =
    records.find((r) => typeOf(r).some((t) => /article|posting|report|liveblog/i.test(t))) ??
    records.find((r) => typeOf(r).some((t) => ARTICLE_TYPES.test(t)));
  const out: LdFields = { authors: [] };
  if (!article) return out;
  const text = (v: unknown): string | undefined => {
    if (typeof v === 'string') return clean(v) || undefined;
    if (Array.isArray(v)) return text(v[0]);
    return undefined;
  };
  out.title = text(article.headline) ?? text(article.name);
  out.published = text(article.datePublished) ?? text(article.dateCreated);
  out.modified = text(article.dateModified);
  out.language = text(article.inLanguage);
  out.description = text(article.description);
  const url = text(article.url) ?? idOf(article.mainEntityOfPage);
  if (url) out.url = url;
  const body = article.articleBody;
  if (typeof body === 'string' && body.trim() !== '') out.articleBody = body;
  out.authors = namesOf(article.author ?? article.creator);
  const publisher = article.publisher;
  out.siteName =
    namesOf(publisher)[0] ?? namesOf(records.find((r) => typeOf(r).includes('WebSite'))?.name)[0];
  for (const key of Object.keys(out) as (keyof LdFields)[]) if (out[key] === undefined) delete out[key];
  return out;
}

function collectRecords(data: unknown, out: Record<string, unknown>[]): void {
  const queue: unknown[] = [data];
  for (let at = 0; at < queue.length && at < MAX_JSON_NODES; at++) {
    const v = queue[at];
    if (Array.isArray(v)) for (const x of v.slice(0, MAX_JSON_NODES)) queue.push(x);
    else if (v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      if (r['@type'] !== undefined) out.push(r);
      if (Array.isArray(r['@graph'])) queue.push(r['@graph']);
    }
  }
}

function typeOf(r: Record<string, unknown>): string[] {
  const t = r['@type'];
  return Array.isArray(t)
    ? t.filter((x): x is string => typeof x === 'string')
    : typeof t === 'string'
      ? [t]
      : [];
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { '@id'?: unknown })['@id'] === 'string')
    return (v as { '@id': string })['@id'];
  return undefined;
}

function namesOf(v: unknown): string[] {
  const out: string[] = [];
  const add = (x: unknown) => {
    if (typeof x === 'string') {
      const name = clean(x).replace(/^by\s+/i, '');
      if (name && !/^https?:\/\//.test(name)) out.push(name);
    } else if (x && typeof x === 'object' && !Array.isArray(x)) add((x as { name?: unknown }).name);
  };
  if (Array.isArray(v)) for (const x of v.slice(0, 20)) add(x);
  else add(v);
  return out;
}

interface PageFields {
  h1?: string;
  time?: string;
  authors: string[];
}

/** The first `<h1>`, the first `<time datetime>`, and elements marked as the author, in one bounded walk. */
function readPage(root: HtmlElement): PageFields {
  const out: PageFields = { authors: [] };
  const stack: HtmlNode[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < 200_000) {
    const node = stack.pop() as HtmlNode;
    if (typeof node === 'string') continue;
    if (node.tag === 'h1' && out.h1 === undefined) {
      const t = clean(textOf(node));
      if (t) out.h1 = t;
    } else if (node.tag === 'time' && out.time === undefined && node.attrs.datetime)
      out.time = node.attrs.datetime.trim();
    const marked =
      node.attrs.rel === 'author' ||
      (node.attrs.itemprop !== undefined && /\bauthor\b/.test(node.attrs.itemprop));
    if (marked && out.authors.length < 5) {
      const t = clean(textOf(node)).replace(/^by\s+/i, '');
      if (t && t.length <= 80) out.authors.push(t);
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as HtmlNode);
  }
  return out;
}

/** Text of an element, at most 2,000 characters. */
export function textOf(el: HtmlElement): string {
  let s = '';
  const stack: HtmlNode[] = [el];
  while (stack.length > 0 && s.length < 2000) {
    const n = stack.pop() as HtmlNode;
    if (typeof n === 'string') s += n;
    else {
      if (n.tag === 'br') s += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as HtmlNode);
    }
  }
  return s;
}

function clean(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = n.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(n);
    }
  }
  return out;
}

/** `Title | Site` or `Title - Site` → `Title`, when the tail is the site's name. */
function stripSiteName(title: string, site: string | undefined): string {
  const m = /^(.{10,}?)\s+[|–—\-·:]\s+([^|–—\-·:]{2,60})$/.exec(title);
  if (!m) return title;
  if (site === undefined || (m[2] as string).toLowerCase().includes(site.toLowerCase().slice(0, 6)))
    return m[1] as string;
  return title;
}

/** `en_US` → `en-US`; `en-us` → `en-US`. */
function normaliseLanguage(lang: string): string {
  const parts = lang.trim().replace(/_/g, '-').split('-');
  const head = (parts[0] ?? '').toLowerCase();
  return parts.length > 1 && (parts[1] as string).length === 2
    ? `${head}-${(parts[1] as string).toUpperCase()}`
    : head;
}
