import type { Analysis } from '../core/analysis.js';
import type { EventParticipant } from '../core/doc.js';

/**
 * Canonical entities across the store, as the user corrects them (`tidings entities merge|split`).
 *
 * The pipeline names an entity per document (`person:vladimir-putin`); the store's rows (entities,
 * events, happenings, relation counts) carry the store's canonical id, which is the pipeline's id
 * passed through the user's overrides. A document's stored analysis (`documents.analysis`) stays what
 * the pipeline said, so every override can be undone: the rows of the documents it touches are built
 * again from the stored analysis under the overrides then in force.
 *
 * - merge `from` into `into`: every row of `from` becomes `into` (its names become `into`'s aliases);
 * - split `alias` off `entity` (into `into`): the rows of `entity` whose name in their document is
 *   `alias` become `into`; the others stay.
 *
 * Overrides chain (a split-off entity can later be merged elsewhere); a cycle is refused when made.
 */

export type EntityOverrideKind = 'merge' | 'split';

export interface EntityOverride {
  id: number;
  kind: EntityOverrideKind;
  /** The entity merged away, or the entity an alias is split off. */
  entity: string;
  /** The entity it is merged into, or the entity the alias becomes. */
  into: string;
  /** The name split off (split only). */
  alias: string | null;
  note: string | null;
  createdAt: string;
  /** When it was undone; null while it is in force. */
  revertedAt: string | null;
}

/** What a user asks for (services/entities.ts, the CLI, the API). */
export type EntityChange =
  | { kind: 'merge'; entity: string; into: string; note?: string }
  | { kind: 'split'; entity: string; alias: string; into?: string; note?: string }
  | { kind: 'revert'; id: number };

/** What a change did: the override made or undone, and what moved with it. */
export interface EntityChangeResult {
  override: EntityOverride;
  /** Documents whose entity and event rows were rebuilt and whose happenings were linked again. */
  documents: number;
  happenings: { removed: number; left: number; created: number; joined: number };
}

/** A request the store refuses (unknown entity, alias or override; a cycle): the API answers 400/404. */
export class EntityChangeError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'EntityChangeError';
  }
}

/** The canonical id of a pipeline entity id, given the entity's name in its document. */
export type EntityResolver = (id: string, name: string) => string;

/** Follows the chain of overrides for this long at most (a cycle is refused when made; this is a guard). */
const MAX_STEPS = 64;

/** The resolver of the overrides in force (those not reverted); identity when there are none. */
export function entityResolver(overrides: readonly EntityOverride[]): EntityResolver | null {
  const merges = new Map<string, string>();
  const splits = new Map<string, string>();
  for (const o of overrides) {
    if (o.revertedAt !== null) continue;
    if (o.kind === 'merge') merges.set(o.entity, o.into);
    else splits.set(splitKey(o.entity, o.alias ?? ''), o.into);
  }
  if (merges.size === 0 && splits.size === 0) return null;
  return (id, name) => {
    let current = id;
    for (let step = 0; step < MAX_STEPS; step++) {
      const next = merges.get(current) ?? splits.get(splitKey(current, name));
      if (next === undefined || next === current) return current;
      current = next;
    }
    return current;
  };
}

function splitKey(entity: string, alias: string): string {
  return `${entity}\u0000${alias}`;
}

/**
 * The analysis with its entity ids (entities, event actors, recipients and places, quote speakers)
 * passed through `resolve`: what the store's rows and links are written from. The same object when
 * there is nothing to resolve. A participant's name is its entity's name in the document.
 */
export function withOverrides(analysis: Analysis, resolve: EntityResolver | null): Analysis {
  if (!resolve || analysis.entities.length === 0) return analysis;
  const names = new Map<string, string>();
  for (const e of analysis.entities) if (!names.has(e.id)) names.set(e.id, e.name);
  const canonical = (id: string, fallback: string) => resolve(id, names.get(id) ?? fallback);
  let changed = false;
  const entities = analysis.entities.map((e) => {
    const id = canonical(e.id, e.name);
    if (id === e.id) return e;
    changed = true;
    return { ...e, id };
  });
  const side = (p: EventParticipant | undefined): EventParticipant | undefined => {
    if (!p?.entity) return p;
    const id = canonical(p.entity, p.text);
    if (id === p.entity) return p;
    changed = true;
    return { ...p, entity: id };
  };
  const events = analysis.events.map((e) => {
    const actor = side(e.actor);
    const recipient = side(e.recipient);
    const location = side(e.location);
    if (actor === e.actor && recipient === e.recipient && location === e.location) return e;
    return {
      ...e,
      ...(actor ? { actor } : {}),
      ...(recipient ? { recipient } : {}),
      ...(location ? { location } : {}),
    };
  });
  const quotes = analysis.quotes.map((q) => {
    if (!q.speaker) return q;
    const id = canonical(q.speaker, q.speakerText ?? '');
    if (id === q.speaker) return q;
    changed = true;
    return { ...q, speaker: id };
  });
  return changed ? { ...analysis, entities, events, quotes } : analysis;
}

/** The id a split alias becomes when the user names none: the entity's kind and the alias, slugged. */
export function splitTarget(entity: string, alias: string): string {
  const colon = entity.indexOf(':');
  const kind = colon > 0 ? entity.slice(0, colon) : 'entity';
  const slug = alias
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${kind}:${slug || 'alias'}`;
}

/**
 * Checks a new override against the ones in force and returns it (without id and time), or throws
 * EntityChangeError. `exists(id)` and `hasAlias(id, alias)` answer from the store's rows.
 */
export function planOverride(
  active: readonly EntityOverride[],
  change: Exclude<EntityChange, { kind: 'revert' }>,
  known: { entity: boolean; into: boolean; alias: boolean },
): Omit<EntityOverride, 'id' | 'createdAt'> {
  const entity = change.entity.trim();
  const note = change.note?.trim() || null;
  if (!entity) throw new EntityChangeError('an entity id is needed');
  if (!known.entity) throw new EntityChangeError(`no stored entity has the id ${entity}`, 404);
  const inForce = active.filter((o) => o.revertedAt === null);
  if (change.kind === 'merge') {
    const into = change.into.trim();
    if (!into) throw new EntityChangeError('merge: the entity to merge into is needed');
    if (into === entity) throw new EntityChangeError(`merge: ${entity} cannot be merged into itself`);
    if (!known.into) throw new EntityChangeError(`no stored entity has the id ${into}`, 404);
    const resolve = entityResolver(inForce);
    if (resolve && resolve(into, '') === entity) {
      throw new EntityChangeError(`merge: ${into} is already merged into ${entity}; revert that first`);
    }
    return { kind: 'merge', entity, into, alias: null, note, revertedAt: null };
  }
  const alias = change.alias;
  if (!alias.trim()) throw new EntityChangeError('split: the alias to split off is needed');
  if (!known.alias)
    throw new EntityChangeError(`split: ${entity} has no alias ${JSON.stringify(alias)}`, 404);
  const into = change.into?.trim() || splitTarget(entity, alias);
  if (into === entity)
    throw new EntityChangeError(`split: the alias must become another entity than ${entity}`);
  const resolve = entityResolver(inForce);
  if (resolve && resolve(into, alias) === entity) {
    throw new EntityChangeError(`split: ${into} is merged into ${entity}; revert that first`);
  }
  return { kind: 'split', entity, into, alias, note, revertedAt: null };
}

/**
 * The canonical ids whose rows a change can move: the override's own ids, and where they resolve
 * before and after it. The documents holding rows (entities, event sides) of these ids are the ones
 * rebuilt; the set is wider than needed, never narrower.
 */
export function touchedIds(
  override: Pick<EntityOverride, 'entity' | 'into' | 'alias'>,
  before: EntityResolver | null,
  after: EntityResolver | null,
): string[] {
  const ids = new Set<string>([override.entity, override.into]);
  for (const resolve of [before, after]) {
    if (!resolve) continue;
    for (const id of [override.entity, override.into]) {
      ids.add(resolve(id, ''));
      if (override.alias !== null) ids.add(resolve(id, override.alias));
    }
  }
  return [...ids].sort();
}

/** The columns an override is read with, on both engines. */
export const OVERRIDE_COLUMNS = 'id, kind, entity_id, into_id, alias, note, created_at, reverted_at';

export function toEntityOverride(r: Record<string, unknown>): EntityOverride {
  return {
    id: Number(r.id),
    kind: r.kind as EntityOverrideKind,
    entity: r.entity_id as string,
    into: r.into_id as string,
    alias: (r.alias as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    createdAt: r.created_at as string,
    revertedAt: (r.reverted_at as string | null) ?? null,
  };
}
