import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromText } from '../../../../test/support/test-doc.js';
import type { Doc, Entity, Mention } from '../../../core/doc.js';
import { annotateEntities } from './annotate-entities.js';

function analyse(text: string, published?: string): { doc: Doc; list: Entity[] } {
  const doc = docFromText(text);
  if (published) doc.source.published = published;
  else delete doc.source.published;
  const list = annotateEntities(doc).entities ?? [];
  return { doc, list };
}

function mentionOf(doc: Doc, list: Entity[], surface: string): { e: Entity; m: Mention } {
  for (const e of list) {
    for (const m of e.mentions) if (doc.text.slice(m.start, m.end) === surface) return { e, m };
  }
  throw new Error(`no mention "${surface}" among ${list.map((e) => e.name).join(', ')}`);
}

test('a titled surname resolves through the Phoenix dictionaries by the document date', () => {
  const text = 'President Reagan imposed tariffs on Japanese goods on Friday.';
  const { doc, list } = analyse(text, '1987-03-27');
  const { e, m } = mentionOf(doc, list, 'President Reagan');
  assert.equal(e.country, 'USA');
  assert.equal(e.sector, 'GOV');
  assert.equal(m.actor?.rule, 'kb:phoenix');
  assert.equal(m.actor?.country, 'USA');
  // "Japanese goods": the demonym names no agent.
  assert.equal(mentionOf(doc, list, 'Japanese').m.actor?.sector, undefined);
});

test('a lone surname shared by two listed people needs the date to decide', () => {
  const text = 'Nakasone said Japan would respond.';
  assert.equal(
    mentionOf(analyse(text, '1987-03-27').doc, analyse(text, '1987-03-27').list, 'Nakasone').e.country,
    'JPN',
  );
  const undated = analyse(text);
  assert.equal(mentionOf(undated.doc, undated.list, 'Nakasone').e.country, undefined);
});

test('agents after a demonym or a possessive give the mention its sector', () => {
  const { doc, list } = analyse('Iraqi naval units sank six boats. Iran’s navy said it repelled the attack.');
  const iraqi = mentionOf(doc, list, 'Iraqi').m.actor;
  assert.equal(iraqi?.country, 'IRQ');
  assert.equal(iraqi?.sector, 'MIL');
  assert.equal(iraqi?.rule, 'entities:demonym-agent');
  assert.equal(iraqi && doc.text.slice(iraqi.agent?.start, iraqi.agent?.end), 'naval units');
  const iran = mentionOf(doc, list, 'Iran').m.actor;
  assert.equal(iran?.sector, 'MIL');
  assert.equal(iran?.rule, 'entities:possessive-agent');
  // The entity itself stays the country, without a sector.
  assert.equal(mentionOf(doc, list, 'Iran').e.sector, undefined);
});

test('a capital is the government as a speaker and a place after a locative preposition', () => {
  const { doc, list } = analyse(
    'Beijing said the talks went well. Thousands protested in Buenos Aires on Sunday.',
  );
  const beijing = mentionOf(doc, list, 'Beijing').m.actor;
  assert.equal(beijing?.country, 'CHN');
  assert.equal(beijing?.sector, 'GOV');
  assert.equal(beijing?.rule, 'entities:capital-metonym');
  const ba = mentionOf(doc, list, 'Buenos Aires').m.actor;
  assert.equal(ba?.place, true);
  assert.equal(ba?.sector, undefined);
  assert.equal(ba?.country, 'ARG');
  assert.equal(ba?.rule, 'entities:capital-as-place');
});

test('cities no list names get a country and coordinates from the gazetteer, or stay unresolved', () => {
  const { doc, list } = analyse('Officials met in Dnipro and later in Springfield.');
  const dnipro = mentionOf(doc, list, 'Dnipro');
  assert.equal(dnipro.e.country, 'UKR');
  assert.ok(dnipro.e.lat !== undefined && Math.abs(dnipro.e.lat - 48.45) < 0.2);
  assert.match(dnipro.m.actor?.rule ?? '', /^kb:gazetteer/);
  assert.equal(dnipro.m.actor?.lat, dnipro.e.lat);
  const springfield = mentionOf(doc, list, 'Springfield');
  assert.equal(springfield.e.country, undefined, 'many Springfields, no country in the article');
});

test('the knowledge sources can be switched off', () => {
  const doc = docFromText('President Reagan spoke in Dnipro.');
  doc.source.published = '1987-03-27';
  const list = annotateEntities(doc, { resolve: { phoenix: false, gazetteer: false } }).entities ?? [];
  assert.equal(mentionOf(doc, list, 'President Reagan').e.country, undefined);
  assert.equal(mentionOf(doc, list, 'Dnipro').e.lat, undefined);
});

test('"the two leaders" refers to the two people named last; "the president" to the one president', () => {
  const { doc, list } = analyse(
    'President Joe Biden met Chinese Premier Li Qiang in Woodside on Wednesday. The two leaders agreed to resume military talks. The president said the talks were candid.',
    '2023-11-16',
  );
  const refs = (name: string) =>
    list
      .find((e) => e.name === name)
      ?.mentions.filter((m) => m.form === 'reference')
      .map((m) => [doc.text.slice(m.start, m.end), m.rule]);
  assert.deepEqual(refs('Li Qiang'), [['The two leaders', 'entities:group-reference']]);
  assert.deepEqual(refs('Joe Biden'), [
    ['The two leaders', 'entities:group-reference'],
    ['The president', 'entities:role-reference'],
  ]);
  // One person named: no group to refer to; two presidents: "the president" is left alone.
  const one = analyse('President Joe Biden spoke. The two leaders met later.');
  assert.equal(one.list.flatMap((e) => e.mentions).filter((m) => m.form === 'reference').length, 0);
  const two = analyse('President Joe Biden met President Emmanuel Macron. The president said little.');
  assert.equal(two.list.flatMap((e) => e.mentions).filter((m) => m.form === 'reference').length, 0);
});

test('at the cap of mentions the tagger stops early, and what is kept is what an uncapped run finds first', () => {
  const names = ['Ada Obi', 'Lars Berg', 'Mina Sato', 'Tomas Ruiz', 'Ivo Petrov'];
  const lines: string[] = [];
  for (let k = 0; k < 400; k++) lines.push(`${names[k % 5]} met ${names[(k + 2) % 5]} in Oslo on Monday.`);
  const doc = docFromText(lines.join(' '));
  const spans = (list: Entity[]) =>
    list
      .flatMap((e) => e.mentions.map((m) => `${m.start}:${e.id}`))
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const all = spans(annotateEntities(doc).entities ?? []);
  const capped = annotateEntities(doc, { caps: { mentions: 30 } });
  assert.ok(all.length > 1000);
  assert.deepEqual(spans(capped.entities ?? []), all.slice(0, 30));
  assert.ok(capped.diagnostics?.some((d) => d.ruleId === 'entities:cap-reached'));
});

test('a lone surname of someone the article names in full is that person, not a namesake the dictionaries know', () => {
  const { doc, list } = analyse(
    "Howard's unfinished business\n\nMichael Howard spoke at the party's conference. Later Howard met supporters from Australia.",
    '2005-03-06',
  );
  const howard = mentionOf(doc, list, 'Howard');
  assert.notEqual(howard.e.country, 'AUS', 'not John Howard, Australia’s prime minister then');
  assert.equal(howard.m.actor?.country, mentionOf(doc, list, 'Michael Howard').e.country);
});

test('a place in a country the article names, but suburbs yield to towns: else unresolved rather than wrong', () => {
  // Australia's Brightons are suburbs (PPLX); England's is a town, but the USA has two of a
  // quarter its size: no clear reading.
  const { doc, list } = analyse('The party met in Brighton. Its adviser came from Australia.', '2005-03-06');
  assert.equal(mentionOf(doc, list, 'Brighton').e.country, undefined);
  const other = analyse('Officials met in Dalian, China, on Monday.', '1987-06-19');
  assert.equal(mentionOf(other.doc, other.list, 'Dalian').m.actor?.rule, 'kb:gazetteer:article-country');
});

test('coordinated demonyms share the agent noun; capitalised title words stay in the agent phrase', () => {
  const { doc, list } = analyse(
    "Hungarian and Romanian officials met on Tuesday. Peru's Vice Foreign Minister left.",
  );
  const hun = mentionOf(doc, list, 'Hungarian').m.actor;
  assert.equal(hun?.sector, 'GOV');
  assert.equal(hun?.rule, 'entities:demonym-shared-agent');
  assert.equal(mentionOf(doc, list, 'Romanian').m.actor?.rule, 'entities:demonym-agent');
  const peru = mentionOf(doc, list, 'Peru').m.actor;
  assert.equal(peru?.sector, 'GOV');
  assert.equal(peru?.rule, 'entities:possessive-agent');
});

test('a titled surname the dictionaries list in its titled form resolves by that form', () => {
  const { doc, list } = analyse('President Bush threatened further action against Russia.', '2000-01-01');
  const { e, m } = mentionOf(doc, list, 'President Bush');
  assert.equal(e.country, 'USA');
  assert.equal(m.actor?.rule, 'kb:phoenix');
});

test('an apposition with a country and an agent noun places a person no list knows', () => {
  const { doc, list } = analyse(
    'Tomas Verlinde, Belgium’s chief trade negotiator, met the delegation on Monday.',
    '2010-05-01',
  );
  const { e, m } = mentionOf(doc, list, 'Tomas Verlinde');
  assert.equal(e.country, 'BEL');
  assert.equal(e.sector, 'GOV');
  assert.equal(m.actor?.rule, 'entities:apposition');
  // Without an agent noun the apposition says nothing of the person.
  const plain = analyse('Tomas Verlinde, Belgium’s pride, met the delegation on Monday.', '2010-05-01');
  assert.equal(mentionOf(plain.doc, plain.list, 'Tomas Verlinde').e.country, undefined);
});

test('"former" before a title makes the person an elite (ELI), not the government', () => {
  const { list } = analyse('Former Prime Minister Tomas Verlinde criticised the plan.', '2010-05-01');
  const e = list.find((x) => x.name === 'Tomas Verlinde');
  assert.equal(e?.sector, 'ELI');
  assert.equal(e?.mentions[0]?.actor?.rule, 'entities:former-title');
  const serving = analyse('Prime Minister Tomas Verlinde criticised the plan.', '2010-05-01');
  assert.equal(serving.list.find((x) => x.name === 'Tomas Verlinde')?.sector, 'GOV');
});

test('no agent phrase runs across a preposition or a reporting verb after a country', () => {
  const { doc, list } = analyse(
    'Kenya accused Somalia of supporting militias. Russia said rebels shelled the town.',
  );
  assert.equal(mentionOf(doc, list, 'Somalia').m.actor?.sector, undefined);
  assert.equal(mentionOf(doc, list, 'Russia').m.actor?.sector, undefined);
});

test('a plural demonym standing as a noun is the country’s people (CVL), not its state', () => {
  const { doc, list } = analyse('Thousands of Iraqis marched on Friday. Iraqi police dispersed them.');
  const people = mentionOf(doc, list, 'Iraqis').m.actor;
  assert.equal(people?.country, 'IRQ');
  assert.equal(people?.sector, 'CVL');
  assert.equal(people?.rule, 'entities:demonym-people');
  assert.equal(mentionOf(doc, list, 'Iraqi').m.actor?.sector, 'COP');
});

test('a people named after a demonym is that country’s civilians; its adjective takes the agent’s sector', () => {
  const { doc, list } = analyse(
    'Syrian Kurds held a rally on Friday. Sri Lankan Tamils fled the fighting. Iraqi Kurdish forces took the town.',
  );
  const syrian = mentionOf(doc, list, 'Syrian').m.actor;
  assert.equal(syrian?.country, 'SYR');
  assert.equal(syrian?.sector, 'CVL');
  assert.equal(syrian?.rule, 'entities:demonym-ethnic');
  assert.equal(syrian && doc.text.slice(syrian.agent?.start, syrian.agent?.end), 'Kurds');
  assert.equal(mentionOf(doc, list, 'Sri Lankan').m.actor?.sector, 'CVL');
  const iraqi = mentionOf(doc, list, 'Iraqi').m.actor;
  assert.equal(iraqi?.sector, 'MIL');
  assert.equal(iraqi?.rule, 'entities:demonym-ethnic-agent');
});

test('a plural demonym of another country after a demonym names a people of the first', () => {
  const { doc, list } = analyse('On Sunday many Estonian Russians voted for the first time.');
  const m = mentionOf(doc, list, 'Estonian').m.actor;
  assert.equal(m?.country, 'EST');
  assert.equal(m?.sector, 'CVL');
});

test('"ethnic" marks a group by descent: the country it lives in, not its kin state', () => {
  const { doc, list } = analyse(
    'Ethnic Hungarians in Slovakia protested on Monday. Ethnic Serbs blocked the road near the border.',
  );
  const placed = mentionOf(doc, list, 'Hungarians').m.actor;
  assert.equal(placed?.rule, 'entities:ethnic-group');
  assert.equal(placed?.country, 'SVK');
  assert.equal(placed?.sector, 'CVL');
  const unplaced = mentionOf(doc, list, 'Serbs').m.actor;
  assert.equal(unplaced?.rule, 'entities:ethnic-group');
  assert.equal(unplaced?.country, undefined);
  assert.equal(unplaced?.sector, 'CVL');
});

test('a country name misspelt by one letter added, dropped or swapped is that country', () => {
  const { doc, list } = analyse(
    "On Monday, Afganistan's army shelled the town. Officials in Tanzanai said the talks failed.",
  );
  const afg = mentionOf(doc, list, 'Afganistan');
  assert.equal(afg.e.country, 'AFG');
  assert.equal(afg.m.rule, 'entities:country-misspelt');
  assert.equal(afg.m.actor?.sector, 'MIL');
  assert.equal(mentionOf(doc, list, 'Tanzanai').e.country, 'TZA');
  // A first name of someone named in full is no misspelt country ("Chinua" is a letter from China).
  const person = analyse('Chinua Achebe wrote a novel. Chinua’s novel sold well.');
  for (const e of person.list) assert.notEqual(e.country, 'CHN');
});

test('"COUNTRY’s agent, NAME": the person named after the comma takes the country and sector', () => {
  const { doc, list } = analyse("Ghana's president, John Kufuor, arrived in Accra.");
  const { e, m } = mentionOf(doc, list, 'John Kufuor');
  assert.equal(e.country, 'GHA');
  assert.equal(e.sector, 'GOV');
  assert.equal(m.actor?.rule, 'entities:apposition');
});

test('a country’s agent phrase inside a prepositional phrase is no apposition of the name after the comma', () => {
  const { doc, list } = analyse('After the closure of Peru’s embassy, Tom Hartley wrote a letter.');
  const { e, m } = mentionOf(doc, list, 'Tom Hartley');
  assert.equal(e.country, undefined);
  assert.notEqual(m.actor?.rule, 'entities:apposition');
});

test('a person titled as the office holder of a body of no country acts for the body', () => {
  // The Phoenix dictionaries give this person a country of his own; the title in the text wins.
  const { doc, list } = analyse(
    'NATO Secretary General Jaap de Hoop Scheffer announced that he will withdraw troops.',
  );
  const { m } = mentionOf(doc, list, 'Secretary General Jaap de Hoop Scheffer');
  assert.equal(m.actor?.rule, 'entities:body-title');
  assert.equal(m.actor?.sector, 'IGO');
  assert.equal(m.actor?.country, undefined);
  // A country's office is no body's: the country stays.
  const uk = analyse('Italian Foreign Minister Franco Frattini announced that he will withdraw troops.');
  const minister = uk.list.find((x) => x.type === 'person');
  assert.ok(minister);
  assert.equal(minister.mentions[0]?.actor?.country, 'ITA');
  assert.notEqual(minister.mentions[0]?.actor?.rule, 'entities:body-title');
});

test('a titled full name takes the country of listed namesakes only when one shares its initial', () => {
  // The dictionaries list John Howard (Australia): "Minister Michael Howard" is not him.
  const howard = analyse(
    'Corporate Affairs Minister Michael Howard will visit Tokyo next week.',
    '1987-04-03',
  );
  assert.equal(howard.list.find((e) => e.name === 'Michael Howard')?.country, undefined);
  // A lone titled surname still takes the country every listed namesake shares.
  const { doc, list } = analyse('President Bush threatened further action against Russia.', '2000-01-01');
  assert.equal(mentionOf(doc, list, 'President Bush').e.country, 'USA');
});
