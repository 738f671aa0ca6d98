import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// A reader may stop early (`tidings analyze long.txt --format json | head`): the command stops
// writing and exits quietly instead of dying on EPIPE with a stack trace.
const entry = fileURLToPath(new URL('./tidings-process.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tidings-stdout-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('analyze --format json into a pipe closed after the first chunk exits 0 without an error', async () => {
  const file = join(dir, 'dense.txt');
  writeFileSync(file, 'Putin met Xi. '.repeat(3000));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'analyze', file, '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  let first = '';
  child.stdout.once('data', (chunk) => {
    first = String(chunk);
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.match(first, /^\{\n {2}"format": "tidings\.analysis/);
  assert.equal(err, '');
  assert.equal(code, 0);
});
