import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../api/route-context.js';
import { type EventStatus, EVENT_STATUSES as STATUSES } from '../core/doc.js';
import { latestStories } from '../services/live-feed.js';
import { getAnalysis, isDateBound, listDocuments, queryEvents } from '../services/query.js';
import { ASSETS, SCRIPT, STYLE } from './assets.js';
import { NOW_ASSETS, NOW_SCRIPT, NOW_STYLE, nowPage } from './now-page.js';
import {
  type DocumentView,
  documentPage,
  type EventFilterValues,
  eventsPage,
  indexPage,
  notFoundPage,
} from './pages.js';

const EVENT_STATUSES: ReadonlySet<string> = new Set(STATUSES);

/** Forms send strings; pages read them leniently (the JSON API is the strict one). */
function str(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
}

function offsetOf(value: unknown): number {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : 0;
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10_000_000) : 0;
}

/** The first pages: articles, one article, the event table (and the UI's stylesheet and script). */
export function registerWebRoutes(app: FastifyInstance, { store }: RouteContext): void {
  const page = 50;

  for (const [path, type, body] of [
    [ASSETS.css, 'text/css; charset=utf-8', STYLE],
    [ASSETS.js, 'text/javascript; charset=utf-8', SCRIPT],
    [NOW_ASSETS.css, 'text/css; charset=utf-8', NOW_STYLE],
    [NOW_ASSETS.js, 'text/javascript; charset=utf-8', NOW_SCRIPT],
  ] as const) {
    app.get(path, async (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body),
    );
  }

  app.get('/now', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(nowPage(await latestStories(store, 30))),
  );

  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const q = str(request.query.q) ?? '';
    const [docs, rejected] = await Promise.all([
      listDocuments(store, { q, status: 'ok', limit: page, offset: offsetOf(request.query.offset) }),
      q
        ? Promise.resolve({ items: [], total: 0, limit: page, offset: 0 })
        : listDocuments(store, { status: 'rejected', limit: page }),
    ]);
    return reply.type('text/html; charset=utf-8').send(indexPage(q, docs, rejected));
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/documents/:id',
    async (request, reply) => {
      const analysis = await getAnalysis(store, request.params.id);
      if (!analysis) {
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(notFoundPage(`No document with id “${request.params.id}”.`));
      }
      const query = request.query;
      const view: DocumentView = {
        at: offsetOf(query.at),
        events: offsetOf(query.events),
        entities: offsetOf(query.entities),
        diagnostics: offsetOf(query.diagnostics),
      };
      if (str(query.event) !== undefined) view.event = offsetOf(query.event);
      return reply.type('text/html; charset=utf-8').send(documentPage(analysis, view));
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>('/events', async (request, reply) => {
    const query = request.query;
    const filters: EventFilterValues = {};
    for (const key of ['actor', 'recipient', 'type', 'from', 'to'] as const) {
      const value = str(query[key]);
      if (value) filters[key] = value;
    }
    const status = str(query.status);
    if (status && EVENT_STATUSES.has(status)) filters.status = status;
    const confidence = str(query.minConfidence);
    if (confidence) filters.minConfidence = confidence;
    const min = confidence === undefined ? undefined : Number(confidence);
    const badConfidence = min !== undefined && !(confidence?.trim() && min >= 0 && min <= 1);
    const bad = (['from', 'to'] as const).filter((k) => filters[k] && !isDateBound(filters[k] as string));
    const problems = [
      bad.length > 0 &&
        `Not a date: ${bad.map((k) => filters[k]).join(', ')} (use YYYY, YYYY-MM or YYYY-MM-DD); that filter was ignored.`,
      badConfidence && `Not a confidence: ${confidence} (use a number from 0 to 1); that filter was ignored.`,
    ].filter(Boolean);
    const problem = problems.length > 0 ? problems.join(' ') : undefined;
    const { from, to, status: st, minConfidence: _m, ...rest } = filters;
    const events = await queryEvents(store, {
      ...rest,
      ...(from && !bad.includes('from') ? { from } : {}),
      ...(to && !bad.includes('to') ? { to } : {}),
      ...(st ? { status: st as EventStatus } : {}),
      ...(min !== undefined && !badConfidence ? { minConfidence: min } : {}),
      limit: page,
      offset: offsetOf(query.offset),
    });
    return reply
      .code(problem ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(eventsPage(filters, events, problem));
  });
}
