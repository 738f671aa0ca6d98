import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from './doc.js';
import { bucketBySpan, firstEndingAfter, firstStartingAfter, firstStartingFrom } from './spans.js';

const sentences: Span[] = [
  { start: 0, end: 10 },
  { start: 12, end: 20 },
  { start: 21, end: 30 },
];

test('within: an item goes to the sentence that contains it, and nowhere if it straddles two', () => {
  const items = [
    { start: 2, end: 5, id: 'a' },
    { start: 12, end: 20, id: 'b' },
    { start: 8, end: 14, id: 'straddles' },
    { start: 25, end: 29, id: 'c' },
    { start: 10, end: 12, id: 'gap' },
  ];
  const buckets = bucketBySpan(sentences, items, 'within');
  assert.deepEqual(
    sentences.map((_, i) => (buckets.get(i) ?? []).map((x) => x.id)),
    [['a'], ['b'], ['c']],
  );
});

test('overlap: an item spanning several sentences is in each of them', () => {
  const items = [
    { start: 5, end: 25, id: 'long quote' },
    { start: 20, end: 21, id: 'between' },
    { start: 29, end: 40, id: 'tail' },
  ];
  const buckets = bucketBySpan(sentences, items, 'overlap');
  assert.deepEqual(
    sentences.map((_, i) => (buckets.get(i) ?? []).map((x) => x.id)),
    [['long quote'], ['long quote'], ['long quote', 'tail']],
  );
});

test('matches a brute-force scan on random spans', () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 16807) % 2147483647;
    return seed % n;
  };
  const containers: Span[] = [];
  for (let at = 0; at < 2000; ) {
    const start = at + rnd(3);
    const end = start + 1 + rnd(40);
    containers.push({ start, end });
    at = end;
  }
  const items = Array.from({ length: 500 }, () => {
    const start = rnd(2100);
    return { start, end: start + 1 + rnd(60) };
  });
  for (const mode of ['within', 'overlap'] as const) {
    const buckets = bucketBySpan(containers, items, mode);
    const fast = containers.map((_, i) => buckets.get(i) ?? []);
    const slow = containers.map((c) =>
      items.filter((x) =>
        mode === 'within' ? x.start >= c.start && x.end <= c.end : x.start < c.end && x.end > c.start,
      ),
    );
    assert.deepEqual(fast, slow, mode);
  }
});

test('firstEndingAfter finds the first container that ends after an offset', () => {
  assert.equal(firstEndingAfter(sentences, 0), 0);
  assert.equal(firstEndingAfter(sentences, 10), 1);
  assert.equal(firstEndingAfter(sentences, 29), 2);
  assert.equal(firstEndingAfter(sentences, 30), 3);
});

test('only containers that get an item have a bucket', () => {
  const many = Array.from({ length: 100_000 }, (_, i) => ({ start: 2 * i, end: 2 * i + 1 }));
  const buckets = bucketBySpan(many, [{ start: 500, end: 501 }], 'within');
  assert.equal(buckets.size, 1);
  assert.deepEqual(buckets.get(250), [{ start: 500, end: 501 }]);
});

test('first span starting after, and at or after, an offset', () => {
  const spans: Span[] = [
    { start: 0, end: 3 },
    { start: 5, end: 8 },
    { start: 5, end: 9 },
    { start: 12, end: 14 },
  ];
  assert.equal(firstStartingFrom(spans, 5), 1);
  assert.equal(firstStartingAfter(spans, 5), 3);
  assert.equal(firstStartingFrom(spans, 6), 3);
  assert.equal(firstStartingFrom(spans, 0), 0);
  assert.equal(firstStartingFrom(spans, 20), 4);
  assert.equal(firstStartingFrom([], 1), 0);
});
