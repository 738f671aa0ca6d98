import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeLines } from '../../../test/support/line-layer.js';
import { NUMBER, PUNCT, tokenizeRange, WORD } from '../tokens.js';
import { DocumentFeatures } from './features.js';
import { FixedTags } from './fixed-tags.js';
import { posTagger, tagPartsOfSpeech } from './pos-tagger.js';
import { modelToBytes, Scratch, SequenceModel } from './sequence-model.js';
import { buildCandidates, TagCandidates } from './tag-candidates.js';
import { makeTagSet } from './tag-scheme.js';
import { prune, type TrainingSentence, trainPerceptron } from './train-perceptron.js';

const tags = ['DT', 'IN', 'NN', 'NNP', 'VBD', 'CD', '.'];
const T = Object.fromEntries(tags.map((t, i) => [t, i])) as Record<string, number>;

function counts(
  entries: [string, number, [string, number][]][],
): Map<string, { kind: number; tags: Map<number, number> }> {
  return new Map(
    entries.map(([key, kind, seen]) => [
      key,
      { kind, tags: new Map(seen.map(([t, c]) => [T[t] as number, c])) },
    ]),
  );
}

test('frequent words keep the tags they were seen with; rare ones share the tags rare words took', () => {
  const file = buildCandidates(
    'toy-1',
    tags,
    counts([
      [
        'that',
        WORD,
        [
          ['DT', 30],
          ['IN', 20],
        ],
      ],
      [
        'rose',
        WORD,
        [
          ['VBD', 15],
          ['NN', 5],
        ],
      ],
      ['saw', WORD, [['VBD', 3]]],
      ['trial', WORD, [['NN', 4]]],
      ['^the', WORD, [['DT', 40]]],
      ['^oslo', WORD, [['NNP', 2]]],
      ['^may', WORD, [['NNP', 1]]],
      ['1,200', NUMBER, [['CD', 2]]],
      ['.', PUNCT, [['.', 90]]],
    ]),
    20,
    0.001,
  );
  const model = new TagCandidates(file, tags);
  const names = (set: number) =>
    set < 0 ? 'all' : [...(model.lists[set] ?? [])].map((t) => tags[t]).join(' ');
  const layer = tokenizeRange('The rose that Anna saw in Oslo cost 7,000 .');
  const got = Array.from(
    { length: layer.count },
    (_, i) => `${layer.surface(i)}:${names(model.setOf(layer, i))}`,
  );
  assert.deepEqual(got, [
    'The:DT',
    'rose:NN VBD',
    'that:DT IN',
    // Rare capitalised words: the tags rare capitalised words took.
    'Anna:NNP',
    // Rare lowercase words: the tags rare lowercase words took (saw VBD, trial NN).
    'saw:NN VBD',
    // Never seen in training, lowercase: the rare words' tags too.
    'in:NN VBD',
    'Oslo:NNP',
    'cost:NN VBD',
    '7,000:CD',
    '.:.',
  ]);
});

test('a tag that covered less than the rare share of rare tokens is left out of their set', () => {
  const entries: [string, number, [string, number][]][] = [['odd', WORD, [['IN', 1]]]];
  for (let k = 0; k < 50; k++) entries.push([`w${'x'.repeat(k)}`, WORD, [['NN', 10]]]);
  const strict = buildCandidates('toy-1', tags, counts(entries), 20, 0.01);
  const loose = buildCandidates('toy-1', tags, counts(entries), 20, 0.001);
  assert.deepEqual(strict.sets[strict.rare.word], ['NN']);
  assert.deepEqual(loose.sets[loose.rare.word], ['IN', 'NN']);
});

test('a dictionary for another model, or naming a tag the model lacks, is refused', () => {
  const file = buildCandidates('toy-1', tags, counts([['the', WORD, [['DT', 40]]]]), 20, 0);
  assert.throws(() => new TagCandidates({ ...file, sets: [['XX']] }, tags), /not one of the model's tags/);
  const set = makeTagSet('plain', tags);
  const bytes = modelToBytes({
    header: { name: 'toy', version: 'toy-2', scheme: 'plain', tags: [...set.tags], gazetteers: [] },
    keys: new Int32Array(0),
    weights: new Float32Array(0),
    transitions: new Float32Array((tags.length + 1) * tags.length),
    fixed: new FixedTags(new Map()),
  });
  assert.throws(() => SequenceModel.fromBytes(bytes, file), /built for toy-1, not toy-2/);
});

/** A toy part-of-speech task: "the X rose" — X is a noun, "rose" a verb, after "the" a noun. */
function toyModel(): { set: ReturnType<typeof makeTagSet>; bytes: Uint8Array } {
  const set = makeTagSet('plain', tags);
  const texts: string[] = [];
  const gold: number[][] = [];
  const nouns = ['cat', 'price', 'dog', 'rate', 'tide', 'sun'];
  for (let k = 0; k < 30; k++) {
    texts.push(`the ${nouns[k % nouns.length]} rose in the rose .`);
    gold.push([T.DT, T.NN, T.VBD, T.IN, T.DT, T.NN, T['.']].map((x) => x as number));
  }
  const layer = tokenizeLines(texts);
  const features = new DocumentFeatures(layer);
  const sentences: TrainingSentence[] = texts.map((_, s) => ({
    doc: features,
    s,
    from: layer.sentenceFirst[s] as number,
    to: layer.sentenceFirst[s + 1] as number,
    gold: Int32Array.from(gold[s] as number[]),
  }));
  const { best } = trainPerceptron({ tagSet: set, sentences, fixed: new FixedTags(new Map()), epochs: 5 });
  const pruned = prune(best, tags.length, 0);
  return {
    set,
    bytes: modelToBytes({
      header: { name: 'toy', version: 'toy-1', scheme: 'plain', tags: [...set.tags], gazetteers: [] },
      keys: pruned.keys,
      weights: pruned.weights,
      transitions: pruned.transitions,
      fixed: new FixedTags(new Map()),
    }),
  };
}

test('a model with a tag dictionary decodes only allowed tags, and agrees where the best tag is allowed', () => {
  const { bytes } = toyModel();
  const plain = SequenceModel.fromBytes(bytes);
  // "rose" may only be a noun here: the dictionary overrules the verb the model prefers after a noun.
  const file = buildCandidates(
    'toy-1',
    tags,
    counts([
      ['rose', WORD, [['NN', 30]]],
      ['the', WORD, [['DT', 30]]],
      ['in', WORD, [['IN', 30]]],
      ['.', PUNCT, [['.', 30]]],
      ['price', WORD, [['NN', 30]]],
    ]),
    20,
    0,
  );
  const restricted = SequenceModel.fromBytes(bytes, file);
  const layer = tokenizeRange('the price rose in the rose .');
  const features = new DocumentFeatures(layer);
  const a = new Int32Array(layer.count);
  const b = new Int32Array(layer.count);
  plain.tagSentence(features, 0, 0, layer.count, a, new Scratch());
  restricted.tagSentence(features, 0, 0, layer.count, b, new Scratch());
  const names = (x: Int32Array) => [...x].map((t) => tags[t]);
  assert.deepEqual(names(a), ['DT', 'NN', 'VBD', 'IN', 'DT', 'NN', '.']);
  assert.deepEqual(names(b), ['DT', 'NN', 'NN', 'IN', 'DT', 'NN', '.']);
  // Every restricted tag is one its token allows.
  const allowed = new TagCandidates(file, tags);
  for (let i = 0; i < layer.count; i++) {
    const set = allowed.setOf(layer, i);
    if (set >= 0) assert.ok(allowed.lists[set]?.includes(b[i] as number), `token ${i}`);
  }
});

test('the committed part-of-speech model loads its tag dictionary and keeps plain sentences right', () => {
  const tagger = posTagger();
  assert.ok(tagger.model.candidates, 'models/pos-1.candidates.json loaded');
  const layer = tokenizeRange('Prices rose sharply after the central bank said that it would cut rates .');
  const names = tagger.model.tags;
  const got = [...tagPartsOfSpeech(layer)].map((t) => names[t]);
  assert.deepEqual(got, [
    'NNS',
    'VBD',
    'RB',
    'IN',
    'DT',
    'JJ',
    'NN',
    'VBD',
    'IN',
    'PRP',
    'MD',
    'VB',
    'NNS',
    '.',
  ]);
});
