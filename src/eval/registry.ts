import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { EvalOptions, EvalResult, Suite } from './suite.js';
import { clustersSuite } from './suites/clusters.js';
import { duplicatesSuite } from './suites/duplicates.js';
import { cameoRatersSuite } from './suites/events-cameo-raters.js';
import { case2021Suite } from './suites/events-case2021.js';
import { indiaPoliceSuite } from './suites/events-india-police.js';
import { eventLocationSuite } from './suites/events-location.js';
import { petrarch2Suite } from './suites/events-petrarch2.js';
import { ploverGsrSuite } from './suites/events-plover-gsr.js';
import { extractAeb } from './suites/extract-aeb.js';
import { extractMetadata } from './suites/extract-metadata.js';
import { extractSnippets } from './suites/extract-snippets.js';
import { mergeSuite } from './suites/merge.js';
import { mixedStoriesSuite } from './suites/mixed-stories.js';
import { nerConll2003 } from './suites/ner-conll2003.js';
import { nerWikiann } from './suites/ner-wikiann.js';
import { quotesPolnear } from './suites/quotes-polnear.js';
import { quotesPolnearBio } from './suites/quotes-polnear-bio.js';
import { timexTempeval3 } from './suites/timex-tempeval3.js';
import { wrappedReutersSuite } from './suites/wrapped-reuters.js';

/** Every evaluation suite `tidings eval` knows, by name. */
export const suites: Suite[] = [
  extractAeb,
  extractSnippets,
  extractMetadata,
  timexTempeval3,
  ploverGsrSuite,
  case2021Suite,
  cameoRatersSuite,
  indiaPoliceSuite,
  petrarch2Suite,
  eventLocationSuite,
  mixedStoriesSuite,
  nerConll2003,
  nerWikiann,
  quotesPolnear,
  quotesPolnearBio,
  wrappedReutersSuite,
  duplicatesSuite,
  mergeSuite,
  clustersSuite,
];

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}

/**
 * The files a suite reads from `data`: the file itself, or every file beneath a folder that the
 * suite accepts (recursively, sorted, whatever the split folders are called). With `split`, only
 * files with a folder of that name in their path below `data` (or in the path of a single file),
 * or whose own base name is that name (`valid` keeps `valid.txt`). A suite whose split is inside
 * its files (`splitWithin`) gets every file it accepts.
 */
export function collectFiles(suite: Suite, data: string, givenSplit?: string): string[] {
  const split = suite.splitWithin ? undefined : givenSplit;
  const stat = statSync(data);
  if (!stat.isDirectory()) {
    if (split !== undefined && !inSplit(data.split(/[\\/]/), split)) return [];
    return [data];
  }
  const out: string[] = [];
  walk(data, out);
  return out
    .filter((path) => suite.accepts(path))
    .filter((path) => split === undefined || inSplit(relative(data, path).split(sep), split))
    .sort();
}

/**
 * A path is in split `split` when one of its folders has that name, or when the file's own name
 * without its extension has it (CoNLL-2003 ships its splits as `train.txt`, `valid.txt`).
 */
function inSplit(parts: readonly string[], split: string): boolean {
  const file = parts[parts.length - 1] ?? '';
  const dot = file.lastIndexOf('.');
  return parts.slice(0, -1).includes(split) || (dot > 0 ? file.slice(0, dot) : file) === split;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/** Runs a suite by name. An unknown name is a programmer error (the CLI checks it first). */
export async function runSuite(name: string, options: EvalOptions): Promise<EvalResult> {
  const suite = findSuite(name);
  if (!suite) {
    throw new Error(
      `runSuite: unknown suite "${name}"; known suites: ${suites.map((s) => s.name).join(', ')}`,
    );
  }
  const files = collectFiles(suite, options.data, options.split);
  return await suite.run(files, options);
}
