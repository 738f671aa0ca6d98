import type { Analysis } from '../core/analysis.js';
import type { Block, Diagnostic, EntityType, EventStatus, Severity, Source } from '../core/doc.js';
import type { EntityChange, EntityChangeResult, EntityOverride } from './entity-overrides.js';

/**
 * The one storage interface callers see. Services and routes never see SQL; an engine (sqlite/,
 * postgres/) implements this, and one test suite (store.test.ts) holds both to the same results.
 * Every method returns a Promise: PostgreSQL answers over the network, SQLite synchronously.
 */
export interface Repository {
  /** Stores an analysed document keyed by its content hash; the same text again changes nothing. */
  putDocument(analysis: Analysis): Promise<PutResult>;
  /** Keeps a document that could not be processed, with its diagnostics (keyed by uri + content). */
  putRejected(input: RejectedInput): Promise<PutResult>;
  /** Stores many entries in one transaction (ingest throughput); results in input order. */
  putMany(entries: readonly PutEntry[]): Promise<PutResult[]>;
  getDocument(id: string): Promise<Analysis | null>;
  /**
   * One page of every stored document in id order, after `after` (keyset: constant cost a page at any
   * depth): what an export streams. Both engines order ids alike, so their exports match line for line.
   */
  exportDocuments(page: ExportPage): Promise<ExportedDocument[]>;
  /** The raw input a document was extracted from (a web page), gzipped; null when none was kept. */
  getRaw(docId: string): Promise<StoredRaw | null>;
  listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>>;
  /**
   * Documents (status ok) stored at or after `since` (an ISO instant, against `createdAt`), oldest
   * first, then by id: what the live feed polls for (services/live-feed.ts), on an index of that order.
   */
  listStoredSince(query: { since: string; limit: number }): Promise<DocumentSummary[]>;
  queryEvents(query: EventQuery): Promise<Page<EventRow>>;
  listEntities(query: EntityQuery): Promise<Page<EntityRow>>;
  /** Diagnostics of one document, in the order they were raised; null when the document is unknown. */
  getDiagnostics(docId: string): Promise<StoredDiagnostic[] | null>;
  stats(): Promise<StoreStats>;

  // Across articles (stages/06-link): filled as each document is stored, in the same transaction.
  /** The document this one copies (its near-duplicate original) and the documents that copy it; null when unknown. */
  getNearDuplicates(docId: string): Promise<NearDuplicates | null>;
  /** Happenings (one record per real-world event, merged across articles), newest first. */
  listHappenings(query: HappeningQuery): Promise<Page<HappeningRow>>;
  /** One happening with every mention that reported it; null when unknown. */
  getHappening(id: number): Promise<HappeningDetail | null>;
  /** The kept relation counts between two actors in both directions, one row per period, type and quad class. */
  relationCounts(query: RelationQuery): Promise<RelationCountRow[]>;
  /** The actor pairs (or single actors) with the most happenings in a period range. */
  topRelations(query: TopRelationsQuery): Promise<TopRelationRow[]>;
  /** Story clusters, the most recently seen first. */
  listStories(query: StoryQuery): Promise<Page<StoryRow>>;
  /** One story with its articles (earliest first); null when unknown. */
  getStory(id: number): Promise<StoryDetail | null>;
  /** The story a document was put in; null when it has none (rejected, or unknown). */
  storyOfDocument(docId: string): Promise<number | null>;
  /** Articles per publication day of the given stories, on and after day `from` (YYYY-MM-DD); undated ones left out. */
  storyDays(ids: readonly number[], from: string): Promise<StoryDayRow[]>;

  // The work queue: `ingest --enqueue` fills it, any number of workers drain it (services/work-queue.ts).
  /** Queues inputs for the workers, keyed by uri + content: the same input again is not queued twice. */
  enqueue(inputs: readonly QueueInput[]): Promise<EnqueueResult[]>;
  /**
   * Claims up to `limit` claimable items (pending, and not under a live lease) for `leaseMs`. An
   * item whose earlier claims all lapsed `maxAttempts` times is marked failed instead of handed out.
   */
  claim(options: ClaimOptions): Promise<Claim>;
  /**
   * Stores each item's entry and marks it done, in one transaction, but only for items the claim
   * still holds: an item whose lease lapsed and was claimed again comes back `lost`, storing nothing.
   */
  complete(token: string, done: readonly CompletedItem[]): Promise<CompleteResult[]>;
  /** Marks an item the claim still holds as failed, with the reason; false when the claim was lost. */
  fail(token: string, itemId: number, reason: string): Promise<boolean>;
  /** Hands back the claim's unfinished items at once (a worker stopping cleanly). */
  release(token: string): Promise<number>;
  /** Documents in the store, and what became of every queued input. */
  status(): Promise<StoreStatus>;

  // Re-coding (services/recode.ts): analyses carry the version of the pipeline that produced them.
  /** Stored documents (status ok), in id order after `after`: those of another version than `version` (or none), or all. */
  listRecodable(query: RecodableQuery): Promise<string[]>;
  /** How many stored documents (status ok) each pipeline version produced; null: stored before versions were kept. */
  pipelineVersions(): Promise<PipelineVersionCount[]>;
  /**
   * Replaces a stored document's analysis with a new one of the same text, in one transaction: its
   * rows (entities, events, diagnostics, search), its mentions taken out of their happenings and the
   * relation counts taken back, then linked again as a new document's are; its version set to
   * `pipeline`. An analysis equal to the stored one only sets the version. Null when the document is
   * not stored (or is rejected).
   */
  recodeDocument(analysis: Analysis, pipeline: string): Promise<RecodeOutcome | null>;

  // Canonical entities across the store (store/entity-overrides.ts, `tidings entities`).
  /** One canonical entity with its aliases (its names in the documents) and the overrides that name it; null when no row has the id. */
  getEntity(id: string): Promise<EntityDetail | null>;
  /** Every override the user made, in force or reverted, oldest first. */
  listEntityOverrides(): Promise<EntityOverride[]>;
  /**
   * Merges two entities, splits an alias off one, or reverts an override, in one transaction: the
   * override is recorded (or marked reverted), and the documents holding rows of the entities involved
   * get their entity and event rows rebuilt from their stored analyses under the overrides in force,
   * their happenings unlinked and linked again (relation counts move with them). Later ingests and
   * re-codes write rows through the same overrides. Throws EntityChangeError for a request it refuses.
   */
  changeEntities(change: EntityChange): Promise<EntityChangeResult>;

  close(): Promise<void>;
}

export interface EntityAlias {
  name: string;
  documents: number;
  mentions: number;
}

export interface EntityDetail extends EntityRow {
  /** Its names in the documents, the most used first. */
  aliases: EntityAlias[];
  /** Overrides (in force or reverted) that merged into, out of or split off it, oldest first. */
  overrides: EntityOverride[];
}

export interface RecodableQuery {
  /** The current version: documents of any other (or of none) are stale. */
  version: string;
  /** Every stored document, whatever its version. */
  all: boolean;
  after?: string;
  limit: number;
}

export interface PipelineVersionCount {
  version: string | null;
  documents: number;
}

/** What recoding one document changed across articles. */
export interface RecodeOutcome {
  /** `unchanged`: the new analysis equals the stored one; only the version was set. */
  status: 'recoded' | 'unchanged';
  /** The version the document had before. */
  previous: string | null;
  happenings: {
    /** Happenings that held only this document's mentions, deleted with them (their counts taken back). */
    removed: number;
    /** Happenings that lost this document's mentions and keep other documents' (split off). */
    left: number;
    /** Happenings its new events opened. */
    created: number;
    /** Happenings of other documents its new events were merged into. */
    joined: number;
  };
}

/** What ingest read for one input, waiting in the queue to be analysed. */
export interface QueueInput {
  /** Where it came from, as ingest described it. */
  source: Source;
  /** The decoded text; `''` for an input rejected at the door. */
  text: string;
  /** Diagnostics raised while reading. */
  diagnostics: Diagnostic[];
  /** Rejected at the door (empty, binary, too large): stored as rejected without analysis. */
  rejected: boolean;
  /** sha256 of the raw bytes of a rejected input without text (its key, as ingest would make it). */
  bytesHash?: string;
  /** The blocks of a structured input (a web page). */
  blocks?: Block[];
  /** The raw input the text was extracted from, gzipped. */
  raw?: StoredRaw;
}

/** A raw input kept beside its document, gzipped (the services compress; engines store bytes). */
export interface StoredRaw {
  mediaType: string;
  gzip: Uint8Array;
}

export interface EnqueueResult {
  id: number;
  status: 'queued' | 'already-queued';
}

export interface ClaimOptions {
  /** Who claims (host:pid), for people reading the queue. */
  worker: string;
  limit: number;
  leaseMs: number;
  maxAttempts: number;
}

export interface ClaimedItem extends QueueInput {
  id: number;
  /** How many times the item has been claimed, this claim included. */
  attempts: number;
}

export interface Claim {
  /** Proves the claim when completing: a lapsed and re-claimed item no longer answers to it. */
  token: string;
  items: ClaimedItem[];
}

export interface CompletedItem {
  itemId: number;
  entry: PutEntry;
}

export interface CompleteResult {
  itemId: number;
  /** `lost`: the claim no longer held the item (another worker has it); nothing was stored. */
  status: 'inserted' | 'duplicate' | 'rejected' | 'lost';
  docId: string | null;
}

/**
 * `documents` counts the store however documents got there; the rest count queued inputs:
 * processed (stored as a new document), duplicates (same text as a stored one), rejected (stored as
 * rejected), pending (waiting or claimed), failed (could not be stored, or claimed too often).
 */
export interface StoreStatus {
  documents: number;
  processed: number;
  duplicates: number;
  rejected: number;
  pending: number;
  failed: number;
}

export interface PutResult {
  id: string;
  status: 'inserted' | 'duplicate';
}

/** A document that never became an analysis: whatever bytes or text there were, and why. */
export interface RejectedInput {
  uri: string;
  text?: string;
  /** Raw bytes, when there was no usable text (they are hashed for the key, not stored). */
  bytes?: Uint8Array;
  /** Their sha256, when the bytes themselves are gone (a queued input). */
  bytesHash?: string;
  mediaType?: string;
  published?: string;
  fetched?: string;
  diagnostics: Diagnostic[];
}

export type PutEntry =
  /**
   * An analysis; `createdAt` (else now) and an analysis marked `rejected` are what an import restores
   * as they were exported.
   */
  | {
      kind: 'document';
      analysis: Analysis;
      raw?: StoredRaw;
      createdAt?: string;
      /** The version of the pipeline that produced it (src/pipeline-version.ts); unknown when left out. */
      pipeline?: string;
    }
  | { kind: 'rejected'; input: RejectedInput; raw?: StoredRaw };

export type DocumentStatus = 'ok' | 'rejected';

export interface ExportPage {
  /** The last id of the previous page (none: from the start). */
  after?: string;
  limit: number;
}

/** A stored document as a dump keeps it: everything needed to store it again as it was. */
export interface ExportedDocument {
  analysis: Analysis;
  status: DocumentStatus;
  createdAt: string;
  raw: StoredRaw | null;
}

export interface Page<T> {
  items: T[];
  /**
   * All rows matching the query, ignoring limit/offset — or, when `totalCapped`, a lower bound: a
   * filtered list counts at most COUNT_MARGIN (1,000) rows past the end of the page.
   */
  total: number;
  /** True when `total` stopped at the cap: there are more matches than it says. */
  totalCapped?: boolean;
  limit: number;
  offset: number;
  /**
   * Document lists (without a search) and event queries: the cursor of the page after this one, or
   * null on the last page. Asking with `cursor` costs the same at any depth, unlike a large offset.
   */
  next?: string | null;
}

/** Options every engine takes. */
export interface StoreOptions {
  /** Clock for `created_at` and queue times (tests pin it). */
  now?: () => Date;
}

export interface DocumentQuery {
  /** Full-text query over title + kept text; words are ANDed, punctuation is ignored (search-terms.ts). */
  q?: string;
  status?: DocumentStatus;
  limit: number;
  offset: number;
  /** The `next` of the page before (keyset pagination; `offset` is then ignored). Not with `q`. */
  cursor?: string;
}

export interface DocumentSummary {
  id: string;
  uri: string;
  title: string | null;
  /** The first words of the kept text, for documents without a title. */
  snippet: string;
  published: string | null;
  mediaType: string | null;
  status: DocumentStatus;
  createdAt: string;
  /** For rejected documents: the reason of the first error diagnostic. */
  reason: string | null;
  /** GDELT-style average tone of the document (`analysis.tone.tone`); null when it was not scored. */
  tone: number | null;
  counts: { sentences: number; entities: number; events: number; diagnostics: number };
}

export interface EventQuery {
  /** ISO3 country, entity id, or (case-insensitive) part of the actor's text. */
  actor?: string;
  recipient?: string;
  /** PLOVER type, case-insensitive. */
  type?: string;
  status?: EventStatus;
  /** Inclusive `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; matched against the event date, else the publication date. */
  from?: string;
  to?: string;
  docId?: string;
  /** Only events at least this likely right (`NewsEvent.confidence`, 0–1); events stored without one are left out. */
  minConfidence?: number;
  limit: number;
  offset: number;
  /** The `next` of the page before (keyset pagination; `offset` is then ignored). */
  cursor?: string;
}

export interface Participant {
  text: string;
  entity: string | null;
  country: string | null;
  sector: string | null;
}

export interface EventRow {
  docId: string;
  /** Index of the event in its document's `events`. */
  idx: number;
  docTitle: string | null;
  type: string;
  mode: string | null;
  status: EventStatus;
  cameo: string | null;
  quad: number | null;
  goldstein: number | null;
  actor: Participant | null;
  recipient: Participant | null;
  date: string | null;
  published: string | null;
  start: number;
  end: number;
  sentence: number;
  rule: string;
  /** How likely the reading is right (`NewsEvent.confidence`); null for events stored without one. */
  confidence: number | null;
}

export interface EntityQuery {
  /** Only this document's entities (otherwise aggregated over all documents). */
  docId?: string;
  /** Case-insensitive part of the name, or an exact entity id / ISO3. */
  q?: string;
  type?: EntityType;
  country?: string;
  limit: number;
  offset: number;
}

export interface EntityRow {
  entityId: string;
  name: string;
  type: string;
  country: string | null;
  sector: string | null;
  /** Documents that mention it (1 when listing one document). */
  documents: number;
  mentions: number;
}

export interface StoredDiagnostic {
  ruleId: string;
  severity: Severity;
  reason: string;
  start: number | null;
  end: number | null;
}

export interface StoreStats {
  engine: string;
  schemaVersion: number;
  documents: number;
  ok: number;
  rejected: number;
  entities: number;
  events: number;
  diagnostics: number;
  eventsByType: Record<string, number>;
}

export interface NearDuplicateLink {
  docId: string;
  title: string | null;
  uri: string;
  published: string | null;
  /** Estimated Jaccard similarity of the word 3-gram sets (1 for texts equal but for case, spacing and punctuation). */
  similarity: number;
  method: 'normalized' | 'minhash';
}

export interface NearDuplicates {
  /** The earlier document this one copies, or null when it is an original. */
  original: NearDuplicateLink | null;
  /** Later documents that copy this one. */
  copies: NearDuplicateLink[];
}

export interface HappeningQuery {
  /** ISO3 country, `RUS.GOV`, or an entity id, on the actor side. */
  actor?: string;
  recipient?: string;
  type?: string;
  /** Inclusive `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, against the happening's day. */
  from?: string;
  to?: string;
  /** Only happenings mentioned in this document. */
  docId?: string;
  /** Only happenings reported by at least this many outlets. */
  minSources?: number;
  limit: number;
  offset: number;
}

export interface HappeningParty {
  country: string | null;
  sector: string | null;
  entity: string | null;
  text: string | null;
}

export interface HappeningRow {
  id: number;
  type: string;
  quad: number | null;
  cameo: string | null;
  goldstein: number | null;
  actor: HappeningParty | null;
  recipient: HappeningParty | null;
  place: string | null;
  /** The days it may fall on, and the day it is counted on. */
  from: string;
  to: string;
  day: string;
  /** GDELT's counts: every mention, distinct documents, distinct outlets. */
  numMentions: number;
  numArticles: number;
  numSources: number;
  /** The earliest report (by publication date; the first stored when dates tie or are missing). */
  firstDocId: string;
  firstIdx: number;
  firstPublished: string | null;
}

export interface HappeningMention {
  docId: string;
  /** Index of the event in its document's `events`. */
  idx: number;
  title: string | null;
  uri: string;
  published: string | null;
  source: string;
  sentence: number;
  /** Why this mention was merged into the happening (`first report` for the one that opened it). */
  reason: string;
}

export interface HappeningDetail extends HappeningRow {
  mentions: HappeningMention[];
  /** The distinct outlets, in the order they first reported it. */
  sources: string[];
}

export type RelationGranularity = 'day' | 'week' | 'month';

export interface RelationQuery {
  /** `RUS`, `RUS.GOV` or an entity id (stages/06-link parseActor). */
  a: string;
  b: string;
  by: RelationGranularity;
  /** Inclusive `YYYY-MM-DD` bounds on the period's first day. */
  from?: string;
  to?: string;
}

export interface RelationCountRow {
  /** `d:2024-05-16`, `w:2024-W20`, `m:2024-05`. */
  period: string;
  /** `ab`: a acted on b; `ba`: b on a. */
  direction: 'ab' | 'ba';
  type: string;
  quad: number;
  events: number;
  mentions: number;
  goldsteinSum: number;
  goldsteinN: number;
}

export interface TopRelationsQuery {
  /** `dyads`: actor → recipient pairs; `actors`: single actors, either side. */
  kind: 'dyads' | 'actors';
  /** How actors are named: countries, countries with sectors, or entities. */
  level: 'country' | 'sector' | 'entity';
  /** Inclusive `YYYY-MM` bounds (months). */
  from?: string;
  to?: string;
  /** Only happenings of this PLOVER type (as stored: upper case). */
  type?: string;
  limit: number;
}

export interface TopRelationRow {
  actor: string;
  /** null for `actors`. */
  recipient: string | null;
  events: number;
  mentions: number;
  /** Mean Goldstein score of its happenings, null when none had one. */
  goldsteinMean: number | null;
}

export interface StoryQuery {
  /** Inclusive `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: stories seen in the range (last seen on or after `from`, first seen on or before `to`). */
  from?: string;
  to?: string;
  /** Only stories of at least this many articles. */
  minSize?: number;
  /** Only these stories. */
  ids?: readonly number[];
  limit: number;
  offset: number;
}

export interface StoryRow {
  id: number;
  /** Main actors and main event: `Vladimir Putin, Xi Jinping: CONSULT`. */
  label: string;
  /** The most named people, countries and organisations, with how many of the story's articles name them. */
  actors: { id: string; name: string; articles: number }[];
  /** PLOVER event types asserted by its articles, the most reported first. */
  eventTypes: string[];
  /** The earliest and latest publication day of its articles (null when none was dated). */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Articles, and distinct outlets. */
  size: number;
  numSources: number;
  /** Its outlets, the most articles first (up to ten). */
  sources: string[];
}

export interface StoryDayRow {
  storyId: number;
  day: string;
  articles: number;
}

export interface StoryArticle {
  docId: string;
  title: string | null;
  uri: string;
  published: string | null;
  source: string;
  /** How close the article was to the story when it joined (1 for the first, and for a near-duplicate). */
  score: number;
}

export interface StoryDetail extends StoryRow {
  articles: StoryArticle[];
}

/** A cursor that is not one this store gave out (malformed, or from another kind of list). */
export class BadCursorError extends Error {
  readonly code = 'BAD_CURSOR';

  constructor() {
    super('the cursor is not one a page of this list gave out; start again without it');
    this.name = 'BadCursorError';
  }
}

/**
 * A write that gave up because another writer kept the store locked past the retry budget.
 * Nothing of that write was stored; trying again later can succeed (the API answers 503).
 */
export class StoreBusyError extends Error {
  /** The engine's own code (`SQLITE_BUSY`, …). */
  readonly code: string;
  readonly waitedMs: number;

  constructor(message: string, code: string, waitedMs: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreBusyError';
    this.code = code;
    this.waitedMs = waitedMs;
  }
}

/** True for a StoreBusyError, also one that crossed a thread boundary (and lost its class on the way). */
export function isStoreBusy(error: unknown): boolean {
  return error instanceof StoreBusyError || (error as { name?: unknown } | null)?.name === 'StoreBusyError';
}
