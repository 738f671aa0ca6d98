import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromText } from '../../../../test/support/test-doc.js';
import type { Doc, Entity } from '../../../core/doc.js';
import { annotateEntities } from './annotate-entities.js';

// The hand-written name rules, as `names: 'rules'` runs them (the trained tagger is the default;
// its cases are in name-tagger.test.ts).
function run(text: string): { doc: Doc; list: Entity[] } {
  const doc = docFromText(text);
  // The text-based rules alone: no knowledge source (Phoenix, gazetteer) adds a country here.
  return {
    doc,
    list:
      annotateEntities(doc, { names: 'rules', resolve: { phoenix: false, gazetteer: false } }).entities ?? [],
  };
}
const surfaces = (doc: Doc, e: Entity | undefined) =>
  (e?.mentions ?? []).map((m) => doc.text.slice(m.start, m.end));
const named = (list: Entity[], name: string) => list.find((e) => e.name === name);

test('a given name opens a person; later surnames and "Ms Hewitt" link to the full name', () => {
  const { doc, list } = run(
    'Patricia Hewitt opened the clinic on Monday. Ms Hewitt said funding was secure. Hewitt left early.',
  );
  const hewitt = named(list, 'Patricia Hewitt');
  assert.equal(hewitt?.type, 'person');
  assert.deepEqual(surfaces(doc, hewitt), ['Patricia Hewitt', 'Hewitt', 'Hewitt']);
  assert.equal(hewitt?.country, undefined, 'no country without support in the text');
  assert.equal(list.filter((e) => e.type === 'person').length, 1);
});

test('an honorific opens a person and stays out of the span', () => {
  const { doc, list } = run('Mr Blair and then Dr Okonkwo arrived. Later Dr Lindqvist spoke.');
  const people = list.filter((e) => e.type === 'person');
  assert.deepEqual(
    people.map((e) => surfaces(doc, e)[0]),
    ['Blair', 'Okonkwo', 'Lindqvist'],
  );
  assert.equal(people[0]?.mentions[0]?.rule, 'entities:person.honorific');
});

test('a two-word capitalised name before a reporting verb is a person; a lone capital is not', () => {
  const { list } = run(
    'Halvard Lindqvist said the port would reopen. However, nothing changed. Wednesday Lindqvist',
  );
  const p = named(list, 'Halvard Lindqvist');
  assert.equal(p?.type, 'person');
  assert.equal(p?.mentions[0]?.rule, 'entities:person.reporting-verb');
  assert.equal(named(list, 'However'), undefined);
  assert.ok(!list.some((e) => e.name.startsWith('Wednesday')));
});

test('a sentence-initial capital before a given name is not part of the name', () => {
  const { doc, list } = run('Yesterday Gordon Brown spoke.');
  const p = list.find((e) => e.type === 'person');
  assert.deepEqual(surfaces(doc, p), ['Gordon Brown']);
});

test('organisation head words give organisations with their sector and country from the text', () => {
  const { doc, list } = run(
    'The Conservative Party met bankers from the Bank of Oslo and the Russian Central Bank.',
  );
  const party = named(list, 'Conservative Party');
  assert.equal(party?.type, 'organization');
  assert.equal(party?.sector, 'POL');
  assert.equal(named(list, 'Bank of Oslo')?.sector, 'BUS');
  const cb = named(list, 'Russian Central Bank');
  assert.equal(cb?.country, 'RUS');
  assert.deepEqual(surfaces(doc, cb), ['Russian Central Bank']);
  // A head word alone is no organisation.
  assert.equal(run('The Party decided.').list.length, 0);
});

test('a club name ends in a club word and takes a place in; it has no sector', () => {
  const { list } = run('Fans of Wexford Rovers sang.');
  const club = named(list, 'Wexford Rovers');
  assert.equal(club?.type, 'organization');
  assert.equal(club?.sector, undefined);
});

test('an acronym defined in brackets joins the organisation and is found again later', () => {
  const { doc, list } = run(
    'The Coastal Fisheries Authority (CFA) closed the bay. Later the CFA reopened it.',
  );
  const cfa = named(list, 'Coastal Fisheries Authority');
  assert.deepEqual(surfaces(doc, cfa), ['Coastal Fisheries Authority', 'CFA', 'CFA']);
  assert.equal(cfa?.sector, 'GOV');
});

test('the words inside a listed organisation or leader name never start another name', () => {
  const { doc, list } = run(
    'The World Health Organization (WHO) met the UN Security Council. WHO staff said Recep Tayyip Erdogan said nothing.',
  );
  assert.deepEqual(
    list.map((e) => [e.id, surfaces(doc, e)]),
    [
      ['org:who', ['World Health Organization', 'WHO', 'WHO']],
      ['org:un-security-council', ['UN Security Council']],
      ['person:recep-tayyip-erdogan', ['Recep Tayyip Erdogan']],
    ],
  );
});

test('a demonym and role words before a found name give the person a country and sector', () => {
  const { list } = run('Palestinian leader Yasser Arafat rejected the plan.');
  const p = named(list, 'Yasser Arafat');
  assert.equal(p?.country, 'PSE');
  assert.equal(p?.sector, 'GOV');
  assert.equal(p?.role, 'leader');
  const plain = run('Ngozi Okonjo met Yasser Arafat.').list;
  assert.equal(named(plain, 'Yasser Arafat')?.country, undefined);
});
