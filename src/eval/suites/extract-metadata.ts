import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHtml } from '../../stages/01-ingest/html/parse-html.js';
import { type PageMeta, readMetadata } from '../../stages/01-ingest/html/read-metadata.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * Page metadata on Readability's test pages (`<case>/source.html.gz` beside
 * `<case>/expected-metadata.json`): accuracy per field — title, byline, published time, site name,
 * language — over the pages whose expected value is not empty. The expected values are what
 * Readability.js returns, not human gold: a page where both are defensible can count as wrong.
 *
 * How a field counts as right, after NFC, whitespace collapsing and lowercasing:
 * - title, site name: equal;
 * - byline: the same set of name words (a leading "by", "and" and punctuation aside), so `By Ann Lee`
 *   and `Ann Lee` agree, and our authors are joined;
 * - published time: the same calendar day (UTC), both read as dates;
 * - language: the same primary subtag (`en-US` ~ `en`).
 * Tidings' metadata reader was not developed on these pages: every figure is held-out.
 */

const FIELDS = ['title', 'byline', 'publishedTime', 'siteName', 'language'] as const;
type Field = (typeof FIELDS)[number];

interface Expected {
  title?: unknown;
  byline?: unknown;
  publishedTime?: unknown;
  siteName?: unknown;
  lang?: unknown;
}

export const extractMetadata: Suite = {
  name: 'extract-metadata',
  description:
    'Web page metadata: accuracy per field (title, byline, published time, site name, language) on Readability test pages',
  accepts: (path) => path.endsWith('expected-metadata.json'),
  run(files: string[], options: EvalOptions): EvalResult {
    const skipped: { file: string; reason: string }[] = [];
    const right: Record<Field, number> = { title: 0, byline: 0, publishedTime: 0, siteName: 0, language: 0 };
    const total: Record<Field, number> = { title: 0, byline: 0, publishedTime: 0, siteName: 0, language: 0 };
    let pages = 0;
    for (const file of expand(files)) {
      if (options.limit !== undefined && pages >= options.limit) break;
      const source = [join(dirname(file), 'source.html.gz'), join(dirname(file), 'source.html')].find(
        existsSync,
      );
      let expected: Expected;
      let html: string;
      try {
        expected = JSON.parse(readFileSync(file, 'utf8'));
        if (source === undefined) throw new Error('no source.html(.gz) beside it');
        const raw = readFileSync(source);
        html = (source.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      } catch (error) {
        skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      pages++;
      const parsed = parseHtml(html);
      const meta = readMetadata(parsed.head, parsed.root);
      for (const field of FIELDS) {
        const want = expectedValue(expected, field);
        if (want === undefined) continue;
        total[field]++;
        if (fieldMatches(field, meta, want)) right[field]++;
      }
    }
    const metrics: { [name: string]: number } = {};
    for (const field of FIELDS)
      metrics[`${field}Accuracy`] = total[field] === 0 ? 0 : right[field] / total[field];
    return {
      suite: 'extract-metadata',
      items: pages,
      unit: 'pages',
      metrics,
      details: {
        pagesWithExpectedValue: total,
        right,
        gold: "Readability.js's own output (a regression fixture), not human annotation",
        heldOut: 'every page: the metadata reader was not developed on this set',
      },
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  },
};

/** `--data` may name the folder of cases: the registry hands every expected-metadata.json. */
function expand(files: string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (f.endsWith('expected-metadata.json')) out.push(f);
    else if (existsSync(f)) {
      for (const name of readdirSync(f).sort()) {
        const candidate = join(f, name, 'expected-metadata.json');
        if (existsSync(candidate)) out.push(candidate);
      }
    }
  }
  return out;
}

function expectedValue(expected: Expected, field: Field): string | undefined {
  const value = field === 'language' ? expected.lang : expected[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function fieldMatches(field: Field, meta: PageMeta, want: string): boolean {
  switch (field) {
    case 'title':
      return meta.title !== undefined && norm(meta.title) === norm(want);
    case 'siteName':
      return meta.siteName !== undefined && norm(meta.siteName) === norm(want);
    case 'byline': {
      if (!meta.authors || meta.authors.length === 0) return false;
      const mine = nameWords(meta.authors.join(' '));
      const theirs = nameWords(want);
      return mine.size > 0 && mine.size === theirs.size && [...mine].every((w) => theirs.has(w));
    }
    case 'publishedTime': {
      const mine = meta.published === undefined ? undefined : day(meta.published);
      return mine !== undefined && mine === day(want);
    }
    case 'language':
      return meta.language !== undefined && primary(meta.language) === primary(want);
  }
}

function norm(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function nameWords(s: string): Set<string> {
  const words = norm(s).match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => w !== 'by' && w !== 'and'));
}

function day(value: string): string | undefined {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
