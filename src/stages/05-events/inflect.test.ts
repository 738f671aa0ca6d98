import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nounForms, verbForms } from './inflect.js';

test('regular verbs get -s, -ed and -ing', () => {
  assert.deepEqual(verbForms('accuse').sort(), ['accuse', 'accused', 'accuses', 'accusing']);
  assert.deepEqual(verbForms('visit').sort(), ['visit', 'visited', 'visiting', 'visits']);
  assert.deepEqual(verbForms('deny').sort(), ['denied', 'denies', 'deny', 'denying']);
  assert.deepEqual(verbForms('agree').sort(), ['agree', 'agreed', 'agreeing', 'agrees']);
  assert.deepEqual(verbForms('reach').sort(), ['reach', 'reached', 'reaches', 'reaching']);
});

test('short consonant-vowel-consonant verbs and stress-final verbs double the last consonant', () => {
  assert.ok(verbForms('ban').includes('banned'));
  assert.ok(verbForms('ban').includes('banning'));
  assert.ok(verbForms('expel').includes('expelled'));
  assert.ok(!verbForms('visit').includes('visitted'));
  assert.ok(!verbForms('shell').includes('shelll'));
});

test('irregular verbs use their listed forms instead of -ed', () => {
  assert.ok(verbForms('meet').includes('met'));
  assert.ok(!verbForms('meet').includes('meeted'));
  assert.ok(verbForms('hold').includes('held'));
  assert.ok(verbForms('withdraw').includes('withdrawn'));
  assert.ok(verbForms('hold').includes('holding'));
});

test('nouns get their plural', () => {
  assert.deepEqual(nounForms('visit'), ['visit', 'visits']);
  assert.deepEqual(nounForms('embargo'), ['embargo', 'embargos']);
  assert.deepEqual(nounForms('crash'), ['crash', 'crashes']);
  assert.deepEqual(nounForms('party'), ['party', 'parties']);
});

test('a multi-word lemma is a programmer error', () => {
  assert.throws(() => verbForms('hold talks'), /one lowercase word/);
});
