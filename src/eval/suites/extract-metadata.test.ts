import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { collectFiles, findSuite } from '../registry.js';
import { extractMetadata, fieldMatches } from './extract-metadata.js';

test('fields match as the suite says: bylines by name words, dates by day, languages by primary subtag', () => {
  assert.ok(fieldMatches('byline', { authors: ['Ann Lee', 'Bo Chen'] }, 'By Ann Lee and Bo Chen'));
  assert.ok(!fieldMatches('byline', { authors: ['Ann Lee'] }, 'By Ann Lee and Bo Chen'));
  assert.ok(!fieldMatches('byline', {}, 'Ann Lee'));
  assert.ok(
    fieldMatches('publishedTime', { published: '2024-05-16T10:00:00Z' }, '2024-05-16T12:30:00+00:00'),
  );
  assert.ok(!fieldMatches('publishedTime', { published: '2024-05-15' }, '2024-05-16T12:30:00+00:00'));
  assert.ok(fieldMatches('language', { language: 'en' }, 'en-US'));
  assert.ok(!fieldMatches('language', { language: 'de' }, 'en'));
  assert.ok(fieldMatches('title', { title: 'Budget  passes' }, 'budget passes'));
  assert.ok(!fieldMatches('siteName', { siteName: 'The Daily' }, 'Daily'));
});

test('the suite reads <case>/source.html.gz beside expected-metadata.json and scores fields that are expected', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-meta-'));
  try {
    const page = (title: string) =>
      `<html lang="en-GB"><head><title>${title}</title><meta property="og:site_name" content="The Example">` +
      '<meta name="author" content="Ann Lee"><meta property="article:published_time" content="2024-05-16T08:00:00Z">' +
      `</head><body><article><h1>${title}</h1><p>Text of the story.</p></article></body></html>`;
    for (const [name, title, expected] of [
      [
        'one',
        'Budget passes',
        {
          title: 'Budget passes',
          byline: 'By Ann Lee',
          siteName: 'The Example',
          lang: 'en',
          publishedTime: '2024-05-16T09:00:00+01:00',
        },
      ],
      [
        'two',
        'Roads cut',
        { title: 'Something else', byline: null, siteName: null, lang: 'fr', publishedTime: null },
      ],
    ] as const) {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'source.html.gz'), gzipSync(page(title)));
      await writeFile(join(dir, name, 'expected-metadata.json'), JSON.stringify(expected));
    }
    const suite = findSuite('extract-metadata');
    assert.equal(suite, extractMetadata);
    const files = collectFiles(extractMetadata, dir);
    assert.equal(files.length, 2);
    const result = await extractMetadata.run(files, { data: dir });
    assert.equal(result.items, 2);
    assert.deepEqual(result.metrics, {
      titleAccuracy: 0.5,
      bylineAccuracy: 1,
      publishedTimeAccuracy: 1,
      siteNameAccuracy: 1,
      languageAccuracy: 0.5,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
