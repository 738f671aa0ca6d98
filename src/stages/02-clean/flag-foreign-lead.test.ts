import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_ARTICLE, skipWithoutData } from '../../../test/support/shared-data.js';
import { createDoc } from '../../core/doc.js';
import { segmentText } from '../../core/text/segment-text.js';
import { stem } from '../../core/text/stem-word.js';
import { cleanStage, cleanText } from './clean.js';
import { contentStems, FOREIGN_LEAD_RULE, flagForeignLead, measureLead } from './flag-foreign-lead.js';

const fixture = (slug: string) => readFileSync(`test/fixtures/clean/${slug}/input.txt`, 'utf8');

test('stems meet across plural, -ing, -ed, -er and long derivations', () => {
  assert.equal(stem('shoppers'), stem('shopping'));
  assert.equal(stem('economy'), stem('economic'));
  assert.equal(stem('countries'), stem('country'));
  assert.equal(stem('russian'), stem('russia'));
  assert.notEqual(stem('crisis'), stem('cris'));
});

test('content stems drop stopwords, short words and numbers, and split at apostrophes', () => {
  assert.deepEqual(contentStems('Putin’s 2024 visit to the UK, he said.', 0, 38), ['putin', 'visit']);
});

test('a glued headline and lead are flagged, covering exactly the glued part', () => {
  const text = fixture('foreign-lead-glued');
  const { diagnostics, removed } = cleanText(text);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.equal(d?.ruleId, FOREIGN_LEAD_RULE);
  assert.equal(d?.severity, 'warning');
  assert.equal(d?.start, 0);
  const lead = 'for its young musicians.';
  assert.equal(d?.end, text.indexOf(lead) + lead.length);
  assert.match(d?.reason ?? '', /share 1 of 14 content words .*another story/);
  assert.deepEqual(removed, [], 'flagging never removes text');
});

test('the same body under its own headline and lead is not flagged', () => {
  const text = fixture('foreign-lead-intact');
  assert.deepEqual(cleanText(text).diagnostics, []);
  const m = measureLead(text, segmentText(text), 1);
  assert.ok(m && m.shared >= 5, `intact lead shares ${m?.shared} words`);
});

test('a body too short to judge is never flagged', () => {
  const glued = fixture('foreign-lead-glued');
  const short = glued.slice(0, glued.indexOf('Fishermen'));
  assert.equal(flagForeignLead(short, segmentText(short)), undefined);
});

test('the clean stage reports the warning as a diagnostic', () => {
  const doc = createDoc(fixture('foreign-lead-glued'), { uri: 'memory:', mediaType: 'text/plain' });
  const result = cleanStage.run(doc, undefined);
  assert.equal(result.diagnostics?.[0]?.ruleId, FOREIGN_LEAD_RULE);
  const intact = createDoc(fixture('foreign-lead-intact'), { uri: 'memory:', mediaType: 'text/plain' });
  assert.equal(cleanStage.run(intact, undefined).diagnostics, undefined);
});

const seed = SEED_ARTICLE;
test('the seed article’s borrowed headline and lead are flagged', { skip: skipWithoutData(seed) }, () => {
  const text = readFileSync(seed, 'utf8');
  const flags = cleanText(text).diagnostics.filter((d) => d.ruleId === FOREIGN_LEAD_RULE);
  assert.equal(flags.length, 1);
  const covered = text.slice(flags[0]?.start, flags[0]?.end);
  assert.ok(covered.startsWith('Cautious Stimulus\n'));
  assert.ok(covered.endsWith('persistent economic challenges.'));
});
