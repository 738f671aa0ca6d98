import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Doc } from '../../src/core/doc.js';
import { ANNOTATION_CAPS, type AnnotationCaps, type CappedLayer } from '../../src/core/limits.js';
import { createPipeline } from '../../src/core/runner.js';
import { analyze, documentStages } from '../../src/pipeline.js';
import { checkText } from '../../src/stages/01-ingest/index.js';

// Text written to exhaust memory (9.9 MB of "Putin met Xi. " coded 700,000 events) meets a cap
// per layer: the layer stops growing there, and a warning says which cap and where (issue 5).

/** Every capped layer several times per line, each line different. */
const busy = Array.from(
  { length: 12 },
  (_, i) =>
    `On Monday, Putin met Xi in Beijing and paid $${i + 1} million, “a fair price ${i},” the Kremlin said. Reuters reported the talks.`,
).join('\n');

/** The stage that fills each capped layer, as the pipeline names it. */
const stageOf: Record<CappedLayer, string> = {
  mentions: 'annotate-entities',
  times: 'annotate-time',
  quantities: 'annotate-quantities',
  quotes: 'annotate-quotes',
  attributions: 'annotate-quotes',
  events: 'events',
};

function run(text: string, caps: Partial<AnnotationCaps> = {}): Doc {
  const options: Record<string, unknown> = {};
  for (const [layer, cap] of Object.entries(caps) as [CappedLayer, number][]) {
    const stage = stageOf[layer];
    const previous = (options[stage] as { caps?: Partial<AnnotationCaps> } | undefined)?.caps ?? {};
    options[stage] = { caps: { ...previous, [layer]: cap } };
  }
  const doc = checkText(text, { uri: 'memory:caps', mediaType: 'text/plain', published: '2024-05-16' });
  return createPipeline(documentStages, options).run(doc);
}

function items(doc: Doc, layer: CappedLayer): { start: number; end: number }[] {
  if (layer === 'mentions') {
    return (doc.entities ?? []).flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
  }
  // Every telling of an event: an event's later mentions (a happening told again, merged) count too.
  if (layer === 'events') {
    return (doc.events ?? [])
      .flatMap((e) => (e.mentions && e.mentions.length > 0 ? e.mentions.map((m) => m.trigger) : [e.trigger]))
      .sort((a, b) => a.start - b.start);
  }
  return doc[layer] ?? [];
}

function capWarnings(doc: Doc): Diagnostic[] {
  return doc.diagnostics.filter((d) => d.ruleId.endsWith(':cap-reached'));
}

test('under its caps a document gets no cap warning', () => {
  const doc = run(busy);
  assert.deepEqual(capWarnings(doc), []);
  for (const layer of Object.keys(stageOf) as CappedLayer[]) {
    assert.ok(items(doc, layer).length >= 12, `${layer}: the test text should hold at least 12`);
  }
});

for (const layer of ['times', 'quantities', 'quotes', 'attributions', 'events'] as const) {
  test(`${layer}: the layer stops at its cap, keeping the first ones, with a warning where it stopped`, () => {
    const whole = items(run(busy), layer);
    const doc = run(busy, { [layer]: 5 });
    assert.deepEqual(items(doc, layer), whole.slice(0, 5));
    const [warning, ...more] = capWarnings(doc);
    assert.equal(more.length, 0);
    assert.equal(warning?.severity, 'warning');
    assert.match(warning?.ruleId ?? '', /^(time|quantities|quotes|events):cap-reached$/);
    assert.equal(warning?.start, whole[5]?.start, 'the warning points at the first one left out');
    assert.equal(warning?.end, whole[5]?.end);
    assert.match(warning?.reason ?? '', new RegExp(`more than 5 ${layer}.*offset ${whole[5]?.start}`));
  });
}

test('mentions: entities stop at the cap on mentions, all entities together', () => {
  const doc = run(busy, { mentions: 7 });
  assert.equal(items(doc, 'mentions').length, 7);
  const [warning, ...more] = capWarnings(doc);
  assert.equal(more.length, 0);
  assert.equal(warning?.ruleId, 'entities:cap-reached');
  assert.ok(warning?.start !== undefined && warning.start > 0);
  assert.match(warning?.reason ?? '', /more than 7 mentions/);
});

// The events cap counts tellings: 10,050 identical sentences keep 10,000 tellings, merged into one happening.
test('the default caps hold on dense event text, and the rest of the analysis is kept', () => {
  const sentences = ANNOTATION_CAPS.events + 50;
  const text = 'Putin met Xi. '.repeat(sentences);
  const a = analyze(text, { published: '2024-05-16' });
  assert.equal(a.sentences.length, sentences, 'segmentation is not capped');
  assert.equal(
    a.events.reduce((n, e) => n + (e.mentions?.length || 1), 0),
    ANNOTATION_CAPS.events,
    'the events kept, with every mention merged into them',
  );
  assert.equal(
    a.entities.reduce((n, e) => n + e.mentions.length, 0),
    ANNOTATION_CAPS.mentions,
  );
  const warnings = capWarnings(a as unknown as Doc).map((d) => [d.ruleId, d.start]);
  // Two mentions a sentence ("Putin", "Xi"): the cap is reached at the first one of sentence 5,001.
  const sentence = 'Putin met Xi. '.length;
  assert.deepEqual(warnings, [
    ['entities:cap-reached', (ANNOTATION_CAPS.mentions / 2) * sentence],
    ['events:cap-reached', ANNOTATION_CAPS.events * sentence + 'Putin '.length],
  ]);
});
