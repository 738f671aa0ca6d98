// Copies the PolNeAR train articles the attribution tagger held out of its training (one in ten by
// a hash of the name: `heldOutArticle`) into a folder the quotes-polnear suite reads as a split, so
// a change to the quotes pipeline can be scored on train articles no model was fitted on before dev
// is looked at (docs/evaluation.md, quotes):
//
//   npx tsx scripts/polnear-held-out.ts [--data DIR] [--out /tmp/polnear-held-out]
//   npm run build && node bin/tidings.js eval quotes-polnear --data /tmp/polnear-held-out --split train --json
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { heldOutArticle } from './polnear-articles.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/eval/quotes/polnear') },
    out: { type: 'string', default: '/tmp/polnear-held-out' },
  },
});

const from = join(args.data, 'train');
const to = join(args.out, 'train');
let articles = 0;
let files = 0;
for (const [folder, suffix] of [
  ['text', /\.txt$/],
  ['attributions', /_[0-9a-f]{4}\.ann$/i],
] as const) {
  mkdirSync(join(to, folder), { recursive: true });
  for (const f of readdirSync(join(from, folder))) {
    if (!suffix.test(f) || !heldOutArticle(f.replace(suffix, ''))) continue;
    copyFileSync(join(from, folder, f), join(to, folder, f));
    if (folder === 'text') articles++;
    else files++;
  }
}
console.log(`${articles} articles, ${files} annotation files -> ${to}`);
