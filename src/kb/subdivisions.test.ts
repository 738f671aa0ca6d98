import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { subdivisionCountry } from './subdivisions.js';

test('a province or state no city list holds gives its country, when that is clear', () => {
  assert.equal(subdivisionCountry('Gilgit-Baltistan'), 'PAK'); // ISO: "Gilgit-Baltistān"
  assert.equal(subdivisionCountry('Kachin'), 'MMR');
  assert.equal(subdivisionCountry('Bavaria'), undefined); // ISO writes "Bayern"
  assert.equal(subdivisionCountry('Bayern'), 'DEU');
  // Several countries have a "Central" region: only an article naming one of them decides.
  assert.equal(subdivisionCountry('Central'), undefined);
  assert.equal(subdivisionCountry('Central', new Set(['GHA'])), 'GHA');
  // An article about other countries: left unresolved rather than guessed.
  assert.equal(subdivisionCountry('Kachin', new Set(['IND'])), undefined);
});

test('the government of a province acts for its country', () => {
  const doc = analyzeDoc(
    createDoc('The government of Kachin state has ordered patrols by police after attacks.', {
      uri: 'test://subdivisions',
      mediaType: 'text/plain',
      published: '2005-01-01',
    }),
  );
  const event = doc.events?.[0];
  assert.equal(event?.type, 'MOBILIZE');
  assert.equal(event?.actor?.country, 'MMR');
});
