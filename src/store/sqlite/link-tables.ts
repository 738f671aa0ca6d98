import type Database from 'better-sqlite3';
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
import { centroidCache, STORY_COLUMNS, storyValues, toStoredStory } from '../story-row.js';

/** The link step's lookups and writes on SQLite; called inside the transaction that stores the document. */
export function sqliteLinkTables(stmt: (sql: string) => Database.Statement): LinkTables {
  const centroidOf = centroidCache();
  return {
    nearCandidates(docId: string, fingerprint: Fingerprint): NearCandidate[] {
      const rows = stmt(
        `SELECT f.doc_id, f.normalized, f.signature, f.shingles, n.original_id FROM doc_fingerprints f
           LEFT JOIN near_duplicates n ON n.doc_id = f.doc_id
         WHERE f.doc_id <> @docId AND (f.normalized = @normalized
           OR f.doc_id IN (SELECT doc_id FROM doc_bands WHERE band IN (SELECT value FROM json_each(@bands))))
         LIMIT 200`,
      ).all({ docId, normalized: fingerprint.normalized, bands: JSON.stringify(fingerprint.bands) }) as Row[];
      return rows.map(toCandidate);
    },
    putFingerprint(docId: string, fingerprint: Fingerprint): void {
      stmt(
        'INSERT OR IGNORE INTO doc_fingerprints (doc_id, normalized, signature, shingles) VALUES (?, ?, ?, ?)',
      ).run(
        docId,
        fingerprint.normalized,
        Buffer.from(signatureBytes(fingerprint.signature)),
        fingerprint.shingles,
      );
      const band = stmt('INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)');
      for (const key of fingerprint.bands) band.run(key, docId);
    },
    putNearDuplicate(docId: string, near: NearDuplicate): void {
      stmt(
        'INSERT OR REPLACE INTO near_duplicates (doc_id, original_id, similarity, method) VALUES (?, ?, ?, ?)',
      ).run(docId, near.originalId, near.similarity, near.method);
    },
    happeningCandidates(type, actorCountry, recipientCountry, from, to): StoredHappening[] {
      return (
        stmt(
          `SELECT ${HAPPENING_KEY_COLUMNS} FROM happenings h
           WHERE h.type = ? AND h.actor_country = ? AND h.recipient_country = ? AND h.date_to >= ? AND h.date_from <= ?
           ORDER BY h.id LIMIT 100`,
        ).all(type, actorCountry, recipientCountry, from, to) as Row[]
      ).map(toStoredHappening);
    },
    createHappening(m: Mention): number {
      const values = happeningValues(m);
      const info = stmt(
        `INSERT INTO happenings (${HAPPENING_INSERT_COLUMNS}) VALUES (${values.map(() => '?').join(', ')})`,
      ).run(...values);
      return Number(info.lastInsertRowid);
    },
    mentionSeen(happeningId: number, docId: string, source: string) {
      const article = stmt(
        'SELECT 1 FROM happening_mentions WHERE happening_id = ? AND doc_id = ? LIMIT 1',
      ).get(happeningId, docId);
      const fromSource = stmt(
        'SELECT 1 FROM happening_mentions WHERE happening_id = ? AND source = ? LIMIT 1',
      ).get(happeningId, source);
      return { article: article !== undefined, source: fromSource !== undefined };
    },
    joinHappening(happeningId, m, range, counts): void {
      stmt(
        `UPDATE happenings SET date_from = @from, date_to = @to, num_mentions = num_mentions + 1,
           num_articles = num_articles + @article, num_sources = num_sources + @source,
           first_doc = CASE WHEN @published < first_published THEN @doc ELSE first_doc END,
           first_idx = CASE WHEN @published < first_published THEN @idx ELSE first_idx END,
           first_published = CASE WHEN @published < first_published OR first_published IS NULL THEN @published ELSE first_published END
         WHERE id = @id`,
      ).run({ id: happeningId, ...range, ...counts, published: m.published, doc: m.docId, idx: m.idx });
    },
    addMention(happeningId: number, m: Mention, reason: string): void {
      stmt(
        `INSERT OR IGNORE INTO happening_mentions (doc_id, idx, happening_id, source, sentence, reason)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(m.docId, m.idx, happeningId, m.source, m.sentence, reason);
    },
    addRelations(deltas: readonly RelationDelta[]): void {
      const upsert = stmt(
        `INSERT INTO relation_counts (actor, recipient, period, type, quad, actor_kind, recipient_kind,
           events, mentions, goldstein_sum, goldstein_n)
         VALUES (@actor, @recipient, @period, @type, @quad, @actorKind, @recipientKind, @events, @mentions, @goldsteinSum, @goldsteinN)
         ON CONFLICT (actor, recipient, period, type, quad) DO UPDATE SET events = events + excluded.events,
           mentions = mentions + excluded.mentions, goldstein_sum = goldstein_sum + excluded.goldstein_sum,
           goldstein_n = goldstein_n + excluded.goldstein_n`,
      );
      for (const d of deltas) upsert.run(d);
    },
    documentHappenings(docId) {
      const rows = stmt(
        `SELECT ${HAPPENING_KEY_COLUMNS}, h.num_mentions, m.n FROM happenings h
           JOIN (SELECT happening_id, count(*) AS n FROM happening_mentions WHERE doc_id = ? GROUP BY happening_id) m
             ON m.happening_id = h.id
         ORDER BY h.id`,
      ).all(docId) as Row[];
      return rows.map((row) => ({
        happening: { ...toStoredHappening(row), numMentions: Number(row.num_mentions) },
        mentions: Number(row.n),
      }));
    },
    removeDocumentMentions(docId) {
      stmt('DELETE FROM happening_mentions WHERE doc_id = ?').run(docId);
    },
    deleteHappening(happeningId) {
      stmt('DELETE FROM happenings WHERE id = ?').run(happeningId);
    },
    recountHappening(happeningId) {
      // The earliest report: by publication date (undated last), then the first stored.
      stmt(
        `UPDATE happenings SET
           num_mentions = (SELECT count(*) FROM happening_mentions WHERE happening_id = @id),
           num_articles = (SELECT count(DISTINCT doc_id) FROM happening_mentions WHERE happening_id = @id),
           num_sources = (SELECT count(DISTINCT source) FROM happening_mentions WHERE happening_id = @id),
           (first_doc, first_idx, first_published) = (
             SELECT m.doc_id, m.idx, d.published FROM happening_mentions m JOIN documents d ON d.id = m.doc_id
             WHERE m.happening_id = @id
             ORDER BY d.published IS NULL, d.published, d.rowid, m.idx LIMIT 1)
         WHERE id = @id`,
      ).run({ id: happeningId });
    },
    pruneRelations(deltas) {
      const prune = stmt(
        `DELETE FROM relation_counts WHERE actor = @actor AND recipient = @recipient AND period = @period
           AND type = @type AND quad = @quad AND events <= 0 AND mentions <= 0`,
      );
      for (const d of deltas)
        prune.run({ actor: d.actor, recipient: d.recipient, period: d.period, type: d.type, quad: d.quad });
    },
    countTerms(keys) {
      // A key JSON would carry as an escape (a control character, half a surrogate pair) is
      // counted on its own, as bound text; SQLite's JSON reading need not give the same text back.
      if (keys.some((key) => UNSAFE_IN_JSON.test(key))) {
        const upsert = stmt(
          `INSERT INTO term_frequencies (term, docs) VALUES (?, 1)
           ON CONFLICT (term) DO UPDATE SET docs = docs + 1 RETURNING docs`,
        ).pluck();
        const docs = Number(upsert.get('#docs'));
        const df = new Map<string, number>();
        for (const key of keys) df.set(key, Number(upsert.get(key)));
        return { docs, df };
      }
      // One statement for the document's terms (distinct, as the link step gives them): a
      // statement per term cost a round trip into SQLite each, some 200 an article.
      const rows = stmt(
        `INSERT INTO term_frequencies (term, docs) SELECT value, 1 FROM json_each(?) WHERE true
         ON CONFLICT (term) DO UPDATE SET docs = docs + 1 RETURNING term, docs`,
      )
        .raw()
        .all(JSON.stringify(['#docs', ...keys])) as [string, number][];
      const counted = new Map<string, number>();
      for (const [term, docs] of rows) counted.set(term, Number(docs));
      const df = new Map<string, number>();
      for (const key of keys) df.set(key, counted.get(key) as number);
      return { docs: counted.get('#docs') as number, df };
    },
    storyOfDocument(docId) {
      const id = stmt('SELECT story_id FROM story_members WHERE doc_id = ?').pluck().get(docId);
      return id === undefined ? null : Number(id);
    },
    storiesByKeys(keys, since, perKey) {
      const read = stmt(
        'SELECT story_id FROM story_index WHERE term = ? AND last_seen >= ? ORDER BY last_seen DESC, story_id DESC LIMIT ?',
      ).pluck();
      const ids: number[] = [];
      for (const key of keys) for (const id of read.all(key, since, perKey)) ids.push(Number(id));
      return ids;
    },
    loadStories(ids) {
      const read = stmt(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`);
      return ids.flatMap((id) => {
        const row = read.get(id) as Row | undefined;
        return row ? [toStoredStory(row, centroidOf)] : [];
      });
    },
    createStory(story) {
      const info = stmt(
        `INSERT INTO stories (label, first_seen, last_seen, size, num_sources, centroid, profile)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(...storyValues(story));
      const id = Number(info.lastInsertRowid);
      writeIndex(stmt, id, story);
      return id;
    },
    updateStory(id, story, before) {
      stmt(
        `UPDATE stories SET label = ?, first_seen = ?, last_seen = ?, size = ?, num_sources = ?, centroid = ?, profile = ?
         WHERE id = ?`,
      ).run(...storyValues(story), id);
      // The index rows carry the story's last day: when it moved, every row is written again;
      // otherwise only the keys that came and went.
      if (before && (before.last ?? '') === (story.last ?? '')) {
        const kept = new Set(before.keys);
        const now = new Set(story.keys);
        const drop = stmt('DELETE FROM story_index WHERE term = ? AND last_seen = ? AND story_id = ?');
        for (const key of kept) if (!now.has(key)) drop.run(key, story.last ?? '', id);
        writeIndex(stmt, id, { ...story, keys: story.keys.filter((k) => !kept.has(k)) });
        return;
      }
      stmt('DELETE FROM story_index WHERE story_id = ?').run(id);
      writeIndex(stmt, id, story);
    },
    addStoryMember(storyId, docId, score, source, day) {
      stmt(
        'INSERT OR IGNORE INTO story_members (doc_id, story_id, score, source, day) VALUES (?, ?, ?, ?, ?)',
      ).run(docId, storyId, score, source, day);
      const seen = stmt('SELECT 1 FROM story_sources WHERE story_id = ? AND source = ?').get(storyId, source);
      stmt(
        `INSERT INTO story_sources (story_id, source, articles) VALUES (?, ?, 1)
         ON CONFLICT (story_id, source) DO UPDATE SET articles = articles + 1`,
      ).run(storyId, source);
      return seen === undefined;
    },
  };
}

/** Characters JSON.stringify writes as `\u` escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for
const UNSAFE_IN_JSON = /[\u0000-\u001f\ud800-\udfff]/;

function writeIndex(stmt: (sql: string) => Database.Statement, id: number, story: StoryWrite): void {
  const insert = stmt('INSERT OR IGNORE INTO story_index (term, last_seen, story_id) VALUES (?, ?, ?)');
  for (const key of story.keys) insert.run(key, story.last ?? '', id);
}

function toCandidate(row: Row): NearCandidate {
  return {
    docId: row.doc_id as string,
    normalized: row.normalized as string,
    signature: signatureFromBytes(new Uint8Array(row.signature as Buffer)),
    shingles: Number(row.shingles),
    original: (row.original_id as string | null) ?? null,
  };
}
