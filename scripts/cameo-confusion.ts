/**
 * A development diagnostic for CAMEO coding (issue 7): runs the pipeline on conflibert-cameo train
 * (`cameo_class_train.tsv`, 1,349 sentences, its own five classes: 0 make a statement, 1 verbal
 * cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) and tabulates, per
 * gold class, the class of our sentence root (`sentenceRoot`, cameo-root.ts, mapped to the five
 * classes with rules/events/cameo-classes.json). Sentences the rules read nothing in are counted
 * apart (`none`: the residual 01, class 0 for the suite). No suite scores this set; it is where the
 * gaps are learnt, never the figure that shows generality.
 *
 *   npx tsx scripts/cameo-confusion.ts [--data ../shared/data] [--dump /tmp/cameo-train.tsv]
 *
 * `--dump` writes one line per sentence (gold class, our class, root, how, all roots, text) for
 * reading the misses.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDoc } from '../src/core/doc.js';
import { analyzeDoc } from '../src/pipeline.js';
import { classOf, ruleRoots, sentenceRoot } from '../src/stages/05-events/cameo-root.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    dump: { type: 'string' },
  },
});
const file = join(resolve(values.data as string), 'eval/events/conflibert-cameo/cameo_class_train.tsv');
const CLASSES = ['0', '1', '2', '3', '4'];
const COLUMNS = [...CLASSES, 'none'];
const counts = new Map<string, number>();
const dump: string[] = [];
let n = 0;
let right = 0;
let rightResidual = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const tab = line.lastIndexOf('\t');
  if (tab <= 0) continue;
  const gold = line.slice(tab + 1).trim();
  const text = line.slice(0, tab);
  if (!CLASSES.includes(gold)) continue;
  const doc = analyzeDoc(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));
  const { root, by } = sentenceRoot(doc);
  const ours = by === 'residual' ? 'none' : (classOf(root) ?? 'none');
  counts.set(`${gold}:${ours}`, (counts.get(`${gold}:${ours}`) ?? 0) + 1);
  n++;
  if (ours === gold) right++;
  if ((ours === 'none' ? '0' : ours) === gold) rightResidual++;
  dump.push([gold, ours, root, by, ruleRoots(doc).join(','), text].join('\t'));
}
const pad = (s: string | number, w = 6) => String(s).padStart(w);
console.log(`conflibert-cameo train, ${n} sentences; rows gold class, columns our class (none = no reading)`);
console.log(`${pad('gold')}${COLUMNS.map((c) => pad(c)).join('')}${pad('total', 7)}${pad('recall', 7)}`);
for (const g of CLASSES) {
  const row = COLUMNS.map((c) => counts.get(`${g}:${c}`) ?? 0);
  const total = row.reduce((a, b) => a + b, 0);
  const hit = counts.get(`${g}:${g}`) ?? 0;
  console.log(
    `${pad(g)}${row.map((x) => pad(x)).join('')}${pad(total, 7)}${pad((hit / total).toFixed(3), 7)}`,
  );
}
const precision = CLASSES.map((c) => {
  const col = CLASSES.reduce((a, g) => a + (counts.get(`${g}:${c}`) ?? 0), 0);
  return col > 0 ? ((counts.get(`${c}:${c}`) ?? 0) / col).toFixed(3) : '–';
});
console.log(`${pad('prec')}${precision.map((p) => pad(p)).join('')}`);
console.log(
  `accuracy (no reading = wrong) ${(right / n).toFixed(4)}; with no reading as class 0 (the residual 01) ${(rightResidual / n).toFixed(4)}`,
);
if (values.dump) writeFileSync(values.dump, `${dump.join('\n')}\n`);
