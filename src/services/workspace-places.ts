import type { Analysis } from '../core/analysis.js';
import { countryByIso3 } from '../kb/countries.js';
import { placesNamed } from '../kb/gazetteer.js';
import type { HappeningRow, Repository } from '../store/repository.js';
import { clampInt } from './query.js';

/**
 * Events by place for the Map page: happenings grouped by where they happened (the event's
 * location: a place entity, or a country), each place placed by the coordinates the analysis gave it,
 * else by the gazetteer or the country's capital or centre. Reads the newest happenings a page at a
 * time up to a cap, so a map costs the same on any store; the page says how many it read.
 */

export interface PlaceCount {
  /** The happening's place key: an entity id (`city:belgorod`) or a country (`country:TUR`, `TUR`). */
  place: string;
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  events: number;
  types: Record<string, number>;
  /** The happenings there (ids, newest first), at most `PLACE_HAPPENINGS`. */
  happenings: number[];
}

export interface PlacesParams {
  type?: string;
  /** Inclusive `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, against the happening's day. */
  from?: string;
  to?: string;
  /** How many of the newest matching happenings to read (default 2,000, at most 10,000). */
  cap?: number;
}

export interface Places {
  places: PlaceCount[];
  /** Happenings read, how many matched in all, and how many of those read had no place (or none we could put on a map). */
  read: number;
  total: number;
  unplaced: number;
}

export const PLACE_HAPPENINGS = 200;

interface Located {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
}

function countryPoint(iso3: string, surface: string | undefined): Located | null {
  const c = countryByIso3(iso3);
  if (!c) return null;
  // "in Ankara" resolves to Turkey: put it on the capital rather than the middle of the country.
  if (
    surface &&
    c.capital &&
    surface.toLowerCase() === c.capital.toLowerCase() &&
    c.capitalLat !== undefined &&
    c.capitalLon !== undefined
  ) {
    return { name: c.capital, country: iso3, lat: c.capitalLat, lon: c.capitalLon };
  }
  return c.lat !== undefined && c.lon !== undefined
    ? { name: c.name, country: iso3, lat: c.lat, lon: c.lon }
    : null;
}

/** Where a happening's place is, from the analysis of its first report. */
export function locate(place: string, doc: Analysis | null, idx: number): Located | null {
  const event = doc?.events[idx];
  const surface = event?.location?.text;
  const iso = /^(?:country:)?([A-Z]{3})$/.exec(place);
  if (iso) return countryPoint(iso[1] as string, surface);
  // The event's own place, where the events stage located it (a capital as the city it is).
  const own = event?.location;
  if (own && own.entity === place && own.lat !== undefined && own.lon !== undefined) {
    return { name: own.text, country: own.country ?? null, lat: own.lat, lon: own.lon };
  }
  const entity = doc?.entities.find((e) => e.id === place);
  if (entity) {
    if (entity.lat !== undefined && entity.lon !== undefined) {
      return { name: entity.name, country: entity.country ?? null, lat: entity.lat, lon: entity.lon };
    }
    for (const m of entity.mentions) {
      if (m.actor?.lat !== undefined && m.actor.lon !== undefined) {
        return { name: entity.name, country: entity.country ?? null, lat: m.actor.lat, lon: m.actor.lon };
      }
    }
    const named = placesNamed(entity.name).find((p) => !entity.country || p.country === entity.country);
    if (named)
      return { name: entity.name, country: entity.country ?? named.country, lat: named.lat, lon: named.lon };
  }
  return null;
}

/** Happenings by place, for a map. */
export async function placeCounts(store: Repository, params: PlacesParams): Promise<Places> {
  const cap = clampInt(params.cap, 2000, 1, 10_000);
  const filters = {
    ...(params.type ? { type: params.type } : {}),
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
  };
  const byPlace = new Map<string, HappeningRow[]>();
  let read = 0;
  let total = 0;
  let unplaced = 0;
  while (read < cap) {
    const page = await store.listHappenings({ ...filters, limit: Math.min(500, cap - read), offset: read });
    total = page.total;
    for (const h of page.items) {
      if (!h.place) {
        unplaced++;
        continue;
      }
      const list = byPlace.get(h.place) ?? [];
      list.push(h);
      byPlace.set(h.place, list);
    }
    read += page.items.length;
    if (page.items.length === 0 || read >= page.total) break;
  }
  const places: PlaceCount[] = [];
  for (const [place, list] of byPlace) {
    const first = list[0] as HappeningRow;
    const where = locate(place, await store.getDocument(first.firstDocId), first.firstIdx);
    if (!where) {
      unplaced += list.length;
      continue;
    }
    const types: Record<string, number> = {};
    for (const h of list) types[h.type] = (types[h.type] ?? 0) + 1;
    places.push({
      place,
      ...where,
      events: list.length,
      types,
      happenings: list.slice(0, PLACE_HAPPENINGS).map((h) => h.id),
    });
  }
  places.sort((a, b) => b.events - a.events || (a.place < b.place ? -1 : 1));
  return { places, read, total, unplaced };
}
