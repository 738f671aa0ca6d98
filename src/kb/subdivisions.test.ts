import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { genericSubdivisionName, subdivisionCountry } from './subdivisions.js';

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

test('a name of compass points and geographic nouns is a province only where its country is named', () => {
  // ISO 3166-2 has one "Gulf" (Papua New Guinea) and one "Upper East" (Ghana).
  assert.equal(subdivisionCountry('Gulf'), undefined);
  assert.equal(subdivisionCountry('Upper East'), undefined);
  assert.equal(subdivisionCountry('Gulf', new Set(['PNG'])), 'PNG');
  assert.equal(subdivisionCountry('Upper East', new Set(['GHA'])), 'GHA');
  assert.equal(genericSubdivisionName('Far North'), true);
  assert.equal(genericSubdivisionName('North Kivu'), false);
});

test('continents and world regions have no country', () => {
  const doc = analyzeDoc(
    createDoc('Shares fell across Asia and tankers in the Gulf were attacked on Monday.', {
      uri: 'test://regions',
      mediaType: 'text/plain',
      published: '2005-01-01',
    }),
  );
  const named = (name: string) => doc.entities?.find((e) => e.name === name);
  assert.ok(named('Asia'), 'Asia is found');
  assert.equal(named('Asia')?.country, undefined);
  assert.equal(named('Gulf')?.country, undefined);
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
