import {
  EntityChangeError,
  type EntityChangeResult,
  type EntityOverride,
} from '../store/entity-overrides.js';
import type { EntityDetail, Repository } from '../store/repository.js';

export type { EntityChangeResult, EntityOverride } from '../store/entity-overrides.js';
export { EntityChangeError } from '../store/entity-overrides.js';
export type { EntityAlias, EntityDetail } from '../store/repository.js';

/**
 * Canonical entities across the store, for the CLI (`tidings entities`) and the API: one entity with
 * its aliases, mention counts and overrides; and the user's corrections — merge two entities, split an
 * alias off one, revert either — recorded in the store and followed by every later ingest and re-code
 * (store/entity-overrides.ts says what each does to the rows).
 */

const MAX_ID = 200;
const MAX_NOTE = 1000;

function field(value: unknown, what: string, required: boolean, max = MAX_ID): string | undefined {
  if (value === undefined || value === null || (value === '' && !required)) {
    if (required) throw new EntityChangeError(`${what} is needed`);
    return undefined;
  }
  if (typeof value !== 'string') throw new EntityChangeError(`${what} must be a string`);
  if (required && !value.trim()) throw new EntityChangeError(`${what} is needed`);
  if (value.length > max) throw new EntityChangeError(`${what} is longer than ${max} characters`);
  return value;
}

/** One canonical entity; null when no stored row has the id. */
export function getEntity(store: Repository, id: string): Promise<EntityDetail | null> {
  const trimmed = id.trim();
  return trimmed && trimmed.length <= MAX_ID ? store.getEntity(trimmed) : Promise.resolve(null);
}

/** Every override made, oldest first (reverted ones with `revertedAt`). */
export function listEntityOverrides(store: Repository): Promise<EntityOverride[]> {
  return store.listEntityOverrides();
}

export interface MergeParams {
  /** The entity merged away. */
  entity: string;
  /** The entity it becomes. */
  into: string;
  note?: string;
}

/** Merges `entity` into `into`: its rows, aliases, mentions, events, happenings and counts move. */
export function mergeEntities(store: Repository, params: MergeParams): Promise<EntityChangeResult> {
  const note = field(params.note, 'note', false, MAX_NOTE);
  return store.changeEntities({
    kind: 'merge',
    entity: field(params.entity, 'entity', true) as string,
    into: field(params.into, 'into', true) as string,
    ...(note ? { note } : {}),
  });
}

export interface SplitParams {
  /** The entity an alias is split off. */
  entity: string;
  /** The name (as the documents give it) to split off. */
  alias: string;
  /** The id the alias becomes (default: the entity's kind and the alias, `person:v-putin`). */
  into?: string;
  note?: string;
}

/** Splits the rows of `entity` named `alias` off into an entity of their own. */
export function splitEntity(store: Repository, params: SplitParams): Promise<EntityChangeResult> {
  const into = field(params.into, 'into', false);
  const note = field(params.note, 'note', false, MAX_NOTE);
  return store.changeEntities({
    kind: 'split',
    entity: field(params.entity, 'entity', true) as string,
    alias: field(params.alias, 'alias', true) as string,
    ...(into ? { into } : {}),
    ...(note ? { note } : {}),
  });
}

/** Undoes an override: the rows it moved go back where the overrides left in force put them. */
export function revertEntityOverride(store: Repository, id: number): Promise<EntityChangeResult> {
  if (!Number.isSafeInteger(id) || id < 1) {
    return Promise.reject(new EntityChangeError(`no entity override has the id ${id}`, 404));
  }
  return store.changeEntities({ kind: 'revert', id });
}
