import type { EntityType, EventStatus } from '../core/doc.js';
import { sourceOf as outletOf } from '../stages/06-link/index.js';
import type { DocumentSummary, EntityRow, EventRow, Repository } from '../store/repository.js';

/**
 * One search over articles, events and entities, with facets. Words find articles through the
 * store's full-text index; the events are those of the matching articles (the newest articles when
 * there are no words); entities are matched by name. Facet counts are over what was read (at most
 * `SEARCH_ARTICLES` articles and `SEARCH_EVENTS` events), which the page states.
 */

export const SEARCH_ARTICLES = 100;
export const SEARCH_EVENTS = 2000;

export interface SearchParams {
  q?: string;
  /** Event type (PLOVER) or entity type. */
  type?: string;
  status?: EventStatus;
  /** ISO3: events with it on either side, entities of it. */
  country?: string;
  /** Inclusive `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: articles by publication date, events by their date. */
  from?: string;
  to?: string;
  /** An outlet: the host of the article's address (`example.org`). */
  source?: string;
}

export type Facet = { value: string; count: number }[];

export interface SearchResult {
  articles: DocumentSummary[];
  events: EventRow[];
  entities: EntityRow[];
  facets: {
    source: Facet;
    eventType: Facet;
    status: Facet;
    country: Facet;
    entityType: Facet;
  };
  /** The outlet of each article read, by document id. */
  sources: Record<string, string>;
  /** Articles matching the words (all), and how many were read for the facets. */
  read: { articles: number; matching: number; events: number };
}

/**
 * The outlet of each article, named as happenings name it (site name, the article's own URL's host,
 * else where the bytes came from): read from the stored analyses, since a JSONL line's `url` is there.
 */
async function outlets(store: Repository, docs: readonly DocumentSummary[]): Promise<Map<string, string>> {
  const analyses = await Promise.all(docs.map((d) => store.getDocument(d.id)));
  return new Map(
    docs.map((d, k) => [
      d.id,
      (() => {
        const a = analyses[k];
        return a ? outletOf(a) : d.uri;
      })(),
    ]),
  );
}

function facet(values: Iterable<string | null | undefined>): Facet {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, 30);
}

/** `date` within inclusive prefix bounds (`2024` ≤ `2024-05-16` ≤ `2024-12`). */
function inRange(date: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  if (from && date.slice(0, from.length) < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityType>([
  'country',
  'city',
  'place',
  'person',
  'organization',
]);

export async function search(store: Repository, params: SearchParams): Promise<SearchResult> {
  const q = params.q?.trim() ?? '';
  const docs = await store.listDocuments({
    ...(q ? { q } : {}),
    status: 'ok',
    limit: SEARCH_ARTICLES,
    offset: 0,
  });
  const sourceByDoc = await outlets(store, docs.items);
  const sourceOf = (d: DocumentSummary) => sourceByDoc.get(d.id) ?? d.uri;
  const dated = docs.items.filter((d) => inRange(d.published, params.from, params.to));
  const articles = params.source ? dated.filter((d) => sourceOf(d) === params.source) : dated;

  // The events of the articles the words found, filtered by what the store can filter.
  const eventType = params.type && !ENTITY_TYPES.has(params.type.toLowerCase()) ? params.type : undefined;
  const eventDocs = params.source ? docs.items.filter((d) => sourceOf(d) === params.source) : docs.items;
  const events: EventRow[] = [];
  for (const d of eventDocs) {
    if (events.length >= SEARCH_EVENTS) break;
    const page = await store.queryEvents({
      docId: d.id,
      ...(params.status ? { status: params.status } : {}),
      ...(params.from ? { from: params.from } : {}),
      ...(params.to ? { to: params.to } : {}),
      limit: Math.min(500, SEARCH_EVENTS - events.length),
      offset: 0,
    });
    events.push(...page.items);
  }
  const ofCountry = (e: EventRow) =>
    !params.country || e.actor?.country === params.country || e.recipient?.country === params.country;
  const ofType = (e: EventRow) => !eventType || e.type === eventType.toUpperCase();
  const keptEvents = events.filter((e) => ofCountry(e) && ofType(e));

  const entityType =
    params.type && ENTITY_TYPES.has(params.type.toLowerCase()) ? params.type.toLowerCase() : undefined;
  const entities = await store.listEntities({
    ...(q ? { q } : {}),
    ...(entityType ? { type: entityType as EntityType } : {}),
    ...(params.country ? { country: params.country } : {}),
    limit: 100,
    offset: 0,
  });

  return {
    articles,
    events: keptEvents,
    entities: entities.items,
    facets: {
      source: facet(dated.map(sourceOf)),
      eventType: facet(events.filter(ofCountry).map((e) => e.type)),
      status: facet(events.filter((e) => ofCountry(e) && ofType(e)).map((e) => e.status)),
      country: facet(events.filter(ofType).flatMap((e) => [e.actor?.country, e.recipient?.country])),
      entityType: facet(entities.items.map((e) => e.type)),
    },
    read: { articles: docs.items.length, matching: docs.total, events: events.length },
    sources: Object.fromEntries(sourceByDoc),
  };
}
