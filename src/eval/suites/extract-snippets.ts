import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Block, Doc } from '../../core/doc.js';
import { sniffMetaCharset } from '../../stages/01-ingest/html/html-to-doc.js';
import { decodeBytes, htmlBytesToDoc } from '../../stages/01-ingest/index.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import { loadReadability } from './extract-aeb.js';

/**
 * Article extraction on Trafilatura's evaluation set (`evaldata.json` + `html/<file>.gz`): for each
 * page, snippets that must appear in the extracted text (`with`) and snippets of boilerplate that
 * must not (`without`). As that benchmark counts them: a `with` snippet found is a true positive,
 * missed a false negative; a `without` snippet found is a false positive, absent a true negative;
 * precision, recall and F1 over the counts of all pages, and accuracy. Text and snippets are
 * compared after NFC and whitespace collapsing, nothing else (a URL snippet counts as missed: the
 * extracted text holds no link targets).
 *
 * The page is read from its bytes as ingest reads it (charset by `<meta>`, else sniffed), and the
 * text scored is the extracted blocks less the headline. @mozilla/readability over linkedom runs on
 * the same decoded page as the baseline (`readability*`). Tidings' extractor was never developed
 * on these pages: every figure is held-out.
 */

interface Record {
  file?: unknown;
  with?: unknown;
  without?: unknown;
}

interface Page {
  file: string;
  bytes: Uint8Array;
  with: string[];
  without: string[];
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export const extractSnippets: Suite = {
  name: 'extract-snippets',
  description:
    'HTML article extraction: must/must-not snippet precision, recall, F1 (Trafilatura evaluation set), beside Readability',
  accepts: (path) => path.endsWith('evaldata.json'),
  async run(files: string[], options: EvalOptions): Promise<EvalResult> {
    const skipped: { file: string; reason: string }[] = [];
    const pages = readPages(files, options, skipped);
    const readability = await loadReadability();
    const ours: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const theirs: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    let empty = 0;
    let rejected = 0;
    for (const page of pages) {
      const doc = htmlBytesToDoc(page.bytes, { uri: page.file, mediaType: 'text/html' });
      if (doc.rejected) rejected++;
      const text = bodyText(doc);
      if (text === '') empty++;
      add(ours, countSnippets(text, page.with, page.without));
      if (readability) {
        const decoded = doc.rejected ? undefined : decodeAsIngest(page.bytes);
        add(theirs, countSnippets(readability.extract(decoded ?? '') ?? '', page.with, page.without));
      }
    }
    const metrics: { [name: string]: number } = { ...scores(ours) };
    if (readability && pages.length > 0) {
      const base = scores(theirs);
      metrics.readabilityPrecision = base.precision;
      metrics.readabilityRecall = base.recall;
      metrics.readabilityF1 = base.f1;
      metrics.readabilityAccuracy = base.accuracy;
    }
    return {
      suite: 'extract-snippets',
      items: pages.length,
      unit: 'pages',
      metrics,
      details: {
        snippets: { with: ours.tp + ours.fn, without: ours.fp + ours.tn },
        counts: ours,
        pagesWithNoArticle: empty,
        rejectedPages: rejected,
        baseline: readability ? '@mozilla/readability over linkedom, textContent' : 'not installed',
        heldOut: 'every page: the extractor was not developed on this set',
      },
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  },
};

/** The benchmark's counts for one page's text. */
export function countSnippets(
  text: string,
  withs: readonly string[],
  withouts: readonly string[],
): SnippetCounts {
  const haystack = normalise(text);
  const counts: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of withs) {
    if (haystack.includes(normalise(s))) counts.tp++;
    else counts.fn++;
  }
  for (const s of withouts) {
    if (haystack.includes(normalise(s))) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

export function scores(c: SnippetCounts): {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
} {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const total = c.tp + c.fn + c.fp + c.tn;
  return { precision, recall, f1, accuracy: total === 0 ? 0 : (c.tp + c.tn) / total };
}

function add(into: SnippetCounts, c: SnippetCounts): void {
  into.tp += c.tp;
  into.fn += c.fn;
  into.fp += c.fp;
  into.tn += c.tn;
}

function normalise(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The extracted article less its headline (the benchmark's snippets are body text and furniture). */
function bodyText(doc: Doc): string {
  if (doc.rejected || !doc.blocks) return doc.rejected ? '' : doc.text;
  return doc.blocks
    .filter((b: Block) => b.type !== 'title')
    .map((b) => doc.text.slice(b.start, b.end))
    .join('\n');
}

/** The page's HTML as a string, decoded as ingest decodes it, for the baseline. */
function decodeAsIngest(bytes: Uint8Array): string | undefined {
  const charset = sniffMetaCharset(bytes);
  const doc = decodeBytes(bytes, { uri: 'baseline', mediaType: 'text/html' }, charset ? { charset } : {});
  return doc.rejected ? undefined : doc.text;
}

function readPages(
  files: string[],
  options: EvalOptions,
  skipped: { file: string; reason: string }[],
): Page[] {
  const pages: Page[] = [];
  for (const file of files) {
    let data: { [url: string]: Record };
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const dir = join(dirname(file), 'html');
    for (const url of Object.keys(data).sort()) {
      if (options.limit !== undefined && pages.length >= options.limit) break;
      const record = data[url] as Record;
      const name = typeof record.file === 'string' ? record.file : undefined;
      const withs = strings(record.with);
      const withouts = strings(record.without);
      const path =
        name === undefined ? undefined : [join(dir, `${name}.gz`), join(dir, name)].find(existsSync);
      if (path === undefined || (withs.length === 0 && withouts.length === 0)) {
        skipped.push({
          file: `${dir}/${name ?? url}`,
          reason: path === undefined ? 'no HTML file' : 'no snippets',
        });
        continue;
      }
      const raw = readFileSync(path);
      pages.push({
        file: path,
        bytes: path.endsWith('.gz') ? gunzipSync(raw) : raw,
        with: withs,
        without: withouts,
      });
    }
  }
  return pages;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : [];
}
