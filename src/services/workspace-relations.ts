import { addDays, formatDay, parseAnchor } from '../core/calendar-math.js';
import { parseActor } from '../stages/06-link/index.js';
import type { RelationGranularity, Repository } from '../store/repository.js';
import { clampInt } from './query.js';
import { type EvidencedHappening, withEvidence } from './workspace-evidence.js';

/**
 * What the Relations and Network pages read beyond the dyad series (services/relations.ts): the
 * happenings behind one point of the chart, and the actor graph of a period.
 */

/**
 * The key an actor is counted under: `rus` → `RUS`, `country:RUS` → `RUS` (a country entity is
 * counted as its country), anything else as given.
 */
export function actorKey(value: string): string {
  const v = value.trim();
  const country = /^country:([A-Za-z]{3})$/.exec(v);
  return parseActor(country ? (country[1] as string) : v).key;
}

/** The first and last day of a period key (`m:2024-05`, `w:2024-W20`, `d:2024-05-16`); null when malformed. */
export function periodRange(period: string): { from: string; to: string } | null {
  let m = /^d:(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (m) return parseAnchor(m[1]) ? { from: m[1] as string, to: m[1] as string } : null;
  m = /^m:(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const first = { y, m: mo, d: 1 };
    const last = addDays(mo === 12 ? { y: y + 1, m: 1, d: 1 } : { y, m: mo + 1, d: 1 }, -1);
    return { from: formatDay(first), to: formatDay(last) };
  }
  m = /^w:(\d{4})-W(\d{2})$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > 53) return null;
    // ISO week 1 holds 4 January; its Monday starts the year's weeks.
    const jan4 = { y: year, m: 1, d: 4 };
    const jan4Weekday = new Date(Date.UTC(year, 0, 4)).getUTCDay() || 7;
    const monday = addDays(jan4, 1 - jan4Weekday + (week - 1) * 7);
    return { from: formatDay(monday), to: formatDay(addDays(monday, 6)) };
  }
  return null;
}

/** The period key of a granularity for a period given loosely (`2024-05` with `month` → `m:2024-05`). */
export function periodOf(value: string, by: RelationGranularity): string | null {
  const prefixed = /^[dwm]:/.test(value) ? value : `${by[0]}:${value}`;
  return periodRange(prefixed) ? prefixed : null;
}

export interface DyadEvent extends EvidencedHappening {
  /** `ab`: a acted on b; `ba`: b on a. */
  direction: 'ab' | 'ba';
}

export interface DyadEventsParams {
  a: string;
  b: string;
  /** A period key (`m:2024-05`, `w:2024-W20`, `d:2024-05-16`). */
  period?: string;
  /** Inclusive days instead of a period; neither: all time. */
  range?: { from: string; to: string };
  /** Only one direction. */
  direction?: 'ab' | 'ba';
  type?: string;
  /** At most this many per direction (default 100). */
  limit?: number;
}

/**
 * The happenings behind one point of the dyad chart: both directions (or one) in the period, each
 * with the sentence of its first report. Null when the period is malformed.
 */
export async function dyadEvents(
  store: Repository,
  params: DyadEventsParams,
): Promise<{
  a: string;
  b: string;
  period: string | null;
  from: string | null;
  to: string | null;
  items: DyadEvent[];
} | null> {
  const range = params.period ? periodRange(params.period) : (params.range ?? null);
  if (params.period && !range) return null;
  const a = actorKey(params.a);
  const b = actorKey(params.b);
  const limit = clampInt(params.limit, 100, 1, 500);
  const sides = (['ab', 'ba'] as const).filter((d) => !params.direction || params.direction === d);
  const pages = await Promise.all(
    sides.map((d) =>
      store.listHappenings({
        actor: d === 'ab' ? a : b,
        recipient: d === 'ab' ? b : a,
        ...(range ? { from: range.from, to: range.to } : {}),
        ...(params.type ? { type: params.type } : {}),
        limit,
        offset: 0,
      }),
    ),
  );
  const rows = pages.flatMap((page, k) =>
    page.items.map((happening) => ({ happening, direction: sides[k] as 'ab' | 'ba' })),
  );
  rows.sort((x, y) => (x.happening.day < y.happening.day ? -1 : x.happening.day > y.happening.day ? 1 : 0));
  return {
    a,
    b,
    period: params.period ?? null,
    from: range?.from ?? null,
    to: range?.to ?? null,
    items: await withEvidence(store, rows),
  };
}

export interface NetworkNode {
  id: string;
  /** Happenings it takes part in, either side, among the edges shown. */
  events: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  events: number;
  mentions: number;
  /** Mean Goldstein score (−10 conflict … +10 cooperation): the tone of the relation. */
  goldsteinMean: number | null;
}

export interface NetworkParams {
  level?: 'country' | 'sector' | 'entity';
  /** Inclusive `YYYY-MM` bounds. */
  from?: string;
  to?: string;
  /** Only happenings of this PLOVER type. */
  type?: string;
  /** At most this many edges, the busiest (default 60). */
  limit?: number;
}

/** Actors as nodes and the busiest actor → recipient pairs as edges, read from the kept counts. */
export async function networkGraph(
  store: Repository,
  params: NetworkParams,
): Promise<{ nodes: NetworkNode[]; edges: NetworkEdge[] }> {
  const rows = await store.topRelations({
    kind: 'dyads',
    level: params.level ?? 'country',
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
    ...(params.type ? { type: params.type.toUpperCase() } : {}),
    limit: clampInt(params.limit, 60, 1, 500),
  });
  const nodes = new Map<string, NetworkNode>();
  const edges: NetworkEdge[] = [];
  for (const row of rows) {
    if (!row.recipient) continue;
    for (const id of new Set([row.actor, row.recipient])) {
      const node = nodes.get(id) ?? { id, events: 0 };
      node.events += row.events;
      nodes.set(id, node);
    }
    edges.push({
      source: row.actor,
      target: row.recipient,
      events: row.events,
      mentions: row.mentions,
      goldsteinMean: row.goldsteinMean === null ? null : Math.round(row.goldsteinMean * 100) / 100,
    });
  }
  return { nodes: [...nodes.values()].sort((x, y) => y.events - x.events || (x.id < y.id ? -1 : 1)), edges };
}
