import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bilouTags, decodeBilou, encodeBilou, makeTagSet } from './tag-scheme.js';

const set = makeTagSet('bilou', bilouTags(['PER', 'LOC']));
const index = (t: string) => set.tags.indexOf(t);

test('BILOU encodes spans and decodes them back', () => {
  const spans = [
    { from: 0, to: 2, type: 'PER' },
    { from: 3, to: 4, type: 'LOC' },
    { from: 5, to: 8, type: 'PER' },
  ];
  const tags = encodeBilou(set, 9, spans);
  assert.deepEqual(
    [...tags].map((t) => set.tags[t]),
    ['B-PER', 'L-PER', 'O', 'U-LOC', 'O', 'B-PER', 'I-PER', 'L-PER', 'O'],
  );
  assert.deepEqual(decodeBilou(set, tags), spans);
});

test('transitions that do not spell a span are forbidden', () => {
  const n = set.tags.length;
  const ok = (a: string, b: string) => set.allowed[(a === 'START' ? n : index(a)) * n + index(b)] === 1;
  assert.ok(ok('START', 'B-PER'));
  assert.ok(!ok('START', 'I-PER'));
  assert.ok(!ok('O', 'L-PER'));
  assert.ok(ok('B-PER', 'I-PER'));
  assert.ok(!ok('B-PER', 'L-LOC'));
  assert.ok(!ok('B-PER', 'O'));
  assert.ok(ok('L-PER', 'U-LOC'));
  assert.equal(set.final[index('B-PER')], 0);
  assert.equal(set.final[index('U-LOC')], 1);
  const plain = makeTagSet('plain', ['NN', 'VB']);
  assert.ok(plain.allowed.every((x) => x === 1));
});

test('a broken sequence still decodes to spans', () => {
  const tags = [index('I-PER'), index('L-PER'), index('B-LOC')];
  assert.deepEqual(decodeBilou(set, tags), [
    { from: 0, to: 2, type: 'PER' },
    { from: 2, to: 3, type: 'LOC' },
  ]);
});
