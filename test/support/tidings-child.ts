import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The `tidings` command from source in a child process, watched while it runs (for tests where
// two processes meet on one store).
const entry = fileURLToPath(new URL('../cli/tidings-process.ts', import.meta.url));

export interface TidingsChild {
  child: ChildProcess;
  out: string;
  err: string;
  /** The exit code (null when killed). */
  done: Promise<number | null>;
}

/** Starts `tidings ...args`; killed after `limitMs` so a blocked process cannot hang the suite. */
export function startTidings(args: string[], limitMs = 120_000): TidingsChild {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, TIDINGS_DEBUG: '' },
  });
  const run: TidingsChild = { child, out: '', err: '', done: Promise.resolve(null) };
  child.stdout?.on('data', (chunk) => {
    run.out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    run.err += chunk;
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), limitMs);
  run.done = new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve(code);
    }),
  );
  return run;
}

/** Resolves once `pattern` shows on the child's stderr, or once it ends (the caller's asserts say why). */
export function stderrShows(run: TidingsChild, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (pattern.test(run.err)) resolve();
    };
    run.child.stderr?.on('data', check);
    run.done.then(() => resolve());
    check();
  });
}

/** What `tidings ingest` prints on stderr while another process holds the store's write lock. */
export const INGEST_WAITING = /being written by another process; waiting/;
