import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { hashString, tokenizeSentences } from '../tokens.js';
import { caseBucket, DocumentFeatures, MAX_FEATURES } from './features.js';
import { parseCaseProfile } from './model-files.js';

function layer(sentences: string[]) {
  const text = sentences.join('\n');
  const ranges: { start: number; end: number }[] = [];
  let at = 0;
  for (const s of sentences) {
    ranges.push({ start: at, end: at + s.length });
    at += s.length + 1;
  }
  return tokenizeSentences(text, ranges);
}

function keys(f: DocumentFeatures, i: number, s: number): Set<number> {
  const from = f.tokens.sentenceFirst[s] as number;
  const to = f.tokens.sentenceFirst[s + 1] as number;
  const out = new Int32Array(MAX_FEATURES);
  const n = f.extract(i, s, from, to, out, 0);
  return new Set(out.subarray(0, n));
}

test('caseBucket: rare words apart, then the lowercase share in five steps', () => {
  assert.equal(caseBucket(2, 1), 1);
  assert.equal(caseBucket(0, 23), 2);
  assert.equal(caseBucket(2, 8), 3);
  assert.equal(caseBucket(5, 5), 4);
  assert.equal(caseBucket(9, 1), 5);
  assert.equal(caseBucket(536, 3), 6);
});

test('parseCaseProfile keys the buckets by the token hash and skips broken lines', () => {
  const gz = gzipSync('besides\t8\t0\nputin\t0\t23\nbroken line\n\tnothing\n');
  const profile = parseCaseProfile(gz);
  assert.equal(profile.size, 2);
  assert.equal(profile.get(hashString('besides')), caseBucket(8, 0));
  assert.equal(profile.get(hashString('putin')), caseBucket(0, 23));
});

test('fragments: a lone title, a headline among sentences, a sentence', () => {
  const alone = new DocumentFeatures(layer(['Sioux Falls Arena ( Sioux Falls , South Dakota )']), {
    fragments: true,
  });
  assert.deepEqual([...(alone.fragment ?? [])], [1]);
  const article = new DocumentFeatures(
    layer(['Cautious Stimulus', 'Putin arrived in China.', 'He said: "We agree!"', 'Why?']),
    { fragments: true },
  );
  assert.deepEqual([...(article.fragment ?? [])], [3, 2, 2, 2]);
  // Without the resource nothing is computed (models trained without it see the same keys).
  assert.equal(new DocumentFeatures(layer(['Cautious Stimulus'])).fragment, undefined);
});

test('the same capitalised first word yields different keys by its case elsewhere', () => {
  const profile = new Map([
    [hashString('besides'), caseBucket(8, 0)],
    [hashString('putin'), caseBucket(0, 23)],
  ]);
  const a = new DocumentFeatures(layer(['Besides Xi , Putin met him .']), { caseProfile: profile });
  const b = new DocumentFeatures(layer(['Putin met him .']), { caseProfile: profile });
  const plain = new DocumentFeatures(layer(['Besides Xi , Putin met him .']));
  const besides = keys(a, 0, 0);
  const putin = keys(b, 0, 0);
  const without = keys(plain, 0, 0);
  // With the profile the word has keys it lacks without one, and they differ from Putin's.
  const extra = [...besides].filter((k) => !without.has(k));
  assert.ok(extra.length > 0);
  assert.ok(extra.every((k) => !putin.has(k)));
});

test('extractOwn and extractContext together write the keys extract writes, every template included', () => {
  const tokens = layer([
    'JAPAN SAYS U.S. TALKS FAIL',
    'Mr O’Brien of the Bank of England met 1,200 workers in São Paulo on 1996-08-22, al-Qaeda said.',
    'Besides, the bank’s chief (Ana Lima) was unhappy',
  ]);
  const clusters = new Map([
    [hashString('bank'), 3 | (4 << 10) | (5 << 20)],
    [hashString('workers'), 7 | (8 << 10) | (9 << 20)],
    [hashString('said'), 11 | (12 << 10) | (13 << 20)],
  ]);
  const caseProfile = new Map([[hashString('besides'), 6]]);
  const f = new DocumentFeatures(tokens, { clusters, caseProfile, fragments: true });
  assert.equal(f.splitsOwnKeys, true);
  const out = new Int32Array(MAX_FEATURES);
  let compared = 0;
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    for (let i = from; i < to; i++) {
      const whole = [...out.subarray(0, f.extract(i, s, from, to, out, 0))].sort();
      const own = f.extractOwn(i, out, 0);
      const both = f.extractContext(i, s, from, to, out, own);
      assert.deepEqual([...out.subarray(0, both)].sort(), whole, `token ${i} of sentence ${s}`);
      compared++;
    }
  }
  assert.ok(compared > 40);
  // A subclass with features of its own scores through its extract.
  class Own extends DocumentFeatures {
    override extract(i: number, s: number, from: number, to: number, o: Int32Array, at: number): number {
      return super.extract(i, s, from, to, o, at);
    }
  }
  assert.equal(new Own(tokens).splitsOwnKeys, false);
});
