import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, type NewsEvent } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { explainEvents } from './events-stage.js';

function events(text: string): NewsEvent[] {
  const doc = analyzeDoc(
    createDoc(text, { uri: 'test://agentless-passive', mediaType: 'text/plain', published: '2024-05-16' }),
  );
  return doc.events ?? [];
}

test('a verbal act in the passive with no one named who said it is not coded', () => {
  assert.deepEqual(
    events('The Green Party has been accused of hiding its election costs.').map((e) => e.type),
    [],
  );
  // With a speaker in the by-phrase it stays, even when the phrase is no entity.
  const by = events('The Green Party has been accused by rival candidates of hiding its election costs.');
  assert.deepEqual(
    by.map((e) => e.type),
    ['ACCUSE'],
  );
  // A legal act is an institution's, implied like a material one: it stays.
  assert.deepEqual(
    events('Two council officials have been charged with fraud.').map((e) => e.type),
    ['ACCUSE'],
  );
  // The active sentence is coded as before.
  assert.deepEqual(
    events('The Liberal Party accused the Green Party of hiding its election costs.').map((e) => e.type),
    ['ACCUSE'],
  );
});

test('a release from custody is coded for the holder the custody phrase names', () => {
  const freed = events('Two aid workers freed from Syrian custody are expected home on Friday.');
  assert.equal(freed[0]?.type, 'RETREAT');
  assert.equal(freed[0]?.actor?.country, 'SYR');
  assert.equal(freed[0]?.recipient?.text, 'Two aid workers');
  const of = events('Two aid workers were released from the custody of Iraq on Monday.');
  assert.equal(of[0]?.actor?.country, 'IRQ');
  // A subject that frees someone keeps acting.
  const active = events('Syria freed two Lebanese men from Israeli custody on Monday.');
  assert.equal(active[0]?.actor?.country, 'SYR');
});

test('an arrest with no actor and no place is the act of the state the story is set in', () => {
  const story = [
    'Kenya tightens its border rules.',
    'Kenya has changed its border rules after a row in Nairobi.',
    'Officials in Mombasa said Kenya would check every bus.',
    'Two men were arrested on their return.',
    'Figures on the crossings were released on Monday.',
  ].join('\n\n');
  const all = events(story);
  const arrest = all.find((e) => e.type === 'COERCE');
  assert.equal(arrest?.actor?.country, 'KEN');
  // A release that is not one from custody takes no implied actor.
  const release = all.find((e) => e.type === 'RETREAT');
  assert.equal(release?.actor, undefined);
});

test('the phrase before a passive verb with no agent undergoes it', () => {
  const e = events('The detainees were immediately arrested under the new law.');
  assert.equal(e[0]?.type, 'COERCE');
  assert.notEqual(e[0]?.actor?.text, 'The detainees');
});

test('a passive participle before an infinitive: its subject is asked, not asking', () => {
  const explained = (text: string) => {
    const doc = createDoc(text, {
      uri: 'test://passive-infinitive',
      mediaType: 'text/plain',
      published: '2024-05-16',
    });
    return explainEvents(analyzeDoc(doc)).sentences.flatMap((s) => s.rejected.map((r) => r.reason));
  };
  const line = 'The talks opened on Monday. The Scottish Executive has been asked to publish its figures.';
  // No one is said to ask: the agentless-passive rule sets it aside, the subject is no actor.
  assert.deepEqual(
    events(line).filter((e) => e.type === 'REQUEST'),
    [],
  );
  assert.ok(explained(line).includes('events:actor.agentless-verbal-passive'));
  // Control: the active verb keeps its subject as the actor.
  const active = events(
    'The talks opened on Monday. The Scottish Executive asked France to publish its figures.',
  );
  assert.equal(active.find((e) => e.type === 'REQUEST')?.actor?.text, 'Scottish Executive');
});
