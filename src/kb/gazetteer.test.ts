import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePlace } from './gazetteer.js';

test('a transliterated place name resolves when English writes it without ayn and hamza marks', () => {
  // GeoNames spells it "Ta‘izz"; news writes "Taizz".
  const hit = resolvePlace('Taizz');
  assert.equal(hit?.place.country, 'YEM');
  // The spelling with the mark still resolves, and a plain ASCII name is unchanged.
  assert.equal(resolvePlace('Ta‘izz')?.place.country, 'YEM');
  assert.equal(resolvePlace('Kirkuk')?.place.country, 'IRQ');
});
