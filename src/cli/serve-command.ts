import { buildServer } from '../api/server.js';
import { analyzeDoc } from '../pipeline.js';
import { openStore } from '../store/index.js';
import type { Io } from './ingest-command.js';

export async function runServe(opts: { db: string; port: number; host: string }, io: Io): Promise<void> {
  const store = await openStore(opts.db);
  const app = await buildServer({ store, analyze: analyzeDoc });
  const close = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  let address: string;
  try {
    address = await app.listen({ port: opts.port, host: opts.host });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new Error(
        `tidings serve: cannot listen on ${opts.host}:${opts.port} (${code}); pick another port with --port N (0 picks a free one)`,
      );
    }
    throw error;
  }
  io.out(
    `Tidings is serving ${opts.db}\n  web UI  ${address}/\n  API     ${address}/api/documents\n(Ctrl-C to stop)\n`,
  );
}
