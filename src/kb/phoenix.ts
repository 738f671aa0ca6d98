import { readModelJson } from '../core/ml/model-files.js';
import { countries } from './countries.js';
import codeData from './phoenix/codes.json' with { type: 'json' };
import { agentSector, sectorOfCodes } from './sectors.js';

/**
 * The Phoenix/PETRARCH actor dictionaries, compiled by `scripts/import-phoenix.ts` into
 * `models/phoenix-1/*.json` (compiled by `npm run import:phoenix`; the CAMEO code table stays in src/kb/phoenix/codes.json): people and organisations with dated CAMEO codes, agent nouns, and the
 * places the country entries list. Loaded on first use (the actors file is 2 MB of JSON), then
 * kept. A person's code is chosen by the document's date: a role held in 1985 is not applied
 * to 2010, and a role learned later is not applied before it began.
 */

/** A resolved actor code: what it says about country and sector, and where it came from. */
export interface ActorCode {
  /** ISO3 country, when the code names one. */
  country?: string;
  sector?: string;
  /** The raw CAMEO code chosen ("USAGOV"). */
  code: string;
  /** The dictionary entry's first name ("ronald reagan"). */
  entry: string;
}

type Role = [code: string, from?: string, to?: string];
interface Actor {
  n: string[];
  r: Role[];
}

const countryMap: Record<string, string> = codeData.countries;
const nonState: Record<string, string> = codeData.nonState;

/** Reads a CAMEO code: "USAGOV" → USA/GOV, "IGOUNOIAE" → IGO, "AFGGOVAGR" → AFG/GOV, "GOVMED" → GOV. */
export function readCode(code: string): { country?: string; sector?: string } {
  const out: { country?: string; sector?: string } = {};
  let rest = code.replace(/~/g, '');
  const head = rest.slice(0, 3);
  const iso = countryMap[head] ?? (countries.has(head) ? head : undefined);
  if (iso) {
    out.country = iso;
    rest = rest.slice(3);
  } else if (nonState[head] !== undefined) {
    out.sector = nonState[head];
    return out;
  }
  const sector = sectorOfCodes(rest);
  if (sector) out.sector = sector;
  return out;
}

/** The role in force on `date` (yyyy-mm-dd): a dated role covering it, else the undated one. */
export function roleOn(roles: readonly Role[], date: string | undefined): Role | undefined {
  if (date) {
    for (const r of roles) {
      if (r.length < 2) continue;
      const from = r[1] || '0000';
      const to = r[2] || '9999';
      if (from <= date && date <= to) return r;
    }
    const undated = roles.find((r) => r.length === 1);
    if (undated) return undated;
    // Outside every dated role: only the country is still known (the latest role before the date).
    let best: Role | undefined;
    for (const r of roles)
      if ((r[1] || '0000') <= date && (!best || (r[1] || '') > (best[1] || ''))) best = r;
    return best ? [best[0].slice(0, 3)] : undefined;
  }
  // No date: the open-ended role (held "from X on"), else the undated one, else the latest.
  const open = roles.find((r) => r.length === 2 && r[1]) ?? roles.find((r) => r.length === 1);
  if (open) return open;
  let latest: Role | undefined;
  for (const r of roles) if (!latest || (r[1] || '') > (latest[1] || '')) latest = r;
  return latest;
}

interface Index {
  byName: Map<string, Actor>;
  /** Last word of a person's name → the entries with that surname. */
  bySurname: Map<string, Actor[]>;
}

let index: Index | undefined;

/** "Ban Ki-moon" → "ban ki-moon": the dictionaries' key for a name as written in text. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const personName = /^[a-z][a-z'-]+( [a-z][a-z'.-]*){1,3}$/;

function build(): Index {
  const actors = (readModelJson('phoenix-1/actors.json') as { actors: Actor[] }).actors;
  const byName = new Map<string, Actor>();
  const bySurname = new Map<string, Actor[]>();
  for (const a of actors) {
    for (const n of a.n) if (!byName.has(n)) byName.set(n, a);
    const first = a.n[0] as string;
    // People: entries with a country code and a name of two to four plain words.
    if (!personName.test(first) || !a.r.some((r) => countries.has(r[0].slice(0, 3)))) continue;
    const surname = first.slice(first.lastIndexOf(' ') + 1);
    if (surname.length < 3) continue;
    const list = bySurname.get(surname);
    if (list) list.push(a);
    else bySurname.set(surname, [a]);
  }
  return { byName, bySurname };
}

/** Reads the Phoenix dictionaries now rather than on first use (a stage's `prepare`). */
export function loadPhoenix(): void {
  getIndex();
  phoenixPlaceCountry('');
  agentSector('');
}

function getIndex(): Index {
  index ??= build();
  return index;
}

function resolve(a: Actor, date: string | undefined): ActorCode | undefined {
  const role = roleOn(a.r, date);
  if (!role) return undefined;
  const out: ActorCode = { code: role[0], entry: a.n[0] as string, ...readCode(role[0]) };
  return out.country || out.sector ? out : undefined;
}

/** The actor a full name or an organisation's name denotes, as of `date`. */
export function phoenixActor(name: string, date?: string): ActorCode | undefined {
  const a = getIndex().byName.get(nameKey(name));
  return a ? resolve(a, date) : undefined;
}

/**
 * The person a lone surname denotes, as of `date`: the one listed person with that surname who
 * held a dated role on that date (without a date: the one listed person with that surname).
 * Ambiguous → undefined.
 */
export function phoenixBySurname(surname: string, date?: string): ActorCode | undefined {
  const list = getIndex().bySurname.get(nameKey(surname));
  if (!list) return undefined;
  if (!date) return list.length === 1 ? resolve(list[0] as Actor, date) : undefined;
  // With a date, only someone in office then: a bare surname in the news is someone current.
  const holding = list.filter((a) =>
    a.r.some((r) => r.length > 1 && (r[1] || '0000') <= date && date <= (r[2] || '9999')),
  );
  return holding.length === 1 ? resolve(holding[0] as Actor, date) : undefined;
}

/**
 * The country every listed person with this surname belongs to, when they all agree ("Bush":
 * USA); for a surname the text gives an office to ("President Bush") when no one of them held
 * a role on the document's date. Undefined when they differ or none is listed.
 */
export function phoenixSurnameCountry(surname: string, given?: string): string | undefined {
  const list = getIndex().bySurname.get(nameKey(surname));
  if (!list) return undefined;
  // "Michael Howard" is none of the listed Howards when none of them has a given name with that
  // initial (John Howard is Australian); the initial lets "Jim" stand for "James".
  const initial = given ? nameKey(given).charAt(0) : '';
  if (initial && !list.some((a) => a.n.some((n) => n.charAt(0) === initial && n.includes(' '))))
    return undefined;
  let found: string | undefined;
  for (const a of list) {
    const codes = new Set(a.r.map((r) => readCode(r[0]).country));
    if (codes.size !== 1) return undefined;
    const c = [...codes][0];
    if (!c || (found && found !== c)) return undefined;
    found = c;
  }
  return found;
}

/** The sector an agent noun or phrase signals in the dictionaries ("naval" → MIL), if any. */
export const phoenixAgentSector = agentSector;

let places: Map<string, string> | undefined;

/** The country a place name stands for in the dictionaries' country entries ("kabul" → AFG). */
export function phoenixPlaceCountry(name: string): string | undefined {
  places ??= new Map((readModelJson('phoenix-1/places.json') as { places: [string, string][] }).places);
  const code = places.get(nameKey(name));
  if (!code) return undefined;
  return countryMap[code] ?? (countries.has(code) ? code : undefined);
}
