import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { goldenOutput, listGoldenCases } from './golden.js';

const cases = listGoldenCases(process.cwd());

test('golden fixtures exist', () => {
  assert.ok(
    cases.length >= 6,
    `expected the fixtures under test/fixtures/{clean,segment}, found ${cases.length}`,
  );
});

for (const c of cases) {
  test(`fixture ${c.stage}/${c.slug}`, () => {
    const path = join(c.dir, 'expected.json');
    assert.ok(existsSync(path), `${path} is missing: run npx tsx scripts/regenerate-fixtures.ts`);
    const expected = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(JSON.parse(JSON.stringify(goldenOutput(c))), expected);
  });
}
