// How often clean marks near-duplicates in a folder of plain-text articles (one per file, headline
// on line 1), and which: a check for false removals on text that has none to remove.
//
//   npx tsx scripts/count-near-duplicates.ts [DIR]      (default ../shared/data/corpora/bbc-news-2225)
//
// Files are read as ingest reads them (UTF-8, else sniffed / windows-1252); prints every
// near-duplicate removal with the sentence it points at, then the totals.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { segmentText } from '../src/core/text/segment-text.js';
import { decodeBytes } from '../src/stages/01-ingest/index.js';
import { cleanText } from '../src/stages/02-clean/clean.js';

const root = resolve(process.argv[2] ?? '../shared/data/corpora/bbc-news-2225');
const files: string[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.txt') && !/^(README|PROVENANCE)/i.test(name)) files.push(path);
  }
};
walk(root);

let sentences = 0;
let near = 0;
let exact = 0;
for (const file of files) {
  const doc = decodeBytes(readFileSync(file), { uri: file, mediaType: 'text/plain' });
  if (doc.rejected) continue;
  const { removed } = cleanText(doc.text, true);
  sentences += segmentText(doc.text, removed, true).sentences.length;
  for (const r of removed) {
    if (r.rule.startsWith('clean:near-duplicate')) {
      near++;
      const twin = r.duplicateOf ?? 0;
      console.log(`${file.slice(root.length + 1)}  ${r.rule}`);
      console.log(`  removed: ${doc.text.slice(r.start, r.end).slice(0, 200)}`);
      console.log(`  twin:    ${doc.text.slice(twin, twin + 200).split('\n')[0]}`);
    } else if (r.rule.startsWith('clean:duplicate')) exact++;
  }
}
console.log(
  `${files.length} files, ${sentences} kept sentences; near-duplicates removed: ${near}; exact duplicates: ${exact}`,
);
