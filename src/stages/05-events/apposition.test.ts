import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { explainEvents } from './events-stage.js';

const entities: EntityAt[] = [
  { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] },
  { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonia' }] },
  { id: 'country:GRA', type: 'country', country: 'GRA', at: [{ text: 'Grand Fenwick' }] },
];

test('a noun inside an apposition after a name is no event; the name is the subject of the verb', () => {
  const doc = docFromLines(
    [
      'Ruritania, a key Freedonia ally in the war against terrorism, has refused to send envoys to Grand Fenwick.',
    ],
    entities,
  );
  const { events, sentences } = explainEvents(doc);
  const first = events[0];
  assert.ok(first, 'an event');
  assert.equal(first.type, 'REJECT');
  assert.equal(first.actor?.country, 'RUR');
  assert.ok(
    sentences.some((s) => s.rejected.some((r) => r.reason === 'apposition')),
    'the attack inside the apposition is set aside as such',
  );
});

test('a comma clause that is no apposition keeps its event ("…, and Freedonia attacked …")', () => {
  const doc = docFromLines(
    ['Ruritania protested, and Freedonia attacked Grand Fenwick on Monday.'],
    entities,
  );
  const { events } = explainEvents(doc);
  const attack = events.find((e) => e.type === 'ASSAULT');
  assert.ok(attack, 'the attack is coded');
  assert.equal(attack.actor?.country, 'FRE');
});

test('an apposition before the verb of its own clause: "…, the Freedonia leader, attacked …" keeps the attack', () => {
  const doc = docFromLines(['Ruritania, a Freedonia ally, attacked Grand Fenwick on Monday.'], entities);
  const attack = explainEvents(doc).events.find((e) => e.type === 'ASSAULT');
  assert.ok(attack, 'the verb after the apposition is an event');
  assert.equal(attack.actor?.country, 'RUR');
});

test('a body with no country of its own followed by "in <country>" is in that country', () => {
  const doc = docFromLines(
    ['Ruritania attacked the Gelt Steel Works (GSW) in northern Freedonia on Monday.'],
    [
      ...entities.slice(0, 2),
      { id: 'org:gelt-steel-works', type: 'organization', at: [{ text: 'Gelt Steel Works' }] },
    ],
  );
  const attack = explainEvents(doc).events.find((e) => e.type === 'ASSAULT');
  assert.ok(attack, 'the attack is coded');
  assert.equal(attack.recipient?.text, 'Gelt Steel Works');
  assert.equal(attack.recipient?.country, 'FRE');
});
