import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedEvents as coded } from '../../../test/support/coded-events.js';
import { tokenizeRange } from '../../core/tokens.js';
import { isAllCaps, truecased } from './tag-sentence.js';

// Sentences written here, not taken from any scored or judged text; each test has a control.

test('"expressed support for": the object of a support verb is the event its subject acts in', () => {
  const [e] = coded('Title\n\nThe Italian government expressed support for Kenya on Monday.\n');
  assert.equal(e?.type, 'SUPPORT');
  assert.equal(e?.actorCountry, 'ITA');
  assert.equal(e?.recipient, 'Kenya');
  // A noun after an ordinary verb stays set aside: "boost support" is no act of support.
  const boost = coded('Title\n\nThe Italian government will boost support among voters.\n');
  assert.equal(boost.filter((x) => x.type === 'SUPPORT').length, 0);
});

test('a participle between a determiner and its noun, after an adverb, is attributive', () => {
  const none = coded('Title\n\nKenya relaxed the terms towards the commonly accepted limit of 180 days.\n');
  assert.equal(none.filter((x) => x.trigger === 'accepted').length, 0);
  const control = coded('Title\n\nKenya accepted the terms on Monday.\n');
  assert.equal(control[0]?.type, 'AGREE');
});

test('a participle of purpose ("talks aimed at") is no one’s intent', () => {
  const aimed = coded('Title\n\nKenya is holding talks with Uganda aimed at resuming trade.\n');
  assert.equal(aimed.filter((x) => x.trigger === 'aimed').length, 0);
  assert.ok(aimed.some((x) => x.type === 'CONSULT'));
  const designed = coded('Title\n\nThe measures are designed to curb imports from Kenya.\n');
  assert.equal(designed.filter((x) => x.trigger === 'designed').length, 0);
});

test('an -ing word after a "from" phrase: the sender acts ("a letter from X promising help")', () => {
  const [e] = coded(
    'Title\n\nOfficials studied a letter from German Chancellor Olaf Scholz promising personal help in solving the dispute with Poland.\n',
  );
  assert.equal(e?.trigger, 'promising');
  assert.match(e?.actor ?? '', /Scholz/);
});

test('a gerund completing a modal’s verb phrase is hypothetical, in its own type', () => {
  const [e] = coded('Title\n\nThis would involve the plan being endorsed by the African Union.\n');
  assert.equal(e?.type, 'SUPPORT');
  assert.equal(e?.status, 'hypothetical');
  assert.equal(e?.statusRule, 'events:status.gerund-under-modal');
  const control = coded('Title\n\nThis involved the plan being endorsed by the African Union.\n');
  assert.equal(control[0]?.status, 'asserted');
});

test('"failing to" negates the act it governs', () => {
  const [e] = coded('Title\n\nKenya is failing to allow foreign banks access to its markets.\n');
  assert.equal(e?.status, 'negated');
  const control = coded('Title\n\nKenya will allow foreign banks access to its markets.\n');
  assert.notEqual(control[0]?.status, 'negated');
});

test('goods flown somewhere are carried, no one visits; a leader who flies there does', () => {
  const carried = coded('Title\n\nThe equipment was flown to Kenya on Tuesday.\n');
  assert.equal(carried.filter((x) => x.type === 'CONSULT').length, 0);
  const visit = coded('Title\n\nThe Ugandan president flew to Kenya on Tuesday.\n');
  assert.equal(visit[0]?.type, 'CONSULT');
});

test('an all-caps sentence is recognised and truecased around its names, offsets unchanged', () => {
  const text = 'KENYA WARNS THAT INFLATION MIGHT SPREAD';
  const layer = tokenizeRange(text);
  assert.equal(isAllCaps(text, layer, 0, layer.count), true);
  const mixed = 'Kenya warns that inflation might spread';
  const mixedLayer = tokenizeRange(mixed);
  assert.equal(isAllCaps(mixed, mixedLayer, 0, mixedLayer.count), false);
  const out = truecased(text, 0, text.length, [{ start: 0, end: 5 }]);
  assert.equal(out, 'Kenya warns that inflation might spread');
  assert.equal(truecased('U.S. AND IMF TALKS', 0, 18, [{ start: 0, end: 4 }]), 'U.S. and imf talks');
});

test('an all-caps headline is coded as its mixed-case form is', () => {
  const body = '\n\nThe central bank spoke on Monday.\n';
  const caps = coded(`KENYA WARNS INFLATION MIGHT SPREAD${body}`);
  const mixed = coded(`Kenya warns inflation might spread${body}`);
  // A forecast, not a threat, in either case (the tagger read the capitals as names before).
  assert.equal(caps.filter((x) => x.type === 'THREATEN').length, 0);
  assert.deepEqual(
    caps.map((x) => [x.type, x.status]),
    mixed.map((x) => [x.type, x.status]),
  );
});
