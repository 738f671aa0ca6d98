// Chromium for the browser tests: where it is, how it is launched, and what a test file does without
// it (skipped loudly on a developer machine; under CI it must be there, so the test fails instead).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-first-run',
];
export const haveChromium = existsSync(CHROMIUM);

/** Whether `file`'s browser tests are skipped here (no Chromium, not CI); says so once. */
export function skipWithoutChromium(file: string): boolean {
  const skip = !haveChromium && !process.env.CI;
  if (skip) {
    console.warn(
      `\n!!! ${file} SKIPPED: no Chromium at ${CHROMIUM}. ` +
        'Install it (apt-get install chromium) or set TIDINGS_CHROMIUM. !!!\n',
    );
  }
  return skip;
}

/** axe-core's script, to evaluate in a page before running its checks. */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
