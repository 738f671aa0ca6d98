import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attribution, Span } from '../../../core/doc.js';
import { chainOf, markNested, mergeAttributions } from './chain-attributions.js';

const text =
  'The deal is near, CNN reported, citing the Kremlin, which said talks went well. Separately, Reuters said prices rose.';

function at(word: string, from = 0): Span {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, word);
  return { start, end: start + word.length };
}

function attribution(source: string, cue: string, content: Span | undefined, rule = 'test'): Attribution {
  const sourceSpan = at(source);
  const c = at(cue);
  const start = Math.min(sourceSpan.start, c.start, content?.start ?? Infinity);
  const end = Math.max(sourceSpan.end, c.end, content?.end ?? 0);
  return { start, end, source, sourceSpan, cue: c, ...(content ? { content } : {}), rule };
}

test('a report inside another report is nested, and its chain runs outermost first', () => {
  const cnn = attribution('CNN', 'reported', { start: 0, end: at('talks went well').end });
  const kremlin = attribution('the Kremlin', 'said', at('talks went well'));
  const reuters = attribution('Reuters', 'said prices', at('prices rose'));
  const all = [cnn, kremlin, reuters];
  markNested(all);
  // CNN's content is everything before "reported"… up to "well": the Kremlin's cue is inside it.
  assert.equal(kremlin.within, 0);
  assert.equal(cnn.within, undefined);
  assert.equal(reuters.within, undefined);
  assert.deepEqual(chainOf(all, 1), [0, 1]);
  assert.deepEqual(chainOf(all, 2), [2]);
});

test('two attributions holding each other’s cue are not nested either way', () => {
  const a = attribution('CNN', 'reported', { start: at('reported').start, end: text.length });
  const b = attribution('the Kremlin', 'said', { start: 0, end: at('said').end });
  const all = [a, b];
  markNested(all);
  assert.equal(a.within, undefined);
  assert.equal(b.within, undefined);
});

test('merge keeps the tagger’s attributions and adds rule ones only where no tagger cue overlaps', () => {
  const learned = [attribution('CNN', 'reported', undefined, 'learned')];
  const sameCue = attribution('CNN', 'reported', undefined, 'rule-same');
  const other = attribution('Reuters', 'said prices', undefined, 'rule-other');
  const merged = mergeAttributions(learned, [sameCue, other]);
  assert.deepEqual(
    merged.map((a) => a.rule),
    ['learned', 'rule-other'],
  );
});

test('merge fills a role the tagger left out from the rule that found the same cue, and names both', () => {
  const learned = attribution('CNN', 'reported', undefined, 'learned');
  delete learned.sourceSpan;
  learned.source = '';
  const rule = attribution('CNN', 'reported', at('The deal is near'), 'rule');
  const [merged] = mergeAttributions([learned], [rule]);
  assert.equal(merged?.rule, 'learned+rule');
  assert.deepEqual(merged?.sourceSpan, at('CNN'));
  assert.deepEqual(merged?.content, at('The deal is near'));
  assert.equal(merged?.start, 0);
});
