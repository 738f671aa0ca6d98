import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import { codeEvents, explainEvents } from './events-stage.js';

const entities = [
  { id: 'country:RUS', type: 'country' as const, country: 'RUS', at: [{ text: 'Russia' }] },
  { id: 'country:UKR', type: 'country' as const, country: 'UKR', at: [{ text: 'Ukraine' }] },
];

test('explain: each event says which rule fired and how its actor and recipient were chosen', () => {
  const doc = docFromLines(['Russia attacked Ukraine on Monday.'], entities);
  const { events } = explainEvents(doc);
  const e = events[0];
  assert.ok(e, 'an event');
  assert.ok(e.trace?.decidedBy.startsWith('rule'));
  assert.equal(e.trace?.rule, e.rule);
  const score = e.trace?.classifier?.score ?? -1;
  assert.ok(score >= 0 && score <= 1, `classifier score ${score}`);
  assert.equal(e.trace?.decidedBy, score >= 0.5 ? 'rule+classifier' : 'rule');
  // The clause analysis read the subject and the object, and the verb group.
  assert.equal(e.trace?.actorBy, 'clause:subject');
  assert.equal(e.trace?.recipientBy, 'clause:object');
  assert.equal(e.trace?.verbGroup?.voice, 'active');
  assert.equal(doc.text.slice(e.trace?.verbGroup?.start, e.trace?.verbGroup?.end), 'attacked');
});

test('explain: a passive takes its by-phrase as actor and says so', () => {
  const doc = docFromLines(['Ukraine was attacked by Russia on Monday.'], entities);
  const e = explainEvents(doc).events[0];
  assert.equal(e?.actor?.country, 'RUS');
  assert.equal(e?.recipient?.country, 'UKR');
  assert.equal(e?.trace?.actorBy, 'clause:by-agent');
  assert.equal(e?.trace?.recipientBy, 'clause:passive-subject');
  assert.equal(e?.trace?.verbGroup?.voice, 'passive');
});

test('explain: a trigger without participants is listed as rejected, with why', () => {
  const doc = docFromLines(['The attacks continued.', 'It was attacked, they said.'], []);
  const { events, sentences } = explainEvents(doc);
  assert.equal(events.length, 0);
  const reasons = sentences.map((s) => [s.sentence, s.rejected.map((r) => r.reason).join()]);
  assert.deepEqual(reasons, [
    [0, 'noun-use'],
    [1, 'no-participant'],
  ]);
  for (const s of sentences) for (const r of s.rejected) assert.ok(r.rule.startsWith('events:'));
});

test('explain: the stage itself writes no trace unless asked', () => {
  const doc = docFromLines(['Russia attacked Ukraine on Monday.'], entities);
  const plain = codeEvents(doc).events ?? [];
  assert.ok(plain.length > 0);
  assert.equal(plain[0]?.trace, undefined);
});
