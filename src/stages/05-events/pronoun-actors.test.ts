import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { codeEvents, explainEvents } from './events-stage.js';
import { pronounRule } from './pronoun-actors.js';

const freedonia: EntityAt = {
  id: 'country:FRE',
  type: 'country',
  country: 'FRE',
  at: [{ text: 'Freedonia' }],
};
const zorbek: EntityAt = {
  id: 'person:zorbek',
  type: 'person',
  country: 'RUR',
  at: [{ text: 'Zorbek' }],
};

test('"He accused …": the pronoun subject is the one person named just before', () => {
  const doc = docFromLines(
    ['Zorbek spoke in the capital on Monday.', 'He accused Freedonia of lying.'],
    [zorbek, freedonia],
  );
  const { events } = explainEvents(doc);
  const e = events.find((x) => x.type === 'ACCUSE');
  assert.ok(e, 'an accusation');
  assert.equal(e.actor?.entity, 'person:zorbek');
  assert.equal(e.actor?.country, 'RUR');
  assert.equal(e.actor?.text, 'Zorbek');
  assert.equal(e.trace?.actorBy, pronounRule);
  assert.equal(e.recipient?.entity, 'country:FRE');
});

test('two people named before "he": the actor stays unknown, never the pronoun', () => {
  const other: EntityAt = { id: 'person:mirko', type: 'person', country: 'FRE', at: [{ text: 'Mirko' }] };
  const doc = docFromLines(
    ['Zorbek met Mirko in the capital on Monday.', 'He accused Freedonia of lying.'],
    [zorbek, other, freedonia],
  );
  const e = (codeEvents(doc).events ?? []).find((x) => x.type === 'ACCUSE' && x.sentence === 1);
  assert.ok(e, 'an accusation');
  assert.equal(e.actor, undefined);
});

test('"he" inside a quotation and "he" with no person before stay unresolved', () => {
  const quoted = docFromLines(
    ['Zorbek spoke on Monday.', 'A witness said: "He accused Freedonia of lying."'],
    [zorbek, freedonia],
  );
  const q = explainEvents(quoted).events.find((x) => x.type === 'ACCUSE');
  assert.ok(q, 'an accusation');
  assert.notEqual(q.actor?.entity, 'person:zorbek');
  const none = docFromLines(
    ['Freedonia held elections on Monday.', 'He accused Freedonia of lying.'],
    [{ ...freedonia, at: [{ text: 'Freedonia' }, { text: 'Freedonia', n: 1 }] }],
  );
  const n = (codeEvents(none).events ?? []).find((x) => x.type === 'ACCUSE' && x.sentence === 1);
  assert.ok(n);
  assert.equal(n.actor, undefined);
});
