import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCi, SEED_ARTICLE, sharedData, skipWithoutData } from './shared-data.js';

const missing = sharedData('no/such/file-for-the-skip-test.txt');

test('a missing data file skips locally with a reason naming the path', (t) => {
  t.mock.method(console, 'warn', () => {});
  const reason = skipWithoutData(missing, {});
  assert.equal(typeof reason, 'string');
  assert.match(String(reason), /file-for-the-skip-test\.txt not found/);
});

test('under CI=true a missing data file fails instead of skipping', () => {
  assert.throws(() => skipWithoutData(missing, { CI: 'true' }), /under CI=true a data test must not skip/);
  assert.throws(() => skipWithoutData(missing, { CI: '1' }), /must not skip/);
});

test('CI is recognised only when set to true or 1', () => {
  assert.equal(isCi({ CI: 'true' }), true);
  assert.equal(isCi({}), false);
  assert.equal(isCi({ CI: 'false' }), false);
});

test('paths resolve into ../shared/data beside the repository', () => {
  assert.match(SEED_ARTICLE, /[/\\]shared[/\\]data[/\\]seed[/\\]cautious-stimulus\.txt$/);
});

test('an existing file does not skip, under CI or not', () => {
  const present = new URL('../../package.json', import.meta.url).pathname;
  assert.equal(skipWithoutData(present, {}), false);
  assert.equal(skipWithoutData(present, { CI: 'true' }), false);
});
