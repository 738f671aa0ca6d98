import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeRange } from '../tokens.js';
import { posTagger, tagPartsOfSpeech } from './pos-tagger.js';

// Loads the committed model (models/pos-1.model); nothing is trained here.

test('the committed part-of-speech model tags a plain sentence', () => {
  const text = 'The minister said the talks would resume on Monday .';
  const tokens = tokenizeRange(text);
  const tags = tagPartsOfSpeech(tokens);
  const names = posTagger().model.tags;
  const got = [...tags].map((t) => names[t]);
  assert.deepEqual(got, ['DT', 'NN', 'VBD', 'DT', 'NNS', 'MD', 'VB', 'IN', 'NNP', '.']);
  assert.equal(posTagger().model.header.version, 'pos-1');
});

test('empty and odd input', () => {
  assert.equal(tagPartsOfSpeech(tokenizeRange('')).length, 0);
  const odd = tokenizeRange('漢字 😀 --- 1,000');
  assert.equal(tagPartsOfSpeech(odd).length, odd.count);
});
