/**
 * Schema migrations for PostgreSQL, applied in order; entry i brings the schema to version i + 1,
 * the same version as the same entry of sqlite/migrations.ts. Never edit an applied entry: append.
 *
 * Text columns use the "C" collation: ordering and case folding (ASCII only) then match SQLite's
 * BINARY and NOCASE whatever the server's locale, so both engines sort and filter alike.
 */
// `as const`: SQL texts, not a word list (src/layout.test.ts looks for word lists in arrays of strings).
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    id TEXT COLLATE "C" PRIMARY KEY,
    uri TEXT COLLATE "C" NOT NULL,
    title TEXT COLLATE "C",
    published TEXT COLLATE "C",
    fetched TEXT COLLATE "C",
    media_type TEXT COLLATE "C",
    status TEXT COLLATE "C" NOT NULL CHECK (status IN ('ok', 'rejected')),
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    snippet TEXT COLLATE "C" NOT NULL DEFAULT '',
    reason TEXT COLLATE "C",
    sentence_count INTEGER NOT NULL DEFAULT 0,
    entity_count INTEGER NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0,
    diagnostic_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT COLLATE "C" NOT NULL,
    -- Title terms weighted A, kept-text terms D, built from search-terms.ts (not PostgreSQL's parser).
    search TSVECTOR NOT NULL
  );
  CREATE INDEX documents_by_status ON documents (status, published DESC, created_at DESC);
  CREATE INDEX documents_search ON documents USING GIN (search);

  CREATE TABLE entities (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity_id TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C",
    sector TEXT COLLATE "C",
    mention_count INTEGER NOT NULL
  );
  CREATE INDEX entities_by_doc ON entities (doc_id);
  CREATE INDEX entities_by_id ON entities (entity_id);
  CREATE INDEX entities_by_country ON entities (country);

  CREATE TABLE events (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    mode TEXT COLLATE "C",
    status TEXT COLLATE "C" NOT NULL,
    cameo TEXT COLLATE "C",
    quad INTEGER,
    goldstein DOUBLE PRECISION,
    actor_text TEXT COLLATE "C",
    actor_entity TEXT COLLATE "C",
    actor_country TEXT COLLATE "C",
    actor_sector TEXT COLLATE "C",
    recipient_text TEXT COLLATE "C",
    recipient_entity TEXT COLLATE "C",
    recipient_country TEXT COLLATE "C",
    recipient_sector TEXT COLLATE "C",
    date TEXT COLLATE "C",
    day TEXT COLLATE "C",
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    rule TEXT COLLATE "C" NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX events_by_type ON events (type);
  CREATE INDEX events_by_actor_country ON events (actor_country);
  CREATE INDEX events_by_recipient_country ON events (recipient_country);
  CREATE INDEX events_by_day ON events (day);

  CREATE TABLE diagnostics (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    rule_id TEXT COLLATE "C" NOT NULL,
    severity TEXT COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    PRIMARY KEY (doc_id, idx)
  );
  `,
  // 2: the work queue (ingest --enqueue, tidings worker). Leases are the server's clock.
  `
  CREATE TABLE queue (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    input_key TEXT COLLATE "C" NOT NULL UNIQUE,
    uri TEXT COLLATE "C" NOT NULL,
    media_type TEXT COLLATE "C",
    published TEXT COLLATE "C",
    fetched TEXT COLLATE "C",
    text TEXT NOT NULL,
    diagnostics TEXT NOT NULL,
    rejected BOOLEAN NOT NULL DEFAULT false,
    bytes_hash TEXT COLLATE "C",
    state TEXT COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    claim TEXT COLLATE "C",
    claimed_by TEXT COLLATE "C",
    lease_until TIMESTAMPTZ,
    result TEXT COLLATE "C" CHECK (result IN ('inserted', 'duplicate', 'rejected')),
    doc_id TEXT COLLATE "C",
    error TEXT,
    enqueued_at TEXT COLLATE "C" NOT NULL,
    finished_at TEXT COLLATE "C"
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
    gzip BYTEA NOT NULL
  );
  ALTER TABLE queue ADD COLUMN blocks TEXT;
  ALTER TABLE queue ADD COLUMN raw_media_type TEXT;
  ALTER TABLE queue ADD COLUMN raw_gzip BYTEA;
  `,
  // 5: the document's GDELT-style average tone (analysis.tone.tone), to sort and filter by; null when not scored.
  `
  ALTER TABLE documents ADD COLUMN tone DOUBLE PRECISION;
  `,
  // 6: across articles (stages/06-link): near-duplicate fingerprints and LSH bands, happenings (one
  // event per real-world happening, with every mention kept) and relation counts kept per period.
  `
  CREATE TABLE doc_fingerprints (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    normalized TEXT COLLATE "C" NOT NULL,
    signature BYTEA NOT NULL,
    shingles INTEGER NOT NULL
  );
  CREATE INDEX doc_fingerprints_by_normalized ON doc_fingerprints (normalized);
  CREATE TABLE doc_bands (
    band BIGINT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE
  );
  CREATE INDEX doc_bands_by_band ON doc_bands (band);
  CREATE INDEX doc_bands_by_doc ON doc_bands (doc_id);
  CREATE TABLE near_duplicates (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    original_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    similarity DOUBLE PRECISION NOT NULL,
    method TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX near_duplicates_by_original ON near_duplicates (original_id);
  CREATE TABLE happenings (
    id BIGSERIAL PRIMARY KEY,
    type TEXT COLLATE "C" NOT NULL,
    quad INTEGER,
    cameo TEXT COLLATE "C",
    goldstein DOUBLE PRECISION,
    actor_country TEXT COLLATE "C" NOT NULL DEFAULT '',
    actor_sector TEXT COLLATE "C",
    actor_entity TEXT COLLATE "C",
    actor_text TEXT,
    recipient_country TEXT COLLATE "C" NOT NULL DEFAULT '',
    recipient_sector TEXT COLLATE "C",
    recipient_entity TEXT COLLATE "C",
    recipient_text TEXT,
    place TEXT COLLATE "C",
    date_from TEXT COLLATE "C" NOT NULL,
    date_to TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    first_doc TEXT COLLATE "C" NOT NULL,
    first_idx INTEGER NOT NULL,
    first_published TEXT COLLATE "C",
    num_mentions INTEGER NOT NULL DEFAULT 1,
    num_articles INTEGER NOT NULL DEFAULT 1,
    num_sources INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX happenings_by_key ON happenings (type, actor_country, recipient_country, date_to);
  CREATE INDEX happenings_by_day ON happenings (day);
  CREATE TABLE happening_mentions (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    happening_id BIGINT NOT NULL REFERENCES happenings (id) ON DELETE CASCADE,
    source TEXT COLLATE "C" NOT NULL,
    sentence INTEGER NOT NULL,
    reason TEXT NOT NULL,
    seq BIGSERIAL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX happening_mentions_by_happening ON happening_mentions (happening_id, source);
  CREATE TABLE relation_counts (
    actor TEXT COLLATE "C" NOT NULL,
    recipient TEXT COLLATE "C" NOT NULL,
    period TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    quad INTEGER NOT NULL,
    actor_kind TEXT COLLATE "C" NOT NULL,
    recipient_kind TEXT COLLATE "C" NOT NULL,
    events INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    goldstein_sum DOUBLE PRECISION NOT NULL,
    goldstein_n INTEGER NOT NULL,
    PRIMARY KEY (actor, recipient, period, type, quad)
  );
  CREATE INDEX relation_counts_by_period ON relation_counts (period, actor_kind, recipient_kind);
  `,
  // 7: the orders lists are read in (newest documents, newest events), so a page — by cursor — costs the
  // same at any depth.
  `
  CREATE INDEX documents_newest ON documents (published DESC NULLS LAST, created_at DESC, id);
  CREATE INDEX events_newest ON events (day DESC NULLS LAST, doc_id, idx);
  `,
  // 8: story clusters (stages/06-link/stories.ts): stories with their centroid and profile, the inverted
  // index that finds a story by its heaviest terms (newest first), the articles and outlets of each, and
  // the document frequencies TF-IDF weighs terms by ('#docs' counts the documents).
  `
  CREATE TABLE stories (
    id BIGSERIAL PRIMARY KEY,
    label TEXT NOT NULL,
    first_seen TEXT COLLATE "C",
    last_seen TEXT COLLATE "C",
    size INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    centroid TEXT NOT NULL,
    profile TEXT NOT NULL
  );
  CREATE INDEX stories_newest ON stories (last_seen DESC NULLS LAST, id DESC);
  CREATE TABLE story_index (
    term TEXT COLLATE "C" NOT NULL,
    last_seen TEXT COLLATE "C" NOT NULL,
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (term, last_seen, story_id)
  );
  CREATE INDEX story_index_by_story ON story_index (story_id);
  CREATE TABLE story_members (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    score DOUBLE PRECISION NOT NULL,
    source TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C"
  );
  CREATE INDEX story_members_by_story ON story_members (story_id, day);
  CREATE TABLE story_sources (
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    source TEXT COLLATE "C" NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (story_id, source)
  );
  CREATE TABLE term_frequencies (
    term TEXT COLLATE "C" PRIMARY KEY,
    docs INTEGER NOT NULL
  );
  `,
  // 9: documents in the order they were stored, which the live feed polls (GET /api/live).
  `
  CREATE INDEX documents_stored ON documents (created_at, id);
  `,
  // 10: the version of the pipeline (rules, knowledge bases, models: src/pipeline-version.ts) that produced
  // each stored analysis; null for documents stored before it was kept, and for rejected ones. What
  // `tidings recode --stale` looks documents up by.
  `
  ALTER TABLE documents ADD COLUMN pipeline_version TEXT COLLATE "C";
  CREATE INDEX documents_by_pipeline ON documents (pipeline_version, id);
  `,
  // 11: counts kept rather than recounted (see sqlite/migrations.ts), and events by type in list order.
  `
  CREATE TABLE kept_counts (
    name TEXT COLLATE "C" PRIMARY KEY,
    n BIGINT NOT NULL
  );
  INSERT INTO kept_counts (name, n) SELECT 'documents:' || status, count(*) FROM documents GROUP BY status;
  INSERT INTO kept_counts (name, n) SELECT 'events', count(*) FROM events HAVING count(*) > 0;
  INSERT INTO kept_counts (name, n) SELECT 'events:' || type, count(*) FROM events GROUP BY type;
  CREATE INDEX events_by_type_newest ON events (type, day DESC NULLS LAST, doc_id, idx);
  `,
  // 12: the user's corrections of canonical entities (see sqlite/migrations.ts).
  `
  CREATE TABLE entity_overrides (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('merge', 'split')),
    entity_id TEXT COLLATE "C" NOT NULL,
    into_id TEXT COLLATE "C" NOT NULL,
    alias TEXT COLLATE "C",
    note TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    reverted_at TEXT COLLATE "C"
  );
  `,
  // 13: the actor filter by index (see sqlite/migrations.ts): entity ids by lower(), the sides' texts by
  // pg_trgm GIN indexes that ILIKE '%…%' uses. The extension lives in the schema it is installed in
  // (public when this installs it, never a store's own schema, which a drop would take it with); without
  // it (not available, no right to create it) the filter still works, by a scan, and a notice says so.
  `
  CREATE INDEX events_by_actor_entity ON events (lower(actor_entity));
  CREATE INDEX events_by_recipient_entity ON events (lower(recipient_entity));
  DO $$
  DECLARE
    home text;
  BEGIN
    SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname = 'pg_trgm';
    IF home IS NULL THEN
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        home := 'public';
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'tidings: pg_trgm not installed (%): the actor filter scans the events', SQLERRM;
      END;
    END IF;
    IF home IS NOT NULL THEN
      EXECUTE format('CREATE INDEX events_actor_trgm ON events USING gin (actor_text %I.gin_trgm_ops)', home);
      EXECUTE format('CREATE INDEX events_recipient_trgm ON events USING gin (recipient_text %I.gin_trgm_ops)', home);
    END IF;
  END
  $$;
  `,
  // 14: the actor filter in list order by index (see sqlite/migrations.ts): country and entity matches of a
  // side read newest first, in the order of events_newest.
  `
  DROP INDEX events_by_actor_country;
  DROP INDEX events_by_recipient_country;
  DROP INDEX events_by_actor_entity;
  DROP INDEX events_by_recipient_entity;
  CREATE INDEX events_by_actor_country_newest ON events (actor_country, day DESC NULLS LAST, doc_id, idx);
  CREATE INDEX events_by_recipient_country_newest ON events (recipient_country, day DESC NULLS LAST, doc_id, idx);
  CREATE INDEX events_by_actor_entity_newest ON events (lower(actor_entity), day DESC NULLS LAST, doc_id, idx);
  CREATE INDEX events_by_recipient_entity_newest ON events (lower(recipient_entity), day DESC NULLS LAST, doc_id, idx);
  `,
  // 15: the headline terms by an index of their own. A search lists headline matches first; asked of the
  // whole vector ('said':A), the planner can only guess from the word's frequency in every text and, for a
  // common word, walked the list order testing each row for a headline that rarely held it (17 s at a
  // million documents). The headline's terms (weight A) as an expression index have statistics of their own.
  `
  CREATE INDEX documents_title_search ON documents USING GIN (ts_filter(search, '{a}'));
  ANALYZE documents;
  `,
  // 16: full-text search in list order (as SQLite's search keys do it there). Every document's vector also
  // holds, at weight B, the year, month and day it was published ('~y2024', '~m202405', '~d20240516'),
  // or for an undated document the day it was stored ('~cy…'), or '~odd' / '~codd' when the value does
  // not start with a date; no search term can start with '~'. A search reads its matches in windows of
  // the newest day, month, year, years (postgres-repository.ts, #newestMatching): the word and the
  // window are entries of the same GIN index, which intersects them, so a common word costs its newest
  // matches, not a bitmap of all of them. The headline index now holds the headline terms (A) and the
  // window lexemes (B), for the same reason. A trigger keeps the lexemes, whoever writes the row.
  `
  CREATE FUNCTION tidings_search_window() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v text;
    p text;
    window_terms tsvector;
  BEGIN
    IF NEW.published IS NOT NULL THEN v := NEW.published; p := '~'; ELSE v := NEW.created_at; p := '~c'; END IF;
    IF v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN
      window_terms := format('%s:3 %s:3 %s:3',
        quote_literal(p || 'y' || substr(v, 1, 4)),
        quote_literal(p || 'm' || substr(v, 1, 4) || substr(v, 6, 2)),
        quote_literal(p || 'd' || substr(v, 1, 4) || substr(v, 6, 2) || substr(v, 9, 2)))::tsvector;
    ELSE
      window_terms := format('%s:3', quote_literal(p || 'odd'))::tsvector;
    END IF;
    NEW.search := ts_filter(coalesce(NEW.search, ''::tsvector), '{a,d}') || setweight(window_terms, 'B');
    RETURN NEW;
  END
  $$;
  CREATE TRIGGER documents_search_window BEFORE INSERT OR UPDATE OF search, published, created_at ON documents
    FOR EACH ROW EXECUTE FUNCTION tidings_search_window();
  DROP INDEX documents_search;
  DROP INDEX documents_title_search;
  UPDATE documents SET search = search;
  SET LOCAL maintenance_work_mem = '256MB';
  CREATE INDEX documents_search ON documents USING GIN (search);
  CREATE INDEX documents_title_search ON documents USING GIN (ts_filter(search, '{a,b}'));
  ANALYZE documents;
  `,
  // 17: each event's confidence (as SQLite's migration 17).
  `
  ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION;
  `,
] as const;
