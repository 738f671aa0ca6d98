import type { JoinedToken as Token } from '../../core/tokens.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import { determiners, type EntityMention, type Group } from './sentence-words.js';

/*
 * Actors a text implies without naming them (participants.json `impliedActor`): the holder a
 * custody phrase names, or the state of the country the story is set in.
 */

const implied = participantData.impliedActor;
/** Rule id of an actor implied by a custody phrase or by the country the story is set in. */
export const impliedActorRule: string = implied.id;
export const impliedActorRules = {
  types: new Set(implied.types),
  /** Legal acts ('have been charged') implied like arrests, for rules with the context 'legal'. */
  legalTypes: new Set(implied.legalTypes),
  storyTypes: new Set(implied.storyTypes),
  releaseTypes: new Set(implied.releaseTypes),
  storyShare: implied.storyShare,
  storyMentions: implied.storyMentions,
};
const storyPlaceTypes = new Set(implied.storyPlaceTypes);
const authority = implied.reportingAuthority;
/** Rule id of an implied act's actor taken from the authority that reports it ("…, police said"). */
export const reportingAuthorityRule: string = authority.id;
const authoritySectors = new Set(authority.sectors);
const holderNouns = new Set(implied.holderNouns);
const holderPreps = new Set(implied.holderPrepositions);
const releaseWords = new Set(implied.releaseWords);
/** How far after the trigger a custody phrase or a release word may stand. */
const holderReach = 8;

/**
 * "freed from US custody", "held in the custody of Iraq", "released from Iraqi detention": the
 * group a custody phrase after the trigger (before `limit`) names holds the captive and acts;
 * `prep` is the token index of the phrase's preposition.
 */
export function holderOf(
  tokens: readonly Token[],
  groups: readonly Group[],
  last: number,
  limit: number,
): { group: Group; prep: number } | undefined {
  const end = Math.min(limit, tokens.length, last + 1 + holderReach);
  const skip = (j: number) => {
    while (j < end && determiners.has((tokens[j] as Token).lower)) j++;
    return j;
  };
  for (let k = last + 1; k < end; k++) {
    if (!holderPreps.has((tokens[k] as Token).lower)) continue;
    let j = k + 1;
    if (tokens[j]?.lower === 'of') j++;
    j = skip(j);
    const g = groups.find((x) => x.first === j);
    if (g && holderNouns.has(tokens[g.last + 1]?.lower ?? '')) return { group: g, prep: k };
    if (holderNouns.has(tokens[j]?.lower ?? '') && tokens[j + 1]?.lower === 'of') {
      const after = skip(j + 2);
      const h = groups.find((x) => x.first === after);
      if (h) return { group: h, prep: k };
    }
  }
  return undefined;
}

/** Whether the clause after a release names it one from custody ("released on bail", "freed without charge"). */
export function isCustodyRelease(tokens: readonly Token[], last: number, limit: number): boolean {
  const end = Math.min(limit, tokens.length, last + 1 + holderReach);
  for (let k = last + 1; k < end; k++) if (releaseWords.has((tokens[k] as Token).lower)) return true;
  return false;
}

/** The country an article's story is set in: the one most of its place names belong to, when they mostly agree. */
export function storyCountryOf(mentions: readonly EntityMention[]): string | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const m of mentions) {
    const type = m.entity.type;
    const country = m.entity.country;
    if (!country || !storyPlaceTypes.has(type)) continue;
    counts.set(country, (counts.get(country) ?? 0) + 1);
    total++;
  }
  let best: string | undefined;
  let most = 0;
  for (const [country, n] of counts)
    if (n > most) {
      best = country;
      most = n;
    }
  if (!best || most < impliedActorRules.storyMentions || most / total < impliedActorRules.storyShare)
    return undefined;
  return best;
}

/**
 * "They were charged under the Public Order Act, police said": the source of the report an
 * implied act is told in, when it is an authority that arrests or charges (its agent sector is one
 * of `reportingAuthority.sectors`): the innermost source of the chain; undefined otherwise.
 */
export function reportingAuthority(
  sources: readonly { text: string }[] | undefined,
  sectorOf: (text: string) => string | undefined,
): { text: string; sector: string } | undefined {
  const source = sources?.at(-1);
  if (!source) return undefined;
  const sector = sectorOf(source.text);
  return sector && authoritySectors.has(sector) ? { text: source.text, sector } : undefined;
}
