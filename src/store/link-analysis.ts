import type { Analysis } from '../core/analysis.js';
import {
  type Fingerprint,
  fingerprintStep,
  isMergeable,
  joinRange,
  MERGE_SLACK_DAYS,
  type Mention,
  mentionsStep,
  NEAR_THRESHOLD,
  type NearCandidate,
  type NearDuplicate,
  type Party,
  pickHappening,
  pickNearDuplicate,
  type RelationDelta,
  relationDeltas,
  storyStep,
} from '../stages/06-link/index.js';
import { assignStory, type StoryOutcome, type StoryTables } from './link-story.js';

/**
 * Links a newly stored analysis to what the store already holds, inside the transaction that stores
 * it, so every document is linked exactly once whichever path stored it (ingest, the API, a worker):
 * its near-duplicate original, the happenings its events mention, and the relation counts. The
 * decisions are the pure functions of stages/06-link; each engine answers the few lookups and
 * writes below (`LinkTables`). Written once as a generator: SQLite drives it synchronously inside its
 * transaction, PostgreSQL awaits each step.
 */

type Maybe<T> = T | Promise<T>;

/** A kept happening as the link step compares it with a new mention. */
export interface StoredHappening {
  id: number;
  type: string;
  actor: Party | null;
  recipient: Party | null;
  place: string | null;
  from: string;
  to: string;
  day: string;
  quad: number | null;
  goldstein: number | null;
}

export interface LinkTables extends StoryTables {
  nearCandidates(docId: string, fingerprint: Fingerprint): Maybe<NearCandidate[]>;
  putFingerprint(docId: string, fingerprint: Fingerprint): Maybe<void>;
  putNearDuplicate(docId: string, near: NearDuplicate): Maybe<void>;
  /** Happenings of a type with these countries on each side ('' for none) whose dates reach [from, to]. */
  happeningCandidates(
    type: string,
    actorCountry: string,
    recipientCountry: string,
    from: string,
    to: string,
  ): Maybe<StoredHappening[]>;
  createHappening(m: Mention): Maybe<number>;
  /** Whether the happening already has a mention from this document, and from this outlet. */
  mentionSeen(
    happeningId: number,
    docId: string,
    source: string,
  ): Maybe<{ article: boolean; source: boolean }>;
  /** Counts a mention into a happening (its range narrowed to `range`). */
  joinHappening(
    happeningId: number,
    m: Mention,
    range: { from: string; to: string },
    counts: { article: number; source: number },
  ): Maybe<void>;
  addMention(happeningId: number, m: Mention, reason: string): Maybe<void>;
  addRelations(deltas: readonly RelationDelta[]): Maybe<void>;
  // Undoing a document's links (re-coding, `unlinkHappenings`).
  /** The happenings holding this document's mentions, each with how many of them. */
  documentHappenings(
    docId: string,
  ): Maybe<{ happening: StoredHappening & { numMentions: number }; mentions: number }[]>;
  removeDocumentMentions(docId: string): Maybe<void>;
  deleteHappening(happeningId: number): Maybe<void>;
  /** Counts a happening's mentions, articles and outlets again from its kept mentions, and its earliest report. */
  recountHappening(happeningId: number): Maybe<void>;
  /** Deletes the relation rows at these keys that no longer count anything. */
  pruneRelations(deltas: readonly RelationDelta[]): Maybe<void>;
}

export interface LinkOutcome {
  near: NearDuplicate | null;
  happeningsCreated: number;
  happeningsJoined: number;
  story: StoryOutcome;
}

function* ask<T>(value: Maybe<T>): Generator<Maybe<unknown>, T, unknown> {
  return (yield value) as T;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function* linkAnalysis(
  tables: LinkTables,
  analysis: Analysis,
): Generator<Maybe<unknown>, LinkOutcome, unknown> {
  const fingerprint = fingerprintStep.run(analysis);
  const candidates = yield* ask(tables.nearCandidates(analysis.id, fingerprint));
  const near = pickNearDuplicate(fingerprint, candidates, NEAR_THRESHOLD);
  yield* ask(tables.putFingerprint(analysis.id, fingerprint));
  if (near) yield* ask(tables.putNearDuplicate(analysis.id, near));
  const story = yield* assignStory(tables, storyStep.run(analysis), near?.originalId ?? null);
  const { created, joined } = yield* linkHappenings(tables, analysis);
  return { near, happeningsCreated: created, happeningsJoined: joined, story };
}

/** Merges an analysis's mentions into the kept happenings (or opens new ones) and counts the relations. */
export function* linkHappenings(
  tables: LinkTables,
  analysis: Analysis,
): Generator<Maybe<unknown>, { created: number; joined: number }, unknown> {
  let created = 0;
  let joined = 0;
  const deltas: RelationDelta[] = [];
  for (const m of mentionsStep.run(analysis)) {
    let match: { happening: StoredHappening; reason: string } | null = null;
    if (isMergeable(m)) {
      const found = yield* ask(
        tables.happeningCandidates(
          m.type,
          m.actor?.country ?? '',
          m.recipient?.country ?? '',
          addDays(m.from, -MERGE_SLACK_DAYS),
          addDays(m.to, MERGE_SLACK_DAYS),
        ),
      );
      match = pickHappening(m, found);
    }
    if (match) {
      const { happening, reason } = match;
      const seen = yield* ask(tables.mentionSeen(happening.id, m.docId, m.source));
      yield* ask(
        tables.joinHappening(happening.id, m, joinRange(happening, m), {
          article: seen.article ? 0 : 1,
          source: seen.source ? 0 : 1,
        }),
      );
      yield* ask(tables.addMention(happening.id, m, reason));
      deltas.push(...relationDeltas(happening, false));
      joined++;
    } else {
      const id = yield* ask(tables.createHappening(m));
      yield* ask(tables.addMention(id, m, 'first report'));
      deltas.push(...relationDeltas(m, true));
      created++;
    }
  }
  if (deltas.length > 0) yield* ask(tables.addRelations(mergeDeltas(deltas)));
  return { created, joined };
}

/**
 * Takes a stored document's mentions out of their happenings, the undoing of `linkHappenings` (for a
 * re-coded document): a happening's relation counts are one event (with its Goldstein score) and one
 * mention per mention, all under the happening's own key and day, so what a document's mentions added
 * is known from the happening alone. A happening left with no mention is deleted with its event; one
 * that keeps other documents' mentions is counted again from them (mentions, articles, outlets, its
 * earliest report). Its date range stays as the mentions narrowed it: a narrowing is not undone.
 */
export function* unlinkHappenings(
  tables: LinkTables,
  docId: string,
): Generator<Maybe<unknown>, { removed: number; left: number }, unknown> {
  const held = yield* ask(tables.documentHappenings(docId));
  if (held.length === 0) return { removed: 0, left: 0 };
  let removed = 0;
  let left = 0;
  const deltas: RelationDelta[] = [];
  const negate = (d: RelationDelta, times: number) => ({
    ...d,
    events: -d.events * times,
    mentions: -d.mentions * times,
    goldsteinSum: -d.goldsteinSum * times,
    goldsteinN: -d.goldsteinN * times,
  });
  for (const { happening, mentions } of held) {
    const emptied = mentions >= happening.numMentions;
    if (emptied) {
      for (const d of relationDeltas(happening, true)) deltas.push(negate(d, 1));
      if (mentions > 1)
        for (const d of relationDeltas(happening, false)) deltas.push(negate(d, mentions - 1));
    } else {
      for (const d of relationDeltas(happening, false)) deltas.push(negate(d, mentions));
    }
    if (emptied) removed++;
    else left++;
  }
  yield* ask(tables.removeDocumentMentions(docId));
  for (const { happening, mentions } of held) {
    if (mentions >= happening.numMentions) yield* ask(tables.deleteHappening(happening.id));
    else yield* ask(tables.recountHappening(happening.id));
  }
  const merged = mergeDeltas(deltas);
  yield* ask(tables.addRelations(merged));
  yield* ask(tables.pruneRelations(merged));
  return { removed, left };
}

/** One increment per row, in key order (a document's mentions often count under the same rows). */
function mergeDeltas(deltas: RelationDelta[]): RelationDelta[] {
  const byKey = new Map<string, RelationDelta>();
  for (const d of deltas) {
    const key = `${d.actor}\u0000${d.recipient}\u0000${d.period}\u0000${d.type}\u0000${d.quad}`;
    const kept = byKey.get(key);
    if (!kept) byKey.set(key, { ...d });
    else {
      kept.events += d.events;
      kept.mentions += d.mentions;
      kept.goldsteinSum += d.goldsteinSum;
      kept.goldsteinN += d.goldsteinN;
    }
  }
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, d]) => d);
}

/** Runs the link step where every answer is at hand (SQLite, inside its transaction). */
export function runSync<T>(steps: Generator<Maybe<unknown>, T, unknown>): T {
  let next = steps.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error('link step: a synchronous engine returned a promise');
    next = steps.next(next.value);
  }
  return next.value;
}

/** Runs the link step awaiting each answer (PostgreSQL). */
export async function runAsync<T>(steps: Generator<Maybe<unknown>, T, unknown>): Promise<T> {
  let next = steps.next();
  while (!next.done) next = steps.next(await next.value);
  return next.value;
}
