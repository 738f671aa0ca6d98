import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';

const coded = (text: string) =>
  analyze(text, { published: '2023-03-19' }).events.map((e) => ({
    type: e.type,
    status: e.status,
    actor: e.actor?.country,
    recipient: e.recipient?.country,
  }));

test('a nominal trigger takes its by-phrase as the actor and the other participant as recipient', () => {
  assert.deepEqual(coded('It was the first visit by a Japanese leader to South Korea in a decade.'), [
    { type: 'CONSULT', status: 'asserted', actor: 'JPN', recipient: 'KOR' },
  ]);
  assert.deepEqual(coded('A visit to Moscow by the Indian prime minister drew attention.'), [
    { type: 'CONSULT', status: 'asserted', actor: 'IND', recipient: 'RUS' },
  ]);
});

test('an ordinal between a determiner and a verb form makes it a noun, but not an adverb before a verb', () => {
  const nominal = coded('Officials called it the second visit by Chinese diplomats to Nepal.');
  assert.equal(nominal[0]?.actor, 'CHN');
  assert.equal(nominal[0]?.recipient, 'NPL');
  const verbal = coded('Putin will first visit China.');
  assert.equal(verbal.length, 1);
  assert.equal(verbal[0]?.actor, 'RUS');
  assert.equal(verbal[0]?.recipient, 'CHN');
  assert.equal(verbal[0]?.status, 'future');
});

test('a by-phrase inside a relative clause is not the nominal trigger’s actor', () => {
  const events = coded('Russia said Sudan must return a helicopter that was captured by the Sudanese army.');
  assert.ok(events.length >= 1);
  assert.notEqual(events[0]?.actor, 'SDN');
});
