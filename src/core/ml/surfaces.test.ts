import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeSentences } from '../tokens.js';
import { surfaceId } from './surfaces.js';

test('a surface keeps its number across layers; another surface, kind or capital does not share it', () => {
  const text = 'Rain fell, rain fell again. Rain 12 fell.';
  const a = tokenizeSentences(text, [{ start: 0, end: text.length }]);
  const b = tokenizeSentences(`Then ${text}`, [{ start: 0, end: text.length + 5 }]);
  const ids = (layer: typeof a) => Array.from({ length: layer.count }, (_, i) => surfaceId(layer, i));
  const x = ids(a);
  const surface = (i: number) => a.surface(i);
  const fell = [...x.keys()].filter((i) => surface(i) === 'fell');
  assert.equal(fell.length, 3);
  assert.ok(fell.every((i) => x[i] === x[fell[0] as number] && (x[i] as number) >= 0));
  // "Rain" and "rain" are different surfaces.
  const rain = x[0] as number;
  const lower = x[[...x.keys()].find((i) => surface(i) === 'rain') as number] as number;
  assert.notEqual(rain, lower);
  // The same surfaces in another layer read the same numbers.
  const y = ids(b);
  assert.deepEqual(y.slice(1), x);
  assert.notEqual(y[0], rain);
});
