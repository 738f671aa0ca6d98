import type { Analysis } from '../core/analysis.js';
import type { Entity } from '../core/doc.js';
import { countryByIso3 } from '../kb/countries.js';
import type { EntityRow, HappeningParty, HappeningRow, Repository } from '../store/repository.js';
import { withEvidence } from './workspace-evidence.js';
import { actorKey } from './workspace-relations.js';

/**
 * What the Actor page shows of one actor (a country, a country and sector, or an entity): its
 * names in the text, the roles articles gave it with their dates, its top counterparts and its
 * events over time. Read from the newest happenings it takes part in (up to a cap a side) and the
 * articles that first reported them (up to `ARTICLES_READ`); the page says how much it read.
 */

export const HAPPENINGS_READ = 500;
export const ARTICLES_READ = 40;

export interface ActorAlias {
  text: string;
  mentions: number;
}

export interface ActorRole {
  /** The person or organisation that held it (for a country, its people). */
  name: string;
  entity: string;
  role: string;
  /** Publication dates of the articles that said so: first and last. */
  from: string | null;
  to: string | null;
  articles: number;
}

export interface Counterpart {
  key: string;
  /** Happenings with it as recipient (`acts`) and as actor (`receives`). */
  acts: number;
  receives: number;
  goldsteinMean: number | null;
}

export interface ActorProfile {
  key: string;
  name: string;
  kind: 'country' | 'sector' | 'entity';
  /** The entity rows the store aggregates under this key (documents and mentions). */
  entities: EntityRow[];
  aliases: ActorAlias[];
  roles: ActorRole[];
  counterparts: Counterpart[];
  /** Happenings per month, as actor and as recipient. */
  timeline: { month: string; acts: number; receives: number }[];
  /** The newest happenings it takes part in, with the first report's sentence. */
  recent: Awaited<ReturnType<typeof withEvidence<{ happening: HappeningRow }>>>;
  read: { happenings: number; total: number; articles: number };
}

/** The key a party is counted under at the level of `kind`. */
function partyKey(p: HappeningParty | null, kind: ActorProfile['kind']): string | null {
  if (!p) return null;
  if (kind === 'entity' && p.entity && !p.entity.startsWith('country:')) return p.entity;
  if (kind === 'sector' && p.country && p.sector) return `${p.country}.${p.sector}`;
  return p.country ?? (p.entity && !p.entity.startsWith('country:') ? p.entity : null);
}

/** Whether an entity of an article is (part of) this actor. */
function isActor(entity: Entity, key: string, kind: ActorProfile['kind']): boolean {
  if (kind === 'entity') return entity.id === key;
  const [country, sector] = key.split('.');
  if (entity.id === `country:${country}`) return !sector;
  return entity.country === country && (!sector || entity.sector === sector);
}

function collectNames(docs: readonly Analysis[], key: string, kind: ActorProfile['kind']) {
  const aliases = new Map<string, number>();
  const roles = new Map<string, ActorRole>();
  for (const doc of docs) {
    for (const entity of doc.entities) {
      if (!isActor(entity, key, kind)) continue;
      // For a country, its own names; its people and bodies give the roles.
      if (kind === 'entity' || entity.type === 'country') {
        for (const m of entity.mentions) {
          const text = doc.text.slice(m.start, m.end).replace(/\s+/g, ' ').trim();
          if (text) aliases.set(text, (aliases.get(text) ?? 0) + 1);
        }
      }
      if (entity.role) {
        const id = `${entity.id}|${entity.role}`;
        const r = roles.get(id) ?? {
          name: entity.name,
          entity: entity.id,
          role: entity.role,
          from: null,
          to: null,
          articles: 0,
        };
        r.articles++;
        const date = doc.published?.slice(0, 10) ?? null;
        if (date && (!r.from || date < r.from)) r.from = date;
        if (date && (!r.to || date > r.to)) r.to = date;
        roles.set(id, r);
      }
    }
  }
  return {
    aliases: [...aliases.entries()]
      .map(([text, mentions]) => ({ text, mentions }))
      .sort((a, b) => b.mentions - a.mentions || (a.text < b.text ? -1 : 1)),
    roles: [...roles.values()].sort((a, b) => b.articles - a.articles || (a.name < b.name ? -1 : 1)),
  };
}

export async function actorProfile(store: Repository, value: string): Promise<ActorProfile | null> {
  const key = actorKey(value);
  if (key === '-') return null;
  const kind: ActorProfile['kind'] = /^[A-Z]{3}$/.test(key)
    ? 'country'
    : /^[A-Z]{3}\.[A-Z]{3}$/.test(key)
      ? 'sector'
      : 'entity';
  const [acting, receiving, entities] = await Promise.all([
    store.listHappenings({ actor: key, limit: HAPPENINGS_READ, offset: 0 }),
    store.listHappenings({ recipient: key, limit: HAPPENINGS_READ, offset: 0 }),
    store.listEntities({ q: kind === 'entity' ? key : key.slice(0, 3), limit: 20, offset: 0 }),
  ]);
  const own = entities.items.filter((e) =>
    kind === 'entity' ? e.entityId === key : e.entityId === `country:${key}` || e.country === key.slice(0, 3),
  );
  if (acting.total === 0 && receiving.total === 0 && own.length === 0) return null;

  const counterparts = new Map<string, Counterpart & { gSum: number; gN: number }>();
  const months = new Map<string, { acts: number; receives: number }>();
  const tally = (rows: readonly HappeningRow[], side: 'acts' | 'receives') => {
    for (const h of rows) {
      const month = h.day.slice(0, 7);
      const m = months.get(month) ?? { acts: 0, receives: 0 };
      m[side]++;
      months.set(month, m);
      const other = partyKey(side === 'acts' ? h.recipient : h.actor, kind);
      if (!other || other === key) continue;
      const c = counterparts.get(other) ?? {
        key: other,
        acts: 0,
        receives: 0,
        goldsteinMean: null,
        gSum: 0,
        gN: 0,
      };
      c[side]++;
      if (h.goldstein !== null) {
        c.gSum += h.goldstein;
        c.gN++;
      }
      counterparts.set(other, c);
    }
  };
  tally(acting.items, 'acts');
  tally(receiving.items, 'receives');

  const recentRows = [...acting.items, ...receiving.items]
    .filter((h, i, all) => all.findIndex((x) => x.id === h.id) === i)
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : b.id - a.id));
  const docIds = [...new Set(recentRows.map((h) => h.firstDocId))].slice(0, ARTICLES_READ);
  const docs = (await Promise.all(docIds.map((id) => store.getDocument(id)))).filter(
    (d): d is Analysis => d !== null,
  );
  const { aliases, roles } = collectNames(docs, key, kind);
  const name =
    kind === 'entity'
      ? (own[0]?.name ?? key)
      : `${countryByIso3(key.slice(0, 3))?.name ?? key.slice(0, 3)}${kind === 'sector' ? ` (${key.slice(4)})` : ''}`;
  return {
    key,
    name,
    kind,
    entities: own,
    aliases,
    roles,
    counterparts: [...counterparts.values()]
      .map(({ gSum, gN, ...c }) => ({
        ...c,
        goldsteinMean: gN > 0 ? Math.round((gSum / gN) * 100) / 100 : null,
      }))
      .sort((a, b) => b.acts + b.receives - (a.acts + a.receives) || (a.key < b.key ? -1 : 1)),
    timeline: [...months.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([month, m]) => ({ month, ...m })),
    recent: await withEvidence(
      store,
      recentRows.slice(0, 20).map((happening) => ({ happening })),
    ),
    read: {
      happenings: acting.items.length + receiving.items.length,
      total: acting.total + receiving.total,
      articles: docs.length,
    },
  };
}
