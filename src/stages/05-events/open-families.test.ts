import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedEvents as coded } from '../../../test/support/coded-events.js';

// The wrong-event families the eleventh judgement left open (issue 7): instruments, implied
// authorities, temporal anchors, insistence on a position, "offer" with a thing as subject, "can"
// and "free from". Sentences written here, not taken from any scored or judged text; each test has
// a control that still codes.

test('"used X to criticise": the subject of the verb of using acts, not the instrument', () => {
  const used = coded('Title\n\nPresident William Ruto used the Kenya Times to criticise Uganda.\n');
  const e = used.find((x) => x.trigger === 'criticise');
  assert.equal(e?.type, 'ACCUSE');
  assert.match(e?.actor ?? '', /Ruto/);
  // Control: the object of a verb of sending does the act it is sent to do.
  const sent = coded(
    'Title\n\nPresident William Ruto sent Prime Minister Jean Martin to criticise Uganda.\n',
  );
  const c = sent.find((x) => x.trigger === 'criticise');
  assert.match(c?.actor ?? '', /Martin/);
});

test('a definite description is the person whose own mention opens with its head ("Cardinal X" … "the cardinal")', () => {
  const text =
    'Title\n\nCardinal Joseph Mwangi spoke in Nairobi on Sunday. The cardinal condemned the war in Sudan.\n';
  const e = coded(text).find((x) => x.trigger === 'condemned');
  assert.match(e?.actor ?? '', /Mwangi/);
  // Control: with no one so introduced, the description names no one.
  const none = coded(
    'Title\n\nThe weather was fine in Nairobi on Sunday. The cardinal condemned the war in Sudan.\n',
  );
  assert.doesNotMatch(none.find((x) => x.trigger === 'condemned')?.actor ?? '', /Mwangi/);
});

test('"insisted that X must …" is a demand only when X names someone a demand can be made on', () => {
  const position = coded(
    'Title\n\nThe Kenyan government insisted that the new permits must be issued by the interior minister.\n',
  );
  assert.equal(position.filter((x) => x.type === 'REQUEST').length, 0);
  const said = coded('Title\n\nThe Kenyan government said the tax system must reward work.\n');
  assert.equal(said.filter((x) => x.type === 'REQUEST').length, 0);
  // Control: a state as the modal's subject is the target of a demand.
  const demand = coded('Title\n\nThe Kenyan government insisted that Uganda must withdraw its troops.\n');
  assert.equal(demand.filter((x) => x.type === 'REQUEST').length, 1);
});

test('a temporal clause dated long before publication makes the act it anchors historical', () => {
  const old = coded(
    'Title\n\nFinance minister John Otieno resigned after leaking details of his 1987 budget to a newspaper.\n',
  );
  const e = old.find((x) => x.trigger === 'resigned');
  assert.equal(e?.status, 'historical');
  assert.equal(e?.statusRule, 'events:status.historical-anchor');
  // Control: no date in the anchoring clause, and the act is reported as it stands.
  const now = coded(
    'Title\n\nFinance minister John Otieno resigned after leaking details of his budget to a newspaper.\n',
  );
  assert.equal(now.find((x) => x.trigger === 'resigned')?.status, 'asserted');
});

test('"offer" with a thing as its subject makes something available: no AGREE', () => {
  const thing = coded(
    'Title\n\nPresident William Ruto said the agreement offered Uganda a chance to rebuild.\n',
  );
  assert.equal(thing.filter((x) => x.type === 'AGREE').length, 0);
  // Control: a state or a person offering keeps the offer.
  const offer = coded('Title\n\nKenya offered Uganda a loan on Monday.\n');
  assert.equal(offer.filter((x) => x.type === 'AGREE').length, 1);
});

test('a legal act or an arrest reported by the police, with no actor, is the police’s', () => {
  const charged = coded(
    'Title\n\nKenya has tightened its protest laws. Six protesters were charged with disorderly conduct on ' +
      'Monday, police said. Kenya says the law applies to all in Kenya.\n',
  );
  const e = charged.find((x) => x.trigger === 'charged');
  assert.equal(e?.actor, 'police');
  assert.equal(e?.actorSector, 'COP');
  assert.equal(e?.actorCountry, 'KEN');
  // Control: a report by someone who charges no one leaves the police out.
  const lawyer = coded(
    'Title\n\nKenya has tightened its protest laws. Six protesters were charged with disorderly conduct on ' +
      'Monday, their lawyer said. Kenya says the law applies to all in Kenya.\n',
  );
  assert.notEqual(lawyer.find((x) => x.trigger === 'charged')?.actor, 'police');
});

test('a legal act with no actor takes the state the story is set in, as an arrest does', () => {
  const text =
    'Title\n\nKenya has tightened its protest laws. Six protesters in Kenya have been charged with disorderly conduct. ' +
    'Kenya says the law applies to all.\n';
  const e = coded(text).find((x) => x.trigger === 'charged');
  assert.equal(e?.actorCountry, 'KEN');
  // Control: an accusation (no legal act) in the passive stays uncoded.
  const accused = coded(
    'Title\n\nKenya has tightened its protest laws. Six protesters in Kenya have been accused of disorder. ' +
      'Kenya says the law applies to all.\n',
  );
  assert.equal(accused.filter((x) => x.trigger === 'accused').length, 0);
});

test('"can" states a possibility, and "free from" is the adjective', () => {
  const can = coded('Title\n\nKenya says the new hospitals can be funded by Uganda.\n');
  const e = can.find((x) => x.trigger === 'funded');
  assert.equal(e?.status, 'hypothetical');
  assert.equal(e?.statusRule, 'events:status.hypothetical-can');
  const free = coded('Title\n\nKenya would introduce a pension free from means testing.\n');
  assert.equal(free.filter((x) => x.type === 'RETREAT').length, 0);
  // Controls: a reported act of funding, and the verb "free" with its object.
  assert.equal(coded('Title\n\nUganda funded the new hospitals in Kenya.\n')[0]?.status, 'asserted');
  const freed = coded('Title\n\nKenya freed the prisoners from jail on Monday.\n');
  assert.equal(freed.filter((x) => x.type === 'RETREAT').length, 1);
});
