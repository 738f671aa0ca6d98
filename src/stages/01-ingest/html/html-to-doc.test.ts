import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../../core/doc.js';
import { htmlBytesToDoc, htmlToDoc, sniffMetaCharset, toIsoDate } from './html-to-doc.js';
import { parseHtml } from './parse-html.js';
import { readMetadata } from './read-metadata.js';

const source: Source = { uri: 'page.html', mediaType: 'text/html' };
const sentence = 'Officials confirmed on Tuesday that the bridge would reopen to traffic in the spring.';

const LD = JSON.stringify({
  '@context': 'https://schema.org',
  '@graph': [
    { '@type': 'WebSite', name: 'Example News' },
    {
      '@type': 'NewsArticle',
      headline: 'Bridge to reopen in spring',
      author: [{ '@type': 'Person', name: 'Ann Lee' }, { name: 'Bo Chen' }],
      datePublished: '2024-05-14T08:00:00Z',
      dateModified: '2024-05-15T09:30:00+02:00',
      publisher: { '@type': 'Organization', name: 'Example News' },
      inLanguage: 'en-GB',
    },
  ],
});

const PAGE = `<html lang="en"><head><title>Bridge to reopen in spring | Example News</title>
<meta property="og:title" content="OG title loses to JSON-LD">
<meta name="description" content="The bridge closed after the floods.">
<link rel="canonical" href="https://news.example/bridge">
<script type="application/ld+json">${LD}</script></head>
<body><article><h1>Bridge to reopen in spring</h1><p>${sentence}</p><p>${sentence.replace('bridge', 'tunnel')}</p></article></body></html>`;

test('metadata comes from JSON-LD first, then OpenGraph and meta tags, then the page', () => {
  const parsed = parseHtml(PAGE);
  assert.deepEqual(readMetadata(parsed.head, parsed.root), {
    title: 'Bridge to reopen in spring',
    authors: ['Ann Lee', 'Bo Chen'],
    published: '2024-05-14T08:00:00Z',
    modified: '2024-05-15T09:30:00+02:00',
    siteName: 'Example News',
    language: 'en',
    canonical: 'https://news.example/bridge',
    description: 'The bridge closed after the floods.',
  });
});

test('without JSON-LD: OpenGraph, article:*, meta author, and the <title> less its site name', () => {
  const parsed = parseHtml(
    `<html><head><title>Floods recede in the north - Example News</title><meta property="og:site_name" content="Example News">
     <meta property="article:published_time" content="2024-05-10"><meta name="author" content="By Ann Lee">
     <meta property="og:locale" content="en_US"></head><body><time datetime="2020-01-01">old</time></body></html>`,
  );
  const meta = readMetadata(parsed.head, parsed.root);
  assert.equal(meta.title, 'Floods recede in the north');
  assert.equal(meta.siteName, 'Example News');
  assert.equal(meta.published, '2024-05-10');
  assert.deepEqual(meta.authors, ['Ann Lee']);
  assert.equal(meta.language, 'en-US');
});

test('broken JSON-LD is reported and the page still read', () => {
  const parsed = parseHtml(
    '<script type="application/ld+json">{"@type": "NewsArticle", </script><h1>Only a heading</h1>',
  );
  const problems: { ruleId: string }[] = [];
  const meta = readMetadata(parsed.head, parsed.root, problems as never);
  assert.equal(meta.title, 'Only a heading');
  assert.deepEqual(
    problems.map((p) => p.ruleId),
    ['extract:bad-json-ld'],
  );
});

test('the text is the headline and the blocks joined by blank lines; blocks are spans into it', () => {
  const doc = htmlToDoc(PAGE, source);
  assert.equal(doc.rejected, undefined);
  assert.equal(
    doc.text,
    `Bridge to reopen in spring\n\n${sentence}\n\n${sentence.replace('bridge', 'tunnel')}`,
  );
  assert.deepEqual(
    doc.blocks?.map((b) => [b.type, doc.text.slice(b.start, b.end).slice(0, 16)]),
    [
      ['title', 'Bridge to reopen'],
      ['paragraph', 'Officials confir'],
      ['paragraph', 'Officials confir'],
    ],
  );
  assert.equal(doc.source.titleGiven, true);
  assert.equal(doc.source.published, '2024-05-14T08:00:00Z');
  assert.equal(doc.source.url, 'https://news.example/bridge');
  assert.deepEqual(doc.source.meta?.authors, ['Ann Lee', 'Bo Chen']);
  assert.equal(doc.source.mediaType, 'text/html');
});

test('a date the input gives wins over the page’s; the page’s wins over a batch default', () => {
  assert.equal(htmlToDoc(PAGE, source, { published: '2024-01-01' }).source.published, '2024-01-01');
  assert.equal(
    htmlToDoc(PAGE, source, { defaultPublished: '2024-01-01' }).source.published,
    '2024-05-14T08:00:00Z',
  );
  const undated = PAGE.replace(/<script[\s\S]*<\/script>/, '');
  assert.equal(htmlToDoc(undated, source, { defaultPublished: '2024-01-01' }).source.published, '2024-01-01');
});

test('page dates in other shapes become ISO instants; nonsense is no date', () => {
  assert.equal(toIsoDate('2024-05-14'), '2024-05-14');
  assert.equal(toIsoDate('2024-05-14T08:00:00.000Z'), '2024-05-14T08:00:00.000Z');
  assert.equal(toIsoDate('May 14, 2024 08:00 UTC'), '2024-05-14T08:00:00.000Z');
  assert.equal(toIsoDate('yesterday'), undefined);
  assert.equal(toIsoDate('0000-00-00'), undefined);
});

test('a page without article text is rejected with a diagnostic, never thrown', () => {
  for (const html of ['<html><body><nav><a href="/">Home</a></nav></body></html>', '<', '<p>']) {
    const doc = htmlToDoc(html, source);
    assert.equal(doc.rejected, true);
    assert.equal(doc.diagnostics.at(-1)?.ruleId, 'ingest:no-article');
  }
});

test('bytes: a <meta charset> in the first 1,024 bytes picks the decoder; binary is rejected', () => {
  const latin1 = Buffer.from(
    `<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 owners said the square would reopen on Monday, after the works.</p></body></html>`,
    'latin1',
  );
  assert.equal(sniffMetaCharset(latin1), 'iso-8859-1');
  const doc = htmlBytesToDoc(latin1, source);
  assert.ok(doc.text.startsWith('Café owners'), doc.text);
  assert.equal(doc.source.encoding, 'windows-1252');
  const binary = htmlBytesToDoc(Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02]), source);
  assert.equal(binary.rejected, true);
  assert.equal(binary.diagnostics.at(-1)?.ruleId, 'ingest:binary');
});

test("the page's own article text (JSON-LD articleBody) leaves out blocks it does not hold; a teaser decides nothing", () => {
  const paragraphs = [
    'The city council voted on Tuesday to rebuild the old river bridge, closed since the spring floods damaged its piers.',
    'Work starts in March and should take eighteen months, the engineers told councillors at a packed public meeting.',
    'Traffic will be sent over the northern bypass meanwhile, and a free ferry will carry cyclists and walkers across.',
    'Shop owners near the bridge said they welcomed the decision but asked for help while their customers stay away.',
    'The council will pay for most of the work from its reserves, with a grant from the regional government for the rest.',
  ];
  const furniture =
    'An embedded post: the old bridge was painted green in 1968 and again in 1994, archive photographs show';
  const page = (articleBody: string) =>
    `<html><head><title>Bridge to be rebuilt</title><script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Bridge to be rebuilt',
      articleBody,
    })}</script></head><body><article><h1>Bridge to be rebuilt</h1>${paragraphs
      .slice(0, 3)
      .map((p) => `<p>${p}</p>`)
      .join('')}<p>${furniture}.</p>${paragraphs
      .slice(3)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
  const judged = htmlToDoc(page(paragraphs.join('\n\n')), source);
  assert.ok(!judged.text.includes('painted green'));
  for (const p of paragraphs) assert.ok(judged.text.includes(p));
  const teaser = htmlToDoc(page(paragraphs[0] as string), source);
  assert.ok(teaser.text.includes('painted green'));
});

test('labels before the headline, the headline repeated, and a note about the writer at the end are left out', () => {
  const page = `<html><head><title>Bridge to reopen in spring</title></head><body><article>
<p>Transport —</p><h1>Bridge to reopen in spring</h1><p>${sentence}</p><p>${sentence.replace('bridge', 'tunnel')}</p>
<h2>Bridge to reopen in spring</h2><p>${sentence.replace('bridge', 'ferry')}</p>
<p>Ann Lee is a senior reporter for Example News, covering transport and the city.</p></article></body></html>`;
  const doc = htmlToDoc(page, source);
  assert.equal(doc.text.split('Bridge to reopen in spring').length, 2, 'the headline once, as the title');
  assert.ok(!doc.text.includes('Transport —'));
  assert.ok(!doc.text.includes('senior reporter'));
  assert.ok(doc.text.includes('the ferry would reopen'));
  // Early in the article, the same form is the story's own sentence.
  const early = htmlToDoc(
    page.replace('</h1>', '</h1><p>Ann Lee is a senior reporter who lost her job on Monday, she said.</p>'),
    source,
  );
  assert.ok(early.text.includes('lost her job'));
});
