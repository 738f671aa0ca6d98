/**
 * Schema migrations for PostgreSQL, applied in order; entry i brings the schema to version i + 1,
 * the same version as the same entry of sqlite/migrations.ts. Never edit an applied entry: append.
 *
 * Text columns use the "C" collation: ordering and case folding (ASCII only) then match SQLite's
 * BINARY and NOCASE whatever the server's locale, so both engines sort and filter alike.
 */
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
];
