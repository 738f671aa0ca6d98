import { assertUsableToken, generateToken } from '../api/guard-requests.js';
import { buildServer } from '../api/server.js';
import type { DocumentIngester } from '../services/ingest-one.js';
import { createIngestPool } from '../services/ingest-pool.js';
import { displayStoreUrl, openStore } from '../store/index.js';
import type { Io } from './ingest-command.js';

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** The write token; else TIDINGS_TOKEN; else a fresh one is generated and printed. */
  token?: string;
  /** More names accepted in the Host header (for a server bound to a LAN address). */
  allowHost?: string[];
  /** Analysis worker threads (default: the cores less one, 1–4). */
  workers?: number;
}

/** How long a POST's write waits for another writer (an ingest) before the API answers 503. */
const SERVER_WRITE_RETRY_MS = 20_000;

export async function runServe(opts: ServeOptions, io: Io, env = process.env): Promise<void> {
  const token = opts.token ?? (env.TIDINGS_TOKEN || undefined) ?? generateToken();
  try {
    assertUsableToken(token);
  } catch (error) {
    throw new Error(
      `tidings serve: ${(error as Error).message} (from ${opts.token ? '--token' : 'TIDINGS_TOKEN'})`,
    );
  }
  // Queries run in read threads and documents are analysed in worker threads: the server's own thread
  // only routes, so a slow search or a long analysis never holds up other requests.
  const store = await openStore(opts.db, { writeRetryMs: SERVER_WRITE_RETRY_MS, readWorkers: true });
  let ingester: DocumentIngester;
  try {
    ingester = await createIngestPool({
      db: opts.db,
      writeRetryMs: SERVER_WRITE_RETRY_MS,
      ...(opts.workers ? { workers: opts.workers } : {}),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = buildServer({
    store,
    ingester,
    token,
    host: opts.host,
    ...(opts.allowHost?.length ? { allowedHosts: opts.allowHost } : {}),
  });
  const close = async () => {
    await app.close();
    await ingester.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  let address: string;
  try {
    address = await app.listen({ port: opts.port, host: opts.host });
  } catch (error) {
    await ingester.close();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new Error(
        `tidings serve: cannot listen on ${opts.host}:${opts.port} (${code}); pick another port with --port N (0 picks a free one)`,
      );
    }
    throw error;
  }
  const origin = address.replace('://127.0.0.1:', '://localhost:');
  io.out(
    `Tidings is serving ${displayStoreUrl(opts.db)}\n  web UI  ${origin}/\n  API     ${origin}/api/documents\n` +
      `  token   ${token}\n` +
      `          writes (POST, DELETE) need it: -H 'Authorization: Bearer ${token}'\n` +
      `          (${opts.token ? 'from --token' : env.TIDINGS_TOKEN ? 'from TIDINGS_TOKEN' : 'generated for this run; set TIDINGS_TOKEN or --token to keep one'})\n` +
      '(Ctrl-C to stop)\n',
  );
}
