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

test('durations, compound adjectives, years and vague amounts are not quantities', () => {
  assert.deepEqual(
    quantities('A two-day visit marks 75 years. In 2023 people left. Dozens of civilians fled.'),
    [],
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
  assert.ok(!q.some((x) => x.text.includes('75')), 'years of relations are a duration');
});
