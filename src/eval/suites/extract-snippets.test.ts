import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { findSuite } from '../registry.js';
import { countSnippets, extractSnippets, scores } from './extract-snippets.js';

test('snippets: found "with" is a true positive, found "without" a false positive; whitespace does not count', () => {
  const text = 'The council approved the budget.\nSpending   on schools rises.';
  assert.deepEqual(
    countSnippets(text, ['Spending on schools', 'road programme'], ['council approved', 'Impressum']),
    {
      tp: 1,
      fn: 1,
      fp: 1,
      tn: 1,
    },
  );
  const s = scores({ tp: 3, fn: 1, fp: 1, tn: 5 });
  assert.equal(s.precision, 0.75);
  assert.equal(s.recall, 0.75);
  assert.equal(s.f1, 0.75);
  assert.equal(s.accuracy, 0.8);
  assert.deepEqual(scores({ tp: 0, fn: 0, fp: 0, tn: 0 }), { precision: 0, recall: 0, f1: 0, accuracy: 0 });
});

test('the suite reads evaldata.json and html/<file>.gz, decodes the page by its meta charset, and scores it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-snippets-'));
  try {
    const body = 'Der Stadtrat hat am Montag den neuen Haushalt für Schulen und Straßen beschlossen.';
    const page =
      '<html><head><meta charset="windows-1252"><title>Haushalt</title></head><body>' +
      '<nav><a href="/">Startseite</a> <a href="/impressum">Impressum</a></nav>' +
      `<article><h1>Haushalt</h1><p>${body}</p><p>${body.replace('Montag', 'Freitag')}</p></article>` +
      '<footer>Impressum · Datenschutz</footer></body></html>';
    await mkdir(join(dir, 'html'));
    await writeFile(join(dir, 'html', 'a.html.gz'), gzipSync(Buffer.from(page, 'latin1')));
    await writeFile(
      join(dir, 'evaldata.json'),
      JSON.stringify({
        'https://example.org/a': {
          file: 'a.html',
          with: ['Haushalt für Schulen und Straßen'],
          without: ['Impressum'],
        },
        'https://example.org/b': { file: 'missing.html', with: ['x'], without: [] },
      }),
    );
    assert.equal(findSuite('extract-snippets'), extractSnippets);
    const result = await extractSnippets.run([join(dir, 'evaldata.json')], { data: dir });
    assert.equal(result.items, 1);
    assert.equal(result.metrics.precision, 1);
    assert.equal(result.metrics.recall, 1);
    assert.equal(result.metrics.f1, 1);
    assert.deepEqual(
      result.skipped?.map((s) => s.reason),
      ['no HTML file'],
    );
    assert.ok(typeof result.metrics.readabilityF1 === 'number');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
