// The `tidings` command run from source, for tests that need a real process (exit codes, blocking).
import { main } from '../../src/cli/main.js';

main(['node', 'tidings', ...process.argv.slice(2)]).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
