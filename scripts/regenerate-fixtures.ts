// Rewrites test/fixtures/{clean,segment}/<slug>/expected.json from the current code, so a change in
// behaviour shows up as a diff to review. Run from the repository root: npx tsx scripts/regenerate-fixtures.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenOutput, listGoldenCases } from '../src/stages/03-segment/golden.js';

let changed = 0;
const cases = listGoldenCases(process.cwd());
for (const c of cases) {
  const path = join(c.dir, 'expected.json');
  const next = `${JSON.stringify(goldenOutput(c), null, 2)}\n`;
  let previous = '';
  try {
    previous = readFileSync(path, 'utf8');
  } catch {}
  if (previous !== next) {
    writeFileSync(path, next);
    changed++;
    console.log(`updated ${path}`);
  }
}
console.log(`${cases.length} fixtures, ${changed} updated`);
