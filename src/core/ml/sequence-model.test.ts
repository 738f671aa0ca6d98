import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeLines } from '../../../test/support/line-layer.js';
import { DocumentFeatures } from './features.js';
import { FixedTags } from './fixed-tags.js';
import { modelToBytes, Scratch, SequenceModel } from './sequence-model.js';
import { bilouTags, decodeBilou, encodeBilou, makeTagSet } from './tag-scheme.js';
import { prune, type TrainingSentence, trainPerceptron } from './train-perceptron.js';

/**
 * A toy task the perceptron must learn from a few sentences: a capitalised word after "met" is
 * a person, after "in" a place. Then the model goes through its file format and must tag the
 * same way after loading.
 */
const set = makeTagSet('bilou', bilouTags(['PER', 'LOC']));
const people = ['Anna', 'Boris', 'Chen', 'Dara', 'Emil', 'Fatou', 'Goran', 'Hana'];
const places = ['Oslo', 'Lima', 'Kyiv', 'Hanoi', 'Dakar', 'Quito', 'Riga', 'Sofia'];

function example(k: number): string {
  const who = people[k % people.length] as string;
  const where = places[(k * 3) % places.length] as string;
  return `she met ${who} in ${where} today .`;
}

function build(texts: string[]): { sentences: TrainingSentence[]; features: DocumentFeatures } {
  const tokens = tokenizeLines(texts);
  const features = new DocumentFeatures(tokens);
  const sentences: TrainingSentence[] = texts.map((_, s) => {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    // Tokens: she met WHO in WHERE today .
    const gold = encodeBilou(set, to - from, [
      { from: 2, to: 3, type: 'PER' },
      { from: 4, to: 5, type: 'LOC' },
    ]);
    return { doc: features, s, from, to, gold };
  });
  return { sentences, features };
}

test('the averaged perceptron learns a toy tagging task and survives its file format', () => {
  const train = build(Array.from({ length: 40 }, (_, k) => example(k)));
  const { best } = trainPerceptron({
    tagSet: set,
    sentences: train.sentences,
    fixed: new FixedTags(new Map()),
    epochs: 5,
  });
  const pruned = prune(best, set.tags.length, 0);
  const bytes = modelToBytes({
    header: { name: 'toy', version: 'toy-1', scheme: 'bilou', tags: [...set.tags], gazetteers: [] },
    keys: pruned.keys,
    weights: pruned.weights,
    transitions: pruned.transitions,
    fixed: new FixedTags(new Map()),
  });
  const model = SequenceModel.fromBytes(bytes);
  assert.equal(model.header.version, 'toy-1');
  // Unseen names in the learned contexts.
  const test = build(['she met Ivo in Bern today .', 'she met Jun in Baku today .']);
  const scratch = new Scratch();
  for (const s of test.sentences) {
    const out = new Int32Array(s.to - s.from);
    model.tagSentence(test.features, s.s, s.from, s.to, out, scratch);
    assert.deepEqual(decodeBilou(set, out), [
      { from: 2, to: 3, type: 'PER' },
      { from: 4, to: 5, type: 'LOC' },
    ]);
  }
});

test('a file that is not a model is refused with a message', () => {
  assert.throws(
    () => SequenceModel.fromBytes(new Uint8Array([1, 2, 3])),
    /incorrect header check|not a Tidings/,
  );
});

test('a model file scores a word’s own keys once and tags as through extract, the second time too', () => {
  const train = build(Array.from({ length: 40 }, (_, k) => example(k)));
  const { best } = trainPerceptron({
    tagSet: set,
    sentences: train.sentences,
    fixed: new FixedTags(new Map()),
    epochs: 5,
  });
  const pruned = prune(best, set.tags.length, 0);
  const model = SequenceModel.fromBytes(
    modelToBytes({
      header: { name: 'toy', version: 'toy-1', scheme: 'bilou', tags: [...set.tags], gazetteers: [] },
      keys: pruned.keys,
      weights: pruned.weights,
      transitions: pruned.transitions,
      fixed: new FixedTags(new Map()),
    }),
  );
  // Through extract: a subclass whose extract is its own does not split its keys.
  class Whole extends DocumentFeatures {
    override extract(i: number, s: number, from: number, to: number, o: Int32Array, at: number): number {
      return super.extract(i, s, from, to, o, at);
    }
  }
  const texts = ['she met Ivo in Bern today .', 'she met Bern in Ivo today .', 'Ivo met she in today Bern .'];
  const split = build(texts);
  const tokens = split.features.tokens;
  const whole = new Whole(tokens);
  assert.equal(split.features.splitsOwnKeys, true);
  let tagged = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const s of split.sentences) {
      const a = new Int32Array(s.to - s.from);
      const b = new Int32Array(s.to - s.from);
      model.tagSentence(split.features, s.s, s.from, s.to, a, new Scratch());
      model.tagSentence(whole, s.s, s.from, s.to, b, new Scratch());
      assert.deepEqual([...a], [...b]);
      tagged += a.filter((t) => t !== 0).length;
    }
  }
  assert.ok(tagged > 0);
});
