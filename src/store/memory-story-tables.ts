import type { StoredStory, StoryTables, StoryWrite } from './link-story.js';

/**
 * Story tables held in memory: the same lookups as the engines' (an inverted index by key, newest
 * first, `perKey` a key), for sweeping clustering settings over a labelled set without a store
 * (the `clusters` suite's tuning) and for unit tests of `assignStory`.
 */
export function memoryStoryTables(): StoryTables & { stories: Map<number, StoredStory> } {
  const df = new Map<string, number>();
  const members = new Map<string, number>();
  const sources = new Map<number, Set<string>>();
  const stories = new Map<number, StoredStory>();
  const index = new Map<string, Map<number, string>>();
  const keysOf = new Map<number, string[]>();
  let next = 1;
  const write = (id: number, story: StoryWrite) => {
    for (const key of keysOf.get(id) ?? []) index.get(key)?.delete(id);
    stories.set(id, {
      id,
      first: story.first,
      last: story.last,
      size: story.size,
      sources: story.sources,
      centroid: story.centroid,
      profile: story.profile,
    });
    for (const key of story.keys) {
      const list = index.get(key) ?? new Map<number, string>();
      index.set(key, list);
      list.set(id, story.last ?? '');
    }
    keysOf.set(id, story.keys);
  };
  return {
    stories,
    countTerms(keys) {
      const docs = (df.get('#docs') ?? 0) + 1;
      df.set('#docs', docs);
      const out = new Map<string, number>();
      for (const key of keys) {
        const n = (df.get(key) ?? 0) + 1;
        df.set(key, n);
        out.set(key, n);
      }
      return { docs, df: out };
    },
    storyOfDocument: (docId) => members.get(docId) ?? null,
    storiesByKeys(keys, since, perKey) {
      const ids: number[] = [];
      for (const key of keys) {
        const found = [...(index.get(key) ?? new Map<number, string>()).entries()]
          .filter(([, last]) => last >= since)
          .sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : b[0] - a[0]))
          .slice(0, perKey);
        for (const [id] of found) ids.push(id);
      }
      return ids;
    },
    loadStories: (ids) => ids.flatMap((id) => stories.get(id) ?? []),
    createStory(story) {
      const id = next++;
      write(id, story);
      return id;
    },
    updateStory: (id, story) => write(id, story),
    addStoryMember(storyId, docId, _score, source) {
      members.set(docId, storyId);
      const seen = sources.get(storyId) ?? new Set<string>();
      sources.set(storyId, seen);
      if (seen.has(source)) return false;
      seen.add(source);
      return true;
    },
  };
}
