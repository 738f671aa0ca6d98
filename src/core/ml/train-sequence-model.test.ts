import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tokenizeLines } from '../../../test/support/line-layer.js';
import { DocumentFeatures } from './features.js';
import { FixedTags } from './fixed-tags.js';
import { Scratch, type SequenceModel } from './sequence-model.js';
import { bilouTags, decodeBilou, encodeBilou, makeTagSet } from './tag-scheme.js';
import type { TrainingSentence } from './train-perceptron.js';
import { trainSequenceModel } from './train-sequence-model.js';

// The shared training run on a toy task: a capitalised word after "met" is a person, after "in" a place.
const set = makeTagSet('bilou', bilouTags(['PER', 'LOC']));
const people = ['Anna', 'Boris', 'Chen', 'Dara', 'Emil', 'Fatou', 'Goran', 'Hana'];
const places = ['Oslo', 'Lima', 'Kyiv', 'Hanoi', 'Dakar', 'Quito', 'Riga', 'Sofia'];
const header = {
  name: 'toy',
  version: 'toy-1',
  scheme: 'bilou' as const,
  tags: [...set.tags],
  gazetteers: [],
};

function build(texts: string[]): TrainingSentence[] {
  const tokens = tokenizeLines(texts);
  const features = new DocumentFeatures(tokens);
  return texts.map((_, s) => {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    const gold = encodeBilou(set, to - from, [
      { from: 2, to: 3, type: 'PER' },
      { from: 4, to: 5, type: 'LOC' },
    ]);
    return { doc: features, s, from, to, gold };
  });
}

const train = build(
  Array.from({ length: 40 }, (_, k) => `she met ${people[k % 8]} in ${places[(k * 3) % 8]} today .`),
);
const held = build(['she met Ivo in Bern today .', 'she met Jun in Baku today .']);

function accuracy(model: SequenceModel): number {
  const scratch = new Scratch();
  let right = 0;
  for (const s of held) {
    const out = new Int32Array(s.to - s.from);
    model.tagSentence(s.doc, s.s, s.from, s.to, out, scratch);
    if (
      JSON.stringify(decodeBilou(set, out)) ===
      JSON.stringify([
        { from: 2, to: 3, type: 'PER' },
        { from: 4, to: 5, type: 'LOC' },
      ])
    )
      right++;
  }
  return right / held.length;
}

test('a training run writes the model, reads it back and tags unseen names with it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-train-'));
  try {
    const result = trainSequenceModel({
      header,
      tagSet: set,
      sentences: train,
      fixed: new FixedTags(new Map()),
      epochs: 5,
      patience: 2,
      evaluate: accuracy,
      minWeight: 0,
      maxFeatures: [1_000_000],
      out: { dir, file: 'toy-1.model' },
    });
    assert.ok(result.bytes && result.bytes.length > 0, 'the file is written');
    assert.equal(result.model.header.version, 'toy-1');
    assert.ok(result.bestEpoch >= 1 && result.scores.length >= result.bestEpoch);
    assert.equal(accuracy(result.model), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with several sizes, each is scored on the held-out sentences and the smallest as good as the best kept', () => {
  const result = trainSequenceModel({
    header,
    tagSet: set,
    sentences: train,
    fixed: new FixedTags(new Map()),
    epochs: 4,
    evaluate: accuracy,
    minWeight: 0,
    maxFeatures: [1_000_000, 1],
  });
  assert.equal(result.bytes, undefined, 'a dry run writes nothing');
  assert.equal(result.sizes.length, 2);
  assert.ok(result.learned > 1);
  // One feature cannot tell a person from a place: the larger size is kept.
  const [small, large] = result.sizes;
  assert.ok((small?.score ?? 1) < (large?.score ?? 0));
  assert.equal(result.kept, large?.kept);
});
