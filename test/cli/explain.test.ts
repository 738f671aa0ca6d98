import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { analyze } from '../../src/pipeline.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-explain-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: () => undefined });
  await program.parseAsync(['node', 'tidings', ...args]);
  return out.join('');
}

const article = [
  'Greek Foreign Minister Giorgos Gerapetritis arrived in Turkey on Tuesday for talks.',
  'Beijing has never condemned the invasion, the minister said.',
].join('\n');

test('explain FILE: each event with the rule that coded it, its clause, its sides and why its status', async () => {
  const file = join(dir, 'a.txt');
  writeFileSync(file, article);
  const text = await run('explain', file, '--date', '2024-03-14');
  assert.match(text, /event 0: CONSULT\/visit CAMEO 042 — asserted/);
  assert.match(text, /coded by: events:consult\.arrive-in/);
  assert.match(text, /clause: \[NP greek foreign minister giorgos gerapetritis\] \[VG arrived\]/);
  assert.match(text, /actor: "Greek Foreign Minister Giorgos Gerapetritis" GRC/);
  assert.match(text, /recipient: "Turkey" TUR/);
  assert.match(text, /status: negated — set by events:status\./);
  assert.match(text, /statement: STATEMENT CAMEO 010/);
  const json = JSON.parse(await run('explain', file, '--date', '2024-03-14', '--format', 'json'));
  assert.equal(json.events[0].trigger.text, 'arrived');
  assert.equal(json.events[0].date, '2024-03-12');
});

test('explain --event: a stored event by <document id>:<index>', async () => {
  const db = `sqlite:${join(dir, 'store.db')}`;
  const store = await openStore(db);
  const analysis = analyze(article, { published: '2024-03-14' });
  await store.putDocument(analysis);
  await store.close();
  const text = await run('explain', '--event', `${analysis.id}:0`, '--db', db);
  assert.match(text, /^event 0: CONSULT/);
  assert.doesNotMatch(text, /event 1:/);
  await assert.rejects(run('explain', '--event', `${analysis.id}:7`, '--db', db), /has no event 7/);
  await assert.rejects(run('explain', '--event', 'nonsense', '--db', db), /expected <document id>:<index>/);
});
