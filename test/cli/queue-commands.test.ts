import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { dropStoreUrl, freshStoreUrl, storeEngines } from '../support/store-engines.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-queue-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: () => {} });
  await program.parseAsync(['node', 'tidings', ...args]);
  return out.join('');
}

writeFileSync(
  join(dir, 'a.txt'),
  'Ministers meet in Ankara\nGreek Foreign Minister Giorgos Gerapetritis arrived in Turkey on Tuesday.\n',
);
writeFileSync(join(dir, 'b.txt'), 'Talks end\nThe talks in Nairobi ended on Wednesday, officials said.\n');
writeFileSync(
  join(dir, 'copy-of-a.txt'),
  'Ministers meet in Ankara\nGreek Foreign Minister Giorgos Gerapetritis arrived in Turkey on Tuesday.\n',
);
writeFileSync(join(dir, 'empty.txt'), '');

for (const engine of await storeEngines()) {
  test(`${engine}: ingest --enqueue only queues; worker processes; status accounts for every file`, async () => {
    const url = freshStoreUrl(engine);
    const queued = await run('ingest', '--enqueue', dir, '--db', url);
    assert.match(queued, /queued +4/);
    const before = JSON.parse(await run('status', '--db', url, '--json'));
    assert.deepEqual(before, {
      documents: 0,
      processed: 0,
      duplicates: 0,
      rejected: 0,
      pending: 4,
      failed: 0,
    });
    const worked = await run('worker', '--db', url, '--exit-when-empty', '--quiet', '--batch', '2');
    assert.match(worked, /inserted +2/);
    const status = JSON.parse(await run('status', '--db', url, '--json'));
    assert.deepEqual(status, {
      documents: 3,
      processed: 2,
      duplicates: 1,
      rejected: 1,
      pending: 0,
      failed: 0,
    });
    assert.match(await run('status', '--db', url), /^documents +3\nprocessed +2\n/);
    await dropStoreUrl(url);
  });
}
