import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';
import {
  CONFIDENCE_FEATURES,
  CONFIDENCE_MODEL,
  type ConfidenceInput,
  confidenceFeatures,
  confidenceModel,
  scoreConfidence,
} from './confidence.js';

const base: ConfidenceInput = {
  event: { type: 'ACCUSE', status: 'asserted', rule: 'events:accuse.accuse', sentence: 3 },
  sentence: 'The minister accused the opposition of lying.',
};

test('the features name the rule, its trigger word and whether it is quoted', () => {
  const text = 'Later, "We condemn the raid," Smith said, and Jones accused him.';
  const at = 100;
  const on = (word: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(word, i + 1);
    return { start: at + i, end: at + i + word.length };
  };
  const quoted = confidenceFeatures({
    event: { ...base.event, rule: 'events:accuse.condemn', trigger: on('condemn') },
    sentence: text,
    sentenceStart: at,
  });
  assert.ok(quoted.includes('rule:events:accuse.condemn') && quoted.includes('trigger:condemn'));
  assert.ok(quoted.includes('in-quote'));
  const outside = confidenceFeatures({
    event: { ...base.event, trigger: on('accused') },
    sentence: text,
    sentenceStart: at,
  });
  assert.ok(outside.includes('trigger:accused') && !outside.includes('in-quote'));
  // Without the sentence's offset there is no trigger word to read, but the rule is still named.
  const bare = confidenceFeatures({ ...base, event: { ...base.event, trigger: on('accused') } });
  assert.ok(bare.includes('rule:events:accuse.accuse'));
  assert.ok(!bare.some((f) => f.startsWith('trigger:')));
});

test('the features say how the event was coded: actor slot, headline, question, report', () => {
  const plain = confidenceFeatures(base);
  assert.ok(plain.includes('no-actor') && plain.includes('type-status:ACCUSE:asserted'));
  assert.ok(plain.includes('origin:events') && plain.includes('detector:none'));
  const full = confidenceFeatures({
    ...base,
    event: {
      ...base.event,
      sentence: 0,
      actor: { start: 0, end: 12, text: 'The minister', sector: 'GOV' },
      attribution: { attribution: 0, chain: [0], sources: [{ text: 'Reuters' }] },
    },
    actorBy: 'clause:subject',
    detector: 0.45,
    voice: 'passive',
    sentence: 'Was the minister accused?',
  });
  for (const f of [
    'actor',
    'actor-by:clause:subject',
    'actor-sector:GOV',
    'actor-determiner',
    'actor-nominal',
  ])
    assert.ok(full.includes(f), f);
  for (const f of ['headline', 'question', 'reported', 'voice:passive', 'detector:2'])
    assert.ok(full.includes(f), f);
  assert.ok(!full.includes('no-actor'));
});

test('the score is the logistic of the summed weights of the features present', () => {
  const weights = { bias: -1, 'type:ACCUSE': 2, question: -3 };
  assert.equal(scoreConfidence({ weights }, ['bias', 'type:ACCUSE', 'unknown']), 1 / (1 + Math.exp(-1)));
  assert.equal(scoreConfidence({ weights }, ['bias', 'type:ACCUSE', 'question']), 1 / (1 + Math.exp(2)));
});

test('a model trained with other features refuses to load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-confidence-'));
  writeFileSync(
    join(dir, `${CONFIDENCE_MODEL}.json`),
    JSON.stringify({
      name: CONFIDENCE_MODEL,
      version: 1,
      features: CONFIDENCE_FEATURES + 1,
      weights: {},
      threshold: 0.5,
    }),
  );
  assert.throws(() => confidenceModel(dir), /trained with confidence features/);
});

test('the shipped model ranks a named actor’s meeting above a hypothetical funding with no actor', () => {
  const model = confidenceModel();
  assert.ok(model, `models/${CONFIDENCE_MODEL}.json ships`);
  const text = [
    'Ministers meet on trade',
    '',
    'The French foreign minister met his German counterpart in Berlin on Monday.',
    '',
    'The new hospitals would be funded by charging a higher income tax.',
  ].join('\n');
  const a = analyze(text, { published: '2024-05-16' });
  const met = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'met');
  const funded = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'funded');
  assert.ok(met?.confidence !== undefined, 'the meeting has a confidence');
  assert.ok(
    funded?.confidence !== undefined,
    'the funding is coded (a hypothetical AGREE reading of "funded")',
  );
  assert.ok(funded.confidence < met.confidence, 'the funding scores below the meeting');
  for (const e of a.events) assert.ok(e.confidence !== undefined && e.confidence >= 0 && e.confidence <= 1);
});
