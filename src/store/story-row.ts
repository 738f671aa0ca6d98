import type { StoryCentroid, StoryProfile } from '../stages/06-link/index.js';
import { mainActors, mainEvents } from '../stages/06-link/index.js';
import type { StoredStory, StoryWrite } from './link-story.js';
import type { Row } from './read-rows.js';
import type { StoryArticle, StoryDayRow, StoryRow } from './repository.js';

/** The columns a story is read back by, in both engines. */
export const STORY_COLUMNS =
  's.id, s.label, s.first_seen, s.last_seen, s.size, s.num_sources, s.centroid, s.profile';

/** Values for `label, first_seen, last_seen, size, num_sources, centroid, profile`. */
export function storyValues(story: StoryWrite): unknown[] {
  return [
    story.label,
    story.first,
    story.last,
    story.size,
    story.sources,
    JSON.stringify(story.centroid),
    JSON.stringify(story.profile),
  ];
}

/**
 * `centroidOf` reads a stored centroid (default: parses it); a writer that meets the same stories
 * again and again may give one that keeps what it parsed (`centroidCache`).
 */
export function toStoredStory(
  row: Row,
  centroidOf: (id: number, json: string) => StoryCentroid = (_, json) => JSON.parse(json) as StoryCentroid,
): StoredStory {
  // Every candidate's centroid is scored, but only the story joined needs its profile: parsed on demand.
  let profile: StoryProfile | undefined;
  const id = Number(row.id);
  return {
    id,
    first: (row.first_seen as string | null) ?? null,
    last: (row.last_seen as string | null) ?? null,
    size: Number(row.size),
    sources: Number(row.num_sources),
    centroid: centroidOf(id, row.centroid as string),
    get profile(): StoryProfile {
      profile ??= JSON.parse(row.profile as string) as StoryProfile;
      return profile;
    },
  };
}

/**
 * Parsed story centroids by story, each kept with the JSON it was parsed from and given again only
 * for that same JSON (so a story changed since, by this writer or another, is parsed again): the
 * link step scores up to a dozen candidate stories per article, mostly the same few hundred recent
 * ones, and parsing their centroids was a tenth of the writer's time. At most `limit` stories are
 * kept, the first kept forgotten first. The objects given are shared: the link step only reads
 * centroids (it builds a new one to write).
 */
export function centroidCache(limit = 4096): (id: number, json: string) => StoryCentroid {
  const kept = new Map<number, { json: string; centroid: StoryCentroid }>();
  return (id, json) => {
    const hit = kept.get(id);
    if (hit && hit.json === json) return hit.centroid;
    const centroid = JSON.parse(json) as StoryCentroid;
    if (hit) kept.delete(id);
    else if (kept.size >= limit) kept.delete(kept.keys().next().value as number);
    kept.set(id, { json, centroid });
    return centroid;
  };
}

/** A story as lists show it; `sources` are its outlets by articles (up to ten). */
export function toStoryRow(row: Row, sources: string[]): StoryRow {
  const profile = JSON.parse(row.profile as string) as StoryProfile;
  return {
    id: Number(row.id),
    label: row.label as string,
    actors: mainActors(profile, 5).map((a) => ({ id: a.id, name: a.name, articles: a.articles })),
    eventTypes: mainEvents(profile),
    firstSeen: (row.first_seen as string | null) ?? null,
    lastSeen: (row.last_seen as string | null) ?? null,
    size: Number(row.size),
    numSources: Number(row.num_sources),
    sources,
  };
}

export function toStoryArticle(row: Row): StoryArticle {
  return {
    docId: row.doc_id as string,
    title: (row.title as string | null) ?? null,
    uri: row.uri as string,
    published: (row.published as string | null) ?? null,
    source: row.source as string,
    score: Math.round(Number(row.score) * 1000) / 1000,
  };
}

/** Groups `story_id, source` rows (already ordered) into up to ten outlets per story. */
export function sourcesByStory(rows: readonly Row[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const id = Number(r.story_id);
    const list = out.get(id) ?? [];
    if (list.length < 10) list.push(r.source as string);
    out.set(id, list);
  }
  return out;
}

export function toStoryDayRow(row: Row): StoryDayRow {
  return { storyId: Number(row.story_id), day: row.day as string, articles: Number(row.n) };
}
