import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';

const coded = (text: string) => {
  const a = analyze(text, { published: '2024-05-16' });
  return a.events.map((e) => ({
    trigger: a.text.slice(e.trigger.start, e.trigger.end),
    type: e.type,
    status: e.status,
    statusRule: e.statusRule,
    actor: e.actor?.country,
  }));
};
const find = (text: string, trigger: string) => coded(text).find((e) => e.trigger.startsWith(trigger));

test('a plan, schedule or tip governing an infinitive makes it future', () => {
  const tipped = find('Macron is tipped to visit Algeria.', 'visit');
  assert.equal(tipped?.status, 'future');
  assert.equal(tipped?.statusRule, 'events:status.governed-future');
  const decided = find('Poland decided to expel Russian diplomats.', 'expel');
  assert.equal(decided?.statusRule, 'events:status.governed-future');
  // The same act without a governing head is asserted.
  assert.equal(find('Poland expelled Russian diplomats.', 'expel')?.status, 'asserted');
});

test('a head with its object before "to" governs the infinitive ("sought to allow the UK to deport")', () => {
  const e = find('Talks are being arranged to allow Germany to deport Syrian refugees.', 'deport');
  assert.equal(e?.status, 'hypothetical');
  assert.equal(e?.statusRule, 'events:status.governed-hypothetical');
  assert.equal(e?.actor, 'DEU');
});

test('a prospect, right or entitlement makes what it governs hypothetical', () => {
  const prospect = find('There is little prospect of Japan agreeing to the deal.', 'agree');
  assert.equal(prospect?.status, 'hypothetical');
  assert.equal(
    find('There is little "prospect" of Japan agreeing to the deal.', 'agree')?.status,
    'hypothetical',
  );
  const entitled = find('Spain is entitled to criticise Morocco.', 'criticise');
  assert.equal(entitled?.status, 'hypothetical');
  assert.equal(entitled?.statusRule, 'events:status.governed-hypothetical');
});

test('an implicative verb ("managed to") governs no status: its infinitive happened', () => {
  const e = find('Britain managed to expel Iranian diplomats.', 'expel');
  assert.equal(e?.type, 'SANCTION');
  assert.equal(e?.status, 'asserted');
});

test('a relative clause on a generic or indefinite noun in the present codes no event', () => {
  assert.equal(find('Voters want a party which opposes Germany.', 'oppose'), undefined);
  assert.equal(find('Any minister who criticises Germany will be sacked.', 'criticis'), undefined);
  assert.equal(
    find('Voters want a credible, principled political party which opposes Germany.', 'oppose'),
    undefined,
  );
  // A definite noun, or a past act of an indefinite one, is someone's act.
  assert.equal(find('The minister who criticises Germany will be sacked.', 'criticis')?.type, 'ACCUSE');
  assert.equal(
    find('A Russian soldier who attacked Ukrainian troops was captured.', 'attacked')?.type,
    'ASSAULT',
  );
});

test('a headline passive names its subject as the one acted on: no event without a by-phrase, the agent with one', () => {
  const a = analyze('France accused over Rwanda killings\n\nRwanda has accused France of complicity.', {
    published: '2024-05-16',
  });
  assert.deepEqual(
    a.events.map((e) => [e.sentence, e.actor?.country]),
    [[1, 'RWA']],
  );
  const b = analyze('Germany criticised by Poland over pipeline\n\nThe talks ended.', {
    published: '2024-05-16',
  });
  assert.equal(b.events[0]?.actor?.country, 'POL');
  assert.equal(b.events[0]?.recipient?.country, 'DEU');
  // A by-phrase that names no entity leaves the event to the lead.
  const d = analyze('Germany and France criticised by MPs\n\nThe talks ended.', { published: '2024-05-16' });
  assert.equal(d.events.length, 0);
  // An active headline keeps its subject as the actor.
  const c = analyze('Poland criticised Germany over pipeline\n\nThe talks ended.', {
    published: '2024-05-16',
  });
  assert.equal(c.events[0]?.actor?.country, 'POL');
});
