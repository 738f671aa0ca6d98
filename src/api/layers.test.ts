import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importsOf } from '../../test/support/scan-source.js';

/**
 * api → services → store (issue 12, item 2): routes and pages validate, pick status codes and render;
 * what they read and write goes through src/services, which alone hold a repository's calls. So no
 * file of src/api or src/web imports anything from src/store, not even a type (services re-export
 * the types routes show).
 */

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const storeRoot = join(src, 'store');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** The imports of `file` that reach into src/store. */
export function storeImports(file: string, code: string): string[] {
  return importsOf(code).filter((spec) => {
    if (!spec.startsWith('.')) return false;
    const target = resolve(dirname(file), spec);
    return target === storeRoot || target.startsWith(storeRoot + sep);
  });
}

test('the scan flags imports into src/store, type-only and dynamic ones too', () => {
  const file = join(src, 'web', 'workspace', 'x.ts');
  const code = [
    "import type { Repository } from '../../store/repository.js';",
    "import { openStore } from '../../store/index.js';",
    "const m = await import('../../store/sqlite/sqlite-store.js');",
    "import { listDocuments } from '../../services/query.js';",
    "import { html } from '../html.js';",
    "import Fastify from 'fastify';",
  ].join('\n');
  assert.deepEqual(storeImports(file, code), [
    '../../store/repository.js',
    '../../store/index.js',
    '../../store/sqlite/sqlite-store.js',
  ]);
});

test('src/api and src/web import nothing from src/store: routes call services', () => {
  const files = [...sourceFiles(join(src, 'api')), ...sourceFiles(join(src, 'web'))];
  assert.ok(files.length >= 12, `only ${files.length} files found in src/api and src/web`);
  const offenders: string[] = [];
  for (const file of files) {
    for (const spec of storeImports(file, readFileSync(file, 'utf8'))) {
      offenders.push(`${relative(src, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
