import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { importsOf } from './support/scan-source.js';

/** The built package holds the engine and its data, never test code (issue 5, item 14). */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testCode = /\.test\.|(^|\/)(test|testing)\//;

function buildFiles(): string[] {
  const file = join(root, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  assert.equal(error, undefined);
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file).fileNames;
}

test('the build compiles no test file, and nothing it compiles imports test code', () => {
  const files = buildFiles();
  assert.ok(files.length > 50, `only ${files.length} files in the build`);
  const offenders: string[] = [];
  for (const file of files) {
    const name = relative(root, file).split(sep).join('/');
    if (testCode.test(name)) offenders.push(name);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.')
        ? relative(root, resolve(dirname(file), spec))
            .split(sep)
            .join('/')
        : spec;
      if (spec === 'node:test' || testCode.test(target)) offenders.push(`${name} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('npm pack lists no test file', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  assert.ok(
    files.some((f) => f.startsWith('src/rules/')),
    'the rules ship as data',
  );
  assert.deepEqual(
    files.filter((f) => testCode.test(f)),
    [],
  );
});
