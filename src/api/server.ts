import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Analyze } from '../services/ingest-batch.js';
import { type DocumentIngester, inlineIngester } from '../services/ingest-one.js';
import { isStoreBusy, type Repository } from '../services/query.js';
import { errorPage, notFoundPage } from '../web/pages.js';
import { registerWebRoutes } from '../web/routes.js';
import { registerWorkspacePages } from '../web/workspace/routes.js';
import { registerEntityRoutes } from './entity-routes.js';
import { type ApiError, apiError } from './errors.js';
import { type Refusal, registerGuards } from './guard-requests.js';
import { registerLinkRoutes } from './link-routes.js';
import { registerLiveRoutes } from './live-routes.js';
import { registerOpenApi, registerOpenApiRoutes } from './openapi.js';
import { registerRecodeRoutes } from './recode-routes.js';
import { addSharedSchemas } from './response-schemas.js';
import type { RouteContext, RoutePlugin } from './route-context.js';
import { registerApiRoutes } from './routes.js';
import { registerWorkspaceRoutes } from './workspace-routes.js';

/**
 * Every set of routes the server has, one line each: the JSON API under /api, then the pages.
 * Guards, errors, compression and the OpenAPI document apply to all of them alike, so a new set of
 * routes is one more line here and nothing else.
 */
export const ROUTE_PLUGINS: readonly RoutePlugin[] = [
  registerOpenApiRoutes,
  registerApiRoutes,
  registerLinkRoutes,
  registerEntityRoutes,
  registerRecodeRoutes,
  registerLiveRoutes,
  registerWebRoutes,
  // workspace pages and their API go below
  registerWorkspacePages,
  registerWorkspaceRoutes,
];

export interface ServerOptions {
  store: Repository;
  /**
   * Analyses and stores POSTed documents: `createIngestPool` (worker threads; what `tidings serve`
   * uses), or leave it out and give `analyze` to run on the server's own thread (tests, scripts).
   */
  ingester?: DocumentIngester;
  analyze?: Analyze;
  /** The secret every write must carry (`Authorization: Bearer <token>`); at least 16 characters. */
  token: string;
  /** The address the server will listen on: its name is accepted in `Host` besides localhost. */
  host?: string;
  /** More names accepted in `Host`, for a server bound to a LAN address. */
  allowedHosts?: readonly string[];
  /** Largest POSTed text in UTF-8 bytes (default 5 MB). */
  maxTextBytes?: number;
  /** A request body must arrive within this many milliseconds (default 20 s), else 408. */
  bodyTimeoutMs?: number;
  /** Writes one client may make in a window (default 300 a minute); past that, 429 with Retry-After. */
  writeRateLimit?: { max: number; windowMs: number };
  /** How often GET /api/live asks the store for new documents, in ms (default 1000). */
  livePollMs?: number;
  /** Fastify request logging (off by default; the CLI may turn it on). */
  logger?: boolean;
  /** Where every 5xx is reported (default: one JSON line on stderr). */
  logError?: (entry: ServerErrorEntry) => void;
  now?: () => Date;
}

/** One logged server failure: enough to find the request and the cause. */
export interface ServerErrorEntry {
  time: string;
  requestId: string;
  method: string;
  url: string;
  status: number;
  error: string;
  code: string | null;
  stack: string | null;
}

const MAX_URL_LENGTH = 8192;
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function logToStderr(entry: ServerErrorEntry): void {
  process.stderr.write(`${JSON.stringify({ level: 'error', ...entry })}\n`);
}

/**
 * A failure that is the server's load, not a bug: 503, a message saying what to do, and when a retry
 * can help, how long to wait. Null for anything else.
 */
function unavailableBecause(error: FastifyError): { message: string; retryAfter: number | null } | null {
  const code = error.code ?? '';
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  const later = typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : 1;
  if (isStoreBusy(error) || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return { message: 'the database is busy with another writer; retry', retryAfter: 1 };
  }
  if (code === 'ANALYSIS_QUEUE_FULL') {
    return {
      message: 'every analysis worker is busy and the waiting line is full; retry',
      retryAfter: later,
    };
  }
  if (code === 'STORE_QUEUE_FULL') {
    return { message: 'too many queries are running or waiting; retry', retryAfter: later };
  }
  if (code === 'STORE_QUERY_TIMEOUT') {
    return { message: `${error.message}; narrow it with more filters or words`, retryAfter: null };
  }
  return null;
}

/** Builds the HTTP app (JSON API under /api, HTML pages elsewhere). It does not listen. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const ingester =
    options.ingester ?? (options.analyze ? inlineIngester(options.store, options.analyze) : undefined);
  if (!ingester) {
    throw new TypeError('buildServer: give an ingester (createIngestPool) or an analyze function');
  }
  const logError = options.logError ?? logToStderr;
  const now = options.now ?? (() => new Date());
  const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

  /** Every error leaves through here: the documented `{error, message, details}` body or an HTML page. */
  const sendError = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: string,
    details: unknown = null,
  ): FastifyReply => {
    if (!isApi(request.url)) {
      return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message));
    }
    const body: ApiError = apiError(status, message, details);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };

  const report = (request: FastifyRequest, status: number, error: unknown) => {
    const e = error instanceof Error ? (error as FastifyError) : null;
    logError({
      time: now().toISOString(),
      requestId: String(request.id),
      method: request.method,
      url: request.url.slice(0, 500),
      status,
      error: e ? e.message : String(error),
      code: e?.code ?? null,
      stack: e?.stack ?? null,
    });
  };

  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    // Long enough for any document id; longer ones get the same 414 as long URLs.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendError(request, reply, 414, 'a path segment is too long', { code: error.code });
      }
      return sendError(request, reply, 400, 'the address is not valid URL encoding', { code: error.code });
    },
    // Errors Node raises before there is a request (headers too large, malformed HTTP): same body.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'the request line or headers are too large']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'the request did not arrive in time']
            : [400, 'malformed HTTP request'];
      const body = JSON.stringify(apiError(status, message, { code: error.code ?? null }));
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${apiError(status, '').error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  });

  app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // Plain http on localhost: asking browsers to upgrade would break the UI.
    strictTransportSecurity: false,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Before anything that serves files (the API reference's), so they are compressed too. Brotli's
  // default level costs far more CPU than it saves on a localhost link: gzip, or deflate.
  app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });

  registerGuards(
    app,
    {
      token: options.token,
      ...(options.host ? { host: options.host } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      maxUrlLength: MAX_URL_LENGTH,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 20_000,
    },
    (request, reply, refusal: Refusal) => {
      if (refusal.headers) reply.headers(refusal.headers);
      // A refused body is never read: close rather than leave it in the pipe.
      if (refusal.status === 408 || refusal.status === 414) reply.header('connection', 'close');
      return sendError(request, reply, refusal.status, refusal.message, { code: refusal.code });
    },
  );

  // Writes only, after the guards (a refused write is not counted); reads are cheap and paged.
  const writeLimit = options.writeRateLimit ?? { max: 300, windowMs: 60_000 };
  app.register(rateLimit, {
    global: true,
    max: writeLimit.max,
    timeWindow: writeLimit.windowMs,
    allowList: (request) => !WRITE_METHODS.has(request.method),
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `too many writes: at most ${context.max} in ${Math.round(writeLimit.windowMs / 1000)} s; retry in ${context.after}`,
        ),
        { statusCode: context.statusCode, code: 'RATE_LIMITED' },
      ),
  });

  // Answers are written with JSON.stringify: response schemas document them (OpenAPI), they never
  // drop or coerce a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  addSharedSchemas(app);
  registerOpenApi(app);

  // `?q=&limit=` from a form means "not given", not "an empty or invalid value".
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query || typeof query !== 'object') return;
    for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
  });

  // Ajv coerces "1e309" to Infinity and then skips `maximum` for numbers that are not finite, and
  // JSON.parse reads 1e309 as Infinity too: such a number is refused here, after validation, before
  // any handler or store sees it.
  app.addHook('preHandler', async (request) => {
    const where =
      nonFiniteAt(request.query, 'query') ??
      nonFiniteAt(request.params, 'path') ??
      nonFiniteAt(request.body, 'body');
    if (where) {
      throw Object.assign(new Error(`${where} is not a finite number`), {
        statusCode: 400,
        code: 'NOT_FINITE',
      });
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const unavailable = unavailableBecause(error);
    const status =
      error.validation || error.code === 'BAD_CURSOR'
        ? 400
        : unavailable
          ? 503
          : error.statusCode && error.statusCode >= 400
            ? error.statusCode
            : 500;
    if (status >= 500) {
      report(request, status, error);
      if (request.log) request.log.error(error);
    }
    if (status === 408) reply.header('connection', 'close');
    if (unavailable?.retryAfter) reply.header('retry-after', String(unavailable.retryAfter));
    const message = unavailable
      ? `${unavailable.message} (request ${request.id})`
      : status >= 500
        ? `internal error; see the server log (request ${request.id})`
        : error.message;
    const details = error.validation
      ? error.validation.map((v) => ({
          field: (v.instancePath || '').replace(/^\//, '') || String(v.params?.missingProperty ?? ''),
          message: v.message ?? 'is invalid',
          params: v.params,
        }))
      : error.code === 'BAD_CURSOR'
        ? [{ field: 'cursor', message: 'is not a cursor of this list' }]
        : { code: error.code ?? null };
    return sendError(request, reply, status, message, details);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request.url)) {
      return sendError(request, reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`);
    }
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(notFoundPage('There is no page at this address.'));
  });

  const context: RouteContext = {
    store: options.store,
    ingester,
    maxTextBytes: options.maxTextBytes ?? 5 * 1024 * 1024,
    now,
    ...(options.livePollMs ? { livePollMs: options.livePollMs } : {}),
    ...(options.analyze ? { analyze: options.analyze } : {}),
  };
  // In a plugin of their own, so that plugins registered above (which watch routes being added) see them.
  app.register(async (scope) => {
    for (const plugin of ROUTE_PLUGINS) plugin(scope, context);
  });
  return app;
}

/** The path of the first number in `value` that is not finite (NaN, ±Infinity), looking 8 levels deep. */
export function nonFiniteAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (depth >= 8 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 10_000; i++) {
      const found = nonFiniteAt(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteAt(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}
