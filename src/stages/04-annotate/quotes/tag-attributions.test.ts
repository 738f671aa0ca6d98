import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bilouTags, encodeBilou, makeTagSet, type TypedSpan } from '../../../core/ml/tag-scheme.js';
import { TokenSet, tokenizeSentences } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';
import { paragraphStartSentences, spansOfTags } from './tag-attributions.js';

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
