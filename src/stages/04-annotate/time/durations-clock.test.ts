import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAnchor } from '../../../core/calendar-math.js';
import { findTimes } from './find-times.js';

// Thursday 26 October 1989: a report of the third quarter.
const anchor = parseAnchor('1989-10-26');

function found(sentence: string): [string, string, string][] {
  return findTimes(sentence, 0, anchor, {}).map((m) => [sentence.slice(m.start, m.end), m.value, m.type]);
}

test('"this year\'s third quarter", "1998\'s first quarter": one expression, the year before the ordinal', () => {
  assert.deepEqual(found("Profit rose in this year's third quarter."), [
    ["this year's third quarter", '1989-Q3', 'DATE'],
  ]);
  assert.deepEqual(found("A loss is expected in 1990's first quarter."), [
    ["1990's first quarter", '1990-Q1', 'DATE'],
  ]);
  assert.deepEqual(found("Sales fell in last year's fourth quarter."), [
    ["last year's fourth quarter", '1988-Q4', 'DATE'],
  ]);
  // "this year" alone is still the year.
  assert.deepEqual(found("This year's budget was cut."), [['This year', '1989', 'DATE']]);
});

test('"a week-long visit", "the year-long inquiry": one unit\'s length', () => {
  assert.deepEqual(found('The year-long inquiry found nothing.'), [['year-long', 'P1Y', 'DURATION']]);
  assert.deepEqual(found('The month-long strike ended.'), [['month-long', 'P1M', 'DURATION']]);
  // Not a unit: "a long week" is no hyphenated length, "life-long" no unit.
  assert.deepEqual(found('It was a life-long dream.'), []);
});

test('a clock time with a colon after "at" is a time as written', () => {
  assert.deepEqual(found('The train left at 14:30 GMT.'), [['14:30 GMT', '1989-10-26T14:30', 'TIME']]);
  assert.deepEqual(found('The sun rose at 6:45.'), [['6:45', '1989-10-26T06:45', 'TIME']]);
  // A ratio or a race time is no clock.
  assert.deepEqual(found('The odds stood at 3:1 against.'), []);
  assert.deepEqual(found('He won in 2:05.'), []);
});

test('"for centuries" is found: every form of a unit triggers a sentence ("centuries" is not "century…")', () => {
  assert.deepEqual(found('Ukraine was ruled from Moscow for centuries.'), [
    ['centuries', 'PXCE', 'DURATION'],
  ]);
});

test('a line in capitals is no title: "CLINTON TO VISIT CHINA NEXT WEEK"', () => {
  assert.deepEqual(found('CLINTON TO VISIT CHINA NEXT WEEK'), [['NEXT WEEK', '1989-W44', 'DATE']]);
  // A capitalised "This Week" inside a mixed-case sentence is still a programme's name.
  assert.deepEqual(found('She appeared on This Week with David Brinkley.'), []);
  assert.deepEqual(found('She told USA Today that the plan had failed.'), []);
});

test('"a dozen years", "two dozen years", "three hundred years": the count multiplied', () => {
  assert.deepEqual(found('He waited a dozen years.'), [['a dozen years', 'P12Y', 'DURATION']]);
  assert.deepEqual(found('He spent two dozen years abroad.'), [['two dozen years', 'P24Y', 'DURATION']]);
  assert.deepEqual(found('They lived there three hundred years.'), [
    ['three hundred years', 'P300Y', 'DURATION'],
  ]);
  assert.deepEqual(found('A dozen people died.'), []);
});

test('"this Tuesday" in a past clause is the one already past this week', () => {
  // Thursday 26 October 1989: this week's Tuesday is the 24th, the coming one the 31st.
  assert.deepEqual(found('The minister said this Tuesday that talks would resume.'), [
    ['this Tuesday', '1989-10-24', 'DATE'],
  ]);
  assert.deepEqual(found('The talks will resume this Tuesday.'), [['this Tuesday', '1989-10-31', 'DATE']]);
});

test('"the year-earlier nine months": one expression, the length of the period', () => {
  assert.deepEqual(found('Net for the year-earlier nine months included a gain.'), [
    ['the year-earlier nine months', 'P9M', 'DURATION'],
  ]);
  // Without a length it is still the point a year back.
  assert.deepEqual(found('The year-earlier quarter was weak.')[0]?.slice(1), ['1988-Q3', 'DATE']);
});

test('holidays fixed by weekday: "Election Day", "Labor Day", "Memorial Day" in the year meant', () => {
  // 26 October 1989: Election Day 1989 is Tuesday 7 November (the Tuesday after the first Monday).
  assert.deepEqual(found('Voters go to the polls on Election Day.'), [
    ['Election Day', '1989-11-07', 'DATE'],
  ]);
  // Labor Day (first Monday of September) in a past clause: 4 September 1989.
  assert.deepEqual(found('The strike began on Labor Day.'), [['Labor Day', '1989-09-04', 'DATE']]);
  // Memorial Day, the last Monday of May, ahead: 28 May 1990.
  assert.deepEqual(found('He will return by Memorial Day.'), [['Memorial Day', '1990-05-28', 'DATE']]);
  assert.deepEqual(found("The deal was signed on Valentine's Day.")[0]?.slice(1), ['1989-02-14', 'DATE']);
  assert.deepEqual(found('Labor Day 1988 was quiet.'), [['Labor Day 1988', '1988-09-05', 'DATE']]);
});

test('"the end of the decade" is the decade the text is in; "in the decade since" is not a date', () => {
  assert.deepEqual(found('Growth will slow by the end of the decade.'), [
    ['the end of the decade', '198', 'DATE'],
  ]);
  assert.deepEqual(found('Prices doubled in the decade since the war.'), []);
});

test('"one day" after a modal is some day to come, elsewhere a day\'s length', () => {
  assert.deepEqual(found('The robots could one day replace us.'), [['one day', 'FUTURE_REF', 'DATE']]);
  assert.deepEqual(found('The strike lasted one day.'), [['one day', 'P1D', 'DURATION']]);
});

test('"the last-minute effort": a leader joined to its unit by a hyphen is an adjective, not a length', () => {
  assert.deepEqual(found('The last-minute effort failed.'), []);
  assert.deepEqual(found('Prices rose over the past year.'), [['the past year', 'P1Y', 'DURATION']]);
});
