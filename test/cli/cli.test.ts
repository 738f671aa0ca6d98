import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildProgram } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; err: string; writes: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: (s) => err.push(s) });
  await program.parseAsync(['node', 'tidings', ...args]);
  return { out: out.join(''), err: err.join(''), writes: out };
}

const article = [
  'Ministers meet in Ankara',
  'Greek Foreign Minister Giorgos Gerapetritis arrived in Turkey on Tuesday for talks.',
  'Advertisement',
  'The talks lasted three hours, officials said.',
].join('\n');

test('analyze --format json prints the analysis format', async () => {
  const file = join(dir, 'a.txt');
  writeFileSync(file, article);
  const { out } = await run('analyze', file, '--date', '2024-03-14', '--format', 'json');
  const a = JSON.parse(out);
  assert.equal(a.format, 'tidings.analysis/1.4');
  assert.equal(a.text, article);
  assert.equal(a.title, 'Ministers meet in Ankara');
  assert.ok(a.removed.some((r: { reason: string }) => r.reason === 'boilerplate'));
  assert.ok(a.times.some((t: { value: string }) => t.value === '2024-03-12'));
});

test('analyze --format json writes a long analysis in chunks, never as one string', async () => {
  const file = join(dir, 'dense.txt');
  writeFileSync(file, 'Putin met Xi. '.repeat(2000));
  const { out, writes } = await run('analyze', file, '--date', '2024-03-14', '--format', 'json');
  const a = JSON.parse(out);
  // One happening told 2,000 times: the events and their mentions account for every sentence.
  const told = a.events.reduce((n: number, e: { mentions?: unknown[] }) => n + (e.mentions?.length ?? 1), 0);
  assert.equal(told, 2000);
  assert.ok(writes.length > 10, `${writes.length} writes`);
  assert.ok(Math.max(...writes.map((w) => w.length)) < out.length / 10, 'no write holds the whole analysis');
  assert.ok(out.endsWith('}\n'));
});

test('analyze --format text lists a page of each section, and counts the rest', async () => {
  const file = join(dir, 'boilerplate.txt');
  writeFileSync(file, 'Share\nAdvertisement\n'.repeat(1000));
  const { out } = await run('analyze', file);
  assert.match(out, /^Removed \(2000\)$/m);
  assert.equal(out.match(/\] {2}“(Share|Advertisement)”/g)?.length, 200);
  assert.match(out, /^ {2}… and 1800 more \(--format json lists them all\)$/m);
});

test('analyze --format text reads as a report', async () => {
  const file = join(dir, 'b.txt');
  writeFileSync(file, article);
  const { out } = await run('analyze', file, '--date', '2024-03-14');
  assert.match(out, /^# Ministers meet in Ankara/);
  assert.match(out, /Removed \(1\)/);
  assert.match(out, /Events \(\d+\)/);
});

test('analyze --min-confidence keeps only events at least that likely right', async () => {
  const file = join(dir, 'confidence.txt');
  writeFileSync(
    file,
    'Leaders meet\n\nThe French foreign minister met his German counterpart in Berlin on Monday. The new hospitals would be funded by charging a higher income tax.',
  );
  const all = JSON.parse((await run('analyze', file, '--date', '2024-03-14', '--format', 'json')).out);
  const scores: number[] = all.events.map((e: { confidence: number }) => e.confidence);
  assert.ok(scores.length >= 2 && new Set(scores).size >= 2, `events with distinct confidences: ${scores}`);
  const cut = (Math.min(...scores) + Math.max(...scores)) / 2;
  const kept = JSON.parse(
    (await run('analyze', file, '--date', '2024-03-14', '--format', 'json', '--min-confidence', String(cut)))
      .out,
  );
  assert.equal(kept.events.length, scores.filter((p) => p >= cut).length);
  assert.ok(kept.events.length > 0 && kept.events.length < scores.length);
  await run('analyze', file, '--format', 'json', '--min-confidence', 'default');
  await assert.rejects(run('analyze', file, '--min-confidence', '1.5'), /probability/);
});

test('analyze rejects a malformed --date with a message', async () => {
  await assert.rejects(run('analyze', 'x.txt', '--date', '16/05/2024'), /YYYY-MM-DD/);
});

test('re-ingesting the same files changes nothing in the store', async () => {
  const inputs = join(dir, 'inputs');
  const db = join(dir, 'store.db');
  rmSync(inputs, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(inputs);
  writeFileSync(join(inputs, 'one.txt'), article);
  writeFileSync(join(inputs, 'empty.txt'), '');
  writeFileSync(
    join(inputs, 'feed.jsonl'),
    `${JSON.stringify({ title: 'Kenya and Ethiopia sign a deal', text: 'Kenya signed an agreement with Ethiopia on Wednesday.', published: '2024-11-20' })}\nnot json\n`,
  );
  const first = await run('ingest', inputs, '--db', db, '--quiet');
  assert.match(first.out, /inserted\s+2/);
  assert.match(first.out, /rejected\s+2/);
  const snapshot = () => {
    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' order by name",
      )
      .all() as { name: string }[];
    const dump = Object.fromEntries(
      tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}"`).all()]),
    );
    sqlite.close();
    return dump;
  };
  const before = snapshot();
  assert.ok((before.documents as unknown[]).length >= 2);
  copyFileSync(join(inputs, 'one.txt'), join(inputs, 'one-again.txt'));
  const second = await run('ingest', inputs, '--db', db, '--quiet');
  assert.match(second.out, /inserted\s+0/);
  assert.match(second.out, /duplicates\s+3/);
  assert.deepEqual(snapshot(), before);
});
