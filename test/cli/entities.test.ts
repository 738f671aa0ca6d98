// `tidings entities`: list, show, merge, split, overrides, revert on a store file, through the CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open-store.js';
import { meetingOfPeople } from '../support/link-docs.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-entities-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  process.exitCode = 0;
  const program = buildProgram({ out: (s) => out.push(s), err: (s) => err.push(s) });
  await program.parseAsync(['node', 'tidings', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join(''), err: err.join(''), code };
}

test('entities: merge two ids, see the aliases, split one back off, revert; refusals say why', async () => {
  const db = join(dir, 'store.db');
  const store = await openStore(db);
  await store.putMany([
    {
      kind: 'document',
      analysis: meetingOfPeople(
        'Putin meets Xi\nVladimir Putin met Xi.',
        'https://a.example/1',
        'person:vladimir-putin',
        'Vladimir Putin',
      ),
    },
    {
      kind: 'document',
      analysis: meetingOfPeople(
        'Leaders meet\nV. Putin met Xi.',
        'https://b.example/2',
        'person:v-putin',
        'V. Putin',
      ),
    },
  ]);
  await store.close();

  const listed = JSON.parse((await run('entities', 'list', '--db', db, '--json')).out);
  assert.deepEqual(listed.items.map((e: { entityId: string }) => e.entityId).sort(), [
    'person:v-putin',
    'person:vladimir-putin',
    'person:xi-jinping',
  ]);

  const merged = await run(
    'entities',
    'merge',
    'person:v-putin',
    'person:vladimir-putin',
    '--db',
    db,
    '--note',
    'one man',
  );
  assert.equal(merged.code, 0, merged.err);
  assert.match(merged.out, /#1 {2}merge person:v-putin into person:vladimir-putin .*in force\) {2}— one man/);
  assert.match(merged.out, /2 documents rebuilt; happenings: 2 removed, 0 left, 1 opened, 1 joined/);

  const shown = JSON.parse(
    (await run('entities', 'show', 'person:vladimir-putin', '--db', db, '--json')).out,
  );
  assert.deepEqual(
    shown.aliases.map((a: { name: string; documents: number }) => `${a.name} ${a.documents}`).sort(),
    ['V. Putin 1', 'Vladimir Putin 1'],
  );
  assert.equal(shown.documents, 2);
  const gone = await run('entities', 'show', 'person:v-putin', '--db', db);
  assert.equal(gone.code, 1);
  assert.match(gone.err, /no entity with id "person:v-putin"/);

  const dyad = JSON.parse(
    (await run('dyad', 'person:vladimir-putin', 'person:xi-jinping', '--db', db, '--json')).out,
  );
  assert.equal(dyad.periods[0].ab.events, 1, 'one happening now');
  assert.equal(dyad.periods[0].ab.mentions, 2);

  const refused = await run('entities', 'merge', 'person:nobody', 'person:vladimir-putin', '--db', db);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /no stored entity has the id person:nobody/);
  const cycle = await run('entities', 'split', 'person:vladimir-putin', 'V. Putin', '--db', db);
  assert.equal(cycle.code, 2);
  assert.match(cycle.err, /revert that first/);

  const split = await run(
    'entities',
    'split',
    'person:vladimir-putin',
    'V. Putin',
    '--into',
    'person:putin-double',
    '--db',
    db,
  );
  assert.equal(split.code, 0, split.err);
  assert.match(split.out, /#2 {2}split "V. Putin" off person:vladimir-putin into person:putin-double/);
  const reverted = await run('entities', 'revert', '2', '--db', db);
  assert.match(reverted.out, /reverted #2 .*reverted 20/);
  const overrides = await run('entities', 'overrides', '--db', db);
  assert.match(overrides.out, /#1 .*in force/);
  assert.match(overrides.out, /#2 .*reverted/);
  const again = await run('entities', 'revert', '2', '--db', db);
  assert.equal(again.code, 2);
  assert.match(again.err, /was reverted/);
  const unknown = await run('entities', 'frob', '--db', db);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown action "frob"/);
});
