import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../core/doc.js';
import { createDoc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { dictionaryReadings } from './cameo-readings.js';
import {
  chooseRoot,
  classOf,
  RESIDUAL_ROOT,
  readingsInTextOrder,
  ruleRoots,
  sentenceRoot,
} from './cameo-root.js';

const analyzed = (text: string): Doc =>
  analyzeDoc(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));

test('cameo root: the readings in text order — a statement before the event it reports comes first', () => {
  const before = analyzed('The ministry said that troops attacked the village.');
  const roots = ruleRoots(before);
  assert.ok(roots.length >= 2, `readings ${roots.join(',')}`);
  assert.equal(roots[0], '01');
  assert.equal(sentenceRoot(before).root, '01');
  const after = analyzed('Troops attacked the village, the ministry said.');
  const r = sentenceRoot(after);
  assert.notEqual(r.root, '01');
  assert.equal(classOf(r.root), '4');
  assert.equal(r.by, 'rule');
});

test('cameo root: no reading gives the residual 01 (CAMEO 010, not specified below)', () => {
  const doc: Pick<Doc, 'events' | 'statements'> = { events: [], statements: [] };
  assert.deepEqual(sentenceRoot(doc), { root: RESIDUAL_ROOT, by: 'residual' });
  assert.equal(RESIDUAL_ROOT, '01');
});

test('cameo root: classes of the ConfliBERT scheme; the class model chooses a reading of its class', () => {
  assert.equal(classOf('01'), '0');
  assert.equal(classOf('14'), '4');
  assert.equal(classOf('16'), '3');
  assert.equal(classOf('06'), '2');
  assert.equal(classOf('99'), undefined);
  const usual = { '0': '01', '1': '03', '2': '08', '3': '12', '4': '19' };
  assert.deepEqual(chooseRoot(['01', '18'], '4', 0.9, usual), { root: '18', cls: '4', p: 0.9, by: 'rule' });
  assert.deepEqual(chooseRoot(['01'], '2', 0.6, usual), { root: '08', cls: '2', p: 0.6, by: 'usual' });
});

test('cameo root: PETRARCH2 dictionary readings, every root, only when asked for', () => {
  const doc = analyzed('He criticized the plan.');
  const read = dictionaryReadings(doc);
  assert.equal(read[0]?.cameo.slice(0, 2), '11');
  assert.match(read[0]?.rule ?? '', /^petrarch:/);
  // As if the events stage had set every reading aside:
  const bare = { ...doc, events: [], statements: [] };
  assert.equal(sentenceRoot(bare).root, RESIDUAL_ROOT);
  assert.deepEqual(sentenceRoot(bare, true), { root: '11', by: 'dictionary' });
  assert.equal(dictionaryReadings(analyzed('Troops shelled the town.'))[0]?.cameo.slice(0, 2), '19');
});

test('cameo root: a statement that carries its speaker own act gives way to the act (cameo:root.self-report)', () => {
  // The speaker reports its own act: the act is the reading, not a statement 010.
  const own = analyzed('The ministry said it had expelled three diplomats from Ruritania.');
  assert.equal(ruleRoots(own)[0], '16');
  assert.deepEqual(sentenceRoot(own), { root: '16', by: 'rule', rule: 'cameo:root.self-report' });
  // Control: the speaker reports another's act, the statement stays first.
  const other = analyzed('The ministry said that Ruritania had expelled three diplomats.');
  assert.equal(sentenceRoot(other).root, '01');
  // Control: claiming an act is a CAMEO 01 act of its own (015), kept.
  const claim = analyzed('The rebels claimed that they had attacked the army base.');
  assert.equal(sentenceRoot(claim).root, '01');
});

test('cameo root: cooperation refused is a rejection, called off a reduction of relations (cameo:root.refusal, called-off)', () => {
  const refused = analyzed('France will not release the two sailors.');
  assert.equal(refused.events?.[0]?.status, 'negated');
  assert.deepEqual(sentenceRoot(refused), { root: '12', by: 'rule', rule: 'cameo:root.refusal' });
  assert.equal(readingsInTextOrder(refused)[0]?.cameo, '124');
  assert.equal(sentenceRoot(analyzed('Ruritania cannot accept more refugees from Freedonia.')).root, '12');
  // Controls: the act done, and a past negation, keep the act's own root.
  assert.equal(sentenceRoot(analyzed('France released the two sailors.')).root, '08');
  assert.equal(sentenceRoot(analyzed('Ruritania did not lift the embargo on Freedonia.')).root, '08');
  const cancelled = analyzed('Prime Minister Imran Khan has cancelled a planned visit to Malaysia.');
  assert.equal(readingsInTextOrder(cancelled)[0]?.cameo, '160');
  assert.equal(sentenceRoot(cancelled).rule, 'cameo:root.called-off');
  assert.equal(sentenceRoot(analyzed('Prime Minister Imran Khan has paid a visit to Malaysia.')).root, '04');
});
