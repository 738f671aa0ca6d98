import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupAttributions } from './group-attributions.js';
import type { Role, RoleSpan } from './tag-attributions.js';

/** Role spans over a text of single-space-separated words: `[role, first word, last word, sentence]`. */
function spans(text: string, items: [Role, string, string, number][]): RoleSpan[] {
  const words: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ start: m.index, end: m.index + m[0].length });
  const find = (w: string) => {
    const k = words.findIndex((x) => text.slice(x.start, x.end) === w);
    assert.ok(k >= 0, w);
    return k;
  };
  return items.map(([role, a, b, sentence]) => {
    const from = find(a);
    const to = find(b) + 1;
    return {
      role,
      sentence,
      from,
      to,
      start: (words[from] as { start: number }).start,
      end: (words[to - 1] as { end: number }).end,
    };
  });
}

test('a cue takes the nearest source and every content of its sentence nearest to it', () => {
  const text = '“Alpha beta,” Smith said, “gamma delta.” Jones told reporters prices rose.';
  const s = spans(text, [
    ['content', '“Alpha', 'beta,”', 0],
    ['source', 'Smith', 'Smith', 0],
    ['cue', 'said,', 'said,', 0],
    ['content', '“gamma', 'delta.”', 0],
    ['source', 'Jones', 'Jones', 1],
    ['cue', 'told', 'reporters', 1],
    ['content', 'prices', 'rose.', 1],
  ]);
  const out = groupAttributions(s, text, 'quotes:test');
  assert.equal(out.length, 2);
  const [smith, jones] = out;
  assert.equal(smith?.source, 'Smith');
  assert.equal(smith?.contentPieces?.length, 2);
  assert.equal(
    text.slice(smith?.content?.start, smith?.content?.end),
    '“Alpha beta,” Smith said, “gamma delta.”',
  );
  assert.equal(jones?.source, 'Jones');
  assert.equal(text.slice(jones?.cue.start, jones?.cue.end), 'told reporters');
  assert.equal(jones?.contentPieces, undefined);
  assert.equal(jones?.rule, 'quotes:test');
});

test('content in a sentence without a cue continues the attribution before; a lone source is dropped', () => {
  const text = 'Smith said: prices rose. They will rise again. Jones laughed.';
  const s = spans(text, [
    ['source', 'Smith', 'Smith', 0],
    ['cue', 'said:', 'said:', 0],
    ['content', 'prices', 'rose.', 0],
    ['content', 'They', 'again.', 1],
    ['source', 'Jones', 'Jones', 2],
  ]);
  const out = groupAttributions(s, text, 'quotes:test');
  assert.equal(out.length, 1);
  assert.equal(out[0]?.contentPieces?.length, 2);
  assert.equal(out[0]?.end, text.indexOf('again.') + 'again.'.length);
});

test('a cue without content in its sentence takes the content that opens the next one', () => {
  const text = 'The minister said this. Prices will rise.';
  const s = spans(text, [
    ['source', 'The', 'minister', 0],
    ['cue', 'said', 'said', 0],
    ['content', 'Prices', 'rise.', 1],
  ]);
  const out = groupAttributions(s, text, 'quotes:test');
  assert.equal(text.slice(out[0]?.content?.start, out[0]?.content?.end), 'Prices will rise.');
  assert.equal(out[0]?.source, 'The minister');
});
