import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, html, raw } from './html.js';

test('escapeHtml escapes the five special characters and nothing else', () => {
  assert.equal(
    escapeHtml(`<a href="x">Tom & Jerry's</a>`),
    '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
  );
  assert.equal(escapeHtml('plain 🚄 “text”'), 'plain 🚄 “text”');
  assert.equal(
    escapeHtml('&amp;'),
    '&amp;amp;',
    'already-escaped text is escaped again (no double decoding)',
  );
});

test('html escapes interpolations, keeps nested html, skips empty values', () => {
  const title = '<script>alert(1)</script>';
  const inner = html`<b>${'a&b'}</b>`;
  const out = html`<p title="${title}">${inner}${null}${undefined}${false}${[html`<i>1</i>`, '<2>']}${3}</p>`;
  assert.equal(
    out.toString(),
    '<p title="&lt;script&gt;alert(1)&lt;/script&gt;"><b>a&amp;b</b><i>1</i>&lt;2&gt;3</p>',
  );
  assert.equal(html`${raw('<hr>')}`.toString(), '<hr>');
});
