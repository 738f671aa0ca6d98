import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../pipeline.js';
import { renderHighlighted } from './highlight.js';
import { analysisSpans } from './layers.js';

test('a diagnostic with a span is shown in the text as a flag carrying its rule and reason', () => {
  const a = analyze('Talks resumed.', {});
  a.diagnostics.push({
    ruleId: 'clean:foreign-lead',
    severity: 'warning',
    reason: 'glued',
    start: 0,
    end: 5,
  });
  a.diagnostics.push({ ruleId: 'ingest:bom', severity: 'info', reason: 'no span' });
  const flags = analysisSpans(a).filter((s) => s.className.startsWith('flag'));
  assert.deepEqual(
    flags.map((f) => [f.start, f.end, f.className]),
    [[0, 5, 'flag flag-warning']],
  );
  assert.match(flags[0]?.title ?? '', /glued \(clean:foreign-lead\)/);
  assert.match(renderHighlighted(a.text, analysisSpans(a)), /class="flag flag-warning"[^>]*>Talks/);
});
