import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import aliasData from './country-aliases.json' with { type: 'json' };
import placeData from './places.json' with { type: 'json' };

export type CountryForm = 'name' | 'demonym' | 'capital' | 'alias';

export interface CountryInfo {
  iso3: string;
  /** Common English name ("Russia"). */
  name: string;
  official: string;
  capital?: string;
  lat?: number;
  lon?: number;
  capitalLat?: number;
  capitalLon?: number;
}

/** One surface form that names a country. */
export interface CountrySurface {
  /** The surface as written in the source data, with its case ("U.S.", "Russian"). */
  surface: string;
  iso3: string;
  form: CountryForm;
}

// The package is CommonJS whose typings declare an ES default export; requiring the JSON
// directly gives the same array under both module systems.
const worldCountries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];

const excluded = new Set(aliasData.exclude.map((s) => s.toLowerCase()));

// Only Latin-script forms: the others never match English news and some collide with words.
const latinForm = /^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’ .-]*$/;
// Generated alt spellings that open with these read as descriptions, not names news uses.
const longFormPrefix =
  /^(republic|kingdom|state|federal|democratic|islamic|commonwealth|principality|union|sultanate|the )/i;

/** Demonyms that take -s as plural nouns: those ending in -n, -i or -o. */
const pluralDemonym = /[a-z](?:n|i|o)$/;

function buildCountries(): {
  byIso: Map<string, CountryInfo>;
  surfaces: Map<string, CountrySurface>;
  iso2: Map<string, string>;
} {
  const byIso = new Map<string, CountryInfo>();
  const iso2 = new Map<string, string>();
  // Candidate forms per lowercased surface, with a priority: explicit alias > name > demonym > capital.
  const candidates = new Map<string, { s: CountrySurface; rank: number; independent: boolean }[]>();
  const add = (surface: string, iso3: string, form: CountryForm, rank: number, independent: boolean) => {
    const key = surface.toLowerCase();
    if (excluded.has(key) || !latinForm.test(surface)) return;
    let list = candidates.get(key);
    if (!list) {
      list = [];
      candidates.set(key, list);
    }
    if (list.some((c) => c.s.iso3 === iso3)) return;
    list.push({ s: { surface, iso3, form }, rank, independent });
  };

  for (const c of worldCountries) {
    const info: CountryInfo = { iso3: c.cca3, name: c.name.common, official: c.name.official };
    if (c.capital[0]) info.capital = c.capital[0];
    if (c.latlng.length === 2) {
      info.lat = c.latlng[0];
      info.lon = c.latlng[1];
    }
    byIso.set(c.cca3, info);
    iso2.set(c.cca2, c.cca3);
    const ind = c.independent === true;
    add(c.name.common, c.cca3, 'name', 1, ind);
    add(c.name.official, c.cca3, 'name', 1, ind);
    for (const alt of c.altSpellings) {
      // Two-letter codes ("RU", "IN") are ordinary words or noise in running text.
      if (alt.length < 3 || longFormPrefix.test(alt)) continue;
      add(alt, c.cca3, 'alias', 2, ind);
    }
    const dem = c.demonyms?.eng;
    if (dem) {
      for (const d of new Set([dem.m, dem.f])) {
        if (d && !d.includes(',')) {
          add(d, c.cca3, 'demonym', 3, ind);
          // English plural of a demonym noun: "Liberians", "Iraqis", "Filipinos" ("Chinese", "Swiss" have none).
          if (pluralDemonym.test(d)) add(`${d}s`, c.cca3, 'demonym', 3, ind);
        }
      }
    }
    if (ind) for (const cap of c.capital) add(cap, c.cca3, 'capital', 4, ind);
  }
  for (const extra of ['TWN', 'HKG', 'UNK', 'PSE']) {
    if (!byIso.has(extra)) byIso.set(extra, { iso3: extra, name: extra, official: extra });
  }

  const surfaces = new Map<string, CountrySurface>();
  for (const [key, list] of candidates) {
    // Prefer independent states over territories ("French", "American", "Dutch"), then rank;
    // two independent states sharing a form ("Dominican") is ambiguous: drop it.
    const best = list.filter((c) => c.independent);
    const pool = best.length > 0 ? best : list;
    pool.sort((a, b) => a.rank - b.rank);
    const first = pool[0];
    if (!first) continue;
    const tied = pool.filter((c) => c.rank === first.rank);
    if (tied.length > 1) continue;
    surfaces.set(key, first.s);
  }
  // Hand-written aliases win over anything generated.
  for (const a of aliasData.aliases) {
    surfaces.set(a.surface.toLowerCase(), { surface: a.surface, iso3: a.iso3, form: a.form as CountryForm });
  }
  for (const cap of placeData.capitals) {
    const info = byIso.get(cap.country);
    if (info) {
      info.capitalLat = cap.lat;
      info.capitalLon = cap.lon;
    }
  }
  return { byIso, surfaces, iso2 };
}

const built = buildCountries();

/** Countries by ISO 3166-1 alpha-3 code. */
export const countries: ReadonlyMap<string, CountryInfo> = built.byIso;

/** Lowercased surface → the country it names and how ("Russian" → RUS, demonym). */
export const countrySurfaces: ReadonlyMap<string, CountrySurface> = built.surfaces;

export function countryByIso3(iso3: string): CountryInfo | undefined {
  return built.byIso.get(iso3);
}

/** ISO 3166-1 alpha-2 → alpha-3 ("UA" → UKR); GeoNames' "XK" (Kosovo) is UNK here. */
export function iso3FromIso2(code: string): string | undefined {
  return built.iso2.get(code) ?? (code === 'XK' ? 'UNK' : undefined);
}

/** Country names (not demonyms, capitals or aliases) of at least five letters, by their spellings one letter short. */
let nearNames: Map<string, Set<string>> | undefined;

function dropOne(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/**
 * The country a one-word name misspells, when exactly one country's name is a letter away
 * from it by one letter added, dropped or two letters swapped ("Quatar" → QAT, "Phillippines" →
 * PHL, "Philipines" → PHL); never a letter changed into another ("Roland" is no Poland), never
 * a plural ("Chiles"), and only names of five letters or more, written with six or more.
 */
export function misspeltCountry(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 6 || !/^[a-z]+$/.test(w) || countrySurfaces.has(w)) return undefined;
  if (!nearNames) {
    nearNames = new Map();
    for (const [surface, c] of countrySurfaces) {
      if (c.form !== 'name' || surface.length < 5 || !/^[a-z]+$/.test(surface)) continue;
      for (const v of [surface, ...dropOne(surface)]) {
        const set = nearNames.get(v) ?? new Set<string>();
        set.add(c.iso3);
        nearNames.set(v, set);
      }
    }
  }
  const found = new Set<string>();
  const name = (x: string) => {
    const c = countrySurfaces.get(x);
    if (c?.form === 'name' && x.length >= 5) found.add(c.iso3);
  };
  // A letter added ("quatar"): one letter dropped from the word is a name.
  for (const v of dropOne(w)) if (`${v}s` !== w) name(v);
  // A letter dropped ("philipines" from "philippines"): the word is a name short of one letter.
  for (const iso3 of nearNames.get(w) ?? []) found.add(iso3);
  // Two letters swapped.
  for (let i = 0; i + 1 < w.length; i++) name(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  return found.size === 1 ? [...found][0] : undefined;
}
