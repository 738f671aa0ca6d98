import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';
import { historicalByDate, statusByDate } from './status.js';

const coded = (text: string, published = '2024-05-16') => {
  const a = analyze(text, { published });
  return a.events.map((e) => ({
    trigger: a.text.slice(e.trigger.start, e.trigger.end),
    type: e.type,
    status: e.status,
    statusRule: e.statusRule,
    actor: e.actor?.country,
    recipient: e.recipient?.country,
    date: e.date,
    dateFrom: e.dateFrom,
    location: e.location?.text,
    sources: e.attribution?.sources.map((s) => s.text),
  }));
};

test('a condition makes its clause, and a main clause after an opening "If", hypothetical', () => {
  const [attack, respond] = coded('If Russia attacks Ukraine again, Britain will condemn Russia.');
  assert.equal(attack?.status, 'hypothetical');
  assert.equal(attack?.statusRule, 'events:status.hypothetical-conditional');
  assert.equal(respond?.status, 'hypothetical');
  const after = coded('Britain condemned Russia after it attacked Ukraine.');
  assert.equal(after[0]?.status, 'asserted');
});

test('"would" after a reporting verb is the reported future, not a hypothesis', () => {
  const [e] = coded('Britain told its partners it would strongly oppose France.');
  assert.equal(e?.status, 'future');
  assert.equal(e?.statusRule, 'events:status.future-reported-modal');
  const [plain] = coded('Britain would oppose France.');
  assert.equal(plain?.status, 'hypothetical');
});

test('a denial negates the denied act; a refusal is a REJECT, not a negated meeting', () => {
  const [denied] = coded('Russia denied attacking Ukraine.');
  assert.equal(denied?.status, 'negated');
  const refused = coded('Putin refused to meet Zelensky.');
  assert.deepEqual(
    refused.map((e) => [e.type, e.status]),
    [['REJECT', 'asserted']],
  );
});

test('a sentence-opening participial clause shares the main clause’s future; a coordinated verb the first verb’s', () => {
  const events = coded('Besides meeting with Xi in Beijing, Putin is also expected to visit Harbin.');
  const meeting = events.find((e) => e.trigger === 'meeting');
  assert.equal(meeting?.status, 'future');
  assert.equal(meeting?.actor, 'RUS', 'the subject after the comma');
  assert.equal(events.find((e) => e.trigger === 'visit')?.status, 'future');
  const both = coded('Putin will meet Xi in Beijing and sign an agreement with China.');
  assert.deepEqual(
    both.map((e) => e.status),
    ['future', 'future'],
  );
  const past = coded('Putin met Xi in Beijing and signed an agreement with China.');
  assert.deepEqual(
    past.map((e) => e.status),
    ['asserted', 'asserted'],
  );
});

test('historical: an adverb recalling an earlier event, or a date well before publication', () => {
  const [e] = coded('Germany had previously sent aid to Ukraine.');
  assert.equal(e?.status, 'historical');
  assert.equal(historicalByDate('2023', '2024-05-16'), 'events:status.historical-date');
  assert.equal(historicalByDate('2023-12-30', '2024-01-03'), undefined, 'a few days before, across a year');
  assert.equal(historicalByDate('2024-05', '2024-05-16'), undefined);
  assert.equal(historicalByDate('2024-W19', '2024-05-16'), undefined);
  assert.equal(historicalByDate('2023-Q4', '2024-05-16'), 'events:status.historical-date');
  assert.equal(historicalByDate('P2D', '2024-05-16'), undefined);
});

test('the date comes from the event’s own clause, else the document; granularity travels', () => {
  const [visit] = coded(
    'Nakasone made his first visit to China since he assumed power in June 1982.',
    '1987-05-04',
  );
  assert.notEqual(visit?.date, '1982-06');
  assert.equal(visit?.dateFrom, 'document');
  assert.equal(visit?.date, '1987-05-04');
  const a = analyze('Putin arrived in Beijing, the Chinese capital, on Thursday.', {
    published: '2024-05-16',
  });
  assert.equal(a.events[0]?.date, '2024-05-16');
  assert.equal(a.events[0]?.dateFrom, 'text');
  assert.equal(a.events[0]?.dateGranularity, 'day');
});

test('a reported event carries the report it is told in', () => {
  const a = analyze('Russian troops attacked Kharkiv, CNN reported.', { published: '2024-05-16' });
  const e = a.events.find((x) => x.type === 'ASSAULT');
  assert.ok(e, 'the attack is coded');
  assert.deepEqual(
    e.attribution?.sources.map((s) => s.text),
    ['CNN'],
  );
  assert.equal(a.attributions[e.attribution?.attribution ?? -1]?.source, 'CNN');
});

test('future: an event dated after the publication day, unless its clause is told in the past', () => {
  const [trip] = coded('The French foreign minister is travelling to China next week.');
  assert.equal(trip?.type, 'CONSULT', 'a scheduled trip is no intention: no intent code');
  assert.equal(trip?.status, 'future');
  assert.equal(trip?.statusRule, 'events:status.future-date');
  const past = () => true;
  const present = () => false;
  assert.deepEqual(statusByDate('2024-W21', '2024-05-16', present), {
    status: 'future',
    rule: 'events:status.future-date',
  });
  assert.equal(statusByDate('2024-W20', '2024-05-16', present), undefined, 'the current week');
  assert.equal(statusByDate('2025', '2024-05-16', past), undefined, '"promised £8bn next year"');
  assert.equal(statusByDate('2024-05-16', '2024-05-16', present), undefined);
});

test('ability, wish and attempt are hypothetical; "unable to" negates', () => {
  assert.equal(coded('France would still be able to reject the plan.')[0]?.status, 'hypothetical');
  assert.equal(coded('Germany wants to visit China.')[0]?.status, 'hypothetical');
  assert.equal(coded('Germany was unable to visit China.')[0]?.status, 'negated');
});

test('a modal reaches past adverbs in its verb group; an obligation is not yet done', () => {
  // "now" inside the verb group does not push "may" out of the cue window.
  const [resign] = coded('Prime Minister Nakasone may now be forced to resign.');
  assert.equal(resign?.type, 'RETREAT');
  assert.equal(resign?.status, 'hypothetical');
  assert.equal(resign?.statusRule, 'events:status.hypothetical-may');
  assert.equal(coded('Prime Minister Nakasone was forced to resign.')[0]?.status, 'asserted');
  // "must" and "ought to" ask for an act; they do not report one. "ought to" advises: no event for
  // the subject (events:status.deontic); "must" stays hypothetical.
  assert.equal(coded('Japan must accept the American proposal.')[0]?.status, 'hypothetical');
  assert.equal(coded('Japan ought to accept the American proposal.').length, 0);
  assert.equal(coded('Japan accepted the American proposal.')[0]?.status, 'asserted');
});

test('a threat made is asserted: an attack or sanction governed by "threat" or said to be coming', () => {
  const [noun] = coded('The Chinese threat on Monday to impose tariffs on Australian wine angered Canberra.');
  assert.equal(noun?.type, 'THREATEN');
  assert.equal(noun?.status, 'asserted');
  assert.equal(noun?.statusRule, 'events:status.threat-made');
  const [reported] = coded('The Chinese premier said that China would impose tariffs on Australian wine.');
  assert.equal(reported?.type, 'THREATEN');
  assert.equal(reported?.status, 'asserted');
  // A reported future arrest is a policy announced, still future.
  const [arrest] = coded('The minister said police would arrest Kenyan protesters in Kampala.');
  assert.notEqual(arrest?.statusRule, 'events:status.threat-made');
});

test('a headline infinitive is planned; a nominal event dated ahead in a reported clause is future', () => {
  const [visit] = coded('BRAZIL PRESIDENT TO VISIT CHINA\n\nThe trip was announced on Tuesday.');
  assert.equal(visit?.status, 'future');
  assert.equal(visit?.statusRule, 'events:status.future-headline-to');
  const meeting = coded(
    'The minister said the meeting between Xi and Lula next month would be difficult.',
  ).find((e) => e.trigger === 'meeting');
  assert.equal(meeting?.status, 'future');
});

test('an act of purpose after a planned one is planned with it; after a done one it stays done', () => {
  const planned = coded(
    'The Brazilian minister will fly to Beijing on Friday for talks with Chinese officials.',
  );
  const talks = planned.find((e) => e.trigger.startsWith('talks'));
  assert.ok(talks, 'the talks are coded');
  assert.notEqual(talks?.status, 'asserted');
  const done = coded(
    'Brazil sent its foreign minister to Beijing for talks with Chinese officials on Monday.',
  );
  assert.equal(done.find((e) => e.trigger.startsWith('talks'))?.status ?? 'asserted', 'asserted');
});

test('"neither … nor" denies its verb for every conjunct; "nor" alone negates what follows it', () => {
  const [ratify] = coded(
    'The treaty lapsed because neither the government of Chile nor the Peruvian parliament has ratified it.',
  );
  assert.equal(ratify?.status, 'negated');
  assert.equal(ratify?.statusRule, 'events:status.negated-neither-nor');
  const criticise = coded('Chile did not attack Peru, nor did it criticise Lima.').find(
    (e) => e.trigger === 'criticise',
  );
  assert.equal(criticise?.status, 'negated');
  const [both] = coded('Chile and Peru have ratified the treaty.');
  assert.equal(both?.status, 'asserted');
});

test('an opening participial clause’s event is acted by the main clause’s subject, speaker or not', () => {
  const [sanction] = coded(
    'In announcing the sanctions against Japan, President Reagan said Tokyo had broken the pact.',
    '1987-03-30',
  );
  assert.equal(sanction?.type, 'SANCTION');
  assert.equal(sanction?.actor, 'USA');
  assert.equal(sanction?.recipient, 'JPN');
});

test('a place before a noun of travel is where the journey goes; the verb’s subject makes it', () => {
  const [visit] = coded('Prime Minister Margaret Thatcher ends Moscow visit.', '1987-03-30');
  assert.equal(visit?.type, 'CONSULT');
  assert.equal(visit?.actor, 'GBR');
  assert.equal(visit?.recipient, 'RUS');
  // A modifier that is no place still acts: "a U.S. air strike".
  const [strike] = coded('A U.S. air strike hit the town of Falluja.', '2004-11-10');
  assert.equal(strike?.actor, 'USA');
});

test('an event in the that-clause of a denial is negated; a refused comment and an unnamed source code nothing', () => {
  const [ship] = coded(
    'The White House denied a report that the United States was shipping arms to Iran.',
    '1987-04-05',
  );
  assert.equal(ship?.status, 'negated');
  assert.equal(ship?.statusRule, 'events:status.negated-denied-that');
  // Control: a denial that ends before a new clause ("but") leaves the next one asserted.
  const [met] = coded('Britain denied the report, but Thatcher met Gorbachev in Moscow.', '1987-04-05');
  assert.equal(met?.status, 'asserted');
  assert.deepEqual(coded('The CIA refused to comment on the arms sales to Iran.', '1987-04-05'), []);
  assert.deepEqual(
    coded(
      'An American official, who asked not to be named, told Reuters the sales were legal.',
      '1987-04-05',
    ),
    [],
  );
  assert.equal(coded('Russia refused to attend the summit in Geneva.', '1987-04-05')[0]?.type, 'REJECT');
});

test('"later this month" names the rest of a period that holds the publication day: future', () => {
  const [later] = coded('The two ministers meet again in Madrid later this month.', '1987-04-05');
  assert.equal(later?.status, 'future');
  assert.equal(later?.statusRule, 'events:status.future-date');
  // Control: "earlier this month" is past, and "this month" alone says nothing of which part.
  assert.notEqual(
    coded('The two ministers met in Madrid earlier this month.', '1987-04-05')[0]?.status,
    'future',
  );
});
