import { type Mention, type Party, parseActor, periodKey, periodPrefix } from '../stages/06-link/index.js';
import type { StoredHappening } from './link-analysis.js';
import type { Row } from './read-rows.js';
import type {
  HappeningMention,
  HappeningRow,
  RelationCountRow,
  RelationQuery,
  TopRelationRow,
  TopRelationsQuery,
} from './repository.js';

/** The columns of a happening both engines read back (`h.` is the happenings table). */
export const HAPPENING_KEY_COLUMNS = `h.id, h.type, h.quad, h.goldstein, h.actor_country, h.actor_sector, h.actor_entity,
  h.actor_text, h.recipient_country, h.recipient_sector, h.recipient_entity, h.recipient_text, h.place,
  h.date_from, h.date_to, h.day`;

function partyOf(row: Row, side: 'actor' | 'recipient'): Party | null {
  const country = (row[`${side}_country`] as string) || null;
  const sector = (row[`${side}_sector`] as string | null) ?? null;
  const entity = (row[`${side}_entity`] as string | null) ?? null;
  const text = (row[`${side}_text`] as string | null) ?? null;
  if (!country && !sector && !entity) return null;
  return { country, sector, entity, text };
}

export function toStoredHappening(row: Row): StoredHappening {
  return {
    id: Number(row.id),
    type: row.type as string,
    actor: partyOf(row, 'actor'),
    recipient: partyOf(row, 'recipient'),
    place: (row.place as string | null) ?? null,
    from: row.date_from as string,
    to: row.date_to as string,
    day: row.day as string,
    quad: row.quad == null ? null : Number(row.quad),
    goldstein: row.goldstein == null ? null : Number(row.goldstein),
  };
}

/** The values of a new happening row, in the order of HAPPENING_INSERT_COLUMNS. */
export const HAPPENING_INSERT_COLUMNS = `type, quad, cameo, goldstein, actor_country, actor_sector, actor_entity, actor_text,
  recipient_country, recipient_sector, recipient_entity, recipient_text, place, date_from, date_to, day,
  first_doc, first_idx, first_published`;

export function happeningValues(m: Mention): unknown[] {
  const side = (p: Party | null) => [p?.country ?? '', p?.sector ?? null, p?.entity ?? null, p?.text ?? null];
  return [
    m.type,
    m.quad,
    m.cameo,
    m.goldstein,
    ...side(m.actor),
    ...side(m.recipient),
    m.place,
    m.from,
    m.to,
    m.day,
    m.docId,
    m.idx,
    m.published,
  ];
}

/** Every column of a happening row (`h.` is the happenings table). */
export const HAPPENING_ROW_COLUMNS = `${HAPPENING_KEY_COLUMNS}, h.cameo, h.num_mentions, h.num_articles, h.num_sources,
  h.first_doc, h.first_idx, h.first_published`;

export function toHappeningRow(row: Row): HappeningRow {
  const key = toStoredHappening(row);
  return {
    id: key.id,
    type: key.type,
    quad: key.quad,
    cameo: (row.cameo as string | null) ?? null,
    goldstein: key.goldstein,
    actor: key.actor,
    recipient: key.recipient,
    place: key.place,
    from: key.from,
    to: key.to,
    day: key.day,
    numMentions: Number(row.num_mentions),
    numArticles: Number(row.num_articles),
    numSources: Number(row.num_sources),
    firstDocId: row.first_doc as string,
    firstIdx: Number(row.first_idx),
    firstPublished: (row.first_published as string | null) ?? null,
  };
}

export function toHappeningMention(row: Row): HappeningMention {
  return {
    docId: row.doc_id as string,
    idx: Number(row.idx),
    title: (row.title as string | null) ?? null,
    uri: row.uri as string,
    published: (row.published as string | null) ?? null,
    source: row.source as string,
    sentence: Number(row.sentence),
    reason: row.reason as string,
  };
}

/** The distinct outlets of a happening's mentions, in the order they first appear. */
export function sourcesOf(mentions: readonly HappeningMention[]): string[] {
  return [...new Set(mentions.map((m) => m.source))];
}

/**
 * A happening filter as column conditions: `[column, value]` pairs, ANDed. A side named by country
 * matches its country, `RUS.GOV` its country and sector, anything else its entity id.
 */
export function partyConditions(side: 'actor' | 'recipient', value: string | undefined): [string, string][] {
  if (!value) return [];
  const key = parseActor(value);
  if (key.kind === 'country') return [[`h.${side}_country`, key.key]];
  if (key.kind === 'sector') {
    const [country, sector] = key.key.split('.') as [string, string];
    return [
      [`h.${side}_country`, country],
      [`h.${side}_sector`, sector],
    ];
  }
  return [[`h.${side}_entity`, key.key]];
}

/** Period-key bounds of a relation query, and its two actors as stored keys. */
export function relationBounds(q: RelationQuery): { a: string; b: string; lo: string; hi: string } {
  const prefix = periodPrefix(q.by);
  return {
    a: parseActor(q.a).key,
    b: parseActor(q.b).key,
    lo: (q.from && periodKey(q.from, q.by)) || `${prefix}:`,
    // ';' sorts right after ':', so this bound is above every key of the granularity.
    hi: (q.to && periodKey(q.to, q.by)) || `${prefix};`,
  };
}

export function toRelationCountRow(row: Row, a: string): RelationCountRow {
  return {
    period: row.period as string,
    direction: row.actor === a ? 'ab' : 'ba',
    type: row.type as string,
    quad: Number(row.quad),
    events: Number(row.events),
    mentions: Number(row.mentions),
    goldsteinSum: Number(row.goldstein_sum),
    goldsteinN: Number(row.goldstein_n),
  };
}

/** Month-key bounds of a top-relations query. */
export function topBounds(q: TopRelationsQuery): { lo: string; hi: string; kind: string; type: string } {
  return {
    lo: q.from ? `m:${q.from.slice(0, 7)}` : 'm:',
    hi: q.to ? `m:${q.to.slice(0, 7)}` : 'm;',
    kind: q.level,
    // '' means every type, so one SQL text serves both.
    type: q.type ?? '',
  };
}

export function toTopRelationRow(row: Row): TopRelationRow {
  const n = Number(row.goldstein_n);
  return {
    actor: row.actor as string,
    recipient: (row.recipient as string | null) ?? null,
    events: Number(row.events),
    mentions: Number(row.mentions),
    goldsteinMean: n > 0 ? Number(row.goldstein_sum) / n : null,
  };
}

/** The SQL of top relations (both engines; `?`-free, named by the caller's placeholder function). */
export function topRelationsSql(
  kind: 'dyads' | 'actors',
  p: (name: 'lo' | 'hi' | 'kind' | 'type' | 'limit') => string,
): string {
  const sums =
    'sum(events) AS events, sum(mentions) AS mentions, sum(goldstein_sum) AS goldstein_sum, sum(goldstein_n) AS goldstein_n';
  const inRange = `period >= ${p('lo')} AND period <= ${p('hi')} AND (${p('type')} = '' OR type = ${p('type')})`;
  if (kind === 'dyads') {
    return `SELECT actor, recipient, ${sums} FROM relation_counts
      WHERE ${inRange} AND actor_kind = ${p('kind')} AND recipient_kind = ${p('kind')}
      GROUP BY actor, recipient ORDER BY events DESC, mentions DESC, actor, recipient LIMIT ${p('limit')}`;
  }
  return `SELECT actor, NULL AS recipient, ${sums} FROM (
      SELECT actor, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
        WHERE ${inRange} AND actor_kind = ${p('kind')} AND recipient_kind IN (${p('kind')}, 'none')
      UNION ALL
      SELECT recipient, events, mentions, goldstein_sum, goldstein_n FROM relation_counts
        WHERE ${inRange} AND recipient_kind = ${p('kind')} AND actor_kind IN (${p('kind')}, 'none')
    ) sides GROUP BY actor ORDER BY events DESC, mentions DESC, actor LIMIT ${p('limit')}`;
}
