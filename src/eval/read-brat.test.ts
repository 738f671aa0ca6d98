import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBrat } from './read-brat.js';

const text = 'Ann said it rains, and it does.';

test('readBrat reads text-bound spans, discontinuous fragments and events', () => {
  const doc = readBrat(
    [
      'T1\tSource 0 3\tAnn',
      'T2\tCue 4 8\tsaid',
      'T3\tContent 9 17;19 22\tit rains and',
      'E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3',
      '#1\tAnnotatorNotes T1\tskipped',
      '',
    ].join('\n'),
    text,
  );
  assert.equal(doc.spans.length, 3);
  assert.deepEqual(doc.spans[2]?.fragments, [
    { start: 9, end: 17 },
    { start: 19, end: 22 },
  ]);
  assert.equal(doc.spans[0]?.label, 'Source');
  assert.deepEqual(doc.events[0]?.args, { Attribution: 'T2', Source: 'T1', Cue: 'T2', Content: 'T3' });
  assert.deepEqual(doc.problems, []);
});

test('readBrat reports unreadable spans and spans past the text instead of throwing', () => {
  const doc = readBrat(
    'T1\tSource 5 x\tbad\nT2\tCue 4 99\ttoo far\nT3\tCue\nT4\tCue 8 4\tbackwards\r\n',
    text,
  );
  assert.equal(doc.spans.length, 0);
  assert.equal(doc.problems.length, 4);
  assert.match(doc.problems[0] ?? '', /^line 1:/);
});
