// Property-based fuzzing of ingest, every stage, the store and the API with hostile input (issue 10,
// item 6). A bounded number of cases here (TIDINGS_FUZZ_RUNS to change it); `npm run fuzz` runs the long
// campaign. A failing property prints the shrunk input and the seed to replay it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { toAnalysis } from '../../src/core/analysis.js';
import { ingestBatch } from '../../src/services/ingest-batch.js';
import { checkText } from '../../src/stages/01-ingest/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Repository } from '../../src/store/repository.js';
import { auth, TEST_TOKEN } from '../support/auth.js';
import { fakeAnalyze } from '../support/fake-analyze.js';
import {
  anyBytes,
  anyText,
  checkAnalysis,
  checkInput,
  checkJsonlLine,
  Finding,
  jsonlLines,
  newsyText,
  repeatedPiece,
} from './properties.js';

const runs = Number(process.env.TIDINGS_FUZZ_RUNS ?? 25);
const options = { numRuns: runs, endOnFailure: true };

describe('every stage, any text', { timeout: 600_000 }, () => {
  test('any Unicode string, control characters and lone surrogates included', () => {
    fc.assert(
      fc.property(anyText(400), (text) => checkInput(text)),
      options,
    );
  });

  test('news-like text built from the pieces the annotators match', () => {
    fc.assert(
      fc.property(newsyText(300), (text) => checkInput(text)),
      options,
    );
  });

  test('one piece repeated thousands of times (regex backtracking, quadratic loops)', () => {
    fc.assert(
      fc.property(repeatedPiece(3_000), (text) => checkInput(text)),
      { ...options, numRuns: Math.ceil(runs / 2) },
    );
  });

  test('any bytes, and UTF-8 with broken bytes', () => {
    fc.assert(
      fc.property(anyBytes(600), (bytes) => checkInput(bytes)),
      options,
    );
  });

  test('a 2 MB single line', () => {
    const line = 'Putin said the talks "went well" and Xi agreed, '.repeat(45_000);
    checkInput(line);
  });

  test('the checks find what they are meant to find', () => {
    // A check that could never fail would make every property above pass: feed it broken analyses.
    const doc = checkText('Putin met Xi.', { uri: 'memory:', mediaType: 'text/plain' });
    const failed = {
      ...doc,
      diagnostics: [{ ruleId: 'runner:stage-failed', severity: 'error' as const, reason: 'boom' }],
    };
    assert.throws(() => checkAnalysis(doc.text, failed, toAnalysis(failed, 'x')), Finding);
    const outside = { ...doc, sentences: [{ start: 0, end: doc.text.length + 5, paragraph: 0 }] };
    assert.throws(() => checkAnalysis(doc.text, outside, toAnalysis(outside, 'x')), /outside the text/);
    const slow = {
      ...doc,
      rejected: true,
      diagnostics: [{ ruleId: 'runner:over-budget', severity: 'error' as const, reason: 'took long' }],
    };
    assert.throws(
      () => checkAnalysis(doc.text, slow, toAnalysis(slow, 'x')),
      (e) => e instanceof Finding && e.kind === 'hang',
    );
    // And a sound analysis passes, also one whose text ingest repaired and said so.
    checkInput('Putin met Xi in Beijing on Thursday, the Kremlin said.');
    checkInput('\ufeffPutin met \ud800 Xi in Beijing.');
  });
});

describe('JSONL lines', () => {
  test('any line becomes a document or a rejected one with a diagnostic, deep nesting included', () => {
    fc.assert(
      fc.property(jsonlLines(), (line) => checkJsonlLine(new TextEncoder().encode(line))),
      options,
    );
  });
});

describe('the store keeps every input', () => {
  test('a batch of hostile texts: each is stored, a duplicate, or rejected — none lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(anyText(120), newsyText(40)), { maxLength: 12 }), async (texts) => {
        const store = await openStore(':memory:');
        try {
          const inputs = texts.map((text, i) => ({
            doc: checkText(text, { uri: `memory:fuzz/${i}`, mediaType: 'text/plain' }),
          }));
          const summary = await ingestBatch({ store, inputs, analyze: fakeAnalyze, chunkSize: 5 });
          assert.equal(summary.processed, texts.length);
          assert.equal(summary.inserted + summary.duplicates + summary.rejected, texts.length);
          const stats = await store.stats();
          // Every kept text is stored once; every rejected input is kept as rejected (the same input
          // rejected twice is one row).
          assert.equal(stats.ok + stats.rejected, stats.documents);
          assert.equal(stats.ok, summary.inserted, JSON.stringify({ stats, summary }));
          assert.ok(stats.rejected <= summary.rejected, JSON.stringify({ stats, summary }));
          assert.equal(stats.rejected > 0, summary.rejected > 0);
        } finally {
          await store.close();
        }
      }),
      { ...options, numRuns: Math.ceil(runs / 2) },
    );
  });
});

describe('the API answers hostile requests without a server error', () => {
  let store: Repository;
  let app: FastifyInstance;
  before(async () => {
    store = await openStore(':memory:');
    app = buildServer({ token: TEST_TOKEN, store, analyze: fakeAnalyze });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  const lists = [
    '/api/documents',
    '/api/events',
    '/api/entities',
    '/api/happenings',
    '/api/relations',
    '/api/relations/top',
  ];
  const queryValue = fc.oneof(
    anyText(30),
    fc.constantFrom('', '-1', '1e309', 'NaN', '2024-13-45', '../..', '%00', '*'),
  );

  test('GET lists with random query parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        fc.dictionary(
          fc.constantFrom(
            'q',
            'limit',
            'offset',
            'cursor',
            'from',
            'to',
            'type',
            'actor',
            'a',
            'b',
            'by',
            'x',
          ),
          queryValue,
          {
            maxKeys: 4,
          },
        ),
        async (path, query) => {
          const url = `${path}?${new URLSearchParams(query).toString()}`;
          const res = await app.inject({ method: 'GET', url });
          assert.ok(res.statusCode < 500, `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400) assertErrorBody(res.body);
        },
      ),
      options,
    );
  });

  test('GET one document by any id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText(80).map(percentEncoded),
          fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%00', '..%2F..', '%ED%A0%80'),
        ),
        async (path) => {
          const url = `/api/documents/${path}`;
          const res = await app.inject({ method: 'GET', url });
          assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
        },
      ),
      options,
    );
  });

  test('POST /api/documents with any JSON body or bytes', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc
        .record({ text: fc.oneof(anyText(300), newsyText(60)), title: fc.option(anyText(30)) })
        .map((r) => JSON.stringify(r)),
      fc.string({ maxLength: 100 }),
      fc.integer({ min: 1, max: 50_000 }).map((depth) => `{"text":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/documents',
          headers: auth({ 'content-type': 'application/json' }),
          payload,
        });
        assert.ok(
          res.statusCode < 500,
          `POST ${payload.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
        if (res.statusCode >= 400) assertErrorBody(res.body);
      }),
      options,
    );
  });
});

/** A path segment for any string: UTF-8 percent-encoded, a lone surrogate as the replacement character. */
function percentEncoded(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function assertErrorBody(body: string): void {
  const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
  assert.equal(typeof parsed.error, 'string', body);
  assert.equal(typeof parsed.message, 'string', body);
}
