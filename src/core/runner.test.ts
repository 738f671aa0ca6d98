import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from './doc.js';
import { createPipeline, runStage } from './runner.js';
import type { Stage } from './stage.js';

const source = { uri: 'memory:test', mediaType: 'text/plain' };

const sentences: Stage = {
  name: 'split',
  requires: [],
  assigns: ['sentences'],
  run: (doc) => ({ sentences: [{ start: 0, end: doc.text.length, paragraph: 0 }] }),
};

test('runner applies stages in order and keeps the text unchanged', () => {
  const counter: Stage = {
    name: 'count',
    requires: ['sentences'],
    assigns: ['events'],
    run: (doc) => ({
      events: [],
      diagnostics: [{ ruleId: 'count:n', severity: 'info', reason: `${doc.sentences?.length}` }],
    }),
  };
  const doc = createPipeline([sentences, counter]).run(createDoc('Hello there.', source));
  assert.equal(doc.text, 'Hello there.');
  assert.deepEqual(doc.sentences, [{ start: 0, end: 12, paragraph: 0 }]);
  assert.deepEqual(doc.events, []);
  assert.equal(doc.diagnostics[0]?.reason, '1');
});

test('a throwing stage becomes a diagnostic and dependent stages are skipped', () => {
  const boom: Stage = {
    name: 'boom',
    requires: [],
    assigns: ['sentences'],
    run: () => {
      throw new Error('bad thing');
    },
  };
  const after: Stage = {
    name: 'after',
    requires: ['sentences'],
    assigns: ['events'],
    run: () => ({ events: [] }),
  };
  const doc = createPipeline([boom, after]).run(createDoc('x', source));
  assert.equal(doc.sentences, undefined);
  assert.equal(doc.events, undefined);
  assert.deepEqual(
    doc.diagnostics.map((d) => d.ruleId),
    ['runner:stage-failed', 'runner:stage-skipped'],
  );
  assert.match(doc.diagnostics[0]?.reason ?? '', /"boom" failed: bad thing/);
});

test('pipeline construction rejects a stage whose requirement nothing assigns', () => {
  const needsEntities: Stage = {
    name: 'needs',
    requires: ['entities'],
    assigns: ['events'],
    run: () => ({ events: [] }),
  };
  assert.throws(() => createPipeline([needsEntities]), /requires layer "entities"/);
});

test('undeclared and missing assignments are reported, undeclared ones ignored', () => {
  const sloppy: Stage = {
    name: 'sloppy',
    requires: [],
    assigns: ['events'],
    run: () => ({ entities: [] }),
  };
  const doc = runStage(sloppy, createDoc('x', source), undefined);
  assert.equal(doc.entities, undefined);
  assert.deepEqual(doc.diagnostics.map((d) => d.ruleId).sort(), [
    'runner:assign-missing',
    'runner:assign-undeclared',
  ]);
});

test('with the reads check, a stage reading a layer it does not declare fails, naming stage and layer', () => {
  const peeks: Stage = {
    name: 'peeks',
    requires: [],
    assigns: ['events'],
    run: (doc) => ({ events: doc.quotes ? [] : [] }),
  };
  const unchecked = createPipeline([sentences, peeks]).run(createDoc('x', source));
  assert.deepEqual(unchecked.events, []);
  const checked = createPipeline([sentences, peeks], {}, [], { reads: true }).run(createDoc('x', source));
  assert.equal(checked.events, undefined);
  assert.equal(checked.diagnostics[0]?.ruleId, 'runner:stage-failed');
  assert.match(
    checked.diagnostics[0]?.reason ?? '',
    /"peeks" failed: read layer "quotes" without declaring it/,
  );
  const declared: Stage = { ...peeks, reads: ['quotes'] };
  const ok = createPipeline([sentences, declared], {}, [], { reads: true }).run(createDoc('x', source));
  assert.deepEqual(ok.events, []);
  assert.deepEqual(ok.diagnostics, []);
  // `in` is a read too.
  const tests: Stage = {
    ...peeks,
    run: (doc) => ({ events: 'sentences' in doc && 'title' in doc ? [] : [] }),
  };
  const seen = createPipeline([sentences, { ...tests, requires: ['sentences'] }], {}, [], { reads: true });
  assert.match(seen.run(createDoc('x', source)).diagnostics[0]?.reason ?? '', /layer "title"/);
});

test('a stage that reads a layer only a later stage assigns is an ordering error at construction', () => {
  const reader: Stage = {
    name: 'reader',
    requires: [],
    reads: ['sentences'],
    assigns: ['events'],
    run: () => ({ events: [] }),
  };
  assert.throws(
    () => createPipeline([reader, sentences]),
    /"reader" reads layer "sentences", which stage "split" assigns only after it/,
  );
  // Reading a layer no stage assigns is allowed: the stage does without it.
  assert.doesNotThrow(() => createPipeline([reader]));
});
