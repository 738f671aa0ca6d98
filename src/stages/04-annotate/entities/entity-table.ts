import type { Doc, Entity, Mention } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { tokenizeRange, WORD } from '../../../core/tokens.js';
import { countries } from '../../../kb/countries.js';
import { type Leader, type Place, slugify as slugifyAny } from '../../../kb/leaders.js';
import { familyNameFirst, type Organization } from './entity-lexicon.js';

// The entities of one document, and how each kind of list entry becomes one.

export class EntityTable {
  readonly byId = new Map<string, Entity>();
  /** Surnames by entity, so a document tokenises each person's name once. */
  readonly #surnames = new Map<Entity, { key: string; surname: string }>();
  /**
   * Persons by surname, in order of creation: a bare surname is looked up per mention, and scanning
   * every entity for it made a text of many people quadratic. A person's surname can change with
   * its country (`setCountry`: "Xi Jinping" is Xi), so a list may hold stale entries; a lookup
   * drops those it meets.
   */
  readonly #bySurname = new Map<string, Entity[]>();
  readonly #rank = new Map<Entity, number>();
  readonly #indexedAs = new Map<Entity, string>();
  #mentions = 0;
  /** The first mention refused because the document reached its cap of mentions. */
  leftOut: Mention | undefined;
  constructor(
    private readonly removed: Doc['removed'],
    private readonly maxMentions: number,
  ) {}

  /** The lowercased surname of person `e` (see `surnameOf`), cached per name and country. */
  surname(e: Entity): string {
    const key = `${e.name}\u0000${e.country ?? ''}`;
    const hit = this.#surnames.get(e);
    if (hit?.key === key) return hit.surname;
    const surname = surnameOf(e.name, e.country);
    this.#surnames.set(e, { key, surname });
    return surname;
  }

  /** Records a surname already known from the tokens, so `surname` need not tokenise the name. */
  knowSurname(e: Entity, surname: string): void {
    this.#surnames.set(e, { key: `${e.name}\u0000${e.country ?? ''}`, surname });
    this.#index(e);
  }

  /** Sets the country of `e`, which can change a person's surname. */
  setCountry(e: Entity, country: string): void {
    if (e.country === country) return;
    e.country = country;
    this.#index(e);
  }

  /** The first person (in order of creation) whose surname is `lower`, if any. */
  personBySurname(lower: string): Entity | undefined {
    const list = this.#bySurname.get(lower);
    if (!list) return undefined;
    for (const e of list) {
      if (this.surname(e) === lower) return e;
      // A stale entry: drop every one from the list at once, then look again.
      const fresh = list.filter((p) => this.surname(p) === lower);
      this.#bySurname.set(lower, fresh);
      return fresh[0];
    }
    return undefined;
  }

  /** Lists person `e` under its current surname, keeping each list in order of creation. */
  #index(e: Entity): void {
    const rank = this.#rank.get(e);
    if (rank === undefined || e.type !== 'person') return;
    const key = this.surname(e);
    if (this.#indexedAs.get(e) === key) return;
    this.#indexedAs.set(e, key);
    const list = this.#bySurname.get(key);
    if (!list) {
      this.#bySurname.set(key, [e]);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#rank.get(list[mid] as Entity) as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] !== e) list.splice(lo, 0, e);
  }

  /** Adds a mention to entity `id`, creating it with `make(arg)` on first sight. */
  add<A>(make: (arg: A) => Entity, arg: A, id: string, mention: Mention): Entity | undefined {
    if (isRemoved(this.removed, mention.start, mention.end)) return undefined;
    if (this.#mentions >= this.maxMentions) {
      this.leftOut ??= mention;
      return undefined;
    }
    this.#mentions++;
    let e = this.byId.get(id);
    if (!e) {
      e = make(arg);
      this.byId.set(id, e);
      this.#rank.set(e, this.#rank.size);
      this.#index(e);
    }
    e.mentions.push(mention);
    return e;
  }

  result(): Entity[] {
    const out: Entity[] = [];
    for (const e of this.byId.values()) {
      e.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
      e.mentions = e.mentions.filter((m, i, all) => i === 0 || m.start !== all[i - 1]?.start);
      if (e.mentions.length > 0) out.push(e);
    }
    return out.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  }
}

/**
 * `slugifyAny` without its Unicode normalisation and three regex passes for the common case of a
 * plain ASCII name (same output); anything else goes to `slugifyAny`.
 */
export function slugify(name: string): string {
  let out = '';
  let dash = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c >= 128) return slugifyAny(name);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (dash && out.length > 0) out += '-';
      dash = false;
      out += String.fromCharCode(c);
    } else dash = true;
  }
  return out;
}

export function countryEntity(iso3: string): Entity {
  const info = countries.get(iso3);
  const e: Entity = {
    id: `country:${iso3}`,
    name: info?.name ?? iso3,
    type: 'country',
    country: iso3,
    mentions: [],
  };
  if (info?.lat !== undefined && info.lon !== undefined) {
    e.lat = info.lat;
    e.lon = info.lon;
  }
  return e;
}

export function orgEntity(org: Organization): Entity {
  const e: Entity = {
    id: `org:${org.id}`,
    name: org.name,
    type: 'organization',
    sector: org.sector,
    mentions: [],
  };
  if (org.country) e.country = org.country;
  return e;
}

const ids = new WeakMap<object, string>();

export function placeId(p: Place): string {
  let id = ids.get(p);
  if (id === undefined) {
    id = `${p.type}:${slugify(p.name)}`;
    ids.set(p, id);
  }
  return id;
}

export function leaderId(l: Leader): string {
  let id = ids.get(l);
  if (id === undefined) {
    id = `person:${slugify(l.name)}`;
    ids.set(l, id);
  }
  return id;
}

export function identity(e: Entity): Entity {
  return e;
}

export function placeEntity(p: Place): Entity {
  const e: Entity = {
    id: placeId(p),
    name: p.name,
    type: p.type,
    lat: p.lat,
    lon: p.lon,
    mentions: [],
  };
  if (p.country) e.country = p.country;
  return e;
}

export function leaderEntity(l: Leader): Entity {
  const e: Entity = {
    id: leaderId(l),
    name: l.name,
    type: 'person',
    role: l.role,
    sector: l.sector,
    mentions: [],
  };
  if (l.country) e.country = l.country;
  return e;
}

export function surnameOf(name: string, country?: string): string {
  const tokens = tokenizeRange(name);
  let first = -1;
  let last = -1;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kind(i) !== WORD) continue;
    if (first < 0) first = i;
    last = i;
  }
  const part = country && familyNameFirst.has(country) ? first : last;
  return part >= 0 ? tokens.lower(part) : '';
}

export function unlocatedPlaceEntity(p: Place): Entity {
  const e: Entity = { id: `place:${slugify(p.name)}`, name: p.name, type: 'place', mentions: [] };
  if (p.country) e.country = p.country;
  return e;
}
