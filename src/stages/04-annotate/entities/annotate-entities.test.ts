import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_ARTICLE, skipWithoutData } from '../../../../test/support/shared-data.js';
import { docFromText } from '../../../../test/support/test-doc.js';
import type { Doc, Entity } from '../../../core/doc.js';
import { runStage } from '../../../core/runner.js';
import { annotateEntities, entitiesStage } from './annotate-entities.js';

function entities(doc: Doc): Entity[] {
  const r = annotateEntities(doc);
  assert.ok(r.entities);
  return r.entities;
}

const surfaces = (doc: Doc, e: Entity | undefined) =>
  (e?.mentions ?? []).map((m) => doc.text.slice(m.start, m.end));
const byId = (list: Entity[], id: string) => list.find((e) => e.id === id);

const fixture = new URL('../../../../test/fixtures/annotate/summit-visit/input.txt', import.meta.url);

test('fixture: titled people, leaders, surnames, countries, orgs and places', () => {
  const doc = docFromText(readFileSync(fixture, 'utf8'), ['Advertisement']);
  const list = entities(doc);

  const erdogan = byId(list, 'person:recep-tayyip-erdogan');
  assert.equal(erdogan?.country, 'TUR');
  assert.equal(erdogan?.role, 'president');
  assert.deepEqual(surfaces(doc, erdogan), ['President Recep Tayyip Erdogan', 'Erdogan']);
  assert.equal(erdogan?.mentions[0]?.form, 'title-name');

  const scholz = byId(list, 'person:olaf-scholz');
  assert.equal(scholz?.country, 'DEU');
  assert.equal(scholz?.role, 'chancellor');

  // No country in the text: it comes from leaders.json.
  const starmer = byId(list, 'person:keir-starmer');
  assert.equal(starmer?.country, 'GBR');
  assert.equal(starmer?.role, 'prime minister', 'the title in the text wins over the kb role');
  assert.deepEqual(surfaces(doc, starmer), ['Prime Minister Keir Starmer', 'Starmer']);

  const tur = byId(list, 'country:TUR');
  assert.deepEqual(surfaces(doc, tur), ['Ankara', 'Turkish', 'Ankara']);
  assert.deepEqual(
    tur?.mentions.map((m) => m.form),
    ['capital', 'demonym', 'capital'],
  );
  assert.ok(!surfaces(doc, tur).includes('turkey'), 'lowercase "turkey" is food');
  assert.deepEqual(surfaces(doc, byId(list, 'country:USA')), ['U.S.']);
  assert.deepEqual(surfaces(doc, byId(list, 'country:GBR')), ['Britain']);
  assert.equal(byId(list, 'org:reuters')?.sector, 'MED');
  assert.equal(byId(list, 'city:istanbul')?.country, 'TUR');

  // Sorted by first mention; the headline counts.
  const firsts = list.map((e) => e.mentions[0]?.start ?? -1);
  assert.deepEqual(
    firsts,
    [...firsts].sort((a, b) => a - b),
  );
  for (const e of list) {
    for (const m of e.mentions) assert.ok(!doc.text.slice(m.start, m.end).includes('Advertisement'));
  }
});

test('unknown titled person gets a slug id and later surname mentions', () => {
  const doc = docFromText(
    'Chinese Foreign Minister Qin Gang met Kenyan Defence Minister Aden Duale. Later, Qin and Duale spoke.',
  );
  const list = entities(doc);
  const qin = byId(list, 'person:qin-gang');
  assert.equal(qin?.country, 'CHN');
  assert.equal(qin?.role, 'foreign minister');
  assert.equal(qin?.sector, 'GOV');
  assert.deepEqual(surfaces(doc, qin), ['Foreign Minister Qin Gang', 'Qin']);
  assert.equal(qin?.mentions[1]?.form, 'surname');
  assert.equal(byId(list, 'country:KEN')?.mentions[0]?.form, 'demonym');
  const duale = byId(list, 'person:aden-duale');
  // A defence minister is government (Phoenix.agents.txt codes DEFENCE_MINISTER GOVMIL).
  assert.equal(duale?.sector, 'GOV');
  assert.deepEqual(surfaces(doc, duale), ['Defence Minister Aden Duale', 'Duale']);
});

test('a cabinet portfolio is part of the title, so the country before it reaches the person', () => {
  const doc = docFromText('Spanish Agriculture Minister Luis Planas met farmers in Seville.');
  const list = entities(doc);
  const planas = byId(list, 'person:luis-planas');
  assert.deepEqual(surfaces(doc, planas), ['Agriculture Minister Luis Planas']);
  assert.equal(planas?.country, 'ESP');
  assert.equal(planas?.role, 'agriculture minister');
  assert.equal(planas?.sector, 'GOV');
});

test('possessives, hyphenated pairs, multi-word names and appositives', () => {
  const doc = docFromText(
    "Saudi Arabia’s envoy and South Korea's minister discussed the Russia-Ukraine war. " +
      'Lula, the president of Brazil, spoke. Putin, Russia’s president, listened. ' +
      "Cardinal Cormac Murphy-O'Connor prayed.",
  );
  const list = entities(doc);
  assert.deepEqual(surfaces(doc, byId(list, 'country:SAU')), ['Saudi Arabia']);
  assert.deepEqual(surfaces(doc, byId(list, 'country:KOR')), ['South Korea']);
  assert.deepEqual(surfaces(doc, byId(list, 'country:RUS')), ['Russia', 'Russia']);
  assert.deepEqual(surfaces(doc, byId(list, 'country:UKR')), ['Ukraine']);
  const lula = list.find((e) => e.name.startsWith('Luiz'));
  assert.equal(lula?.country, 'BRA');
  assert.equal(lula?.role, 'president');
  assert.equal(byId(list, 'person:vladimir-putin')?.mentions[0]?.rule, 'entities:role.name-country-title');
  assert.equal(byId(list, 'person:cormac-murphy-o-connor')?.name, "Cormac Murphy-O'Connor");
});

test('organisation pattern: "<Demonym> state media <Name>" gives an unknown outlet country and MED', () => {
  const doc = docFromText('Iranian state media Press TV said the ship was seized.');
  const press = byId(entities(doc), 'org:press-tv');
  assert.equal(press?.country, 'IRN');
  assert.equal(press?.sector, 'MED');
  assert.equal(press?.mentions[0]?.rule, 'entities:org.state-media');
});

test('acronyms match only in capitals; capitalised words only when capitalised', () => {
  const doc = docFromText('Let us see who wins. The china plates came from Chad via the US.');
  const list = entities(doc);
  assert.equal(byId(list, 'org:who'), undefined);
  assert.equal(byId(list, 'country:CHN'), undefined);
  assert.deepEqual(surfaces(doc, byId(list, 'country:USA')), ['US']);
  assert.deepEqual(surfaces(doc, byId(list, 'country:TCD')), ['Chad']);
});

test('stage contract: runs through the runner, empty doc gives an empty layer, long sentences a diagnostic', () => {
  const empty = runStage(entitiesStage, docFromText(''), undefined);
  assert.deepEqual(empty.entities, []);
  const long = docFromText(`${'Russia '.repeat(2000)}.`);
  const out = runStage(entitiesStage, long, { maxSentenceLength: 100 });
  assert.deepEqual(out.entities, []);
  assert.equal(out.diagnostics[0]?.ruleId, 'entities:sentence-too-long');
});

const seedPath = SEED_ARTICLE;

test('seed article: countries, people, media and places', { skip: skipWithoutData(seedPath) }, () => {
  const doc = docFromText(readFileSync(seedPath, 'utf8'), ['Advertisement']);
  const list = entities(doc);
  const rus = surfaces(doc, byId(list, 'country:RUS'));
  for (const s of ['Russia', 'Russian', 'Moscow']) assert.ok(rus.includes(s), `RUS lacks ${s}`);
  const chn = surfaces(doc, byId(list, 'country:CHN'));
  for (const s of ['China', 'Chinese', 'Beijing']) assert.ok(chn.includes(s), `CHN lacks ${s}`);
  const ukr = surfaces(doc, byId(list, 'country:UKR'));
  for (const s of ['Ukraine', 'Ukrainian']) assert.ok(ukr.includes(s), `UKR lacks ${s}`);
  // "Russia-Ukraine" yields both, twice in the article.
  assert.equal(rus.filter((s) => s === 'Russia').length >= 2 && ukr.filter((s) => s === 'Ukraine').length, 3);

  const putin = byId(list, 'person:vladimir-putin');
  assert.equal(putin?.country, 'RUS');
  assert.equal(putin?.sector, 'GOV');
  assert.equal(putin?.role, 'president');
  assert.ok((putin?.mentions.filter((m) => m.form === 'surname').length ?? 0) >= 8);
  assert.equal(byId(list, 'person:volodymyr-zelensky')?.country, 'UKR');
  const xi = byId(list, 'person:xi-jinping');
  assert.equal(xi?.country, 'CHN');
  assert.equal(xi?.mentions.filter((m) => m.form !== 'reference').length, 4);
  // "The two leaders", twice: Putin and Xi.
  assert.equal(xi?.mentions.filter((m) => m.form === 'reference').length, 2);
  assert.equal(putin?.mentions.filter((m) => m.form === 'reference').length, 2);
  assert.equal(byId(list, 'org:cnn')?.mentions.length, 3);
  const xinhua = byId(list, 'org:xinhua');
  assert.equal(xinhua?.country, 'CHN');
  assert.equal(xinhua?.sector, 'MED');
  assert.equal(byId(list, 'org:kremlin')?.country, 'RUS');
  assert.equal(byId(list, 'place:gaza')?.country, 'PSE');
  for (const id of ['city:harbin', 'place:heilongjiang', 'city:kharkiv']) assert.ok(byId(list, id), id);
});
