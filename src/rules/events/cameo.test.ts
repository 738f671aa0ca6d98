import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameoCode, cameoCodes } from './cameo.js';

/** GDELT's grouping of the CAMEO roots into quad classes, written out independently of the table. */
function quadOfRoot(root: number): number {
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

test('the CAMEO table: every code has its root’s quad class and a Goldstein score that fits it', () => {
  assert.ok(cameoCodes.size >= 100, `only ${cameoCodes.size} codes`);
  for (const c of cameoCodes.values()) {
    assert.equal(c.root, c.code.slice(0, 2));
    assert.equal(c.quad, quadOfRoot(Number(c.root)), `${c.code}: quad ${c.quad}`);
    if (Number(c.root) <= 2) {
      // Statements and appeals (01–02) sit near neutral on both sides ("deny responsibility" −2,
      // "appeal to others to meet" +4).
      assert.ok(Math.abs(c.goldstein) <= 4, `${c.code}: Goldstein ${c.goldstein} for a statement or appeal`);
      continue;
    }
    // Cooperation scores positive, conflict negative; investigating (09) is mildly negative.
    assert.equal(c.goldstein > 0, c.quad <= 2, `${c.code}: Goldstein ${c.goldstein} in quad ${c.quad}`);
    assert.ok(c.name.length > 2, c.code);
  }
});

test('Goldstein scores as the scale gives them', () => {
  const score = (code: string) => cameoCode(code).goldstein;
  assert.equal(score('042'), 1.9);
  assert.equal(score('057'), 8.0);
  assert.equal(score('0874'), 10.0);
  assert.equal(score('173'), -5.0);
  assert.equal(score('1823'), -10.0);
  assert.equal(score('010'), 0.0);
  assert.equal(score('016'), -2.0);
  assert.equal(score('026'), 4.0);
  assert.equal(cameoCode('190').name, 'Use conventional military force, not specified below');
  assert.throws(() => cameoCode('999'), /not in src\/rules\/events\/cameo.json/);
});
