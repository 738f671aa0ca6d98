import type { FastifyInstance, FastifyReply } from 'fastify';
import { ANALYSIS_FORMAT } from '../core/analysis.js';
import { createDoc, type EntityType, type EventStatus } from '../core/doc.js';
import { contentHash } from '../core/hash.js';
import {
  type DocumentStatus,
  getAnalysis,
  getDiagnostics,
  getLayerPage,
  getStats,
  getStatus,
  isDateBound,
  listDocuments,
  listEntities,
  type PagedLayer,
  queryEvents,
} from '../services/query.js';
import { apiError } from './errors.js';
import type { RouteContext } from './route-context.js';
import { documentQuery, documentsQuery, entitiesQuery, eventsQuery, idParams } from './schemas.js';

interface PageQuery {
  limit?: number;
  offset?: number;
}

/** The documents, events and entities of the store, and POST /api/documents. */
export function registerApiRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, ingester, maxTextBytes, now } = context;

  app.get('/api/health', async () => ({ status: 'ok', format: ANALYSIS_FORMAT, analysis: ingester.stats() }));

  app.get('/api/stats', async () => getStats(store));

  app.get('/api/status', async () => getStatus(store));

  app.get<{ Querystring: PageQuery & { q?: string; status?: DocumentStatus; cursor?: string } }>(
    '/api/documents',
    { schema: { querystring: documentsQuery } },
    async (request, reply) => {
      if (request.query.cursor && request.query.q?.trim()) {
        return reply
          .code(400)
          .send(
            apiError(400, 'a search is paged by offset: cursor cannot be used with q', [{ field: 'cursor' }]),
          );
      }
      return refuseBadCursor(reply, () => listDocuments(store, request.query));
    },
  );

  app.get<{ Params: { id: string }; Querystring: PageQuery & { layer?: PagedLayer } }>(
    '/api/documents/:id',
    { schema: { params: idParams, querystring: documentQuery } },
    async (request, reply) => {
      const { id } = request.params;
      const { layer, ...paging } = request.query;
      if (layer) {
        const layerPage = await getLayerPage(store, id, layer, paging);
        if (!layerPage) return reply.code(404).send(apiError(404, `no document with id "${id}"`));
        const next = layerPage.offset + layerPage.items.length;
        return {
          ...layerPage,
          next:
            next < layerPage.total
              ? `/api/documents/${id}?layer=${layer}&offset=${next}&limit=${layerPage.limit}`
              : null,
        };
      }
      const analysis = await getAnalysis(store, id);
      if (!analysis) return reply.code(404).send(apiError(404, `no document with id "${id}"`));
      return analysis;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/diagnostics',
    { schema: { params: idParams } },
    async (request, reply) => {
      const diagnostics = await getDiagnostics(store, request.params.id);
      if (!diagnostics)
        return reply.code(404).send(apiError(404, `no document with id "${request.params.id}"`));
      return { items: diagnostics };
    },
  );

  app.get<{
    Querystring: PageQuery & {
      actor?: string;
      recipient?: string;
      type?: string;
      status?: EventStatus;
      from?: string;
      to?: string;
      doc?: string;
      cursor?: string;
    };
  }>('/api/events', { schema: { querystring: eventsQuery } }, async (request, reply) => {
    const { doc, ...filters } = request.query;
    const bad = (['from', 'to'] as const).filter(
      (k) => filters[k] !== undefined && !isDateBound(filters[k] as string),
    );
    if (bad.length > 0) {
      return reply.code(400).send(
        apiError(
          400,
          `querystring/${bad[0]} is not a calendar date`,
          bad.map((k) => ({
            field: k,
            message: 'must be a real date: YYYY, YYYY-MM or YYYY-MM-DD',
            value: filters[k],
          })),
        ),
      );
    }
    return refuseBadCursor(reply, () => queryEvents(store, { ...filters, ...(doc ? { docId: doc } : {}) }));
  });

  app.get<{ Querystring: PageQuery & { doc?: string; q?: string; type?: EntityType; country?: string } }>(
    '/api/entities',
    { schema: { querystring: entitiesQuery } },
    async (request) => {
      const { doc, ...filters } = request.query;
      return listEntities(store, { ...filters, ...(doc ? { docId: doc } : {}) });
    },
  );

  app.post(
    '/api/documents',
    // JSON escaping can make the body larger than the text it carries; the text itself is checked below.
    { bodyLimit: Math.ceil(maxTextBytes * 1.1) + 65_536 },
    async (request, reply) => {
      const parsed = parseDocumentBody(request.body, maxTextBytes);
      if ('status' in parsed) return reply.code(parsed.status).send(parsed.body);
      const { title, url, published } = parsed;
      // A headline travels as the first line, which is where the pipeline looks for it.
      const text = title && !parsed.text.startsWith(title) ? `${title}\n\n${parsed.text}` : parsed.text;
      const doc = createDoc(text, {
        uri: url ?? `api:${contentHash(text).slice(0, 16)}`,
        mediaType: 'text/plain',
        fetched: now().toISOString(),
        ...(published ? { published } : {}),
      });
      const result = await ingester.ingest({ doc });
      if (result.rejection) {
        return reply.code(422).send({
          ...apiError(
            422,
            `the document was stored as rejected: ${result.rejection.reason}`,
            result.rejection.diagnostics,
          ),
          id: result.id,
          status: 'rejected',
        });
      }
      return reply.code(result.status === 'inserted' ? 201 : 200).send({
        id: result.id,
        status: result.status,
        summary: result.summary,
        links: { self: `/api/documents/${result.id}`, html: `/documents/${result.id}` },
      });
    },
  );
}

type ParsedBody =
  | { text: string; title?: string; url?: string; published?: string }
  | { status: number; body: ReturnType<typeof apiError> };

/** Validates a POSTed document: a text/plain body, or JSON `{text, title?, url?, published?}`. */
export function parseDocumentBody(body: unknown, maxTextBytes: number): ParsedBody {
  const problems: { field: string; message: string }[] = [];
  let fields: Record<string, unknown>;
  if (typeof body === 'string') fields = { text: body };
  else if (body && typeof body === 'object' && !Array.isArray(body)) fields = body as Record<string, unknown>;
  else {
    return {
      status: 400,
      body: apiError(400, 'send the document as text/plain, or as JSON {"text": "…"}', [
        { field: 'body', message: 'must be a JSON object or plain text' },
      ]),
    };
  }
  const { text, title, url, published } = fields;
  if (typeof text !== 'string') problems.push({ field: 'text', message: 'is required and must be a string' });
  else if (text.trim() === '') problems.push({ field: 'text', message: 'must not be empty' });
  else if (Buffer.byteLength(text, 'utf8') > maxTextBytes) {
    return {
      status: 413,
      body: apiError(413, `text is larger than ${maxTextBytes} bytes`, [
        { field: 'text', message: `must be at most ${maxTextBytes} bytes of UTF-8` },
      ]),
    };
  }
  if (title !== undefined && (typeof title !== 'string' || title.length > 1000 || /[\r\n]/.test(title))) {
    problems.push({ field: 'title', message: 'must be a single line of at most 1000 characters' });
  }
  if (url !== undefined && !(typeof url === 'string' && isHttpUrl(url))) {
    problems.push({ field: 'url', message: 'must be an absolute http(s) URL' });
  }
  if (published !== undefined && !(typeof published === 'string' && isPublished(published))) {
    problems.push({ field: 'published', message: 'must be YYYY-MM-DD or an ISO 8601 instant' });
  }
  if (problems.length > 0) {
    return {
      status: 400,
      body: apiError(400, problems.map((p) => `${p.field} ${p.message}`).join('; '), problems),
    };
  }
  return {
    text: text as string,
    ...(typeof title === 'string' && title.trim() ? { title: title.trim() } : {}),
    ...(typeof url === 'string' ? { url } : {}),
    ...(typeof published === 'string' ? { published } : {}),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function isPublished(value: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isDateBound(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

/** A cursor the store does not recognise is the client's mistake (400), also when it comes back from a read thread. */
async function refuseBadCursor<T>(reply: FastifyReply, read: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: unknown })?.code !== 'BAD_CURSOR') throw error;
    return reply.code(400).send(apiError(400, (error as Error).message, [{ field: 'cursor' }]));
  }
}
