import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../core/doc.js';
import { analyze, analyzeDoc } from '../../pipeline.js';
import { linkPlace } from './link-place.js';

const located = (text: string) =>
  analyze(text, { published: '2024-05-16' }).events.map((e) => ({
    type: e.type,
    location: e.location?.text,
    lat: e.location?.lat,
  }));

test('the event place is the one a place preposition governs in the trigger’s clause, with coordinates', () => {
  const [attack] = located('Russian troops attacked Ukrainian positions in the city of Kharkiv on Friday.');
  assert.equal(attack?.location, 'Kharkiv', '"in the city of" still governs the name');
  assert.equal(typeof attack?.lat, 'number', 'coordinates from the entity');
  const [arrival] = located('Putin arrived in China on Thursday.');
  assert.equal(arrival?.location, 'China', 'a country named as a place');
});

test('a place in another clause, or a demonym, is not the event’s place', () => {
  const [e] = located('Britain condemned Russia after troops attacked Ukrainian towns in Kharkiv.');
  assert.notEqual(e?.location, 'Kharkiv', 'Kharkiv is where the attack happened, not the condemnation');
  const [d] = located('Russia attacked Ukrainian positions.');
  assert.equal(d?.location, undefined);
});

test('linkPlace links any verb to its place; a capitalised name after a place preposition counts', () => {
  const text = 'A farmer was killed in Zorbatown on Saturday, police said.';
  const doc = analyzeDoc(createDoc(text, { uri: 'test:a', mediaType: 'text/plain' }));
  const killed = text.indexOf('killed');
  const place = linkPlace(doc, { start: killed, end: killed + 6 });
  assert.equal(place?.text, 'Zorbatown');
  const none = 'The minister resigned on Monday.';
  const doc2 = analyzeDoc(createDoc(none, { uri: 'test:b', mediaType: 'text/plain' }));
  assert.equal(linkPlace(doc2, { start: 13, end: 21 }), undefined);
});
