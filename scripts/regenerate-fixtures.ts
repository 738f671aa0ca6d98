// Rewrites test/fixtures/<stage>/<slug>/expected.json from the current code for every stage, keeping
// the right value wherever a known failure is listed, and prints what changed item by item, so a
// change in behaviour is reviewed rather than blessed. Run from the repository root:
//
//   npm run fixtures                      every fixture
//   npm run fixtures -- events time/week  one stage folder, or one case
//   npm run fixtures -- --check           print the changes, write nothing; exit 1 if there are any
//
// How to review the output: test/fixtures/README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  caseName,
  diffLayers,
  formatDifference,
  formatKnown,
  listGoldenCases,
  reviewCase,
  serialise,
} from '../test/support/golden-fixtures.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const cases = listGoldenCases(process.cwd()).filter(
  (c) => only.length === 0 || only.some((o) => o === c.stage.dir || o === caseName(c)),
);
if (cases.length === 0) {
  console.error(`no fixtures match ${only.join(' ')}`);
  process.exit(1);
}

let changed = 0;
let knownCount = 0;
for (const c of cases) {
  const r = reviewCase(c);
  knownCount += r.known.length;
  const path = join(c.dir, 'expected.json');
  const text = serialise(r);
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = [
    ...diffLayers(c.stage.layers, r.expected, r.merged).map(formatDifference),
    ...r.fixed.map((k) => `✓ known failure now right, dropped: ${formatKnown(k, r.expected)}`),
    ...r.drifted.map(({ failure, now }) =>
      'actual' in failure
        ? `! known failure gives something else: ${formatKnown(failure, r.expected, r.actual)} → now ${JSON.stringify(now)}`
        : `! known failure recorded: ${formatKnown({ ...failure, actual: now }, r.expected, r.actual)}`,
    ),
  ];
  if (text === previous) continue;
  changed++;
  if (lines.length === 0) lines.push('(same items; order or layout changed)');
  console.log(
    `${r.existed ? 'changed' : 'new'} ${caseName(c)}${check ? '' : ` → ${relative(process.cwd(), path)}`}`,
  );
  for (const line of lines) console.log(`  ${line}`);
  if (!check) writeFileSync(path, text);
}
console.log(
  `${cases.length} fixtures, ${changed} ${check ? 'would change' : 'updated'}, ${knownCount} known failures` +
    (changed > 0
      ? '. Read every line above: a change that is wrong is a bug to fix or a known failure to list.'
      : ''),
);
if (check && changed > 0) process.exit(1);
