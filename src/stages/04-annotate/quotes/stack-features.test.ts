import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FEATURES } from '../../../core/ml/features.js';
import { posTagger } from '../../../core/ml/pos-tagger.js';
import { bilouTags, encodeBilou, makeTagSet } from '../../../core/ml/tag-scheme.js';
import { hashString, TokenSet, tokenizeSentences } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';
import { roleOfTag, StackedAttributionFeatures } from './stack-features.js';

// A report with a second cue after its content ("…, he called it"), then a sentence of its own.
const text = 'Trump said it was a con, he called it. Nobody knew.';
const sentences = [
  { start: 0, end: text.indexOf('Nobody') - 1 },
  { start: text.indexOf('Nobody'), end: text.length },
];
const tokens = tokenizeSentences(text, sentences);
const cues = new TokenSet(['said', 'called', 'knew']);
const tagSet = makeTagSet('bilou', bilouTags(['source', 'cue', 'content']));

function keysOf(features: AttributionFeatures, i: number, s: number): number[] {
  const out = new Int32Array(MAX_FEATURES);
  const from = tokens.sentenceFirst[s] as number;
  const to = tokens.sentenceFirst[s + 1] as number;
  return [...out.subarray(0, features.extract(i, s, from, to, out, 0))].sort();
}

/** First-pass tags: "Trump" source, "said" cue, "it was a con" content, "called" a cue. */
function firstTags(): Int32Array {
  const from = tokens.sentenceFirst[0] as number;
  const to = tokens.sentenceFirst[1] as number;
  const at = (w: string) => {
    for (let i = from; i < to; i++) if (tokens.surface(i) === w) return i - from;
    throw new Error(w);
  };
  const tags = new Int32Array(tokens.count);
  tags.set(
    encodeBilou(tagSet, to - from, [
      { from: at('Trump'), to: at('Trump') + 1, type: 'source' },
      { from: at('said'), to: at('said') + 1, type: 'cue' },
      { from: at('it'), to: at('con') + 1, type: 'content' },
      { from: at('called'), to: at('called') + 1, type: 'cue' },
    ]),
    from,
  );
  return tags;
}

test('roles of the attribution tag set: none, source, cue, content', () => {
  assert.deepEqual(
    tagSet.tags.map((_, t) => roleOfTag(t)),
    [0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
  );
  assert.deepEqual(tagSet.tags.slice(1, 5), ['B-source', 'I-source', 'L-source', 'U-source']);
});

test('without first-pass tags the keys are the first pass features exactly', () => {
  const plain = new AttributionFeatures(tokens, {}, cues, undefined, null);
  const stacked = new StackedAttributionFeatures(tokens, {}, cues, undefined, null);
  for (let s = 0; s < tokens.sentences; s++)
    for (let i = tokens.sentenceFirst[s] as number; i < (tokens.sentenceFirst[s + 1] as number); i++)
      assert.deepEqual(keysOf(stacked, i, s), keysOf(plain, i, s));
  stacked.setFirstTags(firstTags());
  stacked.setFirstTags(null);
  assert.deepEqual(keysOf(stacked, 0, 0), keysOf(plain, 0, 0));
});

test('first-pass tags add keys, and a cue after a content reads differently from one before it', () => {
  const plain = new AttributionFeatures(tokens, {}, cues, undefined, null);
  const stacked = new StackedAttributionFeatures(tokens, {}, cues, undefined, null);
  stacked.setFirstTags(firstTags());
  const said = 1;
  let called = 0;
  while (tokens.surface(called) !== 'called') called++;
  assert.equal(tokens.surface(said), 'said');
  for (const i of [said, called]) {
    const base = new Set(keysOf(plain, i, 0));
    const extra = keysOf(stacked, i, 0).filter((k) => !base.has(k));
    assert.ok(extra.length >= 10, `${extra.length} stacked keys for ${tokens.surface(i)}`);
  }
  // The same word with other tags around it gets other keys.
  const other = new StackedAttributionFeatures(tokens, {}, cues, undefined, null);
  other.setFirstTags(new Int32Array(tokens.count));
  assert.notDeepEqual(keysOf(other, called, 0), keysOf(stacked, called, 0));
  assert.throws(() => other.setFirstTags(new Int32Array(2)), /2 tags for/);
});

test('split into own and context keys, the stacked features write the keys extract writes', () => {
  const clusters = new Map([[hashString('trump'), 3 | (4 << 10)]]);
  const features = new StackedAttributionFeatures(tokens, { clusters }, cues, undefined, null);
  features.setFirstTags(firstTags());
  assert.equal(features.splitsOwnKeys, true);
  assert.equal(features.splitsNeighbourKeys, true);
  const out = new Int32Array(MAX_FEATURES);
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    for (let i = from; i < to; i++) {
      const whole = keysOf(features, i, s);
      const own = features.extractOwn(i, out, 0);
      const both = features.extractContext(i, s, from, to, out, own);
      assert.deepEqual([...out.subarray(0, both)].sort(), whole, `token ${tokens.surface(i)}`);
      // Split once more: the neighbours' keys (inside the sentence or its edge) and the local rest.
      let k = features.extractOwn(i, out, 0);
      for (const d of [-2, -1, 1, 2]) {
        const j = i + d;
        k = j < from || j >= to ? features.edgeKeys(d, out, k) : features.neighbourKeys(j, d, out, k);
      }
      k = features.extractLocal(i, s, from, to, out, k);
      // And the keys of the groups (`keyGroups`), written from each group's value alone.
      for (let g = 0; g < features.keyGroups; g++) {
        k = features.groupKeys(g, features.groupValue(g, i, s, from, to), out, k);
      }
      assert.deepEqual([...out.subarray(0, k)].sort(), whole, `token ${tokens.surface(i)}, neighbours apart`);
    }
  }
});

test('with parts of speech, quotation marks and tags of every kind, own, neighbour, local and group keys are extract’s', () => {
  const t =
    '“We will not pay,” the minister said, adding that “nobody” had asked. He said that it was over, she told reporters: “Never.” Talks, officials said, would resume. “Fine”';
  const toks = tokenizeSentences(t, [
    { start: 0, end: t.indexOf('He said') - 1 },
    { start: t.indexOf('He said'), end: t.indexOf('Talks') - 1 },
    { start: t.indexOf('Talks'), end: t.indexOf('“Fine”') - 1 },
    { start: t.indexOf('“Fine”'), end: t.length },
  ]);
  const features = new StackedAttributionFeatures(
    toks,
    {},
    new TokenSet(['said', 'told', 'adding', 'asked']),
    undefined,
    posTagger(),
  );
  // Every tag of the set somewhere, spread over the layer.
  const tags = new Int32Array(toks.count);
  for (let i = 0; i < toks.count; i++) tags[i] = (i * 7) % tagSet.tags.length;
  const out = new Int32Array(MAX_FEATURES);
  const groupsSeen = new Map<string, string>();
  for (const first of [null, tags]) {
    features.setFirstTags(first);
    assert.equal(features.keyGroups, first ? 6 : 4);
    for (let s = 0; s < toks.sentences; s++) {
      const from = toks.sentenceFirst[s] as number;
      const to = toks.sentenceFirst[s + 1] as number;
      for (let i = from; i < to; i++) {
        const whole = [...out.subarray(0, features.extract(i, s, from, to, out, 0))].sort();
        let k = features.extractOwn(i, out, 0);
        for (const d of [-2, -1, 1, 2]) {
          const j = i + d;
          k = j < from || j >= to ? features.edgeKeys(d, out, k) : features.neighbourKeys(j, d, out, k);
        }
        k = features.extractLocal(i, s, from, to, out, k);
        for (let g = 0; g < features.keyGroups; g++) {
          const v = features.groupValue(g, i, s, from, to);
          assert.ok(v >= 0 && v <= 0x7fffffff, `group ${g} value ${v}`);
          const at = k;
          k = features.groupKeys(g, v, out, k);
          // A value stands for one set of keys, whichever token gave it.
          const keys = [...out.subarray(at, k)].join(',');
          const key = `${first ? 1 : 0}:${g}:${v}`;
          assert.equal(groupsSeen.get(key) ?? keys, keys);
          groupsSeen.set(key, keys);
        }
        assert.deepEqual([...out.subarray(0, k)].sort(), whole, `token ${toks.surface(i)}`);
      }
    }
  }
});
