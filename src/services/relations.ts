import { parseActor } from '../stages/06-link/index.js';
import type {
  HappeningDetail,
  HappeningQuery,
  HappeningRow,
  NearDuplicates,
  Page,
  RelationCountRow,
  RelationGranularity,
  Repository,
  TopRelationRow,
  TopRelationsQuery,
} from '../store/repository.js';
import { offsetOfCursor, withOffsetNext } from './page-cursors.js';
import { clampInt, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from './query.js';

/** One direction of a dyad in one period. */
export interface DyadSide {
  /** Happenings (merged across articles), and the mentions that reported them. */
  events: number;
  mentions: number;
  /** Mean Goldstein score of the happenings, null when none had one. */
  goldsteinMean: number | null;
  /** Happenings per quad class: 1 verbal cooperation … 4 material conflict. */
  quad: { 1: number; 2: number; 3: number; 4: number };
  /** Happenings per PLOVER type. */
  types: Record<string, number>;
}

export interface DyadPeriod {
  period: string;
  /** a acting on b, and b on a. */
  ab: DyadSide;
  ba: DyadSide;
}

export interface DyadSeries {
  a: string;
  b: string;
  by: RelationGranularity;
  periods: DyadPeriod[];
}

export interface DyadParams {
  a: string;
  b: string;
  by?: RelationGranularity;
  from?: string;
  to?: string;
}

function emptySide(): DyadSide & { goldsteinSum: number; goldsteinN: number } {
  return {
    events: 0,
    mentions: 0,
    goldsteinMean: null,
    quad: { 1: 0, 2: 0, 3: 0, 4: 0 },
    types: {},
    goldsteinSum: 0,
    goldsteinN: 0,
  };
}

/**
 * How two actors have been getting on, period by period, both ways: read from the kept relation
 * counts (a few rows a period), never from the events themselves.
 */
export async function dyadSeries(store: Repository, params: DyadParams): Promise<DyadSeries> {
  const by = params.by ?? 'month';
  const rows = await store.relationCounts({
    a: params.a,
    b: params.b,
    by,
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
  });
  return { a: parseActor(params.a).key, b: parseActor(params.b).key, by, periods: foldPeriods(rows) };
}

/** Folds count rows (period × direction × type × quad) into one entry per period. */
export function foldPeriods(rows: readonly RelationCountRow[]): DyadPeriod[] {
  const periods = new Map<string, { ab: ReturnType<typeof emptySide>; ba: ReturnType<typeof emptySide> }>();
  for (const row of rows) {
    let p = periods.get(row.period);
    if (!p) {
      p = { ab: emptySide(), ba: emptySide() };
      periods.set(row.period, p);
    }
    const side = p[row.direction];
    side.events += row.events;
    side.mentions += row.mentions;
    side.goldsteinSum += row.goldsteinSum;
    side.goldsteinN += row.goldsteinN;
    if (row.quad >= 1 && row.quad <= 4) side.quad[row.quad as 1 | 2 | 3 | 4] += row.events;
    side.types[row.type] = (side.types[row.type] ?? 0) + row.events;
  }
  const finish = ({ goldsteinSum, goldsteinN, ...side }: ReturnType<typeof emptySide>): DyadSide => ({
    ...side,
    goldsteinMean: goldsteinN > 0 ? Math.round((goldsteinSum / goldsteinN) * 1000) / 1000 : null,
  });
  return [...periods.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([period, p]) => ({ period, ab: finish(p.ab), ba: finish(p.ba) }));
}

/** The dyad series as CSV: one line per period and direction. */
export function dyadCsv(series: DyadSeries): string {
  const lines = ['period,actor,recipient,events,mentions,goldstein_mean,quad1,quad2,quad3,quad4,types'];
  for (const p of series.periods) {
    for (const [dir, side] of [
      ['ab', p.ab],
      ['ba', p.ba],
    ] as const) {
      const [actor, recipient] = dir === 'ab' ? [series.a, series.b] : [series.b, series.a];
      const types = Object.entries(side.types)
        .map(([t, n]) => `${t}:${n}`)
        .join(' ');
      lines.push(
        [
          p.period.slice(2),
          csvField(actor),
          csvField(recipient),
          side.events,
          side.mentions,
          side.goldsteinMean ?? '',
          side.quad[1],
          side.quad[2],
          side.quad[3],
          side.quad[4],
          csvField(types),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface TopParams {
  kind?: TopRelationsQuery['kind'];
  level?: TopRelationsQuery['level'];
  from?: string;
  to?: string;
  limit?: number;
}

export function topRelations(store: Repository, params: TopParams): Promise<TopRelationRow[]> {
  return store.topRelations({
    kind: params.kind ?? 'dyads',
    level: params.level ?? 'country',
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
    limit: clampInt(params.limit, 20, 1, MAX_LIMIT),
  });
}

export type HappeningParams = Partial<Omit<HappeningQuery, 'limit' | 'offset'>> & {
  limit?: number;
  offset?: number;
  /** The `next` of the page before. */
  cursor?: string;
};

export async function listHappenings(
  store: Repository,
  params: HappeningParams,
): Promise<Page<HappeningRow> & { next: string | null }> {
  const { limit, offset, cursor, ...filters } = params;
  const query: HappeningQuery = {
    limit: clampInt(limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: cursor ? offsetOfCursor('happenings', cursor) : clampInt(offset, 0, 0, MAX_OFFSET),
  };
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === '') continue;
    (query as unknown as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  }
  return withOffsetNext('happenings', await store.listHappenings(query));
}

export function getHappening(store: Repository, id: number): Promise<HappeningDetail | null> {
  return store.getHappening(id);
}

export function getNearDuplicates(store: Repository, docId: string): Promise<NearDuplicates | null> {
  return store.getNearDuplicates(docId);
}
