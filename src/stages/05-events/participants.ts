import { type Doc, type EventParticipant, isRemoved, type MentionActor } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { resolvePlace } from '../../kb/gazetteer.js';
import { sectorForWord } from '../../kb/sectors.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import {
  auxTail,
  badNpEnd,
  badNpFirst,
  controlVerbs,
  determiners,
  type EntityMention,
  finiteVerbs,
  functionWords,
  type Group,
  infinitiveContent,
  inside,
  isLower,
  isPossessive,
  isReportingVerb,
  isWordStart,
  lexicon,
  locativePreps,
  particles,
  placePreps,
  prepBefore,
  pronouns,
  type SentenceContext,
  subordinators,
  titleWords,
  tokenAt,
  typeRank,
} from './sentence-words.js';

/** Participant rules (see `src/rules/events/README.md`), compiled once. */
export const participantRules = {
  agentWindow: participantData.agentWindow,
  placeTargetSector: participantData.placeTarget.sector,
  placeTargetTypes: new Set(participantData.placeTarget.types),
};
const ofLinks = new Set(participantData.ofLinks);
const placeActorSectors = new Map<string, string>(Object.entries(participantData.placeAsActor.types));
const quantityWords = new Set(participantData.quantityWords);
/** Rule id and types of the agentless verbal passives left uncoded (participants.json). */
export const agentlessVerbalPassiveRule: string = participantData.agentlessVerbalPassive.id;
const agentlessVerbalTypes = new Set(participantData.agentlessVerbalPassive.types);

const implied = participantData.impliedActor;
/** Rule id of an actor implied by a custody phrase or by the country the story is set in. */
export const impliedActorRule: string = implied.id;
export const impliedActorRules = {
  types: new Set(implied.types),
  storyTypes: new Set(implied.storyTypes),
  releaseTypes: new Set(implied.releaseTypes),
  storyShare: implied.storyShare,
  storyMentions: implied.storyMentions,
};
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
    if (!country || (type !== 'country' && type !== 'city')) continue;
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

const agentlessKeptContexts = new Set(participantData.agentlessVerbalPassive.keepContexts);

/**
 * Whether an event of `type` reported in the passive with no actor found is left uncoded: a
 * verbal act needs its speaker; a legal one ("were charged with") is an institution's act.
 */
export function needsSpeaker(type: string, context: readonly string[] | undefined): boolean {
  return agentlessVerbalTypes.has(type) && !context?.some((c) => agentlessKeptContexts.has(c));
}
const coordinators = new Set(['and', 'or']);

export function buildGroups(
  doc: Readonly<Doc>,
  mentions: readonly EntityMention[],
  tokens: readonly Token[],
): Group[] {
  const raw: Group[] = [];
  for (const { entity, mention } of mentions) {
    if (mention.end <= mention.start) continue;
    if (isRemoved(doc.removed, mention.start, mention.end)) continue;
    raw.push({
      start: mention.start,
      end: mention.end,
      first: tokenAt(tokens, mention.start),
      last: tokenAt(tokens, mention.end - 1),
      entity,
      mention,
    });
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: Group[] = [];
  for (const g of raw) {
    const prev = groups.at(-1);
    if (prev && (g.start < prev.end || joinsTitle(doc.text, tokens, prev, g))) {
      const better = rank(g) < rank(prev);
      prev.end = Math.max(prev.end, g.end);
      prev.last = Math.max(prev.last, g.last);
      if (better) {
        prev.entity = g.entity;
        prev.mention = g.mention;
      }
      continue;
    }
    groups.push({ ...g });
  }
  return groups;
}

function rank(g: Group): number {
  return typeRank[g.entity.type] ?? 9;
}

/** "Russian President Vladimir Putin": a demonym, title words, then a person or organisation. */
function joinsTitle(text: string, tokens: readonly Token[], prev: Group, next: Group): boolean {
  if (prev.mention.form !== 'demonym' || rank(next) > 1) return false;
  if (next.first - prev.last > 6) return false;
  for (let k = prev.last + 1; k < next.first; k++) {
    const t = tokens[k] as Token;
    const first = text.charCodeAt(t.start);
    const capital = first >= 65 && first <= 90;
    if (!capital && !titleWords.has(t.lower)) return false;
  }
  return true;
}

/**
 * Mentions that only name a source are not participants ("…, CNN reported", "according to
 * Reuters"); the subject of an expectation or promise with an infinitive content ("Putin is
 * expected to visit …") is the subject of that verb and stays one.
 */
export function isSourceOnly(ctx: SentenceContext, g: Group, triggerQuote: number, head: number): boolean {
  const q = inside(ctx.quotes, g.start, g.end);
  if (q >= 0 && q !== triggerQuote) return true;
  const at = (ctx.tokens[head] as Token).start;
  for (const a of ctx.attributions) {
    // "was condemned by Egypt": when the event word is the report's own cue, its source acts.
    if (a.cue.start <= at && at < a.cue.end) continue;
    if (g.first > head && a.start <= g.start && g.end <= a.end && !infinitiveContent(ctx.doc.text, a)) {
      if (!a.content || !(a.content.start <= g.start && g.end <= a.content.end)) return true;
    }
  }
  // "…, CNN reported" after the trigger names a source; "Syria says it will …" before it names the actor.
  const after = ctx.tokens[g.last + 1];
  if (g.first > head && isReportingVerb(ctx.doc.text, after)) return true;
  const before1 = ctx.tokens[g.first - 1];
  const before2 = ctx.tokens[g.first - 2];
  if (before1?.lower === 'to' && before2?.lower === 'according') return true;
  return false;
}

/**
 * Entities of the trigger's clause. "A said B attacked C": when a reporting verb sits between,
 * the subject is after it; "Syria says it is willing to …": with nothing after it, the speaker.
 */
export function subjectCandidates(
  text: string,
  before: readonly Group[],
  tokens: readonly Token[],
  from: number,
  head: number,
): Group[] {
  const inClause = before.filter((g) => g.first >= from);
  let verb = -1;
  for (let k = head - 1; k >= from; k--) {
    if (isReportingVerb(text, tokens[k])) {
      verb = k;
      break;
    }
  }
  if (verb < 0) return inClause;
  const afterVerb = inClause.filter((g) => g.first > verb);
  return afterVerb.length > 0 ? afterVerb : inClause;
}

/**
 * "Finance Secretary Mario Brodersohn", "Labour MP Diane Abbott": a body, then only title words,
 * then a person — the body names the person's office, and the person is the head of the phrase.
 */
export function namesOfficeOf(body: Group, person: Group, tokens: readonly Token[]): boolean {
  if (body.entity.type !== 'organization' || person.entity.type !== 'person') return false;
  if (person.first <= body.last + 1) return false;
  for (let k = body.last + 1; k < person.first; k++)
    if (!titleWords.has((tokens[k] as Token).lower)) return false;
  return true;
}

export function pickSubject(
  candidates: readonly Group[],
  tokens: readonly Token[],
  text?: string,
): Group | undefined {
  for (let i = 0; i < candidates.length; i++) {
    const g = candidates[i] as Group;
    const prep = prepBefore(tokens, g.first);
    if (prep !== undefined && locativePreps.has(prep)) continue;
    const holder = candidates[i + 1];
    return holder && namesOfficeOf(g, holder, tokens) ? holder : g;
  }
  // Every name is the object of a preposition: only "the president of Armenia" (an agent phrase
  // before "of") stands for a subject; "a tour of Britain" or "for Britain's vote" does not.
  if (text === undefined) return candidates.at(-1);
  return candidates.findLast((g) => agentBefore(text, tokens, g.first) !== undefined || speaksFor(tokens, g));
}

/**
 * "A spokesman for UKIP", "Thousands of Nigerians", "a strike by Syrian forces": an agent noun
 * right before "for" speaks for the name after it; a quantity before "of" counts its people; a
 * by-phrase names the agent.
 */
function speaksFor(tokens: readonly Token[], g: Group): boolean {
  let k = g.first - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  const prep = tokens[k]?.lower;
  const noun = tokens[k - 1]?.lower;
  if (noun === undefined) return false;
  // "An air strike by government forces killed …": the by-phrase of the subject's event acts.
  if (prep === 'by') return true;
  if (prep === 'for') return agentSector(noun) !== undefined;
  return prep === 'of' && quantityWords.has(noun);
}

/** The sector an agent word signals; "rebel-held" is read by its first part. */
function agentSector(lower: string): string | undefined {
  const direct = sectorForWord(lower);
  if (direct) return direct;
  const dash = lower.indexOf('-');
  return dash > 0 ? sectorForWord(lower.slice(0, dash)) : undefined;
}

/** Whether a token cannot be part of an agent noun phrase (a verb, function word, adverb, …). */
function endsAgentPhrase(text: string, token: Token): boolean {
  const t = token.lower;
  if (!isWordStart(t)) return true;
  if (
    functionWords.has(t) ||
    determiners.has(t) ||
    pronouns.has(t) ||
    auxTail.has(t) ||
    finiteVerbs.has(t) ||
    isReportingVerb(text, token) ||
    controlVerbs.has(t) ||
    subordinators.has(t)
  )
    return true;
  if (agentSector(t)) return false;
  if (t.endsWith('ly') || t.endsWith('ed') || t.endsWith('ing')) return true;
  if (lexicon.ownHeads.get(t)?.some((r) => r.verbal)) return true;
  return !isLower(text, token);
}

interface AgentPhrase {
  /** Token indexes of the phrase, inclusive. */
  first: number;
  last: number;
  sector: string;
}

/**
 * The agent noun phrase in `[from, to]` read left to right: the first agent word (or two-word
 * agent) sets the sector ("Afghan rebel leaders" → REB), the phrase runs to the last word.
 */
function agentIn(tokens: readonly Token[], from: number, to: number): string | undefined {
  for (let k = from; k <= to; k++) {
    const one = tokens[k] as Token;
    const two = k < to ? tokens[k + 1] : undefined;
    const pair = two ? sectorForWord(`${one.lower} ${two.lower}`) : undefined;
    if (pair) return pair;
    const single = agentSector(one.lower);
    if (single) return single;
  }
  return undefined;
}

/** A capitalised word of a title ("Vice Foreign Minister" after "Taiwan's"). */
function isTitleWord(text: string, token: Token): boolean {
  return !isLower(text, token) && (titleWords.has(token.lower) || agentSector(token.lower) !== undefined);
}

/** "Nigerian junior foreign minister", "Russia's military": the agent phrase after a country. */
function agentAfter(text: string, tokens: readonly Token[], from: number): AgentPhrase | undefined {
  let last = -1;
  const limit = Math.min(tokens.length, from + participantRules.agentWindow);
  for (let k = from; k < limit; k++) {
    const token = tokens[k] as Token;
    // "Taiwan's Vice Foreign Minister": capitalised title words belong to the phrase.
    if (endsAgentPhrase(text, token) && !isTitleWord(text, token)) break;
    last = k;
  }
  if (last < from) return undefined;
  // The phrase ends at its last agent word or the noun after it: trim trailing non-agents
  // only when nothing in the phrase is an agent.
  const sector = agentIn(tokens, from, last);
  return sector ? { first: from, last, sector } : undefined;
}

/**
 * "US and British forces", "Hungarian and Romanian officials": a country coordinated with another
 * name shares the agent phrase after the second one (English coordination of modifiers).
 */
function sharedAgent(text: string, tokens: readonly Token[], from: number): AgentPhrase | undefined {
  const link = tokens[from];
  if (!link || !coordinators.has(link.lower)) return undefined;
  let k = from + 1;
  // The other modifier: one or two capitalised words ("British", "Sierra Leonean", "U.S.").
  while (
    k < tokens.length &&
    k < from + 3 &&
    !isLower(text, tokens[k] as Token) &&
    isWordStart((tokens[k] as Token).lower)
  )
    k++;
  if (k === from + 1) return undefined;
  const after = agentAfter(text, tokens, k);
  return after ? { first: from, last: after.last, sector: after.sector } : undefined;
}

/** "Security forces in Guinea", "president of Armenia": the agent phrase before "in/of <place>". */
function agentBefore(text: string, tokens: readonly Token[], groupFirst: number): AgentPhrase | undefined {
  let link = groupFirst - 1;
  while (link >= 0 && determiners.has((tokens[link] as Token).lower)) link--;
  if (link < 1 || !ofLinks.has((tokens[link] as Token).lower)) return undefined;
  const last = link - 1;
  let first = last + 1;
  for (let k = last; k >= 0 && last - k < participantRules.agentWindow; k--) {
    const token = tokens[k] as Token;
    // The sentence's first word is capitalised anyway ("Security forces in …").
    const opener = k === 0 && isWordStart(token.lower) && !determiners.has(token.lower);
    if (!opener && endsAgentPhrase(text, token)) break;
    first = k;
  }
  if (first > last) return undefined;
  const sector = agentIn(tokens, first, last);
  return sector ? { first, last, sector } : undefined;
}

/**
 * A participant from a mention group. A country or city with an agent noun phrase after it
 * ("Sudanese rebels", "Russia's military", "Nigerian junior foreign minister") or before it
 * ("rebels in Darfur", "president of Armenia") takes the phrase into its span and its sector
 * from it. A person with an office, or an organisation that belongs to no group of countries
 * (IGO, NGO, MNC), with no country of its own takes the sentence's one country, if any (the GSR's
 * coders inferred actor countries from the places the sentence names).
 */
export function participant(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  g: Group,
  soleCountry?: string,
  groups?: readonly Group[],
): EventParticipant {
  let start = g.start;
  let end = g.end;
  // What the entities stage resolved this mention to (dictionaries by date, agent words around
  // it: "Iraqi naval units" → MIL, "Beijing said" → GOV), else what the entity is.
  const resolved = g.mention.actor && !g.mention.actor.place ? g.mention.actor : undefined;
  let sector = resolved?.sector ?? g.entity.sector ?? (g.mention.form === 'capital' ? 'GOV' : undefined);
  const kind = g.entity.type;
  if (kind === 'country' || kind === 'city' || (kind === 'place' && g.entity.country)) {
    const lastToken = tokens[g.last] as Token;
    // "Russia's military": the mention ends inside its possessive token.
    const possessive = g.end < lastToken.end && isPossessive(lastToken.lower);
    const from = possessive || g.end >= lastToken.end ? g.last + 1 : -1;
    const after =
      from >= 0 ? (agentAfter(doc.text, tokens, from) ?? sharedAgent(doc.text, tokens, from)) : undefined;
    const before = after ? undefined : agentBefore(doc.text, tokens, g.first);
    if (after) {
      sector = after.sector;
      end = (tokens[after.last] as Token).end;
    } else if (before) {
      sector = before.sector;
      start = (tokens[before.first] as Token).start;
    }
  }
  const p: EventParticipant = {
    start,
    end,
    text: doc.text.slice(start, end),
    entity: g.entity.id,
  };
  // An ethnic group ("ethnic Albanians") is no people of the demonym's state: only the country
  // the entities stage placed it in.
  const country = countryOnlyAsResolved(resolved)
    ? resolved?.country
    : (resolved?.country ??
      g.entity.country ??
      (groups ? locatedIn(doc.text, tokens, g, groups) : undefined));
  if (country) p.country = country;
  else if (
    soleCountry &&
    ((kind === 'person' && sector) || (kind === 'organization' && !(sector && placeless.has(sector))))
  )
    p.country = soleCountry;
  if (sector) p.sector = sector;
  return p;
}

/**
 * Whether the mention's country is only what the entities stage gave it, never its entity's: an
 * ethnic group (`entities:ethnic-group`), an office of a body of no country ("NATO Secretary
 * General X", `entities:body-title`).
 */
export function countryOnlyAsResolved(actor: MentionActor | undefined): boolean {
  return actor?.rule === 'entities:ethnic-group' || actor?.rule === 'entities:body-title';
}

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

/** Sectors of bodies that belong to no one country: being somewhere does not make them its own. */
const placeless = new Set(['IGO', 'NGO', 'MNC']);
/** Lowercase words that may stand between "in" and the country ("in central Iran", "in the north of"). */
const maxLocatedGap = 3;

/**
 * "Esfahan Uranium Conversion Facilities (UCF) in central Iran": a facility, organisation or place
 * with no country of its own, followed by "in" and a country (a parenthesised short form and a few
 * lowercase words may stand between), is in that country.
 */
export function locatedIn(
  text: string,
  tokens: readonly Token[],
  g: Group,
  groups: readonly Group[],
): string | undefined {
  const kind = g.entity.type;
  if (kind !== 'organization' && kind !== 'place') return undefined;
  if (g.entity.sector && placeless.has(g.entity.sector)) return undefined;
  return countryAfterIn(text, tokens, g.last + 1, groups);
}

/** "gunmen in Somalia": an agent phrase that is no entity, followed by "in" and a country, is of it. */
export function locateTextSide(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  p: EventParticipant | undefined,
  groups: readonly Group[],
): void {
  if (!p || p.entity || !p.sector || p.country || placeless.has(p.sector)) return;
  const country = countryAfterIn(doc.text, tokens, tokenAt(tokens, p.end - 1) + 1, groups);
  if (country) p.country = country;
}

function countryAfterIn(
  text: string,
  tokens: readonly Token[],
  from: number,
  groups: readonly Group[],
): string | undefined {
  let k = from;
  // "(UCF)": a short form in brackets.
  if (tokens[k]?.lower === '(' && tokens[k + 2]?.lower === ')') k += 3;
  if (tokens[k]?.lower !== 'in') return undefined;
  k++;
  const gapEnd = k + maxLocatedGap;
  for (; k < gapEnd && k < tokens.length; k++) {
    const next = groups.find((x) => x.first === k);
    if (next) {
      const type = next.entity.type;
      return type === 'country' || type === 'city' ? next.entity.country : undefined;
    }
    const t = tokens[k] as Token;
    if (!isWordStart(t.lower) || !isLower(text, t)) break;
  }
  return undefined;
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

/** The one country every country-bearing mention of the sentence names, if they agree. */
export function soleCountryOf(groups: readonly Group[]): string | undefined {
  let found: string | undefined;
  for (const g of groups) {
    const c = g.entity.country;
    if (!c) continue;
    if (found && found !== c) return undefined;
    found = c;
  }
  return found;
}

/**
 * "many countries": the noun phrase right before the trigger, when no entity is there. It must
 * look like a noun phrase: no pronoun, no finite verb inside, not opening with a preposition,
 * conjunction or adverb, not ending with a determiner or possessive ("the programme's host").
 */
export function textActor(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  clauseFrom: number,
  head: number,
): EventParticipant | undefined {
  // "He said the leaders aimed to …": the subject follows the last reporting verb or "that".
  let from = clauseFrom;
  let verb = -1;
  for (let k = clauseFrom; k < head; k++) {
    const t = (tokens[k] as Token).lower;
    // "claims to be …", "is said to have …": a reporting verb before "to" governs no new subject.
    const reports = isReportingVerb(doc.text, tokens[k]) && tokens[k + 1]?.lower !== 'to';
    if (reports || t === 'that') from = k + 1;
    if (reports) verb = k;
  }
  // "Douglas Hogg said he opposed …": a pronoun subject after the verb stands for the speaker.
  if (verb > clauseFrom && from < head && pronouns.has((tokens[from] as Token).lower)) {
    let k = from + 1;
    while (k < head && auxTail.has((tokens[k] as Token).lower)) k++;
    if (k === head) return textActor(doc, tokens, clauseFrom, verb);
  }
  // The noun phrase ends before the first auxiliary, preposition, reporting or control verb.
  let end = head - 1;
  for (let k = from; k < head; k++) {
    const t = (tokens[k] as Token).lower;
    if (
      k > from &&
      (auxTail.has(t) || locativePreps.has(t) || isReportingVerb(doc.text, tokens[k]) || controlVerbs.has(t))
    ) {
      end = k - 1;
      break;
    }
  }
  while (end >= from && auxTail.has((tokens[end] as Token).lower)) end--;
  let start = from;
  while (
    start <= end &&
    determiners.has((tokens[start] as Token).lower) &&
    (tokens[start] as Token).lower !== 'the'
  )
    start++;
  const n = end - start + 1;
  if (n < 1 || n > 6) return undefined;
  const firstWord = (tokens[start] as Token).lower;
  const lastWord = (tokens[end] as Token).lower;
  if (badNpFirst.has(firstWord) || badNpEnd.has(lastWord) || isPossessive(lastWord)) return undefined;
  if (n > 1 && firstWord.endsWith('ing') && isLower(doc.text, tokens[start] as Token)) return undefined;
  // "after talks with …": an event word alone is not a participant.
  if (n === 1 && isLower(doc.text, tokens[start] as Token) && lexicon.ownHeads.has(firstWord))
    return undefined;
  for (let k = start; k <= end; k++) {
    const token = tokens[k] as Token;
    const t = token.lower;
    if (!isWordStart(t)) return undefined;
    if (pronouns.has(t) || t === 'i' || t === 'whose' || finiteVerbs.has(t) || controlVerbs.has(t))
      return undefined;
    // "Blair rejects Tory terror": a verb form inside the phrase means it is a clause.
    if (k < end && isLower(doc.text, token) && lexicon.ownHeads.get(t)?.some((r) => r.verbal))
      return undefined;
    if (k < end && t.endsWith('ed') && isLower(doc.text, token)) {
      const next = (tokens[k + 1] as Token).lower;
      if (determiners.has(next) || particles.has(next)) return undefined;
    }
  }
  // "A terror group based in …": a trailing participle is not part of the phrase.
  if (end > start && (tokens[end] as Token).lower.endsWith('ed') && isLower(doc.text, tokens[end] as Token))
    end--;
  // "Thousands of Nigerians": the phrase after "of" names who they are.
  let sectorFrom = start;
  if (end === start && quantityWords.has(firstWord) && tokens[end + 1]?.lower === 'of') {
    const noun = agentAfter(doc.text, tokens, end + 2);
    if (noun && noun.last < head) {
      end = noun.last;
      sectorFrom = noun.first;
    }
  }
  const s = (tokens[start] as Token).start;
  const e = (tokens[end] as Token).end;
  const p: EventParticipant = { start: s, end: e, text: doc.text.slice(s, e) };
  const sector = agentIn(tokens, sectorFrom, end);
  if (sector) p.sector = sector;
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
