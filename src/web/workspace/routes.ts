import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import type { RouteContext } from '../../api/route-context.js';
import { EVENT_STATUSES } from '../../core/doc.js';
import { explainEvent } from '../../services/explain-event.js';
import type { Repository } from '../../services/query.js';
import { getStats } from '../../services/query.js';
import { dyadSeries, topRelations } from '../../services/relations.js';
import { getStory } from '../../services/stories.js';
import { actorProfile } from '../../services/workspace-actors.js';
import {
  evidenceFor,
  happeningEvidence,
  happeningOfEvent,
  happeningsById,
} from '../../services/workspace-evidence.js';
import { placeCounts } from '../../services/workspace-places.js';
import { dyadEvents, networkGraph, periodOf } from '../../services/workspace-relations.js';
import { search } from '../../services/workspace-search.js';
import { notFoundPage } from '../pages.js';
import { actorPage, counterpartColumns } from './actor-page.js';
import { WORKSPACE_ASSETS, WORKSPACE_SCRIPT, WORKSPACE_STYLE } from './client.js';
import { eventPage, loneEventPage, mentionColumns } from './event-page.js';
import { explainPage } from './explain-page.js';
import { type MapForm, mapPage, placeColumns } from './map-page.js';
import { edgeColumns, type NetworkForm, networkPage } from './network-page.js';
import { eventColumns, periodColumns, type RelationsForm, relationsPage } from './relations-page.js';
import {
  articleColumns,
  entityColumns,
  eventRowColumns,
  SEARCH_KINDS,
  type SearchForm,
  type SearchKind,
  searchPage,
} from './search-page.js';
import { storyArticleColumns, storyPage } from './story-page.js';
import { type Column, tableCsv, tableJson } from './table.js';
import { VENDOR, vendorBytes } from './vendor.js';

/** Forms send strings; pages read them leniently (the JSON API is the strict one). */
export function str(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const DAY_BOUND = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const TYPE = /^[A-Za-z_-]{1,40}$/;
const HTML = 'text/html; charset=utf-8';

/** Pages are not API operations: kept out of the OpenAPI document. */
export const PAGE_SCHEMA = { hide: true } as FastifySchema;

/** A table as CSV or JSON when the address asks (`?format=`), else null (render the page). */
export function sendTable<T>(
  reply: FastifyReply,
  format: unknown,
  name: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
): FastifyReply | null {
  if (format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(tableCsv(columns, rows));
  }
  if (format === 'json') {
    return reply.type('application/json; charset=utf-8').send({ items: tableJson(columns, rows) });
  }
  return null;
}

/** Actor keys worth suggesting: the busiest countries, sectors and entities. */
async function actorSuggestions(store: Repository): Promise<string[]> {
  const levels = ['country', 'sector', 'entity'] as const;
  const lists = await Promise.all(
    levels.map((level) => topRelations(store, { kind: 'actors', level, limit: 40 })),
  );
  return [...new Set(lists.flat().map((r) => r.actor))];
}

/** The event types the store holds, for the type menus. */
async function eventTypes(store: Repository): Promise<string[]> {
  return Object.keys((await getStats(store)).eventsByType).sort();
}

function notFound(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(404).type(HTML).send(notFoundPage(message));
}

/** The workspace pages: Relations, Network, Map, Event, Actor, Search, and their client assets. */
export function registerWorkspacePages(app: FastifyInstance, { store }: RouteContext): void {
  const assets: [string, string, string | Buffer | (() => Buffer)][] = [
    [WORKSPACE_ASSETS.css, 'text/css; charset=utf-8', WORKSPACE_STYLE],
    [WORKSPACE_ASSETS.js, 'text/javascript; charset=utf-8', WORKSPACE_SCRIPT],
    ...Object.values(VENDOR).map((v): [string, string, () => Buffer] => [
      v.path,
      v.type,
      () => vendorBytes(v),
    ]),
  ];
  for (const [path, type, body] of assets) {
    app.get(path, { schema: PAGE_SCHEMA }, async (_request, reply) =>
      reply
        .type(type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(typeof body === 'function' ? body() : body),
    );
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    '/relations',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const q = request.query;
      const by = q.by === 'day' || q.by === 'week' ? q.by : 'month';
      const form: RelationsForm = {
        a: str(q.a) ?? '',
        b: str(q.b) ?? '',
        by,
        count: str(q.count, 40) ?? 'all',
      };
      const problems: string[] = [];
      for (const key of ['from', 'to'] as const) {
        const v = str(q[key], 20);
        if (v && DAY.test(v)) form[key] = v;
        else if (v) problems.push(`Not a day: ${v} (use YYYY-MM-DD); that bound was ignored.`);
      }
      const suggestions = await actorSuggestions(store);
      if (!form.a || !form.b) {
        // No pair asked for yet: start from the busiest pair of countries, so the page shows a chart.
        const [top] = await topRelations(store, { kind: 'dyads', level: 'country', limit: 1 });
        if (top?.recipient && !form.a && !form.b) {
          form.a = top.actor;
          form.b = top.recipient;
        }
      }
      const series =
        form.a && form.b
          ? await dyadSeries(store, {
              a: form.a,
              b: form.b,
              by,
              ...(form.from ? { from: form.from } : {}),
              ...(form.to ? { to: form.to } : {}),
            })
          : null;
      const pickedRaw = str(q.period, 20);
      const picked = pickedRaw ? periodOf(pickedRaw, by) : null;
      if (pickedRaw && !picked) problems.push(`Not a period: ${pickedRaw}.`);
      if (picked) form.period = picked;
      const type = form.count !== 'all' && !/^q[1-4]$/.test(form.count) ? form.count : undefined;
      const events =
        picked && form.a && form.b
          ? await dyadEvents(store, { a: form.a, b: form.b, period: picked, ...(type ? { type } : {}) })
          : null;
      const quad = /^q([1-4])$/.exec(form.count);
      if (events && quad) events.items = events.items.filter((e) => e.happening.quad === Number(quad[1]));
      if (series && q.format && !events) {
        const sent = sendTable(
          reply,
          q.format,
          `relations-${series.a}-${series.b}-${by}`,
          periodColumns(form, series.a, series.b),
          series.periods,
        );
        if (sent) return sent;
      }
      if (events && q.format) {
        const sent = sendTable(
          reply,
          q.format,
          `relations-${events.a}-${events.b}-${picked}`,
          eventColumns,
          events.items,
        );
        if (sent) return sent;
      }
      return reply
        .code(problems.length > 0 ? 400 : 200)
        .type(HTML)
        .send(
          relationsPage({
            form,
            series,
            events,
            suggestions,
            ...(problems.length > 0 ? { problem: problems.join(' ') } : {}),
          }),
        );
    },
  );

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/stories/:id',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const story = await getStory(store, Number(request.params.id));
      if (!story) return notFound(reply, `No story with id “${request.params.id}”.`);
      const sent = sendTable(
        reply,
        request.query.format,
        `story-${story.id}`,
        storyArticleColumns,
        story.articles,
      );
      if (sent) return sent;
      return reply.type(HTML).send(storyPage(story));
    },
  );

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/happenings/:id',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const id = Number(request.params.id);
      const view = Number.isSafeInteger(id) && id > 0 ? await happeningEvidence(store, id) : null;
      if (!view) return notFound(reply, `No happening with id “${request.params.id}”.`);
      const sent = sendTable(reply, request.query.format, `happening-${id}`, mentionColumns, view.mentions);
      if (sent) return sent;
      return reply.type(HTML).send(eventPage(view));
    },
  );

  app.get<{ Params: { id: string; idx: string } }>(
    '/documents/:id/events/:idx/explain',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const { id } = request.params;
      const idx = Number(request.params.idx);
      const view = await explainEvent(store, id, idx);
      if (!view) return notFound(reply, `No event ${request.params.idx} in document “${id}”.`);
      return reply.type(HTML).send(explainPage(view));
    },
  );

  app.get<{ Params: { id: string; idx: string } }>(
    '/documents/:id/events/:idx',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const { id } = request.params;
      const idx = Number(request.params.idx);
      const missing = `No event ${request.params.idx} in document “${id}”.`;
      if (!/^[0-9a-f]{64}$/.test(id) || !Number.isSafeInteger(idx) || idx < 0)
        return notFound(reply, missing);
      const happening = await happeningOfEvent(store, id, idx);
      if (happening) {
        const k = (await happeningEvidence(store, happening.id))?.mentions.findIndex(
          (m) => m.docId === id && m.idx === idx,
        );
        return reply.redirect(
          `/happenings/${happening.id}${k !== undefined && k >= 0 ? `#mention-${k}` : ''}`,
        );
      }
      const [evidence] = await evidenceFor(store, [{ docId: id, idx }]);
      if (!evidence) return notFound(reply, missing);
      return reply.type(HTML).send(
        loneEventPage({
          docId: id,
          idx,
          title: evidence.title,
          uri: evidence.uri,
          published: evidence.published,
          source: '',
          sentence: evidence.sentence.index,
          reason: '',
          evidence,
        }),
      );
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    '/network',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const q = request.query;
      const level = q.level === 'sector' || q.level === 'entity' ? q.level : 'country';
      const form: NetworkForm = { level };
      const problems: string[] = [];
      for (const key of ['from', 'to'] as const) {
        const v = str(q[key], 20);
        if (v && MONTH.test(v)) form[key] = v;
        else if (v) problems.push(`Not a month: ${v} (use YYYY-MM); that bound was ignored.`);
      }
      const type = str(q.type, 40);
      if (type && TYPE.test(type)) form.type = type.toUpperCase();
      const [graph, types] = await Promise.all([
        networkGraph(store, {
          level,
          ...(form.from ? { from: form.from } : {}),
          ...(form.to ? { to: form.to } : {}),
          ...(form.type ? { type: form.type } : {}),
        }),
        eventTypes(store),
      ]);
      const sent = sendTable(reply, q.format, 'network', edgeColumns(form), graph.edges);
      if (sent) return sent;
      return reply
        .code(problems.length > 0 ? 400 : 200)
        .type(HTML)
        .send(networkPage(form, graph, types, problems.join(' ') || undefined));
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    '/map',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const q = request.query;
      const form: MapForm = {};
      const problems: string[] = [];
      for (const key of ['from', 'to'] as const) {
        const v = str(q[key], 20);
        if (v && DAY_BOUND.test(v)) form[key] = v;
        else if (v)
          problems.push(`Not a date: ${v} (use YYYY, YYYY-MM or YYYY-MM-DD); that bound was ignored.`);
      }
      const type = str(q.type, 40);
      if (type && TYPE.test(type)) form.type = type.toUpperCase();
      const place = str(q.place, 2000);
      if (place) form.place = place;
      const [data, types] = await Promise.all([
        placeCounts(store, {
          ...(form.type ? { type: form.type } : {}),
          ...(form.from ? { from: form.from } : {}),
          ...(form.to ? { to: form.to } : {}),
        }),
        eventTypes(store),
      ]);
      const keys = new Set((form.place ?? '').split(','));
      const picked = data.places.filter((p) => keys.has(p.place));
      const events = form.place
        ? await happeningsById(
            store,
            picked.flatMap((p) => p.happenings),
          )
        : null;
      if (events) {
        const sent = sendTable(reply, q.format, 'map-events', eventColumns, events);
        if (sent) return sent;
      }
      const sent = sendTable(reply, q.format, 'map-places', placeColumns, data.places);
      if (sent) return sent;
      return reply
        .code(problems.length > 0 ? 400 : 200)
        .type(HTML)
        .send(mapPage(form, data, types, events, problems.join(' ') || undefined));
    },
  );

  app.get<{ Params: { key: string }; Querystring: Record<string, unknown> }>(
    '/actors/:key',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const profile = await actorProfile(store, request.params.key.slice(0, 200));
      if (!profile) return notFound(reply, `No events or mentions of “${request.params.key}”.`);
      const sent = sendTable(
        reply,
        request.query.format,
        `actor-${profile.key}`,
        counterpartColumns(profile.key),
        profile.counterparts,
      );
      if (sent) return sent;
      return reply.type(HTML).send(actorPage(profile));
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    '/search',
    { schema: PAGE_SCHEMA },
    async (request, reply) => {
      const q = request.query;
      const kind = (SEARCH_KINDS as readonly string[]).includes(String(q.kind))
        ? (q.kind as SearchKind)
        : 'articles';
      const form: SearchForm = { kind };
      const problems: string[] = [];
      const words = str(q.q, 500);
      if (words) form.q = words;
      const type = str(q.type, 40);
      if (type && TYPE.test(type)) form.type = type;
      const status = str(q.status, 20);
      if (status && (EVENT_STATUSES as readonly string[]).includes(status))
        form.status = status as SearchForm['status'];
      const country = str(q.country, 10);
      if (country && /^[A-Za-z]{3}$/.test(country)) form.country = country.toUpperCase();
      else if (country) problems.push(`Not a country code: ${country} (use ISO 3166 alpha-3, e.g. GRC).`);
      for (const key of ['from', 'to'] as const) {
        const v = str(q[key], 20);
        if (v && DAY_BOUND.test(v)) form[key] = v;
        else if (v)
          problems.push(`Not a date: ${v} (use YYYY, YYYY-MM or YYYY-MM-DD); that bound was ignored.`);
      }
      const source = str(q.source, 200);
      if (source) form.source = source;
      const { kind: _, ...params } = form;
      const result = await search(store, params);
      const sent =
        kind === 'articles'
          ? sendTable(reply, q.format, 'search-articles', articleColumns(result.sources), result.articles)
          : kind === 'events'
            ? sendTable(reply, q.format, 'search-events', eventRowColumns(result.sources), result.events)
            : sendTable(reply, q.format, 'search-entities', entityColumns, result.entities);
      if (sent) return sent;
      return reply
        .code(problems.length > 0 ? 400 : 200)
        .type(HTML)
        .send(searchPage(form, result, problems.join(' ') || undefined));
    },
  );
}
