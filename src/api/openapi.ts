import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ANALYSIS_FORMAT } from '../core/analysis.js';
import { ERROR_RESPONSES } from './response-schemas.js';
import type { RoutePlugin } from './route-context.js';

/** Fastify's own default body limit, for write routes that do not set one. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The OpenAPI 3.1 document, generated from the routes' schemas as they are added (@fastify/swagger):
 * served at /api/openapi.json, with a reference page at /api/docs (swagger-ui, its files served from
 * the package: nothing is fetched from elsewhere). Every write is marked as needing the bearer token
 * and carries its body limit (`x-body-limit`), so clients and test/api/openapi.test.ts read them from
 * the document rather than from prose. Register before the routes.
 */
export function registerOpenApi(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tidings',
        version: ANALYSIS_FORMAT,
        description:
          'News turned into event data traceable to the words: documents, their analyses, events, entities, ' +
          'happenings across articles and relations over time. Lists page by cursor (`next`); writes need ' +
          '`Authorization: Bearer <token>` (the token `tidings serve` prints); every error is `{error, message, details}`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token `tidings serve` printed (or --token / TIDINGS_TOKEN).',
          },
        },
      },
    },
    // Shared schemas keep their names ($id) as components, rather than def-0, def-1…
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
    transform: ({ schema, url, route }) => {
      // Pages are HTML for people; the document describes the JSON API.
      if (!url.startsWith('/api/')) return { schema: { ...schema, hide: true }, url };
      const methods = [route.method].flat().map((m) => String(m).toUpperCase());
      if (!schema || !methods.some((m) => WRITES.has(m))) return { schema, url };
      // A body the route reads itself (to word each problem) is documented from its config.
      const body = (route.config as { openapiBody?: unknown } | undefined)?.openapiBody;
      return {
        schema: {
          ...schema,
          ...(body ? { body } : {}),
          security: [{ bearer: [] }],
          'x-body-limit': route.bodyLimit ?? DEFAULT_BODY_LIMIT,
        } as typeof schema,
        url,
      };
    },
  });
  app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, deepLinking: true },
    // The UI reads the same document everyone else does.
    transformSpecificationClone: true,
  });
}

/** GET /api/openapi.json: the document itself. */
export const registerOpenApiRoutes: RoutePlugin = (app) => {
  app.get(
    '/api/openapi.json',
    {
      schema: {
        summary: 'This API, as an OpenAPI 3.1 document',
        tags: ['meta'],
        response: {
          200: { type: 'object', description: 'OpenAPI 3.1', additionalProperties: true },
          ...ERROR_RESPONSES,
        },
      },
    },
    async () => app.swagger(),
  );
};
