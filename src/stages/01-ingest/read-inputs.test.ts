import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { countInputs, type IngestItem, readInputs, readOne } from './read-inputs.js';

let dir: string;
const now = () => new Date('2024-05-16T10:00:00Z');

async function collect(paths: string[], options = {}): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths, { now, ...options })) items.push(item);
  return items;
}

const ruleOf = (item: IngestItem | undefined) =>
  item?.doc.diagnostics.find((d) => d.severity === 'error')?.ruleId;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-ingest-'));
  await writeFile(join(dir, 'a-good.txt'), 'Headline\nBody text here.');
  await writeFile(join(dir, 'b-empty.txt'), '');
  await writeFile(join(dir, 'c-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  await writeFile(join(dir, 'd-latin1.txt'), Buffer.from('Caf\xe9 society\nGood news.', 'latin1'));
  await writeFile(join(dir, 'e-big.txt'), 'x'.repeat(2000));
  await writeFile(join(dir, 'image.png'), 'not read: wrong extension');
  await writeFile(join(dir, '.hidden.txt'), 'not read: dotfile');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'noext'), 'A file without an extension.');
  await writeFile(
    join(dir, 'sub', 'records.jsonl'),
    [
      JSON.stringify({ text: 'First record body.', title: 'First\nrecord', url: 'https://example.org/1' }),
      '{not json',
      JSON.stringify({ title: 'no text' }),
      '',
      JSON.stringify({ text: 'Fourth record.', published: '2023-01-02' }),
      JSON.stringify({ text: 'Fifth record.', published: 'yesterday' }),
    ].join('\n'),
  );
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a directory is walked recursively, sorted, skipping dotfiles and non-text extensions', async () => {
  const items = await collect([dir], { limits: { maxBytes: 1000 }, published: '2024-05-16' });
  assert.deepEqual(
    items.map((i) => i.doc.source.uri.slice(dir.length + 1)),
    [
      'a-good.txt',
      'b-empty.txt',
      'c-binary.txt',
      'd-latin1.txt',
      'e-big.txt',
      'sub/noext',
      'sub/records.jsonl#L1',
      'sub/records.jsonl#L2',
      'sub/records.jsonl#L3',
      'sub/records.jsonl#L5',
      'sub/records.jsonl#L6',
    ],
  );
  const [good, empty, binary, latin1, big, noext] = items;
  assert.equal(good?.doc.text, 'Headline\nBody text here.');
  assert.equal(good?.doc.source.published, '2024-05-16');
  assert.equal(good?.doc.source.fetched, '2024-05-16T10:00:00.000Z');
  assert.equal(ruleOf(empty), 'ingest:empty');
  assert.equal(ruleOf(binary), 'ingest:binary');
  assert.ok(binary?.bytes && binary.bytes.length === 7, 'rejected docs keep their bytes');
  assert.equal(latin1?.doc.text, 'Café society\nGood news.');
  assert.equal(latin1?.doc.diagnostics[0]?.ruleId, 'ingest:invalid-utf8');
  assert.equal(ruleOf(big), 'ingest:too-large');
  assert.equal(big?.bytes, undefined, 'an oversized file is not read');
  assert.equal(noext?.doc.text, 'A file without an extension.');
});

test('JSONL: one doc per line, bad lines rejected, title prepended, published overrides', async () => {
  const items = await collect([join(dir, 'sub', 'records.jsonl')], { published: '2024-05-16' });
  const [first, notJson, noText, fourth, fifth] = items;
  assert.equal(items.length, 5);
  assert.equal(first?.doc.text, 'First record\n\nFirst record body.');
  assert.equal(first?.doc.source.titleGiven, true);
  assert.equal(first?.doc.source.url, 'https://example.org/1');
  assert.equal(first?.doc.source.published, '2024-05-16');
  assert.equal(ruleOf(notJson), 'ingest:bad-jsonl-line');
  assert.ok(notJson?.doc.source.uri.endsWith('records.jsonl#L2'));
  assert.equal(ruleOf(noText), 'ingest:bad-jsonl-line');
  assert.match(noText?.doc.diagnostics.at(-1)?.reason ?? '', /no "text" field/);
  assert.equal(fourth?.doc.source.published, '2023-01-02');
  assert.equal(fourth?.doc.source.titleGiven, undefined);
  // An invalid date of its own is dropped with a warning; the batch default is not put in its place.
  assert.equal(fifth?.doc.source.published, undefined);
  assert.equal(fifth?.doc.rejected, undefined);
  assert.equal(fifth?.doc.diagnostics[0]?.ruleId, 'ingest:bad-published');
});

test('JSONL records go through the same text check as files', async () => {
  const path = join(dir, 'door.jsonl');
  await writeFile(
    path,
    [
      '{"text":"probe \\ud800 here. Putin met Xi."}',
      '{"text":"a \\u0000 NUL"}',
      '{"text":"Real text.","published":"2024-02-30"}',
      '{"text":"Real text.","published":"0001-01-01"}',
      '{"text":"Real text.","published":"9999-12-31"}',
      '{"text":"Real text.","published":"2024-05-16T09:00:00+99:99"}',
    ].join('\n'),
  );
  const [surrogate, nul, ...dates] = await collect([path], { published: '2024-05-16' });
  assert.equal(surrogate?.doc.text, 'probe \ufffd here. Putin met Xi.');
  assert.equal(surrogate?.doc.diagnostics[0]?.ruleId, 'ingest:lone-surrogate');
  assert.equal(ruleOf(nul), 'ingest:binary');
  assert.equal(dates.length, 4);
  for (const item of dates) {
    assert.equal(item.doc.source.published, undefined, item.doc.source.uri);
    assert.equal(item.doc.diagnostics[0]?.ruleId, 'ingest:bad-published', item.doc.source.uri);
  }
  await rm(path);
});

test('a JSONL line over the limit is rejected without being held, the next lines go on', async () => {
  const path = join(dir, 'long.jsonl');
  await writeFile(
    path,
    `${JSON.stringify({ text: 'y'.repeat(5000) })}\n${JSON.stringify({ text: 'Short one.' })}\n`,
  );
  const items = await collect([path], { limits: { maxBytes: 1000 } });
  assert.equal(ruleOf(items[0]), 'ingest:too-large');
  assert.equal(items[1]?.doc.text, 'Short one.');
  await rm(path);
});

test('unreadable entries become rejected docs and the batch goes on', async (t) => {
  const sub = join(dir, 'locked');
  await mkdir(sub);
  await writeFile(join(sub, 'a.txt'), 'Readable text.');
  await symlink(join(sub, 'missing-target.txt'), join(sub, 'b-dangling.txt'));
  await writeFile(join(sub, 'c.txt'), 'More readable text.');
  try {
    const items = await collect([sub, join(dir, 'does-not-exist.txt')]);
    assert.deepEqual(
      items.map((i) => ruleOf(i) ?? 'ok'),
      ['ok', 'ingest:unreadable', 'ok', 'ingest:unreadable'],
    );
    assert.match(items[1]?.doc.diagnostics[0]?.reason ?? '', /ENOENT/);
    if (process.getuid?.() === 0) {
      t.diagnostic(
        'running as root: chmod 000 does not stop reads, so EACCES is simulated by a dangling symlink',
      );
      return;
    }
    await chmod(join(sub, 'c.txt'), 0o000);
    const again = await collect([sub]);
    assert.equal(ruleOf(again[2]), 'ingest:unreadable');
    assert.match(again[2]?.doc.diagnostics[0]?.reason ?? '', /EACCES/);
  } finally {
    await chmod(join(sub, 'c.txt'), 0o644);
    await rm(sub, { recursive: true, force: true });
  }
});

test('stdin (-) is read as one document, or as JSONL', async () => {
  async function* chunks() {
    yield Buffer.from('Stdin headline\n');
    yield 'Stdin body.';
  }
  const [item] = await collect(['-'], { stdin: chunks() });
  assert.equal(item?.doc.source.uri, 'stdin');
  assert.equal(item?.doc.text, 'Stdin headline\nStdin body.');
  async function* jsonl() {
    yield '{"text":"one"}\n{"te';
    yield 'xt":"two"}\n';
  }
  const records = await collect(['-'], { stdin: jsonl(), stdinFormat: 'jsonl' });
  assert.deepEqual(
    records.map((r) => [r.doc.source.uri, r.doc.text]),
    [
      ['stdin#L1', 'one'],
      ['stdin#L2', 'two'],
    ],
  );
});

test('countInputs counts files and JSONL lines', async () => {
  assert.equal(await countInputs([dir]), 6 + 6);
  assert.equal(await countInputs([dir], { jsonlLines: false }), 7);
  assert.equal(await countInputs(['-', join(dir, 'a-good.txt')]), 2);
});

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

async function listenOn(path: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return server;
}

test('FIFOs, sockets and devices are reported and counted, never opened', { timeout: 10_000 }, async () => {
  const sub = join(dir, 'special');
  await mkdir(sub);
  await writeFile(join(sub, 'a.txt'), 'Readable text.');
  mkfifo(join(sub, 'b-pipe.txt'));
  mkfifo(join(sub, 'c-pipe.bin')); // a name that is not read anyway: skipped silently, like any .bin
  const server = await listenOn(join(sub, 'd-socket'));
  await symlink('/dev/null', join(sub, 'e-null'));
  try {
    const items = await collect([sub]);
    assert.deepEqual(
      items.map((i) => [i.doc.source.uri.slice(sub.length + 1), ruleOf(i) ?? 'ok']),
      [
        ['a.txt', 'ok'],
        ['b-pipe.txt', 'ingest:not-a-file'],
        ['d-socket', 'ingest:not-a-file'],
        ['e-null', 'ingest:not-a-file'],
      ],
    );
    assert.match(items[1]?.doc.diagnostics[0]?.reason ?? '', /b-pipe\.txt is a FIFO, not a regular file/);
    assert.equal(items[2]?.doc.diagnostics[0]?.actual, 'a socket');
    assert.equal(items[3]?.doc.diagnostics[0]?.actual, 'a character device');
    assert.equal(await countInputs([sub]), 4);

    // Given as a path, a FIFO with no writer is refused at once instead of waiting for one.
    const [pipe] = await collect([join(sub, 'b-pipe.txt')]);
    assert.equal(ruleOf(pipe), 'ingest:not-a-file');
  } finally {
    server.close();
    await rm(sub, { recursive: true, force: true });
  }
});

test('readOne: a file or stdin is one document; a folder, FIFO or missing path is refused by name', async () => {
  const file = await readOne(join(dir, 'a-good.txt'), { now });
  assert.equal(file.doc.text, 'Headline\nBody text here.');
  const folder = await readOne(join(dir, 'sub'), { now });
  assert.equal(ruleOf(folder), 'ingest:not-a-file');
  assert.match(folder.doc.diagnostics[0]?.reason ?? '', new RegExp(`${join(dir, 'sub')} is a directory`));
  const missing = await readOne(join(dir, 'nope.txt'), { now });
  assert.equal(ruleOf(missing), 'ingest:unreadable');
  assert.match(missing.doc.diagnostics[0]?.reason ?? '', /nope\.txt: no such file or directory \(ENOENT\)/);
  const fifo = join(dir, 'one-pipe');
  mkfifo(fifo);
  try {
    assert.equal(ruleOf(await readOne(fifo, { now })), 'ingest:not-a-file');
  } finally {
    await rm(fifo);
  }
  async function* chunks() {
    yield Buffer.from('From stdin.');
  }
  assert.equal((await readOne('-', { now, stdin: chunks() })).doc.text, 'From stdin.');
});
