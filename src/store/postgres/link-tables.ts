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
import type { StoryWrite } from '../link-story.js';
import type { Row } from '../read-rows.js';
import { STORY_COLUMNS, storyValues, toStoredStory } from '../story-row.js';

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
    async documentHappenings(docId) {
      const { rows } = await client.query(
        `SELECT ${HAPPENING_KEY_COLUMNS}, h.num_mentions, m.n FROM happenings h
           JOIN (SELECT happening_id, count(*)::int AS n FROM happening_mentions WHERE doc_id = $1 GROUP BY happening_id) m
             ON m.happening_id = h.id
         ORDER BY h.id FOR UPDATE OF h`,
        [docId],
      );
      return (rows as Row[]).map((row) => ({
        happening: { ...toStoredHappening(row), numMentions: Number(row.num_mentions) },
        mentions: Number(row.n),
      }));
    },
    async removeDocumentMentions(docId) {
      await client.query('DELETE FROM happening_mentions WHERE doc_id = $1', [docId]);
    },
    async deleteHappening(happeningId) {
      await client.query('DELETE FROM happenings WHERE id = $1', [happeningId]);
    },
    async recountHappening(happeningId) {
      // The earliest report: by publication date (undated last), then the first stored.
      await client.query(
        `UPDATE happenings SET
           num_mentions = (SELECT count(*) FROM happening_mentions WHERE happening_id = $1),
           num_articles = (SELECT count(DISTINCT doc_id) FROM happening_mentions WHERE happening_id = $1),
           num_sources = (SELECT count(DISTINCT source) FROM happening_mentions WHERE happening_id = $1),
           (first_doc, first_idx, first_published) = (
             SELECT m.doc_id, m.idx, d.published FROM happening_mentions m JOIN documents d ON d.id = m.doc_id
             WHERE m.happening_id = $1
             ORDER BY d.published IS NULL, d.published, d.created_at, d.id, m.idx LIMIT 1)
         WHERE id = $1`,
        [happeningId],
      );
    },
    async pruneRelations(deltas) {
      if (deltas.length === 0) return;
      await client.query(
        `DELETE FROM relation_counts r USING unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
           AS k(actor, recipient, period, type, quad)
         WHERE r.actor = k.actor AND r.recipient = k.recipient AND r.period = k.period AND r.type = k.type
           AND r.quad = k.quad AND r.events <= 0 AND r.mentions <= 0`,
        [
          deltas.map((d) => d.actor),
          deltas.map((d) => d.recipient),
          deltas.map((d) => d.period),
          deltas.map((d) => d.type),
          deltas.map((d) => d.quad),
        ],
      );
    },
    async countTerms(keys) {
      // Sorted, '#docs' first: concurrent writers lock the rows in one order and never deadlock.
      const all = ['#docs', ...[...keys].sort()];
      const { rows } = await client.query(
        `INSERT INTO term_frequencies (term, docs) SELECT unnest($1::text[]), 1
         ON CONFLICT (term) DO UPDATE SET docs = term_frequencies.docs + 1 RETURNING term, docs`,
        [all],
      );
      const df = new Map<string, number>();
      for (const r of rows as Row[]) df.set(r.term as string, Number(r.docs));
      return { docs: df.get('#docs') ?? 1, df };
    },
    async storyOfDocument(docId) {
      const { rows } = await client.query('SELECT story_id FROM story_members WHERE doc_id = $1', [docId]);
      return rows.length === 0 ? null : Number((rows[0] as Row).story_id);
    },
    async storiesByKeys(keys, since, perKey) {
      const { rows } = await client.query(
        `SELECT s.story_id FROM unnest($1::text[]) WITH ORDINALITY AS k(term, n)
           CROSS JOIN LATERAL (SELECT story_id FROM story_index i WHERE i.term = k.term AND i.last_seen >= $2
             ORDER BY i.last_seen DESC, i.story_id DESC LIMIT $3) s
         ORDER BY k.n`,
        [keys, since, perKey],
      );
      return (rows as Row[]).map((r) => Number(r.story_id));
    },
    async loadStories(ids) {
      const { rows } = await client.query(
        `SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ANY($1::bigint[])`,
        [ids],
      );
      const byId = new Map((rows as Row[]).map((r) => [Number(r.id), toStoredStory(r)]));
      return ids.flatMap((id) => {
        const story = byId.get(id);
        return story ? [story] : [];
      });
    },
    async createStory(story) {
      const { rows } = await client.query(
        `INSERT INTO stories (label, first_seen, last_seen, size, num_sources, centroid, profile)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        storyValues(story),
      );
      const id = Number((rows[0] as Row).id);
      await writeIndex(client, id, story);
      return id;
    },
    async updateStory(id, story) {
      await client.query(
        `UPDATE stories SET label = $1, first_seen = $2, last_seen = $3, size = $4, num_sources = $5, centroid = $6,
           profile = $7 WHERE id = $8`,
        [...storyValues(story), id],
      );
      await client.query('DELETE FROM story_index WHERE story_id = $1', [id]);
      await writeIndex(client, id, story);
    },
    async addStoryMember(storyId, docId, score, source, day) {
      await client.query(
        `INSERT INTO story_members (doc_id, story_id, score, source, day) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (doc_id) DO NOTHING`,
        [docId, storyId, score, source, day],
      );
      const { rows } = await client.query(
        `INSERT INTO story_sources (story_id, source, articles) VALUES ($1, $2, 1)
         ON CONFLICT (story_id, source) DO UPDATE SET articles = story_sources.articles + 1
         RETURNING articles`,
        [storyId, source],
      );
      return Number((rows[0] as Row).articles) === 1;
    },
  };
}

async function writeIndex(
  client: { query: (sql: string, values: unknown[]) => Promise<unknown> },
  id: number,
  story: StoryWrite,
): Promise<void> {
  if (story.keys.length === 0) return;
  await client.query(
    `INSERT INTO story_index (term, last_seen, story_id) SELECT unnest($1::text[]), $2, $3
     ON CONFLICT DO NOTHING`,
    [story.keys, story.last ?? '', id],
  );
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  return value;
}
