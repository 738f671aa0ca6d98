import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_ARTICLE, skipWithoutData } from '../../../../test/support/shared-data.js';
import { docFromText } from '../../../../test/support/test-doc.js';
import { annotateQuantities } from './annotate-quantities.js';

function quantities(text: string, removed: string[] = []) {
  const r = annotateQuantities(docFromText(text, removed));
  assert.ok(r.quantities);
  return r.quantities.map((q) => ({ text: q.text, value: q.value, unit: q.unit, kind: q.kind }));
}

test('money with the currency before the number, with and without scale words', () => {
  assert.deepEqual(
    quantities('It plans $1.4 trillion, £600m, $1.13bn, €5 billion, US$3m, Rs 200 crore and $639m.'),
    [
      { text: '$1.4 trillion', value: 1.4e12, unit: 'USD', kind: 'money' },
      { text: '£600m', value: 6e8, unit: 'GBP', kind: 'money' },
      { text: '$1.13bn', value: 1.13e9, unit: 'USD', kind: 'money' },
      { text: '€5 billion', value: 5e9, unit: 'EUR', kind: 'money' },
      { text: 'US$3m', value: 3e6, unit: 'USD', kind: 'money' },
      { text: 'Rs 200 crore', value: 2e9, unit: 'INR', kind: 'money' },
      { text: '$639m', value: 6.39e8, unit: 'USD', kind: 'money' },
    ],
  );
});

test('money with the currency after the number, and percentages in three spellings', () => {
  assert.deepEqual(
    quantities('A loan of 5 million yuan grew 76% in May, 2 per cent in June and 5 percent later.'),
    [
      { text: '5 million yuan', value: 5e6, unit: 'CNY', kind: 'money' },
      { text: '76%', value: 76, unit: 'percent', kind: 'percent' },
      { text: '2 per cent', value: 2, unit: 'percent', kind: 'percent' },
      { text: '5 percent', value: 5, unit: 'percent', kind: 'percent' },
    ],
  );
});

test('counts of people, with digits, separators and number words', () => {
  assert.deepEqual(quantities('About 1,200 people fled; two soldiers and 5,000 Russian troops stayed.'), [
    { text: '1,200 people', value: 1200, unit: 'people', kind: 'count' },
    { text: 'two soldiers', value: 2, unit: 'soldiers', kind: 'count' },
    { text: '5,000 Russian troops', value: 5000, unit: 'troops', kind: 'count' },
  ]);
});

test('spelled-out counts use the shared cardinals, up to ninety', () => {
  assert.deepEqual(quantities('Thirty protesters and eighteen soldiers were hurt.'), [
    { text: 'Thirty protesters', value: 30, unit: 'protesters', kind: 'count' },
    { text: 'eighteen soldiers', value: 18, unit: 'soldiers', kind: 'count' },
  ]);
});

test('compound adjectives and years are not quantities', () => {
  assert.deepEqual(quantities('A two-day visit and a 75-year-old man. In 2023 people left.'), []);
});

function measures(text: string) {
  const r = annotateQuantities(docFromText(text));
  return (r.quantities ?? []).map((q) => [q.text, q.value, q.unit, q.dimension, q.normalized, q.rule]);
}

test('measures and durations carry their unit code, dimension and SI value', () => {
  assert.deepEqual(
    measures('The 1,200 km pipeline carries 30,000 barrels; 5 miles away it was 95 degrees Fahrenheit.'),
    [
      ['1,200 km', 1200, 'km', 'length', { value: 1.2e6, unit: 'm' }, 'quantities:measure-length'],
      ['30,000 barrels', 30000, 'bbl', 'volume', { value: 4769.62, unit: 'm3' }, 'quantities:measure-volume'],
      ['5 miles', 5, 'mi', 'length', { value: 8046.72, unit: 'm' }, 'quantities:measure-length'],
      [
        '95 degrees Fahrenheit',
        95,
        'degF',
        'temperature',
        { value: 35, unit: 'Cel' },
        'quantities:measure-temperature',
      ],
    ],
  );
  assert.deepEqual(measures('The talks lasted three hours; he served 2 years. One day it will end.'), [
    ['three hours', 3, 'h', 'duration', { value: 10800, unit: 's' }, 'quantities:measure-duration'],
    ['2 years', 2, 'a', 'duration', { value: 63115200, unit: 's' }, 'quantities:measure-duration'],
  ]);
});

function ranges(text: string) {
  const r = annotateQuantities(docFromText(text));
  return (r.quantities ?? []).map((q) => [q.text, q.value, q.low, q.high, q.unit, q.kind]);
}

test('ranges: a dash, "to" or "between … and"; a scale after the second number applies to both', () => {
  assert.deepEqual(
    ranges(
      'Between 10 and 15 people died, 20-30 soldiers were hurt and it will cost $2-3 billion, up 5 to 7 percent.',
    ),
    [
      ['10 and 15 people', 10, 10, 15, 'people', 'count'],
      ['20-30 soldiers', 20, 20, 30, 'soldiers', 'count'],
      ['$2-3 billion', 2e9, 2e9, 3e9, 'USD', 'money'],
      ['5 to 7 percent', 5, 5, 7, 'percent', 'percent'],
    ],
  );
  // A score or a descending pair is no range.
  assert.deepEqual(ranges('They won 3-1 with 12-10 people.'), [
    ['10 people', 10, undefined, undefined, 'people', 'count'],
  ]);
});

test('vague counts are ranges when a counted noun or a people verb follows; bare numbers with such verbs count people', () => {
  assert.deepEqual(
    ranges(
      'Dozens were arrested and tens of thousands of protesters marched; 12 were killed and hundreds of buildings burned.',
    ),
    [
      ['Dozens', 24, 24, 99, 'people', 'count'],
      ['tens of thousands of protesters', 20000, 20000, 99999, 'protesters', 'count'],
      ['12', 12, undefined, undefined, 'people', 'count'],
    ],
  );
});

test('money in newswire and many currencies; numbers too long to be amounts are skipped', () => {
  assert.deepEqual(
    quantities(
      `Profit was 1.5 bln dlrs, 20 mln stg, R$ 40 billion and 7 billion Turkish lira; ${'9'.repeat(400)} dollars.`,
    ),
    [
      { text: '1.5 bln dlrs', value: 1.5e9, unit: 'USD', kind: 'money' },
      { text: '20 mln stg', value: 2e7, unit: 'GBP', kind: 'money' },
      { text: 'R$ 40 billion', value: 4e10, unit: 'BRL', kind: 'money' },
      { text: '7 billion Turkish lira', value: 7e9, unit: 'TRY', kind: 'money' },
    ],
  );
});

test('removed lines yield nothing and offsets point at the surface', () => {
  const text = 'Costs rose.\nSubscribe for $5 a month\nIt cost $7m.';
  const r = annotateQuantities(docFromText(text, ['Subscribe for $5 a month']));
  assert.equal(r.quantities?.length, 1);
  const q = r.quantities?.[0];
  assert.equal(text.slice(q?.start, q?.end), '$7m');
  assert.equal(q?.rule, 'quantities:money-prefix');
});

const seedPath = SEED_ARTICLE;

test('seed article: the debt issuance amount', { skip: skipWithoutData(seedPath) }, () => {
  const q = quantities(readFileSync(seedPath, 'utf8'), ['Advertisement']);
  assert.deepEqual(q[0], { text: '$1.4 trillion', value: 1.4e12, unit: 'USD', kind: 'money' });
  const years = q.find((x) => x.text.includes('75'));
  assert.deepEqual(
    years,
    { text: '75 years', value: 75, unit: 'a', kind: 'measure' },
    'years of relations are a duration',
  );
});
