import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Doc } from '../../core/doc.js';
import {
  analyzeEventsOnly,
  createPloverGsrSuite,
  ploverGsrSuite,
  predictedSectorHead,
  readRecords,
} from './events-plover-gsr.js';

const fixture = 'test/fixtures/events/plover-gsr-mini/records.json';

test('accepts only files named records.json', () => {
  assert.equal(ploverGsrSuite.accepts('/a/b/records.json'), true);
  assert.equal(ploverGsrSuite.accepts('/a/b/records.jsonl'), false);
  assert.equal(ploverGsrSuite.name, 'events-plover-gsr');
});

test('reads records, normalising missing participants and reporting unusable ones', () => {
  const { records, problems } = readRecords(fixture);
  assert.equal(records.length, 3);
  assert.deepEqual(records[2]?.target, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0] as string, /record 3/);
});

test('scores type, macro F1, participants and mode with the entities stage', async () => {
  const result = await ploverGsrSuite.run([fixture], { data: fixture });
  assert.equal(result.items, 3);
  assert.equal(result.unit, 'records');
  // ACCUSE and ASSAULT are found, the weather sentence yields NONE against gold AID.
  assert.equal(result.metrics.typeAccuracy, 2 / 3);
  assert.equal(result.details?.noEvent, 1);
  assert.equal(result.metrics.actorCountryAccuracy, 1);
  assert.equal(result.metrics.recipientCountryAccuracy, 1);
  assert.equal(result.metrics.actorSectorAccuracy, 1);
  // Gold says firearms for the shelling, the lexicon says heavy-weapons: one of two modes right.
  assert.equal(result.metrics.modeAccuracy, 1 / 2);
  // Per type: ACCUSE 1, ASSAULT 1, AID 0 → macro F1 = 2/3.
  assert.ok(Math.abs((result.metrics.macroF1 as number) - 2 / 3) < 1e-9);
  assert.equal(result.skipped?.length, 1);
});

test('the analyze function is a parameter: a pipeline that codes nothing scores 0', async () => {
  const nothing = (doc: Doc): Doc => ({ ...doc, events: [] });
  const result = await createPloverGsrSuite(nothing).run([fixture], { data: fixture });
  assert.equal(result.metrics.typeAccuracy, 0);
  assert.equal(result.metrics.macroF1, 0);
  const limited = await createPloverGsrSuite(analyzeEventsOnly).run([fixture], { data: fixture, limit: 1 });
  assert.equal(limited.items, 1);
  assert.equal(limited.metrics.typeAccuracy, 1);
});

test('an unreadable file is skipped with its reason, not fatal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gsr-'));
  const bad = join(dir, 'records.json');
  writeFileSync(bad, '{"not": "an array"}');
  const result = await ploverGsrSuite.run([bad], { data: bad });
  assert.equal(result.items, 0);
  assert.match(result.skipped?.[0]?.reason ?? '', /JSON array/);
});

test("our CAMEO sectors are read as PLOVER's: media MED -> JRN, health HLH -> MED", () => {
  assert.equal(predictedSectorHead('MED'), 'JRN');
  assert.equal(predictedSectorHead('HLH'), 'MED');
  assert.equal(predictedSectorHead('GOVMOS'), 'GOV');
  assert.equal(predictedSectorHead('CIV'), 'CVL');
  assert.equal(predictedSectorHead(undefined), undefined);
});
