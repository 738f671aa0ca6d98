import type pg from 'pg';
import {
  type Fingerprint,
  type Mention,
  type NearCandidate,
  type NearDuplicate,
  type RelationDelta,
  signatureBytes,
  signatureFromBytes,
} from '../../stages/06-link/index.js';
import {
  HAPPENING_INSERT_COLUMNS,
  HAPPENING_KEY_COLUMNS,
  happeningValues,
  toStoredHappening,
} from '../happening-row.js';
import type { LinkTables, StoredHappening } from '../link-analysis.js';
import type { Row } from '../read-rows.js';

/** The link step's lookups and writes on PostgreSQL, on the client of the transaction that stores the document. */
export function postgresLinkTables(pgClient: pg.PoolClient): LinkTables {
  // PostgreSQL text cannot hold NUL (a source name, a participant's text): U+FFFD stands in, as for documents.
  const client = {
    query: (sql: string, values: unknown[]) => pgClient.query(sql, values.map(withoutNul)),
  };
  return {
    async nearCandidates(docId: string, fingerprint: Fingerprint): Promise<NearCandidate[]> {
      const { rows } = await client.query(
        `SELECT f.doc_id, f.normalized, f.signature, f.shingles, n.original_id FROM doc_fingerprints f
           LEFT JOIN near_duplicates n ON n.doc_id = f.doc_id
         WHERE f.doc_id <> $1 AND (f.normalized = $2
           OR f.doc_id IN (SELECT doc_id FROM doc_bands WHERE band = ANY($3::bigint[])))
         LIMIT 200`,
        [docId, fingerprint.normalized, fingerprint.bands],
      );
      return (rows as Row[]).map((row) => ({
        docId: row.doc_id as string,
        normalized: row.normalized as string,
        signature: signatureFromBytes(new Uint8Array(row.signature as Buffer)),
        shingles: Number(row.shingles),
        original: (row.original_id as string | null) ?? null,
      }));
    },
    async putFingerprint(docId: string, fingerprint: Fingerprint): Promise<void> {
      await client.query(
        `INSERT INTO doc_fingerprints (doc_id, normalized, signature, shingles) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_id) DO NOTHING`,
        [
          docId,
          fingerprint.normalized,
          Buffer.from(signatureBytes(fingerprint.signature)),
          fingerprint.shingles,
        ],
      );
      if (fingerprint.bands.length > 0) {
        await client.query('INSERT INTO doc_bands (band, doc_id) SELECT unnest($1::bigint[]), $2', [
          fingerprint.bands,
          docId,
        ]);
      }
    },
    async putNearDuplicate(docId: string, near: NearDuplicate): Promise<void> {
      await client.query(
        `INSERT INTO near_duplicates (doc_id, original_id, similarity, method) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_id) DO UPDATE SET original_id = excluded.original_id, similarity = excluded.similarity,
           method = excluded.method`,
        [docId, near.originalId, near.similarity, near.method],
      );
    },
    async happeningCandidates(type, actorCountry, recipientCountry, from, to): Promise<StoredHappening[]> {
      const { rows } = await client.query(
        `SELECT ${HAPPENING_KEY_COLUMNS} FROM happenings h
         WHERE h.type = $1 AND h.actor_country = $2 AND h.recipient_country = $3 AND h.date_to >= $4 AND h.date_from <= $5
         ORDER BY h.id LIMIT 100`,
        [type, actorCountry, recipientCountry, from, to],
      );
      return (rows as Row[]).map(toStoredHappening);
    },
    async createHappening(m: Mention): Promise<number> {
      const values = happeningValues(m);
      const { rows } = await client.query(
        `INSERT INTO happenings (${HAPPENING_INSERT_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
         RETURNING id`,
        values,
      );
      return Number((rows[0] as Row).id);
    },
    async mentionSeen(happeningId: number, docId: string, source: string) {
      const { rows } = await client.query(
        `SELECT EXISTS (SELECT 1 FROM happening_mentions WHERE happening_id = $1 AND doc_id = $2) AS article,
           EXISTS (SELECT 1 FROM happening_mentions WHERE happening_id = $1 AND source = $3) AS source`,
        [happeningId, docId, source],
      );
      const row = rows[0] as { article: boolean; source: boolean };
      return { article: row.article, source: row.source };
    },
    async joinHappening(happeningId, m, range, counts): Promise<void> {
      await client.query(
        `UPDATE happenings SET date_from = $2, date_to = $3, num_mentions = num_mentions + 1,
           num_articles = num_articles + $4, num_sources = num_sources + $5,
           first_doc = CASE WHEN $6::text < first_published THEN $7 ELSE first_doc END,
           first_idx = CASE WHEN $6::text < first_published THEN $8 ELSE first_idx END,
           first_published = CASE WHEN $6::text < first_published OR first_published IS NULL THEN $6 ELSE first_published END
         WHERE id = $1`,
        [happeningId, range.from, range.to, counts.article, counts.source, m.published, m.docId, m.idx],
      );
    },
    async addMention(happeningId: number, m: Mention, reason: string): Promise<void> {
      await client.query(
        `INSERT INTO happening_mentions (doc_id, idx, happening_id, source, sentence, reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (doc_id, idx) DO NOTHING`,
        [m.docId, m.idx, happeningId, m.source, m.sentence, reason],
      );
    },
    async addRelations(deltas: readonly RelationDelta[]): Promise<void> {
      const col = <K extends keyof RelationDelta>(k: K) => deltas.map((d) => d[k]);
      await client.query(
        `INSERT INTO relation_counts (actor, recipient, period, type, quad, actor_kind, recipient_kind,
           events, mentions, goldstein_sum, goldstein_n)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[],
           $8::int[], $9::int[], $10::float8[], $11::int[])
         ON CONFLICT (actor, recipient, period, type, quad) DO UPDATE SET events = relation_counts.events + excluded.events,
           mentions = relation_counts.mentions + excluded.mentions,
           goldstein_sum = relation_counts.goldstein_sum + excluded.goldstein_sum,
           goldstein_n = relation_counts.goldstein_n + excluded.goldstein_n`,
        [
          col('actor'),
          col('recipient'),
          col('period'),
          col('type'),
          col('quad'),
          col('actorKind'),
          col('recipientKind'),
          col('events'),
          col('mentions'),
          col('goldsteinSum'),
          col('goldsteinN'),
        ],
      );
    },
  };
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  return value;
}
