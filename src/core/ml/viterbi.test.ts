import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bilouTags, makeTagSet } from './tag-scheme.js';
import { transitionMaxima, viterbi } from './viterbi.js';

// A made-up 6-tag task: random emission and transition scores, decoded exactly and with beams.
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

test('a beam as wide as the tag set decodes exactly; a narrow one gives a valid path', () => {
  const set = makeTagSet('plain', ['A', 'B', 'C', 'D', 'E', 'F']);
  const n = set.tags.length;
  const rnd = random(7);
  for (let trial = 0; trial < 20; trial++) {
    const len = 3 + Math.floor(rnd() * 20);
    const em = Float64Array.from({ length: len * n }, () => rnd() * 4 - 2);
    const trans = Float64Array.from({ length: (n + 1) * n }, () => rnd() * 2 - 1);
    const score = new Float64Array(len * n);
    const back = new Int32Array(len * n);
    const exact = new Int32Array(len);
    const wide = new Int32Array(len);
    const narrow = new Int32Array(len);
    viterbi(em, len, set, trans, score, back, exact);
    viterbi(em, len, set, trans, score, back, wide, 0, n, -1, n);
    viterbi(em, len, set, trans, score, back, narrow, 0, n, -1, 2);
    assert.deepEqual([...wide], [...exact]);
    const total = (path: Int32Array) => {
      let s = 0;
      let prev = n;
      for (let i = 0; i < len; i++) {
        const t = path[i] as number;
        s += (em[i * n + t] as number) + (trans[prev * n + t] as number);
        prev = t;
      }
      return s;
    };
    // The beam never finds a better path than the exact search, and its path is a real one.
    assert.ok(total(narrow) <= total(exact) + 1e-9);
    for (const t of narrow) assert.ok(t >= 0 && t < n);
  }
});

test('exact decoding with the transition bound gives the plain loop’s path to the bit, ties and forbidden transitions included', () => {
  const rnd = random(11);
  for (const [scheme, tags] of [
    ['plain', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']],
    ['bilou', bilouTags(['PER', 'ORG', 'LOC'])],
  ] as const) {
    const set = makeTagSet(scheme, tags);
    const n = set.tags.length;
    for (let trial = 0; trial < 300; trial++) {
      const len = 1 + Math.floor(rnd() * 25);
      // Coarse values (quarters) make equal sums common, so tie-breaking is exercised; some
      // emissions are -Infinity, as fixed tags and forbidden runs make them.
      const coarse = () => Math.round(rnd() * 16 - 8) / 4;
      const em = Float64Array.from({ length: len * n }, () => (rnd() < 0.05 ? -Infinity : coarse()));
      const trans = Float32Array.from({ length: (n + 1) * n }, coarse);
      const before = rnd() < 0.5 ? n : Math.floor(rnd() * n);
      const after = rnd() < 0.5 ? -1 : Math.floor(rnd() * n);
      const score = new Float64Array(len * n);
      const back = new Int32Array(len * n);
      const plain = new Int32Array(len);
      const bounded = new Int32Array(len);
      viterbi(em, len, set, trans, score, back, plain, 0, before, after);
      const plainScores = [...score];
      viterbi(em, len, set, trans, score, back, bounded, 0, before, after, 0, transitionMaxima(set, trans));
      assert.deepEqual([...bounded], [...plain], `trial ${trial} (${scheme})`);
      // Every score the path could be read from is the same too, not only the path.
      assert.deepEqual([...score], plainScores, `trial ${trial} (${scheme}) scores`);
    }
  }
});
