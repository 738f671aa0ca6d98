import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Attribution, Doc } from '../../core/doc.js';
import { findSuite } from '../registry.js';
import { bioSpans, createPolnearBioSuite, joinSentences } from './quotes-polnear-bio.js';

const lines = [
  {
    tokens: ['Smith', 'said', '``', 'no', "''", '.'],
    labels: ['B-source', 'B-cue', 'B-content', 'I-content', 'I-content', 'O'],
    id: 'doc_a',
  },
  { tokens: ['Prices', 'rose', '.'], labels: ['O', 'O', 'O'], id: 'doc_a' },
];

test('BIO labels become (sentence, role, first, last) spans; PTB quote tokens become curly marks', () => {
  assert.deepEqual(bioSpans(lines[0]?.labels ?? [], 0), ['0:source:0:1', '0:cue:1:2', '0:content:2:5']);
  const joined = joinSentences(lines);
  assert.equal(joined.text, 'Smith said “ no ” . Prices rose .');
  assert.deepEqual(joined.offsets[1]?.[0], [20, 26]);
  assert.equal(joined.text.slice(20, 26), 'Prices');
});

test('the suite scores predicted spans against the sentences’ tags, cutting nothing it need not', () => {
  assert.ok(findSuite('quotes-polnear-bio'));
  const dir = mkdtempSync(join(tmpdir(), 'polnear-bio-'));
  const file = join(dir, 'valid.txt');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const at = (text: string, word: string) => {
    const start = text.indexOf(word);
    return { start, end: start + word.length };
  };
  // Right source and cue; the content misses its closing mark.
  const analysis = (doc: Doc): Doc => {
    const a: Attribution = {
      start: 0,
      end: 16,
      source: 'Smith',
      sourceSpan: at(doc.text, 'Smith'),
      cue: at(doc.text, 'said'),
      content: at(doc.text, '“ no'),
      rule: 'test',
    };
    return { ...doc, attributions: [a] };
  };
  const r = createPolnearBioSuite(analysis).run([file], { data: file });
  assert.ok(!(r instanceof Promise));
  assert.equal(r.items, 1);
  assert.equal(r.metrics.sourceExactF1, 1);
  assert.equal(r.metrics.cueExactF1, 1);
  assert.equal(r.metrics.contentExactF1, 0);
});
