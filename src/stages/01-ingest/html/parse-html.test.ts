import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLinear } from '../../../../test/support/scaling.js';
import { type HtmlElement, type HtmlNode, parseHtml, stripRawText } from './parse-html.js';

/** Compact rendering of the tree: tag(children) with text in quotes. */
function render(node: HtmlNode): string {
  if (typeof node === 'string') return JSON.stringify(node);
  const inner = node.children.map(render).join(' ');
  return node.tag === '#document' ? inner : `${node.tag}(${inner})`;
}

function find(root: HtmlElement, tag: string): HtmlElement | undefined {
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as HtmlNode;
    if (typeof n === 'string') continue;
    if (n.tag === tag) return n;
    stack.push(...n.children);
  }
  return undefined;
}

test('implied end tags: a block closes an open <p>, <li> closes <li>, cells close cells', () => {
  const { root } = parseHtml('<p>one<div>two</div><ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>');
  assert.equal(
    render(root),
    'p("one") div("two") ul(li("a") li("b")) table(tr(td("x") td("y")) tr(td("z")))',
  );
});

test('entities are decoded in text and attributes; tags and attribute names are lowercased', () => {
  const { root } = parseHtml('<P CLASS="a&amp;b">Caf&eacute; &#8220;x&#8221; &lt;y&gt;</P>');
  const p = find(root, 'p') as HtmlElement;
  assert.equal(p.attrs.class, 'a&b');
  assert.deepEqual(p.children, ['Café “x” <y>']);
});

test('scripts, styles, SVG, comments and forms controls are dropped with their content; JSON-LD is kept', () => {
  const html =
    '<head><title>T &amp; U</title><script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
    '<style>p{color:red}</style></head><body><!-- <p>hidden</p> --><p>kept<script>var x = "</p>";</script></p>' +
    '<svg><title>icon</title><path d="M0"/></svg><button>Click</button><p>after</p></body>';
  const { root, head } = parseHtml(html);
  assert.equal(render(root), 'head() body(p("kept") p("after"))');
  assert.equal(head.title, 'T & U');
  assert.deepEqual(head.jsonLd, ['{"@type":"NewsArticle"}']);
});

test('stripRawText keeps everything else byte for byte and runs an unclosed script to the end', () => {
  const jsonLd: string[] = [];
  assert.equal(stripRawText('<p>a</p><script>b</script><p>c</p>', jsonLd), '<p>a</p><p>c</p>');
  assert.equal(stripRawText('<p>a</p><scripts>b</scripts>', jsonLd), '<p>a</p><scripts>b</scripts>');
  assert.equal(stripRawText('<p>a</p><script>never closed <p>b</p>', jsonLd), '<p>a</p>');
  assert.deepEqual(jsonLd, []);
});

test('meta, link and html lang are collected wherever they are', () => {
  const { head } = parseHtml(
    '<html lang="en-GB"><meta property="og:title" content="OG"><link rel="canonical" href="https://x.org/a">' +
      '<body><meta name="author" content="Ann Lee"></body></html>',
  );
  assert.equal(head.lang, 'en-GB');
  assert.deepEqual(head.meta, [
    { key: 'og:title', content: 'OG' },
    { key: 'author', content: 'Ann Lee' },
  ]);
  assert.deepEqual(head.links, [{ rel: 'canonical', href: 'https://x.org/a' }]);
});

test('element indices are in document order and children point at their parent', () => {
  const { root, elements } = parseHtml('<div><p>a</p><p>b<b>c</b></p></div><span>d</span>');
  const seen: number[] = [];
  const stack: HtmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.shift() as HtmlElement;
    seen.push(el.index);
    for (const c of el.children) {
      if (typeof c !== 'string') {
        assert.equal(c.parent, el);
        stack.push(c);
      }
    }
  }
  assert.equal(elements, 5);
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5],
  );
});

test('hostile nesting is flattened past the depth limit, and stray end tags cost nothing', () => {
  const deep = `${'<div>'.repeat(100_000)}text${'</span>'.repeat(100_000)}${'</div>'.repeat(100_000)}`;
  const parsed = parseHtml(deep, { maxDepth: 64 });
  assert.ok(parsed.flattened > 99_000);
  assert.ok(parsed.elements <= 65);
  assert.equal(find(parsed.root, 'div') !== undefined, true);
});

test('parsing time grows linearly with nesting depth and with stray end tags', () => {
  const page = (n: number) => `${'<div><p><span>'.repeat(n)}x${'</b></i>'.repeat(n)}`;
  assertLinear('parsing deep, badly closed markup', page, (html) => parseHtml(html), 20_000);
});
