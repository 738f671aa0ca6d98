import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { calendarDate as eventDate } from '../../core/calendar-math.js';
import type { Attribution, Doc } from '../../core/doc.js';
import { type CodedEvent, codeEvents } from './events-stage.js';

const eventsOf = (doc: Doc): CodedEvent[] => (codeEvents(doc).events ?? []) as CodedEvent[];
const triggerText = (doc: Doc, e: CodedEvent): string => doc.text.slice(e.trigger.start, e.trigger.end);

const ruritania: EntityAt = {
  id: 'country:RUR',
  type: 'country',
  country: 'RUR',
  at: [{ text: 'Ruritania' }],
};
const freedonia: EntityAt = {
  id: 'country:FRE',
  type: 'country',
  country: 'FRE',
  at: [{ text: 'Freedonia' }],
};

test('a cancelled visit in a subordinate clause is negated and not the main subject’s', () => {
  const doc = docFromLines(
    [
      'Ruritania’s envoy arrived in Gelt hours after Zorbek announced that he would cancel his planned visit to Freedonia.',
    ],
    [
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania’s', form: 'name' }] },
      { id: 'city:gelt', type: 'city', country: 'FRE', at: [{ text: 'Gelt' }] },
      freedonia,
    ],
  );
  const visit = eventsOf(doc).find((e) => triggerText(doc, e) === 'visit');
  assert.ok(visit, 'the visit to Freedonia is coded');
  assert.equal(visit.status, 'negated');
  assert.equal(visit.statusRule, 'events:status.negated-cancel');
  assert.notEqual(visit.actor?.country, 'RUR', 'the envoy is the subject of the main clause only');
  assert.equal(visit.recipient?.country, 'FRE');
});

test('"called off" and "halted" also negate an event noun', () => {
  const doc = docFromLines(
    ['Ruritania called off talks with Freedonia.', 'Ruritania halted its attacks on Freedonia.'],
    [{ id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] }, freedonia],
  );
  const talks = eventsOf(doc).find((e) => triggerText(doc, e).startsWith('talks'));
  assert.equal(talks?.status, 'negated');
  const doc2 = docFromLines(['Ruritania halted its attacks on Freedonia.'], [ruritania, freedonia]);
  const attacks = eventsOf(doc2).filter((e) => e.type === 'ASSAULT');
  for (const e of attacks) assert.equal(e.status, 'negated', `${e.rule} should be negated`);
});

test('a sentence-opening participial clause takes the main clause subject as actor', () => {
  const doc = docFromLines(
    [
      'Besides meeting with Zorbek in Florin, Kasimir is also expected to visit Gelt, a city in Freedonia’s north.',
    ],
    [
      { id: 'person:zorbek', type: 'person', country: 'FRE', sector: 'GOV', at: [{ text: 'Zorbek' }] },
      { id: 'city:florin', type: 'city', country: 'FRE', at: [{ text: 'Florin' }] },
      { id: 'person:kasimir', type: 'person', country: 'RUR', sector: 'GOV', at: [{ text: 'Kasimir' }] },
      { id: 'city:gelt', type: 'city', country: 'FRE', at: [{ text: 'Gelt' }] },
    ],
  );
  const events = eventsOf(doc);
  const meeting = events.find((e) => triggerText(doc, e) === 'meeting');
  assert.equal(meeting?.actor?.text, 'Kasimir');
  assert.equal(meeting?.recipient?.text, 'Zorbek');
  const visit = events.find((e) => triggerText(doc, e) === 'visit');
  assert.equal(visit?.actor?.text, 'Kasimir');
  assert.equal(visit?.recipient?.country, 'FRE');
  assert.equal(visit?.location?.text, 'Gelt');
  assert.equal(visit?.type, 'AGREE');
  assert.equal(visit?.status, 'future');
});

test('a text actor is a noun phrase, never a function word or a clause', () => {
  const doc = docFromLines([
    'She said the ministers aimed to “boost trade” and deepen cooperation with the islanders.',
    'Union leaders accused the government of lying and threatened a general strike.',
    'The opposition said he opposed the new tax.',
    'Why will the minister not accept the offer?',
  ]);
  const bad = /^(and|or|besides|why|she|he|always|the)$|\b(accused|said|aimed)\b/i;
  const events = eventsOf(doc);
  assert.ok(events.length >= 2, `expected the accusation and the threat, got ${events.length}`);
  for (const e of events) {
    if (e.actor) assert.doesNotMatch(e.actor.text, bad, `${e.rule}: actor "${e.actor.text}"`);
  }
  const threat = events.find((e) => e.type === 'THREATEN');
  assert.equal(threat?.actor?.text, 'Union leaders', 'a coordinated verb shares the subject');
  const oppose = events.find((e) => e.rule === 'events:reject.oppose');
  assert.equal(oppose?.actor?.text, 'The opposition', 'a pronoun after "said" stands for the speaker');
});

test('the head of a subject noun phrase is not a verb trigger; participial consequences merge', () => {
  const doc = docFromLines(
    [
      'Artillery shells struck two villages near the Freedonian border overnight, killing four civilians and wounding 11 others.',
    ],
    [{ id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonian', form: 'demonym' }] }],
  );
  const events = eventsOf(doc);
  assert.equal(events.length, 1, events.map((e) => triggerText(doc, e)).join(', '));
  const e = events[0] as CodedEvent;
  assert.equal(triggerText(doc, e), 'struck');
  assert.equal(e.actor?.text, 'Artillery shells');
  assert.equal(e.recipient, undefined, 'a demonym in "near the … border" is not the target');
  assert.deepEqual(
    e.merged?.map((m) => m.rule),
    ['events:assault.kill', 'events:assault.wound'],
  );
  assert.equal(e.cameo, '1823', 'the most severe, most specific code of the merged triggers');
});

test('noun uses: "rocket attacks killed", "house arrest", "too free to" are not verb triggers', () => {
  const doc = docFromLines([
    'Rocket attacks killed two soldiers in Gelt.',
    'The bill brings in house arrest for suspects.',
    'The press is much too free to criticise ministers.',
  ]);
  const triggers = eventsOf(doc).map((e) => triggerText(doc, e));
  assert.ok(!triggers.includes('attacks'), triggers.join(', '));
  assert.ok(!triggers.includes('arrest'), triggers.join(', '));
  assert.ok(!triggers.includes('free'), triggers.join(', '));
});

test('a demonym in a locative phrase is never actor or recipient', () => {
  const doc = docFromLines(
    ['Gunmen attacked a checkpoint in the Ruritanian city of Gelt.'],
    [{ id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritanian', form: 'demonym' }] }],
  );
  const events = eventsOf(doc);
  assert.equal(events.length, 1);
  assert.equal(events[0]?.actor?.text, 'Gunmen');
  assert.notEqual(events[0]?.recipient?.text, 'Ruritanian');
});

test('a time that dates the report is not the event date', () => {
  const doc = docFromLines(
    [
      'Ruritania accused Freedonia of spying, the ministry said on Wednesday.',
      'Ruritania accused Freedonia of spying on Tuesday, a ministry official said.',
    ],
    [
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] },
      { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonia' }] },
    ],
    [
      { text: 'Wednesday', value: '2024-05-15' },
      { text: 'Tuesday', value: '2024-05-14' },
    ],
  );
  // The entity helper marks only the first occurrence; the second line still has a text actor.
  const [first, second] = eventsOf(doc);
  assert.notEqual(first?.date, '2024-05-15', '"said on Wednesday" dates the report');
  assert.equal(first?.dateFrom, 'document', 'with no time of its own the event takes the document date');
  assert.equal(second?.date, '2024-05-14');
  assert.equal(second?.dateFrom, 'text');
  assert.equal(second?.dateGranularity, 'day');
});

test('an attribution outside its content dates the report (attributions layer)', () => {
  // No reporting verb before the time: only the attributions layer can tell it dates the report.
  const line = 'Gunmen attacked Freedonia, according to the Kremlin on Tuesday.';
  const doc = docFromLines([line], [freedonia], [{ text: 'Tuesday', value: '2024-05-14' }]);
  const cue = line.indexOf('according to');
  const attribution: Attribution = {
    start: 0,
    end: line.length,
    source: 'the Kremlin',
    cue: { start: cue, end: cue + 12 },
    content: { start: 0, end: line.indexOf(',') },
    rule: 'test:hand',
  };
  doc.attributions = [attribution];
  const [e] = eventsOf(doc);
  assert.equal(e?.type, 'ASSAULT');
  assert.notEqual(e?.dateFrom, 'text');
  assert.notEqual(e?.date, '2024-05-14');
  // The event is told in the Kremlin's report.
  assert.deepEqual(e?.attribution?.sources, [{ text: 'the Kremlin' }]);
});

test('part-of-day values date the event to the day; weeks, months and years stay', () => {
  assert.equal(eventDate('2024-05-16TMO'), '2024-05-16');
  assert.equal(eventDate('2024-05-16T14:30'), '2024-05-16');
  assert.equal(eventDate('2024-W20'), '2024-W20');
  assert.equal(eventDate('2024-05'), '2024-05');
  const doc = docFromLines(
    ['Ruritania attacked Freedonia on Thursday morning.'],
    [ruritania, freedonia],
    [{ text: 'Thursday morning', value: '2024-05-16TMO' }],
  );
  assert.equal(eventsOf(doc)[0]?.date, '2024-05-16');
});

test('reporting verbs: any neutral one opens the reported clause; "States" in a name and "claims to" do not', () => {
  // "confirmed" reports like "said": the subject of the reported event follows it.
  const confirmed = docFromLines(
    ['Ruritania confirmed Freedonia had attacked the border post.'],
    [ruritania, freedonia],
  );
  assert.equal(eventsOf(confirmed)[0]?.actor?.country, 'FRE');
  // A capitalised "States" is part of a name, not the verb "states".
  const states = docFromLines(
    ['The United States and Freedonia have agreed upon a new trade pact.'],
    [{ id: 'country:USA', type: 'country', country: 'USA', at: [{ text: 'United States' }] }, freedonia],
  );
  assert.equal(eventsOf(states)[0]?.actor?.country, 'USA');
  // "claims to have attacked": the verb governs an infinitive, the subject stays before it.
  const claims = docFromLines(['The rebel group claims to have attacked Freedonia.'], [freedonia]);
  assert.equal(eventsOf(claims)[0]?.actor?.text, 'The rebel group');
});

test('a location is the place’s own words, with its country and no sector', () => {
  const doc = docFromLines(
    ['Guards detained strikers in Florin.', 'Zorbek met Kasimir in Gelt on Monday.'],
    [
      { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Florin', form: 'capital' }] },
      { id: 'person:zorbek', type: 'person', country: 'FRE', sector: 'GOV', at: [{ text: 'Zorbek' }] },
      { id: 'person:kasimir', type: 'person', country: 'RUR', sector: 'GOV', at: [{ text: 'Kasimir' }] },
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Gelt', form: 'capital' }] },
    ],
  );
  const [detained, met] = eventsOf(doc);
  const at = (w: string) => ({ start: doc.text.indexOf(w), end: doc.text.indexOf(w) + w.length, text: w });
  assert.deepEqual(detained?.location, { ...at('Florin'), entity: 'country:FRE', country: 'FRE' });
  assert.deepEqual(met?.location, { ...at('Gelt'), entity: 'country:RUR', country: 'RUR' });
});
