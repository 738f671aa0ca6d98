import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossValidate, foldsOf, TextClassifier, textFeatures, trainClassifier } from './text-classifier.js';

const examples = [
  ['troops shelled the town overnight', 'fight'],
  ['rebels attacked an army post', 'fight'],
  ['soldiers fired on the convoy', 'fight'],
  ['the ministers met for talks', 'talk'],
  ['leaders held talks in the capital', 'talk'],
  ['the envoys met to discuss trade', 'talk'],
  ['the striker scored twice in the match', 'none'],
  ['shares rose on the stock market', 'none'],
  ['the film opened to good reviews', 'none'],
].map(([text, label]) => ({ features: textFeatures(text as string), label: label as string }));

test('text features: lowercase words and word pairs, bounded', () => {
  assert.deepEqual(textFeatures('Troops SHELLED it'), [
    'w:troops',
    's:troop',
    'w:shelled',
    's:shell',
    'b:troops_shelled',
    'w:it',
    'b:shelled_it',
  ]);
  assert.equal(textFeatures('a '.repeat(10_000), 50).length, 99);
});

test('the classifier learns words that separate labels and generalises to unseen sentences', () => {
  const model = new TextClassifier(trainClassifier(examples, { epochs: 30 }));
  assert.equal(model.classify(textFeatures('the army shelled a village')).label, 'fight');
  assert.equal(model.classify(textFeatures('they met for more talks')).label, 'talk');
  const p = model.probabilities(textFeatures('rebels attacked'));
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('training is deterministic for a seed, and the model round-trips through JSON', () => {
  const a = trainClassifier(examples, { seed: 3 });
  const b = trainClassifier(examples, { seed: 3 });
  assert.deepEqual(a, b);
  const loaded = new TextClassifier(JSON.parse(JSON.stringify(a)));
  assert.equal(loaded.classify(textFeatures('troops attacked')).label, 'fight');
  assert.throws(() => new TextClassifier({ ...a, bias: [] }), /rebuild it/);
});

test('k-fold: a group stays in one fold, and every item is predicted by a model that never saw it', () => {
  const groups = ['d1', 'd1', 'd2', 'd3', 'd3', 'd4', 'd5', 'd6', 'd7'];
  const folds = foldsOf(groups, 3);
  assert.equal(folds[0], folds[1]);
  assert.equal(folds[3], folds[4]);
  assert.deepEqual([...new Set(folds)].sort(), [0, 1, 2]);
  // Labels unique to one item cannot be predicted for it out of fold: proof it was held out.
  const unique = examples.map((e, i) => ({ ...e, label: `only-${i}` }));
  const predicted = crossValidate(unique, folds, 3, (e) => e);
  predicted.forEach((p, i) => {
    assert.notEqual(p.label, `only-${i}`);
  });
});

test('balanced training lifts a rare label that plain training leaves under the frequent one', () => {
  const rare = { features: ['w:shared', 'w:rare'], label: 'rare' };
  const common = Array.from({ length: 30 }, () => ({ features: ['w:shared'], label: 'common' }));
  const data = [rare, ...common];
  const pRare = (balanced: boolean) => {
    const m = new TextClassifier(trainClassifier(data, { balanced, epochs: 5 }));
    return m.probabilities(['w:shared'])[m.labels.indexOf('rare')] as number;
  };
  assert.ok(pRare(true) > 2 * pRare(false), `${pRare(true)} vs ${pRare(false)}`);
});
