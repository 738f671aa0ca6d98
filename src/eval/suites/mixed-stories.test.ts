import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type Article,
  gluedText,
  intactText,
  mixedStoriesSuite,
  planGlues,
  precisionAt1in100,
  precisionAtRate,
  readArticle,
} from './mixed-stories.js';

const article = (category: string, n: number): Article => ({
  file: `/c/${category}/${n}.txt`,
  category,
  headline: `${category} headline ${n}`,
  paragraphs: [`${category} lead ${n}.`, 'Body one.', 'Body two.'],
});

test('accepts article .txt files, not README or PROVENANCE files', () => {
  assert.equal(mixedStoriesSuite.accepts('/d/business/001.txt'), true);
  assert.equal(mixedStoriesSuite.accepts('/d/PROVENANCE.txt'), false);
  assert.equal(mixedStoriesSuite.accepts('/d/README.TXT'), false);
  assert.equal(mixedStoriesSuite.accepts('/d/business/001.json'), false);
});

test('reads the headline and blank-line separated paragraphs', () => {
  const a = readArticle('/x/tech/1.txt', 'Title here\r\n\r\nLead line.\n\nOne.\nStill one.\n\n\nTwo.\n');
  assert.deepEqual(a, {
    file: '/x/tech/1.txt',
    category: 'tech',
    headline: 'Title here',
    paragraphs: ['Lead line.', 'One.\nStill one.', 'Two.'],
  });
  assert.equal(readArticle('/x/tech/2.txt', 'Title\n\nOnly a lead.\n\nOne more.'), undefined);
});

test('glues the donor headline and lead on the host body, and says where the glue ends', () => {
  const host = article('tech', 1);
  const donor = article('sport', 2);
  const { text, gluedEnd } = gluedText(host, donor);
  assert.equal(text, 'sport headline 2\n\nsport lead 2.\n\nBody one.\n\nBody two.');
  assert.equal(text.slice(0, gluedEnd), 'sport headline 2\n\nsport lead 2.');
  assert.equal(intactText(host), 'tech headline 1\n\ntech lead 1.\n\nBody one.\n\nBody two.');
});

test('plans are deterministic and alternate same and other category donors', () => {
  const articles = [1, 2, 3, 4].flatMap((n) => [article('tech', n), article('sport', n)]);
  const plans = planGlues(articles);
  assert.deepEqual(plans, planGlues(articles));
  assert.equal(plans.length, articles.length);
  for (const p of plans) {
    assert.notEqual(p.host, p.donor);
    assert.equal(p.sameCategory, p.host % 2 === 0);
    assert.equal(p.sameCategory, articles[p.host]?.category === articles[p.donor]?.category);
  }
});

test('scores glued and intact fixture articles with the full pipeline', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mixed-stories-'));
  const glued = readFileSync('test/fixtures/clean/foreign-lead-glued/input.txt', 'utf8');
  const intact = readFileSync('test/fixtures/clean/foreign-lead-intact/input.txt', 'utf8');
  mkdirSync(join(root, 'energy'));
  mkdirSync(join(root, 'arts'));
  const files = [join(root, 'energy', 'harbour.txt'), join(root, 'arts', 'orchestra.txt')];
  writeFileSync(files[0] as string, intact);
  writeFileSync(files[1] as string, glued);
  const r = await mixedStoriesSuite.run(files, { data: root });
  assert.equal(r.items, 2);
  assert.equal(r.unit, 'articles');
  // The orchestra file is itself glued: the one false positive the suite can see, by construction.
  assert.equal(r.details?.falsePositives, 1);
  assert.equal(r.metrics.falsePositiveRate, 0.5);
  // The harbour body under the orchestra lead is flagged with the exact span; the orchestra
  // file's short-lead body under the harbour lead keeps most words in common, so it is not.
  assert.equal(r.metrics.recall, 0.5);
  assert.equal(r.metrics.spanExact, 1);
  // One true flag out of two glued, one false flag out of two intact: at 100 intact per glued
  // article the false flags outweigh the true ones a hundredfold.
  assert.ok(Math.abs((r.metrics.precisionAt1in100 ?? 0) - 1 / 101) < 1e-12);
});

test('precision at 1 glued per 100 intact is the counts with each false flag weighted 100 x glued/intact', () => {
  // 1,500 of 2,000 glued articles flagged, 5 of 2,500 intact ones flagged.
  const reweighted = 1500 / (1500 + 5 * 100 * (2000 / 2500));
  assert.ok(Math.abs(precisionAtRate(1500 / 2000, 5 / 2500, 1 / 100) - reweighted) < 1e-12);
  // At 1:1 with as many glued as intact articles it is the plain precision.
  assert.ok(Math.abs(precisionAtRate(1500 / 2000, 5 / 2000, 1) - 1500 / 1505) < 1e-12);
  const r = precisionAt1in100(1500, 2000, 5, 2500);
  assert.ok(Math.abs(r.precision - reweighted) < 1e-12);
  assert.ok(r.low < r.precision && r.precision < r.high && r.high <= 1);
  assert.equal(precisionAt1in100(0, 10, 0, 10).precision, 0);
});
