import type { Entity, Mention } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { sectorForWord } from '../../../kb/sectors.js';
import { agentAfter, phraseEnders, possessiveS, titleWords } from './mention-actors.js';

/*
 * A person's country and sector from the phrase beside the name: an apposition naming a country
 * and an agent ("Algeria's leading human rights activist"), or a title after a body of no country
 * ("NATO Secretary General X").
 */

const appositionDeterminers = new TokenSet(['a', 'an', 'the']);

/** Bodies that belong to no one country: their office holders act for them. */
const countrylessBodies = new Set(['IGO', 'NGO']);

/**
 * "NATO Secretary General X", "U.N. envoy X": a person named right after a body of no country
 * and a title holds that body's office there, and the mention acts for the body, whatever the
 * person's own country (PLOVER and Phoenix code the office holders of international bodies with
 * the body's code; the text's own title over a remembered nationality). `entities:body-title`.
 */
export function resolveBodyTitles(entities: readonly Entity[], tokens: TokenLayer): void {
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

/**
 * "Salaheddine Sidhoum, Algeria's leading human rights activist": a person the knowledge does
 * not place takes the country of an apposition that names a country and an agent noun, and the
 * agent's sector when the person has none (`entities:apposition`).
 */
export function resolveAppositions(entities: readonly Entity[], tokens: TokenLayer): void {
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
