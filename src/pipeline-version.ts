import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ANALYSIS_FORMAT } from './core/analysis.js';

/**
 * Which pipeline produced an analysis: the rule sets (`src/rules`), the knowledge bases (`src/kb`
 * data files) and the trained models with their manifests (`models/`, the Phoenix dictionaries
 * included), each as a content hash, plus the package version and the analysis format. The store
 * keeps the version beside every document it analysed, so `tidings recode --stale` finds the
 * documents an upgrade of any of these would code differently.
 *
 * Code outside the rule and model data is covered by the package version only: a change to a
 * stage's TypeScript that moves output without a release is not seen here (we'll see whether
 * that is a gap in practice; `recode --all` covers it).
 */

export interface PipelineVersion {
  /** `p1-` and the first 16 hex digits of the hash of the parts below. */
  version: string;
  parts: {
    package: string;
    format: string;
    rules: string;
    kb: string;
    /** Every model and knowledge base under models/: its manifest's `version` and a hash of its files. */
    models: Record<string, { version: string; hash: string }>;
  };
}

// src/ and dist/ sit at the same depth under the package root, and the package ships src/rules,
// src/kb and models (package.json `files`), so the same paths serve the sources and an install.
const root = resolve(import.meta.dirname, '..');

/**
 * Files under `dir` (recursively) that hold rules or data, in a fixed order; tests and READMEs left out.
 * A folder that is not there holds nothing (a build laid out without src/ beside it still runs; its
 * version then says so by hashing fewer files).
 */
function dataFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.test\.[a-z]+$/.test(entry.name) && entry.name !== 'README.md') out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

function hashFiles(files: readonly string[], base: string): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(base, file).split('\\').join('/'));
    hash.update('\u0000');
    hash.update(readFileSync(file));
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Computes the version of the pipeline as installed (reads a few MB once). */
export function computePipelineVersion(dir: string = root): PipelineVersion {
  // The sources' folders, or, in a build shipped without src/, the compiled ones beside this module.
  const beside = (name: string) => {
    const source = join(dir, 'src', name);
    return existsSync(source) || dir !== root ? source : join(import.meta.dirname, name);
  };
  const rulesDir = beside('rules');
  const kbDir = beside('kb');
  const modelsDir = join(dir, 'models');
  const rules = hashFiles(
    dataFiles(rulesDir).filter((f) => /\.(json|ts|js|tsv|txt)$/.test(f)),
    rulesDir,
  );
  // The knowledge bases' data; the loaders beside them are code.
  const kb = hashFiles(
    dataFiles(kbDir).filter((f) => f.endsWith('.json')),
    kbDir,
  );
  const models: PipelineVersion['parts']['models'] = {};
  const modelFiles = dataFiles(modelsDir);
  const covered = new Set<string>();
  for (const manifest of modelFiles.filter((f) => relative(modelsDir, f).match(/^[^/\\]+\.json$/))) {
    const name = relative(modelsDir, manifest).replace(/\.json$/, '');
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown; model?: unknown };
    const own = modelFiles.filter((f) => {
      const rel = relative(modelsDir, f).split('\\').join('/');
      return rel === `${name}.json` || rel.startsWith(`${name}.`) || rel.startsWith(`${name}/`);
    });
    models[name] = {
      version: typeof parsed.version === 'string' ? parsed.version : name,
      hash: hashFiles(own, modelsDir),
    };
    for (const f of own) covered.add(f);
  }
  // A model without a manifest (the word clusters) is versioned by its file name.
  for (const file of modelFiles.filter((f) => !covered.has(f))) {
    const name = relative(modelsDir, file).split('\\').join('/').replace(/\..*$/, '');
    models[name] = { version: name, hash: hashFiles([file], modelsDir) };
  }
  const pkgFile = join(dir, 'package.json');
  const pkg = (existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : {}) as { version?: string };
  const parts = { package: pkg.version ?? '0.0.0', format: ANALYSIS_FORMAT, rules, kb, models };
  const version = `p1-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16)}`;
  return { version, parts };
}

let current: PipelineVersion | undefined;

/** The version of this install's pipeline, computed once per thread. */
export function pipelineVersion(): PipelineVersion {
  current ??= computePipelineVersion();
  return current;
}
