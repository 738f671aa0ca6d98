import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropUnconfirmedCues } from './drop-unconfirmed-cues.js';
import type { Role, RoleSpan } from './tag-attributions.js';

/** A role span over tokens `[from, to)` of sentence `sentence` (offsets ten characters a token). */
function span(role: Role, from: number, to: number, sentence = 0): RoleSpan {
  return { role, from, to, start: from * 10, end: to * 10 - 1, sentence };
}

test('a second-pass cue over no first-pass cue is dropped; its source and content stay', () => {
  const second = [span('source', 0, 2), span('cue', 2, 3), span('content', 3, 8)];
  const first = [span('source', 0, 2), span('content', 3, 8)];
  assert.deepEqual(
    dropUnconfirmedCues(second, first).map((s) => s.role),
    ['source', 'content'],
  );
});

test('a cue the first pass found, with the same or other bounds, stays', () => {
  const second = [span('source', 0, 2), span('cue', 2, 4), span('content', 4, 8), span('cue', 10, 11, 1)];
  const first = [span('cue', 3, 5), span('cue', 10, 11, 1)];
  assert.deepEqual(dropUnconfirmedCues(second, first), second);
});

test("a cue next to the first pass's cue but not overlapping it is dropped", () => {
  const second = [span('cue', 2, 3), span('cue', 6, 7)];
  const first = [span('cue', 3, 4), span('cue', 6, 7)];
  assert.deepEqual(
    dropUnconfirmedCues(second, first).map((s) => s.from),
    [6],
  );
});

test('with no first pass to compare (a one-pass tagger) nothing is dropped', () => {
  const second = [span('cue', 2, 3), span('content', 3, 6)];
  assert.deepEqual(dropUnconfirmedCues(second, null), second);
});
