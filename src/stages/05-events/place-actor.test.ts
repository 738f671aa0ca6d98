import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, type NewsEvent } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { placeAsActor } from './place-sides.js';

function firstEvent(text: string): NewsEvent | undefined {
  const doc = analyzeDoc(
    createDoc(text, { uri: 'test://place-actor', mediaType: 'text/plain', published: '2024-05-16' }),
  );
  return doc.events?.[0];
}

test('an actor named only by common nouns takes the country of the place the event happened in', () => {
  const police = firstEvent('Police arrested two men in Nairobi.');
  assert.equal(police?.type, 'COERCE');
  assert.equal(police?.actor?.text, 'Police');
  assert.equal(police?.actor?.country, 'KEN');
  assert.equal(police?.actor?.sector, 'COP');
  const gunmen = firstEvent('Gunmen shot dead two soldiers in Peshawar on Friday.');
  assert.equal(gunmen?.type, 'ASSAULT');
  assert.equal(gunmen?.actor?.country, 'PAK');
  const crowd = firstEvent('Thousands of people marched in Lagos on Sunday to demand lower fuel prices.');
  assert.equal(crowd?.type, 'PROTEST');
  assert.equal(crowd?.actor?.country, 'NGA');
  assert.equal(crowd?.actor?.sector, 'CVL');
});

test('an event with no actor named takes the place, with the sector its type gives', () => {
  const at = { start: 30, end: 37, text: 'Kandahar', entity: 'city:kandahar', country: 'AFG' };
  const victim = { start: 0, end: 10, text: 'Two guards' };
  assert.deepEqual(placeAsActor('ASSAULT', at, victim, undefined), { ...at, sector: 'UAF' });
  assert.equal(placeAsActor('COERCE', at, victim, undefined)?.sector, undefined);
  assert.equal(placeAsActor('COERCE', at, victim, undefined)?.country, 'AFG');
  // Types whose actor is rarely the place's own (a visit, a meeting) take nothing.
  assert.equal(placeAsActor('CONSULT', at, victim, undefined), undefined);
  // "Kandahar was shelled": the place attacked is no attacker.
  assert.equal(placeAsActor('ASSAULT', at, at, undefined), undefined);
  // A named actor keeps its own country.
  const named = { start: 0, end: 5, text: 'Kabul', entity: 'country:AFG', country: 'AFG', sector: 'GOV' };
  assert.equal(placeAsActor('ASSAULT', { ...at, country: 'PAK' }, victim, named), undefined);
});

test('a journalist detained abroad: the arrest is coded for the state where it happened', () => {
  const e = firstEvent('A journalist from Oslo was detained in Tehran on Monday.');
  assert.equal(e?.type, 'COERCE');
  assert.equal(e?.actor?.country, 'IRN');
});

test('an ethnic group acts for the country it lives in, never for its kin state', () => {
  const unplaced = firstEvent('Ethnic Greeks blocked the main road on Monday.');
  assert.equal(unplaced?.actor?.text, 'Greeks');
  assert.equal(unplaced?.actor?.country, undefined);
  assert.equal(unplaced?.actor?.sector, 'CVL');
  const placed = firstEvent('Ethnic Hungarians in Slovakia protested on Monday.');
  assert.equal(placed?.actor?.country, 'SVK');
});

test('the subject of a participle done to it ("detained in", "attacked by") takes no place’s country', () => {
  const e = firstEvent('Two foreign students detained in Cairo were freed on bail.');
  assert.equal(e?.type, 'COERCE');
  assert.notEqual(e?.actor?.country, 'EGY');
});

test('a place named only as where the event happened ("in Taipei", "near the city of Kandahar") does not keep it from acting', () => {
  // "of Kandahar" belongs to "the city", not to the bombing: the place is where, and the attack is
  // by unidentified armed forces of its country.
  const bomb = firstEvent('A roadside bombing near the city of Kandahar on Friday killed four policemen.');
  assert.equal(bomb?.type, 'ASSAULT');
  assert.equal(bomb?.actor?.country, 'AFG');
  assert.equal(bomb?.actor?.sector, 'UAF');
  const crowd = firstEvent('Tens of thousands of people blocked roads in Taipei to demand a referendum.');
  assert.equal(crowd?.type, 'PROTEST');
  assert.equal(crowd?.actor?.country, 'TWN');
  assert.equal(crowd?.actor?.sector, 'CVL');
});

test('the office holder of a body of no country is coded with the body, not a nationality or the sentence country', () => {
  const e = firstEvent(
    'NATO Secretary General Jaap de Hoop Scheffer announced that he will withdraw troops from Kabul.',
  );
  assert.equal(e?.actor?.sector, 'IGO');
  assert.equal(e?.actor?.country, undefined);
});
