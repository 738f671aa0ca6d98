import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { decodeWindows1252 } from '../decode-bytes.js';
import { type IngestItem, readInputs, readOne } from '../read-inputs.js';
import { readWarc, type WarcSummary } from './read-warc.js';

const prose =
  'The council approved the new budget on Monday after a debate that lasted late into the night. ' +
  'Spending on schools rises by four percent, while the road programme is cut back for a second year.';

function page(title: string, extraHead = '', text = prose): string {
  return `<!DOCTYPE html><html><head><title>${title}</title>${extraHead}</head><body><article><h1>${title}</h1><p>${text}</p><p>${text}</p></article></body></html>`;
}

interface RecordSpec {
  type: 'warcinfo' | 'request' | 'response' | 'resource' | 'metadata';
  url: string;
  date?: string;
  status?: string;
  headers?: Record<string, string>;
  body: Uint8Array | string;
}

async function serialize(spec: RecordSpec, gzip: boolean): Promise<Uint8Array> {
  const body = typeof spec.body === 'string' ? Buffer.from(spec.body, 'utf8') : spec.body;
  async function* content() {
    yield body;
  }
  const record =
    spec.type === 'warcinfo'
      ? WARCRecord.createWARCInfo({ filename: 'test.warc.gz' }, { software: 'tidings tests' })
      : WARCRecord.create(
          {
            url: spec.url,
            date: spec.date ?? '2024-05-16T08:30:00Z',
            type: spec.type,
            ...(spec.type === 'response' || spec.type === 'request'
              ? {
                  httpHeaders: spec.headers ?? {},
                  statusline: spec.status ?? (spec.type === 'request' ? 'GET / HTTP/1.1' : 'HTTP/1.1 200 OK'),
                }
              : { warcHeaders: { 'Content-Type': spec.headers?.['Content-Type'] ?? 'text/html' } }),
          },
          content(),
        );
  return WARCSerializer.serialize(record, { gzip });
}

async function archive(specs: RecordSpec[], gzip = true): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const spec of specs) parts.push(await serialize(spec, gzip));
  return Buffer.concat(parts);
}

async function* chunked(bytes: Uint8Array, size = 997): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const html = { 'Content-Type': 'text/html; charset=utf-8' };
const mixed: RecordSpec[] = [
  { type: 'warcinfo', url: '', body: '' },
  {
    type: 'request',
    url: 'https://news.example/a',
    headers: { Host: 'news.example', 'User-Agent': 'a crawler' },
    body: '',
  },
  {
    type: 'response',
    url: 'https://news.example/a',
    date: '2024-05-16T08:30:00Z',
    headers: html,
    body: page('Budget passes', '<meta property="article:published_time" content="2024-05-15T19:00:00Z">'),
  },
  {
    type: 'response',
    url: 'https://news.example/logo.png',
    headers: { 'Content-Type': 'image/png' },
    body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  },
  {
    type: 'response',
    url: 'https://news.example/gone',
    status: 'HTTP/1.1 404 Not Found',
    headers: html,
    body: page('Not found'),
  },
  {
    type: 'response',
    url: 'https://news.example/b',
    date: '2024-05-17T11:00:00Z',
    headers: { 'Content-Type': 'text/html; charset=windows-1252' },
    body: Buffer.from(page('Caf\xe9 owners \x93hopeful\x94'), 'latin1'),
  },
  {
    type: 'resource',
    url: 'https://news.example/c',
    date: '2024-05-18T09:00:00Z',
    headers: { 'Content-Type': 'text/html' },
    body: page('A stored resource'),
  },
  { type: 'metadata', url: 'https://news.example/c', headers: { 'Content-Type': 'text/plain' }, body: 'x' },
];

test('a gzipped WARC gives one document per HTML page, with its URL and capture date', async () => {
  const bytes = await archive(mixed);
  const summary: WarcSummary = { records: 0, pages: 0, skipped: 0 };
  const items = await collect(readWarc(chunked(bytes), 'crawl.warc.gz', {}, summary));
  assert.deepEqual(
    items.map((i) => [i.doc.source.url, i.doc.rejected === true]),
    [
      ['https://news.example/a', false],
      ['https://news.example/b', false],
      ['https://news.example/c', false],
    ],
  );
  assert.deepEqual(summary, { records: 8, pages: 3, skipped: 5 });
  const [a, b, c] = items.map((i) => i.doc);
  assert.ok(a && b && c);
  assert.equal(a.source.uri, 'crawl.warc.gz#record=3');
  assert.equal(a.source.fetched, '2024-05-16T08:30:00.000Z');
  // The page's own date wins over the capture date…
  assert.equal(a.source.published, '2024-05-15T19:00:00Z');
  assert.ok(!a.diagnostics.some((d) => d.ruleId === 'ingest:published-from-capture'));
  // …which stands in, said so, when the page has none.
  assert.equal(b.source.published, '2024-05-17T11:00:00.000Z');
  assert.ok(b.diagnostics.some((d) => d.ruleId === 'ingest:published-from-capture'));
  // The HTTP header's charset decides: windows-1252 curly quotes come out right.
  assert.equal(b.source.encoding, 'windows-1252');
  assert.ok(b.text.startsWith(decodeWindows1252(Buffer.from('Caf\xe9 owners \x93hopeful\x94', 'latin1'))));
  assert.ok(b.text.startsWith('Café owners “hopeful”'));
  assert.ok(a.text.includes('Spending on schools rises'));
  assert.equal(c.source.published, '2024-05-18T09:00:00.000Z');
  // The page's bytes travel with it, so extraction can run again.
  assert.ok(
    items[0]?.raw && Buffer.from(items[0].raw.bytes).toString('utf8').includes('<h1>Budget passes</h1>'),
  );
});

test('--date wins over the capture date for pages without a date; plain (uncompressed) WARC reads too', async () => {
  const bytes = await archive(mixed.slice(5, 6), false);
  const [item, ...rest] = await collect(readWarc(chunked(bytes), 'x.warc', { published: '2024-01-02' }));
  assert.equal(rest.length, 0);
  assert.equal(item?.doc.source.published, '2024-01-02');
  assert.equal(item?.doc.source.fetched, '2024-05-17T11:00:00.000Z');
  assert.ok(!item?.doc.diagnostics.some((d) => d.ruleId === 'ingest:published-from-capture'));
});

test('a gzip-encoded HTTP payload is decoded', async () => {
  const bytes = await archive([
    {
      type: 'response',
      url: 'https://news.example/z',
      headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.from(page('Compressed on the wire'))),
    },
  ]);
  const [item] = await collect(readWarc(chunked(bytes), 'z.warc.gz'));
  assert.equal(item?.doc.rejected, undefined);
  assert.ok(item?.doc.text.startsWith('Compressed on the wire'));
});

test('a record over the size limit is rejected unread and the archive goes on', async () => {
  const big = page('Too long', '', `${prose} `.repeat(200));
  const bytes = await archive([
    { type: 'response', url: 'https://news.example/big', headers: html, body: big },
    { type: 'response', url: 'https://news.example/small', headers: html, body: page('Fits') },
  ]);
  const items = await collect(readWarc(chunked(bytes), 'l.warc.gz', { limits: { maxBytes: 8000 } }));
  assert.equal(items.length, 2);
  assert.equal(items[0]?.doc.rejected, true);
  assert.equal(items[0]?.doc.diagnostics.at(-1)?.ruleId, 'ingest:too-large');
  assert.equal(items[0]?.doc.source.url, 'https://news.example/big');
  assert.equal(items[1]?.doc.rejected, undefined);
  assert.ok(items[1]?.doc.text.startsWith('Fits'));
});

test('a gzip bomb in a record stops at the size limit; the next record is read', async () => {
  const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
  const bytes = await archive([
    {
      type: 'response',
      url: 'https://news.example/bomb',
      headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
      body: bomb,
    },
    { type: 'response', url: 'https://news.example/after', headers: html, body: page('After the bomb') },
  ]);
  const items = await collect(
    readWarc(chunked(bytes, 1 << 14), 'b.warc.gz', { limits: { maxBytes: 1 << 20 } }),
  );
  assert.deepEqual(
    items.map((i) => [i.doc.source.url, i.doc.diagnostics.at(-1)?.ruleId]),
    [
      ['https://news.example/bomb', 'ingest:too-large'],
      ['https://news.example/after', 'ingest:published-from-capture'],
    ],
  );
});

test('a truncated archive keeps the pages before the cut and says where it broke', async () => {
  for (const gzip of [true, false]) {
    const whole = await archive(mixed.slice(2, 3), gzip);
    const second = await archive(mixed.slice(5, 6), gzip);
    const bytes = Buffer.concat([whole, second.subarray(0, Math.floor(second.length / 2))]);
    const items = await collect(readWarc(chunked(bytes), 't.warc', {}));
    assert.equal(items[0]?.doc.source.url, 'https://news.example/a', `gzip ${gzip}`);
    assert.equal(items[0]?.doc.rejected, undefined);
    const last = items.at(-1)?.doc;
    assert.equal(last?.rejected, true, `gzip ${gzip}`);
    assert.equal(last?.diagnostics.at(-1)?.ruleId, 'ingest:bad-warc', `gzip ${gzip}`);
  }
});

test('bytes that are no WARC, and an archive without pages, are one rejected document each', async () => {
  const [junk, ...more] = await collect(
    readWarc(chunked(Buffer.from('just some text\r\n\r\nmore\n')), 'j.warc'),
  );
  assert.equal(more.length, 0);
  assert.equal(junk?.doc.rejected, true);
  assert.equal(junk?.doc.diagnostics.at(-1)?.ruleId, 'ingest:bad-warc');
  const [empty] = await collect(readWarc(chunked(new Uint8Array(0)), 'e.warc'));
  assert.equal(empty?.doc.diagnostics.at(-1)?.ruleId, 'ingest:bad-warc');
  const noPages = await archive(mixed.slice(0, 2));
  const [none, ...others] = await collect(readWarc(chunked(noPages), 'n.warc.gz'));
  assert.equal(others.length, 0);
  assert.equal(none?.doc.diagnostics.at(-1)?.ruleId, 'ingest:warc-no-pages');
});

test('the archive streams: the first page comes out before the rest of the archive is read', async () => {
  const one = await archive(mixed.slice(2, 3));
  let produced = 0;
  const total = 200;
  async function* lazily(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < total; i++) {
      produced++;
      yield one;
    }
  }
  const reader = readWarc(lazily(), 'lazy.warc.gz');
  const first = await reader.next();
  assert.equal(first.done, false);
  assert.ok(produced < 5, `produced ${produced} records before the first page`);
  let count = 1;
  for await (const _ of reader) count++;
  assert.equal(count, total);
  assert.equal(produced, total);
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-warc-'));
  await writeFile(join(dir, 'crawl.warc.gz'), await archive(mixed));
  await writeFile(join(dir, 'ignored.gz'), gzipSync(Buffer.from('not an archive name we read')));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('ingest reads .warc.gz files in folders and by name; analyze takes the first page', async () => {
  const items: IngestItem[] = [];
  for await (const item of readInputs([dir])) items.push(item);
  assert.deepEqual(
    items.map((i) => i.doc.source.url),
    ['https://news.example/a', 'https://news.example/b', 'https://news.example/c'],
  );
  const first = await readOne(join(dir, 'crawl.warc.gz'));
  assert.equal(first.doc.source.url, 'https://news.example/a');
  const stdin = await collect(
    readInputs(['-'], { stdinFormat: 'warc', stdin: chunked(await archive(mixed.slice(6, 7))) }),
  );
  assert.deepEqual(
    stdin.map((i) => i.doc.source.url),
    ['https://news.example/c'],
  );
});
