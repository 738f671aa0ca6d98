// Real-world data lives beside the repository in ../shared/data and is never committed. Tests that
// read it skip on a developer machine without it, loudly; under CI=true a missing file fails the
// run instead, so a green CI always means the data tests ran.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of `../shared/data` seen from the repository root. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** Absolute path of a file or folder under `../shared/data`, e.g. `seed/cautious-stimulus.txt`. */
export function sharedData(relative: string): string {
  return fileURLToPath(new URL(relative, new URL('../../../shared/data/', import.meta.url)));
}

/** The seed article the project began from. */
export const SEED_ARTICLE = sharedData('seed/cautious-stimulus.txt');

/** True when the environment says this is a CI run (`CI=true`, as GitHub Actions and `.ci/run` set it). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * The `skip` option for a test that needs `path` from ../shared/data: `false` when it exists; a
 * reason to skip (also printed, so the skip is seen) when it is missing on a developer machine;
 * and under CI it throws, which fails the test file, because a data test that silently skips in
 * CI proves nothing.
 */
export function skipWithoutData(path: string, env: NodeJS.ProcessEnv = process.env): false | string {
  if (existsSync(path)) return false;
  const reason = `${path} not found: this test needs ../shared/data beside the repository`;
  if (isCi(env)) throw new Error(`${reason}, and under CI=true a data test must not skip`);
  console.warn(`\n!!! SKIPPED: ${reason} !!!\n`);
  return reason;
}
