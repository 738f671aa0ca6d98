// The article the project began from, end to end through the library entry point.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../src/index.js';
import { SEED_ARTICLE, skipWithoutData } from '../support/shared-data.js';

const SEED = SEED_ARTICLE;
const skip = skipWithoutData(SEED);

test('seed: boilerplate and the repeated sentence are removed, nothing deleted', { skip }, () => {
  const text = readFileSync(SEED, 'utf8');
  const a = analyze(text, { published: '2024-05-16', uri: 'seed' });
  assert.equal(a.text, text);
  const removedText = a.removed.map((r) => a.text.slice(r.start, r.end));
  assert.equal(removedText.filter((t) => t === 'Advertisement').length, 2);
  const repeated = 'The visit is Putin’s symbolic first overseas foray';
  const dup = a.removed.find((r) => r.reason === 'duplicate-sentence');
  assert.ok(dup, 'a duplicate sentence is removed');
  assert.ok(a.text.slice(dup.start, dup.end).startsWith(repeated));
  assert.ok(dup.duplicateOf !== undefined && dup.duplicateOf < dup.start);
  // No sentence overlaps a removed span.
  for (const s of a.sentences) {
    for (const r of a.removed)
      assert.ok(s.end <= r.start || s.start >= r.end, `sentence ${s.start} overlaps removed`);
  }
});

test('seed: Russia, China and Ukraine resolve to ISO3 codes; Thursday to 2024-05-16', { skip }, () => {
  const a = analyze(readFileSync(SEED, 'utf8'), { published: '2024-05-16' });
  const countries = new Set(a.entities.filter((e) => e.type === 'country').map((e) => e.country));
  for (const iso of ['RUS', 'CHN', 'UKR']) assert.ok(countries.has(iso), `${iso} found`);
  const thursday = a.times.find((t) => t.text.startsWith('Thursday'));
  assert.ok(thursday, 'a time expression for Thursday');
  assert.match(thursday.value, /^2024-05-16/);
});

test('seed: Putin’s arrival in China is an asserted CONSULT from RUS to CHN with a rule id', { skip }, () => {
  const a = analyze(readFileSync(SEED, 'utf8'), { published: '2024-05-16' });
  const arrival = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'arrived');
  assert.ok(arrival, 'the arrival is coded');
  assert.equal(arrival.type, 'CONSULT');
  assert.equal(arrival.status, 'asserted');
  assert.equal(arrival.actor?.country, 'RUS');
  assert.equal(arrival.recipient?.country, 'CHN');
  assert.match(arrival.rule, /^events:/);
  assert.match(arrival.date ?? '', /^2024-05-16/);
  // "Beijing has never condemned Russia’s invasion" is not a condemnation.
  const condemn = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'condemned');
  assert.equal(condemn?.status, 'negated');
});
