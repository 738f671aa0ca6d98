import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HighlightSpan, renderHighlighted } from './highlight.js';

/** Undoes renderHighlighted's markup: drops tags, decodes the five entities escapeHtml writes. */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '',
    );
}

/** Checks open/close spans balance like a stack (well-formed nesting). */
function assertWellFormed(html: string): void {
  let depth = 0;
  for (const tag of html.match(/<\/?span[^>]*>/g) ?? []) {
    depth += tag.startsWith('</') ? -1 : 1;
    assert.ok(depth >= 0, `closing tag without an open one in ${html}`);
  }
  assert.equal(depth, 0, `unclosed spans in ${html}`);
}

const span = (
  start: number,
  end: number,
  className: string,
  extra: Partial<HighlightSpan> = {},
): HighlightSpan => ({
  start,
  end,
  className,
  ...extra,
});

test('no spans: escaped text only', () => {
  assert.equal(renderHighlighted('a < b & c', []), 'a &lt; b &amp; c');
});

test('nested spans nest; the longer one is outside', () => {
  const text = 'Russian President Vladimir Putin';
  const out = renderHighlighted(text, [span(18, 32, 'person'), span(0, 32, 'actor'), span(0, 7, 'country')]);
  assert.equal(
    out,
    '<span class="actor"><span class="country">Russian</span> President <span class="person">Vladimir Putin</span></span>',
  );
});

test('crossing spans are split into fragments and stay well-formed; ids appear once', () => {
  const text = 'abcdefgh';
  const out = renderHighlighted(text, [span(1, 5, 'x', { id: 'x1' }), span(3, 7, 'y', { id: 'y1' })]);
  assert.equal(
    out,
    'a<span class="x" id="x1">bc<span class="y" id="y1">de</span></span><span class="y">fg</span>h',
  );
  assertWellFormed(out);
  assert.equal(plain(out), text);
});

test('same range: priority decides the outer element', () => {
  const out = renderHighlighted('Moscow', [
    span(0, 6, 'inner', { priority: 2 }),
    span(0, 6, 'outer', { priority: 1 }),
  ]);
  assert.equal(out, '<span class="outer"><span class="inner">Moscow</span></span>');
});

test('astral characters are never split, even by a bad offset', () => {
  const text = 'go 🚄 now';
  // 🚄 is two code units at [3, 5); a span ending at 4 would cut it in half.
  const out = renderHighlighted(text, [span(3, 4, 'train'), span(0, 2, 'go')]);
  assert.equal(out, '<span class="go">go</span> <span class="train">🚄</span> now');
  assert.equal(plain(out), text);
});

test('invalid spans are ignored; titles and classes are escaped', () => {
  const text = 'Tom & "Jerry"';
  const out = renderHighlighted(text, [
    span(5, 2, 'backwards'),
    span(0, 0, 'empty'),
    span(-5, 3, 'clamped', { title: 'a "quoted" <title>' }),
    span(Number.NaN, 3, 'nan'),
    span(6, 99, 'q"x'),
  ]);
  assert.equal(
    out,
    '<span class="clamped" title="a &quot;quoted&quot; &lt;title&gt;">Tom</span> &amp; <span class="q&quot;x">&quot;Jerry&quot;</span>',
  );
});

test('many random overlapping spans: always well-formed and lossless', () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const text = 'Putin <met> Xi & 🚀 in “Beijing” on Thursday, 16 May 2024 — said CNN. ';
  for (let round = 0; round < 200; round++) {
    const spans: HighlightSpan[] = [];
    for (let i = 0; i < 1 + rand(8); i++) {
      const a = rand(text.length + 1);
      const b = rand(text.length + 1);
      spans.push(span(Math.min(a, b), Math.max(a, b), `c${i}`, { id: `s${round}-${i}` }));
    }
    const out = renderHighlighted(text, spans);
    assertWellFormed(out);
    assert.equal(plain(out), text);
    for (const s of spans) {
      assert.ok((out.match(new RegExp(`id="${s.id}"`, 'g')) ?? []).length <= 1, 'ids are unique');
    }
  }
});

test('blocks: cut after each blank line where no highlight is open, lossless and well-formed', () => {
  const text = 'Title\n\nRussia spoke.\nStill here.\n\n\nChina answered\n\nacross a break.\n';
  const spans: HighlightSpan[] = [
    { start: 7, end: 13, className: 'ent' },
    // Open across the blank line between "answered" and "across": no cut may happen inside it.
    { start: 35, end: 65, className: 'quote' },
  ];
  const html = renderHighlighted(text, spans, { blockClass: 'blk' });
  assert.equal(plain(html), text);
  assertWellFormed(html);
  const blocks = html.match(/<div class="blk">[\s\S]*?<\/div>/g) ?? [];
  assert.equal(html, blocks.join(''), 'the output is blocks and nothing else');
  assert.deepEqual(
    blocks.map((b) => plain(b)),
    ['Title\n\n', 'Russia spoke.\nStill here.\n\n\n', 'China answered\n\nacross a break.\n'],
  );
  // A single line break never cuts; without the option there are no blocks.
  assert.ok(!renderHighlighted(text, spans).includes('<div'));
});
