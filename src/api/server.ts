import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Analyze } from '../services/ingest-batch.js';
import type { Repository } from '../store/repository.js';
import { errorPage, notFoundPage } from '../web/pages.js';
import { registerWebRoutes } from '../web/routes.js';
import { apiError } from './errors.js';
import { registerApiRoutes } from './routes.js';

export interface ServerOptions {
  store: Repository;
  analyze: Analyze;
  /** Largest POSTed text in UTF-8 bytes (default 5 MB). */
  maxTextBytes?: number;
  /** Fastify request logging (off by default; the CLI may turn it on). */
  logger?: boolean;
  now?: () => Date;
}

/** Builds the HTTP app (JSON API under /api, HTML pages elsewhere). It does not listen. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

  // `?q=&limit=` from a form means "not given", not "an empty or invalid value".
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query || typeof query !== 'object') return;
    for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.validation
      ? 400
      : error.statusCode && error.statusCode >= 400
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error(error);
    const message = status >= 500 ? 'internal error; see the server log' : error.message;
    if (!isApi(request.url)) {
      return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message));
    }
    const details = error.validation
      ? error.validation.map((v) => ({
          field: (v.instancePath || '').replace(/^\//, '') || String(v.params?.missingProperty ?? ''),
          message: v.message ?? 'is invalid',
          params: v.params,
        }))
      : { code: error.code ?? null };
    return reply.code(status).send(apiError(status, message, details));
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request.url)) {
      return reply.code(404).send(apiError(404, `no route ${request.method} ${request.url.split('?')[0]}`));
    }
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(notFoundPage('There is no page at this address.'));
  });

  const now = options.now ?? (() => new Date());
  registerApiRoutes(app, {
    store: options.store,
    analyze: options.analyze,
    maxTextBytes: options.maxTextBytes ?? 5 * 1024 * 1024,
    now,
  });
  registerWebRoutes(app, { store: options.store });
  return app;
}
