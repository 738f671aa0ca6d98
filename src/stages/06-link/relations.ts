import { formatWeek, parseAnchor } from '../../core/calendar-math.js';
import type { Party } from './happenings.js';

/**
 * Relations over time are kept as counts, updated as happenings arrive, so "Russia and China, month
 * by month" reads a few precomputed rows. An actor is named three ways, and each happening counts
 * under every pair of its names: a country (`RUS`), a country and sector (`RUS.GOV`), an entity
 * (`person:vladimir-putin`); a side nobody resolved is `-`. Each happening counts once at each of
 * three periods: `d:2024-05-16`, `w:2024-W20`, `m:2024-05`.
 */

export type ActorKind = 'country' | 'sector' | 'entity' | 'none';

export interface ActorKey {
  key: string;
  kind: ActorKind;
}

export const NO_ACTOR: ActorKey = { key: '-', kind: 'none' };

/** The names a party is counted under (`-` alone when it has none). */
export function actorKeys(p: Party | null): ActorKey[] {
  if (!p) return [NO_ACTOR];
  const keys: ActorKey[] = [];
  if (p.country) {
    keys.push({ key: p.country, kind: 'country' });
    if (p.sector) keys.push({ key: `${p.country}.${p.sector}`, kind: 'sector' });
  }
  // A country entity (`country:RUS`) is the country itself, already counted.
  if (p.entity && !p.entity.startsWith('country:')) keys.push({ key: p.entity, kind: 'entity' });
  return keys.length > 0 ? keys : [NO_ACTOR];
}

/** What a user types for an actor: `rus` → `RUS`, `rus.gov` → `RUS.GOV`, an entity id as it is. */
export function parseActor(value: string): ActorKey {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v)) return { key: v.toUpperCase(), kind: 'country' };
  if (/^[A-Za-z]{3}\.[A-Za-z]{3}$/.test(v)) return { key: v.toUpperCase(), kind: 'sector' };
  if (v === '-' || v === '') return NO_ACTOR;
  return { key: v, kind: 'entity' };
}

export type Granularity = 'day' | 'week' | 'month';

const PREFIX: Record<Granularity, string> = { day: 'd', week: 'w', month: 'm' };

/** The period keys a day counts under, one per granularity. */
export function periodKeys(day: string): string[] {
  const anchor = parseAnchor(day);
  if (!anchor) return [];
  return [`d:${day.slice(0, 10)}`, `w:${formatWeek(anchor)}`, `m:${day.slice(0, 7)}`];
}

/** The period key of a day at one granularity. */
export function periodKey(day: string, by: Granularity): string | null {
  const anchor = parseAnchor(day);
  if (!anchor) return null;
  if (by === 'day') return `d:${day.slice(0, 10)}`;
  if (by === 'week') return `w:${formatWeek(anchor)}`;
  return `m:${day.slice(0, 7)}`;
}

export function periodPrefix(by: Granularity): string {
  return PREFIX[by];
}

/** One row's increment: a happening counted under one pair of names and one period. */
export interface RelationDelta {
  actor: string;
  recipient: string;
  actorKind: ActorKind;
  recipientKind: ActorKind;
  period: string;
  type: string;
  quad: number;
  /** 1 when the happening is new, 0 when a mention joined a counted one. */
  events: number;
  mentions: number;
  goldsteinSum: number;
  goldsteinN: number;
}

export interface CountedHappening {
  type: string;
  quad: number | null;
  goldstein: number | null;
  actor: Party | null;
  recipient: Party | null;
  day: string;
}

/**
 * The increments for one mention: a new happening adds an event (and its Goldstein score), a mention
 * of a kept one adds a mention only. Sorted by key, so concurrent writers lock rows in one order.
 */
export function relationDeltas(h: CountedHappening, isNew: boolean): RelationDelta[] {
  const deltas: RelationDelta[] = [];
  const periods = periodKeys(h.day);
  const hasScore = isNew && h.goldstein !== null;
  for (const a of actorKeys(h.actor)) {
    for (const r of actorKeys(h.recipient)) {
      if (a.kind === 'none' && r.kind === 'none') continue;
      for (const period of periods) {
        deltas.push({
          actor: a.key,
          recipient: r.key,
          actorKind: a.kind,
          recipientKind: r.kind,
          period,
          type: h.type,
          quad: h.quad ?? 0,
          events: isNew ? 1 : 0,
          mentions: 1,
          goldsteinSum: hasScore ? (h.goldstein as number) : 0,
          goldsteinN: hasScore ? 1 : 0,
        });
      }
    }
  }
  return deltas.sort((x, y) =>
    x.actor < y.actor
      ? -1
      : x.actor > y.actor
        ? 1
        : x.recipient < y.recipient
          ? -1
          : x.recipient > y.recipient
            ? 1
            : x.period < y.period
              ? -1
              : x.period > y.period
                ? 1
                : x.type < y.type
                  ? -1
                  : x.type > y.type
                    ? 1
                    : x.quad - y.quad,
  );
}
