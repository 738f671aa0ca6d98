import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { createDoc, type Doc } from '../../src/core/doc.js';
import { analyzeDoc } from '../../src/pipeline.js';
import { pipelineVersion } from '../../src/pipeline-version.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tidings-recode-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const program = buildProgram({ out: (s) => out.push(s), err: () => {} });
  await program.parseAsync(['node', 'tidings', ...args]);
  return out.join('');
}

const TEXT =
  'Putin and Xi meet in Beijing\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. The two leaders signed an agreement on energy.';

/** An older pipeline: no CONSULT rule in its events lexicon. */
function older(doc: Doc): Doc {
  const done = analyzeDoc(doc);
  return { ...done, events: (done.events ?? []).filter((e) => e.type !== 'CONSULT') };
}

test('recode: --plan names the stale documents, a run re-codes them and reports the diff, a second run finds none', async () => {
  const db = join(dir, 'store.db');
  const store = await openStore(db);
  await ingestBatch({
    store,
    inputs: [
      {
        doc: createDoc(TEXT, {
          uri: 'https://one.example/a',
          mediaType: 'text/plain',
          published: '2024-05-16',
        }),
      },
    ],
    analyze: older,
    pipeline: 'test:old',
  });
  await store.close();
  const consults = (
    analyzeDoc(createDoc(TEXT, { uri: 'x', mediaType: 'text/plain', published: '2024-05-16' })).events ?? []
  ).filter((e) => e.type === 'CONSULT').length;
  assert.ok(consults > 0);

  const plan = JSON.parse(await run('recode', '--db', db, '--plan', '--json'));
  assert.equal(plan.current.version, pipelineVersion().version);
  assert.deepEqual(plan.stored, [{ version: 'test:old', documents: 1 }]);
  assert.equal(plan.stale, 1);

  const report = JSON.parse(await run('recode', '--db', db, '--json', '--workers', '0'));
  assert.deepEqual(report.documents, { considered: 1, recoded: 1, unchanged: 0, failed: 0 });
  assert.deepEqual(report.events.byType, { CONSULT: { added: consults, removed: 0, changed: 0 } });
  assert.equal(report.perDocument[0].previous, 'test:old');
  assert.equal(report.perDocument[0].events.added[0].type, 'CONSULT');
  assert.match(report.perDocument[0].events.added[0].text, /\bmeet|\bmet\b/);

  assert.match(await run('recode', '--db', db), /: 0 documents, 0 changed/);
  await assert.rejects(run('recode', '--db', db, '--all', '--stale'), /not both/);
});
