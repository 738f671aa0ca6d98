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
import { getStory, listStories, type StoryParams } from '../services/stories.js';
import { apiError } from './errors.js';
import { ERROR_RESPONSES, ref } from './response-schemas.js';
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
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,2000}$' },
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

const storiesQuery = {
  type: 'object',
  properties: {
    from: day,
    to: day,
    minSize: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    limit,
    offset,
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,2000}$' },
  },
} as const;

/** Near-duplicates, happenings, stories and relations over time: reads of what the link step keeps. */
export function registerLinkRoutes(app: FastifyInstance, { store }: RouteContext): void {
  app.get<{ Querystring: StoryParams }>(
    '/api/stories',
    {
      schema: {
        summary:
          'Story clusters, the most recently seen first: label, actors, event types, outlets, size, days',
        tags: ['across articles'],
        querystring: storiesQuery,
        response: { 200: ref('StoryPage'), ...ERROR_RESPONSES },
      },
    },
    async (request) => listStories(store, request.query),
  );

  app.get<{ Params: { id: number } }>(
    '/api/stories/:id',
    {
      schema: {
        summary: 'One story with its articles, earliest first',
        tags: ['across articles'],
        params: happeningParams,
        response: { 200: ref('StoryDetail'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const story = await getStory(store, request.params.id);
      if (!story) return reply.code(404).send(apiError(404, `no story with id ${request.params.id}`));
      return story;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/near-duplicates',
    {
      schema: {
        summary: 'The document this one copies, and the documents that copy it',
        tags: ['across articles'],
        params: idParams,
        response: { 200: ref('NearDuplicates'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const links = await getNearDuplicates(store, request.params.id);
      if (!links) return reply.code(404).send(apiError(404, `no document with id "${request.params.id}"`));
      return links;
    },
  );

  app.get<{ Querystring: Omit<HappeningParams, 'docId'> & { doc?: string } }>(
    '/api/happenings',
    {
      schema: {
        summary: 'Happenings: one record per real-world event, merged across articles, newest first',
        tags: ['across articles'],
        querystring: happeningsQuery,
        response: { 200: ref('HappeningPage'), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { doc, ...rest } = request.query;
      return listHappenings(store, { ...rest, ...(doc ? { docId: doc } : {}) });
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/happenings/:id',
    {
      schema: {
        summary: 'One happening with every mention that reported it',
        tags: ['across articles'],
        params: happeningParams,
        response: { 200: ref('HappeningDetail'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const happening = await getHappening(store, request.params.id);
      if (!happening) return reply.code(404).send(apiError(404, `no happening with id ${request.params.id}`));
      return happening;
    },
  );

  app.get<{ Querystring: { a: string; b: string; by?: RelationGranularity; from?: string; to?: string } }>(
    '/api/relations',
    {
      schema: {
        summary: 'How two actors got on, period by period, both ways',
        tags: ['across articles'],
        querystring: relationsQuery,
        response: { 200: ref('DyadSeries'), ...ERROR_RESPONSES },
      },
    },
    async (request) => dyadSeries(store, request.query),
  );

  app.get<{ Querystring: TopParams }>(
    '/api/relations/top',
    {
      schema: {
        summary: 'The most active actor pairs, or actors',
        tags: ['across articles'],
        querystring: topQuery,
        response: { 200: ref('TopRelations'), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: await topRelations(store, request.query),
    }),
  );
}
