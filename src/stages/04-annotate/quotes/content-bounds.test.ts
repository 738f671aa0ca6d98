import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenSet, tokenizeRange } from '../../../core/tokens.js';
import { AttributionFeatures } from './attribution-features.js';
import {
  BOUND_FEATURE_VERSION,
  BoundsModel,
  boundContext,
  CONTENT_BOUNDS_MODEL,
  contentBoundsModel,
  endFeatures,
  refineContents,
  rolesOf,
  startFeatures,
} from './content-bounds.js';
import type { Role, RoleSpan } from './tag-attributions.js';

const text = 'Smith told reporters on Tuesday that prices would rise sharply next year, he said.';
const tokens = tokenizeRange(text);
const features = new AttributionFeatures(tokens, {}, new TokenSet(['told', 'said']), undefined, null);
const at = (w: string) => {
  for (let i = 0; i < tokens.count; i++) if (tokens.surface(i) === w) return i;
  throw new Error(w);
};

function span(role: Role, first: string, last: string): RoleSpan {
  const from = at(first);
  const to = at(last) + 1;
  return { role, sentence: 0, from, to, start: tokens.start(from), end: tokens.end(to - 1) };
}

/** A model that prefers exactly the start `p` and the end `q` (the features of those candidates weighted 1). */
function preferring(p: number, q: number, spans: RoleSpan[]): BoundsModel {
  const c = boundContext(features, rolesOf(tokens, spans));
  const content = spans.find((s) => s.role === 'content') as RoleSpan;
  const keys: number[] = [];
  startFeatures(c, 0, 0, tokens.count, p, content.to, keys);
  const weights = new Map<number, number>();
  for (const k of keys) weights.set(k, 1);
  const startKeys = new Set(keys);
  keys.length = 0;
  endFeatures(c, 0, 0, tokens.count, q, p, keys);
  for (const k of keys) if (!startKeys.has(k)) weights.set(k, 1);
  return new BoundsModel(weights, 'test');
}

test('the pass moves a content to the best start and end near the tagger’s', () => {
  const spans = [
    span('source', 'Smith', 'Smith'),
    span('cue', 'told', 'told'),
    span('content', 'reporters', 'next'),
  ];
  refineContents(features, spans, preferring(at('prices'), at('year') + 1, spans));
  const c = spans[2] as RoleSpan;
  assert.equal(text.slice(c.start, c.end), 'prices would rise sharply next year');
  assert.equal(c.from, at('prices'));
  assert.equal(c.to, at('year') + 1);
  // cues and sources stay as they were
  assert.equal(text.slice((spans[1] as RoleSpan).start, (spans[1] as RoleSpan).end), 'told');
});

test('a content never grows over a cue or another content', () => {
  const spans = [
    span('source', 'Smith', 'Smith'),
    span('cue', 'told', 'told'),
    span('content', 'prices', 'year'),
  ];
  // the best start would take in "told": the tagger's bounds stay
  refineContents(features, spans, preferring(at('told'), at('year') + 1, spans));
  const c = spans[2] as RoleSpan;
  assert.equal(text.slice(c.start, c.end), 'prices would rise sharply next year');
});

test('the shipped model matches the features this code computes and loads', () => {
  const model = contentBoundsModel();
  assert.equal(model.version, CONTENT_BOUNDS_MODEL);
  assert.equal(CONTENT_BOUNDS_MODEL, 'quote-bounds-2');
  assert.ok(model.weights.size > 1000);
  assert.equal(BOUND_FEATURE_VERSION, 1);
});
