import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { majorityRoot, mergeBySentence, parseCsv, readRatedSentences } from '../read-cameo-raters.js';
import { findSuite } from '../registry.js';
import { cameoRatersSuite, raterAgreement } from './events-cameo-raters.js';
import { case2021Suite, classScores, readSnippets } from './events-case2021.js';
import { indiaPoliceSuite, readPoliceSentences } from './events-india-police.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-events-cv-'));

test('the event suites are registered under the issue’s names', () => {
  for (const name of ['events-case2021', 'events-cameo-raters', 'events-india-police'])
    assert.ok(findSuite(name), name);
});

test('class scores: macro F1 weighs classes equally, weighted F1 by support', () => {
  const s = classScores(['a', 'a', 'a', 'b'], ['a', 'a', 'a', 'a']);
  assert.equal(s.accuracy, 0.75);
  // a: P 3/4, R 1 → F1 6/7; b: 0.
  assert.ok(Math.abs(s.macroF1 - 3 / 7) < 1e-9);
  assert.ok(Math.abs(s.weightedF1 - (3 * (6 / 7)) / 4) < 1e-9);
});

test('events-case2021: reads the TSV and scores cross-validated sub-types', async () => {
  const lines = ['id\tEventSnippet\tSubType'];
  for (let i = 0; i < 30; i++) {
    lines.push(`${i}\tRebels and troops clashed with guns near the town ${i}\tARMED_CLASH`);
    lines.push(`${100 + i}\tProtesters marched peacefully through the square ${i}\tPEACE_PROTEST`);
  }
  lines.push('broken line without tabs');
  const file = join(dir, 'snippets.tsv');
  writeFileSync(file, lines.join('\n'));
  assert.equal(readSnippets(lines.join('\n')).length, 60);
  const r = await case2021Suite.run([file], { data: file });
  assert.equal(r.items, 60);
  assert.ok((r.metrics.macroF1 as number) > 0.9, JSON.stringify(r.metrics));
  assert.ok('weightedF1' in r.metrics);
  const m = r.metrics as Record<string, number>;
  assert.ok((m.foldMacroF1Min as number) <= (m.foldMacroF1Mean as number));
  assert.ok((m.foldMacroF1Mean as number) <= (m.foldMacroF1Max as number));
  assert.equal((r.details as { chosenL2: number[] }).chosenL2.length, 5, 'one penalty chosen per outer fold');
});

test('events-india-police: per-label F1 and macro F1, grouped by document', async () => {
  const rows: string[] = [];
  for (let d = 0; d < 20; d++) {
    rows.push(
      JSON.stringify({
        doc_id: d,
        sent_id: 0,
        sent_labels: ['ARREST', 'ANY_ACTION'],
        sent_text: `police arrested ${d} men`,
      }),
    );
    rows.push(
      JSON.stringify({
        doc_id: d,
        sent_id: 1,
        sent_labels: [],
        sent_text: `the weather was mild on day ${d}`,
      }),
    );
  }
  rows.push('{not json');
  const file = join(dir, 'sents.jsonl');
  writeFileSync(file, rows.join('\n'));
  assert.equal(readPoliceSentences(rows.join('\n')).length, 40);
  const r = await indiaPoliceSuite.run([file], { data: file });
  assert.equal(r.metrics['f1.ARREST'], 1);
  assert.equal(r.metrics['f1.KILL'], 0);
  assert.ok(typeof r.metrics.macroF1 === 'number');
});

test('cameo raters: CSV with quoted commas and line breaks; rounds merged by sentence; agreement', () => {
  assert.deepEqual(parseCsv('a,"b,c","d ""e""\nf"\r\n1,2,3'), [
    ['a', 'b,c', 'd "e"\nf'],
    ['1', '2', '3'],
  ]);
  const csv = [
    'ids,sentences,Action1_CAMEO_1,Action1_CAMEO_2,Action1_CAMEO_3',
    'x1,"Troops shelled the town, officials said.",4-19 Fight,4-18 Assault,4-19 Fight',
    'x2,Nothing happened.,,,',
  ].join('\n');
  const rows = readRatedSentences(csv);
  assert.deepEqual(
    rows.map((r) => r.roots),
    [['19', '18', '19'], []],
  );
  assert.equal(majorityRoot(rows[0]?.roots ?? []), '19');
  assert.equal(majorityRoot([]), 'none');
  const merged = mergeBySentence([...rows, ...readRatedSentences(csv)]);
  assert.equal(merged.length, 2);
  assert.equal(merged[0]?.roots.length, 6);
  // Pairs among 3 raters: (19,18) (19,19) (18,19) → 1 of 3 agree.
  assert.ok(Math.abs(raterAgreement(rows) - 1 / 3) < 1e-9);
  assert.match(cameoRatersSuite.name, /^events-cameo-raters$/);
});
