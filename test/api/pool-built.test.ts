import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

// `npm start` runs the built JavaScript (`node bin/tidings.js serve`), where the pool's worker is a .js
// file and no TypeScript loader exists. The sources are transpiled here the way the build lays them out
// (without type checking, which `npm test` does anyway) and the pool is run from them in a plain node.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repository, so the built files find node_modules as dist/ does; the folder is git-ignored.
const out = join(root, '.tidings-tmp', `built-${process.pid}`);
after(() => rmSync(out, { recursive: true, force: true }));

/** Emits src/ as the build lays it out (JavaScript beside copied JSON), one program, no checking. */
function build(src: string, dist: string): void {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) {
        const target = join(dist, relative(src, path));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(src);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    rootDir: src,
    outDir: dist,
    noResolve: true,
    noLib: true,
    types: [],
    isolatedModules: true,
  });
  const { emitSkipped } = program.emit();
  assert.equal(emitSkipped, false);
}

test('the built pool runs its .js worker without a TypeScript loader', async () => {
  build(join(root, 'src'), join(out, 'dist'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  // The trained models sit beside dist/ at the package root, as they ship.
  symlinkSync(join(root, 'models'), join(out, 'models'), 'dir');
  const pool = pathToFileURL(join(out, 'dist', 'services', 'ingest-pool.js')).href;
  const script = `
    const { createIngestPool } = await import(${JSON.stringify(pool)});
    const ingester = await createIngestPool({ db: ${JSON.stringify(join(out, 'built.db'))}, workers: 1 });
    const text = 'Talks in Nairobi\\n\\nKenyan officials met Ethiopian envoys in Nairobi on Wednesday.\\n';
    const result = await ingester.ingest({ doc: { source: { uri: 'test:built', mediaType: 'text/plain' }, text, diagnostics: [] } });
    await ingester.close();
    console.log(JSON.stringify(result));
  `;
  const printed = await new Promise<string>((done, fail) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: out, timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout)),
    );
  });
  const result = JSON.parse(printed) as { status: string; summary: { events: number } | null };
  assert.equal(result.status, 'inserted');
  assert.ok((result.summary?.events ?? 0) >= 1, printed);
});
