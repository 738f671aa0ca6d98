// The time stage's errors on a TempEval-3 split, counted by family (src/eval/timex-families.ts):
// wrong values (gold unresolved, extent, reference, set, duration vs point, spelled numbers,
// quarters, "ago" offsets, granularity, anchor, direction), then gold expressions missed and found
// expressions gold lacks, by kind. Each family's cost in value F1 is printed beside its count.
//
//   npx tsx scripts/timex-families.ts [DIR] [--list] [--counts-only]
//
// DIR is one split's folder (default ../shared/data/eval/timex/tempeval3/TimeBank, the development
// half). --list prints every error under its family (text, values, rule, document creation time,
// no sentence) — for the development half only; a held-out split is run with --counts-only, which
// prints the table and nothing of its expressions.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { matchSpans } from '../src/eval/metrics.js';
import { dctDate, readTimeML, timeMLInput } from '../src/eval/read-timeml.js';
import { spanFamily, valueFamily } from '../src/eval/timex-families.js';
import { analyzeDoc } from '../src/pipeline.js';

const args = process.argv.slice(2);
const list = args.includes('--list') && !args.includes('--counts-only');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/data/eval/timex/tempeval3/TimeBank');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.tml'))
  .sort()
  .map((name) => join(dir, name));

const families = new Map<string, string[]>();
const add = (family: string, line: string) => {
  const rows = families.get(family) ?? [];
  rows.push(line);
  families.set(family, rows);
};
const totals = { gold: 0, found: 0, right: 0 };
for (const file of files) {
  const parsed = readTimeML(readFileSync(file, 'utf8'), basename(file));
  const dct = dctDate(parsed.dct);
  const times = analyzeDoc(timeMLInput(parsed, file)).times ?? [];
  totals.gold += parsed.timexes.length;
  totals.found += times.length;
  const relaxed = matchSpans(parsed.timexes, times, 'relaxed');
  for (const [g, p] of relaxed.pairs) {
    if (g.value === p.value) {
      totals.right++;
      continue;
    }
    add(
      `value: ${valueFamily(g, p, dct)}`,
      `${p.rule}\tgold ${g.value} "${g.text}"\tfound ${p.value} "${p.text}"\tdct ${dct}`,
    );
  }
  for (const g of relaxed.unmatchedGold)
    add(`missed: ${spanFamily(g)}`, `${g.type} ${g.value} "${g.text}"\tdct ${dct}`);
  for (const p of relaxed.unmatchedPredicted)
    add(`extra: ${spanFamily(p)}`, `${p.rule}\t${p.type} ${p.value} "${p.text}"\tdct ${dct}`);
}

const f1 = (right: number) => (2 * right) / (totals.gold + totals.found);
console.log(
  `${files.length} documents, gold ${totals.gold}, found ${totals.found}, right values ${totals.right}: value F1 ${f1(totals.right).toFixed(4)}`,
);
console.log('family\terrors\tvalue F1 if all were right (a miss or extra: if it were gone or found right)');
const sorted = [...families].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
for (const [family, rows] of sorted) {
  // A wrong value or a miss fixed adds a right value; an extra removed shrinks "found".
  const gain = family.startsWith('extra')
    ? (2 * totals.right) / (totals.gold + totals.found - rows.length)
    : f1(totals.right + rows.length);
  console.log(`${family}\t${rows.length}\t${gain.toFixed(4)}`);
}
if (list)
  for (const [family, rows] of sorted) {
    console.log(`\n== ${family} (${rows.length})`);
    for (const row of rows.sort()) console.log(`  ${row}`);
  }
