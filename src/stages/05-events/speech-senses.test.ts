import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';

/** Events of a one-paragraph article (headline first), as `type trigger rule` strings. */
function events(text: string): { type: string; trigger: string; rule: string; actor?: string }[] {
  const a = analyze(`Report\n\n${text}\n`, { published: '2005-03-01' });
  return a.events.map((e) => ({
    type: e.type,
    trigger: a.text.slice(e.trigger.start, e.trigger.end),
    rule: e.rule,
    actor: e.actor?.text,
  }));
}
const withTrigger = (text: string, word: string) => events(text).filter((e) => e.trigger.includes(word));

test('a verbal attack by a politician on a politician is ACCUSE; with weapons it stays ASSAULT', () => {
  const verbal = withTrigger(
    'Opposition leader Marta Vell attacked Prime Minister Tony Blair over the budget.',
    'attack',
  );
  assert.deepEqual(
    verbal.map((e) => [e.type, e.rule]),
    [['ACCUSE', 'events:sense.verbal-attack']],
  );
  const armed = withTrigger('Gunmen attacked the convoy of Marta Vell with rifles and grenades.', 'attack');
  assert.deepEqual(
    armed.map((e) => e.type),
    ['ASSAULT'],
  );
});

test('a shot or a strike with no sign of force is no ASSAULT', () => {
  assert.equal(withTrigger('Tony Blair shot basketball hoops with the pupils.', 'shot').length, 0);
});

test('speaking verbs: a view stated is no demand, promise or agreement; a commitment or a demand is', () => {
  assert.equal(withTrigger('Tony Blair insisted the plans were affordable.', 'insist').length, 0);
  assert.equal(withTrigger('Tony Blair insisted he would not resign.', 'insist').length, 0);
  assert.deepEqual(
    withTrigger('Tony Blair insisted on a vote in the Commons.', 'insist').map((e) => e.type),
    ['REQUEST'],
  );
  assert.equal(withTrigger('Tony Blair has promised that the economy is strong.', 'promise').length, 0);
  assert.deepEqual(
    withTrigger('Tony Blair has promised France to cut farm subsidies.', 'promise').map((e) => e.type),
    ['AGREE'],
  );
  assert.equal(withTrigger('Tony Blair said he agreed with the report.', 'agree').length, 0);
  assert.deepEqual(
    withTrigger('Tony Blair agreed to meet the union leaders.', 'agree').map((e) => e.type),
    ['AGREE'],
  );
  assert.equal(withTrigger('Tony Blair warned his party against complacency.', 'warn').length, 0);
});

test('an interview question is no request, and what it asks about is no event', () => {
  const all = events('Asked whether he would welcome the Greens, Tony Blair said no.');
  assert.equal(all.filter((e) => e.trigger.includes('sked')).length, 0);
  assert.equal(all.filter((e) => e.trigger.includes('welcome')).length, 0);
  assert.deepEqual(
    withTrigger('Tony Blair asked the Queen to dissolve Parliament.', 'ask').map((e) => e.type),
    ['REQUEST'],
  );
});

test('an asking verb whose clause ends before it names what is asked for reports a question', () => {
  for (const sentence of [
    '"Why should the taxpayer fund this?" Mr Lewis asked.',
    'How could the minister justify the cost, the Liberal Democrat leader asked.',
    'Anne Weyman, the charity\'s chief executive, asked: "What is the benefit?"',
  ])
    assert.equal(withTrigger(sentence, 'ask').length, 0, sentence);
  for (const sentence of [
    'The Liberal Democrat leader asked the Queen to dissolve Parliament.',
    'The unions asked for a meeting with the prime minister.',
    'The opposition asked that the vote be delayed until March.',
    'Rail unions ask court block strike law',
  ])
    assert.deepEqual(
      withTrigger(sentence, 'ask').map((e) => e.type),
      ['REQUEST'],
      sentence,
    );
});

test('a text actor that names no one and no agent is left open', () => {
  const opposed = withTrigger('The number opposed to the plan has grown since the summer.', 'opposed');
  for (const e of opposed) assert.notEqual(e.actor, 'The number');
});

test('a capitalised verb form inside a name is no trigger', () => {
  assert.equal(withTrigger('Finance Minister Sue Essex said the deal was fair.', 'Sue').length, 0);
});

test('an event noun that no one is said to carry out codes nothing; one with a possessor does', () => {
  assert.equal(
    withTrigger('A phased withdrawal of British troops is under discussion.', 'withdrawal').length,
    0,
  );
  assert.deepEqual(
    withTrigger('Tony Blair confirmed his visit to Moscow.', 'visit').map((e) => e.type),
    ['CONSULT'],
  );
});
