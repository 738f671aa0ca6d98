import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetOf } from './document-row.js';

/** The definition: the whole body, whitespace folded and trimmed, cut at a word before 160 characters. */
function snippetByDefinition(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= 160) return flat;
  const cut = flat.lastIndexOf(' ', 160);
  return `${flat.slice(0, cut > 80 ? cut : 160)}…`;
}

test('snippetOf folds only the start of the body, with the same result as folding all of it', () => {
  const pieces = [
    'word',
    'a',
    'longerword',
    ' ',
    '\n\n',
    '\t',
    '   ',
    '\u00a0',
    '\u2003 ',
    'x'.repeat(90),
    ' '.repeat(700),
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let long = 0;
  for (let n = 0; n < 3000; n++) {
    let body = '';
    const parts = Math.floor(random() * 200);
    for (let i = 0; i < parts; i++) body += pieces[Math.floor(random() * pieces.length)];
    if (body.length > 600) long++;
    assert.equal(snippetOf(body), snippetByDefinition(body), JSON.stringify(body));
  }
  assert.ok(long > 500, `enough bodies longer than the first slice (${long})`);
  assert.equal(snippetOf(`${' '.repeat(5000)}Kenya met Ethiopia.`), 'Kenya met Ethiopia.');
});
