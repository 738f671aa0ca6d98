import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAnchor } from '../../../core/calendar-math.js';
import { findTimes } from './find-times.js';

// Thursday 16 May 2024: the Friday before is the 10th, the one after the 17th; Saturday the 11th / 18th.
const anchor = parseAnchor('2024-05-16');

function found(sentence: string): [string, string, string][] {
  return findTimes(sentence, 0, anchor, {}).map((m) => [sentence.slice(m.start, m.end), m.value, m.type]);
}

test('verbs of coming, going, starting and meeting in the simple present are a timetable', () => {
  assert.deepEqual(found('The minister arrives Saturday.'), [['Saturday', '2024-05-18', 'DATE']]);
  assert.deepEqual(found('The two leaders meet Saturday.'), [['Saturday', '2024-05-18', 'DATE']]);
  assert.deepEqual(found('The envoy leaves for Paris on Friday.'), [['Friday', '2024-05-17', 'DATE']]);
  // The past, an infinitive, a past with "did" and a negation keep the tense found further back.
  assert.deepEqual(found('The minister arrived Saturday.'), [['Saturday', '2024-05-11', 'DATE']]);
  assert.deepEqual(found('They agreed to meet Saturday.'), [['Saturday', '2024-05-11', 'DATE']]);
  assert.deepEqual(found('He did not leave Friday.'), [['Friday', '2024-05-10', 'DATE']]);
  // After a determiner the word is a noun: "the start" is no verb.
  assert.deepEqual(found('Officials announced the start Friday.'), [['Friday', '2024-05-10', 'DATE']]);
});

test('"is" / "are" nearest a weekday look ahead: "the vote is Saturday"', () => {
  assert.deepEqual(found('The vote is Saturday.'), [['Saturday', '2024-05-18', 'DATE']]);
  assert.deepEqual(found('The hearings are Friday.'), [['Friday', '2024-05-17', 'DATE']]);
  // A past cue nearer the weekday still wins.
  assert.deepEqual(found('It is the bill the Senate passed Friday.'), [['Friday', '2024-05-10', 'DATE']]);
});

test('"a.m." after a clock is no verb: the tense comes from the clause', () => {
  assert.deepEqual(found('The blast occurred at 10 a.m. Saturday.'), [
    ['10 a.m. Saturday', '2024-05-11T10:00', 'TIME'],
  ]);
  assert.deepEqual(found('The summit will open at 10 a.m. Saturday.'), [
    ['10 a.m. Saturday', '2024-05-18T10:00', 'TIME'],
  ]);
});

test('a clock time before a conversion takes the day named after it, with or without "on"', () => {
  assert.deepEqual(found('The blast occurred at 10 a.m. (0800 GMT) Saturday.')[0], [
    '10 a.m.',
    '2024-05-11T10:00',
    'TIME',
  ]);
  // No day after the conversion: the publication day.
  assert.deepEqual(found('The blast occurred at 10 a.m. (0800 GMT) near the border.')[0], [
    '10 a.m.',
    '2024-05-16T10:00',
    'TIME',
  ]);
});

test('"the year 2000" is one expression, the year written; "the next century" is a date', () => {
  assert.deepEqual(found('Computers may fail in the year 2000.'), [['the year 2000', '2000', 'DATE']]);
  assert.deepEqual(found('The rules last until the year 2031.'), [['the year 2031', '2031', 'DATE']]);
  // 2024 is in the 21st century (`20`): the next is `21`; with a count it stays a duration.
  assert.deepEqual(found('The bridge will serve into the next century.'), [
    ['the next century', '21', 'DATE'],
  ]);
  assert.deepEqual(found('The coming century will be warmer.'), [['The coming century', '21', 'DATE']]);
  assert.deepEqual(found('It stood for the past century.'), [['the past century', 'P100Y', 'DURATION']]);
  assert.deepEqual(found('It may last the next two centuries.'), [
    ['the next two centuries', 'P200Y', 'DURATION'],
  ]);
});

test('a weekday with no tense cue is the nearer occurrence, the future one weighed 1.5 times as far', () => {
  // Thursday: Saturday is 2 days ahead (weighed 3) against 5 back; Sunday 3 ahead (4.5) against 4
  // back; Monday 4 ahead against 3 back.
  assert.deepEqual(found('Voting in the province Saturday draws crowds.'), [
    ['Saturday', '2024-05-18', 'DATE'],
  ]);
  assert.deepEqual(found('Voting in the province Sunday draws crowds.'), [['Sunday', '2024-05-12', 'DATE']]);
  assert.deepEqual(found('Voting in the province Monday draws crowds.'), [['Monday', '2024-05-13', 'DATE']]);
  // A past cue still decides.
  assert.deepEqual(found('Voting in the province ended Saturday.'), [['Saturday', '2024-05-11', 'DATE']]);
});

test('a part of the day placed by a position word is a TIME on the day under discussion', () => {
  const state = {};
  const times = (s: string) =>
    findTimes(s, 0, anchor, state).map((m) => [s.slice(m.start, m.end), m.value, m.type, m.mod]);
  // No day named yet: the publication day.
  assert.deepEqual(times('By mid-afternoon the crowd had gone.'), [
    ['mid-afternoon', '2024-05-16TAF', 'TIME', 'MID'],
  ]);
  // A day written after it is its day.
  assert.deepEqual(times('Shops closed in the late evening of May 2.'), [
    ['late evening of May 2', '2024-05-02TEV', 'TIME', 'END'],
  ]);
  // Else the last day the text named.
  assert.deepEqual(times('By early morning the roads were clear.'), [
    ['early morning', '2024-05-02TMO', 'TIME', 'START'],
  ]);
  // Without a position word a part of the day alone is no expression here.
  assert.deepEqual(times('The morning was calm.'), []);
});

test('a season with no tense cue is the nearer occurrence, as a month is', () => {
  const february = parseAnchor('2024-02-06');
  const season = (s: string) => findTimes(s, 0, february, {}).map((m) => [s.slice(m.start, m.end), m.value]);
  // Spring begins a month ahead (weighed 1.5) against eleven back; summer four ahead (6) against eight.
  assert.deepEqual(season('Factories may suffer in the spring.'), [['the spring', '2024-SP']]);
  assert.deepEqual(season('Sales slump in the summer.'), [['the summer', '2024-SU']]);
  // Autumn is seven months ahead (10.5) against five back; a past tense takes the last one.
  assert.deepEqual(season('Sales slump in the autumn.'), [['the autumn', '2023-FA']]);
  assert.deepEqual(season('Sales slumped in the summer.'), [['the summer', '2023-SU']]);
});

test('"since March", "had risen in June", "have come down from": a past nearness does not overrule', () => {
  // Written on 16 May 2024, next month's June is the nearer, but these can only be past.
  assert.deepEqual(found('Prices had risen in June.'), [['June', '2023-06', 'DATE']]);
  assert.deepEqual(found('Officials have met twice since June.'), [['June', '2023-06', 'DATE']]);
  assert.deepEqual(found('Rates have been frozen since June 3.'), [['June 3', '2023-06-03', 'DATE']]);
  assert.deepEqual(found('Prices have come down from the middle of June.')[0]?.slice(1), ['2023-06', 'DATE']);
  // A future seen from the past may still be ahead: "had been set to expire June 3".
  assert.deepEqual(found('The offer had been set to expire June 3.'), [['June 3', '2024-06-03', 'DATE']]);
  // Without such a cue the nearer June stays.
  assert.deepEqual(found('The plant closed in June.'), [['June', '2024-06', 'DATE']]);
});
