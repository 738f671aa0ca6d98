import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy, macroPrf, matchSpans, microPrf, prf, wilsonInterval } from './metrics.js';

test('prf computes precision, recall and F1, and 0 rather than NaN on empty counts', () => {
  const s = prf({ tp: 3, fp: 1, fn: 2 });
  assert.equal(s.precision, 0.75);
  assert.equal(s.recall, 0.6);
  assert.ok(Math.abs(s.f1 - (2 * 0.75 * 0.6) / 1.35) < 1e-12);
  assert.deepEqual(prf({ tp: 0, fp: 0, fn: 0 }), { precision: 0, recall: 0, f1: 0 });
});

test('micro sums counts, macro averages per-class scores', () => {
  const a = { tp: 9, fp: 1, fn: 0 };
  const b = { tp: 0, fp: 0, fn: 10 };
  assert.equal(microPrf([a, b]).recall, 9 / 19);
  const macro = macroPrf({ a, b });
  assert.equal(macro.recall, (1 + 0) / 2);
  assert.equal(macro.classes.a?.precision, 0.9);
  assert.equal(macroPrf({}).f1, 0);
});

test('accuracy', () => {
  assert.equal(accuracy(1, 4), 0.25);
  assert.equal(accuracy(0, 0), 0);
});

test('strict span matching needs identical offsets', () => {
  const gold = [
    { start: 0, end: 5 },
    { start: 10, end: 20 },
  ];
  const pred = [
    { start: 0, end: 5 },
    { start: 12, end: 20 },
  ];
  const m = matchSpans(gold, pred, 'strict');
  assert.deepEqual(m.counts, { tp: 1, fp: 1, fn: 1 });
  assert.deepEqual(m.unmatchedGold, [{ start: 10, end: 20 }]);
});

test('relaxed matching is one-to-one and prefers the best overlap', () => {
  const gold = [
    { start: 0, end: 10, id: 'g1' },
    { start: 10, end: 14, id: 'g2' },
  ];
  // p1 overlaps both gold spans; p2 overlaps only g1, but better.
  const pred = [
    { start: 5, end: 14, id: 'p1' },
    { start: 0, end: 9, id: 'p2' },
  ];
  const m = matchSpans(gold, pred, 'relaxed');
  assert.deepEqual(
    m.pairs.map(([g, p]) => `${g.id}-${p.id}`),
    ['g1-p2', 'g2-p1'],
  );
  assert.deepEqual(m.counts, { tp: 2, fp: 0, fn: 0 });
  assert.equal(matchSpans([{ start: 0, end: 3 }], [{ start: 3, end: 6 }], 'relaxed').counts.tp, 0);
});

test('the Wilson interval holds the proportion, stays in [0, 1] and narrows with n', () => {
  const small = wilsonInterval(5, 2017);
  assert.ok(small.low < 5 / 2017 && 5 / 2017 < small.high);
  // Each bound is a p whose score test sits exactly at z: |p̂ − p| = z·√(p(1 − p)/n).
  for (const bound of [small.low, small.high]) {
    const score = Math.abs(5 / 2017 - bound) / Math.sqrt((bound * (1 - bound)) / 2017);
    assert.ok(Math.abs(score - 1.96) < 1e-9, `score ${score}`);
  }
  const zero = wilsonInterval(0, 100);
  assert.equal(zero.low, 0);
  assert.ok(zero.high > 0 && zero.high < 0.05);
  assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 1 });
  const wide = wilsonInterval(50, 100);
  const narrow = wilsonInterval(500, 1000);
  assert.ok(narrow.high - narrow.low < wide.high - wide.low);
});
