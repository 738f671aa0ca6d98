import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerErrorEntry } from '../../src/api/server.js';
import type { DocumentIngester } from '../../src/services/ingest-one.js';
import { createIngestPool, type IngestPoolOptions } from '../../src/services/ingest-pool.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { WORKER_ANALYZE } from '../support/worker-analyze.js';

// The server analyses POSTed documents in worker threads (issue 5 item 3): its own thread keeps
// answering while a document is analysed, the waiting line is bounded, runaway analyses are stopped.
const dir = mkdtempSync(join(tmpdir(), 'tidings-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  app: FastifyInstance;
  pool: DocumentIngester;
  store: Repository;
  db: string;
  url: string;
  logged: ServerErrorEntry[];
  close: () => Promise<void>;
}

let servers = 0;

async function startServer(options: Partial<IngestPoolOptions> = {}): Promise<Running> {
  const db = join(dir, `server-${++servers}.db`);
  const store = await openStore(db);
  const pool = await createIngestPool({ db, workers: 1, analyzeModule: WORKER_ANALYZE, ...options });
  const logged: ServerErrorEntry[] = [];
  const app = buildServer({ store, ingester: pool, token: TEST_TOKEN, logError: (e) => logged.push(e) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    pool,
    store,
    db,
    url: address,
    logged,
    close: async () => {
      await app.close();
      await pool.close();
      await store.close();
    },
  };
}

function post(server: Running, text: string): Promise<Response> {
  return fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: auth({ 'content-type': 'application/json' }),
    body: JSON.stringify({ text }),
  });
}

/** Checks `condition` between turns of the event loop until it holds (a wait, not a time limit). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A gate for the test analyzer: its analysis starts, then waits for `open()`. */
function gate(name: string): { word: string; started: () => Promise<void>; open: () => void } {
  const path = join(dir, `gate-${name}-${servers}`);
  return {
    word: `GATE:${path}`,
    started: () => until(() => existsSync(`${path}.started`)),
    open: () => writeFileSync(path, ''),
  };
}

const article = (n: number) =>
  `Talks ${n}\n\nKenyan officials met Ethiopian envoys in Nairobi on Wednesday, round ${n}.\n`;

describe('analysis in worker threads', () => {
  test('while a multi-megabyte document is analysed, /api/health answers before the POST completes', async () => {
    const server = await startServer({ analyzeModule: undefined });
    try {
      const sentences: string[] = [];
      for (let i = 0, size = 0; size < 2_000_000; i++) {
        const s = `Russia's foreign minister met his Chinese counterpart in Beijing on Monday, round ${i}. `;
        sentences.push(s);
        size += s.length;
      }
      const order: string[] = [];
      const posting = post(server, `Talks in Beijing\n\n${sentences.join('')}`).then((res) => {
        order.push('post');
        return res;
      });
      // The analysis is under way in a worker (or, on the server's own thread, already over).
      await until(() => server.pool.stats().running === 1 || order.includes('post'));
      const health = await fetch(`${server.url}/api/health`);
      order.push('health');
      assert.equal(health.status, 200);
      const body = (await health.json()) as {
        status: string;
        analysis: { workers: number; running: number };
      };
      assert.equal(body.status, 'ok');
      assert.deepEqual(
        { workers: body.analysis.workers, running: body.analysis.running },
        { workers: 1, running: 1 },
      );

      const res = await posting;
      assert.equal(res.status, 201, await res.clone().text());
      assert.deepEqual(order, ['health', 'post']);
      assert.ok(((await res.json()) as { summary: { events: number } }).summary.events > 1000);
    } finally {
      await server.close();
    }
  });

  test('reads and pages are served while an analysis waits; the POST completes when it ends', async () => {
    const server = await startServer();
    try {
      assert.equal((await post(server, article(1))).status, 201);
      const slow = gate('slow');
      let settled = false;
      const posting = post(server, `Slow story\n\n${slow.word} Kenya met Ethiopia on Monday.\n`).then(
        (res) => {
          settled = true;
          return res;
        },
      );
      await slow.started();
      for (const path of ['/api/health', '/api/stats', '/api/documents', '/api/events', '/']) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 200, path);
      }
      assert.equal(settled, false, 'the POST is still being analysed');
      slow.open();
      const res = await posting;
      assert.equal(res.status, 201);
      assert.equal(
        ((await (await fetch(`${server.url}/api/stats`)).json()) as { documents: number }).documents,
        2,
      );
    } finally {
      await server.close();
    }
  });

  test('a full waiting line is 503 with Retry-After and the error body, logged, and nothing stored', async () => {
    const server = await startServer({ maxQueue: 1 });
    try {
      const first = gate('first');
      const second = gate('second');
      const posts = [post(server, `One\n\n${first.word} Kenya met Ethiopia.\n`)];
      await first.started();
      posts.push(post(server, `Two\n\n${second.word} Kenya met Ethiopia.\n`));
      await until(() => server.pool.stats().queued === 1);

      const refused = await post(server, article(3));
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      const body = (await refused.json()) as { error: string; message: string; details: { code: string } };
      assert.equal(body.error, 'Service Unavailable');
      assert.match(body.message, /analysis worker is busy.*retry \(request /);
      assert.deepEqual(body.details, { code: 'ANALYSIS_QUEUE_FULL' });
      assert.deepEqual(
        server.logged.map((e) => [e.status, e.requestId]),
        [[503, refused.headers.get('x-request-id')]],
      );

      first.open();
      second.open();
      const statuses = await Promise.all(posts.map(async (p) => (await p).status));
      assert.deepEqual(statuses, [201, 201]);
      assert.equal(
        ((await (await fetch(`${server.url}/api/stats`)).json()) as { documents: number }).documents,
        2,
      );
    } finally {
      await server.close();
    }
  });

  test('a runaway analysis is stopped, stored as rejected (422), and the next document is analysed', async () => {
    const server = await startServer({ timeoutMs: 3000 });
    try {
      const never = gate('never');
      const res = await post(server, `Runaway\n\n${never.word} Kenya met Ethiopia.\n`);
      assert.equal(res.status, 422);
      const body = (await res.json()) as {
        error: string;
        message: string;
        details: { ruleId: string; reason: string }[];
        id: string;
        status: string;
      };
      assert.equal(body.status, 'rejected');
      assert.match(body.message, /did not finish within 3 s/);
      assert.equal(body.details.at(-1)?.ruleId, 'service:analyze-timeout');
      const stored = (await (await fetch(`${server.url}/api/documents/${body.id}`)).json()) as {
        rejected: boolean;
      };
      assert.equal(stored.rejected, true);

      const next = await post(server, article(4));
      assert.equal(next.status, 201, 'a fresh worker took over');
    } finally {
      await server.close();
    }
  });

  test('an analysis that exhausts its worker’s memory costs that document only', async () => {
    const server = await startServer({ maxMemoryMb: 256 });
    try {
      const res = await post(server, 'Balloon\n\nRUNAWAY-MEMORY Kenya met Ethiopia.\n');
      assert.equal(res.status, 422);
      const body = (await res.json()) as { details: { ruleId: string; reason: string }[] };
      assert.equal(body.details.at(-1)?.ruleId, 'service:analyze-failed');
      assert.match(body.details.at(-1)?.reason ?? '', /worker stopped/);
      assert.equal((await post(server, article(5))).status, 201);
      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('a store locked past the retries in a worker is 503 with Retry-After, as on the server thread', async () => {
    const server = await startServer({ writeRetryMs: 200 });
    try {
      const holder = new Database(server.db);
      holder.exec('BEGIN IMMEDIATE');
      holder.exec('INSERT INTO schema_version SELECT version FROM schema_version WHERE 0');
      const res = await post(server, article(6));
      holder.exec('COMMIT');
      holder.close();
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '1');
      const body = (await res.json()) as { message: string; details: { code: string } };
      assert.match(body.message, /database is busy/);
      assert.match(body.details.code, /^SQLITE_BUSY/);
      assert.equal(server.logged[0]?.status, 503);
      assert.equal((await post(server, article(6))).status, 201);
    } finally {
      await server.close();
    }
  });

  test('an in-memory store cannot be shared with workers: a clear error', async () => {
    await assert.rejects(createIngestPool({ db: ':memory:' }), /in-memory store/);
  });
});
