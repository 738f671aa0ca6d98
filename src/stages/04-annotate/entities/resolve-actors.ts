import type { Doc, Entity, Mention } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { countrySurfaces } from '../../../kb/countries.js';
import { resolvePlace } from '../../../kb/gazetteer.js';
import { leaders } from '../../../kb/leaders.js';
import {
  type ActorCode,
  phoenixActor,
  phoenixBySurname,
  phoenixPlaceCountry,
  phoenixSurnameCountry,
} from '../../../kb/phoenix.js';
import { sectorForWord } from '../../../kb/sectors.js';
import { subdivisionCountry } from '../../../kb/subdivisions.js';
import orgHeadData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import roleData from '../../../rules/entities/roles.json' with { type: 'json' };
import { honorifics } from './entity-lexicon.js';
import { mentionActor, resolveEthnicGroups, titleWords } from './mention-actors.js';
import { listedOrganizationNamed, listedOrganizations } from './organization-list.js';
import { resolveAppositions, resolveBodyTitles } from './person-offices.js';

/**
 * Actor resolution after the names are found: what each entity is as an event participant
 * (country, sector, coordinates) from general knowledge — the Phoenix/PETRARCH dictionaries by
 * the document's date, the GeoNames gazetteer by the article's countries — and what each
 * mention stands for where the words around it say more ("Iraqi naval units" → IRQ/MIL,
 * "Beijing said" → CHN/GOV, "in Buenos Aires" → a place). Every decision carries a rule id.
 */

export interface ResolveOptions {
  /**
   * Knowledge sources: `phoenix` (people and organisations with dated roles) and `gazetteer`
   * (cities) are on by default.
   */
  phoenix?: boolean;
  gazetteer?: boolean;
}

/** Organisations our own list names: what it says about them wins over the dictionaries. */
const listedOrgs = new Set(listedOrganizations.map((o) => `org:${o.id}`));

const formerWords = new TokenSet(['former', 'ex']);

/** The document's date, yyyy-mm-dd, when the source gives one. */
export function documentDate(doc: Readonly<Doc>): string | undefined {
  const p = doc.source?.published;
  return p && /^\d{4}-\d{2}-\d{2}/.test(p) ? p.slice(0, 10) : undefined;
}

/** Fills in country, sector and coordinates of `entities` and sets `actor` on every mention. */
export function resolveActors(
  doc: Readonly<Doc>,
  entities: readonly Entity[],
  tokens: TokenLayer,
  options: ResolveOptions = {},
): void {
  const date = documentDate(doc);
  const articleCountries = new Set<string>();
  for (const e of entities) if (e.type === 'country' && e.country) articleCountries.add(e.country);
  /** The rule that gave an entity its country or sector, when this pass gave it. */
  const decidedBy = new Map<Entity, string>();

  // Last words of the people named in full: a lone surname of one of them is that person
  // ("Brown" in a headline before "Gordon Brown"), never someone else the dictionaries know.
  const fullBySurname = new Map<string, Entity | null>();
  for (const e of entities) {
    if (e.type !== 'person' || !e.name.includes(' ')) continue;
    const last = e.name.slice(e.name.lastIndexOf(' ') + 1).toLowerCase();
    fullBySurname.set(last, fullBySurname.has(last) && fullBySurname.get(last) !== e ? null : e);
  }
  const sameSurname: [Entity, Entity][] = [];
  for (const e of entities) {
    if (e.type === 'person') {
      if (!e.name.includes(' ') && fullBySurname.has(e.name.toLowerCase())) {
        const full = fullBySurname.get(e.name.toLowerCase());
        if (full) sameSurname.push([e, full]);
        continue;
      }
      if (options.phoenix === false || (e.country && e.sector)) continue;
      const words = e.name.split(/\s+/);
      let found =
        phoenixActor(e.name, date) ?? (words.length === 1 ? phoenixBySurname(e.name, date) : undefined);
      // The dictionaries list titled forms too ("president bush"): try the mentions as written.
      for (const m of e.mentions) {
        if (found) break;
        const surface = doc.text.slice(m.start, m.end);
        if (surface !== e.name && surface.includes(' ')) found = phoenixActor(surface, date);
      }
      if (!found && e.role && !e.country) {
        // "President Bush" when no Bush held office on the date: every listed Bush is American.
        // A full name needs a listed namesake with its initial ("Minister Michael Howard" is no John Howard).
        const given =
          words.length > 1 && !honorifics.has((words[0] as string).toLowerCase()) ? words[0] : undefined;
        const country = phoenixSurnameCountry(words[words.length - 1] as string, given);
        if (country) {
          e.country = country;
          decidedBy.set(e, 'kb:phoenix:surname-country');
        }
        continue;
      }
      if (!found || (e.country && found.country && e.country !== found.country)) continue;
      if (found.country && !e.country) e.country = found.country;
      if (found.sector && !e.sector) e.sector = found.sector;
      decidedBy.set(e, 'kb:phoenix');
    } else if (e.type === 'organization') {
      if (options.phoenix === false || e.country || listedOrgs.has(e.id)) continue;
      let found = phoenixActor(e.name, date);
      let rule = 'kb:phoenix';
      if (!found) {
        const variant = nameVariant(e.name, date);
        if (!variant) continue;
        found = variant.found;
        // A variant found in our own list says so ("entities:organization:head"), else the dictionaries.
        rule = `${variant.found.code.startsWith('org:') ? 'entities:organization' : 'kb:phoenix'}:${variant.how}`;
        if (variant.country && !found.country) found = { ...found, country: variant.country };
      }
      if (found.country) e.country = found.country;
      // The dictionary's sector over one guessed from a head word ("Gulf Cooperation Council").
      if (found.sector) e.sector = found.sector;
      decidedBy.set(e, rule);
    } else if ((e.type === 'place' || e.type === 'city') && e.lat === undefined) {
      if (options.gazetteer !== false) {
        const hit = resolvePlace(e.name, articleCountries);
        if (hit && (!e.country || e.country === hit.place.country)) {
          e.country = hit.place.country;
          e.lat = hit.place.lat;
          e.lon = hit.place.lon;
          decidedBy.set(e, `kb:gazetteer:${hit.choice}`);
          continue;
        }
      }
      if (options.phoenix !== false && !e.country) {
        const country = phoenixPlaceCountry(e.name);
        if (country) {
          e.country = country;
          decidedBy.set(e, 'kb:phoenix-place');
        }
      }
      // "the government of Sindh province": a province or state no city list holds.
      if (options.gazetteer !== false && !e.country) {
        const country = subdivisionCountry(e.name, articleCountries);
        if (country) {
          e.country = country;
          decidedBy.set(e, 'kb:subdivision');
        }
      }
    }
  }

  for (const [e, full] of sameSurname) {
    if (!e.country && full.country) e.country = full.country;
    if (!e.sector && full.sector) e.sector = full.sector;
    if (e.country || e.sector) decidedBy.set(e, 'entities:same-surname');
  }

  for (const e of entities) {
    if (
      e.type === 'person' &&
      (!e.sector || decidedBy.get(e) !== 'kb:phoenix') &&
      e.mentions.some((m) => formerTitle(tokens, m))
    ) {
      // "former president Carlos Menem", "Former Cabinet minister Clare Short": an elite, no longer
      // the government (CAMEO's ELI for former office holders).
      e.sector = 'ELI';
      decidedBy.set(e, 'entities:former-title');
    }
    const rule = decidedBy.get(e) ?? knownBy(e);
    for (const m of e.mentions) m.actor = mentionActor(e, m, rule, tokens);
  }
  resolveAppositions(entities, tokens);
  resolveEthnicGroups(entities, tokens);
  resolveBodyTitles(entities, tokens);
}

/** Whether "former" (or "ex-") opens the title words right before or at the start of a mention. */
function formerTitle(tokens: TokenLayer, m: Mention): boolean {
  let k = tokens.indexAtOrAfter(m.start, 0, tokens.count);
  const end = tokens.indexAtOrAfter(m.end, k, tokens.count);
  // The mention may hold its title ("Former Cabinet minister Clare Short").
  for (let i = k; i < end && i < k + 4; i++) if (formerWords.hasToken(tokens, i)) return true;
  for (let n = 0; n < 4 && k > 0; n++) {
    k--;
    if (formerWords.hasToken(tokens, k)) return true;
    if (tokens.kind(k) !== WORD) return false;
    const lower = tokens.lower(k);
    if (!titleWords.has(lower) && !sectorForWord(lower) && !tokens.isUpper(k)) return false;
  }
  return false;
}

/** Capitalised titles (roles.json) that may open a name the tagger took for an organisation. */
const titleSurfaces = roleData.titles
  .flatMap((t) => t.surfaces)
  .filter((x) => /^[A-Z]/.test(x))
  .sort((a, b) => b.length - a.length);

/** Head words that end an organisation's name (org-heads.json: "Party", "Council"). */
const orgHeads = new Set(orgHeadData.heads.flatMap((h) => h.words));

/**
 * An organisation name our list (organizations-world.json) or the dictionaries hold under another form: without a leading "the" or
 * the head word (`head`: "Fatah Party" → FATAH), the name after a possessive (`possessed`:
 * "Osama bin Laden's al-Qaeda"), after a demonym that gives the country (`demonym`:
 * "Lebanese Hezbollah"), or a title and a person's name the tagger took for an
 * organisation (`titled`: "President Kagame").
 */
function nameVariant(
  name: string,
  date: string | undefined,
): { found: ActorCode; how: string; country?: string } | undefined {
  const n = name.replace(/^the\s+/i, '');
  const words = n.split(/\s+/);
  const tryName = (x: string, how: string, country?: string) => {
    if (x.length <= 2) return undefined;
    // Our list first ("Fatah Party" → Fatah), then the dictionaries.
    const listed = listedOrganizationNamed(x);
    const found: ActorCode | undefined = listed
      ? {
          code: `org:${listed.id}`,
          entry: listed.name,
          sector: listed.sector,
          ...(listed.country ? { country: listed.country } : {}),
        }
      : phoenixActor(x, date);
    return found ? { found, how, ...(country ? { country } : {}) } : undefined;
  };
  if (n !== name) {
    const hit = tryName(n, 'head');
    if (hit) return hit;
  }
  const last = words[words.length - 1] as string;
  if (words.length > 1 && orgHeads.has(last)) {
    const hit = tryName(words.slice(0, -1).join(' '), 'head');
    if (hit) return hit;
  }
  const poss = n.search(/['’]s\s/);
  if (poss > 0) {
    const hit = tryName(n.slice(poss + 3), 'possessed');
    if (hit) return hit;
  }
  const dem = countrySurfaces.get((words[0] as string).toLowerCase());
  if (words.length > 1 && dem?.form === 'demonym') {
    const hit = tryName(words.slice(1).join(' '), 'demonym', dem.iso3);
    if (hit) return hit;
  }
  const title = titleSurfaces.find((t) => name.startsWith(`${t} `));
  if (title) {
    const rest = name.slice(title.length + 1).trim();
    const restWords = rest.split(/\s+/);
    if (restWords.length <= 3) {
      const person =
        phoenixActor(rest, date) ?? (restWords.length === 1 ? phoenixBySurname(rest, date) : undefined);
      if (person) return { found: person, how: 'titled' };
    }
  }
  return undefined;
}

const leaderNames = new Set(leaders.map((l) => l.name));

/**
 * The rule that gave an entity its country and sector before this pass: a title pattern in the
 * text ("Russian President Vladimir Putin"), else the list of office holders; for organisations
 * our list names, that list; undefined when the mention's own rule says it.
 */
function knownBy(e: Entity): string | undefined {
  if (e.type === 'organization' && listedOrgs.has(e.id)) return 'entities:organization';
  if (e.type !== 'person' || (!e.country && !e.sector)) return undefined;
  const titled = e.mentions.find((m) => m.rule.startsWith('entities:role'));
  if (titled) return titled.rule;
  return leaderNames.has(e.name) ? 'kb:leaders' : undefined;
}
