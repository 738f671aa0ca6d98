import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenSet, tokenizeRange } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';
import { BoundsModel } from './content-bounds.js';
import {
  CUE_BOUND_FEATURE_VERSION,
  CUE_BOUNDS_MODEL,
  cueBoundContext,
  cueBoundsModel,
  cueEndFeatures,
  cueRolesOf,
  cueStartFeatures,
  refineCues,
} from './cue-bounds.js';
import type { Role, RoleSpan } from './tag-attributions.js';

const text = 'Smith has said in a statement on Tuesday that prices would rise sharply next year.';
const tokens = tokenizeRange(text);
const features = new AttributionFeatures(tokens, {}, new TokenSet(['said']), undefined, null);
const at = (w: string) => {
  for (let i = 0; i < tokens.count; i++) if (tokens.surface(i) === w) return i;
  throw new Error(w);
};

function span(role: Role, first: string, last: string): RoleSpan {
  const from = at(first);
  const to = at(last) + 1;
  return { role, sentence: 0, from, to, start: tokens.start(from), end: tokens.end(to - 1) };
}

/** A model that prefers exactly the start `p` and the end `q` of the cue (their features weighted 1). */
function preferring(p: number, q: number, spans: RoleSpan[]): BoundsModel {
  const c = cueBoundContext(features, cueRolesOf(tokens, spans));
  const cue = spans.find((s) => s.role === 'cue') as RoleSpan;
  const self = { from: cue.from, to: cue.to };
  const keys: number[] = [];
  cueStartFeatures(c, 0, 0, tokens.count, p, cue.to, self, keys);
  const weights = new Map<number, number>();
  for (const k of keys) weights.set(k, 1);
  const startKeys = new Set(keys);
  keys.length = 0;
  cueEndFeatures(c, 0, 0, tokens.count, q, p, self, keys);
  for (const k of keys) if (!startKeys.has(k)) weights.set(k, 1);
  return new BoundsModel(weights, 'test');
}

const textOf = (s: RoleSpan) => text.slice(s.start, s.end);

test('the pass moves a cue to the best start and end near the tagger’s', () => {
  const spans = [
    span('source', 'Smith', 'Smith'),
    span('cue', 'said', 'said'),
    span('content', 'prices', 'year'),
  ];
  refineCues(features, spans, preferring(at('has'), at('statement') + 1, spans));
  const cue = spans[1] as RoleSpan;
  assert.equal(textOf(cue), 'has said in a statement');
  assert.equal(cue.from, at('has'));
  assert.equal(cue.to, at('statement') + 1);
  assert.equal(textOf(spans[0] as RoleSpan), 'Smith');
  assert.equal(textOf(spans[2] as RoleSpan), 'prices would rise sharply next year');
});

test('the pass shrinks a cue the tagger ran on', () => {
  const spans = [
    span('source', 'Smith', 'Smith'),
    span('cue', 'has', 'Tuesday'),
    span('content', 'prices', 'year'),
  ];
  refineCues(features, spans, preferring(at('has'), at('said') + 1, spans));
  assert.equal(textOf(spans[1] as RoleSpan), 'has said');
});

test('a cue never grows over a token the tagger gave another role', () => {
  const spans = [span('source', 'Smith', 'has'), span('cue', 'said', 'said'), span('content', 'in', 'year')];
  // the preferred bounds would take in "has" (source) and "in a statement" (content): they are
  // out of reach, so the cue stays as the tagger found it
  refineCues(features, spans, preferring(at('has'), at('statement') + 1, spans));
  assert.equal(textOf(spans[1] as RoleSpan), 'said');
});

test('the shipped model matches the features this code computes and loads', () => {
  const model = cueBoundsModel();
  assert.equal(model.version, CUE_BOUNDS_MODEL);
  assert.equal(CUE_BOUNDS_MODEL, 'cue-bounds-2');
  assert.ok(model.weights.size > 1000);
  assert.equal(CUE_BOUND_FEATURE_VERSION, 1);
});
