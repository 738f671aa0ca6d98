import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { shingleMatch, shingleScores } from '../shingles.js';
import { extractAeb, halfOf } from './extract-aeb.js';

test('shingles: the benchmark’s counts, normalised per page; averages then F1', () => {
  assert.deepEqual(shingleMatch('a b c d e', 'a b c d e'), { tp: 1, fp: 0, fn: 0 });
  // 'a b c d' and 'b c d e' expected; 'a b c d' and 'b c d x' predicted: 1 shared, 1 extra, 1 missed.
  const c = shingleMatch('a b c d e', 'a b c d x');
  assert.deepEqual(c, { tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
  // Fewer than four words: one shingle of them all; punctuation and case as the benchmark has them.
  assert.deepEqual(shingleMatch('Hello, world!', 'hello world'), { tp: 0, fp: 0.5, fn: 0.5 });
  assert.deepEqual(shingleMatch('', ''), { tp: 0, fp: 0, fn: 0 });
  const s = shingleScores([
    { tp: 1, fp: 0, fn: 0 },
    { tp: 0.5, fp: 0.5, fn: 0 },
    { tp: 0, fp: 0, fn: 1 },
  ]);
  assert.equal(s.precision, 0.75); // the page with nothing predicted is left out of precision
  assert.equal(s.recall, 2 / 3);
  assert.ok(Math.abs(s.f1 - (2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3)) < 1e-12);
});

test('halves: ids starting 0–7 are the tuning half, 8–f held out', () => {
  assert.equal(halfOf('0abc'), 'tune');
  assert.equal(halfOf('7fff'), 'tune');
  assert.equal(halfOf('8000'), 'held-out');
  assert.equal(halfOf('f123'), 'held-out');
});

test('the suite reads ground-truth.json and html/<id>.html.gz and scores every page it finds', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-aeb-'));
  try {
    const body = 'The council approved the budget on Monday after a long debate about schools and roads.';
    const page = `<html><body><nav><a href="/">Home</a> <a href="/x">World</a></nav><article><p>${body}</p><p>${body.replace('Monday', 'Friday')}</p></article></body></html>`;
    await mkdir(join(dir, 'html'));
    await writeFile(join(dir, 'html', '1a.html.gz'), gzipSync(page));
    await writeFile(
      join(dir, 'ground-truth.json'),
      JSON.stringify({
        '1a': { articleBody: `${body}\n\n${body.replace('Monday', 'Friday')}` },
        '9b': { articleBody: 'no page for this one' },
      }),
    );
    const result = await extractAeb.run([join(dir, 'ground-truth.json')], { data: dir });
    assert.equal(result.items, 1);
    assert.equal(result.metrics.f1, 1);
    assert.ok((result.metrics.pagesPerSecond ?? 0) > 0);
    assert.deepEqual(
      result.skipped?.map((s) => s.reason),
      ['no HTML file'],
    );
    const tune = await extractAeb.run([join(dir, 'ground-truth.json')], { data: dir, split: 'held-out' });
    assert.equal(tune.items, 0);
    await assert.rejects(
      () => extractAeb.run([], { data: dir, split: 'test' }) as Promise<unknown>,
      /--split/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
