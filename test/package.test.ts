import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

test('the built package analyses the seed with every stage: the data it reads at run time ships with it', () => {
  // The real build (tsc -p tsconfig.build.json) into a folder laid out as the package is: dist/
  // beside models/ and node_modules. A stage that reads a data file the build does not carry (a
  // JSON loaded by path rather than imported) fails here, where the sources under tsx would pass.
  const pkg = join(root, '.tidings-tmp', `package-${process.pid}`);
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        join(pkg, 'dist'),
      ],
      { cwd: root, stdio: 'ignore' },
    );
    symlinkSync(join(root, 'models'), join(pkg, 'models'));
    const seed = join(root, '..', 'shared', 'data', 'seed', 'cautious-stimulus.txt');
    const text = existsSync(seed)
      ? readFileSync(seed, 'utf8')
      : 'Vladimir Putin arrived in Beijing on Thursday, the Kremlin said.';
    const script = `import { analyze } from ${JSON.stringify(pathToFileURL(join(pkg, 'dist', 'index.js')).href)};
const a = analyze(process.argv[1], { published: '2024-05-16' });
console.log(JSON.stringify({ failed: a.diagnostics.filter((d) => d.ruleId.startsWith('runner:')), entities: a.entities.length }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script, text], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as { failed: unknown[]; entities: number };
    assert.deepEqual(out.failed, []);
    assert.ok(out.entities > 0, 'no entities from the built package');
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});
