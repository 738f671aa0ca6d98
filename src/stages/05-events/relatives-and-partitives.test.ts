import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedEvents as coded } from '../../../test/support/coded-events.js';

// Sentences written here, not taken from any scored or judged text; each test has a control.

test('a partitive subject ("several of the unions") acts: the noun group after "of" names it', () => {
  const [e] = coded('Title\n\nSeveral of the farm unions will meet with the Kenyan minister tomorrow.\n');
  assert.equal(e?.type, 'AGREE');
  assert.equal(e?.actor, 'Several of the farm unions');
  // Control: a plain subject is read as before.
  const [plain] = coded('Title\n\nThe farm unions will meet with the Kenyan minister tomorrow.\n');
  assert.equal(plain?.actor, 'The farm unions');
});

test('"many of which" and "some of whom": the relative pronoun after a partitive stands for the noun before', () => {
  const [e] = coded(
    'Title\n\nThe farm unions, many of which are refusing to meet the Kenyan minister, held a rally.\n',
  );
  assert.equal(e?.trigger, 'refusing');
  assert.equal(e?.actor, 'The farm unions');
  const [whom] = coded('Title\n\nThe protesters, some of whom attacked the police, were arrested.\n');
  assert.equal(whom?.type, 'ASSAULT');
  assert.equal(whom?.actor, 'The protesters');
  // Control: a relative pronoun right after the comma keeps its antecedent.
  const [direct] = coded(
    'Title\n\nThe farm unions, which are refusing to meet the Kenyan minister, held a rally.\n',
  );
  assert.equal(direct?.actor, 'The farm unions');
});

test('"the failure of X to agree": a negative head whose of-phrase is the infinitive\'s subject negates it', () => {
  const [e] = coded(
    'Title\n\nPrices fell after the failure of the East African Community, EAC, to reach agreement on tariffs.\n',
  ).filter((x) => x.trigger.includes('agreement'));
  assert.equal(e?.status, 'negated');
  assert.equal(e?.statusRule, 'events:status.governed-negated');
  // Control: an of-phrase after a head that governs nothing leaves the act asserted.
  const [leader] = coded(
    'Title\n\nThe leader of the East African Community reached agreement with Kenya on Monday.\n',
  );
  assert.equal(leader?.status, 'asserted');
});

test('"Latin American" is a region\'s adjective, not the United States\' demonym', () => {
  const [e] = coded('Title\n\nLatin American debtor nations will meet the bankers tomorrow.\n');
  assert.equal(e?.actorCountry, undefined);
  // Control: "American" alone still names the United States.
  const [us] = coded('Title\n\nAmerican officials will meet the bankers tomorrow.\n');
  assert.equal(us?.actorCountry, 'USA');
});

test('"members, who were asked to vote": a relative pronoun before a passive asking verb names no actor', () => {
  const asked = coded(
    'Title\n\nKenyan party members, who were asked to vote for one design, met on Monday.\n',
  );
  assert.equal(asked.filter((x) => x.type === 'REQUEST').length, 0);
  // Control: the same pronoun before an active asking verb acts.
  const active = coded('Title\n\nKenyan party members, who asked the minister to resign, met on Monday.\n');
  assert.ok(active.some((x) => x.type === 'REQUEST' && x.actorCountry === 'KEN'));
});
