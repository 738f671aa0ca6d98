import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAnchor } from '../../../core/calendar-math.js';
import { tokenizeSentences } from '../../../core/tokens.js';
import { createTimeScanner, findTimes, mayHoldTime } from './find-times.js';
import { granularityOf } from './time-stage.js';

const anchor = parseAnchor('2024-05-16');

function surfaces(sentence: string): string[] {
  return findTimes(sentence, 0, anchor, {}).map((m) => sentence.slice(m.start, m.end));
}

function timeValueOf(sentence: string, surface: string): string | undefined {
  return findTimes(sentence, 0, anchor, {}).find((m) => sentence.slice(m.start, m.end) === surface)?.value;
}

test('joined time tokens: ISO date, clock with colon, numeric date, decade, a.m.', () => {
  assert.equal(timeValueOf('The filing is dated 2024-05-02 in the registry.', '2024-05-02'), '2024-05-02');
  assert.equal(timeValueOf('Talks resumed at 10:35 a.m. on Friday.', '10:35 a.m. on Friday'), undefined);
  assert.equal(timeValueOf('Talks resumed at 10:35 a.m. Friday.', '10:35 a.m. Friday'), '2024-05-10T10:35');
  assert.equal(timeValueOf('The letter is dated 5/3/2024 and signed.', '5/3/2024'), '2024-05-03');
  assert.equal(timeValueOf('Prices rose in the 1990s and fell.', 'the 1990s'), '199');
});

test('an ordinal day keeps its suffix apart: "1st September 2002" is one day', () => {
  const sentence = 'Children born after 1st September 2002 qualify.';
  assert.deepEqual(surfaces(sentence), ['1st September 2002']);
  assert.equal(timeValueOf(sentence, '1st September 2002'), '2002-09-01');
});

test('"\'s" is one token: "this year\'s budget" keeps the year', () => {
  assert.equal(timeValueOf("Officials cut this year's budget.", 'this year'), '2024');
});

test('mayHoldTime: digits or a trigger stem at a word start', () => {
  assert.equal(mayHoldTime('Output rose 4 points.'), true);
  assert.equal(mayHoldTime('The minister spoke on Monday.'), true);
  assert.equal(mayHoldTime('The minister spoke warmly.'), false);
  // "mon" inside a word is no trigger; at the start of "money" it is (the scan decides later).
  assert.equal(mayHoldTime('Such harmony is rare.'), false);
  assert.equal(mayHoldTime('Such money is rare.'), true);
});

test('createTimeScanner over a document layer gives the same matches as findTimes per sentence', () => {
  const text =
    'Markets fell on Tuesday. Nothing else. The bank met last week and will meet again in June 2025.';
  const sentences = [
    { start: 0, end: 24 },
    { start: 25, end: 38 },
    { start: 39, end: text.length },
  ];
  const scan = createTimeScanner(tokenizeSentences(text, sentences), anchor, {});
  const fromLayer = sentences.flatMap((s, i) => scan(i, s));
  const fromStrings = sentences.flatMap((s) => findTimes(text.slice(s.start, s.end), s.start, anchor, {}));
  assert.deepEqual(fromLayer, fromStrings);
  assert.deepEqual(
    fromLayer.map((m) => [text.slice(m.start, m.end), m.value]),
    [
      ['Tuesday', '2024-05-14'],
      ['last week', '2024-W19'],
      ['June 2025', '2025-06'],
    ],
  );
});

test('granularityOf reads the value shape', () => {
  const cases: [string, 'DATE' | 'TIME' | 'DURATION' | 'SET', string][] = [
    ['2024-05-16T15:00', 'TIME', 'instant'],
    ['PRESENT_REF', 'DATE', 'instant'],
    ['2024-05-16', 'DATE', 'day'],
    ['XXXX-XX-XX', 'DATE', 'day'],
    ['2024-W19', 'DATE', 'week'],
    ['XXXX-WXX-1', 'DATE', 'day'],
    ['2024-W20-4', 'DATE', 'day'],
    ['2024-W19-WE', 'DATE', 'week'],
    ['2024-Q2', 'DATE', 'quarter'],
    ['2024-SU', 'DATE', 'quarter'],
    ['2024-05', 'DATE', 'month'],
    ['2024', 'DATE', 'year'],
    ['199', 'DATE', 'decade'],
    ['P2D', 'DURATION', 'duration'],
    ['P1W', 'SET', 'duration'],
  ];
  for (const [value, type, expected] of cases) assert.equal(granularityOf(value, type), expected, value);
});

function matches(sentence: string, state = {}) {
  return findTimes(sentence, 0, anchor, state).map((m) => [
    sentence.slice(m.start, m.end),
    m.value,
    m.type,
    m.rule,
    ...(m.mod ? [m.mod] : []),
  ]);
}

test('day ranges: the second day of "June 10-12" and the first of "3 to 5 March" are dates', () => {
  assert.deepEqual(matches('Talks run June 10-12, and the fair from 3 to 5 March.'), [
    ['June 10', '2024-06-10', 'DATE', 'time:month-date'],
    ['12', '2024-06-12', 'DATE', 'time:day-range'],
    ['3', '2024-03-03', 'DATE', 'time:day-range'],
    ['5 March', '2024-03-05', 'DATE', 'time:month-date'],
  ]);
  // A count after a date is no day: "June 10-12 people" makes no range.
  assert.deepEqual(
    matches('On June 10-12 people came.').map((m) => m[0]),
    ['June 10'],
  );
});

test('sets: every or each weekday or month, plural weekdays, a weekday with plural nights', () => {
  assert.deepEqual(matches('They meet every Tuesday, on Fridays, each July and on Tuesday nights.'), [
    ['every Tuesday', 'XXXX-WXX-2', 'SET', 'time:set'],
    ['Fridays', 'XXXX-WXX-5', 'SET', 'time:set'],
    ['each July', 'XXXX-07', 'SET', 'time:set'],
    ['Tuesday nights', 'XXXX-WXX-2TNI', 'SET', 'time:set'],
  ]);
});

test('fuzzy periods keep the whole period as value and say which part in mod', () => {
  assert.deepEqual(matches('Growth slowed in mid-2023, early March and by the end of the year.'), [
    ['mid-2023', '2023', 'DATE', 'time:year', 'MID'],
    ['early March', '2024-03', 'DATE', 'time:month-name', 'START'],
    ['the end of the year', '2024', 'DATE', 'time:relative-unit', 'END'],
  ]);
});

test('years in words', () => {
  assert.deepEqual(
    matches('In nineteen ninety-eight, by the year two thousand and in twenty twenty-two.').map((m) => m[1]),
    ['1998', '2000', '2022'],
  );
  // "two thousand people" is a count, not a year.
  assert.deepEqual(matches('About two thousand people came.'), []);
});

test('vague spans around another event: "hours after", "minutes later"', () => {
  assert.deepEqual(matches('Hours after the blast, police came; minutes later it ended.'), [
    ['Hours', 'PTXH', 'DURATION', 'time:duration'],
    ['minutes', 'PTXM', 'DURATION', 'time:duration'],
  ]);
});

test('"the previous Friday", "the next day" count from the last day the text named', () => {
  const state = {};
  assert.deepEqual(matches('The attack came on March 3, 2021.', state)[0]?.[1], '2021-03-03');
  assert.deepEqual(matches('The previous Friday, police had warned of it.', state)[0]?.[1], '2021-02-26');
  assert.deepEqual(matches('The next day the city was quiet.', state)[0]?.[1], '2021-02-27');
  // Without an earlier day, from the publication date (Thursday 2024-05-16).
  assert.deepEqual(matches('The previous Friday, police had warned.')[0]?.[1], '2024-05-10');
});

test('a month with "last year", a weekday beside its date, a present-tense verb', () => {
  assert.deepEqual(matches('In June last year they met.')[0]?.slice(0, 2), ['June last year', '2023-06']);
  // 2023-05-13 was a Saturday: the written date decides the year.
  assert.deepEqual(matches('The editorial ran on Saturday, May 13.')[0]?.slice(0, 2), [
    'Saturday, May 13',
    '2023-05-13',
  ]);
  // "is payable" is present: the nearest Jan. 2, whatever past verbs come before.
  assert.deepEqual(matches('The reduced dividend is payable Jan. 2.')[0]?.[1], '2024-01-02');
});

test('bad input: impossible dates and endless ranges give nothing wrong', () => {
  assert.deepEqual(matches('Dates like 32/13/2024, 2024-13-45 and February 30 are no days.'), []);
  // A chain of dashes and numbers after a date: at most the one day that follows it.
  const chain = `On June 10-${Array.from({ length: 2000 }, (_, k) => (k % 20) + 11).join('-')} it rained.`;
  const found = matches(chain);
  assert.deepEqual(
    found.slice(0, 2).map((m) => m[1]),
    ['2024-06-10', '2024-06-11'],
  );
  assert.ok(found.length <= 3, `${found.length} matches`);
  assert.deepEqual(matches(`every ${'every '.repeat(5000)}day`).length, 1);
});

test('a date named without its year is near: past tense does not send "Nov. 6" a year back', () => {
  const oct30 = parseAnchor('1989-10-30');
  const valueAt = (sentence: string, surface: string) =>
    findTimes(sentence, 0, oct30, {}).find((m) => sentence.slice(m.start, m.end) === surface)?.value;
  // Tense points back, but the date is a week ahead: the near one is meant.
  assert.equal(valueAt('The offer was extended to Nov. 6 by the board.', 'Nov. 6'), '1989-11-06');
  assert.equal(valueAt('Guidelines published in early November will decide.', 'early November'), '1989-11');
  // Near on the tense's side stays there; far on both sides keeps the tense.
  assert.equal(valueAt('The plan was announced on Oct. 21 in Paris.', 'Oct. 21'), '1989-10-21');
  assert.equal(valueAt('The company reported on May 2 that sales fell.', 'May 2'), '1989-05-02');
});

test('a future seen from the past is past: "had been scheduled to expire Friday"', () => {
  const oct30 = parseAnchor('1989-10-30');
  const sentence = 'The offer had been scheduled to expire Friday.';
  const value = findTimes(sentence, 0, oct30, {}).find(
    (m) => sentence.slice(m.start, m.end) === 'Friday',
  )?.value;
  assert.equal(value, '1989-10-27');
  const ahead = 'The offer is scheduled to expire Friday.';
  assert.equal(
    findTimes(ahead, 0, oct30, {}).find((m) => ahead.slice(m.start, m.end) === 'Friday')?.value,
    '1989-11-03',
  );
});

test('a quarter takes the year written or implied before it', () => {
  const oct27 = parseAnchor('1989-10-27');
  const valuesIn = (sentence: string) => findTimes(sentence, 0, oct27, {}).map((m) => m.value);
  assert.deepEqual(valuesIn('Profit rose from the 1988 third quarter.'), ['1988-Q3']);
  assert.deepEqual(valuesIn('Sales fell from the year-ago third quarter.'), ['1988-Q3']);
  assert.deepEqual(valuesIn("It expects growth in next year's first quarter."), ['1990-Q1']);
  assert.deepEqual(valuesIn('Net income rose in the third quarter.'), ['1989-Q3']);
  // "the latest quarter": the last one completed, whatever quarter the text named before.
  assert.deepEqual(
    valuesIn('Fourth-quarter sales will rise; profit fell in the latest quarter.').at(-1),
    '1989-Q3',
  );
});

test('"the weekend": the past one in a past clause or early in the week, the coming one in a future clause', () => {
  // 2024-05-16 is a Thursday: with no tense the coming weekend is the nearer.
  assert.equal(
    timeValueOf('Officials said over the weekend that talks failed.', 'the weekend'),
    '2024-W19-WE',
  );
  assert.equal(timeValueOf('The two will meet over the weekend.', 'the weekend'), '2024-W20-WE');
  const monday = parseAnchor('2024-05-13');
  const onMonday = findTimes('Over the weekend, markets were calm.', 0, monday, {});
  assert.deepEqual(
    onMonday.map((m) => m.value),
    ['2024-W19-WE'],
  );
});

test('a year named by its last day is a duration: "the year ended March 31"', () => {
  assert.deepEqual(matches('Net income for the year ended March 31 rose.').slice(0, 1), [
    ['the year', 'P1Y', 'DURATION', 'time:period-ended'],
  ]);
  assert.equal(timeValueOf('Sales fell in the year.', 'the year'), '2024');
});

test('"the following year" and "the following month" count from the last date the text named', () => {
  const sentence =
    'He was promoted in March 1995, and the following month he moved; the following year he left.';
  assert.equal(timeValueOf(sentence, 'the following month'), '1995-04');
  assert.equal(timeValueOf(sentence, 'the following year'), '1996');
  // With no date named before, from the publication date.
  assert.equal(timeValueOf('The following year he left.', 'The following year'), '2025');
});

test('a passive after "be" takes the tense of its auxiliary: "will be paid Dec. 14"', () => {
  assert.equal(timeValueOf('The dividend will be paid Dec. 14 to holders.', 'Dec. 14'), '2024-12-14');
  assert.equal(timeValueOf('The dividend was paid Dec. 14 to holders.', 'Dec. 14'), '2023-12-14');
});

test('a tense cue after a determiner is a noun: "announced the plan July 21" is past, "plans to sign … July 21" future', () => {
  assert.equal(timeValueOf('The ministry announced the plan July 21.', 'July 21'), '2023-07-21');
  assert.equal(timeValueOf('The ministry plans to sign the deal July 21.', 'July 21'), '2024-07-21');
});

test('a century is its first two year digits ("the 20th century" → 19); "current" is PRESENT_REF', () => {
  assert.equal(timeValueOf('It was built in the 11th century.', '11th century'), '10');
  assert.equal(timeValueOf('The 20th century ended.', '20th century'), '19');
  assert.equal(findTimes('The 20th century ended.', 0, anchor, {})[0]?.rule, 'time:century');
  assert.equal(granularityOf('19', 'DATE'), 'century');
  assert.equal(timeValueOf('The current rules apply.', 'current'), 'PRESENT_REF');
});

test('"every quarter", "every two weeks" recur (SET); quarters count in Q as TIMEX3 writes them', () => {
  const sentence = 'Rates are reset every quarter and audited every two weeks.';
  const found = findTimes(sentence, 0, anchor, {}).map((m) => [
    sentence.slice(m.start, m.end),
    m.value,
    m.type,
  ]);
  assert.deepEqual(found, [
    ['every quarter', 'P1Q', 'SET'],
    ['every two weeks', 'P2W', 'SET'],
  ]);
  assert.equal(timeValueOf('Losses grew in the past two quarters.', 'the past two quarters'), 'P2Q');
  assert.deepEqual(surfaces('Each of the years was hard.'), []);
});

test('"the full year", "the current fiscal year", "year-end": the year the text is in', () => {
  assert.deepEqual(matches('Profit should rise for the entire year, the bank said.')[0]?.slice(0, 2), [
    'the entire year',
    '2024',
  ]);
  assert.deepEqual(matches('It sees lower sales in the current fiscal year.')[0]?.slice(0, 2), [
    'the current fiscal year',
    '2024',
  ]);
  assert.deepEqual(matches('Next fiscal year looks better.')[0]?.slice(0, 2), ['Next fiscal year', '2025']);
  const end = findTimes('The sale should close by year-end.', 0, anchor, {})[0];
  assert.deepEqual([end?.value, end?.mod], ['2024', 'END']);
  assert.deepEqual(matches("Talks may finish by year's end.")[0]?.slice(0, 2), ["year's end", '2024']);
  // A year named by its last day stays a duration.
  assert.deepEqual(matches('In the fiscal year ended June 30, sales rose.')[0]?.slice(0, 3), [
    'the fiscal year',
    'P1Y',
    'DURATION',
  ]);
});

test('"the latest period" in a report of results is the quarter reported', () => {
  const state = {};
  matches('Net income for the third quarter rose 5%.', state);
  assert.deepEqual(matches('Revenue in the most recent period was flat.', state)[0]?.slice(0, 2), [
    'the most recent period',
    '2024-Q1',
  ]);
  // Outside a report of quarters, "period" is not a time expression.
  assert.deepEqual(matches('Wages fell in the latest period of unrest.'), []);
});

test('"N units later": the length is a duration, "later" a signal outside it', () => {
  assert.deepEqual(matches('Four weeks later, the ban was lifted.'), [
    ['Four weeks', 'P4W', 'DURATION', 'time:duration'],
  ]);
  // "ago" stays part of a date.
  assert.deepEqual(matches('Four weeks ago, the ban was lifted.')[0]?.slice(0, 3), [
    'Four weeks ago',
    '2024-W16',
    'DATE',
  ]);
});

test('a month or a season with a year in words', () => {
  assert.deepEqual(matches('Prices peaked in March nineteen eighty-two.')[0]?.slice(0, 2), [
    'March nineteen eighty-two',
    '1982-03',
  ]);
  assert.deepEqual(matches('It snowed in the spring of twenty ten.')[0]?.slice(0, 2), [
    'the spring of twenty ten',
    '2010-SP',
  ]);
});

test('"the 2023 quarter", "the quarter a year ago": the quarter under discussion in another year', () => {
  const state = {};
  matches('Sales grew in the first quarter.', state);
  assert.deepEqual(matches('Profit was higher in the 2022 quarter.', state)[0]?.slice(0, 2), [
    'the 2022 quarter',
    '2022-Q1',
  ]);
  assert.deepEqual(matches('Costs fell from the quarter a year earlier.', state)[0]?.slice(0, 2), [
    'the quarter a year earlier',
    '2023-Q1',
  ]);
  // Outside a report of quarters "the 2022 period" is left to the year.
  assert.deepEqual(matches('Look at the 2022 period of calm.')[0]?.slice(0, 2), ['2022', '2022']);
});

test('a capitalised "This Week" inside a sentence is a title, not a week', () => {
  assert.deepEqual(matches('She told NBC\'s "This Week" program that talks went well.'), []);
  assert.deepEqual(matches('This Week, she said, talks went well.')[0]?.slice(0, 2), [
    'This Week',
    '2024-W20',
  ]);
});

test('a year after a possessive names the year of what follows; a separated count does not', () => {
  assert.deepEqual(matches("The party's 2019 manifesto promised it.")[0]?.slice(0, 2), ['2019', '2019']);
  assert.deepEqual(matches('It recalled its 1991 decision.')[0]?.slice(0, 2), ['1991', '1991']);
  assert.deepEqual(matches('It laid off its 2,000 workers.'), []);
  assert.deepEqual(matches('About 2000 workers came.'), []);
});

test('"and a half", "trading days", "over the summer"', () => {
  assert.deepEqual(matches('The talks took an hour and a half.')[0]?.slice(0, 2), [
    'an hour and a half',
    'PT1H30M',
  ]);
  assert.deepEqual(matches('He served three and a half years.')[0]?.slice(0, 2), [
    'three and a half years',
    'P3Y6M',
  ]);
  assert.deepEqual(matches('Shares fell for five business days.')[0]?.slice(0, 2), [
    'five business days',
    'P5D',
  ]);
  assert.deepEqual(matches('Prices rose over the winter.')[0]?.slice(0, 2), ['the winter', '2023-WI']);
});

test('"is to"/"set to" before a weekday look ahead; "of the year" after a part of it', () => {
  // Thursday 2024-05-16: the coming Monday, not the one before.
  assert.deepEqual(matches('The talks are set to resume Monday in Geneva.')[0]?.slice(0, 2), [
    'Monday',
    '2024-05-20',
  ]);
  assert.deepEqual(matches('The shares are to trade again Monday.')[0]?.slice(0, 2), [
    'Monday',
    '2024-05-20',
  ]);
  assert.deepEqual(matches('The talks resumed Monday in Geneva.')[0]?.slice(0, 2), ['Monday', '2024-05-13']);
  assert.deepEqual(
    matches('Sales rose in the first four months of the year.').map((m) => m[0]),
    ['the first four months', 'the year'],
  );
  assert.deepEqual(matches('She was named player of the year.'), []);
});

test('"the same period last year", "the comparable year-ago quarter": the quarter under discussion, a year back', () => {
  const state = {};
  matches('Earnings rose in the second quarter.', state);
  assert.deepEqual(matches('They were lower in the same period last year.', state)[0]?.slice(0, 2), [
    'the same period last year',
    '2023-Q2',
  ]);
  assert.deepEqual(matches('In the comparable year-ago quarter, it lost money.', state)[0]?.slice(0, 2), [
    'the comparable year-ago quarter',
    '2023-Q2',
  ]);
  // Without a year back, "the same period" is no time expression.
  assert.deepEqual(matches('It fell in the same period.', state), []);
});

test('"half a century", "half an hour": half the unit; "half a point" is no time', () => {
  assert.deepEqual(
    matches('He spent half a century in politics.').map((m) => m.slice(0, 2)),
    [['half a century', 'P50Y']],
  );
  assert.deepEqual(
    matches('The talks lasted half an hour.').map((m) => m.slice(0, 2)),
    [['half an hour', 'PT30M']],
  );
  assert.deepEqual(matches('He won by half a point.'), []);
  assert.deepEqual(matches('Half the staff left.'), []);
});

test('"the first half" alone in its sentence, "first-half profit": the half of the year', () => {
  assert.deepEqual(matches('Sales rose in the first half.')[0]?.slice(0, 2), ['the first half', '2024-H1']);
  assert.deepEqual(matches('First-half profit rose.')[0]?.slice(0, 2), ['First-half', '2024-H1']);
});

test('"the \'80s": the last such decade not after the publication date', () => {
  assert.deepEqual(matches("The firm was founded in the '80s.")[0]?.slice(0, 2), ["the '80s", '198']);
  assert.deepEqual(matches('In the late ’90s sales fell.')[0]?.slice(0, 2), ['the late ’90s', '199']);
  // Written in 2024, the '30s are the 1930s.
  assert.deepEqual(matches("He was born in the '30s.")[0]?.slice(0, 2), ["the '30s", '193']);
});

test('the simple present of a scheduled event looks ahead: "takes effect Jan. 1", "expires Friday"', () => {
  assert.deepEqual(matches('The new law takes effect Jan. 1.')[0]?.slice(0, 2), ['Jan. 1', '2025-01-01']);
  assert.deepEqual(matches('The offer expires Friday.')[0]?.slice(0, 2), ['Friday', '2024-05-17']);
  assert.deepEqual(matches('The offer expired Friday.')[0]?.slice(0, 2), ['Friday', '2024-05-10']);
});

test('a clock time takes the day named beside it, else the last day the text named', () => {
  // Thursday 2024-05-16: "Saturday" is 2024-05-11.
  assert.deepEqual(matches('The quake struck at 3:15 a.m. (0715 GMT) on Saturday.')[0]?.slice(0, 2), [
    '3:15 a.m.',
    '2024-05-11T03:15',
  ]);
  assert.deepEqual(matches('The quake struck Saturday at 3:15 a.m.')[1]?.slice(0, 2), [
    '3:15 a.m.',
    '2024-05-11T03:15',
  ]);
  const state = {};
  matches('The bomb exploded on May 2.', state);
  assert.deepEqual(matches('At 10:30 a.m., rescuers arrived.', state)[0]?.slice(0, 2), [
    '10:30 a.m.',
    '2024-05-02T10:30',
  ]);
  // With no day named, the publication day.
  assert.deepEqual(matches('At 10:30 a.m., rescuers arrived.')[0]?.slice(0, 2), [
    '10:30 a.m.',
    '2024-05-16T10:30',
  ]);
});

test('a part of a year named from its end or by two quarters, with its year after "of"', () => {
  assert.equal(timeValueOf('Margins narrowed in the last half of 2021.', 'the last half of 2021'), '2021-H2');
  assert.equal(
    timeValueOf('Sales fell in the final quarter of 2019.', 'the final quarter of 2019'),
    '2019-Q4',
  );
  const sentence = 'Demand should hold through the first two quarters of 2025, analysts said.';
  assert.equal(timeValueOf(sentence, 'the first two quarters of 2025'), '2025-H1');
  // Without the year, "the last quarter" is the one before the present and "the first two quarters" a length.
  assert.equal(timeValueOf('Costs rose in the first two quarters.', 'the first two quarters'), 'P2Q');
});

test('a day before a colon is a day; "3:16" after a month is not', () => {
  const sentence = 'The paper wrote on Tuesday, May 14: the vote is near.';
  assert.deepEqual(surfaces(sentence), ['Tuesday, May 14']);
  assert.equal(timeValueOf(sentence, 'Tuesday, May 14'), '2024-05-14');
  assert.equal(timeValueOf('The sermon quoted June 3:16 at length.', 'June 3'), undefined);
});

test('"a week or so ago" is a date; "52 years old" an age, not a duration', () => {
  assert.equal(timeValueOf('The talks broke down a month or so ago.', 'a month or so ago'), '2024-04');
  assert.deepEqual(surfaces('Ms. Okafor, 47 years old, joins the board.'), []);
  assert.equal(timeValueOf('The dispute lasted 47 years.', '47 years'), 'P47Y');
  assert.equal(timeValueOf('They meet three times a year.', 'a year'), 'P1Y');
});

test('"the nineties", "2 1/2 years", "20 more years", "that year" and "that quarter"', () => {
  assert.equal(timeValueOf('Crime fell through the nineties.', 'the nineties'), '199');
  // The last such decade not after the publication date (2024): the twenties are the 2020s.
  assert.equal(timeValueOf('Rents rose in the twenties.', 'the twenties'), '202');
  assert.equal(timeValueOf('They stayed in the camps for 2 1/2 years.', '2 1/2 years'), 'P2Y6M');
  assert.equal(timeValueOf('The lease runs for 20 more years.', '20 more years'), 'P20Y');
  assert.equal(timeValueOf('The loan may be extended for an additional year.', 'an additional year'), 'P1Y');
  const text = 'Exports peaked in 2019, when shipments that year reached a record.';
  assert.equal(timeValueOf(text, 'that year'), '2019');
  const quarter = 'Profit fell in the third quarter of 2022, and results for that quarter included a charge.';
  assert.equal(timeValueOf(quarter, 'that quarter'), '2022-Q3');
  // Nothing named before it: no year to refer back to.
  assert.deepEqual(surfaces('He said that year was hard.'), []);
});

test('"the first hours", "the past weeks": a plural unit without a count leaves the count open', () => {
  assert.equal(timeValueOf('In the first hours of the strike, trains stopped.', 'the first hours'), 'PTXH');
  assert.equal(timeValueOf('Prices have climbed over the past weeks.', 'the past weeks'), 'PXW');
  assert.equal(timeValueOf('Prices have climbed over the past year.', 'the past year'), 'P1Y');
});

test('"The latest period" opening a sentence with no other time word is still found in a report of quarters', () => {
  const text = 'In the first quarter, the bank lost money. The latest period had a gain on bonds.';
  const scan = createTimeScanner(
    tokenizeSentences(text, [
      { start: 0, end: 42 },
      { start: 43, end: text.length },
    ]),
    anchor,
    {},
  );
  const found = [scan(0, { start: 0, end: 42 }), scan(1, { start: 43, end: text.length })].flat();
  assert.deepEqual(
    found.map((m) => [text.slice(m.start, m.end), m.value]),
    [
      ['the first quarter', '2024-Q1'],
      ['The latest period', '2024-Q1'],
    ],
  );
});

test('vague plural references: "recent", "coming", "future", "past" before any plural unit', () => {
  assert.equal(timeValueOf('Margins held up in past years.', 'past years'), 'PAST_REF');
  assert.equal(timeValueOf('Costs will fall in future quarters.', 'future quarters'), 'FUTURE_REF');
  assert.equal(timeValueOf('Growth may slow in the coming quarters.', 'the coming quarters'), 'FUTURE_REF');
  assert.equal(timeValueOf('Forests shrank in recent decades.', 'recent decades'), 'PAST_REF');
  // With "the" and "past", a length: the duration rule.
  assert.equal(timeValueOf('Forests shrank over the past decades.', 'the past decades'), 'PXDE');
});

test('"USA Today": a capitalised one-word phrase after a capitalised word inside a sentence ends a name', () => {
  assert.deepEqual(surfaces('She told USA Today that the plan had failed.'), []);
  assert.equal(timeValueOf('Today, the plan failed.', 'Today'), '2024-05-16');
  assert.equal(timeValueOf('She said the plan failed today.', 'today'), '2024-05-16');
});

test('a later quarter with no tense to go by is the nearer one: "the fourth quarter" in January is last year\'s', () => {
  const january = parseAnchor('2024-01-25');
  const valueIn = (sentence: string, surface: string) =>
    findTimes(sentence, 0, january, {}).find((m) => sentence.slice(m.start, m.end) === surface)?.value;
  assert.equal(valueIn('Results for the fourth quarter beat forecasts.', 'the fourth quarter'), '2023-Q4');
  // The third quarter is as far back as ahead: this year's, as before.
  assert.equal(valueIn('Results for the third quarter beat forecasts.', 'the third quarter'), '2024-Q3');
  assert.equal(valueIn('The firm will report the fourth quarter soon.', 'the fourth quarter'), '2024-Q4');
});

test('"quarter-to-quarter", "day-to-day": two units joined by "to" are an adjective, not a time', () => {
  assert.deepEqual(surfaces('The quarter-to-quarter comparison improved.'), []);
  assert.deepEqual(surfaces('She left the day-to-day running of the firm to others.'), []);
  assert.deepEqual(surfaces('Sales moved week-to-week, but the quarter ended well.'), ['the quarter']);
  // One unit with "to" and another word is still a time.
  assert.deepEqual(surfaces('The quarter to June was strong.'), ['The quarter', 'June']);
});
