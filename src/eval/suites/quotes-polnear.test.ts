import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Attribution, Doc } from '../../core/doc.js';
import { collectFiles, findSuite } from '../registry.js';
import { createPolnearSuite, goldSpans, textPathFor } from './quotes-polnear.js';

const root = 'test/fixtures/annotate/polnear-mini';
const ann = `${root}/dev/attributions/wire_2016-10-07_harbour-strike-ends_a1b2.ann`;

/** An analysis that returns the gold relations of the first annotator's file as attributions. */
function goldAnalysis(doc: Doc): Doc {
  const gold = goldSpans(readFileSync(ann, 'utf8'), doc.text).spans;
  const attributions: Attribution[] = gold.cue.map((cue, i) => {
    const sourceSpan = gold.source[i] as { start: number; end: number };
    const pieces = gold.content.filter((c) => (i === 1 ? c.start > 80 && c.start < 160 : false));
    const content = i === 1 ? undefined : gold.content.find((c) => (i === 0 ? c.start < 80 : c.start > 160));
    return {
      start: 0,
      end: 0,
      source: doc.text.slice(sourceSpan.start, sourceSpan.end),
      sourceSpan,
      cue,
      ...(content ? { content } : {}),
      ...(pieces.length > 0 ? { content: pieces[0], contentPieces: pieces } : {}),
      rule: 'test',
    } as Attribution;
  });
  return { ...doc, attributions };
}

test('gold spans: discontinuous content counts as its pieces; other labels are ignored', () => {
  const gold = goldSpans(readFileSync(ann, 'utf8'));
  assert.equal(gold.spans.source.length, 3);
  assert.equal(gold.spans.cue.length, 3);
  assert.equal(gold.spans.content.length, 4);
  assert.equal(textPathFor(ann), `${root}/dev/text/wire_2016-10-07_harbour-strike-ends.txt`);
});

test('the suite is registered and reads .ann files', () => {
  const suite = findSuite('quotes-polnear');
  assert.ok(suite);
  assert.equal(collectFiles(suite, root, 'dev').length, 2);
});

test('a perfect analysis scores 1 on every role, an empty one 0, a nested attribution is not scored', async () => {
  const files = collectFiles(createPolnearSuite(), root).slice(0, 1);
  const perfect = await createPolnearSuite(goldAnalysis).run(files, { data: root });
  for (const role of ['source', 'cue', 'content']) {
    assert.equal(perfect.metrics[`${role}ExactF1`], 1, role);
    assert.equal(perfect.metrics[`${role}OverlapF1`], 1, role);
  }
  const empty = await createPolnearSuite((doc) => ({ ...doc, attributions: [] })).run(files, { data: root });
  assert.equal(empty.metrics.cueExactF1, 0);
  assert.equal(empty.metrics.cueExactRecall, 0);
  const nested = await createPolnearSuite((doc) => {
    const d = goldAnalysis(doc);
    d.attributions = (d.attributions ?? []).map((a, i) => (i === 2 ? { ...a, within: 0 } : a));
    return d;
  }).run(files, { data: root });
  assert.equal(nested.metrics.cueExactPrecision, 1);
  assert.ok(Math.abs((nested.metrics.cueExactRecall ?? 0) - 2 / 3) < 1e-9);
});

test('overlap credits a span that is off by its quotation marks; exact does not', async () => {
  const files = collectFiles(createPolnearSuite(), root).slice(0, 1);
  const r = await createPolnearSuite((doc) => {
    const d = goldAnalysis(doc);
    d.attributions = (d.attributions ?? []).map((a) =>
      a.contentPieces
        ? { ...a, contentPieces: a.contentPieces.map((p) => ({ start: p.start + 1, end: p.end - 1 })) }
        : a,
    );
    return d;
  }).run(files, { data: root });
  assert.equal(r.metrics.contentOverlapF1, 1);
  assert.equal(r.metrics.contentExactRecall, 0.5);
});

test('every annotator file is scored; an unreadable line is counted, not fatal', async () => {
  const suite = await createPolnearSuite(goldAnalysis);
  const r = await suite.run(collectFiles(suite, root), { data: root });
  assert.equal(r.items, 2);
  assert.equal(r.details?.unreadableLines, 1);
  // The second annotator marked only the "according to" relation: the others are false positives.
  assert.equal(r.metrics.cueExactRecall, 1);
  assert.ok((r.metrics.cueExactPrecision ?? 1) < 1);
});
