import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Doc } from '../../core/doc.js';
import { collectFiles, findSuite, runSuite } from '../registry.js';
import { buildNerDoc, emptyNerCounts, nerResult, predictedSpans, scoreNerDoc } from './ner-common.js';
import { createConllSuite, readConll } from './ner-conll2003.js';

const root = 'test/fixtures/annotate/ner-conll-mini';

test('readConll splits documents at -DOCSTART- and sentences at blank lines, keeping the last column', () => {
  const docs = readConll(readFileSync(`${root}/valid.txt`, 'utf8'));
  assert.equal(docs.length, 2);
  assert.equal(docs[0]?.length, 2);
  assert.deepEqual(docs[0]?.[0]?.tokens.slice(0, 2), ['Harbour', 'Authority']);
  assert.deepEqual(docs[0]?.[0]?.tags.slice(0, 2), ['B-ORG', 'I-ORG']);
  assert.deepEqual(docs[1]?.[0]?.tags, ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
});

test('buildNerDoc joins tokens with spaces and sentences with newlines; gold offsets fit the text', () => {
  const nd = buildNerDoc([
    { tokens: ['Mr', 'Okafor', 'said'], tags: ['O', 'B-PER', 'O'] },
    { tokens: ['New', 'York', 'Harbour', 'Kenya'], tags: ['B-LOC', 'I-LOC', 'I-ORG', 'I-LOC'] },
  ]);
  assert.equal(nd.text, 'Mr Okafor said\nNew York Harbour Kenya');
  const spans = nd.gold.map((g) => [nd.text.slice(g.start, g.end), g.type]);
  // An I- tag of another type opens a new span (IOB1 input stays readable).
  assert.deepEqual(spans, [
    ['Okafor', 'PER'],
    ['New York', 'LOC'],
    ['Harbour', 'ORG'],
    ['Kenya', 'LOC'],
  ]);
});

test('predictedSpans maps types, scores demonyms as MISC and cuts titles off title-name mentions', () => {
  const text = 'President Ada Obi met Kenyan staff. The president left.';
  const doc = {
    text,
    entities: [
      {
        id: 'person:ada-obi',
        name: 'Ada Obi',
        type: 'person',
        mentions: [
          { start: 0, end: 17, rule: 'x', form: 'title-name' },
          // A reference to a named person is no name.
          { start: 36, end: 49, rule: 'x', form: 'reference' },
        ],
      },
      {
        id: 'country:KEN',
        name: 'Kenya',
        type: 'country',
        mentions: [{ start: 22, end: 28, rule: 'x', form: 'demonym' }],
      },
    ],
  } as unknown as Doc;
  const spans = predictedSpans(doc).map((s) => [text.slice(s.start, s.end), s.type]);
  assert.deepEqual(spans, [
    ['Ada Obi', 'PER'],
    ['Kenyan', 'MISC'],
  ]);
  const counts = emptyNerCounts();
  scoreNerDoc(
    [
      { start: 10, end: 17, type: 'PER' },
      { start: 22, end: 28, type: 'LOC' },
    ],
    predictedSpans(doc),
    counts,
  );
  assert.deepEqual(counts.PER, { tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(counts.LOC, { tp: 0, fp: 0, fn: 1 });
  assert.deepEqual(counts.MISC, { tp: 0, fp: 1, fn: 0 });
});

test('--split selects a CoNLL split by file base name as well as by folder name', () => {
  const suite = findSuite('ner-conll2003');
  assert.ok(suite);
  assert.deepEqual(collectFiles(suite, root), [`${root}/train.txt`, `${root}/valid.txt`]);
  assert.deepEqual(collectFiles(suite, root, 'valid'), [`${root}/valid.txt`]);
  assert.deepEqual(collectFiles(suite, `${root}/valid.txt`, 'valid'), [`${root}/valid.txt`]);
  assert.deepEqual(collectFiles(suite, `${root}/valid.txt`, 'train'), []);
  // Folder names keep working for the other suites.
  const timex = findSuite('timex-tempeval3');
  assert.ok(timex);
  assert.deepEqual(collectFiles(timex, 'test/fixtures/time/mini-timeml', 'other'), [
    'test/fixtures/time/mini-timeml/other/cafe-opening.tml',
  ]);
});

test('the suite counts documents and scores a perfect analyser at F1 1', async () => {
  // An analyser that returns the gold answer: proves the plumbing, not the recogniser.
  const gold = new Map<string, ReturnType<typeof buildNerDoc>>();
  for (const d of readConll(readFileSync(`${root}/valid.txt`, 'utf8'))) {
    const nd = buildNerDoc(d);
    gold.set(nd.text, nd);
  }
  const typeName = { PER: 'person', ORG: 'organization', LOC: 'country' } as const;
  const perfect = (doc: Doc): Doc => ({
    ...doc,
    entities: (gold.get(doc.text)?.gold ?? [])
      .filter((g) => g.type !== 'MISC')
      .map((g, i) => ({
        id: `x:${i}`,
        name: doc.text.slice(g.start, g.end),
        type: typeName[g.type as keyof typeof typeName],
        mentions: [{ start: g.start, end: g.end, rule: 'test', form: 'name' as const }],
      })),
  });
  const r = await createConllSuite(perfect).run([`${root}/valid.txt`], { data: root });
  assert.equal(r.items, 2);
  assert.equal(r.unit, 'documents');
  assert.equal(r.metrics.f1, 1);
  assert.equal(r.metrics['MISC.f1'], 0, 'no demonym predicted for the gold MISC');
});

test('the full pipeline finds the honorific surname, the given-name person and the organisation', async () => {
  const r = await runSuite('ner-conll2003', { data: root, split: 'valid' });
  assert.equal(r.items, 2);
  assert.equal(r.metrics['PER.f1'], 1);
  assert.equal(r.metrics['ORG.f1'], 1);
  assert.equal(r.metrics['LOC.f1'], 1);
  assert.equal(r.metrics['MISC.f1'], 1);
});

test('the headline is PER/ORG/LOC; conlleval.* counts all four classes, MISC too', () => {
  const counts = emptyNerCounts();
  counts.PER = { tp: 8, fp: 1, fn: 1 };
  counts.ORG = { tp: 4, fp: 2, fn: 4 };
  counts.LOC = { tp: 8, fp: 1, fn: 1 };
  counts.MISC = { tp: 2, fp: 1, fn: 7 };
  const r = nerResult('ner-conll2003', 1, 'documents', counts, []);
  assert.equal(r.metrics.precision, 20 / 24);
  assert.equal(r.metrics.recall, 20 / 26);
  assert.equal(r.metrics['conlleval.precision'], 22 / 27);
  assert.equal(r.metrics['conlleval.recall'], 22 / 35);
  const p = 22 / 27;
  const rc = 22 / 35;
  assert.ok(Math.abs((r.metrics['conlleval.f1'] ?? 0) - (2 * p * rc) / (p + rc)) < 1e-12);
  assert.ok((r.metrics['conlleval.f1'] ?? 1) < (r.metrics.f1 ?? 0), 'MISC is the weak class here');
});
