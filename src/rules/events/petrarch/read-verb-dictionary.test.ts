import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ploverFor, readCameoPlover } from './read-cameo-plover.js';
import { readVerbDictionary } from './read-verb-dictionary.js';

// A small dictionary in PETRARCH's format, written here for the test.
const sample = [
  '# comment line',
  '####### SYNONYM SETS #######',
  '&CROP',
  '+WHEAT',
  '+RICE_',
  '+CORN',
  '',
  '&PARTICLE_',
  '+UP',
  '####### VERB PATTERNS #######',
  '---  SHIP   [070]  ---',
  'SHIP {SHIPS SHIPPED SHIPPING }  # irregular spelling given',
  'SEND [---]',
  '+HAND_OVER [0841]',
  '- * &CROP (TO +)                      [0731]    # SHIP',
  '- * {SPARE PARTS}                     [072]     # SHIP',
  '- EMERGENCY * AID                     [0733]    # SHIP',
  '- * GREETINGS                         [---]     # SEND',
  '- no star here [111]',
  '',
  '---  MUMBLE   [---]  ---',
  'MUMBLE',
  '######## TRANSFORMATIONS ##########',
  '~ a (a b ATTACK) SAY = a b 015',
].join('\n');

test('PETRARCH dictionary: synonym sets get regular plurals unless marked with _', () => {
  const d = readVerbDictionary(sample);
  assert.deepEqual(d.synsets.CROP, ['wheat', 'wheats', 'rice', 'corn', 'corns']);
  assert.deepEqual(d.synsets.PARTICLE, ['up']);
});

test('PETRARCH dictionary: blocks, verbs with their own codes and irregular forms, phrasal verbs', () => {
  const d = readVerbDictionary(sample);
  assert.deepEqual(
    d.blocks.map((b) => [b.name, b.code, b.verbs.length, b.patterns.length]),
    [
      ['ship', '070', 3, 4],
      ['mumble', null, 1, 0],
    ],
  );
  const [ship, send, hand] = d.blocks[0]?.verbs ?? [];
  assert.deepEqual(ship?.forms, ['ship', 'ships', 'shipped', 'shipping']);
  assert.equal(ship?.code, undefined);
  assert.equal(send?.code, undefined, '[---] on a verb: no code of its own');
  assert.deepEqual([hand?.head, hand?.after, hand?.code], ['hand', ['over'], '0841']);
});

test('PETRARCH dictionary: patterns keep words before and after the verb, sets, phrases and the target preposition', () => {
  const d = readVerbDictionary(sample);
  const [crop, parts, emergency, greetings] = d.blocks[0]?.patterns ?? [];
  assert.deepEqual(crop, {
    line: 15,
    code: '0731',
    before: [],
    after: [{ syn: 'CROP' }, { prep: 'to' }],
    targetPrep: 'to',
  });
  assert.deepEqual(parts?.after, [{ words: ['spare', 'parts'] }]);
  assert.deepEqual([emergency?.before, emergency?.after], [[{ words: ['emergency'] }], [{ words: ['aid'] }]]);
  assert.equal(greetings?.code, null, '[---] makes the words no event');
});

test('CAMEO → PLOVER table: type, mode and context; a code takes its nearest listed ancestor', () => {
  const table = readCameoPlover(
    [
      '# header',
      '04: CONSULT',
      '042: CONSULT, visit,   # Make a visit',
      '0356: AGREE,  ,   military # Express intent to de-escalate',
      'garbage line',
    ].join('\n'),
  );
  assert.deepEqual(table['042'], { type: 'CONSULT', mode: 'visit', name: 'Make a visit' });
  assert.deepEqual(table['0356']?.context, ['military']);
  assert.equal(ploverFor(table, '0421')?.mode, 'visit');
  assert.equal(ploverFor(table, '046')?.type, 'CONSULT');
  assert.equal(ploverFor(table, '010'), undefined, 'CAMEO 01 is not in PLOVER');
});
