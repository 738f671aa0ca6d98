import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { wordList } from './word-list.js';

test('a word list needs a description and unique, trimmed, lowercase words', () => {
  assert.deepEqual(wordList({ description: 'd', words: ['a', 'b'] }, 'x'), ['a', 'b']);
  assert.throws(() => wordList({ words: ['a'] }, 'x'), /x: .*description/);
  assert.throws(() => wordList({ description: ' ', words: ['a'] }, 'x'), /description/);
  assert.throws(() => wordList({ description: 'd', words: [] }, 'x'), /non-empty/);
  assert.throws(() => wordList({ description: 'd', words: ['a', 'a'] }, 'x'), /"a" is listed twice/);
  assert.throws(() => wordList({ description: 'd', words: ['Said'] }, 'x'), /lowercase/);
  assert.throws(() => wordList({ description: 'd', words: [' a'] }, 'x'), /not a word/);
  assert.throws(() => wordList({ description: 'd', words: [3] }, 'x'), /not a word/);
  assert.deepEqual(wordList({ description: 'd', words: ['“'] }, 'x', { lowercase: false }), ['“']);
});

test('every data file in src/rules and src/kb says what it holds and where it comes from', () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) files.push(p);
    }
  };
  walk(join(src, 'rules'));
  walk(join(src, 'kb'));
  assert.ok(files.length > 20, `only ${files.length} data files`);
  const missing = files.filter((f) => {
    const data = JSON.parse(readFileSync(f, 'utf8')) as { description?: unknown; source?: unknown };
    return typeof data.description !== 'string' || typeof data.source !== 'string';
  });
  assert.deepEqual(
    missing.map((f) => relative(src, f)),
    [],
  );
});
