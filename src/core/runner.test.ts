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

test('a stage past its time budget rejects the document with a diagnostic, and later stages do not run', () => {
  // A clock the stage itself advances: the test does not depend on how fast the machine is.
  let clock = 0;
  const slow: Stage = {
    name: 'slow',
    requires: [],
    assigns: ['sentences'],
    run: (doc) => {
      clock += 250 + doc.text.length;
      return { sentences: [{ start: 0, end: doc.text.length, paragraph: 0 }] };
    },
  };
  let laterRan = false;
  const later: Stage = {
    name: 'later',
    requires: ['sentences'],
    assigns: ['events'],
    run: () => {
      laterRan = true;
      return { events: [] };
    },
  };
  const checks = { budget: { baseMs: 200, msPerMillionChars: 1_000_000 }, now: () => clock };
  const pipeline = createPipeline([slow, later], {}, [], checks);
  // The first run of a stage loads its data and is not held to the budget.
  const first = pipeline.run(createDoc('x'.repeat(100), source));
  assert.equal(first.rejected, undefined);
  laterRan = false;
  // 1 ms per character of budget beyond the base: a 100-character text is allowed 300 ms, costs 350.
  const over = pipeline.run(createDoc('x'.repeat(100), source));
  assert.equal(over.rejected, true);
  assert.equal(laterRan, false);
  const diagnostic = over.diagnostics.find((d) => d.ruleId === 'runner:over-budget');
  assert.ok(diagnostic, 'no runner:over-budget diagnostic');
  assert.match(diagnostic.reason, /stage "slow" took 350 ms .* budget of 300 ms/);
  assert.equal(diagnostic.severity, 'error');
  // Within a larger budget the document goes on and the next stage runs.
  const within = createPipeline([slow, later], {}, [], {
    ...checks,
    budget: { baseMs: 1_000, msPerMillionChars: 0 },
  }).run(createDoc('x'.repeat(10), source));
  assert.equal(within.rejected, undefined);
  assert.equal(laterRan, true);
  assert.ok(!within.diagnostics.some((d) => d.ruleId === 'runner:over-budget'));
  // Off when asked.
  laterRan = false;
  const off = createPipeline([slow, later], {}, [], { ...checks, budget: false }).run(
    createDoc('x'.repeat(100), source),
  );
  assert.equal(off.rejected, undefined);
  assert.equal(laterRan, true);
});

test("a stage's prepare runs once, before its first document, and is not charged to the budget", () => {
  let clock = 0;
  let prepared = 0;
  const loading: Stage = {
    name: 'loading',
    requires: [],
    assigns: ['sentences'],
    prepare: () => {
      prepared++;
      clock += 60_000;
    },
    run: (doc) => {
      clock += 10;
      return { sentences: [{ start: 0, end: doc.text.length, paragraph: 0 }] };
    },
  };
  const pipeline = createPipeline([loading], {}, [], {
    budget: { baseMs: 100, msPerMillionChars: 0 },
    now: () => clock,
  });
  for (let i = 0; i < 3; i++) {
    const doc = pipeline.run(createDoc(`Text ${i}.`, source));
    assert.equal(doc.rejected, undefined);
  }
  assert.equal(prepared, 1);
});
