import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import { createDoc } from '../../core/doc.js';
import { analyze, analyzeDoc } from '../../pipeline.js';
import { codeEvents, explainEvents } from './events-stage.js';

// Sentences written here; each sense test has a control that must still code the event.
const country = (id: string, text: string) => ({
  id: `country:${id}`,
  type: 'country' as const,
  country: id,
  at: [{ text }],
});

function events(line: string, entities: ReturnType<typeof country>[]) {
  return codeEvents(docFromLines([line], entities)).events ?? [];
}

test('"attacked the policy" is criticism (ACCUSE, CAMEO 111), "attacked Ukraine" an assault', () => {
  const policy = events("Russia has openly attacked China's fiscal policy.", [
    country('RUS', 'Russia'),
    country('CHN', 'China'),
  ]);
  assert.equal(policy[0]?.type, 'ACCUSE');
  assert.equal(policy[0]?.cameo, '111');
  assert.equal(policy[0]?.rule, 'events:sense.criticise');
  const war = events('Russia attacked Ukraine on Monday.', [
    country('RUS', 'Russia'),
    country('UKR', 'Ukraine'),
  ]);
  assert.equal(war[0]?.type, 'ASSAULT');
});

test('a disease or disaster that kills is no assault; rebels who kill are', () => {
  const line = 'The coronavirus has killed six people in Italy.';
  assert.equal(events(line, [country('ITA', 'Italy')]).filter((e) => e.type === 'ASSAULT').length, 0);
  const why = explainEvents(docFromLines([line], [country('ITA', 'Italy')])).sentences[0]?.rejected;
  assert.ok(why?.some((r) => r.reason === 'events:sense.natural-cause'));
  const rebels = events('Rebels killed six people in Italy.', [country('ITA', 'Italy')]);
  assert.equal(rebels[0]?.type, 'ASSAULT');
});

test('"meet the deficit target" is no meeting; "meet France" is', () => {
  const target = events('Britain will struggle to meet the deficit target set by France.', [
    country('GBR', 'Britain'),
    country('FRA', 'France'),
  ]);
  assert.equal(target.filter((e) => e.type === 'CONSULT').length, 0);
  const meeting = events('Britain met France on Monday.', [
    country('GBR', 'Britain'),
    country('FRA', 'France'),
  ]);
  assert.equal(meeting[0]?.type, 'CONSULT');
});

test('sport: "Arsenal beat Chelsea 2-1" in a league match is no assault', () => {
  const clubs = [
    { id: 'org:arsenal', type: 'organization' as const, at: [{ text: 'Arsenal' }] },
    { id: 'org:chelsea', type: 'organization' as const, at: [{ text: 'Chelsea' }] },
  ];
  const doc = docFromLines(['Arsenal beat Chelsea 2-1 in the league match on Saturday.'], clubs);
  assert.equal((codeEvents(doc).events ?? []).filter((e) => e.type === 'ASSAULT').length, 0);
});

test('"boost demand": a verb trigger the tagger reads as a noun codes nothing', () => {
  const boost = events('The new measures will boost demand in China.', [country('CHN', 'China')]);
  assert.equal(boost.filter((e) => e.type === 'REQUEST').length, 0);
  const ask = events('Russia demanded that China pay.', [country('RUS', 'Russia'), country('CHN', 'China')]);
  assert.equal(ask[0]?.type, 'REQUEST');
});

test('"warned that …" or "warned against …" states a view; a warning addressed to a party or of its own act is a threat', () => {
  const two = [country('IRN', 'Iran'), country('ISR', 'Israel')];
  const view = events('Iran warned that prices in Israel would rise sharply next year.', two);
  assert.equal(view.filter((e) => e.type === 'THREATEN').length, 0, JSON.stringify(view.map((e) => e.rule)));
  // Advice against an act threatens nothing (PLOVER THREATEN: coercive warnings with repercussions).
  const advice = events('Iran warned against new settlements by Israel near the border.', two);
  assert.equal(
    advice.filter((e) => e.type === 'THREATEN').length,
    0,
    JSON.stringify(advice.map((e) => e.rule)),
  );
  for (const line of [
    'Iran warned Israel over its plans for the border.',
    'Iran warned that it would close the border to Israel.',
    'Iran warned Israel to stay away from the border.',
  ]) {
    const coded = events(line, two);
    assert.equal(coded[0]?.type, 'THREATEN', `${line}: ${JSON.stringify(coded.map((e) => e.rule))}`);
    assert.equal(coded[0]?.actor?.country, 'IRN', line);
  }
});

test('"its objectives could be met" is no meeting, whatever status turned it into', () => {
  const goals = events('France said its objectives could be met.', [country('FRA', 'France')]);
  assert.equal(goals.length, 0);
});

test('what is urged or demanded after "to" is the content of a request, not an event', () => {
  const demand = events('The talks opened despite a demand by France for Britain to recognise Cyprus.', [
    country('FRA', 'France'),
    country('GBR', 'Britain'),
    country('CYP', 'Cyprus'),
  ]);
  assert.equal(demand.filter((e) => e.type === 'SUPPORT').length, 0);
  const urged = events('France urged Britain to recognise Cyprus.', [
    country('FRA', 'France'),
    country('GBR', 'Britain'),
    country('CYP', 'Cyprus'),
  ]);
  assert.deepEqual(
    urged.map((e) => e.type),
    ['REQUEST'],
  );
  const control = events('Britain agreed to recognise Cyprus.', [
    country('GBR', 'Britain'),
    country('CYP', 'Cyprus'),
  ]);
  assert.ok(control.length > 0, 'a commitment of its own still codes');
  const expected = events('France cannot expect Britain to recognise Cyprus.', [
    country('FRA', 'France'),
    country('GBR', 'Britain'),
    country('CYP', 'Cyprus'),
  ]);
  assert.equal(expected.length, 0, 'what one expects of another is no event either');
});

test('"sank" is an assault only with a weapon or an armed side; "US sales sank" is none', () => {
  const navy = events('A Chilean frigate sank two Peruvian fishing boats.', [
    country('CHL', 'Chilean'),
    country('PER', 'Peruvian'),
  ]);
  assert.equal(navy[0]?.type, 'ASSAULT');
  assert.equal(navy[0]?.rule, 'events:assault.sink');
  const sales = events('Canada car sales sank 9% in June.', [country('CAN', 'Canada')]);
  assert.deepEqual(
    sales.map((e) => e.type),
    [],
  );
});

test('an attitude verb in the simple present is a standing position, no act; in the past or a headline it is', () => {
  const types = (line: string) => events(line, [country('FRA', 'France'), country('DEU', 'German')]);
  assert.deepEqual(
    types('France opposes the German plan for a common army.').map((e) => e.type),
    [],
  );
  assert.deepEqual(
    types('France does not support the German plan.').map((e) => e.type),
    [],
  );
  assert.deepEqual(
    types('France opposed the German plan at the summit on Monday.').map((e) => e.type),
    ['REJECT'],
  );
  const headline = codeEvents(
    docFromLines(
      ['France backs German plan', 'Paris said on Monday it would back the plan.'],
      [country('FRA', 'France')],
    ),
  ).events;
  assert.equal(headline?.[0]?.type, 'SUPPORT', 'a headline tells an act in the present');
  assert.equal(headline?.[0]?.sentence, 0);
  assert.equal(headline?.[0]?.status, 'asserted');
});

test("a party's or a minister's promise to no one is its own policy; a state's pledge or a promise to someone is kept", () => {
  const own = codeEvents(
    docFromLines(['Elections', 'The Greens have pledged to cut rail fares if elected.'], []),
  ).events;
  assert.deepEqual(
    own?.map((e) => e.rule),
    [],
  );
  const state = events('France pledged 200 million euros for flood relief.', [country('FRA', 'France')]);
  assert.equal(state[0]?.type, 'AGREE');
  const toSomeone = events('The minister promised Germany closer cooperation.', [country('DEU', 'Germany')]);
  assert.equal(toSomeone[0]?.type, 'AGREE');
  assert.equal(toSomeone[0]?.recipient?.country, 'DEU');
});

test('CAMEO 111 verbs of rebuke code ACCUSE; the nouns they share a form with do not ("a stinging rebuke")', () => {
  const verb = events('France deplored the German decision.', [
    country('FRA', 'France'),
    country('DEU', 'German'),
  ]);
  assert.deepEqual(
    verb.map((e) => [e.type, e.rule]),
    [['ACCUSE', 'events:accuse.rebuke']],
  );
  const noun = events('The report was a stinging rebuke for France.', [country('FRA', 'France')]);
  assert.equal(noun.filter((e) => e.rule === 'events:accuse.rebuke').length, 0);
});

test('CAMEO 051 verbs of praise (congratulate, thank, applaud) code SUPPORT; "thanks to" does not', () => {
  const praise = events('France congratulated Germany on the vote.', [
    country('FRA', 'France'),
    country('DEU', 'Germany'),
  ]);
  assert.deepEqual(
    praise.map((e) => [e.type, e.rule]),
    [['SUPPORT', 'events:support.acclaim']],
  );
  const thanks = events('Thanks to France, the vote was held.', [country('FRA', 'France')]);
  assert.equal(thanks.filter((e) => e.rule === 'events:support.acclaim').length, 0);
});

test('an event noun whose amount moves ("support eroded", "exports rose") is no event; "lack of" denies', () => {
  const types = (text: string) => analyze(text, { published: '1987-03-30' }).events.map((e) => e.type);
  assert.deepEqual(types('Public support for France in Germany eroded sharply last month.'), []);
  assert.deepEqual(types('Military aid from France to Germany fell by half last year.'), []);
  // Control: the same noun as an act, and a change verb that is no finite verb of the noun group.
  assert.deepEqual(types('France sent military aid to Germany last year.'), ['AID']);
  assert.deepEqual(types('France held talks with Germany on increasing aid.'), ['CONSULT']);
  const lack = analyze('There was a lack of support from France for Germany in the vote.').events;
  assert.ok(
    lack.every((e) => e.status === 'negated'),
    JSON.stringify(lack),
  );
});

test('"struck a deal", "the agreement was struck": striking an agreement is no attack', () => {
  const types = (text: string) => analyze(text, { published: '1987-04-03' }).events.map((e) => e.type);
  assert.deepEqual(types('The dollar fell after the Paris agreement was struck by France and Germany.'), []);
  assert.deepEqual(types('France struck a trade deal with Germany on Monday.'), []);
  // Control: striking targets is an attack.
  assert.deepEqual(types('Israeli aircraft struck targets in Gaza on Monday.'), ['ASSAULT']);
});

test('releasing a report or figures publishes them; releasing hostages is a RETREAT', () => {
  const types = (text: string) => analyze(text, { published: '1987-04-03' }).events.map((e) => e.type);
  assert.deepEqual(types('The report of the Japanese team was released in Tokyo on Monday.'), []);
  assert.deepEqual(types('Britain released the trade figures on Monday.'), []);
  assert.deepEqual(types('Iraq released two British hostages on Monday.'), ['RETREAT']);
});

test('a death in a crash or derailment is an accident, unless a weapon or an armed side is named', () => {
  const types = (text: string) => analyze(text, { published: '1987-04-03' }).events.map((e) => e.type);
  assert.deepEqual(types('A Japanese jumbo jet crashed into a mountain near Tokyo, killing 520 people.'), []);
  // Control: a missile brings the plane down: an attack.
  assert.ok(
    types('Rebels fired a missile at a plane which crashed near Kabul, killing 40 people.').includes(
      'ASSAULT',
    ),
  );
});

test('"demonstrate" with an object or a that-clause means show; without one it is a protest', () => {
  const types = (text: string) => analyze(text, { published: '2024-05-16' }).events.map((e) => e.type);
  assert.deepEqual(
    types('The local election results in Kent demonstrated the strength of the Green Party.'),
    [],
  );
  assert.deepEqual(
    types('Figures from the Scottish Executive demonstrate that waiting times have fallen.'),
    [],
  );
  // Control: the intransitive verb is a protest.
  assert.deepEqual(types('Hundreds of nurses demonstrated outside the Scottish Parliament on Monday.'), [
    'PROTEST',
  ]);
});

test('"sanction" an act authorises it; "sanction" a country is a sanction', () => {
  const types = (text: string) => analyze(text, { published: '2024-05-16' }).events.map((e) => e.type);
  assert.deepEqual(types('The Kenyan parliament sanctioned the deployment of troops to Somalia.'), []);
  // Control: the sense of penalty, with an actor as object.
  assert.deepEqual(types('Canada sanctioned Venezuela over the disputed vote.'), ['SANCTION']);
});

test('an attributive participle after a determiner and an -ly adverb is no event', () => {
  const types = (text: string) => analyze(text, { published: '2024-05-16' }).events.map((e) => e.type);
  assert.deepEqual(types('The widely criticised French plan was dropped in Rome.'), []);
  // Control: "that" may open a relative clause whose verb is finite.
  assert.ok(types('Italy, a country that openly criticised France, met Spain.').includes('ACCUSE'));
});

test('a capitalised verb form ending a name after a determiner is part of the name ("the Holy Land")', () => {
  const line = 'Pilgrims from Italy will land in the Holy Land at Easter.';
  const doc = analyzeDoc(
    createDoc(line, { uri: 'test://holy-land', mediaType: 'text/plain', published: '2024-05-16' }),
  );
  const { events: coded, sentences } = explainEvents(doc);
  // One landing, the lowercase verb's; the name's "Land" is set aside as a name.
  assert.deepEqual(
    coded.map((e) => line.slice(e.trigger.start, e.trigger.end)),
    ['land'],
  );
  assert.ok(sentences.some((s) => s.rejected.some((r) => r.reason === 'events:sense.name')));
});

test('"returned to power" is re-election, no return of people or property', () => {
  const types = (text: string) => analyze(text, { published: '2024-05-16' }).events.map((e) => e.type);
  assert.deepEqual(
    types('Analysts in Oslo expect taxes to rise if the Labour Party is returned to power.'),
    [],
  );
  // Control: returning captured people is coded.
  assert.deepEqual(types('Russia returned 50 prisoners of war to Ukraine on Monday.'), ['RETREAT']);
});
