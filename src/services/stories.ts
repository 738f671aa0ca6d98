import type { Page, Repository, StoryDetail, StoryRow } from '../store/repository.js';
import { offsetOfCursor, withOffsetNext } from './page-cursors.js';
import { clampInt, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from './query.js';

export type { StoryArticle, StoryDetail, StoryRow } from '../store/repository.js';

/**
 * Story clusters, for the CLI and the web workspace: each story with its label (main actors and main
 * event), actors, event types, outlets, size and first/last seen; one story with its articles.
 */
export interface StoryParams {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: stories seen in the range. */
  from?: string;
  to?: string;
  minSize?: number;
  limit?: number;
  offset?: number;
  /** A `next` of an earlier page (then `offset` is ignored). */
  cursor?: string;
}

/** The latest stories (most recently seen first). */
export async function listStories(
  store: Repository,
  params: StoryParams = {},
): Promise<Page<StoryRow> & { next: string | null }> {
  const page = await store.listStories({
    limit: clampInt(params.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: params.cursor
      ? offsetOfCursor('stories', params.cursor)
      : clampInt(params.offset, 0, 0, MAX_OFFSET),
    ...(params.from?.trim() ? { from: params.from.trim() } : {}),
    ...(params.to?.trim() ? { to: params.to.trim() } : {}),
    ...(params.minSize !== undefined ? { minSize: clampInt(params.minSize, 1, 1, 1_000_000) } : {}),
  });
  return withOffsetNext('stories', page);
}

/** One story with its articles, earliest first; null when there is no such story. */
export function getStory(store: Repository, id: number): Promise<StoryDetail | null> {
  return Number.isSafeInteger(id) && id > 0 ? store.getStory(id) : Promise.resolve(null);
}

/** The story a document is in, with its articles; null when it has none. */
export async function storyOfDocument(store: Repository, docId: string): Promise<StoryDetail | null> {
  const id = await store.storyOfDocument(docId);
  return id === null ? null : store.getStory(id);
}
