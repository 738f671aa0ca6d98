import type { Doc, EventParticipant } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { resolvePlace } from '../../kb/gazetteer.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import { agentSector } from './agent-phrases.js';
import { participantRules } from './participant-rules.js';
import {
  determiners,
  type Group,
  isLower,
  isWordStart,
  lexicon,
  placePreps,
  prepBefore,
} from './sentence-words.js';

/*
 * Places as sides: where an event happened, a place acting for its country or a city acted on for
 * its people, and a name that tells where rather than who.
 */

const placeActorSectors = new Map<string, string>(Object.entries(participantData.placeAsActor.types));

/** "Rebels shelled Juba": a city or capital under attack stands for its people, not its government. */
export function placeAsTarget(recipient: EventParticipant, g: Group, eventType: string): void {
  if (
    recipient.start === g.start &&
    recipient.end === g.end &&
    recipient.sector === 'GOV' &&
    (g.entity.type === 'city' || g.mention.form === 'capital') &&
    participantRules.placeTargetTypes.has(eventType)
  )
    recipient.sector = participantRules.placeTargetSector;
}

/**
 * "blocked streets in Hong Kong", "a bomb near the town of Tikrit": a country, city or place in a
 * phrase of place ("in", "at", "near", …; also through "the town of", "the province of") tells
 * where the event happened, not whom it was done to. Not "into" (an invasion's target) and not a
 * demonym (`modifiesPlace` decides those).
 */
export function namesWhere(text: string, tokens: readonly Token[], g: Group): boolean {
  const kind = g.entity.type;
  if ((kind !== 'country' && kind !== 'city' && kind !== 'place') || g.mention.form === 'demonym')
    return false;
  let k = g.first - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  if (tokens[k]?.lower === 'of') {
    // "near the town of": one or two lowercase nouns after a determiner.
    let j = k - 1;
    while (
      j >= 0 &&
      k - j <= 2 &&
      isWordStart((tokens[j] as Token).lower) &&
      isLower(text, tokens[j] as Token)
    ) {
      if (determiners.has((tokens[j] as Token).lower)) break;
      j--;
    }
    if (j === k - 1 || !determiners.has(tokens[j]?.lower ?? '')) return false;
    while (j >= 0 && determiners.has((tokens[j] as Token).lower)) j--;
    k = j;
  }
  const prep = tokens[k]?.lower;
  return prep !== undefined && prep !== 'into' && placePreps.has(prep);
}

/**
 * Where an event happened: the place's own words and country. Unlike a side it takes no agent
 * words around it ("protesters in Florin" is a recipient; the place is "Florin") and no sector (a
 * capital named as a place is not its government).
 */
export function placeOf(doc: Readonly<Doc>, g: Group): EventParticipant {
  const text = doc.text.slice(g.start, g.end);
  const p: EventParticipant = { start: g.start, end: g.end, text, entity: g.entity.id };
  if (g.entity.country) p.country = g.entity.country;
  // A capital read as its country's government ("Ankara said") is, as the place of an event ("talks in
  // Ankara"), the city: its own coordinates, not the country's.
  if (g.entity.type === 'country' && g.entity.country) {
    const city = resolvePlace(text, new Set([g.entity.country]));
    if (
      city &&
      city.place.country === g.entity.country &&
      city.place.name.toLowerCase() === text.toLowerCase()
    ) {
      p.entity = `city:${city.place.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
      p.lat = city.place.lat;
      p.lon = city.place.lon;
      return p;
    }
  }
  if (g.entity.lat !== undefined && g.entity.lon !== undefined) {
    p.lat = g.entity.lat;
    p.lon = g.entity.lon;
  }
  return p;
}

/** A demonym inside a locative phrase ("near the Ukrainian border") names a place, not a side. */
export function modifiesPlace(tokens: readonly Token[], g: Group): boolean {
  // "in the Chinese capital" names the country's seat of government: keep it.
  if (g.mention.form !== 'demonym' || tokens[g.last + 1]?.lower === 'capital') return false;
  // "in an Israeli air strike", "in a Russian raid": the phrase names an event or an agent, not a place.
  for (let k = g.last + 1; k <= g.last + 2 && k < tokens.length; k++) {
    const t = (tokens[k] as Token).lower;
    if (lexicon.ownHeads.has(t) || agentSector(t)) return false;
  }
  const prep = prepBefore(tokens, g.first);
  return prep !== undefined && placePreps.has(prep);
}

/**
 * The actor of an event whose clause names none, from the place it happened in: an attack by
 * no one named is by unidentified armed forces of that country ("a roadside bomb near Samarra
 * killed …" → IRQ/UAF), a protest by no one named is by its civilians, an arrest by no one named
 * is the act of that country's state ("was arrested in Lebanon" → LBN). An actor the text names
 * only by common nouns, with no entity and no country ("thousands of people marched in Lagos"),
 * takes the place's country and keeps its words. Only for the types of `placeAsActor` in
 * participants.json, only for a place with a country; a place that is the recipient's own words
 * ("Baghdad was shelled") acts for no one;
 * undefined when nothing changes.
 */
export function placeAsActor(
  type: string,
  location: EventParticipant | undefined,
  recipient: EventParticipant | undefined,
  actor: EventParticipant | undefined,
): EventParticipant | undefined {
  const sector = placeActorSectors.get(type);
  if (sector === undefined || !location?.country || !location.entity) return undefined;
  if (actor) {
    if (actor.entity || actor.country) return undefined;
    return { ...actor, country: location.country, ...(actor.sector || !sector ? {} : { sector }) };
  }
  // "Baghdad was shelled": the place attacked is no attacker.
  if (recipient && recipient.start < location.end && location.start < recipient.end) return undefined;
  const p: EventParticipant = {
    start: location.start,
    end: location.end,
    text: location.text,
    entity: location.entity,
    country: location.country,
  };
  if (sector) p.sector = sector;
  return p;
}
