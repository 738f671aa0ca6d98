import type { Entity, Mention, MentionActor } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { countries, countrySurfaces } from '../../../kb/countries.js';
import { sectorForWord } from '../../../kb/sectors.js';
import actorData from '../../../rules/entities/actors.json' with { type: 'json' };
import ethnicData from '../../../rules/entities/ethnic-groups.json' with { type: 'json' };
import sentenceWords from '../../../rules/events/sentence-words.json' with { type: 'json' };
import { reportingVerbs as reportingVerbLists } from '../../../rules/lexicon/lexicon.js';

/*
 * What one mention stands for where the words around it say more than its entity: an agent phrase
 * after a country ("Iraqi naval units" → MIL), a capital as its government or as a place, a
 * people after a demonym ("Iraqi Kurds"), a group by descent ("ethnic Albanians").
 */

const locatives = new TokenSet(actorData.locativePrepositions);

export const possessiveS = new TokenSet(['s']);

const coordinators = new TokenSet(['and', 'or']);

/** Words of a title written capitalised inside an agent phrase ("Vice", "Foreign", "Minister"). */
export const titleWords = new Set(sentenceWords.titleWords.words);

/**
 * Closed-class words no noun phrase runs across: "Somalia of supporting militias", "Russia said
 * rebels" name no agent after the country (prepositions, determiners, auxiliaries, relatives, …).
 */
export const phraseEnders = new Set([
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

export function mentionActor(
  e: Entity,
  m: Mention,
  rule: string | undefined,
  tokens: TokenLayer,
): MentionActor {
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
export function resolveEthnicGroups(entities: readonly Entity[], tokens: TokenLayer): void {
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
export function agentAfter(
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
