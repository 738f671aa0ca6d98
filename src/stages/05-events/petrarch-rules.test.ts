import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import { compileLexicon } from './compile-lexicon.js';
import { explainEvents } from './events-stage.js';

const sides = [
  { id: 'country:RUS', type: 'country' as const, country: 'RUS', at: [{ text: 'Russia' }] },
  { id: 'country:UKR', type: 'country' as const, country: 'UKR', at: [{ text: 'Ukraine' }] },
];

function coded(sentence: string) {
  const present = sides.filter((e) => e.at.every((a) => sentence.includes(a.text)));
  const { events, sentences } = explainEvents(docFromLines([sentence], present));
  return {
    events: events.map((e) => [e.type, e.rule, e.cameo, e.actor?.country, e.recipient?.country]),
    rejected: sentences.flatMap((s) => s.rejected.map((r) => `${r.rule} ${r.reason}`)),
  };
}

test('PETRARCH import: thousands of patterns compiled, each rule id naming its block and line', () => {
  const lexicon = compileLexicon();
  assert.ok(lexicon.importedCount > 4000, `${lexicon.importedCount} imported rules`);
  const rushed = (lexicon.byHead.get('rushed') ?? []).filter((r) => r.imported);
  assert.ok(rushed.length > 5);
  for (const r of rushed) assert.match(r.spec.id, /^petrarch:[a-z_]+\.\d+$/);
});

test('PETRARCH import: a pattern codes what no own rule lists, mapped to PLOVER by the codebook table', () => {
  const r = coded('Russia rushed aid to Ukraine.');
  assert.deepEqual(r.events, [['AID', 'petrarch:accelerate.719', '070', 'RUS', 'UKR']]);
});

test('PETRARCH import: a verb needs both sides named, as PETRARCH codes only between known actors', () => {
  const r = coded('Russia rushed aid to the region.');
  assert.deepEqual(r.events, []);
});

test('PETRARCH import: our own rule wins where both match', () => {
  const r = coded('Russia attacked Ukraine.');
  assert.equal(r.events.length, 1);
  assert.match(String(r.events[0]?.[1]), /^events:assault\./);
});

test('PETRARCH import: a null-code pattern makes the words no event, and says so', () => {
  const r = coded('Russia halted the search for Ukraine.');
  assert.deepEqual(r.events, []);
  assert.ok(
    r.rejected.some((x) => x.startsWith('petrarch:cancel.') && x.endsWith('null-pattern')),
    r.rejected.join('; '),
  );
});

test('PETRARCH import: without the imported data only our own rules compile', () => {
  const own = compileLexicon(undefined, null);
  assert.equal(own.importedCount, 0);
  for (const rules of own.byHead.values()) for (const r of rules) assert.ok(!r.imported);
});

test('the event detector vetoes an imported match in a sentence that holds no political event', () => {
  const sport = 'Russia rushed the ball to Ukraine in the second half of the rugby match.';
  const doc = docFromLines([sport], sides);
  assert.equal(explainEvents(doc, { classifier: false }).events.length, 1, 'the pattern matches');
  const { events, sentences } = explainEvents(doc);
  assert.deepEqual(events, []);
  const veto = sentences.flatMap((s) => s.rejected).find((r) => r.reason === 'classifier-veto');
  assert.ok(veto?.rule.startsWith('petrarch:'));
  assert.ok((veto?.score ?? 1) < 0.2);
});
