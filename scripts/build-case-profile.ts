// How often each word is written in lowercase where case is free, learned from unlabelled news:
// the BBC and Reuters corpora in ../shared/data/corpora. Writes models/case-<version>.tsv.gz:
// `word<TAB>lowercase<TAB>capitalised` counts, for words seen at least --min-count times.
//
//   npx tsx scripts/build-case-profile.ts [--data DIR] [--version N] [--min-count N]
//
// A sentence's first word is capitalised whatever it is, so a tagger cannot tell "Besides" or
// "Meanwhile" from a name by its case there; the same word elsewhere in a sentence can. Only
// tokens whose case is free are counted: not the first word of a line or of a sentence (after
// . ! ? : or an opening quote), not a word in capitals throughout (Reuters' headlines).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PUNCT, tokenizeRange, WORD } from '../src/core/tokens.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    version: { type: 'string', default: '1' },
    'min-count': { type: 'string', default: '3' },
  },
});
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

function* texts(): Generator<string> {
  const corpora = join(args.data, 'corpora');
  const reuters = join(corpora, 'reuters-21578');
  for (const f of readdirSync(reuters)
    .filter((x) => x.endsWith('.sgm.gz'))
    .sort()) {
    const sgml = gunzipSync(readFileSync(join(reuters, f))).toString('latin1');
    for (const m of sgml.matchAll(/<BODY>([\s\S]*?)<\/BODY>/g))
      yield (m[1] as string).replace(/&[#\w]+;/g, ' ');
  }
  const bbc = join(corpora, 'bbc-news-2225');
  for (const cat of readdirSync(bbc, { withFileTypes: true })) {
    if (!cat.isDirectory()) continue;
    for (const f of readdirSync(join(bbc, cat.name)).sort()) {
      // The first line is the headline, in title case as often as not.
      const text = readFileSync(join(bbc, cat.name, f), 'utf8');
      yield text.slice(text.indexOf('\n') + 1);
    }
  }
}

/** Characters after which the next word's case is not free. */
const OPENERS = new Set(['.', '!', '?', ':', '"', '“', '‘', "'", '(', '[', '-', '—', '–', '•', '*', '>']);

const counts = new Map<string, [number, number]>();
let tokensSeen = 0;
let counted = 0;
for (const text of texts()) {
  const layer = tokenizeRange(text);
  let prevEnd = 0;
  let prevText = '';
  for (let i = 0; i < layer.count; i++) {
    const start = layer.start(i);
    const gap = text.slice(prevEnd, start);
    const free = i > 0 && !gap.includes('\n') && !OPENERS.has(prevText);
    prevEnd = layer.end(i);
    prevText = layer.kind(i) === PUNCT ? text.slice(start, prevEnd) : '';
    if (layer.kind(i) !== WORD) continue;
    tokensSeen++;
    if (!free) continue;
    const surface = text.slice(start, prevEnd);
    const upper = layer.isUpper(i);
    if (upper && surface.length > 1 && surface === surface.toUpperCase()) continue;
    const word = layer.lower(i);
    let c = counts.get(word);
    if (!c) {
      c = [0, 0];
      counts.set(word, c);
    }
    c[upper ? 1 : 0]++;
    counted++;
  }
}
log(`${tokensSeen} word tokens, ${counted} with free case, ${counts.size} words`);

const min = Number(args['min-count']);
const lines = [...counts]
  .filter(([, c]) => c[0] + c[1] >= min)
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  .map(([w, c]) => `${w}\t${c[0]}\t${c[1]}`);
const file = `case-${args.version}.tsv.gz`;
const gz = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
writeFileSync(join(args.out, file), gz);
log(`wrote ${file}: ${lines.length} words, ${(gz.length / 1e3).toFixed(0)} kB`);
