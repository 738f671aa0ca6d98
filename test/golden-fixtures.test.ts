import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { documentStages } from '../src/pipeline.js';
import {
  caseName,
  FIXTURE_STAGES,
  formatDifference,
  formatKnown,
  listGoldenCases,
  reviewCase,
} from './support/golden-fixtures.js';

// Every golden fixture under test/fixtures/<stage>/<slug>/ (test/fixtures/README.md): the output must
// match expected.json except where a listed known failure says why it does not, and each known
// failure is printed on every run.

const cases = listGoldenCases(process.cwd());

test('every document stage has golden fixtures', () => {
  const covered = new Set(FIXTURE_STAGES.map((s) => s.stage));
  assert.deepEqual(
    documentStages.map((s) => s.name).filter((name) => !covered.has(name)),
    [],
    'a document stage with no fixture folder in FIXTURE_STAGES (test/support/golden-fixtures.ts)',
  );
  for (const stage of FIXTURE_STAGES) {
    const n = cases.filter((c) => c.stage === stage).length;
    assert.ok(n >= 3, `test/fixtures/${stage.dir}: ${n} cases, expected at least 3`);
  }
});

const howTo =
  'If the new output is right, run `npm run fixtures` and review the diff it prints; if it is wrong, fix the ' +
  'stage or record a known failure (test/fixtures/README.md).';

for (const c of cases) {
  test(`fixture ${caseName(c)}`, (t) => {
    const r = reviewCase(c);
    assert.ok(
      r.existed,
      `${caseName(c)}/expected.json is missing: run npm run fixtures, then check it by hand`,
    );
    for (const { failure } of r.known)
      t.diagnostic(`known failure: ${formatKnown(failure, r.expected, r.actual)}`);
    const problems = [
      ...r.unexpected.map(formatDifference),
      ...r.fixed.map((k) => `known failure now right (drop it): ${formatKnown(k, r.expected)}`),
      ...r.drifted.map(
        ({ failure, now }) =>
          `known failure gives something else now: ${formatKnown(failure, r.expected, r.actual)} → ${JSON.stringify(now)}`,
      ),
    ];
    if (problems.length === 0 && !isDeepStrictEqual(r.merged, r.expected)) {
      problems.push('the same items, in another order');
    }
    assert.ok(
      problems.length === 0,
      `${caseName(c)} differs from expected.json:\n  ${problems.join('\n  ')}\n${howTo}`,
    );
  });
}
