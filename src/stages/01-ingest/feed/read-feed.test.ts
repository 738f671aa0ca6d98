import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedData, skipWithoutData } from '../../../../test/support/shared-data.js';
import type { Source } from '../../../core/doc.js';
import { readInputs } from '../read-inputs.js';
import { feedBytesToDocs, looksLikeFeed, readFeed } from './read-feed.js';

const source: Source = { uri: 'feed.xml', mediaType: 'application/rss+xml' };
const sentence =
  'The council approved the new budget on Monday after a debate that lasted late into the night.';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example/</link><ttl>30</ttl>
<item><title>Budget passes</title><link>https://news.example/budget</link><guid>news-1</guid>
<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>${sentence}</p><p>Spending on schools rises by four percent this year, the mayor said.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://news.example/summary</link><description>A plain summary of the story, in one sentence.</description></item>
<item><title>Nothing at all</title><link>https://news.example/empty</link></item>
</channel></rss>`;

test('RSS 2.0: each item is a document with its headline, content, link, date, author and feed', () => {
  const { feed, docs } = feedBytesToDocs(Buffer.from(RSS), source);
  assert.equal(feed?.format, 'rss');
  assert.equal(feed?.ttlMinutes, 30);
  assert.equal(docs.length, 3);
  const [full, summary, empty] = docs;
  assert.equal(
    full?.text,
    `Budget passes\n\n${sentence}\n\nSpending on schools rises by four percent this year, the mayor said.`,
  );
  assert.equal(full?.source.uri, 'feed.xml#item-1');
  assert.equal(full?.source.url, 'https://news.example/budget');
  assert.equal(full?.source.published, '2024-05-14T08:00:00.000Z');
  assert.deepEqual(full?.source.meta?.authors, ['Ann Lee']);
  assert.equal(full?.source.meta?.siteName, 'Example News');
  assert.deepEqual(
    full?.blocks?.map((b) => b.type),
    ['title', 'paragraph', 'paragraph'],
  );
  assert.equal(summary?.text, 'Summary only\n\nA plain summary of the story, in one sentence.');
  assert.equal(summary?.source.titleGiven, true);
  assert.equal(empty?.rejected, true);
  assert.equal(empty?.diagnostics.at(-1)?.ruleId, 'ingest:empty-item');
});

test('Atom, RSS 1.0 (RDF) and JSON Feed are read the same way', () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>Entry one</title>
    <link href="https://a.example/1"/><id>urn:1</id><published>2024-05-01T10:00:00Z</published>
    <author><name>Bo Chen</name></author><content type="html">&lt;p&gt;${sentence}&lt;/p&gt;</content></entry></feed>`;
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>R</title></channel>
    <item rdf:about="https://r.example/1"><title>Item one</title><link>https://r.example/1</link>
    <description>${sentence}</description><dc:date>2024-05-02</dc:date></item></rdf:RDF>`;
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'J',
    items: [
      {
        id: '1',
        url: 'https://j.example/1',
        title: 'Item one',
        content_text: sentence,
        date_published: '2024-05-03T00:00:00Z',
      },
    ],
  });
  for (const [text, format, url, published] of [
    [atom, 'atom', 'https://a.example/1', '2024-05-01T10:00:00Z'],
    [rdf, 'rdf', 'https://r.example/1', '2024-05-02'],
    [json, 'json', 'https://j.example/1', '2024-05-03T00:00:00Z'],
  ] as const) {
    assert.ok(looksLikeFeed(Buffer.from(text)), format);
    const { feed, docs } = feedBytesToDocs(Buffer.from(text), source);
    assert.equal(feed?.format, format);
    assert.equal(docs[0]?.source.url, url);
    assert.equal(docs[0]?.source.published, published);
    assert.ok(docs[0]?.text.endsWith(sentence), `${format}: ${docs[0]?.text}`);
  }
});

test('what is not a feed is one rejected document with a clear diagnostic, never an exception', () => {
  for (const text of ['<html><body>not a feed</body></html>', '{"a": 1}', 'plain words', '<rss><channel>']) {
    const { docs } = feedBytesToDocs(Buffer.from(text), source);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]?.rejected, true);
    assert.match(docs[0]?.diagnostics.at(-1)?.ruleId ?? '', /^ingest:(bad-feed|empty-feed)$/);
  }
  const problem = readFeed('<unknown/>');
  assert.ok('ruleId' in problem && problem.ruleId === 'ingest:bad-feed');
});

test('the XML declaration names the encoding; latin-1 without one falls back with a warning', () => {
  const latin1 = Buffer.from(
    `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>T</title><item><title>Caf\xe9</title><description>Un caf\xe9 a ouvert sur la place hier, dit le maire.</description></item></channel></rss>`,
    'latin1',
  );
  const { docs } = feedBytesToDocs(latin1, source);
  assert.ok(docs[0]?.text.startsWith('Café'));
  const undeclared = Buffer.from(latin1.toString('latin1').replace(' encoding="ISO-8859-1"', ''), 'latin1');
  const fallback = feedBytesToDocs(undeclared, source).docs[0];
  assert.ok(fallback?.text.startsWith('Café'));
  assert.ok(fallback?.diagnostics.some((d) => d.ruleId === 'ingest:invalid-utf8'));
});

const SAMPLES = sharedData('corpora/rss-atom-feed-samples');

test('every feed sample parses, or gives a clear diagnostic', {
  skip: skipWithoutData(SAMPLES),
}, async () => {
  let items = 0;
  const rejectedBy = new Set<string>();
  for await (const item of readInputs([SAMPLES])) {
    if (!item.doc.source.uri.includes('/input/') && !item.doc.source.uri.includes('/trafilatura/')) continue;
    if (item.doc.rejected) {
      const rule = item.doc.diagnostics.at(-1)?.ruleId ?? '';
      assert.match(rule, /^ingest:(bad-feed|empty-feed|empty-item)$/, item.doc.source.uri);
      rejectedBy.add(rule);
    } else items++;
  }
  assert.ok(items > 1000, `only ${items} items read`);
  assert.ok(rejectedBy.has('ingest:bad-feed'), 'the unrecognised sample is reported');
});
