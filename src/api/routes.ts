import type { FastifyInstance } from 'fastify';
import { ANALYSIS_FORMAT } from '../core/analysis.js';
import { explainAnalysis } from '../services/explain-events.js';

/** The longest text `GET /api/documents/:id/explain` analyses again in the request. */
const EXPLAIN_MAX_CHARS = 200_000;

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
import { sendWithEtag } from './etag.js';
import { docIdSchema, ERROR_RESPONSES, ref } from './response-schemas.js';
import type { RouteContext } from './route-context.js';
import {
  documentBody,
  documentQuery,
  documentsQuery,
  entitiesQuery,
  eventsQuery,
  idParams,
  layerPageResponse,
  postedResponse,
  statsResponse,
  statusResponse,
} from './schemas.js';

interface CursorQuery {
  limit?: number;
  offset?: number;
  cursor?: string;
}

/** The documents, events and entities of the store, and POST /api/documents. */
export function registerApiRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, ingester, maxTextBytes, now } = context;

  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness, the analysis format and the analysis workers',
        tags: ['meta'],
        response: {
          200: {
            type: 'object',
            required: ['status', 'format', 'analysis'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              format: { type: 'string' },
              analysis: {
                type: 'object',
                properties: {
                  workers: { type: 'integer' },
                  running: { type: 'integer' },
                  queued: { type: 'integer' },
                  maxQueue: { type: 'integer' },
                },
              },
            },
          },
          ...ERROR_RESPONSES,
        },
      },
    },
    async () => ({ status: 'ok', format: ANALYSIS_FORMAT, analysis: ingester.stats() }),
  );

  app.get(
    '/api/stats',
    {
      schema: {
        summary: 'Counts of documents, entities, events and diagnostics, events by type',
        tags: ['meta'],
        response: { 200: statsResponse, ...ERROR_RESPONSES },
      },
    },
    async () => getStats(store),
  );

  app.get(
    '/api/status',
    {
      schema: {
        summary: 'Documents stored and what became of every queued input',
        tags: ['meta'],
        response: { 200: statusResponse, ...ERROR_RESPONSES },
      },
    },
    async () => getStatus(store),
  );

  app.get<{ Querystring: CursorQuery & { q?: string; status?: DocumentStatus } }>(
    '/api/documents',
    {
      schema: {
        summary: 'Stored documents, newest first, or those matching a search',
        tags: ['documents'],
        querystring: documentsQuery,
        response: { 200: ref('DocumentPage'), ...ERROR_RESPONSES },
      },
    },
    async (request) => listDocuments(store, request.query),
  );

  app.get<{ Params: { id: string }; Querystring: CursorQuery & { layer?: PagedLayer } }>(
    '/api/documents/:id',
    {
      schema: {
        summary: "A document's analysis, or with `layer` one page of one layer",
        description:
          'The analysis carries an ETag: send it back as If-None-Match to get 304 Not Modified when it has not changed.',
        tags: ['documents'],
        params: idParams,
        querystring: documentQuery,
        response: {
          200: { oneOf: [ref('Analysis'), layerPageResponse] },
          304: { description: 'Not Modified: the analysis is the one the ETag names', type: 'null' },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { layer, ...paging } = request.query;
      if (layer) {
        const layerPage = await getLayerPage(store, id, layer, paging);
        if (!layerPage) return reply.code(404).send(apiError(404, `no document with id "${id}"`));
        return layerPage;
      }
      const analysis = await getAnalysis(store, id);
      if (!analysis) return reply.code(404).send(apiError(404, `no document with id "${id}"`));
      return sendWithEtag(request, reply, analysis);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { event?: number } }>(
    '/api/documents/:id/explain',
    {
      schema: {
        summary:
          "How a document's events were coded: rule or model, clause, evidence spans, status reasoning",
        description:
          "The document's text is analysed again with the events stage's trace on (what `tidings explain` prints): per event the rule that coded it and the classifier's verdict, its sentence and clause analysis, the trigger, actor, recipient, place and date spans with how each side was chosen, and why its status is what it is; then the statements and appeals, and the readings set aside per sentence. `changed` is true when this build codes the text differently from the stored events. With `event`, only that event (its index in the document's `events`). Texts over 200,000 characters are refused (422): use the CLI.",
        tags: ['documents'],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { event: { type: 'integer', minimum: 0, maximum: 1_000_000 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['id', 'changed', 'events', 'statements', 'considered'],
            properties: {
              id: { type: 'string' },
              changed: { type: 'boolean' },
              events: { type: 'array', items: { type: 'object', additionalProperties: true } },
              statements: { type: 'array', items: { type: 'object', additionalProperties: true } },
              considered: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const analysis = await getAnalysis(store, id);
      if (!analysis) return reply.code(404).send(apiError(404, `no document with id "${id}"`));
      if (analysis.text.length > EXPLAIN_MAX_CHARS)
        return reply
          .code(422)
          .send(apiError(422, `the text has ${analysis.text.length} characters; explain it with the CLI`));
      const x = explainAnalysis(analysis);
      const { event } = request.query;
      if (event === undefined) return x;
      const events = x.events.filter((e) => e.index === event);
      if (events.length === 0)
        return reply.code(404).send(apiError(404, `document "${id}" has no event ${event}`));
      return { ...x, events, statements: [], considered: [] };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/diagnostics',
    {
      schema: {
        summary: "A document's diagnostics, in the order they were raised",
        tags: ['documents'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: ref('Diagnostic') } },
          },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const diagnostics = await getDiagnostics(store, request.params.id);
      if (!diagnostics)
        return reply.code(404).send(apiError(404, `no document with id "${request.params.id}"`));
      return { items: diagnostics };
    },
  );

  app.get<{
    Querystring: CursorQuery & {
      actor?: string;
      recipient?: string;
      type?: string;
      status?: EventStatus;
      from?: string;
      to?: string;
      doc?: string;
      minConfidence?: number;
    };
  }>(
    '/api/events',
    {
      schema: {
        summary: 'Events across documents, newest day first, by actor, recipient, type, status and dates',
        tags: ['events'],
        querystring: eventsQuery,
        response: { 200: ref('EventPage'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
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
      return queryEvents(store, { ...filters, ...(doc ? { docId: doc } : {}) });
    },
  );

  app.get<{ Querystring: CursorQuery & { doc?: string; q?: string; type?: EntityType; country?: string } }>(
    '/api/entities',
    {
      schema: {
        summary: 'Entities, most mentioned first, across the store or in one document',
        tags: ['entities'],
        querystring: entitiesQuery,
        response: { 200: ref('EntityPage'), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { doc, ...filters } = request.query;
      return listEntities(store, { ...filters, ...(doc ? { docId: doc } : {}) });
    },
  );

  app.post(
    '/api/documents',
    {
      // JSON escaping can make the body larger than the text it carries; the text itself is checked below.
      bodyLimit: Math.ceil(maxTextBytes * 1.1) + 65_536,
      config: { openapiBody: documentBody },
      schema: {
        summary: 'Analyse and store one document',
        description:
          'Send text/plain, or JSON `{text, title?, url?, published?}`. The same text again answers 200 with the stored id.',
        tags: ['documents'],
        consumes: ['application/json', 'text/plain'],
        response: {
          200: { ...postedResponse, description: 'already stored: the same text' },
          201: { ...postedResponse, description: 'stored' },
          422: {
            description: 'stored as rejected: the reason and every diagnostic',
            allOf: [
              ref('ApiError'),
              {
                type: 'object',
                required: ['id', 'status'],
                properties: { id: docIdSchema, status: { type: 'string', enum: ['rejected'] } },
              },
            ],
          },
          ...ERROR_RESPONSES,
        },
      },
    },
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
