import type { Doc, Entity, Mention, MentionActor } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { countries } from '../../../kb/countries.js';
import { resolvePlace } from '../../../kb/gazetteer.js';
import { leaders } from '../../../kb/leaders.js';
import { phoenixActor, phoenixBySurname, phoenixPlaceCountry } from '../../../kb/phoenix.js';
import { sectorForWord } from '../../../kb/sectors.js';
import actorData from '../../../rules/entities/actors.json' with { type: 'json' };
import orgData from '../../../rules/entities/organizations.json' with { type: 'json' };
import sentenceWords from '../../../rules/events/sentence-words.json' with { type: 'json' };

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
const listedOrgs = new Set(orgData.organizations.map((o) => `org:${o.id}`));
const possessiveS = new TokenSet(['s']);
const coordinators = new TokenSet(['and', 'or']);
/** Words of a title written capitalised inside an agent phrase ("Vice", "Foreign", "Minister"). */
const titleWords = new Set(sentenceWords.titleWords.words);

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
      const found =
        phoenixActor(e.name, date) ?? (words.length === 1 ? phoenixBySurname(e.name, date) : undefined);
      if (!found || (e.country && found.country && e.country !== found.country)) continue;
      if (found.country && !e.country) e.country = found.country;
      if (found.sector && !e.sector) e.sector = found.sector;
      decidedBy.set(e, 'kb:phoenix');
    } else if (e.type === 'organization') {
      if (options.phoenix === false || e.country || listedOrgs.has(e.id)) continue;
      const found = phoenixActor(e.name, date);
      if (!found) continue;
      if (found.country) e.country = found.country;
      // The dictionary's sector over one guessed from a head word ("Gulf Cooperation Council").
      if (found.sector) e.sector = found.sector;
      decidedBy.set(e, 'kb:phoenix');
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
    }
  }

  for (const [e, full] of sameSurname) {
    if (!e.country && full.country) e.country = full.country;
    if (!e.sector && full.sector) e.sector = full.sector;
    if (e.country || e.sector) decidedBy.set(e, 'entities:same-surname');
  }

  for (const e of entities) {
    const rule = decidedBy.get(e) ?? knownBy(e);
    for (const m of e.mentions) m.actor = mentionActor(e, m, rule, tokens);
  }
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
  if (!agent) return a;
  return {
    ...a,
    sector: agent.sector,
    rule: `${rulePrefix}-agent`,
    agent: { start: tokens.start(agent.from), end: tokens.end(agent.to - 1) },
  };
}

/**
 * Up to three lowercase words from token `j` in one noun phrase, and the sector the last agent
 * phrase among them gives ("naval units" → MIL: "units" alone is no agent, "naval" is).
 */
function agentAfter(tokens: TokenLayer, j: number): { from: number; to: number; sector: string } | undefined {
  let best: { from: number; to: number; sector: string } | undefined;
  for (let k = j; k < tokens.count && k < j + 3; k++) {
    if (tokens.kind(k) !== WORD) break;
    const lower = tokens.lower(k);
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
