import type { Analysis } from '../../core/analysis.js';
import { addDays, type Day, formatDay, parseAnchor } from '../../core/calendar-math.js';
import type { EventParticipant, EventStatus } from '../../core/doc.js';
import type { LinkStep } from './link-step.js';

/**
 * One event per happening. Every event an article asserts is a mention; mentions from any article
 * with the same type, compatible actors and recipients, the same place (when both name one) and
 * overlapping dates are one happening, counted as GDELT counts an event: NumMentions (every
 * mention, several in one article included), NumArticles (distinct documents), NumSources
 * (distinct outlets). Mentions are kept, so a merge can be explained and undone.
 */

/** Statuses that report something as having happened; negated, future and hypothetical events are not happenings. */
const HAPPENED: ReadonlySet<EventStatus> = new Set<EventStatus>(['asserted', 'historical']);

/** How far apart two date ranges may lie and still be one happening (a report the next day). */
export const MERGE_SLACK_DAYS = 1;

export interface Party {
  country: string | null;
  sector: string | null;
  entity: string | null;
  text: string | null;
}

export interface Mention {
  docId: string;
  /** Index of the event in its document. */
  idx: number;
  type: string;
  quad: number | null;
  cameo: string | null;
  goldstein: number | null;
  actor: Party | null;
  recipient: Party | null;
  /** The place it happened: a location entity id or its country. */
  place: string | null;
  /** First and last day the happening may fall on (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The day it is counted on in relations over time: the stated day (or week's Monday), else the report's day. */
  day: string;
  /** The outlet: the site's name, else the host of the article's URL, else its uri. */
  source: string;
  sentence: number;
  published: string | null;
}

/** What the store keeps of a happening, and compares a new mention with. */
export interface HappeningKey {
  type: string;
  actor: Party | null;
  recipient: Party | null;
  place: string | null;
  from: string;
  to: string;
}

function party(p: EventParticipant | undefined): Party | null {
  if (!p) return null;
  const country = p.country ?? null;
  const entity = p.entity ?? null;
  const sector = p.sector ?? null;
  if (!country && !entity && !sector) return null;
  return { country, sector, entity, text: p.text ?? null };
}

/** The outlet a document came from. */
export function sourceOf(analysis: Pick<Analysis, 'source'>): string {
  const { source } = analysis;
  if (source.meta?.siteName) return source.meta.siteName.trim().toLowerCase();
  for (const candidate of [source.url, source.uri]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname.replace(/^www\./, '');
    } catch {
      // not a URL: a file path or stdin
    }
  }
  return source.uri;
}

/** The days an event may fall on: a stated day or week, else the day of the report and the day before. */
export function dayRange(
  date: string | undefined,
  published: string | null,
): { from: string; to: string; day: string } | null {
  if (date) {
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (day) {
      const d = `${day[1]}-${day[2]}-${day[3]}`;
      return { from: d, to: d, day: d };
    }
    const week = /^(\d{4})-W(\d{2})$/.exec(date);
    if (week) {
      const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
      if (monday)
        return { from: formatDay(monday), to: formatDay(addDays(monday, 6)), day: formatDay(monday) };
    }
  }
  const anchor = parseAnchor(published ?? undefined);
  if (!anchor) return null;
  return { from: formatDay(addDays(anchor, -1)), to: formatDay(anchor), day: formatDay(anchor) };
}

function isoWeekMonday(year: number, week: number): Day | null {
  if (week < 1 || week > 53) return null;
  const jan4: Day = { y: year, m: 1, d: 4 };
  const dow = new Date(Date.UTC(year, 0, 4)).getUTCDay() || 7;
  return addDays(jan4, (week - 1) * 7 - (dow - 1));
}

/** The mentions of happenings in one analysis: asserted or historical events with a date or a publication date. */
export function mentionsOf(analysis: Analysis): Mention[] {
  const source = sourceOf(analysis);
  const mentions: Mention[] = [];
  analysis.events.forEach((event, idx) => {
    if (!HAPPENED.has(event.status)) return;
    const range = dayRange(event.date, analysis.published);
    if (!range) return;
    mentions.push({
      docId: analysis.id,
      idx,
      type: event.type,
      quad: event.quad ?? null,
      cameo: event.cameo ?? null,
      goldstein: event.goldstein ?? null,
      actor: party(event.actor),
      recipient: party(event.recipient),
      place: event.location?.entity ?? event.location?.country ?? null,
      ...range,
      source,
      sentence: event.sentence,
      published: analysis.published,
    });
  });
  return mentions;
}

export const mentionsStep: LinkStep<Mention[]> = {
  name: 'mentions',
  needs: ['id', 'events', 'published', 'source'],
  adds: 'one mention per asserted event, with its outlet and the days it may fall on',
  run: mentionsOf,
};

/** A mention names someone on at least one side by country: only then can reports be told apart. */
export function isMergeable(m: Pick<Mention, 'actor' | 'recipient'>): boolean {
  return Boolean(m.actor?.country || m.recipient?.country);
}

/** Two values agree when either is unknown or they are equal. */
function agree(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/**
 * The entity a side names beyond its country: none when it names the country itself ("Russia",
 * `country:RUS`), which is compatible with any person or body of that country ("Putin").
 */
function specific(p: Party): string | null {
  return p.entity === null || p.entity === `country:${p.country}` ? null : p.entity;
}

function sameSide(a: Party | null, b: Party | null, side: string, why: string[]): boolean {
  if (a === null || b === null) {
    if (a !== b) return false;
    return true;
  }
  if (a.country !== b.country) return false;
  if (!agree(a.sector, b.sector) || !agree(specific(a), specific(b))) return false;
  const named = [a.country, a.sector ?? b.sector, a.entity ?? b.entity].filter(Boolean).join('/');
  why.push(`${side} ${named}`);
  return true;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/**
 * Places agree when either is unknown, they are equal, or one is only a country ("country:CHN": the
 * sides' countries already agree) and the other a place named more precisely ("city:beijing").
 */
function samePlace(a: string | null, b: string | null): boolean {
  if (agree(a, b)) return true;
  const country = (p: string) => p.startsWith('country:');
  return country(a as string) !== country(b as string);
}

/**
 * Why a mention is the same happening as a kept one, or null when it is not: same type, the same
 * country on each side with no conflicting sector or entity, the same place when both name one, and
 * date ranges at most MERGE_SLACK_DAYS apart.
 */
export function mergeReason(m: HappeningKey, h: HappeningKey): string | null {
  if (m.type !== h.type) return null;
  const why = [`type ${m.type}`];
  if (!sameSide(m.actor, h.actor, 'actor', why)) return null;
  if (!sameSide(m.recipient, h.recipient, 'recipient', why)) return null;
  if (!samePlace(m.place, h.place)) return null;
  if (m.place && h.place) why.push(`place ${m.place}`);
  const gap = Math.max(daysBetween(h.to, m.from), daysBetween(m.to, h.from), 0);
  if (gap > MERGE_SLACK_DAYS) return null;
  why.push(gap === 0 ? `dates overlap (${m.from}…${m.to} / ${h.from}…${h.to})` : `dates ${gap} day apart`);
  return why.join('; ');
}

/** The best kept happening for a mention: the one whose dates lie closest, the earliest first. */
export function pickHappening<H extends HappeningKey & { id: number }>(
  m: HappeningKey,
  candidates: readonly H[],
): { happening: H; reason: string } | null {
  let best: { happening: H; reason: string; gap: number } | null = null;
  for (const h of candidates) {
    const reason = mergeReason(m, h);
    if (reason === null) continue;
    const gap = Math.abs(daysBetween(h.from, m.from));
    if (best === null || gap < best.gap || (gap === best.gap && h.id < best.happening.id)) {
      best = { happening: h, reason, gap };
    }
  }
  return best ? { happening: best.happening, reason: best.reason } : null;
}

/** A happening's range after a mention joined it: the overlap when there is one, else both. */
export function joinRange(
  h: { from: string; to: string },
  m: { from: string; to: string },
): { from: string; to: string } {
  const from = [h.from, m.from].sort()[1] as string;
  const to = [h.to, m.to].sort()[0] as string;
  if (from <= to) return { from, to };
  return { from: [h.from, m.from].sort()[0] as string, to: [h.to, m.to].sort()[1] as string };
}
