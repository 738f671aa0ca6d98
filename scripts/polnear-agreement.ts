// How far PolNeAR's annotators agree with one another, scored as the quotes-polnear suite scores the
// pipeline: on the articles with several annotators' files, each file in turn stands for the system
// and every other file of the article for the gold (exact and overlap F1 per role, discontinuous
// spans as pieces, the same span twice counted once). The human counterpart of the suite's figures:
//
//   npx tsx scripts/polnear-agreement.ts [--data ../shared/data/eval/quotes/polnear] [--split train]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addCounts, type Counts, emptyCounts, prf } from '../src/eval/metrics.js';
import {
  goldSpans,
  type RoleSpans,
  roles,
  scoreRoles,
  textPathFor,
} from '../src/eval/suites/quotes-polnear.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/eval/quotes/polnear') },
    split: { type: 'string', default: 'train' },
  },
});

const dir = join(args.data, args.split, 'attributions');
const byText = new Map<string, string[]>();
for (const f of readdirSync(dir).sort()) {
  if (!f.endsWith('.ann')) continue;
  const textPath = textPathFor(join(dir, f));
  byText.set(textPath, [...(byText.get(textPath) ?? []), f]);
}
const totals = new Map<string, Counts>();
const add = (key: string, c: Counts) => {
  const t = totals.get(key) ?? emptyCounts();
  addCounts(t, c);
  totals.set(key, t);
};
let articles = 0;
let files = 0;
for (const [textPath, anns] of byText) {
  if (anns.length < 2) continue;
  articles++;
  files += anns.length;
  const text = readFileSync(textPath, 'utf8');
  const spans = anns.map((f) => goldSpans(readFileSync(join(dir, f), 'utf8'), text).spans);
  for (let p = 0; p < spans.length; p++)
    for (let g = 0; g < spans.length; g++) {
      if (p === g) continue;
      const sc = scoreRoles(spans[g] as RoleSpans, spans[p] as RoleSpans);
      for (const r of roles) {
        add(`${r}Exact`, sc[r].exact);
        add(`${r}Overlap`, sc[r].overlap);
      }
    }
}
const metrics = Object.fromEntries([...totals].map(([k, c]) => [`${k}F1`, Number(prf(c).f1.toFixed(4))]));
console.log(JSON.stringify({ split: args.split, articles, files, metrics }, null, 2));
