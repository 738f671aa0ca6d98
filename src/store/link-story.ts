import {
  addToCentroid,
  addToProfile,
  frequencyKeys,
  indexKeys,
  lookupKeys,
  MAX_CANDIDATES,
  pickStory,
  STORIES_PER_TERM,
  STORY_PARAMS,
  type StoryCandidate,
  type StoryCentroid,
  type StoryFeatures,
  type StoryParams,
  type StoryProfile,
  storyLabel,
  storyVector,
} from '../stages/06-link/index.js';

type Maybe<T> = T | Promise<T>;

/** A story as the link step reads and writes it. */
export interface StoredStory extends StoryCandidate {
  size: number;
  sources: number;
  profile: StoryProfile;
}

/** What an engine writes for a story: its row, and the keys the index finds it by. */
export interface StoryWrite {
  label: string;
  first: string | null;
  last: string | null;
  size: number;
  sources: number;
  centroid: StoryCentroid;
  profile: StoryProfile;
  keys: string[];
}

/**
 * The lookups and writes of story clustering. Each is a bounded number of index reads, whatever the
 * store holds: frequencies by key, stories by key (at most `perKey` a key, newest first), stories by id.
 */
export interface StoryTables {
  /** Counts one more document for `keys` (and for the total), then reads their frequencies. */
  countTerms(keys: readonly string[]): Maybe<{ docs: number; df: Map<string, number> }>;
  /** The story a stored document belongs to, when it has one. */
  storyOfDocument(docId: string): Maybe<number | null>;
  /** Ids of stories indexed under each key whose last day is on or after `since` ('' for any), `perKey` a key, newest first; one entry per hit. */
  storiesByKeys(keys: readonly string[], since: string, perKey: number): Maybe<number[]>;
  loadStories(ids: readonly number[]): Maybe<StoredStory[]>;
  createStory(story: StoryWrite): Maybe<number>;
  /** `before`: the story's last day and index keys as they were, so an engine may write only what changed. */
  updateStory(id: number, story: StoryWrite, before: { last: string | null; keys: string[] }): Maybe<void>;
  /** Adds the document to the story; true when its outlet is new to the story. */
  addStoryMember(
    storyId: number,
    docId: string,
    score: number,
    source: string,
    day: string | null,
  ): Maybe<boolean>;
}

export interface StoryOutcome {
  storyId: number;
  created: boolean;
  score: number;
}

function* ask<T>(value: Maybe<T>): Generator<Maybe<unknown>, T, unknown> {
  return (yield value) as T;
}

function minDay(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function maxDay(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Puts an article into its story: the stories found through the index by the article's rarest terms
 * (and a near-duplicate's original's story) are scored and the best at or above the threshold is
 * joined, else a new story is opened.
 */
export function* assignStory(
  tables: StoryTables,
  f: StoryFeatures,
  nearOriginal: string | null,
  params: StoryParams = STORY_PARAMS,
): Generator<Maybe<unknown>, StoryOutcome, unknown> {
  const freq = yield* ask(tables.countTerms(frequencyKeys(f)));
  const vector = storyVector(f, freq);
  let chosen: { story: StoredStory; score: number } | null = null;
  const since = f.day ? addDays(f.day, -params.windowDays) : '';
  const hits = yield* ask(tables.storiesByKeys(lookupKeys(vector), since, STORIES_PER_TERM));
  const counts = new Map<number, number>();
  for (const id of hits) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ids = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
  // A near-duplicate's original brings its story in as a candidate, scored like the others: short
  // reports of different stories can share most of their word 3-grams (stock sentences), so a copy
  // link alone does not decide the story.
  const original = nearOriginal ? yield* ask(tables.storyOfDocument(nearOriginal)) : null;
  if (original !== null && !ids.includes(original)) ids.push(original);
  const stories = ids.length > 0 ? yield* ask(tables.loadStories(ids)) : [];
  const best = pickStory(vector, f.day, stories, params);
  const story = best && stories.find((s) => s.id === best.id);
  if (best && story) chosen = { story, score: best.score };
  if (chosen) {
    const { story, score } = chosen;
    const centroid = addToCentroid(story.centroid, vector);
    const profile = addToProfile(story.profile, f);
    const newSource = yield* ask(tables.addStoryMember(story.id, f.docId, score, f.source, f.day));
    yield* ask(
      tables.updateStory(
        story.id,
        {
          label: storyLabel(profile),
          first: minDay(story.first, f.day),
          last: maxDay(story.last, f.day),
          size: story.size + 1,
          sources: story.sources + (newSource ? 1 : 0),
          centroid,
          profile,
          keys: indexKeys(centroid),
        },
        { last: story.last, keys: indexKeys(story.centroid) },
      ),
    );
    return { storyId: story.id, created: false, score };
  }
  const centroid = addToCentroid(null, vector);
  const profile = addToProfile(null, f);
  const id = yield* ask(
    tables.createStory({
      label: storyLabel(profile),
      first: f.day,
      last: f.day,
      size: 1,
      sources: 1,
      centroid,
      profile,
      keys: indexKeys(centroid),
    }),
  );
  yield* ask(tables.addStoryMember(id, f.docId, 1, f.source, f.day));
  return { storyId: id, created: true, score: 1 };
}
