import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, type Doc, type Removed, type TimeExpression } from '../../../core/doc.js';
import { runStage } from '../../../core/runner.js';
import { timeStage } from './time-stage.js';

/** One sentence per line; `removed` lines are given by index. */
function analyse(lines: string[], published: string | undefined, removedLines: number[] = []): Doc {
  const text = lines.join('\n');
  const sentences = [];
  const removed: Removed[] = [];
  let at = 0;
  for (const [i, line] of lines.entries()) {
    if (removedLines.includes(i))
      removed.push({ start: at, end: at + line.length, reason: 'boilerplate', rule: 'test' });
    else sentences.push({ start: at, end: at + line.length, paragraph: i });
    at += line.length + 1;
  }
  const doc = createDoc(text, { uri: 'test:', mediaType: 'text/plain', ...(published ? { published } : {}) });
  return runStage(timeStage, { ...doc, sentences, removed }, undefined);
}

function times(sentence: string, published = '2024-05-16'): TimeExpression[] {
  return analyse([sentence], published).times ?? [];
}

function one(sentence: string, surface: string, published = '2024-05-16'): TimeExpression {
  const found = times(sentence, published).find((t) => t.text === surface);
  assert.ok(
    found,
    `expected "${surface}" in ${JSON.stringify(times(sentence, published).map((t) => t.text))}`,
  );
  return found;
}

test('seed: "on Thursday morning" resolves to the publication day (2024-05-16)', () => {
  const found = times(
    'Russian President Vladimir Putin arrived in China for a two-day state on Thursday morning, CNN reported.',
  );
  const thursday = found.find((t) => t.text.includes('Thursday'));
  assert.ok(thursday);
  assert.ok(thursday.value.startsWith('2024-05-16'), thursday.value);
  assert.equal(thursday.rule, 'time:weekday');
  const twoDay = found.find((t) => t.text === 'two-day');
  assert.deepEqual(twoDay && [twoDay.value, twoDay.type, twoDay.granularity], [
    'P2D',
    'DURATION',
    'duration',
  ]);
});

test('seed: "the Kremlin said Tuesday" is the Tuesday before, even after "expected to"', () => {
  const t = one(
    'The two leaders are expected to sign a number of bilateral agreements, the Kremlin said Tuesday.',
    'Tuesday',
  );
  assert.equal(t.value, '2024-05-14');
  assert.equal(t.granularity, 'day');
});

test('seed: last week, last year, in 2023, 75 years', () => {
  assert.equal(one('since entering a new term as president last week.', 'last week').value, '2024-W19');
  assert.equal(one('hitting record levels last year.', 'last year').value, '2023');
  const y = one('Xi also visited Moscow in 2023 after entering his new term.', '2023');
  assert.deepEqual([y.value, y.granularity, y.rule], ['2023', 'year', 'time:year']);
  assert.equal(one('celebrate 75 years of their diplomatic relations', '75 years').value, 'P75Y');
});

test('"by" is a deadline right before a date, a passive agent further off', () => {
  // 2024-05-16 is a Thursday.
  assert.equal(one('The report must be finished by Monday.', 'Monday').value, '2024-05-20');
  assert.equal(one('The depot was shelled by two gunboats on Monday.', 'Monday').value, '2024-05-13');
  assert.equal(one('The town was hit by rockets on Tuesday night.', 'Tuesday night').value, '2024-05-14TNI');
});

test('future context resolves weekdays forward', () => {
  assert.equal(one('The ministers will meet on Friday in Geneva.', 'Friday').value, '2024-05-17');
  assert.equal(one('The ministers will meet on Thursday.', 'Thursday').value, '2024-05-16');
  assert.equal(one('The ministers met on Friday in Geneva.', 'Friday').value, '2024-05-10');
  assert.equal(one('They will talk again next Monday.', 'next Monday').value, '2024-05-20');
});

test('deictic days and references', () => {
  const found = times('Yesterday the rate fell, today it rose, tomorrow it may fall; it is now stable.');
  assert.deepEqual(
    found.map((t) => [t.text, t.value]),
    [
      ['Yesterday', '2024-05-15'],
      ['today', '2024-05-16'],
      ['tomorrow', '2024-05-17'],
      ['now', 'PRESENT_REF'],
    ],
  );
  assert.equal(one('Prices have recently doubled.', 'recently').value, 'PAST_REF');
  const tonight = one('The vote is tonight.', 'tonight');
  assert.deepEqual([tonight.value, tonight.type], ['2024-05-16TNI', 'TIME']);
});

test('calendar dates in several spellings', () => {
  assert.equal(one('It was signed on 16 May 2024 in Paris.', '16 May 2024').value, '2024-05-16');
  assert.equal(one('It was signed in May 2024.', 'May 2024').value, '2024-05');
  assert.equal(one('The law took effect on 2024-05-16.', '2024-05-16').value, '2024-05-16');
  assert.equal(one('He was shot on Oct. 23, 1998, police said.', 'Oct. 23, 1998').value, '1998-10-23');
  assert.equal(one('The shooting on Oct. 23 shocked the town.', 'Oct. 23', '1998-11-20').value, '1998-10-23');
  assert.equal(one('The filing was made 11/02/89.', '11/02/89').value, '1989-11-02');
  assert.equal(one('Sales rose in January.', 'January', '1998-02-10').value, '1998-01');
});

test('relative units against another publication date', () => {
  assert.equal(one('The shooting happened last month.', 'last month', '1998-11-20').value, '1998-10');
  assert.equal(one('Talks resume next month.', 'next month').value, '2024-06');
  assert.equal(one('Inflation slowed this month.', 'this month').value, '2024-05');
  assert.equal(one('Exports grew this year.', 'this year').value, '2024');
  assert.equal(one('Output doubled two years ago.', 'two years ago').value, '2022');
});

test('durations, quarters, decades, seasons, clock times and sets', () => {
  const past = one('Output fell over the past three years.', 'the past three years');
  assert.deepEqual([past.value, past.type], ['P3Y', 'DURATION']);
  assert.equal(one('Growth will pick up in the fourth quarter.', 'the fourth quarter').value, '2024-Q4');
  assert.equal(one('Profit rose in the third quarter.', 'the third quarter', '1989-10-26').value, '1989-Q3');
  assert.equal(one('Rates were high in the 1990s.', 'the 1990s').value, '199');
  assert.equal(one('They plan to return this summer.', 'this summer').value, '2024-SU');
  const clock = one('The blast came at 10:35 a.m. local time.', '10:35 a.m.');
  assert.deepEqual([clock.value, clock.type, clock.granularity], ['2024-05-16T10:35', 'TIME', 'instant']);
  assert.equal(one('The paper is published daily.', 'daily').type, 'SET');
});

test('numbers that are not years or durations are left alone', () => {
  const found = times('About 2000 people marched, a 44-year-old man said, and three-quarters agreed.');
  assert.deepEqual(
    found.map((t) => t.text),
    [],
  );
  assert.deepEqual(
    times('Investors want it as soon as possible and may sell.').map((t) => t.text),
    [],
  );
});

test('expressions inside removed spans are skipped; offsets point into the document text', () => {
  const doc = analyse(['Advertisement for Friday sales', 'The summit opened on Monday.'], '2024-05-16', [0]);
  assert.deepEqual(
    doc.times?.map((t) => [t.text, t.value]),
    [['Monday', '2024-05-13']],
  );
  const t = doc.times?.[0];
  assert.ok(t);
  assert.equal(doc.text.slice(t.start, t.end), 'Monday');
});

test('without a publication date: absolute dates resolve, relative ones keep X and one diagnostic', () => {
  const doc = analyse(
    ['It happened on Friday and last week.', 'The treaty dates from 16 May 1998.'],
    undefined,
  );
  assert.deepEqual(
    doc.times?.map((t) => [t.text, t.value]),
    [
      ['Friday', 'XXXX-WXX-5'],
      ['last week', 'XXXX-WXX'],
      ['16 May 1998', '1998-05-16'],
    ],
  );
  const diagnostics = doc.diagnostics.filter((d) => d.ruleId === 'time:no-anchor');
  assert.equal(diagnostics.length, 1);
  assert.equal(analyse(['Nothing relative here, in 1998.'], undefined).diagnostics.length, 0);
});
