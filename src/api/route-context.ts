import type { Analyze } from '../services/ingest-batch.js';
import type { DocumentIngester } from '../services/ingest-one.js';
import type { Repository } from '../services/query.js';

/**
 * What every route plugin is handed. Routes validate input, pick status codes and call services
 * with `store`; they never call the repository themselves (src/api/layers.test.ts checks the imports).
 */
export interface RouteContext {
  store: Repository;
  /** Analyses and stores POSTed documents (in worker threads when the server runs from the CLI). */
  ingester: DocumentIngester;
  /** Largest accepted text, in UTF-8 bytes. */
  maxTextBytes: number;
  now: () => Date;
  /**
   * The analyzer of a server built with one (tests, scripts): re-coding (POST /api/recode) runs it on
   * the server's thread; without it, re-coding runs the pipeline in threads of its own.
   */
  analyze?: Analyze;
  /** How often the live feed (GET /api/live) asks the store for new documents, in ms (default 1000). */
  livePollMs?: number;
}

/**
 * A set of routes (API or pages). Every route declares a `schema` with its responses, so it is in
 * the OpenAPI document (`/api/openapi.json`); pages are marked `hide: true`.
 */
export type RoutePlugin = (app: import('fastify').FastifyInstance, context: RouteContext) => void;
