import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import type { RouteContext } from '../../api/route-context.js';
import type { Repository } from '../../services/query.js';
import { dyadSeries, topRelations } from '../../services/relations.js';
import { dyadEvents, periodOf } from '../../services/workspace-relations.js';
import { WORKSPACE_ASSETS, WORKSPACE_SCRIPT, WORKSPACE_STYLE } from './client.js';
import { eventColumns, periodColumns, type RelationsForm, relationsPage } from './relations-page.js';
import { type Column, tableCsv, tableJson } from './table.js';
import { VENDOR, vendorBytes } from './vendor.js';

/** Forms send strings; pages read them leniently (the JSON API is the strict one). */
export function str(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
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
}
