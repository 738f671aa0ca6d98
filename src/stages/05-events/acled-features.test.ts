import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { acledFeatures, layerFeatures } from './acled-features.js';

const analyse = (text: string) => analyzeDoc(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));

test('ACLED features carry the coded PLOVER event, its trigger, entities and counts', () => {
  const doc = analyse('Russian troops attacked the Ukrainian city of Kharkiv on Monday, killing 12 people.');
  const f = layerFeatures(doc);
  const event = doc.events?.[0];
  assert.ok(event, 'the pipeline codes an event');
  assert.ok(f.includes(`ev:${event.type}`));
  assert.ok(f.includes(`st:${event.status}`));
  assert.ok(f.some((x) => x.startsWith('tr:')));
  assert.ok(f.includes('et:country'), f.join(' '));
  assert.ok(f.includes('qn:3'), f.join(' '));
  const all = acledFeatures(doc);
  assert.ok(all.includes('w:attacked') && all.includes('b:troops_attacked'));
});

test('a text with no event says so; an empty text gives words of nothing and no crash', () => {
  assert.ok(layerFeatures(analyse('The weather was mild and the river was calm.')).includes('ev:none'));
  assert.deepEqual(acledFeatures(analyse('')), ['ev:none']);
});
