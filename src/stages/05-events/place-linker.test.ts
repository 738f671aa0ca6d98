import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../core/doc.js';
import { TextClassifier } from '../../core/ml/text-classifier.js';
import { analyze, analyzeDoc } from '../../pipeline.js';
import { linkPlaceLearned, placeCandidatesOf } from './link-place.js';
import { placeLinker } from './place-linker.js';
import {
  bestCandidate,
  chooseThreshold,
  crossValidatePlaces,
  fitPlaceLinker,
  type PlaceSentence,
} from './place-linker-fit.js';

// Sentences written here, not taken from the event-location set or any scored text.
const docOf = (text: string) => analyzeDoc(createDoc(text, { uri: 'test:place', mediaType: 'text/plain' }));
const at = (text: string, word: string) => ({
  start: text.indexOf(word),
  end: text.indexOf(word) + word.length,
});

test('candidates: the places the sentence names, with how each stands to the verb', () => {
  const text = 'Rebels attacked an army post in Mombasa on Friday, officials in Nairobi said.';
  const candidates = placeCandidatesOf(docOf(text), at(text, 'attacked'));
  const names = candidates.map((c) => text.slice(c.start, c.end));
  assert.deepEqual(new Set(names), new Set(['Mombasa', 'Nairobi']));
  const mombasa = candidates.find((c) => text.slice(c.start, c.end) === 'Mombasa');
  assert.ok(mombasa?.features.includes('prep:in'));
  assert.ok(mombasa?.features.includes('side:after'));
  assert.ok(mombasa?.features.includes('rule:yes'), 'the rules read Mombasa as the place');
  const nairobi = candidates.find((c) => text.slice(c.start, c.end) === 'Nairobi');
  assert.ok(nairobi?.features.includes('commas:≤1'));
  assert.ok(nairobi?.features.includes('rule:other'));
});

// Synthetic sentences for the fitting: a gold place is the one after "in" next to the verb.
function synthetic(n: number): PlaceSentence[] {
  const out: PlaceSentence[] = [];
  for (let i = 0; i < n; i++) {
    const none = i % 3 === 0;
    const near = ['prep:in', 'dist:≤2', `noise:${i % 7}`];
    const far = ['prep:none', 'dist:>20', `noise:${(i + 3) % 7}`];
    out.push({
      candidates: none ? [far] : i % 2 ? [near, far] : [far, near],
      gold: none ? [false] : i % 2 ? [true, false] : [false, true],
      none,
      group: `s${i}`,
    });
  }
  return out;
}

test('fitting learns which candidate is the place and when none is', () => {
  const sentences = synthetic(300);
  const fitted = fitPlaceLinker(sentences);
  const model = new TextClassifier(fitted);
  const s = sentences[1] as PlaceSentence;
  assert.equal(bestCandidate(model, s).index, 0);
  const none = sentences[0] as PlaceSentence;
  assert.ok(bestCandidate(model, none).p < fitted.threshold, 'a far place alone is left unlinked');
  assert.ok(crossValidatePlaces(sentences, 5).accuracy > 0.95);
  // With the labels shuffled against the features there is nothing to learn.
  const noisy = sentences.map((x, i) => ({ ...x, gold: x.gold.map((_, k) => (i * 7 + k) % 3 === 0) }));
  assert.ok(crossValidatePlaces(noisy, 5).accuracy < 0.8);
});

test('the threshold maximises accuracy over the scored sentences', () => {
  const a: PlaceSentence = { candidates: [['x']], gold: [true], none: false, group: 'a' };
  const b: PlaceSentence = { candidates: [['x']], gold: [false], none: true, group: 'b' };
  const t = chooseThreshold([
    { s: a, best: { index: 0, p: 0.8 } },
    { s: b, best: { index: 0, p: 0.3 } },
  ]);
  assert.ok(t > 0.3 && t <= 0.8);
});

test('the shipped linker links an attack to the town it happened in, not the city it was reported from', () => {
  const linker = placeLinker();
  assert.ok(linker, 'models/event-place-1 is loaded');
  const text = 'Rebels attacked an army post in Mombasa on Friday, officials in Nairobi said.';
  const place = linkPlaceLearned(docOf(text), at(text, 'attacked'), linker);
  assert.equal(place?.text, 'Mombasa');
  // In the events stage too.
  const a = analyze(`Title\n\n${text}\n`, { published: '2024-05-16' });
  const e = a.events.find((x) => a.text.slice(x.trigger.start, x.trigger.end) === 'attacked');
  assert.equal(e?.location?.text, 'Mombasa');
});
