import {
  type DyadSeries,
  type DyadSide,
  dyadCsv,
  dyadSeries,
  getHappening,
  listHappenings,
  topRelations,
} from '../services/relations.js';
import { getStory, listStories } from '../services/stories.js';
import { openStore } from '../store/index.js';
import type { HappeningRow, RelationGranularity, StoryRow, TopRelationsQuery } from '../store/repository.js';
import type { Io } from './ingest-command.js';

export interface DyadOptions {
  db: string;
  by: RelationGranularity;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
}

const QUADS = ['verbal coop', 'material coop', 'verbal conflict', 'material conflict'];

/** `tidings dyad A B --by month`: the kept relation counts of two actors, both ways, period by period. */
export async function runDyad(a: string, b: string, opts: DyadOptions, io: Io): Promise<DyadSeries> {
  const store = await openStore(opts.db);
  try {
    const series = await dyadSeries(store, {
      a,
      b,
      by: opts.by,
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
    });
    if (opts.json) io.out(`${JSON.stringify(series)}\n`);
    else if (opts.csv) io.out(dyadCsv(series));
    else io.out(formatDyad(series));
    return series;
  } finally {
    await store.close();
  }
}

function formatSide(side: DyadSide): string {
  if (side.events === 0 && side.mentions === 0) return '—';
  const quads = [1, 2, 3, 4].map((q) => side.quad[q as 1 | 2 | 3 | 4]).join('/');
  const g =
    side.goldsteinMean === null
      ? ''
      : ` G ${side.goldsteinMean >= 0 ? '+' : ''}${side.goldsteinMean.toFixed(1)}`;
  return `${side.events} (${side.mentions} mentions) q ${quads}${g}`;
}

export function formatDyad(series: DyadSeries): string {
  if (series.periods.length === 0) return `no happenings between ${series.a} and ${series.b}\n`;
  const left = `${series.a} → ${series.b}`;
  const rows = series.periods.map((p) => [p.period.slice(2), formatSide(p.ab), formatSide(p.ba)]);
  const w0 = Math.max(6, ...rows.map((r) => (r[0] as string).length));
  const w1 = Math.max(left.length, ...rows.map((r) => (r[1] as string).length));
  const header = `${'period'.padEnd(w0)}  ${left.padEnd(w1)}  ${series.b} → ${series.a}`;
  return `${[header, ...rows.map((r) => `${(r[0] as string).padEnd(w0)}  ${(r[1] as string).padEnd(w1)}  ${r[2]}`)].join('\n')}
happenings (mentions), quad classes ${QUADS.join('/')}, mean Goldstein\n`;
}

export interface TopOptions {
  db: string;
  level: TopRelationsQuery['level'];
  from?: string;
  to?: string;
  limit: number;
  json?: boolean;
}

/** `tidings top dyads|actors`: the most active pairs or actors in a range of months. */
export async function runTop(kind: TopRelationsQuery['kind'], opts: TopOptions, io: Io): Promise<void> {
  const store = await openStore(opts.db);
  try {
    const rows = await topRelations(store, {
      kind,
      level: opts.level,
      limit: opts.limit,
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
    });
    if (opts.json) {
      io.out(`${JSON.stringify(rows)}\n`);
      return;
    }
    for (const r of rows) {
      const name = r.recipient === null ? r.actor : `${r.actor} → ${r.recipient}`;
      const g = r.goldsteinMean === null ? '' : `  G ${r.goldsteinMean.toFixed(2)}`;
      io.out(`${String(r.events).padStart(7)}  ${name}  (${r.mentions} mentions)${g}\n`);
    }
    if (rows.length === 0) io.out('no happenings in that range\n');
  } finally {
    await store.close();
  }
}

export interface HappeningsOptions {
  db: string;
  id?: number;
  actor?: string;
  recipient?: string;
  type?: string;
  from?: string;
  to?: string;
  minSources?: number;
  limit: number;
  json?: boolean;
}

function describe(h: HappeningRow): string {
  const side = (p: HappeningRow['actor']) =>
    p ? [p.country, p.sector].filter(Boolean).join('.') || p.entity || p.text : '-';
  return `#${h.id} ${h.day} ${h.type} ${side(h.actor)} → ${side(h.recipient)}  mentions ${h.numMentions}, articles ${h.numArticles}, sources ${h.numSources}`;
}

/** `tidings happenings`: one record per real-world event; `--id N` shows every report of one. */
export async function runHappenings(opts: HappeningsOptions, io: Io): Promise<number> {
  const store = await openStore(opts.db);
  try {
    if (opts.id !== undefined) {
      const h = await getHappening(store, opts.id);
      if (!h) {
        io.err(`no happening #${opts.id}\n`);
        return 1;
      }
      if (opts.json) io.out(`${JSON.stringify(h)}\n`);
      else {
        io.out(`${describe(h)}\n`);
        for (const m of h.mentions) {
          io.out(
            `  ${m.published ?? '?'}  ${m.source}  ${m.title ?? m.uri}  [event ${m.idx}] — ${m.reason}\n`,
          );
        }
      }
      return 0;
    }
    const page = await listHappenings(store, {
      limit: opts.limit,
      ...(opts.actor ? { actor: opts.actor } : {}),
      ...(opts.recipient ? { recipient: opts.recipient } : {}),
      ...(opts.type ? { type: opts.type } : {}),
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
      ...(opts.minSources ? { minSources: opts.minSources } : {}),
    });
    if (opts.json) io.out(`${JSON.stringify(page)}\n`);
    else {
      for (const h of page.items) io.out(`${describe(h)}\n`);
      io.out(`${page.items.length} of ${page.total}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

export interface StoriesOptions {
  db: string;
  id?: number;
  from?: string;
  to?: string;
  minSize?: number;
  limit: number;
  json?: boolean;
}

function describeStory(s: StoryRow): string {
  const seen =
    s.firstSeen === s.lastSeen ? (s.firstSeen ?? '?') : `${s.firstSeen ?? '?'}…${s.lastSeen ?? '?'}`;
  const sources = s.sources.slice(0, 4).join(', ') + (s.numSources > 4 ? ', …' : '');
  return `#${s.id} ${seen}  ${s.label}  — ${s.size} article${s.size === 1 ? '' : 's'}, ${s.numSources} source${s.numSources === 1 ? '' : 's'} (${sources})`;
}

/** `tidings stories`: story clusters, the latest first; `--id N` lists one story's articles. */
export async function runStories(opts: StoriesOptions, io: Io): Promise<number> {
  const store = await openStore(opts.db);
  try {
    if (opts.id !== undefined) {
      const story = await getStory(store, opts.id);
      if (!story) {
        io.err(`no story #${opts.id}\n`);
        return 1;
      }
      if (opts.json) io.out(`${JSON.stringify(story)}\n`);
      else {
        io.out(`${describeStory(story)}\n`);
        if (story.eventTypes.length > 0) io.out(`  events: ${story.eventTypes.join(', ')}\n`);
        for (const a of story.articles)
          io.out(`  ${a.published ?? '?'}  ${a.source}  ${a.title ?? a.uri}  (score ${a.score})\n`);
      }
      return 0;
    }
    const page = await listStories(store, {
      limit: opts.limit,
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
      ...(opts.minSize ? { minSize: opts.minSize } : {}),
    });
    if (opts.json) io.out(`${JSON.stringify(page)}\n`);
    else {
      for (const s of page.items) io.out(`${describeStory(s)}\n`);
      io.out(`${page.items.length} of ${page.total} stories\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
