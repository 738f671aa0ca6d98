// The long fuzz campaign (issue 10, item 6): `npm run fuzz [-- --cases N] [--seed S] [--minutes M]`.
// Feeds every stage hostile text and bytes (test/fuzz/properties.ts), and JSONL lines to the reader,
// until N cases or M minutes; counts cases, crashes (a throw, a stage failure, a span outside the text,
// a rejection without a diagnostic) and hangs (a stage past the fuzz time budget). Each finding is
// printed with its seed and shrunk input so it can be replayed; the exit code is 1 if any was found.
// The last campaign's figures are in docs/reliability.md.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import {
  anyBytes,
  anyText,
  checkInput,
  checkJsonlLine,
  Finding,
  jsonlLines,
  newsyText,
  repeatedPiece,
} from '../test/fuzz/properties.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    minutes: { type: 'string', default: '60' },
  },
});
const totalCases = Number(args.cases);
const deadline = Date.now() + Number(args.minutes) * 60_000;
let seed = args.seed === undefined ? Date.now() % 2 ** 31 : Number(args.seed);

const properties: { name: string; weight: number; property: () => fc.IProperty<[unknown]> }[] = [
  { name: 'any text', weight: 3, property: () => fc.property(anyText(2_000), (t) => checkInput(t)) },
  { name: 'news-like text', weight: 4, property: () => fc.property(newsyText(1_500), (t) => checkInput(t)) },
  {
    name: 'repeated piece',
    weight: 2,
    property: () => fc.property(repeatedPiece(20_000), (t) => checkInput(t)),
  },
  { name: 'any bytes', weight: 2, property: () => fc.property(anyBytes(4_000), (b) => checkInput(b)) },
  {
    name: 'JSONL line',
    weight: 1,
    property: () => fc.property(jsonlLines(), (l) => checkJsonlLine(new TextEncoder().encode(l))),
  },
];

interface Tally {
  cases: number;
  crashes: number;
  hangs: number;
  ms: number;
}
const tallies = new Map(properties.map((p) => [p.name, { cases: 0, crashes: 0, hangs: 0, ms: 0 } as Tally]));
const findings: string[] = [];
const batch = 50;
let done = 0;
const started = Date.now();

outer: while (done < totalCases && Date.now() < deadline) {
  for (const p of properties) {
    const runs = Math.min(batch * p.weight, totalCases - done);
    if (runs <= 0 || Date.now() >= deadline) break outer;
    const tally = tallies.get(p.name) as Tally;
    const t0 = Date.now();
    const result = fc.check(p.property(), { numRuns: runs, seed });
    tally.ms += Date.now() - t0;
    tally.cases += result.numRuns;
    done += result.numRuns;
    if (result.failed) {
      const error = result.errorInstance;
      const kind = error instanceof Finding ? error.kind : 'crash';
      if (kind === 'hang') tally.hangs++;
      else tally.crashes++;
      const example = JSON.stringify(result.counterexample)?.slice(0, 300);
      findings.push(
        `${p.name}: ${kind} (seed ${seed}, path ${result.counterexamplePath}): ${String(error instanceof Error ? error.message : error).slice(0, 300)}\n  input: ${example}`,
      );
    }
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  }
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`fuzz campaign: ${done} cases in ${minutes} min (first seed ${args.seed ?? 'from the clock'})`);
console.log('| property | cases | crashes | hangs | ms/case |');
console.log('|---|---|---|---|---|');
for (const [name, t] of tallies) {
  console.log(
    `| ${name} | ${t.cases} | ${t.crashes} | ${t.hangs} | ${t.cases ? (t.ms / t.cases).toFixed(1) : '–'} |`,
  );
}
for (const f of findings) console.log(f);
process.exitCode = findings.length > 0 ? 1 : 0;
