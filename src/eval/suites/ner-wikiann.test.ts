import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collectFiles, findSuite, runSuite } from '../registry.js';
import { readWikiann } from './ner-wikiann.js';

const root = 'test/fixtures/annotate/ner-wikiann-mini';

test('readWikiann strips the language prefix only once and splits sentences at blank lines', () => {
  const sentences = readWikiann(readFileSync(`${root}/dev.tsv`, 'utf8'));
  assert.equal(sentences.length, 2);
  assert.deepEqual(sentences[0]?.tokens, ['Patricia', 'Hewitt', 'visited', 'Kenya', '.']);
  assert.deepEqual(sentences[1]?.tokens, ['Oslo', ':', 'the', 'Acme', 'Holdings']);
  assert.deepEqual(sentences[1]?.tags, ['B-LOC', 'O', 'O', 'B-ORG', 'I-ORG']);
});

test('the suite is registered, reads .tsv files and scores sentences with the full pipeline', async () => {
  const suite = findSuite('ner-wikiann');
  assert.ok(suite);
  assert.deepEqual(collectFiles(suite, root, 'dev'), [`${root}/dev.tsv`]);
  const r = await runSuite('ner-wikiann', { data: root });
  assert.equal(r.unit, 'sentences');
  assert.equal(r.items, 2);
  assert.equal(r.metrics['PER.f1'], 1);
  assert.equal(r.metrics['ORG.f1'], 1);
  // compromise, from the same run, on the same texts.
  for (const k of ['compromise.precision', 'compromise.recall', 'compromise.f1', 'compromise.PER.f1']) {
    const v = r.metrics[k];
    assert.ok(v !== undefined && v >= 0 && v <= 1, `${k} reported`);
  }
  assert.match(String(r.details?.baseline), /compromise/);
  const limited = await runSuite('ner-wikiann', { data: root, limit: 1 });
  assert.equal(limited.items, 1);
});
