import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import type { Doc } from '../../core/doc.js';
import { runStage } from '../../core/runner.js';
import { type CodedEvent, codeEvents, eventsStage } from './events-stage.js';

function eventsOf(doc: Doc): CodedEvent[] {
  return (codeEvents(doc).events ?? []) as CodedEvent[];
}

const putinArrives =
  'Russian President Vladimir Putin arrived in China for a two-day state on Thursday morning, in the latest sign of the deepening relations between Moscow and Beijing in the face of heavy friction with the West, CNN reported.';

test('seed: Putin arrives in China → CONSULT visit by RUS GOV to CHN, dated, asserted', () => {
  for (const personSpan of ['Russian President Vladimir Putin', 'Vladimir Putin']) {
    const doc = docFromLines(
      [putinArrives],
      [
        {
          id: 'country:RUS',
          type: 'country',
          country: 'RUS',
          at: [
            { text: 'Russian', form: 'demonym' },
            { text: 'Moscow', form: 'capital' },
          ],
        },
        {
          id: 'person:vladimir-putin',
          type: 'person',
          country: 'RUS',
          sector: 'GOV',
          at: [{ text: personSpan, form: 'title-name' }],
        },
        {
          id: 'country:CHN',
          type: 'country',
          country: 'CHN',
          at: [{ text: 'China' }, { text: 'Beijing', form: 'capital' }],
        },
        {
          id: 'organization:cnn',
          type: 'organization',
          country: 'USA',
          sector: 'MED',
          at: [{ text: 'CNN' }],
        },
      ],
      [{ text: 'Thursday morning', value: '2024-05-16' }],
    );
    const events = eventsOf(doc);
    assert.equal(events.length, 1, `one event expected with person span "${personSpan}"`);
    const e = events[0] as CodedEvent;
    assert.equal(e.type, 'CONSULT');
    assert.equal(e.mode, 'visit');
    assert.equal(e.status, 'asserted');
    assert.equal(e.cameo, '042');
    assert.equal(e.quad, 1);
    assert.equal(e.goldstein, 1.9);
    assert.equal(e.rule, 'events:consult.arrive-in');
    assert.equal(e.actor?.entity, 'person:vladimir-putin');
    assert.equal(e.actor?.country, 'RUS');
    assert.equal(e.actor?.sector, 'GOV');
    assert.equal(e.actor?.text, 'Russian President Vladimir Putin');
    assert.equal(e.recipient?.country, 'CHN');
    assert.equal(e.recipient?.text, 'China');
    assert.equal(e.date, '2024-05-16');
    assert.equal(doc.text.slice(e.trigger.start, e.trigger.end), 'arrived');
    assert.equal(e.sentence, 0);
    assert.deepEqual([e.start, e.end], [0, putinArrives.length]);
  }
});

test('seed: "Beijing has never condemned Russia’s invasion" → ACCUSE negated, CHN GOV → RUS', () => {
  const doc = docFromLines(
    [
      'Notably, Beijing has never condemned Russia’s invasion, rather it claims ‘neutrality’ in the conflict and has called for peace talks that take both sides’ positions into account.',
    ],
    [
      { id: 'country:CHN', type: 'country', country: 'CHN', at: [{ text: 'Beijing', form: 'capital' }] },
      { id: 'country:RUS', type: 'country', country: 'RUS', at: [{ text: 'Russia' }] },
    ],
  );
  const e = eventsOf(doc)[0] as CodedEvent;
  assert.equal(e.type, 'ACCUSE');
  assert.equal(e.status, 'negated');
  assert.equal(e.statusRule, 'events:status.negated-never');
  assert.equal(e.actor?.country, 'CHN');
  assert.equal(e.actor?.sector, 'GOV');
  assert.equal(e.recipient?.country, 'RUS');
});

test('seed: "expected to sign … agreements, the Kremlin said" → AGREE future, the Kremlin is not the recipient', () => {
  const doc = docFromLines(
    ['The two leaders are expected to sign a number of bilateral agreements, the Kremlin said Tuesday.'],
    [
      {
        id: 'organization:kremlin',
        type: 'organization',
        country: 'RUS',
        sector: 'GOV',
        at: [{ text: 'Kremlin', form: 'alias' }],
      },
    ],
  );
  const events = eventsOf(doc);
  assert.equal(events.length, 1);
  const e = events[0] as CodedEvent;
  assert.equal(e.type, 'AGREE');
  assert.equal(e.status, 'future');
  assert.equal(e.rule, 'events:support.sign');
  assert.equal(e.actor?.text, 'The two leaders');
  assert.equal(e.actor?.country, undefined);
  assert.equal(e.recipient, undefined);
});

test('seed: "Xi also visited Moscow in 2023" → CONSULT visit CHN → RUS, historical', () => {
  const doc = docFromLines(
    ['Xi also visited Moscow in 2023 after entering his new term as China’s president, CNN reported.'],
    [
      {
        id: 'person:xi-jinping',
        type: 'person',
        country: 'CHN',
        sector: 'GOV',
        at: [{ text: 'Xi', form: 'surname' }],
      },
      { id: 'country:RUS', type: 'country', country: 'RUS', at: [{ text: 'Moscow', form: 'capital' }] },
      { id: 'country:CHN', type: 'country', country: 'CHN', at: [{ text: 'China' }] },
      { id: 'organization:cnn', type: 'organization', country: 'USA', sector: 'MED', at: [{ text: 'CNN' }] },
    ],
    [{ text: '2023', value: '2023' }],
  );
  const e = eventsOf(doc)[0] as CodedEvent;
  assert.equal(e.type, 'CONSULT');
  assert.equal(e.mode, 'visit');
  assert.equal(e.actor?.country, 'CHN');
  assert.equal(e.recipient?.country, 'RUS');
  assert.equal(e.recipient?.sector, 'GOV');
  assert.equal(e.status, 'historical');
  assert.equal(e.date, '2023');
});

test('the same visit in the publication year stays asserted', () => {
  const doc = docFromLines(
    ['Xi also visited Moscow in March.'],
    [
      {
        id: 'person:xi-jinping',
        type: 'person',
        country: 'CHN',
        sector: 'GOV',
        at: [{ text: 'Xi', form: 'surname' }],
      },
      { id: 'country:RUS', type: 'country', country: 'RUS', at: [{ text: 'Moscow', form: 'capital' }] },
    ],
    [{ text: 'March', value: '2024-03' }],
  );
  assert.equal(eventsOf(doc)[0]?.status, 'asserted');
});

test('seed: "many countries introduced sanctions aimed at draining Russia’s war coffers" → SANCTION on RUS, text-only actor', () => {
  const doc = docFromLines(
    [
      'As many countries introduced sanctions aimed at draining Russia’s war coffers, the trade between Moscow and Beijing has surged in the wake of the war, hitting record levels last year.',
    ],
    [
      {
        id: 'country:RUS',
        type: 'country',
        country: 'RUS',
        at: [{ text: 'Russia' }, { text: 'Moscow', form: 'capital' }],
      },
      { id: 'country:CHN', type: 'country', country: 'CHN', at: [{ text: 'Beijing', form: 'capital' }] },
    ],
  );
  const events = eventsOf(doc);
  assert.equal(events.length, 1);
  const e = events[0] as CodedEvent;
  assert.equal(e.type, 'SANCTION');
  assert.equal(e.recipient?.country, 'RUS');
  assert.equal(e.actor?.text, 'many countries');
  assert.equal(e.actor?.country, undefined);
});

test('seed: "Putin also praised China’s approaches" → SUPPORT (CAMEO 051 praise) RUS → CHN', () => {
  const doc = docFromLines(
    ['Putin also praised China’s “approaches to resolving the crisis in Ukraine.”'],
    [
      {
        id: 'person:vladimir-putin',
        type: 'person',
        country: 'RUS',
        sector: 'GOV',
        at: [{ text: 'Putin', form: 'surname' }],
      },
      { id: 'country:CHN', type: 'country', country: 'CHN', at: [{ text: 'China' }] },
      { id: 'country:UKR', type: 'country', country: 'UKR', at: [{ text: 'Ukraine' }] },
    ],
  );
  const e = eventsOf(doc)[0] as CodedEvent;
  assert.equal(e.type, 'SUPPORT');
  assert.equal(e.cameo, '051');
  assert.equal(e.actor?.country, 'RUS');
  assert.equal(e.recipient?.country, 'CHN');
});

test('seed: "expected to feature in Xi and Putin’s meetings" emits no garbage event', () => {
  const doc = docFromLines(
    [
      'According to CNN, the Russia-Ukraine conflict as well as the war in Gaza, are expected to feature in Xi and Putin’s meetings, alongside discussions on their expanding trade, security, and energy ties.',
    ],
    [
      { id: 'organization:cnn', type: 'organization', country: 'USA', sector: 'MED', at: [{ text: 'CNN' }] },
      {
        id: 'person:xi-jinping',
        type: 'person',
        country: 'CHN',
        sector: 'GOV',
        at: [{ text: 'Xi', form: 'surname' }],
      },
      {
        id: 'person:vladimir-putin',
        type: 'person',
        country: 'RUS',
        sector: 'GOV',
        at: [{ text: 'Putin', form: 'surname' }],
      },
    ],
  );
  for (const e of eventsOf(doc)) {
    assert.equal(e.type, 'CONSULT', `unexpected ${e.type} from ${e.rule}`);
    assert.notEqual(e.actor?.entity, 'organization:cnn');
  }
});

test('a meeting between two leaders takes both sides from after the trigger', () => {
  const doc = docFromLines(
    ['This is the fourth in-person meeting between Xi and Putin since the invasion.'],
    [
      {
        id: 'person:xi-jinping',
        type: 'person',
        country: 'CHN',
        sector: 'GOV',
        at: [{ text: 'Xi', form: 'surname' }],
      },
      {
        id: 'person:vladimir-putin',
        type: 'person',
        country: 'RUS',
        sector: 'GOV',
        at: [{ text: 'Putin', form: 'surname' }],
      },
    ],
  );
  const e = eventsOf(doc)[0] as CodedEvent;
  assert.equal(e.type, 'CONSULT');
  assert.equal(e.actor?.country, 'CHN');
  assert.equal(e.recipient?.country, 'RUS');
});

test('passive voice swaps roles: "was attacked by X"', () => {
  const doc = docFromLines(
    ['A camp for Sudanese refugees was attacked by Chadian militiamen on Monday.'],
    [
      { id: 'country:SDN', type: 'country', country: 'SDN', at: [{ text: 'Sudanese', form: 'demonym' }] },
      { id: 'country:TCD', type: 'country', country: 'TCD', at: [{ text: 'Chadian', form: 'demonym' }] },
    ],
  );
  const e = eventsOf(doc)[0] as CodedEvent;
  assert.equal(e.type, 'ASSAULT');
  assert.equal(e.actor?.country, 'TCD');
  assert.equal(e.recipient?.country, 'SDN');
});

test('a governing verb absorbs its complement: "threatened to ban" is one THREATEN', () => {
  const doc = docFromLines(
    ['Ruritania threatened to ban all flights from Freedonia.'],
    [
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] },
      { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonia' }] },
    ],
  );
  const events = eventsOf(doc);
  assert.deepEqual(
    events.map((e) => e.type),
    ['THREATEN'],
  );
  assert.equal(events[0]?.recipient?.country, 'FRE');
});

test('future material conflict is coded as THREATEN, future cooperation as AGREE', () => {
  const doc = docFromLines(
    ['Ruritania will impose sanctions on Freedonia.', 'Ruritania will send food aid to Freedonia.'],
    [
      {
        id: 'country:RUR',
        type: 'country',
        country: 'RUR',
        at: [{ text: 'Ruritania' }, { text: 'Ruritania', n: 1 }],
      },
      {
        id: 'country:FRE',
        type: 'country',
        country: 'FRE',
        at: [{ text: 'Freedonia' }, { text: 'Freedonia', n: 1 }],
      },
    ],
  );
  const [a, b] = eventsOf(doc);
  assert.equal(a?.type, 'THREATEN');
  assert.equal(a?.rule, 'events:sanction.impose-sanctions');
  assert.equal(a?.status, 'future');
  assert.equal(b?.type, 'AGREE');
  assert.equal(b?.rule, 'events:aid.give-aid');
});

test('a noun use after a determiner is not read as the verb ("the attacks")', () => {
  const doc = docFromLines(
    ['Ruritania condemned the attacks on Freedonia.'],
    [
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] },
      { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonia' }] },
    ],
  );
  assert.deepEqual(
    eventsOf(doc).map((e) => e.type),
    ['ACCUSE'],
  );
});

test('no participant, no event; sentences without triggers cost nothing and yield []', () => {
  const doc = docFromLines(['He said they would attack.', 'The weather was fine.'], []);
  assert.deepEqual(eventsOf(doc), []);
});

test('the stage runs under the runner and assigns events', () => {
  const doc = docFromLines(
    ['Ruritania accused Freedonia of spying.'],
    [
      { id: 'country:RUR', type: 'country', country: 'RUR', at: [{ text: 'Ruritania' }] },
      { id: 'country:FRE', type: 'country', country: 'FRE', at: [{ text: 'Freedonia' }] },
    ],
  );
  const out = runStage(eventsStage, doc, undefined);
  assert.equal(out.events?.length, 1);
  assert.equal(out.events?.[0]?.rule, 'events:accuse.accuse');
  assert.deepEqual(out.diagnostics, []);
});

test('a recipient is not taken from the next clause (", as his troops … Russia’s advances")', () => {
  const doc = docFromLines(
    [
      'Zelensky announced that he would halt all upcoming international visits, as his troops defend against Russia’s advances.',
    ],
    [
      {
        id: 'person:volodymyr-zelensky',
        type: 'person',
        country: 'UKR',
        sector: 'GOV',
        at: [{ text: 'Zelensky', form: 'surname' }],
      },
      { id: 'country:RUS', type: 'country', country: 'RUS', at: [{ text: 'Russia' }] },
    ],
  );
  for (const e of eventsOf(doc))
    assert.notEqual(e.recipient?.country, 'RUS', `${e.rule} took Russia as recipient`);
  assert.ok(
    !eventsOf(doc).some((e) => e.rule === 'events:support.defend'),
    '"defend against" is not verbal support',
  );
});
