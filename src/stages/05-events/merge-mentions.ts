import type { EventParticipant, NewsEvent } from '../../core/doc.js';

/** One report of a happening inside an article: where it is told and by which rule. */
export type EventMention = NonNullable<NewsEvent['mentions']>[number];

/** Both name the same entity with the same sector (or, without entities, the same words). */
function sameSide(a: EventParticipant | undefined, b: EventParticipant | undefined): boolean {
  if (!a || !b) return false;
  // "Chinese state media" (CHN, MED) is not China.
  if (a.sector !== b.sector) return false;
  if (a.entity && b.entity) return a.entity === b.entity;
  if (a.entity || b.entity) return false;
  return a.text.toLowerCase() === b.text.toLowerCase();
}

/** Dates agree when one is missing or only the document's, or one is the other's period ("2024-05" and "2024-05-16"). */
function sameTime(a: NewsEvent, b: NewsEvent): boolean {
  if (!a.date || !b.date || a.dateFrom !== 'text' || b.dateFrom !== 'text') return true;
  return a.date.startsWith(b.date) || b.date.startsWith(a.date);
}

/**
 * Whether two coded events of different sentences report the same happening (issue 7 item 6): the same type, status,
 * mode and CAMEO root, the same actor and recipient (both known), and dates that agree.
 */
export function sameHappening(a: NewsEvent, b: NewsEvent): boolean {
  // Two triggers of one sentence are two acts ("will meet Xi and sign an agreement").
  if (a.sentence === b.sentence) return false;
  if (a.type !== b.type || a.status !== b.status) return false;
  if (a.mode !== b.mode) return false;
  if (a.cameo && b.cameo && a.cameo.slice(0, 2) !== b.cameo.slice(0, 2)) return false;
  // Both sides known and the same on both: "Putin hailed …" and "Putin also praised China" may be two acts.
  return sameSide(a.actor, b.actor) && sameSide(a.recipient, b.recipient) && sameTime(a, b);
}

function mentionOf(e: NewsEvent): EventMention {
  return { sentence: e.sentence, start: e.start, end: e.end, trigger: e.trigger, rule: e.rule };
}

/** A city or place is a more precise location than a country. */
function placeRank(p: EventParticipant): number {
  return p.entity?.startsWith('country:') ? 1 : 0;
}

/**
 * Folds later mentions of the same happening into its first mention: the event keeps the first
 * mention's trigger, rule and evidence, lists every mention (`mentions`, text order), and takes
 * from the later ones what the first lacks (a date its own clause gives, a more precise place,
 * the report it is told in). Linear in events times the happenings kept per type (each a short list).
 */
export function mergeMentions(events: NewsEvent[]): NewsEvent[] {
  const kept: NewsEvent[] = [];
  const byType = new Map<string, NewsEvent[]>();
  for (const e of events) {
    const same = byType.get(e.type)?.find((k) => sameHappening(k, e));
    if (!same) {
      kept.push(e);
      const list = byType.get(e.type);
      if (list) list.push(e);
      else byType.set(e.type, [e]);
      continue;
    }
    same.mentions ??= [mentionOf(same)];
    same.mentions.push(mentionOf(e));
    if (e.dateFrom === 'text' && same.dateFrom !== 'text' && e.date) {
      same.date = e.date;
      same.dateFrom = 'text';
      if (e.dateGranularity) same.dateGranularity = e.dateGranularity;
    }
    if (e.location && (!same.location || placeRank(e.location) < placeRank(same.location)))
      same.location = e.location;
    if (!same.attribution && e.attribution) same.attribution = e.attribution;
  }
  return kept;
}
