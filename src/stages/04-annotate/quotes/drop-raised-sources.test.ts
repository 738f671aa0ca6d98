import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenSet, tokenizeSentences } from '../../../core/tokens.js';
import { dropRaisedSources } from './drop-raised-sources.js';
import type { Role, RoleSpan } from './tag-attributions.js';

const verbs = new TokenSet(['said', 'reported']);

function spansOf(text: string, roles: [Role, string][]) {
  const tokens = tokenizeSentences(text, [{ start: 0, end: text.length }]);
  const index = (w: string) => {
    for (let i = 0; i < tokens.count; i++) if (tokens.surface(i) === w) return i;
    throw new Error(w);
  };
  const spans: RoleSpan[] = roles.map(([role, words]) => {
    const ws = words.split(' ');
    const from = index(ws[0] as string);
    const to = index(ws[ws.length - 1] as string) + 1;
    return { role, from, to, start: tokens.start(from), end: tokens.end(to - 1), sentence: 0 };
  });
  return { tokens, spans };
}

test('a source right before "said to be" is dropped; the cue and content stay', () => {
  const { tokens, spans } = spansOf('He met the officials said to be close to the president.', [
    ['source', 'the officials'],
    ['cue', 'said'],
    ['content', 'to be close to the president'],
  ]);
  assert.deepEqual(
    dropRaisedSources(tokens, spans, verbs).map((s) => s.role),
    ['cue', 'content'],
  );
});

test('"said to reporters" and "said that" keep their source, as does a source apart from the cue', () => {
  for (const [text, roles] of [
    [
      'Officials said to reporters that talks failed.',
      [
        ['source', 'Officials'],
        ['cue', 'said to reporters'],
      ],
    ],
    [
      'Officials said that talks failed.',
      [
        ['source', 'Officials'],
        ['cue', 'said'],
      ],
    ],
    [
      'Officials, he said, have to be told.',
      [
        ['source', 'he'],
        ['cue', 'said'],
      ],
    ],
  ] as [string, [Role, string][]][]) {
    const { tokens, spans } = spansOf(text, roles);
    assert.equal(dropRaisedSources(tokens, spans, verbs), spans, text);
  }
  const { tokens, spans } = spansOf('The men, it was reported to have said, left.', [
    ['source', 'it'],
    ['cue', 'was reported'],
  ]);
  // A cue with its auxiliary ("was reported to have"): the passive report loses the source too.
  assert.deepEqual(
    dropRaisedSources(tokens, spans, verbs).map((s) => s.role),
    ['cue'],
  );
});
