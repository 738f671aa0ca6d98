import type { FastifyInstance } from 'fastify';
import type { RelationGranularity } from '../services/query.js';
import {
  dyadSeries,
  getHappening,
  getNearDuplicates,
  type HappeningParams,
  listHappenings,
  type TopParams,
  topRelations,
} from '../services/relations.js';
import { apiError } from './errors.js';
import type { RouteContext } from './route-context.js';
import { idParams } from './schemas.js';

/** JSON schemas of the cross-article endpoints (docs/api.md#across-articles). */
const limit = { type: 'integer', minimum: 1, maximum: 500 } as const;
const offset = { type: 'integer', minimum: 0, maximum: 10_000_000 } as const;
const actor = { type: 'string', minLength: 1, maxLength: 200 } as const;
const day = {
  type: 'string',
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description: 'YYYY, YYYY-MM or YYYY-MM-DD',
} as const;
const month = { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' } as const;

const happeningsQuery = {
  type: 'object',
  properties: {
    actor,
    recipient: actor,
    type: { type: 'string', pattern: '^[A-Za-z_-]{1,40}$' },
    from: day,
    to: day,
    doc: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    minSources: { type: 'integer', minimum: 1, maximum: 100_000 },
    limit,
    offset,
  },
} as const;

const happeningParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

const relationsQuery = {
  type: 'object',
  properties: {
    a: actor,
    b: actor,
    by: { type: 'string', enum: ['day', 'week', 'month'] },
    from: { ...day, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
    to: { ...day, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
  },
  required: ['a', 'b'],
} as const;

const topQuery = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['dyads', 'actors'] },
    level: { type: 'string', enum: ['country', 'sector', 'entity'] },
    from: month,
    to: month,
    limit,
  },
} as const;

/** Near-duplicates, happenings and relations over time: reads of what the link step keeps. */
export function registerLinkRoutes(app: FastifyInstance, { store }: RouteContext): void {
  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/near-duplicates',
    { schema: { params: idParams } },
    async (request, reply) => {
      const links = await getNearDuplicates(store, request.params.id);
      if (!links) return reply.code(404).send(apiError(404, `no document with id "${request.params.id}"`));
      return links;
    },
  );

  app.get<{ Querystring: Omit<HappeningParams, 'docId'> & { doc?: string } }>(
    '/api/happenings',
    { schema: { querystring: happeningsQuery } },
    async (request) => {
      const { doc, ...rest } = request.query;
      return listHappenings(store, { ...rest, ...(doc ? { docId: doc } : {}) });
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/happenings/:id',
    { schema: { params: happeningParams } },
    async (request, reply) => {
      const happening = await getHappening(store, request.params.id);
      if (!happening) return reply.code(404).send(apiError(404, `no happening with id ${request.params.id}`));
      return happening;
    },
  );

  app.get<{ Querystring: { a: string; b: string; by?: RelationGranularity; from?: string; to?: string } }>(
    '/api/relations',
    { schema: { querystring: relationsQuery } },
    async (request) => dyadSeries(store, request.query),
  );

  app.get<{ Querystring: TopParams }>(
    '/api/relations/top',
    { schema: { querystring: topQuery } },
    async (request) => ({
      items: await topRelations(store, request.query),
    }),
  );
}
