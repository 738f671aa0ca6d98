import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bcubed } from './clusters.js';

test('B-cubed: perfect clusters score 1; one cluster for all keeps recall and loses precision', () => {
  const gold = ['a', 'a', 'b', 'b', 'b', 'c'];
  assert.deepEqual(bcubed(gold, [1, 1, 2, 2, 2, 3]), { precision: 1, recall: 1, f1: 1 });
  const lumped = bcubed(gold, [1, 1, 1, 1, 1, 1]);
  assert.equal(lumped.recall, 1);
  // Each item's cluster holds 6; of its own story a: 2, b: 3, c: 1 → (2·2 + 3·3 + 1·1) / 6 / 6.
  assert.ok(Math.abs(lumped.precision - 14 / 36) < 1e-12);
});

test('B-cubed: singletons keep precision and lose recall; cluster names never matter', () => {
  const gold = ['a', 'a', 'b', 'b'];
  const split = bcubed(gold, [1, 2, 3, 4]);
  assert.equal(split.precision, 1);
  assert.equal(split.recall, 0.5);
  assert.deepEqual(bcubed(gold, ['x', 'x', 'y', 'y']), bcubed(gold, [7, 7, 2, 2]));
  assert.deepEqual(bcubed([], []), { precision: 0, recall: 0, f1: 0 });
});
