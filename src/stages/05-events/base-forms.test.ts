import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedEvents as coded } from '../../../test/support/coded-events.js';
import { lexicon } from './sentence-words.js';

// Sentences written here, not taken from any scored or judged text; each test has a control.

test('the base forms a rule leaves out are compiled apart, never as heads of their own', () => {
  assert.ok(lexicon.baseHeads.get('attack')?.some((r) => r.spec.id === 'events:assault.attack'));
  assert.equal(
    lexicon.ownHeads.get('attack')?.some((r) => r.spec.id === 'events:assault.attack') ?? false,
    false,
  );
  // A rule that lists its base form among its forms ("kill") has nothing left out.
  assert.equal(lexicon.baseHeads.has('kill'), false);
});

test('a left-out base form after a modal, with a name as its object, is the verb ("will attack Kenya")', () => {
  const [e] = coded('Title\n\nSomalia will attack Kenya, the minister warned on Monday.\n');
  assert.equal(e?.trigger, 'attack');
  assert.equal(e?.rule, 'events:assault.attack');
  assert.equal(e?.actorCountry, 'SOM');
  assert.equal(e?.recipient, 'Kenya');
  assert.equal(e?.status, 'future');
  // Control: the same word as a noun after a determiner stays no verb.
  const noun = coded('Title\n\nThe attack Kenya feared never came, the minister said on Monday.\n');
  assert.equal(noun.filter((x) => x.trigger === 'attack').length, 0);
});

test('after "to" or do-support, negations between: "did not fund Hamas", "plans to bomb Baghdad"', () => {
  const fund = coded('Title\n\nThe United States did not fund Hamas last year.\n');
  assert.equal(fund[0]?.trigger, 'fund');
  assert.equal(fund[0]?.status, 'negated');
  const bomb = coded('Title\n\nThe Pentagon plans to bomb Baghdad next week.\n');
  assert.ok(bomb.some((x) => x.trigger === 'bomb'));
});

test('without a name as its object the base form stays out ("to fight terrorism", "will fund schools")', () => {
  assert.equal(
    coded('Title\n\nKenya will fight terrorism with new laws.\n').filter((x) => x.trigger === 'fight').length,
    0,
  );
  assert.equal(
    coded('Title\n\nThe Kenyan government will fund schools next year.\n').filter((x) => x.trigger === 'fund')
      .length,
    0,
  );
  // Nor without a verb group before it: "Attack Kenya" as a headline fragment is not read.
  assert.equal(
    coded('Title\n\nKenya says attack Somalia reports are false.\n').filter((x) => x.trigger === 'attack')
      .length,
    0,
  );
});

test('a name that only modifies the object is no object: possessive, or before a common noun', () => {
  const possessive = coded("Title\n\nThe plan will destroy Kenya's farms, the minister said.\n");
  assert.equal(possessive.filter((x) => x.trigger === 'destroy').length, 0);
  const modifier = coded('Title\n\nShe was selected to fight the Mombasa seat for the party.\n');
  assert.equal(modifier.filter((x) => x.trigger === 'fight').length, 0);
  // Control: the name itself as the object.
  const control = coded('Title\n\nThe rebels will destroy Mombasa, the minister said.\n');
  assert.ok(control.some((x) => x.trigger === 'destroy'));
});
