/**
 * Schema migrations, applied in order. Entry i brings the schema to version i + 1.
 * Never edit an applied entry: append a new one, and the same step to postgres/migrations.ts
 * (both engines share version numbers; store.test.ts checks they have as many).
 */
/**
 * The full-text index of documents. Contentless (the text already lives in documents) and column-level
 * detail: queries are bags of words, never phrases, so positions would only cost space and ingest time.
 * Its rows are keyed by the documents' search keys since migration 16 (search-order.ts).
 */
export const DOCUMENTS_FTS = `CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body, content = '', contentless_delete = 1, detail = column,
    tokenize = 'unicode61 remove_diacritics 2'
  );`;

// `as const`: SQL texts, not a word list (src/layout.test.ts looks for word lists in arrays of strings).
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL,
    title TEXT,
    published TEXT,
    fetched TEXT,
    media_type TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    snippet TEXT NOT NULL DEFAULT '',
    reason TEXT,
    sentence_count INTEGER NOT NULL DEFAULT 0,
    entity_count INTEGER NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0,
    diagnostic_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX documents_by_status ON documents (status, published DESC, created_at DESC);

  CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    mention_count INTEGER NOT NULL
  );
  CREATE INDEX entities_by_doc ON entities (doc_id);
  CREATE INDEX entities_by_id ON entities (entity_id);
  CREATE INDEX entities_by_country ON entities (country);

  CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    cameo TEXT,
    quad INTEGER,
    goldstein REAL,
    actor_text TEXT,
    actor_entity TEXT,
    actor_country TEXT,
    actor_sector TEXT,
    recipient_text TEXT,
    recipient_entity TEXT,
    recipient_country TEXT,
    recipient_sector TEXT,
    date TEXT,
    day TEXT,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    rule TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX events_by_type ON events (type);
  CREATE INDEX events_by_actor_country ON events (actor_country);
  CREATE INDEX events_by_recipient_country ON events (recipient_country);
  CREATE INDEX events_by_day ON events (day);

  CREATE TABLE diagnostics (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    reason TEXT NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    PRIMARY KEY (doc_id, idx)
  );

  ${DOCUMENTS_FTS}
  `,
  // 2: the work queue (ingest --enqueue, tidings worker). Times are milliseconds since the epoch.
  `
  CREATE TABLE queue (
    id INTEGER PRIMARY KEY,
    input_key TEXT NOT NULL UNIQUE,
    uri TEXT NOT NULL,
    media_type TEXT,
    published TEXT,
    fetched TEXT,
    text TEXT NOT NULL,
    diagnostics TEXT NOT NULL,
    rejected INTEGER NOT NULL DEFAULT 0,
    bytes_hash TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    claim TEXT,
    claimed_by TEXT,
    lease_until INTEGER,
    result TEXT CHECK (result IN ('inserted', 'duplicate', 'rejected')),
    doc_id TEXT,
    error TEXT,
    enqueued_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX queue_pending ON queue (id) WHERE state = 'pending';
  CREATE INDEX queue_by_state ON queue (state, result);
  `,
  // 3: the whole source of a queued input (encoding, given title, article URL), as JSON.
  `
  ALTER TABLE queue ADD COLUMN source TEXT NOT NULL DEFAULT '{}';
  `,
  // 4: the raw input a document was extracted from (a web page), gzipped, so extraction can be run again;
  // and what a queued web page carries besides its text: its blocks (JSON) and its raw bytes.
  `
  CREATE TABLE raw_inputs (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    media_type TEXT NOT NULL,
    gzip BLOB NOT NULL
  );
  ALTER TABLE queue ADD COLUMN blocks TEXT;
  ALTER TABLE queue ADD COLUMN raw_media_type TEXT;
  ALTER TABLE queue ADD COLUMN raw_gzip BLOB;
  `,
  // 5: the document's GDELT-style average tone (analysis.tone.tone), to sort and filter by; null when not scored.
  `
  ALTER TABLE documents ADD COLUMN tone REAL;
  `,
  // 6: across articles (stages/06-link): near-duplicate fingerprints and LSH bands, happenings (one
  // event per real-world happening, with every mention kept) and relation counts kept per period.
  `
  CREATE TABLE doc_fingerprints (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    normalized TEXT NOT NULL,
    signature BLOB NOT NULL,
    shingles INTEGER NOT NULL
  );
  CREATE INDEX doc_fingerprints_by_normalized ON doc_fingerprints (normalized);
  CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE
  );
  CREATE INDEX doc_bands_by_band ON doc_bands (band);
  CREATE INDEX doc_bands_by_doc ON doc_bands (doc_id);
  CREATE TABLE near_duplicates (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    method TEXT NOT NULL
  );
  CREATE INDEX near_duplicates_by_original ON near_duplicates (original_id);
  CREATE TABLE happenings (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    quad INTEGER,
    cameo TEXT,
    goldstein REAL,
    actor_country TEXT NOT NULL DEFAULT '',
    actor_sector TEXT,
    actor_entity TEXT,
    actor_text TEXT,
    recipient_country TEXT NOT NULL DEFAULT '',
    recipient_sector TEXT,
    recipient_entity TEXT,
    recipient_text TEXT,
    place TEXT,
    date_from TEXT NOT NULL,
    date_to TEXT NOT NULL,
    day TEXT NOT NULL,
    first_doc TEXT NOT NULL,
    first_idx INTEGER NOT NULL,
    first_published TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 1,
    num_articles INTEGER NOT NULL DEFAULT 1,
    num_sources INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX happenings_by_key ON happenings (type, actor_country, recipient_country, date_to);
  CREATE INDEX happenings_by_day ON happenings (day);
  CREATE TABLE happening_mentions (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    happening_id INTEGER NOT NULL REFERENCES happenings (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX happening_mentions_by_happening ON happening_mentions (happening_id, source);
  CREATE TABLE relation_counts (
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    period TEXT NOT NULL,
    type TEXT NOT NULL,
    quad INTEGER NOT NULL,
    actor_kind TEXT NOT NULL,
    recipient_kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    goldstein_n INTEGER NOT NULL,
    PRIMARY KEY (actor, recipient, period, type, quad)
  ) WITHOUT ROWID;
  CREATE INDEX relation_counts_by_period ON relation_counts (period, actor_kind, recipient_kind);
  `,
  // 7: the orders lists are read in (newest documents, newest events), so a page — by cursor — costs the
  // same at any depth.
  `
  CREATE INDEX documents_newest ON documents (published DESC, created_at DESC, id);
  CREATE INDEX events_newest ON events (day DESC, doc_id, idx);
  `,
  // 8: story clusters (stages/06-link/stories.ts): stories with their centroid and profile, the inverted
  // index that finds a story by its heaviest terms (newest first), the articles and outlets of each, and
  // the document frequencies TF-IDF weighs terms by ('#docs' counts the documents).
  `
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    size INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    centroid TEXT NOT NULL,
    profile TEXT NOT NULL
  );
  CREATE INDEX stories_newest ON stories (last_seen DESC, id DESC);
  CREATE TABLE story_index (
    term TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (term, last_seen, story_id)
  ) WITHOUT ROWID;
  CREATE INDEX story_index_by_story ON story_index (story_id);
  CREATE TABLE story_members (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    score REAL NOT NULL,
    source TEXT NOT NULL,
    day TEXT
  );
  CREATE INDEX story_members_by_story ON story_members (story_id, day);
  CREATE TABLE story_sources (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (story_id, source)
  ) WITHOUT ROWID;
  CREATE TABLE term_frequencies (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 9: documents in the order they were stored, which the live feed polls (GET /api/live).
  `
  CREATE INDEX documents_stored ON documents (created_at, id);
  `,
  // 10: the version of the pipeline (rules, knowledge bases, models: src/pipeline-version.ts) that produced
  // each stored analysis; null for documents stored before it was kept, and for rejected ones. What
  // `tidings recode --stale` looks documents up by.
  `
  ALTER TABLE documents ADD COLUMN pipeline_version TEXT;
  CREATE INDEX documents_by_pipeline ON documents (pipeline_version, id);
  `,
  // 11: counts kept rather than recounted (documents by status, events, events by type), so a list's
  // total and the store's stats cost the same at a million documents as at ten; and events in the order
  // of a list filtered by type, so such a page reads 50 index entries instead of sorting every match.
  `
  CREATE TABLE kept_counts (
    name TEXT PRIMARY KEY,
    n INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO kept_counts (name, n) SELECT 'documents:' || status, count(*) FROM documents GROUP BY status;
  INSERT INTO kept_counts (name, n) SELECT 'events', count(*) FROM events HAVING count(*) > 0;
  INSERT INTO kept_counts (name, n) SELECT 'events:' || type, count(*) FROM events GROUP BY type;
  CREATE INDEX events_by_type_newest ON events (type, day DESC, doc_id, idx);
  `,
  // 12: the user's corrections of canonical entities (`tidings entities merge|split`,
  // store/entity-overrides.ts): kept, reverted or not, so each can be undone and later ingests follow them.
  `
  CREATE TABLE entity_overrides (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    entity_id TEXT NOT NULL,
    into_id TEXT NOT NULL,
    alias TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    reverted_at TEXT
  );
  `,
  // 13: the actor filter (an ISO3 code, an entity id, or part of a side's text) by index: the entity ids
  // case-insensitively, and the sides' texts as trigrams (FTS5 `trigram`, kept by triggers, so every path
  // that writes events keeps it), which a substring of three characters or more is looked up in.
  `
  CREATE INDEX events_by_actor_entity ON events (actor_entity COLLATE NOCASE);
  CREATE INDEX events_by_recipient_entity ON events (recipient_entity COLLATE NOCASE);
  CREATE VIRTUAL TABLE events_parties USING fts5 (
    actor, recipient, content = '', contentless_delete = 1, tokenize = 'trigram'
  );
  INSERT INTO events_parties (rowid, actor, recipient)
    SELECT rowid, coalesce(actor_text, ''), coalesce(recipient_text, '') FROM events;
  CREATE TRIGGER events_parties_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_parties (rowid, actor, recipient)
      VALUES (new.rowid, coalesce(new.actor_text, ''), coalesce(new.recipient_text, ''));
  END;
  CREATE TRIGGER events_parties_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_parties WHERE rowid = old.rowid;
  END;
  `,
  // 14: the actor filter in list order by index. An actor or recipient filter reads the side's country and
  // entity matches from these, newest first (day DESC, doc_id, idx, the order of events_newest), so the
  // first page of a rare country costs what a busy one does; they replace the one-column indexes of
  // migrations 1 and 13, whose lookups they still serve (same leading column).
  `
  DROP INDEX events_by_actor_country;
  DROP INDEX events_by_recipient_country;
  DROP INDEX events_by_actor_entity;
  DROP INDEX events_by_recipient_entity;
  CREATE INDEX events_by_actor_country_newest ON events (actor_country, day DESC, doc_id, idx);
  CREATE INDEX events_by_recipient_country_newest ON events (recipient_country, day DESC, doc_id, idx);
  CREATE INDEX events_by_actor_entity_newest ON events (actor_entity COLLATE NOCASE, day DESC, doc_id, idx);
  CREATE INDEX events_by_recipient_entity_newest ON events (recipient_entity COLLATE NOCASE, day DESC, doc_id, idx);
  `,
  // 15: PostgreSQL's headline-terms index (see postgres/migrations.ts); FTS5 already reads the title column
  // by itself. The statistics SQLite's planner has are refreshed instead.
  `
  PRAGMA optimize;
  `,
  // 16: full-text search in list order (search-order.ts): each document's search key, its position in
  // the list order to the minute (undated: to the second stored), keys documents_fts, so a search reads
  // a common word's first matches instead of all of them. The keys and the rebuilt index are written
  // by the step after this SQL (MIGRATION_STEPS, rekeySearchIndex).
  `
  ALTER TABLE documents ADD COLUMN search_key INTEGER;
  `,
  // 17: each event's confidence (NewsEvent.confidence, analysis format 1.4), for the minConfidence
  // filter; events stored before have none until \`tidings recode\` analyses them again.
  `
  ALTER TABLE events ADD COLUMN confidence REAL;
  `,
] as const;
