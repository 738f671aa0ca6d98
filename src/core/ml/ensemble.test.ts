import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClassifierEnsemble, chooseL2, trainEnsemble } from './ensemble.js';
import { TextClassifier, textFeatures, trainClassifier } from './text-classifier.js';

const fight = ['troops shelled the town', 'rebels attacked an army post', 'soldiers fired on the convoy'];
const talk = [
  'the ministers met for talks',
  'leaders held talks in the capital',
  'the envoys met to discuss',
];
const examples = [
  ...fight.map((t) => ({ features: textFeatures(t), label: 'fight' })),
  ...talk.map((t) => ({ features: textFeatures(t), label: 'talk' })),
];

test('an ensemble averages its members’ probabilities and classifies unseen sentences', () => {
  const ensemble = trainEnsemble(examples, { epochs: 20 }, [1, 2, 3]);
  assert.equal(ensemble.members.length, 3);
  const x = textFeatures('the army shelled a village');
  assert.equal(ensemble.classify(x).label, 'fight');
  assert.equal(ensemble.classify(textFeatures('they met for more talks')).label, 'talk');
  const p = ensemble.probabilities(x);
  const mean = ensemble.members.map((m) => m.probabilities(x)[0] as number).reduce((a, b) => a + b, 0) / 3;
  assert.ok(Math.abs((p[0] as number) - mean) < 1e-12);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('an ensemble refuses members with different labels', () => {
  const a = new TextClassifier(trainClassifier(examples));
  const b = new TextClassifier(trainClassifier([...examples, { features: ['w:x'], label: 'other' }]));
  assert.throws(() => new ClassifierEnsemble([a, b]), /different labels/);
  assert.throws(() => new ClassifierEnsemble([]), /no members/);
});

test('chooseL2 predicts every example from inner folds that leave it out and keeps the best-scored penalty', () => {
  const many = Array.from({ length: 40 }, (_, i) => ({
    features: textFeatures(i % 2 ? `troops shelled town ${i}` : `ministers met for talks ${i}`),
    label: i % 2 ? 'fight' : 'talk',
  }));
  const groups = many.map((_, i) => String(i));
  const accuracy = (g: readonly string[], p: readonly string[]) =>
    g.filter((x, i) => x === p[i]).length / g.length;
  const s = chooseL2(many, groups, [1e-4, 1e-3], { epochs: 5 }, [1], accuracy);
  assert.deepEqual(s.scores, [1, 1]);
  assert.equal(s.l2, 1e-4, 'a tie keeps the first candidate');
  // The score of each candidate decides: here the second and then the third candidate scores best.
  const seen: number[] = [];
  const byCall = (values: number[]) => (g: readonly string[], p: readonly string[]) => {
    assert.equal(p.length, g.length);
    assert.ok(
      p.every((x) => x === 'fight' || x === 'talk'),
      'every example has a held-out label',
    );
    seen.push(seen.length);
    return values[seen.length - 1] as number;
  };
  assert.equal(
    chooseL2(many, groups, [1e-4, 1e-3, 1e-2], { epochs: 2 }, [1], byCall([0.2, 0.9, 0.5])).l2,
    1e-3,
  );
  assert.equal(
    chooseL2(many, groups, [1e-4, 1e-3, 1e-2], { epochs: 2 }, [1], byCall([0, 0, 0, 0.1, 0.2, 0.3])).l2,
    1e-2,
  );
});
