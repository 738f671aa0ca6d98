import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_ARTICLE, skipWithoutData } from '../../../test/support/shared-data.js';
import { createDoc, type Doc, type Removed, type Source } from '../../core/doc.js';
import { createPipeline } from '../../core/runner.js';
import { segmentText } from '../../core/text/segment-text.js';
import { cleanStage } from '../02-clean/index.js';
import { segmentStage } from './index.js';

const source: Source = { uri: 'memory:test', mediaType: 'text/plain' };
const pipeline = createPipeline([cleanStage, segmentStage]);
const run = (text: string, extra: Partial<Source> = {}): Doc =>
  pipeline.run(createDoc(text, { ...source, ...extra }));
const surfaces = (doc: Doc, spans: readonly { start: number; end: number }[] = []) =>
  spans.map((s) => doc.text.slice(s.start, s.end));

test('a short first line without a period is the title, paragraph 0 and sentence 0', () => {
  const doc = run('Markets rally on rate hopes\nShares rose on Monday. Bonds fell.\nOil was flat.');
  assert.equal(doc.text.slice(doc.title?.start, doc.title?.end), 'Markets rally on rate hopes');
  assert.deepEqual(surfaces(doc, doc.paragraphs), [
    'Markets rally on rate hopes',
    'Shares rose on Monday. Bonds fell.',
    'Oil was flat.',
  ]);
  assert.deepEqual(
    doc.sentences?.map((s) => [doc.text.slice(s.start, s.end), s.paragraph]),
    [
      ['Markets rally on rate hopes', 0],
      ['Shares rose on Monday.', 1],
      ['Bonds fell.', 1],
      ['Oil was flat.', 2],
    ],
  );
});

test('no title when the first line ends with a period, is long, or is the only line', () => {
  assert.equal(run('Shares rose on Monday.\nBonds fell.').title, undefined);
  assert.equal(run(`${'word '.repeat(25)}\nBody text here.`).title, undefined);
  assert.equal(run('Just one line').title, undefined);
  assert.ok(run('Is this the end?\nBody text here.').title);
  assert.ok(run("'Memories of the tour...'\n\nBody text here.").title);
});

test('titleGiven makes the first line the title even when it ends with a period', () => {
  const doc = run('U.S. stocks fall. Again.\n\nBody text follows here.', { titleGiven: true });
  assert.equal(doc.text.slice(doc.title?.start, doc.title?.end), 'U.S. stocks fall. Again.');
  assert.equal(doc.sentences?.[0]?.end, doc.title?.end);
});

test('blank-line blocks are paragraphs; single line breaks inside them are not', () => {
  const doc = run('Headline here\n\nFirst paragraph line one\ncontinues here.\n\nSecond paragraph.');
  assert.deepEqual(surfaces(doc, doc.paragraphs), [
    'Headline here',
    'First paragraph line one\ncontinues here.',
    'Second paragraph.',
  ]);
  assert.equal(doc.sentences?.length, 3);
});

test('paragraphs and sentences skip removed spans; an entirely removed paragraph disappears', () => {
  const text = 'Headline here\nFirst paragraph text is here.\nAdvertisement\nLast paragraph text is here.';
  const doc = run(text);
  assert.deepEqual(surfaces(doc, doc.paragraphs), [
    'Headline here',
    'First paragraph text is here.',
    'Last paragraph text is here.',
  ]);
  const removed: Removed[] = [{ start: 14, end: 33, reason: 'boilerplate', rule: 'test:x' }];
  const seg = segmentText(text, removed);
  for (const s of seg.sentences)
    assert.ok(s.end <= 14 || s.start >= 33, 'no sentence overlaps a removed span');
});

test('lossless: sentences, removed spans and whitespace cover the text exactly (CRLF, astral)', () => {
  const lines = [
    'Leaders meet in Beijing 𝒳',
    'Advertisement',
    'Mr. Putin arrived on Thursday 😀. He met Xi.',
    'The visit is the first since his new term began last week.',
    '',
    'Read more: Xi and Putin sign deals',
    'The visit is the first since his new term began last week.',
    '“We agree,” he said. Yes.',
    'Yes.',
    '   ',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const count = 1 + rand(8);
    const eol = rand(2) === 0 ? '\n' : '\r\n';
    const picked = Array.from({ length: count }, () => lines[rand(lines.length)]);
    const text = picked.join(eol) + (rand(2) === 0 ? eol : '');
    const doc = run(text);
    const covered = [
      ...(doc.removed ?? []).map((r) => ({ start: r.start, end: r.end })),
      ...(doc.sentences ?? []),
    ].sort((a, b) => a.start - b.start);
    let cursor = 0;
    for (const span of covered) {
      assert.ok(span.start >= cursor, `no overlap in ${JSON.stringify(text)}`);
      assert.match(
        text.slice(cursor, span.start),
        /^\s*$/,
        `only whitespace uncovered in ${JSON.stringify(text)}`,
      );
      cursor = span.end;
    }
    assert.match(text.slice(cursor), /^\s*$/);
    for (const s of doc.sentences ?? []) {
      const p = doc.paragraphs?.[s.paragraph];
      assert.ok(p && p.start <= s.start && s.end <= p.end, 'each sentence lies in its paragraph');
    }
  }
});

const seedPath = SEED_ARTICLE;
test('seed article: title, both Advertisement lines and the repeated sentence removed', {
  skip: skipWithoutData(seedPath),
}, () => {
  const path = seedPath;
  const doc = run(readFileSync(path, 'utf8'), { published: '2024-05-16' });
  assert.equal(doc.text.slice(doc.title?.start, doc.title?.end), 'Cautious Stimulus');
  const removed = doc.removed ?? [];
  assert.deepEqual(
    removed.filter((r) => r.reason === 'boilerplate').map((r) => doc.text.slice(r.start, r.end)),
    ['Advertisement', 'Advertisement'],
  );
  const repeated = 'The visit is Putin’s symbolic first overseas foray';
  const first = doc.text.indexOf(repeated);
  const second = doc.text.indexOf(repeated, first + 1);
  const dup = removed.find((r) => r.reason === 'duplicate-sentence');
  assert.equal(dup?.start, second);
  assert.equal(dup?.duplicateOf, first);
  assert.ok(doc.sentences?.some((s) => s.start === first));
  assert.ok(!doc.sentences?.some((s) => s.start === second));
  assert.ok(doc.sentences?.some((s) => doc.text.slice(s.start, s.end).endsWith('crisis in Ukraine.”')));
});

test('segment tokenises each kept sentence once; no token crosses a sentence or a removed line', () => {
  const doc = run('Kyiv’s mayor spoke\nAdvertisement\nThe U.S. sent $1.4bn. Aid rose 12%.\n');
  const layer = doc.tokens;
  assert.ok(layer);
  const sentences = doc.sentences ?? [];
  assert.equal(layer.sentences, sentences.length);
  const perSentence = sentences.map((s, i) => {
    const out: string[] = [];
    for (let k = layer.sentenceFirst[i] as number; k < (layer.sentenceFirst[i + 1] as number); k++) {
      assert.ok(layer.start(k) >= s.start && layer.end(k) <= s.end);
      out.push(layer.surface(k));
    }
    return out;
  });
  assert.deepEqual(perSentence, [
    ['Kyiv', '’', 's', 'mayor', 'spoke'],
    ['The', 'U', '.', 'S', '.', 'sent', '$', '1.4', 'bn', '.'],
    ['Aid', 'rose', '12', '%', '.'],
  ]);
  assert.equal(layer.count, 20);
});

test('blocks from a page are the paragraphs: a heading never runs into the text after it', () => {
  // One line per block, as extraction would not write it, so only the blocks can tell them apart.
  const text = 'Talks resume\nWhat comes next\nBoth sides met. They will meet again.\nAdvertisement';
  const blocks = [
    { start: 0, end: 12, type: 'title' as const },
    { start: 13, end: 28, type: 'heading' as const, level: 2 },
    { start: 29, end: 66, type: 'paragraph' as const },
    { start: 67, end: 80, type: 'paragraph' as const },
  ];
  const doc = pipeline.run({ ...createDoc(text, { ...source, mediaType: 'text/html' }), blocks });
  assert.equal(doc.text.slice(doc.title?.start, doc.title?.end), 'Talks resume');
  assert.deepEqual(surfaces(doc, doc.paragraphs), [
    'Talks resume',
    'What comes next',
    'Both sides met. They will meet again.',
  ]);
  assert.deepEqual(surfaces(doc, doc.sentences), [
    'Talks resume',
    'What comes next',
    'Both sides met.',
    'They will meet again.',
  ]);
});
