import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { GDELT_EVENT_COLUMNS } from '../../src/services/export-store.js';
import { dropStoreUrl, freshStoreUrl, storeEngines } from '../support/store-engines.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-export-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: (s) => err.push(s) });
  await program.parseAsync(['node', 'tidings', ...args]);
  return { out: out.join(''), err: err.join('') };
}

const inputs = join(dir, 'inputs');
mkdirSync(inputs);
writeFileSync(
  join(inputs, 'a.txt'),
  'Ministers meet in Ankara\nGreek Foreign Minister Giorgos Gerapetritis met Turkish President Recep Tayyip Erdogan in Ankara on Tuesday.\n',
);
writeFileSync(
  join(inputs, 'b.txt'),
  'Protest in Nairobi\nThousands of Kenyans protested in Nairobi on Wednesday against the tax bill.\n',
);
writeFileSync(join(inputs, 'empty.txt'), '');

for (const engine of await storeEngines()) {
  test(`${engine}: export a dump, import it elsewhere, export again: the same bytes; events as GDELT and PLOVER`, async () => {
    const source = freshStoreUrl(engine);
    await run('ingest', inputs, '--db', source, '--date', '2024-05-14', '--quiet');
    const dump = join(dir, `${engine}.jsonl`);
    const { err } = await run('export', '--db', source, '--out', dump);
    assert.match(err, /wrote 4 lines \(dump\)/);

    const copy = freshStoreUrl(engine === 'sqlite' ? 'postgres' : 'sqlite');
    const imported = await run('import', dump, '--db', copy);
    assert.match(imported.out, /restored 3 documents/);
    assert.match(imported.out, /inserted +3/);
    const again = await run('export', '--db', copy);
    assert.equal(again.out, readFileSync(dump, 'utf8'));
    assert.match((await run('import', dump, '--db', copy)).out, /already there 3/);

    const gdelt = (await run('export', '--db', copy, '--format', 'gdelt', '--header')).out
      .trimEnd()
      .split('\n');
    assert.equal(gdelt[0], GDELT_EVENT_COLUMNS.join('\t'));
    assert.ok(gdelt.length >= 3, `events of both articles (${gdelt.length - 1})`);
    for (const line of gdelt) assert.equal(line.split('\t').length, 61);
    // AvgTone (column 35) is the document's tone from the real pipeline.
    for (const line of gdelt.slice(1)) assert.match(line.split('\t')[34] as string, /^-?\d+\.\d{4}$/);
    const plover = (await run('export', '--db', copy, '--format', 'plover', '--status', 'all')).out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(
      plover.some((r) => r.event[0] === 'PROTEST' && r.date.startsWith('2024-05-')),
      JSON.stringify(plover),
    );
    await assert.rejects(
      run('export', '--db', copy, '--format', 'plover', '--status', 'asserted,maybe'),
      /unknown event status "maybe"/,
    );
    for (const url of [source, copy]) await dropStoreUrl(url);
  });
}

test('import names the line it cannot restore', async () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"kind":"something-else"}\n');
  await assert.rejects(
    run('import', bad, '--db', join(dir, 'x.db')),
    /bad\.jsonl: line 1: not a Tidings dump/,
  );
});
