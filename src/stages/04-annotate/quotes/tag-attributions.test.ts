import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FEATURES } from '../../../core/ml/features.js';
import { bilouTags, encodeBilou, makeTagSet, type TypedSpan } from '../../../core/ml/tag-scheme.js';
import { hashString, TokenSet, tokenizeSentences } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';
import { paragraphStartSentences, spansOfTags, trimUnpairedCommas } from './tag-attributions.js';

// Three sentences: a quotation that runs over the second into the third, which opens a paragraph.
const text = 'He said: “Prices will rise. Wages will not.\n\nNobody can stop it.”';
const ends = [text.indexOf('rise.') + 5, text.indexOf('not.') + 4, text.length];
const sentences = [
  { start: 0, end: ends[0] as number },
  { start: (ends[0] as number) + 1, end: ends[1] as number },
  { start: text.indexOf('Nobody'), end: ends[2] as number },
];
const tokens = tokenizeSentences(text, sentences);
const tagSet = makeTagSet('bilou', bilouTags(['cue', 'content']));

/** A stand-in tagger: "said" a cue, every token after the colon content. */
function tagger(s: number, from: number, to: number, out: Int32Array): void {
  const spans: TypedSpan[] = [];
  let first = s > 0 ? from : to;
  for (let i = from; i < to; i++) {
    if (tokens.surface(i) === 'said') spans.push({ from: i - from, to: i - from + 1, type: 'cue' });
    if (tokens.surface(i) === ':') first = i + 1;
  }
  if (first < to) spans.push({ from: first - from, to: to - from, type: 'content' });
  out.set(encodeBilou(tagSet, to - from, spans));
}

function contents(paragraphs?: ReadonlySet<number>): string[] {
  const features = new AttributionFeatures(tokens, {}, new TokenSet(['said']), paragraphs, null);
  return spansOfTags(features, tagSet, tagger)
    .filter((s) => s.role === 'content')
    .map((s) => text.slice(s.start, s.end));
}

test('a content that ends its sentence joins the one that opens the next, within a paragraph', () => {
  assert.deepEqual(contents(), ['“Prices will rise. Wages will not.\n\nNobody can stop it.”']);
});

test('a content does not run over a paragraph break: the pieces stay apart', () => {
  const paragraphs = paragraphStartSentences(tokens, [0, text.indexOf('Nobody')]);
  assert.deepEqual([...paragraphs].sort(), [0, 2]);
  assert.deepEqual(contents(paragraphs), ['“Prices will rise. Wages will not.', 'Nobody can stop it.”']);
});

test('the attribution features split into own and context keys write the keys extract writes', () => {
  const clusters = new Map([[hashString('prices'), 3 | (4 << 10)]]);
  const features = new AttributionFeatures(tokens, { clusters }, new TokenSet(['said']), undefined, null);
  assert.equal(features.splitsOwnKeys, true);
  assert.equal(features.splitsNeighbourKeys, true);
  const out = new Int32Array(MAX_FEATURES);
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    for (let i = from; i < to; i++) {
      const whole = [...out.subarray(0, features.extract(i, s, from, to, out, 0))].sort();
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

test('a span drops its closing comma unless a comma, bracket or dash inside pairs with it', () => {
  const t = 'Jane Doe, a spokeswoman, said it. Officials, said it. Bob (the chair), said it.';
  const toks = tokenizeSentences(t, [{ start: 0, end: t.length }]);
  const span = (words: string, from = 0) => {
    const start = t.indexOf(words, from);
    const a = toks.indexAtOrAfter(start, 0, toks.count);
    let b = a;
    while (b < toks.count && toks.end(b) <= start + words.length) b++;
    return { role: 'source' as const, from: a, to: b, start, end: start + words.length, sentence: 0 };
  };
  const spans = [span('Jane Doe, a spokeswoman,'), span('Officials,'), span('Bob (the chair),'), span('it.')];
  trimUnpairedCommas(toks, spans);
  assert.deepEqual(
    spans.map((s) => t.slice(s.start, s.end)),
    ['Jane Doe, a spokeswoman,', 'Officials', 'Bob (the chair),', 'it.'],
  );
  assert.equal(spans[1]?.to, (spans[1]?.from as number) + 1);
});
