import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type IngestItem, readInputs, readOne } from './read-inputs.js';

let dir: string;
const now = () => new Date('2024-05-16T10:00:00Z');
const body =
  '<p>The council approved the new budget on Monday after a debate that lasted late into the night.</p>' +
  '<p>Spending on schools rises by four percent, while the road programme is cut back for a second year.</p>';
const page = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;

async function collect(paths: string[], options = {}): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths, { now, ...options })) items.push(item);
  return items;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-html-'));
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'a.html'), page('Budget passes'));
  await writeFile(join(dir, 'site', 'b.htm'), '<html><body><nav><a href="/">Home</a></nav></body></html>');
  await writeFile(join(dir, 'site', 'c.html'), Buffer.from([0x3c, 0x68, 0x00, 0xff, 0x00]));
  await writeFile(join(dir, 'site', 'd'), page('No extension, sniffed'));
  await writeFile(
    join(dir, 'pages.jsonl'),
    [
      JSON.stringify({ html: page('From a dump'), url: 'https://example.org/dump', published: '2024-02-03' }),
      JSON.stringify({ html: '   ' }),
      JSON.stringify({ text: 'A plain record still works.' }),
    ].join('\n'),
  );
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a folder of pages: each page extracted, its bytes kept; bad pages are rejected items, not errors', async () => {
  const items = await collect([join(dir, 'site')]);
  assert.deepEqual(
    items.map((i) => [
      i.doc.source.uri.slice(dir.length + 6),
      i.doc.rejected === true,
      i.doc.diagnostics.at(-1)?.ruleId,
    ]),
    [
      ['a.html', false, 'ingest:html-extracted'],
      ['b.htm', true, 'ingest:no-article'],
      ['c.html', true, 'ingest:binary'],
      ['d', false, 'ingest:html-extracted'],
    ],
  );
  const [a] = items;
  assert.ok(a?.doc.text.startsWith('Budget passes\n\nThe council approved'));
  assert.equal(a?.raw?.mediaType, 'text/html');
  assert.ok(
    Buffer.from(a?.raw?.bytes ?? [])
      .toString('utf8')
      .includes('<article>'),
  );
  assert.ok(items[1]?.bytes, 'a rejected page keeps its bytes');
});

test('JSONL records with an html field are pages; the record’s url and date win', async () => {
  const items = await collect([join(dir, 'pages.jsonl')]);
  const [first, blank, plain] = items;
  assert.equal(first?.doc.source.url, 'https://example.org/dump');
  assert.equal(first?.doc.source.published, '2024-02-03');
  assert.equal(first?.doc.source.mediaType, 'text/html');
  assert.ok(first?.doc.text.startsWith('From a dump\n\n'));
  assert.ok(
    Buffer.from(first?.raw?.bytes ?? [])
      .toString('utf8')
      .startsWith('<!DOCTYPE html>'),
  );
  assert.equal(blank?.doc.rejected, true);
  assert.equal(plain?.doc.text, 'A plain record still works.');
  assert.equal(plain?.raw, undefined);
});

test('analyze reads one page by the same door', async () => {
  const { doc } = await readOne(join(dir, 'site', 'a.html'), { now });
  assert.ok(doc.blocks && doc.blocks.length === 3);
});
