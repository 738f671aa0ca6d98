// Scaling checks for the linear-time promise: how much longer a function takes on twice the input.
// Timings on a shared machine are noisy, so the two sizes are timed in alternation, each as the best
// of several runs after a warm-up, and the comparison is tried again when it misses: a linear
// function passes an attempt easily, a quadratic one (4x per doubling) fails them all.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each timed run, so garbage left by earlier runs (and tests) is not
// charged to the next one. The flag is set at run time, so the test runner needs no option.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The most a doubling of the input may multiply the time by. */
export const DOUBLING_LIMIT = 2.2;

function timeOnce(run: () => unknown): number {
  collectGarbage();
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0);
}

/**
 * The time of `run(make(2 * size))` over that of `run(make(size))`: the smallest ratio over up to
 * `attempts` attempts, stopping at the first within `DOUBLING_LIMIT`. Inputs are built outside the
 * timed part.
 */
export function doublingRatio<T>(
  make: (size: number) => T,
  run: (input: T) => unknown,
  size: number,
  { repeats = 5, attempts = 8 }: { repeats?: number; attempts?: number } = {},
): number {
  const small = make(size);
  const large = make(2 * size);
  timeOnce(() => run(small));
  timeOnce(() => run(large));
  let ratio = Number.POSITIVE_INFINITY;
  for (let a = 0; a < attempts; a++) {
    let bestSmall = Number.POSITIVE_INFINITY;
    let bestLarge = Number.POSITIVE_INFINITY;
    for (let r = 0; r < repeats; r++) {
      bestSmall = Math.min(
        bestSmall,
        timeOnce(() => run(small)),
      );
      bestLarge = Math.min(
        bestLarge,
        timeOnce(() => run(large)),
      );
    }
    const attempt = bestLarge / bestSmall;
    ratio = Math.min(ratio, attempt);
    if (ratio <= DOUBLING_LIMIT) break;
  }
  return ratio;
}

/** Fails when doubling the input multiplies the time by more than `DOUBLING_LIMIT`. */
export function assertLinear<T>(
  what: string,
  make: (size: number) => T,
  run: (input: T) => unknown,
  size: number,
): void {
  const ratio = doublingRatio(make, run, size);
  assert.ok(ratio <= DOUBLING_LIMIT, `${what}: doubling the input took ${ratio.toFixed(2)}x the time`);
}
