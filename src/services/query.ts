import type { Analysis } from '../core/analysis.js';
import type { EntityType } from '../core/doc.js';
import type {
  DocumentStatus,
  DocumentSummary,
  EntityRow,
  EventQuery,
  EventRow,
  Page,
  Repository,
  StoredDiagnostic,
  StoreStats,
  StoreStatus,
} from '../store/repository.js';

import { offsetOfCursor, withOffsetNext } from './page-cursors.js';

// Routes and pages reach the store only through services: the types they show come from here.
export { isDateBound } from '../store/dates.js';
export type {
  DocumentStatus,
  DocumentSummary,
  EntityRow,
  EventRow,
  HappeningRow,
  Page,
  RelationGranularity,
  Repository,
  StoredDiagnostic,
  StoreStats,
  StoreStatus,
} from '../store/repository.js';
export { isStoreBusy } from '../store/repository.js';

/** Page sizes every caller shares, so the API and the web pages agree. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface PageParams {
  limit?: number;
  offset?: number;
}

/** Lists read by keyset: a page's `next` cursor asks for the page after it. */
export interface CursorParams extends PageParams {
  cursor?: string;
}

/**
 * An integer parameter in [min, max]; `fallback` when it is absent or not a finite number (a store
 * must never see NaN or Infinity as a LIMIT or OFFSET).
 */
export function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value !== undefined && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.min(Math.max(n, min), max);
}

/** The largest offset a list accepts (the API's schemas say the same). */
export const MAX_OFFSET = 10_000_000;

function page(params: PageParams): { limit: number; offset: number } {
  const limit = clampInt(params.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = clampInt(params.offset, 0, 0, MAX_OFFSET);
  return { limit, offset };
}

/** Drops empty strings so `?q=` means "no filter" everywhere. */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * A page of documents, newest first, with `next`: a keyset cursor, or for a search (ranked) an offset
 * cursor (page-cursors.ts).
 */
export async function listDocuments(
  store: Repository,
  params: CursorParams & { q?: string; status?: DocumentStatus },
): Promise<Page<DocumentSummary> & { next: string | null }> {
  const q = given(params.q);
  const cursor = given(params.cursor);
  if (q) {
    const paging = page(params);
    if (cursor) paging.offset = offsetOfCursor(SEARCH_LIST, cursor);
    return withOffsetNext(
      SEARCH_LIST,
      await store.listDocuments({ ...paging, q, ...(params.status ? { status: params.status } : {}) }),
    );
  }
  const result = await store.listDocuments({
    ...page(params),
    ...(cursor ? { cursor } : {}),
    ...(params.status ? { status: params.status } : {}),
  });
  return { ...result, next: result.next ?? null };
}

const SEARCH_LIST = 'documents-search';

export function getAnalysis(store: Repository, id: string): Promise<Analysis | null> {
  return store.getDocument(id);
}

/** The layers of an analysis that can be read a page at a time. */
export const PAGED_LAYERS = [
  'removed',
  'diagnostics',
  'paragraphs',
  'sentences',
  'entities',
  'quotes',
  'attributions',
  'times',
  'quantities',
  'events',
] as const;
export type PagedLayer = (typeof PAGED_LAYERS)[number];

/** One page of one layer of a document. */
export interface LayerPage extends Page<unknown> {
  id: string;
  layer: PagedLayer;
  next: string | null;
}

/** A page of `layer` of document `id` (null when there is no such document). */
export async function getLayerPage(
  store: Repository,
  id: string,
  layer: PagedLayer,
  params: CursorParams,
): Promise<LayerPage | null> {
  const list = `layer:${id}:${layer}`;
  const cursor = given(params.cursor);
  const { limit, offset } = page(cursor ? { ...params, offset: offsetOfCursor(list, cursor) } : params);
  const analysis = await store.getDocument(id);
  if (!analysis) return null;
  const all: readonly unknown[] = analysis[layer];
  const items = all.slice(offset, offset + limit);
  return { id, layer, ...withOffsetNext(list, { items, total: all.length, limit, offset }) };
}

/** The store's event query, with the paging optional (defaults and caps applied here). */
export type EventFilters = Omit<EventQuery, 'limit' | 'offset' | 'cursor'> & CursorParams;

export async function queryEvents(
  store: Repository,
  params: EventFilters,
): Promise<Page<EventRow> & { next: string | null }> {
  const query: Parameters<Repository['queryEvents']>[0] = page(params);
  for (const key of ['actor', 'recipient', 'type', 'from', 'to', 'docId', 'cursor'] as const) {
    const value = given(params[key]);
    if (value) query[key] = value;
  }
  if (params.status) query.status = params.status;
  if (params.minConfidence !== undefined) query.minConfidence = params.minConfidence;
  const result = await store.queryEvents(query);
  return { ...result, next: result.next ?? null };
}

export interface EntityFilters extends CursorParams {
  docId?: string;
  q?: string;
  type?: EntityType;
  country?: string;
}

export async function listEntities(
  store: Repository,
  params: EntityFilters,
): Promise<Page<EntityRow> & { next: string | null }> {
  const cursor = given(params.cursor);
  const query: Parameters<Repository['listEntities']>[0] = page(
    cursor ? { ...params, offset: offsetOfCursor(ENTITY_LIST, cursor) } : params,
  );
  for (const key of ['docId', 'q', 'country'] as const) {
    const value = given(params[key]);
    if (value) query[key] = value;
  }
  if (params.type) query.type = params.type;
  return withOffsetNext(ENTITY_LIST, await store.listEntities(query));
}

const ENTITY_LIST = 'entities';

export function getDiagnostics(store: Repository, docId: string): Promise<StoredDiagnostic[] | null> {
  return store.getDiagnostics(docId);
}

export function getStats(store: Repository): Promise<StoreStats> {
  return store.stats();
}

/** Documents in the store and what became of every queued input (`tidings status`, GET /api/status). */
export function getStatus(store: Repository): Promise<StoreStatus> {
  return store.status();
}
