import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPieces } from './json-pieces.js';

test('joined, the pieces are what JSON.stringify returns, at any depth and indent', () => {
  const values: unknown[] = [
    {
      a: 1,
      b: [1, 2, { c: [] }],
      d: {},
      e: undefined,
      f: () => 1,
      g: null,
      h: 'two\nlines "quoted"',
      i: [undefined, () => 2, Number.NaN, Number.POSITIVE_INFINITY],
      j: new Date(0),
      k: [[1, [2, [3]]]],
      'key with "quotes"': true,
    },
    [],
    {},
    'a string',
    5,
    null,
    [{}],
    [[]],
    { x: { y: { z: { w: [1, { q: 2 }] } } } },
    { deep: { deeper: { list: Array.from({ length: 300 }, (_, i) => ({ i })) } } },
  ];
  for (const value of values) {
    for (const indent of [0, 2, 4]) {
      for (const depth of [0, 1, 2, 3, 9]) {
        assert.equal(
          [...jsonPieces(value, indent, depth)].join(''),
          JSON.stringify(value, null, indent),
          JSON.stringify({ value, indent, depth }),
        );
      }
    }
  }
});

test('a value JSON leaves out gives no pieces', () => {
  assert.deepEqual([...jsonPieces(undefined)], []);
  assert.deepEqual([...jsonPieces(() => 1)], []);
});

test('a long list comes out one element at a time, never as one string, however deep', () => {
  const mentions = Array.from({ length: 1000 }, (_, i) => ({ i, text: 'x'.repeat(50) }));
  const value = { items: [{ id: 'a', mentions }] };
  const pieces = [...jsonPieces(value)];
  const whole = JSON.stringify(value, null, 2);
  assert.equal(pieces.join(''), whole);
  assert.ok(pieces.length > 1000);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 200);
});
