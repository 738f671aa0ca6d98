import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRemoved, type Removed } from './doc.js';

function removedSpans(spans: [number, number][]): Removed[] {
  return spans.map(([start, end]) => ({ start, end, reason: 'boilerplate', rule: 'test:removed' }));
}

test('isRemoved: a span overlaps a removed span when they share a code unit', () => {
  const removed = removedSpans([
    [5, 10],
    [20, 20],
    [30, 40],
  ]);
  assert.equal(isRemoved(removed, 0, 5), false, 'ends where a removed span starts');
  assert.equal(isRemoved(removed, 10, 15), false, 'starts where a removed span ends');
  assert.equal(isRemoved(removed, 9, 11), true);
  assert.equal(isRemoved(removed, 0, 100), true, 'covers several');
  assert.equal(isRemoved(removed, 32, 33), true, 'inside one');
  assert.equal(isRemoved(removed, 41, 50), false, 'after the last');
  assert.equal(isRemoved(removed, 7, 7), true, 'an empty span inside a removed one');
  assert.equal(isRemoved([], 0, 10), false);
  assert.equal(isRemoved(undefined, 0, 10), false);
});

test('isRemoved agrees with a scan of every removed span, on random layouts', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const spans: [number, number][] = [];
    for (let at = random(5); at < 200; at += 1 + random(12)) {
      const end = at + random(8);
      spans.push([at, end]);
      at = end;
    }
    const removed = removedSpans(spans);
    for (let k = 0; k < 50; k++) {
      const start = random(210);
      const end = start + random(15);
      const scanned = removed.some((r) => r.start < end && r.end > start);
      assert.equal(isRemoved(removed, start, end), scanned, `[${start}, ${end}) in ${JSON.stringify(spans)}`);
    }
  }
});
