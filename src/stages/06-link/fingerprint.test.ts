import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bandKeys,
  estimateContainment,
  estimateSimilarity,
  fingerprintText,
  MINHASH,
  minhash,
  pickNearDuplicate,
  shingleHashes,
  signatureBytes,
  signatureFromBytes,
  wordsOf,
} from './fingerprint.js';

const words = (n: number, salt = '') => Array.from({ length: n }, (_, i) => `w${i}${salt}`);

function jaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

test('words ignore case and punctuation; shingles are distinct word 3-grams', () => {
  assert.deepEqual(wordsOf('The U.S.-China talks, 2024!'), ['the', 'u', 's', 'china', 'talks', '2024']);
  assert.equal(shingleHashes(['a', 'b', 'c', 'a', 'b', 'c']).length, 3, 'abc, bca, cab');
  assert.equal(shingleHashes(['a']).length, 1, 'a text shorter than a shingle is one shingle');
  assert.equal(shingleHashes([]).length, 0);
});

test('the MinHash estimate tracks the true Jaccard similarity of the shingle sets', () => {
  const base = words(400);
  for (const changed of [0, 20, 60, 150]) {
    const other = base.map((w, i) =>
      i % Math.max(1, Math.floor(400 / Math.max(changed, 1))) === 0 && changed > 0 ? `${w}x` : w,
    );
    const a = shingleHashes(base);
    const b = shingleHashes(other);
    const estimate = estimateSimilarity(minhash(a), minhash(b));
    // 128 permutations: the standard error is at most 0.045; allow four of them.
    assert.ok(
      Math.abs(estimate - jaccard(a, b)) < 0.18,
      `changed ${changed}: ${estimate} vs ${jaccard(a, b)}`,
    );
  }
  assert.equal(
    estimateSimilarity(minhash(shingleHashes(base)), minhash(shingleHashes(words(400, 'z')))) < 0.05,
    true,
  );
});

test('signatures are the same in every process (fixed seeds) and survive the trip through bytes', () => {
  const a = fingerprintText(words(50).join(' '));
  const b = fingerprintText(words(50).join('  '));
  assert.deepEqual(a.signature, b.signature);
  assert.deepEqual(a.bands, b.bands);
  assert.equal(a.bands.length, MINHASH.bands);
  assert.deepEqual(signatureFromBytes(signatureBytes(a.signature)), a.signature);
  assert.ok(bandKeys(a.signature).every((k) => Number.isSafeInteger(k)));
});

test('a short text gets no bands: it is matched only when its normalised text is equal', () => {
  const short = fingerprintText('Markets closed higher.');
  assert.deepEqual(short.bands, []);
  const candidate = {
    docId: 'x',
    signature: short.signature,
    shingles: short.shingles,
    normalized: 'other',
    original: null,
  };
  assert.equal(pickNearDuplicate(short, [candidate], 0.5), null);
  assert.deepEqual(pickNearDuplicate(short, [{ ...candidate, normalized: short.normalized }], 0.5), {
    originalId: 'x',
    similarity: 1,
    method: 'normalized',
  });
});

test('the best candidate above the threshold wins, and a copy links to its original root', () => {
  const fp = fingerprintText(words(200).join(' '));
  const near = fingerprintText([...words(190), ...words(10, 'q')].join(' '));
  const far = fingerprintText(words(200, 'r').join(' '));
  const picked = pickNearDuplicate(
    fp,
    [
      {
        docId: 'far',
        signature: far.signature,
        shingles: far.shingles,
        normalized: far.normalized,
        original: null,
      },
      {
        docId: 'near',
        signature: near.signature,
        shingles: near.shingles,
        normalized: near.normalized,
        original: 'root',
      },
    ],
    0.5,
  );
  assert.equal(picked?.originalId, 'root');
  assert.equal(picked?.method, 'minhash');
  assert.ok((picked?.similarity ?? 0) > 0.8);
  assert.equal(
    pickNearDuplicate(
      fp,
      [
        {
          docId: 'far',
          signature: far.signature,
          shingles: far.shingles,
          normalized: far.normalized,
          original: null,
        },
      ],
      0.5,
    ),
    null,
  );
});

test('a trimmed copy is contained in its original: containment near 1 where Jaccard is near one half', () => {
  const full = fingerprintText(words(400).join(' '));
  const half = fingerprintText(words(200).join(' '));
  const jaccard = estimateSimilarity(full.signature, half.signature);
  assert.ok(jaccard > 0.35 && jaccard < 0.65, `jaccard ${jaccard}`);
  assert.ok(estimateContainment(half.signature, half.shingles, full.signature, full.shingles) > 0.85);
  const other = fingerprintText(words(200, 'z').join(' '));
  assert.ok(estimateContainment(other.signature, other.shingles, full.signature, full.shingles) < 0.1);
});
