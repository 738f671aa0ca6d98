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
  /** How often the live feed (GET /api/live) asks the store for new documents, in ms (default 1000). */
  livePollMs?: number;
}

/**
 * A set of routes (API or pages). Every route declares a `schema` with its responses, so it is in
 * the OpenAPI document (`/api/openapi.json`); pages are marked `hide: true`.
 */
export type RoutePlugin = (app: import('fastify').FastifyInstance, context: RouteContext) => void;
