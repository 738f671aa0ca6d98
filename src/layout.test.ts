import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importsOf, wordListLiterals } from '../test/support/scan-source.js';

/**
 * The layout keeps its promises (issue 5, items 12 and 13): a stage folder imports only `core`, `kb`,
 * `rules` and its own files, so shared machinery lives in `core` and stages can be read, moved and
 * replaced one at a time.
 */

const src = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** `src/stages/02-clean`, or for the annotators `src/stages/04-annotate/quotes`. */
function stageFolderOf(file: string): string {
  const parts = relative(join(src, 'stages'), file).split(sep);
  const depth = parts[0] === '04-annotate' && parts.length > 2 ? 2 : 1;
  return join(src, 'stages', ...parts.slice(0, depth));
}

/** Imports from a stage file that reach outside core, kb, rules and the file's own stage folder. */
export function crossImports(file: string, code: string): string[] {
  const own = stageFolderOf(file);
  const allowed = [own, join(src, 'core'), join(src, 'kb'), join(src, 'rules')];
  return importsOf(code).filter((spec) => {
    if (!spec.startsWith('.')) return false; // node: built-ins and packages
    const target = resolve(dirname(file), spec);
    return !allowed.some((root) => target === root || target.startsWith(root + sep));
  });
}

// Tests may run earlier stages through the pipeline on purpose (the golden-fixture helper lives in
// test/support/, outside src/).
test('the import scan sees every import form and flags only what leaves the stage folder', () => {
  const file = join(src, 'stages', '04-annotate', 'quotes', 'x.ts');
  const code = [
    "import { a } from '../entities/phrase-matcher.js';",
    "import type { B } from '../../../core/doc.js';",
    "export { c } from '../time/index.js';",
    "import data from '../../../rules/quotes/x.json' with { type: 'json' };",
    "import './own.js';",
    "const d = await import('../../05-events/index.js');",
    "import { readFileSync } from 'node:fs';",
    "import {\n  e,\n  f,\n} from '../../../kb/countries.js';",
  ].join('\n');
  assert.deepEqual(crossImports(file, code), [
    '../entities/phrase-matcher.js',
    '../time/index.js',
    '../../05-events/index.js',
  ]);
});

test('a stage folder imports only core, kb, rules and its own files', () => {
  const offenders: string[] = [];
  const files = sourceFiles(join(src, 'stages')).filter((f) => !f.endsWith('.test.ts'));
  assert.ok(files.length > 20, `only ${files.length} stage files found`);
  for (const file of files) {
    for (const spec of crossImports(file, readFileSync(file, 'utf8'))) {
      offenders.push(`${relative(src, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the word-list scan sees arrays, sets, tuple tables and split strings, not enumerations or schema fields', () => {
  const code = [
    "const a = new Set(['in', 'at', 'on', 'of', 'to', 'by']);",
    "const b = ['x', 'y', 'x', 'y', 'z'];",
    "const c = [['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6]];",
    "const d = ('the a an he she ' + 'it they').split(' ');",
    "const e = ['actor', 'recipient', 'type', 'from', 'to', 'docId'] as const;",
    "const f = ['one', 'two', 'three', 'four', 'five'];",
    "const g = { type: 'object', required: ['id', 'uri', 'title', 'snippet', 'published', 'tone'] };",
    "const h = { words: ['id', 'uri', 'title', 'snippet', 'published', 'tone'] };",
  ].join('\n');
  assert.deepEqual(
    wordListLiterals('x.ts', code).map((w) => [w.line, w.distinct]),
    [
      [1, 6],
      [3, 6],
      [4, 7],
      [8, 6],
    ],
  );
});

test('no word list in code: lists of more than five words live in src/rules or src/kb', () => {
  const data = [join(src, 'rules'), join(src, 'kb')];
  const files = sourceFiles(src).filter(
    (f) => !f.endsWith('.test.ts') && !data.some((root) => f.startsWith(root + sep)),
  );
  assert.ok(files.length > 50, `only ${files.length} source files found`);
  const offenders: string[] = [];
  for (const file of files) {
    for (const w of wordListLiterals(file, readFileSync(file, 'utf8'))) {
      offenders.push(`${relative(src, file)}:${w.line} ${w.distinct} words (${w.start}, …)`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('no stage source file is over 600 lines: each rule family sits in a file a newcomer can read (issue 8)', () => {
  const files = sourceFiles(join(src, 'stages')).filter((f) => !f.endsWith('.test.ts'));
  assert.ok(files.length > 50, `only ${files.length} stage files found`);
  const long = files
    .map((f) => ({ file: relative(src, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .filter((x) => x.lines > 600)
    .map((x) => `${x.file}: ${x.lines} lines`);
  assert.deepEqual(long, []);
});
