import type { Analysis } from '../../core/analysis.js';
import { stem } from '../../core/text/stem-word.js';
import stopwordData from '../../rules/clean/stopwords.json' with { type: 'json' };
import { sourceOf } from './happenings.js';
import { bodyText, type LinkStep } from './link-step.js';

/**
 * Story clusters, online: each article joins the story it is closest to when it arrives, or opens a
 * new one. In the spirit of Miranda et al. (2018, "Multilingual clustering of streaming news"): an
 * article is three TF-IDF vectors (body words, title words, entities and event types), a story the
 * sum of its articles' normalised vectors (a centroid, cut to its heaviest terms), and the score of an
 * article against a story a weighted mean of the three cosines, damped by the days between the
 * article and the story. IDF comes from the store's own document frequencies as they grow, so the
 * weights follow the news the store has seen. A story is found through an inverted index of its
 * heaviest terms (looked up with the article's rarest terms, a bounded number of stories a term,
 * newest first), never by a scan, so joining costs the same in a small store and a large one.
 */

const STOPWORDS: ReadonlySet<string> = new Set(stopwordData.words);

/** What an article contributes to story clustering, before weighting. */
export interface StoryFeatures {
  docId: string;
  /** The publication day (YYYY-MM-DD), null when undated. */
  day: string | null;
  source: string;
  title: string | null;
  /** Content-word stems of the body and of the title, with counts. */
  body: Map<string, number>;
  titleWords: Map<string, number>;
  /** Entity ids (mentions) and PLOVER event types (`event:CONSULT`, events asserted). */
  entities: Map<string, number>;
  /** Names of the entities, for labels. */
  names: Map<string, string>;
  /** Distinct event types the article asserts. */
  eventTypes: string[];
}

/** Content-word stems of a text: lowercase letters and digits, stop words and one-letter words out. */
export function storyWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    // Years, counts and days of the month are shared by unrelated stories; longer numbers are kept.
    if (/^\d{1,4}$/.test(word)) continue;
    const s = stem(word);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return counts;
}

const HAPPENED = new Set(['asserted', 'historical']);

export function storyFeatures(analysis: Analysis): StoryFeatures {
  const entities = new Map<string, number>();
  const names = new Map<string, string>();
  for (const e of analysis.entities) {
    entities.set(e.id, (entities.get(e.id) ?? 0) + Math.max(1, e.mentions.length));
    names.set(e.id, e.name);
  }
  const eventTypes = new Set<string>();
  for (const ev of analysis.events) if (HAPPENED.has(ev.status)) eventTypes.add(ev.type);
  for (const type of eventTypes) entities.set(`event:${type}`, 1);
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(analysis.published ?? '')?.[1] ?? null;
  return {
    docId: analysis.id,
    day,
    source: sourceOf(analysis),
    title: analysis.title,
    body: storyWords(bodyText(analysis)),
    titleWords: storyWords(analysis.title ?? ''),
    entities,
    names,
    eventTypes: [...eventTypes].sort(),
  };
}

export const storyStep: LinkStep<StoryFeatures> = {
  name: 'stories',
  // `as const`: the fields of an analysis, not a word list.
  needs: ['text', 'removed', 'titleSpan', 'title', 'entities', 'events', 'published', 'source'] as const,
  adds: 'the words, title words, entities and event types an article joins its story by',
  run: storyFeatures,
};

/** The keys document frequencies are counted under: one per distinct word (body or title) and entity. */
export function frequencyKeys(f: StoryFeatures): string[] {
  const keys = new Set<string>();
  for (const w of f.body.keys()) keys.add(`w:${w}`);
  for (const w of f.titleWords.keys()) keys.add(`w:${w}`);
  for (const e of f.entities.keys()) keys.add(`e:${e}`);
  return [...keys].sort();
}

export type Weights = Record<string, number>;

/** An article's three vectors, each of unit length (empty when it has no such terms). */
export interface StoryVector {
  body: Weights;
  title: Weights;
  entities: Weights;
}

/** Document frequencies as the store holds them: how many articles have each key, of how many. */
export interface Frequencies {
  docs: number;
  df: ReadonlyMap<string, number>;
}

function weigh(counts: Map<string, number>, prefix: string, freq: Frequencies): Weights {
  const out: Weights = {};
  let norm = 0;
  for (const [term, tf] of counts) {
    const df = Math.max(1, freq.df.get(prefix + term) ?? 1);
    const w = (1 + Math.log(tf)) * Math.log(1 + Math.max(1, freq.docs) / df);
    out[term] = w;
    norm += w * w;
  }
  if (norm === 0) return {};
  const scale = 1 / Math.sqrt(norm);
  for (const term of Object.keys(out)) out[term] = (out[term] as number) * scale;
  return out;
}

/** Sublinear term frequency × smoothed IDF, normalised per part. */
export function storyVector(f: StoryFeatures, freq: Frequencies): StoryVector {
  return {
    body: weigh(f.body, 'w:', freq),
    title: weigh(f.titleWords, 'w:', freq),
    entities: weigh(f.entities, 'e:', freq),
  };
}

/** A story's centroid: the sum of its articles' vectors, each part cut to its heaviest terms. */
export interface StoryCentroid {
  n: number;
  body: Weights;
  title: Weights;
  entities: Weights;
}

/** How many terms a centroid keeps per part, and how many of them go into the lookup index. */
export const CENTROID_TERMS = { body: 120, title: 40, entities: 40 } as const;
export const INDEX_TERMS = { body: 16, title: 6, entities: 8 } as const;
/** How many of an article's terms it looks stories up by, and how many stories a term yields. */
export const LOOKUP_TERMS = { body: 8, title: 4, entities: 6 } as const;
export const STORIES_PER_TERM = 30;
/** How many of the stories found (most terms in common first) are scored. */
export const MAX_CANDIDATES = 12;

/**
 * How a score is made and when it is enough. Chosen on the tuning half of the `clusters` suite's
 * stories (a grid over these values, best B-cubed F1: `details.tuning` of `tidings eval clusters`);
 * the figures in docs/evaluation.md are on the held-out half.
 */
export interface StoryParams {
  weights: { body: number; title: number; entities: number };
  /** The score at or above which an article joins a story. */
  threshold: number;
  /** Days over which the score decays by a factor e. */
  tauDays: number;
  /** An article further than this from every day of a story is never compared with it. */
  windowDays: number;
}

export const STORY_PARAMS: StoryParams = {
  weights: { body: 0.6, title: 0.3, entities: 0.1 },
  threshold: 0.275,
  tauDays: 2,
  windowDays: 3,
};

function topTerms(w: Weights, n: number): [string, number][] {
  return Object.entries(w)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n);
}

/** The keys an article looks stories up by: its heaviest (so rarest) terms of each part. */
export function lookupKeys(v: StoryVector): string[] {
  const keys = new Set<string>();
  for (const [t] of topTerms(v.body, LOOKUP_TERMS.body)) keys.add(`w:${t}`);
  for (const [t] of topTerms(v.title, LOOKUP_TERMS.title)) keys.add(`w:${t}`);
  // Event types are in every other story: they score, but find nothing.
  for (const [t] of topTerms(v.entities, LOOKUP_TERMS.entities + 4))
    if (!t.startsWith('event:')) keys.add(`e:${t}`);
  return [...keys].sort();
}

/** The keys a story is found by in the index. */
export function indexKeys(c: StoryCentroid): string[] {
  const keys = new Set<string>();
  for (const [t] of topTerms(c.body, INDEX_TERMS.body)) keys.add(`w:${t}`);
  for (const [t] of topTerms(c.title, INDEX_TERMS.title)) keys.add(`w:${t}`);
  let n = 0;
  for (const [t] of topTerms(c.entities, CENTROID_TERMS.entities)) {
    if (t.startsWith('event:')) continue;
    keys.add(`e:${t}`);
    if (++n >= INDEX_TERMS.entities) break;
  }
  return [...keys].sort();
}

function cosine(doc: Weights, centroid: Weights): number {
  let dot = 0;
  let norm = 0;
  for (const [t, w] of Object.entries(centroid)) {
    norm += w * w;
    const d = doc[t];
    if (d !== undefined) dot += d * w;
  }
  return norm === 0 ? 0 : dot / Math.sqrt(norm);
}

/** Whole days from an article's day to the nearest day of a story's range (0 inside it). */
export function dayGap(day: string | null, first: string | null, last: string | null): number {
  if (!day || !first || !last) return 0;
  const t = Date.parse(`${day}T00:00:00Z`);
  const lo = Date.parse(`${first}T00:00:00Z`);
  const hi = Date.parse(`${last}T00:00:00Z`);
  if (t < lo) return Math.round((lo - t) / 86_400_000);
  if (t > hi) return Math.round((t - hi) / 86_400_000);
  return 0;
}

export interface StoryCandidate {
  id: number;
  first: string | null;
  last: string | null;
  centroid: StoryCentroid;
}

/** The score of an article against a story: the weighted mean of the cosines, damped by time. */
export function storyScore(
  v: StoryVector,
  day: string | null,
  c: StoryCandidate,
  params: StoryParams = STORY_PARAMS,
): number {
  const gap = dayGap(day, c.first, c.last);
  if (gap > params.windowDays) return 0;
  const { body, title, entities } = params.weights;
  const mean =
    (body * cosine(v.body, c.centroid.body) +
      title * cosine(v.title, c.centroid.title) +
      entities * cosine(v.entities, c.centroid.entities)) /
    (body + title + entities);
  return mean * Math.exp(-gap / params.tauDays);
}

/** The story an article joins: the best-scoring candidate at or above the threshold (lowest id on ties). */
export function pickStory(
  v: StoryVector,
  day: string | null,
  candidates: readonly StoryCandidate[],
  params: StoryParams = STORY_PARAMS,
): { id: number; score: number } | null {
  let best: { id: number; score: number } | null = null;
  for (const c of candidates) {
    const score = storyScore(v, day, c, params);
    if (score < params.threshold) continue;
    if (!best || score > best.score || (score === best.score && c.id < best.id)) best = { id: c.id, score };
  }
  return best;
}

function addPart(into: Weights, from: Weights, keep: number): Weights {
  const sum: Weights = { ...into };
  for (const [t, w] of Object.entries(from)) sum[t] = (sum[t] ?? 0) + w;
  const out: Weights = {};
  // Four decimals: the centroid is stored as JSON, and both engines must read back the same numbers.
  for (const [t, w] of topTerms(sum, keep)) out[t] = Math.round(w * 10_000) / 10_000;
  return out;
}

/** A story's centroid after an article joins it (or a new story's, from `null`). */
export function addToCentroid(c: StoryCentroid | null, v: StoryVector): StoryCentroid {
  const base = c ?? { n: 0, body: {}, title: {}, entities: {} };
  return {
    n: base.n + 1,
    body: addPart(base.body, v.body, CENTROID_TERMS.body),
    title: addPart(base.title, v.title, CENTROID_TERMS.title),
    entities: addPart(base.entities, v.entities, CENTROID_TERMS.entities),
  };
}

/** What a story says about itself: its people, countries and organisations, and the events reported. */
export interface StoryProfile {
  /** Entity id → name and the number of the story's articles naming it (the 30 most named kept). */
  actors: Record<string, { name: string; articles: number }>;
  /** PLOVER type → the number of the story's articles asserting it. */
  events: Record<string, number>;
  /** The first article's headline, for a story without actors or events. */
  title: string | null;
}

export function addToProfile(p: StoryProfile | null, f: StoryFeatures): StoryProfile {
  const actors: StoryProfile['actors'] = { ...(p?.actors ?? {}) };
  for (const [id, name] of f.names) {
    const kept = actors[id];
    actors[id] = { name: kept?.name ?? name, articles: (kept?.articles ?? 0) + 1 };
  }
  const events: StoryProfile['events'] = { ...(p?.events ?? {}) };
  for (const type of f.eventTypes) events[type] = (events[type] ?? 0) + 1;
  const kept = Object.entries(actors)
    .sort((a, b) => b[1].articles - a[1].articles || (a[0] < b[0] ? -1 : 1))
    .slice(0, 30);
  return { actors: Object.fromEntries(kept), events, title: p?.title ?? f.title };
}

/** The story's main actors (most named first; places left out when there are people or countries). */
export function mainActors(p: StoryProfile, n = 3): { id: string; name: string; articles: number }[] {
  const all = Object.entries(p.actors).map(([id, a]) => ({ id, ...a }));
  const actors = all.filter((a) => !/^(city|place):/.test(a.id));
  // On a tie, people before organisations before countries: `Putin, Xi` says more than `China, Russia`.
  const rank = (id: string) => ['person:', 'org:', 'country:'].findIndex((p) => id.startsWith(p)) >>> 0;
  return (actors.length > 0 ? actors : all)
    .sort((a, b) => b.articles - a.articles || rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}

/** Event types by the number of articles asserting them, most first. */
export function mainEvents(p: StoryProfile): string[] {
  return Object.entries(p.events)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([t]) => t);
}

/** `Vladimir Putin, Xi Jinping: CONSULT`; without an event, the actors and the first headline. */
export function storyLabel(p: StoryProfile): string {
  const actors = mainActors(p)
    .map((a) => a.name)
    .join(', ');
  const event = mainEvents(p)[0];
  if (actors && event) return `${actors}: ${event}`;
  const title = p.title?.trim().slice(0, 120) ?? '';
  if (actors && title) return `${actors}: ${title}`;
  return actors || event || title || '(untitled)';
}
