import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FIXTURE_STAGES, type GoldenCase, goldenOutput, reviewCase } from './golden-fixtures.js';

// The comparison the fixture test and `npm run fixtures` share: differences are found item by item,
// a known failure keeps the right value in expected.json, and one that no longer fails is noticed.

const root = mkdtempSync(join(tmpdir(), 'tidings-golden-'));
after(() => rmSync(root, { recursive: true, force: true }));
const stage = FIXTURE_STAGES.find((s) => s.dir === 'time');
assert.ok(stage);

let n = 0;
function makeCase(input: string, expected?: unknown): GoldenCase {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'input.txt'), input);
  writeFileSync(join(dir, 'source.json'), '{ "published": "2024-05-16" }');
  if (expected !== undefined) writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));
  return { stage: stage as NonNullable<typeof stage>, slug: `case-${n}`, dir };
}

const input = 'The talks began on Monday and ended on Wednesday.';
type Time = { start: number; end: number; text: string; value: string };
const output = goldenOutput(makeCase(input)) as { diagnostics: unknown[]; times: Time[] };
const [monday, wednesday] = output.times as [Time, Time];

test('the output carries surfaces and resolved values', () => {
  assert.equal(monday.text, 'Monday');
  assert.equal(monday.value, '2024-05-13');
  assert.equal(wednesday.value, '2024-05-15');
});

test('an output equal to expected.json has nothing to report', () => {
  const r = reviewCase(makeCase(input, output));
  assert.deepEqual([r.unexpected, r.known, r.fixed, r.drifted], [[], [], [], []]);
  assert.deepEqual(r.merged, r.expected);
});

test('a changed field, a missing item and a new item are each reported', () => {
  const expected = {
    diagnostics: [],
    times: [
      { ...monday, value: '2024-05-20' },
      { ...wednesday, start: 0, end: 3 },
    ],
  };
  const r = reviewCase(makeCase(input, expected));
  assert.deepEqual(
    r.unexpected.map((d) => [d.kind, d.key, d.field ?? null, d.actual === null ? null : 'x']),
    [
      ['changed', `${monday.start}:${monday.end}`, 'value', 'x'],
      ['missing', '0:3', null, null],
      ['new', `${wednesday.start}:${wednesday.end}`, null, 'x'],
    ],
  );
});

test('a known failure keeps the right value in expected.json and records what the code gives', () => {
  const key = `${monday.start}:${monday.end}`;
  const failure = { layer: 'times', key, field: 'value', reason: 'test', actual: '2024-05-13' };
  const expected = {
    'known-failures': [failure],
    diagnostics: [],
    times: [{ ...monday, value: '2024-05-20' }, wednesday],
  };
  const r = reviewCase(makeCase(input, expected));
  assert.deepEqual(r.unexpected, []);
  assert.deepEqual(r.drifted, []);
  assert.deepEqual(
    r.known.map((k) => k.failure),
    [failure],
  );
  assert.deepEqual(r.merged, r.expected, 'regenerating keeps the right value');
  // Wrong in another way: reported, and the new wrong value is what the script would record.
  const drifted = reviewCase(
    makeCase(input, { ...expected, 'known-failures': [{ ...failure, actual: '2024-05-06' }] }),
  );
  assert.deepEqual(
    drifted.drifted.map((d) => d.now),
    ['2024-05-13'],
  );
  // A failure listed where the code is right is reported as fixed, and dropped on regeneration.
  const fixed = reviewCase(makeCase(input, { ...output, 'known-failures': [failure] }));
  assert.deepEqual(fixed.fixed, [failure]);
  assert.equal(fixed.next['known-failures'], undefined);
});

test('a known missing item stays in place and a known extra item stays out', () => {
  const missing = { start: 0, end: 3, text: 'The', value: 'X', granularity: 'day', type: 'DATE', rule: 'r' };
  const expected = {
    'known-failures': [
      { layer: 'times', key: '0:3', reason: 'never found', actual: null },
      { layer: 'times', key: `${wednesday.start}:${wednesday.end}`, reason: 'not a time', actual: wednesday },
    ],
    diagnostics: [],
    times: [missing, monday],
  };
  const r = reviewCase(makeCase(input, expected));
  assert.deepEqual([r.unexpected, r.fixed, r.drifted], [[], [], []]);
  assert.deepEqual(r.merged, r.expected);
});
