import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Block, Doc, Source } from '../../core/doc.js';
import { htmlToDoc } from '../../stages/01-ingest/index.js';
import { type ShingleCounts, shingleMatch, shingleScores } from '../shingles.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * Article extraction on the article-extraction-benchmark layout: `ground-truth.json`
 * (`{id: {articleBody, …}}`) beside `html/<id>.html.gz` (or `.html`), as in scrapinghub's benchmark
 * and NAEB. Scored with the benchmark's own measure (`../shingles.ts`): word 4-gram precision and
 * recall averaged over pages, F1 of the averages. Our article body is the extracted blocks other than
 * the headline and captions, one per line, from the page decoded as UTF-8 (the same string is handed
 * to both extractors).
 *
 * @mozilla/readability over linkedom runs beside it on the same pages, as the baseline: its
 * `textContent`, its figures as `readability*`. Speed is pages per CPU second of one thread (decoding
 * and file reading excluded, for both), so it does not depend on what else the machine is doing.
 * The baseline is a development dependency; without it only our figures are reported.
 *
 * The data has no dev/test split. `--split tune` keeps the pages whose id starts with 0–7 (the half
 * the extractor was developed on), `--split held-out` those starting with 8–f (never inspected page by
 * page); without `--split` every page is scored and the held-out half is also reported on its own.
 */

const HALVES = ['tune', 'held-out'] as const;

interface Page {
  id: string;
  expected: string;
  html: string;
}

interface Readability {
  /** Extracts one page's text; undefined when Readability finds no article. */
  extract(html: string): string | undefined;
}

export const extractAeb: Suite = {
  name: 'extract-aeb',
  description:
    'HTML article extraction: word 4-gram shingle P/R/F1 (article-extraction-benchmark), beside Readability',
  accepts: (path) => path.endsWith('ground-truth.json'),
  splitWithin: true,
  async run(files: string[], options: EvalOptions): Promise<EvalResult> {
    if (options.split !== undefined && !(HALVES as readonly string[]).includes(options.split)) {
      throw new Error(`extract-aeb: --split must be one of ${HALVES.join(', ')}, not "${options.split}"`);
    }
    const skipped: { file: string; reason: string }[] = [];
    const pages = readPages(files, options, skipped);
    const readability = await loadReadability();

    // Each extractor runs over every page in its own pass, so neither is charged for the other's garbage,
    // after an untimed pass over the first pages, so neither is charged for its JIT warm-up.
    const warmUp = pages.slice(0, 20);
    for (const page of warmUp) htmlToDoc(page.html, { uri: 'warm-up', mediaType: 'text/html' });
    if (readability) for (const page of warmUp) readability.extract(page.html);
    const ours: ShingleCounts[] = [];
    const theirs: ShingleCounts[] = [];
    const heldOut: { ours: ShingleCounts[]; theirs: ShingleCounts[] } = { ours: [], theirs: [] };
    let empty = 0;
    let ourMs = 0;
    for (const page of pages) {
      const source: Source = { uri: `${page.id}.html`, mediaType: 'text/html' };
      const before = process.cpuUsage();
      const doc = htmlToDoc(page.html, source);
      ourMs += cpuMs(before);
      const predicted = articleBody(doc);
      if (predicted === '') empty++;
      const counts = shingleMatch(page.expected, predicted);
      ours.push(counts);
      if (halfOf(page.id) === 'held-out') heldOut.ours.push(counts);
    }
    let theirMs = 0;
    if (readability) {
      for (const page of pages) {
        const before = process.cpuUsage();
        const text = readability.extract(page.html) ?? '';
        theirMs += cpuMs(before);
        const counts = shingleMatch(page.expected, text);
        theirs.push(counts);
        if (halfOf(page.id) === 'held-out') heldOut.theirs.push(counts);
      }
    }
    const score = shingleScores(ours);
    const pagesPerSecond = pages.length / Math.max(ourMs / 1000, 1e-9);
    const metrics: Record<string, number> = {
      precision: score.precision,
      recall: score.recall,
      f1: score.f1,
      pagesPerSecond,
    };
    if (readability && pages.length > 0) {
      const base = shingleScores(theirs);
      metrics.readabilityPrecision = base.precision;
      metrics.readabilityRecall = base.recall;
      metrics.readabilityF1 = base.f1;
      const readabilityPagesPerSecond = pages.length / Math.max(theirMs / 1000, 1e-9);
      metrics.readabilityPagesPerSecond = readabilityPagesPerSecond;
      metrics.speedRatio = pagesPerSecond / readabilityPagesPerSecond;
    }
    if (options.split === undefined && heldOut.ours.length > 0) {
      metrics.heldOutF1 = shingleScores(heldOut.ours).f1;
      if (readability) metrics.heldOutReadabilityF1 = shingleScores(heldOut.theirs).f1;
    }
    return {
      suite: 'extract-aeb',
      items: pages.length,
      unit: 'pages',
      metrics,
      details: {
        split: options.split ?? 'all (held-out half also reported)',
        heldOutPages: heldOut.ours.length,
        pagesWithNoArticle: empty,
        baseline: readability ? '@mozilla/readability over linkedom, textContent' : 'not installed',
        speed: 'pages per CPU second, one thread, from the decoded page',
      },
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  },
};

/** The article text as the benchmark counts it: blocks other than the headline and captions. */
export function articleBody(doc: Doc): string {
  if (doc.rejected || !doc.blocks) return '';
  return doc.blocks
    .filter((b: Block) => b.type !== 'title' && b.type !== 'caption')
    .map((b) => doc.text.slice(b.start, b.end))
    .join('\n');
}

/** `tune` for ids starting with 0–7, `held-out` for 8–f (ids are hex digests). */
export function halfOf(id: string): (typeof HALVES)[number] {
  const digit = Number.parseInt(id.charAt(0), 16);
  return Number.isNaN(digit) || digit < 8 ? 'tune' : 'held-out';
}

function readPages(
  files: string[],
  options: EvalOptions,
  skipped: { file: string; reason: string }[],
): Page[] {
  const pages: Page[] = [];
  for (const file of files) {
    let truth: Record<string, { articleBody?: unknown }>;
    try {
      truth = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const dir = join(dirname(file), 'html');
    for (const id of Object.keys(truth).sort()) {
      if (options.split !== undefined && halfOf(id) !== options.split) continue;
      if (options.limit !== undefined && pages.length >= options.limit) break;
      const expected = truth[id]?.articleBody;
      const html = readPage(dir, id);
      if (typeof expected !== 'string' || html === undefined) {
        skipped.push({
          file: `${dir}/${id}`,
          reason: html === undefined ? 'no HTML file' : 'no articleBody',
        });
        continue;
      }
      pages.push({ id, expected, html });
    }
  }
  return pages;
}

function readPage(dir: string, id: string): string | undefined {
  const gz = join(dir, `${id}.html.gz`);
  if (existsSync(gz)) return gunzipSync(readFileSync(gz)).toString('utf8');
  const plain = join(dir, `${id}.html`);
  return existsSync(plain) ? readFileSync(plain, 'utf8') : undefined;
}

function cpuMs(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** @mozilla/readability over linkedom, when the development dependencies are installed. */
export async function loadReadability(): Promise<Readability | undefined> {
  try {
    const [{ parseHTML }, { Readability }] = await Promise.all([
      import('linkedom') as Promise<{ parseHTML: (html: string) => { document: unknown } }>,
      import('@mozilla/readability') as unknown as Promise<{
        Readability: new (doc: unknown) => { parse(): { textContent?: string | null } | null };
      }>,
    ]);
    return {
      extract(html: string): string | undefined {
        try {
          const { document } = parseHTML(html);
          return new Readability(document).parse()?.textContent ?? undefined;
        } catch {
          return undefined;
        }
      },
    };
  } catch {
    return undefined;
  }
}
