// The time stage's errors on a TempEval-3 split, for reading: every value error (gold and found text
// and value, the rule that decided, the document creation time and the sentence around it), then the
// gold expressions not found and the expressions found that gold does not have.
//
//   npx tsx scripts/timex-errors.ts [DIR] [--values-only] > errors.txt
//
// DIR is one split's folder (default ../shared/data/eval/timex/tempeval3/TimeBank, the development
// half; AQUAINT is held out and is not to be read this way). Lines are tab-separated so that they can
// be sorted and grouped, and the value errors are counted by cause and rule at the end: `VALUE  cause  rule  gold-value  found-value  dct  "gold text"  "found text"  context`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { matchSpans } from '../src/eval/metrics.js';
import { dctDate, readTimeML, timeMLInput } from '../src/eval/read-timeml.js';
import { analyzeDoc } from '../src/pipeline.js';

const args = process.argv.slice(2);
const valuesOnly = args.includes('--values-only');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/data/eval/timex/tempeval3/TimeBank');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.tml'))
  .sort()
  .map((name) => join(dir, name));

const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const around = (text: string, start: number, end: number) =>
  oneLine(
    `${text.slice(Math.max(0, start - 70), start)}[${text.slice(start, end)}]${text.slice(end, end + 50)}`,
  );

/**
 * The cause of a wrong value, read off the two values: the gold left unresolved (X) where we
 * resolved; a different extent; a reference word against a date or duration; a duration against
 * a date; the same kind at another granularity (1988 vs 1988-Q3); else the right granularity but
 * another period (the direction or the reference point).
 */
function causeOf(gold: string, found: string, goldText: string, foundText: string): string {
  const kind = (v: string) =>
    /_REF$/.test(v) ? 'ref' : v.startsWith('P') ? 'duration' : /^X|^\d/.test(v) ? 'date' : 'other';
  const shape = (v: string) => v.replace(/\d/g, '9');
  if (/X/.test(gold) && !/X/.test(found) && kind(gold) === kind(found)) return 'gold unresolved (X)';
  if (goldText.toLowerCase() !== foundText.toLowerCase()) return 'extent differs';
  if (kind(gold) !== kind(found)) return `${kind(gold)} in gold, ${kind(found)} found`;
  if (shape(gold) !== shape(found)) return 'granularity or unit';
  return 'same granularity, other period (direction or reference point)';
}
const causes = new Map<string, number>();

const counts = { value: 0, missed: 0, extra: 0, matched: 0 };
for (const file of files) {
  const parsed = readTimeML(readFileSync(file, 'utf8'), basename(file));
  const dct = dctDate(parsed.dct);
  const times = analyzeDoc(timeMLInput(parsed, file)).times ?? [];
  const relaxed = matchSpans(parsed.timexes, times, 'relaxed');
  const gotGold = new Set(relaxed.pairs.map(([g]) => g));
  const gotFound = new Set(relaxed.pairs.map(([, p]) => p));
  const id = basename(file, '.tml');
  for (const [g, p] of relaxed.pairs) {
    counts.matched++;
    if (g.value === p.value) continue;
    counts.value++;
    const cause = causeOf(g.value, p.value, g.text, p.text);
    causes.set(`${cause}\t${p.rule}`, (causes.get(`${cause}\t${p.rule}`) ?? 0) + 1);
    console.log(
      [
        'VALUE',
        cause,
        p.rule,
        g.value,
        p.value,
        dct,
        `"${g.text}"`,
        `"${p.text}"`,
        id,
        around(parsed.text, g.start, g.end),
      ].join('\t'),
    );
  }
  if (valuesOnly) continue;
  for (const g of parsed.timexes) {
    if (gotGold.has(g)) continue;
    counts.missed++;
    console.log(
      [
        'MISSED',
        '',
        g.type,
        g.value,
        '',
        dct,
        `"${g.text}"`,
        '',
        id,
        around(parsed.text, g.start, g.end),
      ].join('\t'),
    );
  }
  for (const p of times) {
    if (gotFound.has(p)) continue;
    counts.extra++;
    console.log(
      [
        'EXTRA',
        '',
        p.rule,
        '',
        p.value,
        dct,
        '',
        `"${p.text}"`,
        id,
        around(parsed.text, p.start, p.end),
      ].join('\t'),
    );
  }
}
console.log('\nValue errors by cause and rule:');
for (const [key, n] of [...causes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  console.log(`${String(n).padStart(4)}  ${key}`);
console.error(
  `${files.length} documents: ${counts.matched} matched, ${counts.value} wrong values, ${counts.missed} missed, ${counts.extra} extra`,
);
