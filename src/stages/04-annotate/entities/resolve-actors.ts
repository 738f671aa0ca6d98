import type { Doc, Entity, Mention, MentionActor } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { countries, countrySurfaces } from '../../../kb/countries.js';
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
import actorData from '../../../rules/entities/actors.json' with { type: 'json' };
import ethnicData from '../../../rules/entities/ethnic-groups.json' with { type: 'json' };
import orgHeadData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import roleData from '../../../rules/entities/roles.json' with { type: 'json' };
import sentenceWords from '../../../rules/events/sentence-words.json' with { type: 'json' };
import { reportingVerbs as reportingVerbLists } from '../../../rules/lexicon/lexicon.js';
import { listedOrganizationNamed, listedOrganizations } from './organization-list.js';

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

const locatives = new TokenSet(actorData.locativePrepositions);
/** Organisations our own list names: what it says about them wins over the dictionaries. */
const listedOrgs = new Set(listedOrganizations.map((o) => `org:${o.id}`));
const possessiveS = new TokenSet(['s']);
const coordinators = new TokenSet(['and', 'or']);
const appositionDeterminers = new TokenSet(['a', 'an', 'the']);
const formerWords = new TokenSet(['former', 'ex']);
/** Words of a title written capitalised inside an agent phrase ("Vice", "Foreign", "Minister"). */
const titleWords = new Set(sentenceWords.titleWords.words);
/**
 * Closed-class words no noun phrase runs across: "Somalia of supporting militias", "Russia said
 * rebels" name no agent after the country (prepositions, determiners, auxiliaries, relatives, …).
 */
const phraseEnders = new Set([
  ...sentenceWords.functionWords.words,
  ...sentenceWords.locativePrepositions.words,
  ...sentenceWords.determiners.words,
  ...sentenceWords.relatives.words,
  ...sentenceWords.subordinators.words,
  ...sentenceWords.be.words,
  ...sentenceWords.auxiliaries.words,
  ...sentenceWords.finiteVerbs.words,
  ...sentenceWords.controlVerbs.words,
  ...reportingVerbLists.neutral,
]);

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
        const country = phoenixSurnameCountry(words[words.length - 1] as string);
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

/** Bodies that belong to no one country: their office holders act for them. */
const countrylessBodies = new Set(['IGO', 'NGO']);

/**
 * "NATO Secretary General X", "U.N. envoy X": a person named right after a body of no country
 * and a title holds that body's office there, and the mention acts for the body, whatever the
 * person's own country (PLOVER and Phoenix code the office holders of international bodies with
 * the body's code; the text's own title over a remembered nationality). `entities:body-title`.
 */
function resolveBodyTitles(entities: readonly Entity[], tokens: TokenLayer): void {
  const bodyEndingAt = new Map<number, Entity>();
  for (const e of entities) {
    if (e.type !== 'organization' || !e.sector || !countrylessBodies.has(e.sector)) continue;
    for (const m of e.mentions) bodyEndingAt.set(tokens.indexAtOrAfter(m.end, 0, tokens.count) - 1, e);
  }
  if (bodyEndingAt.size === 0) return;
  for (const e of entities) {
    if (e.type !== 'person') continue;
    for (const m of e.mentions) {
      // The title inside the mention ("Secretary-General Kofi Annan") or just before it.
      let titled = m.rule.startsWith('entities:role');
      let k = tokens.indexAtOrAfter(m.start, 0, tokens.count) - 1;
      for (let n = 0; n < 3 && k > 0 && tokens.kind(k) === WORD; n++) {
        const lower = tokens.lower(k);
        if (!titleWords.has(lower) && !sectorForWord(lower)) break;
        titled = true;
        k--;
      }
      const body = titled ? bodyEndingAt.get(k) : undefined;
      if (body?.sector) m.actor = { rule: 'entities:body-title', sector: body.sector };
    }
  }
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

/**
 * "Salaheddine Sidhoum, Algeria's leading human rights activist": a person the knowledge does
 * not place takes the country of an apposition that names a country and an agent noun, and the
 * agent's sector when the person has none (`entities:apposition`).
 */
function resolveAppositions(entities: readonly Entity[], tokens: TokenLayer): void {
  const countryAt = new Map<number, { e: Entity; m: Mention }>();
  for (const e of entities) {
    if (e.type !== 'country' || !e.country) continue;
    for (const m of e.mentions) {
      if (m.form === 'capital') continue;
      countryAt.set(tokens.indexAtOrAfter(m.start, 0, tokens.count), { e, m });
    }
  }
  if (countryAt.size === 0) return;
  const setAll = (e: Entity, sector: string) => {
    if (!e.sector) e.sector = sector;
    for (const x of e.mentions) {
      x.actor = {
        ...(x.actor ?? { rule: 'entities:apposition' }),
        rule: 'entities:apposition',
        country: e.country as string,
      };
      if (e.sector) x.actor.sector = e.sector;
    }
  };
  for (const e of entities) {
    if (e.type !== 'person' || e.country) continue;
    // "Qatar's emir, Sheikh Hamad …": the country's agent phrase, a comma, then the name.
    const before = e.mentions.map((m) => appositionBefore(tokens, m, countryAt)).find((x) => x);
    if (before) {
      e.country = before.country;
      setAll(e, before.sector);
      continue;
    }
    for (const m of e.mentions) {
      let k = tokens.indexAtOrAfter(m.end, 0, tokens.count);
      if (k >= tokens.count || !tokens.isChar(k, 44)) continue;
      k++;
      if (k < tokens.count && appositionDeterminers.hasToken(tokens, k)) k++;
      const c = countryAt.get(k);
      if (!c) continue;
      let j = tokens.indexAtOrAfter(c.m.end, k, tokens.count);
      if (
        j + 1 < tokens.count &&
        (tokens.isChar(j, 39) || tokens.isChar(j, 0x2019)) &&
        possessiveS.hasToken(tokens, j + 1)
      )
        j += 2;
      const agent = agentAfter(tokens, j, 5);
      if (!agent) continue;
      e.country = c.e.country;
      setAll(e, agent.sector);
      break;
    }
  }
}

/**
 * "Qatar's emir, Sheikh Hamad bin Khalifa", "Kenya's foreign minister, Ms Amina Mohamed": a
 * country's possessive and an agent phrase that ends at the comma before the mention (title
 * words between the comma and the name allowed); the country and the agent's sector.
 */
function appositionBefore(
  tokens: TokenLayer,
  m: Mention,
  countryAt: ReadonlyMap<number, { e: Entity; m: Mention }>,
): { country: string; sector: string } | undefined {
  let k = tokens.indexAtOrAfter(m.start, 0, tokens.count) - 1;
  for (let n = 0; n < 2 && k > 0 && tokens.kind(k) === WORD && titleWords.has(tokens.lower(k)); n++) k--;
  if (k < 3 || !tokens.isChar(k, 44)) return undefined;
  for (let from = k - 2; from >= 0 && from >= k - 8; from--) {
    const c = countryAt.get(from);
    if (!c?.e.country) continue;
    // "… rid of Scotland's historic regiments, Labour MPs will": a phrase inside a prepositional
    // or other dependent phrase is no apposition of the name after the comma.
    if (from > 0 && tokens.kind(from - 1) === WORD && phraseEnders.has(tokens.lower(from - 1)))
      return undefined;
    let j = tokens.indexAtOrAfter(c.m.end, from, tokens.count);
    if (
      !(
        j + 1 < k &&
        (tokens.isChar(j, 39) || tokens.isChar(j, 0x2019)) &&
        possessiveS.hasToken(tokens, j + 1)
      )
    )
      return undefined;
    j += 2;
    const agent = agentAfter(tokens, j, 5);
    return agent && agent.to === k ? { country: c.e.country, sector: agent.sector } : undefined;
  }
  return undefined;
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

function baseActor(e: Entity, m: Mention, rule: string | undefined): MentionActor {
  const a: MentionActor = { rule: rule ?? m.rule };
  if (e.country) a.country = e.country;
  if (e.sector) a.sector = e.sector;
  if (e.lat !== undefined && e.lon !== undefined && e.type !== 'person' && e.type !== 'organization') {
    a.lat = e.lat;
    a.lon = e.lon;
  }
  return a;
}

function mentionActor(e: Entity, m: Mention, rule: string | undefined, tokens: TokenLayer): MentionActor {
  const a = baseActor(e, m, rule);
  if (e.type !== 'country') return a;
  const i = tokens.indexAtOrAfter(m.start, 0, tokens.count);
  let j = tokens.indexAtOrAfter(m.end, i, tokens.count);
  if (m.form === 'capital') {
    const info = e.country ? countries.get(e.country) : undefined;
    if (i > 0 && locatives.hasToken(tokens, i - 1)) {
      // "protest in Buenos Aires": where it happened, not the government.
      const p: MentionActor = { rule: 'entities:capital-as-place', place: true };
      if (e.country) p.country = e.country;
      if (info?.capitalLat !== undefined && info.capitalLon !== undefined) {
        p.lat = info.capitalLat;
        p.lon = info.capitalLon;
      }
      return p;
    }
    // "Beijing said": the seat of government for its government.
    return { ...a, sector: a.sector ?? 'GOV', rule: 'entities:capital-metonym' };
  }
  // "Iran's navy", "Iraqi naval units", "Russian forces": the agent words after the country.
  let rulePrefix = m.form === 'demonym' ? 'entities:demonym' : 'entities:country';
  if (
    j + 1 < tokens.count &&
    (tokens.isChar(j, 39) || tokens.isChar(j, 0x2019)) &&
    possessiveS.hasToken(tokens, j + 1)
  ) {
    j += 2;
    rulePrefix = 'entities:possessive';
  }
  let agent = agentAfter(tokens, j);
  // "US and British forces", "Hungarian and Romanian officials": coordinated modifiers share the head.
  if (!agent && j + 1 < tokens.count && coordinators.hasToken(tokens, j)) {
    let k = j + 1;
    while (k < tokens.count && k < j + 3 && tokens.kind(k) === WORD && tokens.isUpper(k)) k++;
    const shared = k > j + 1 ? agentAfter(tokens, k) : undefined;
    if (shared) {
      agent = shared;
      rulePrefix = `${rulePrefix}-shared`;
    }
  }
  if (!agent && m.form === 'demonym' && rulePrefix === 'entities:demonym') {
    // "Iraqi Kurds", "Bosnian Serbs", "Iraqi Kurdish forces": a people named after the demonym.
    const people = ethnicAt(e, tokens, j);
    if (people) return { ...a, ...people };
  }
  if (!agent) {
    // "Palestinians protested": the people of a country, not its state.
    if (m.form === 'demonym' && rulePrefix === 'entities:demonym' && isPluralDemonym(e, tokens, i, j))
      return { ...a, sector: actorData.demonymPeople.sector, rule: 'entities:demonym-people' };
    return a;
  }
  return {
    ...a,
    sector: agent.sector,
    rule: `${rulePrefix}-agent`,
    agent: { start: tokens.start(agent.from), end: tokens.end(agent.to - 1) },
  };
}

/** Stateless peoples (ethnic-groups.json): plural nouns and adjectives, lowercased. */
const peoplePlurals = new Set(ethnicData.peoples.map((p) => p.plural.toLowerCase()));
const peopleAdjectives = new Set(ethnicData.peoples.map((p) => p.adjective.toLowerCase()));
const ethnicMarker = new TokenSet([ethnicData.marker]);

/**
 * A people named at token `j`, after a demonym of `e`'s country: a capitalised plural of a listed
 * stateless people or of another country's demonym ("Iraqi Kurds", "Bosnian Serbs": CVL), or
 * its adjective with agent words after it ("Iraqi Kurdish forces": the agent's sector). The
 * country stays the demonym's.
 */
function ethnicAt(
  e: Entity,
  tokens: TokenLayer,
  j: number,
): Pick<MentionActor, 'sector' | 'rule' | 'agent'> | undefined {
  if (j >= tokens.count || tokens.kind(j) !== WORD || !tokens.isUpper(j)) return undefined;
  const lower = tokens.lower(j);
  const demonymOf = (x: string) => {
    const c = countrySurfaces.get(x);
    return c?.form === 'demonym' && c.iso3 !== e.country;
  };
  const plural =
    peoplePlurals.has(lower) || (lower.length > 4 && lower.endsWith('s') && demonymOf(lower.slice(0, -1)));
  const adjective = peopleAdjectives.has(lower) || demonymOf(lower);
  if (!plural && !adjective) return undefined;
  const after = agentAfter(tokens, j + 1);
  if (after)
    return {
      sector: after.sector,
      rule: 'entities:demonym-ethnic-agent',
      agent: { start: tokens.start(j), end: tokens.end(after.to - 1) },
    };
  if (!plural) return undefined;
  return {
    sector: ethnicData.sector,
    rule: 'entities:demonym-ethnic',
    agent: { start: tokens.start(j), end: tokens.end(j) },
  };
}

/**
 * "ethnic Albanians", "ethnic Turkish protesters": a group by descent, not the people or forces
 * of the demonym's state. The group keeps the sector its words give (CVL for the people
 * themselves) and takes the country the text places it in ("… in Macedonia", up to three
 * lowercase words after it: "operating in"); without one it has no country
 * (`entities:ethnic-group`).
 */
function resolveEthnicGroups(entities: readonly Entity[], tokens: TokenLayer): void {
  const countryAt = new Map<number, string>();
  for (const e of entities) {
    if (e.type !== 'country' || !e.country) continue;
    for (const m of e.mentions) countryAt.set(tokens.indexAtOrAfter(m.start, 0, tokens.count), e.country);
  }
  for (const e of entities) {
    if (e.type !== 'country') continue;
    for (const m of e.mentions) {
      const i = tokens.indexAtOrAfter(m.start, 0, tokens.count);
      if (i === 0 || !ethnicMarker.hasToken(tokens, i - 1) || !m.actor) continue;
      const end = Math.max(m.end, m.actor.agent?.end ?? 0);
      let k = tokens.indexAtOrAfter(end, i, tokens.count);
      let residence: string | undefined;
      for (let n = 0; n < 4 && k + 1 < tokens.count; n++, k++) {
        if (tokens.kind(k) !== WORD) break;
        if (tokens.lower(k) === 'in') {
          residence = countryAt.get(k + 1);
          break;
        }
        if (tokens.isUpper(k)) break;
      }
      const surface = tokens.lower(tokens.indexAtOrAfter(m.end, i, tokens.count) - 1);
      const sector = m.actor.sector ?? (surface.endsWith('s') ? ethnicData.sector : undefined);
      const actor: MentionActor = { rule: 'entities:ethnic-group' };
      if (residence && residence !== e.country) actor.country = residence;
      if (sector) actor.sector = sector;
      if (m.actor.agent) actor.agent = m.actor.agent;
      m.actor = actor;
    }
  }
}

/** "Iraqis", "Russians": a one-word demonym mention that is the plural of the country's demonym. */
function isPluralDemonym(e: Entity, tokens: TokenLayer, i: number, j: number): boolean {
  if (j !== i + 1) return false;
  const lower = tokens.lower(i);
  if (lower.length < 4 || !lower.endsWith('s')) return false;
  const singular = countrySurfaces.get(lower.slice(0, -1));
  return singular?.form === 'demonym' && singular.iso3 === e.country;
}

/**
 * Up to three lowercase words from token `j` in one noun phrase, and the sector the last agent
 * phrase among them gives ("naval units" → MIL: "units" alone is no agent, "naval" is).
 */
function agentAfter(
  tokens: TokenLayer,
  j: number,
  width = 3,
): { from: number; to: number; sector: string } | undefined {
  let best: { from: number; to: number; sector: string } | undefined;
  for (let k = j; k < tokens.count && k < j + width; k++) {
    if (tokens.kind(k) !== WORD) break;
    const lower = tokens.lower(k);
    if (phraseEnders.has(lower)) break;
    // "Taiwan's Vice Foreign Minister": a capitalised word goes on only as a title word.
    if (tokens.isUpper(k) && !titleWords.has(lower) && !sectorForWord(lower)) break;
    const pair = k > j ? sectorForWord(`${tokens.lower(k - 1)} ${lower}`) : undefined;
    const one = pair ?? sectorForWord(lower);
    if (one) best = { from: j, to: k + 1, sector: one };
    else if (best) {
      // "naval units": a plain head noun after the agent word is part of the phrase.
      if (nounHeads.has(lower)) best = { ...best, to: k + 1 };
      else break;
    }
  }
  return best;
}

const nounHeads = new Set(actorData.agentHeads);
