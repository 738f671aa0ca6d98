import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Real processes: exit codes, and a FIFO that must not block, can only be seen from outside.
const entry = fileURLToPath(new URL('./tidings-process.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tidings-door-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
  /** Killed by the time limit: the command blocked. */
  timedOut: boolean;
}

/** Generous limit: a blocked command is caught, a slow shared machine is not. */
function tidings(args: string[], timeout = 180_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', entry, ...args],
      { timeout, killSignal: 'SIGKILL', env: { ...process.env, TIDINGS_DEBUG: '' } },
      (error, out, err) => {
        const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          out,
          err,
          timedOut: e?.killed === true,
        });
      },
    );
  });
}

const article = 'Kenya signs deal\nKenya signed an agreement with Ethiopia on Wednesday.\n';

test('ingest: a missing path exits non-zero, after printing the summary', async () => {
  const missing = join(dir, 'no', 'such', 'path');
  const r = await tidings(['ingest', missing, '--db', join(dir, 'missing.db'), '--quiet']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /processed 1/);
  assert.match(r.out, /rejected\s+1/);
  assert.match(r.out, /no such file or directory \(ENOENT\)/);

  // One good folder and one typo: the typo still fails the run.
  const good = join(dir, 'good');
  mkdirSync(good);
  writeFileSync(join(good, 'a.txt'), article);
  const mixed = await tidings(['ingest', good, missing, '--db', join(dir, 'mixed.db'), '--quiet']);
  assert.equal(mixed.code, 1);
  assert.match(mixed.out, /inserted\s+1/);
});

test('ingest: a wholly rejected input exits non-zero; some rejections among good documents do not', async () => {
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'ls'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
  writeFileSync(join(bad, 'blank.txt'), '  \n');
  const all = await tidings(['ingest', bad, '--db', join(dir, 'bad.db'), '--quiet']);
  assert.equal(all.code, 1);
  assert.match(all.out, /rejected\s+2/);
  assert.match(all.out, /ingest:binary/);

  writeFileSync(join(bad, 'story.txt'), article);
  const some = await tidings(['ingest', bad, '--db', join(dir, 'some.db'), '--quiet']);
  assert.equal(some.code, 0, some.out);
  assert.match(some.out, /inserted\s+1/);
  assert.match(some.out, /rejected\s+2/);
});

test('ingest and analyze refuse a FIFO at once instead of blocking; in a folder it is counted', async () => {
  const fifos = join(dir, 'fifos');
  mkdirSync(fifos);
  writeFileSync(join(fifos, 'a.txt'), article);
  const pipe = join(fifos, 'b-pipe');
  execFileSync('mkfifo', [pipe]);

  const [given, inFolder, analyzed] = await Promise.all([
    tidings(['ingest', pipe, '--db', join(dir, 'fifo.db'), '--quiet']),
    tidings(['ingest', fifos, '--db', join(dir, 'fifos.db'), '--quiet']),
    tidings(['analyze', pipe]),
  ]);
  assert.equal(given.timedOut, false, 'ingest of a FIFO blocked');
  assert.equal(given.code, 1);
  assert.match(given.out, /b-pipe: ingest:not-a-file — .*b-pipe is a FIFO/);

  assert.equal(inFolder.timedOut, false);
  assert.equal(inFolder.code, 0);
  assert.match(inFolder.out, /processed 2/);
  assert.match(inFolder.out, /inserted\s+1/);
  assert.match(inFolder.out, /rejected\s+1/);
  assert.match(inFolder.out, /ingest:not-a-file/);

  assert.equal(analyzed.timedOut, false, 'analyze of a FIFO blocked');
  assert.equal(analyzed.code, 1);
  assert.match(analyzed.err, /b-pipe is a FIFO, not a regular file/);
});

test('analyze DIR names the folder; impossible --date values exit 2 with a reason', async () => {
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const file = join(dir, 'story.txt');
  writeFileSync(file, article);
  const runs = await Promise.all([
    tidings(['analyze', folder]),
    tidings(['analyze', file, '--date', '2024-02-30']),
    tidings(['analyze', file, '--date', '0001-01-01']),
    tidings(['ingest', file, '--db', join(dir, 'date.db'), '--date', '9999-12-31']),
    tidings(['analyze', file, '--date', '2024-05-16T09:00:00+99:99']),
  ]);
  const [dirRun, feb30, year1, year9999, offset] = runs;
  assert.equal(dirRun?.code, 1);
  assert.match(dirRun?.err ?? '', new RegExp(`${folder} is a directory`));
  assert.doesNotMatch(dirRun?.err ?? '', /EISDIR: illegal operation/);
  assert.equal(feb30?.code, 2);
  assert.match(feb30?.err ?? '', /"2024-02-30" is not a usable date \(there is no day 30 in 2024-02\)/);
  assert.equal(year1?.code, 2);
  assert.match(year1?.err ?? '', /year 0001 is outside 1000–9998/);
  assert.equal(year9999?.code, 2);
  assert.equal(offset?.code, 2);
  assert.match(offset?.err ?? '', /no UTC offset \+99:99/);
  for (const r of runs) assert.equal(r.out, '', 'nothing analysed or stored');
});

test('analyze reads UTF-16 with a byte order mark', async () => {
  const file = join(dir, 'utf16.txt');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]));
  const r = await tidings(['analyze', file, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  assert.equal(a.text, article);
  assert.equal(a.source.encoding, 'utf-16le');
  assert.equal(a.rejected, false);
});
