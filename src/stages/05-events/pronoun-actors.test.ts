import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { analyze } from '../../pipeline.js';
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

test('"X said they …": a pronoun opening a report stands for its source when it agrees, before older names', () => {
  const text =
    'Japan and the Philippines signed a loan accord on Monday.\n\nBankers said they insisted on early repayments from the Philippines.';
  const a = analyze(text, { published: '1987-03-30' });
  const insist = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'insisted');
  assert.equal(insist?.actor?.text, 'Bankers');
  // A pronoun that does not agree with the source ("he" for the ministry) is not bound to it.
  const he = analyze('Reagan arrived on Monday. The ministry said he rejected the offer from Britain.', {
    published: '1987-03-30',
  }).events.find((e) => e.type === 'REJECT');
  assert.notEqual(he?.actor?.text, 'The ministry');
});

test('a nominal event’s possessive stands for its actor: "her talks", "his Tokyo visit"', () => {
  const talks = analyze(
    'Prime Minister Margaret Thatcher left Moscow on Friday.\n\nBritish officials said her talks with Ryzhkov were useful.',
    { published: '1987-03-30' },
  ).events.find((e) => e.type === 'CONSULT');
  assert.equal(talks?.actor?.country, 'GBR');
  assert.match(talks?.actor?.text ?? '', /Thatcher/);
  const visit = analyze(
    'President Reagan arrived in Japan on Friday.\n\nReagan said that during his Tokyo visit he would meet Nakasone.',
    { published: '1987-03-30' },
  ).events.find((e) => e.trigger && e.type === 'CONSULT' && e.recipient?.text === 'Tokyo');
  assert.equal(visit?.actor?.country, 'USA');
  // The subject of the main verb keeps "his": "the president met Blair on his visit to London".
  const met = analyze(
    'On Monday the Pakistani president met Prime Minister Tony Blair, on his first visit to London.',
    {
      published: '2005-02-28',
    },
  ).events.find((e) => e.type === 'CONSULT' && e.recipient?.text === 'London');
  assert.notEqual(met?.actor?.text, 'Prime Minister Tony Blair');
});
