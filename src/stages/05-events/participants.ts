import { type Doc, type EventParticipant, isRemoved, type MentionActor } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import { agentAfter, agentBefore, sharedAgent, speaksFor } from './agent-phrases.js';
import {
  type EntityMention,
  type Group,
  infinitiveContent,
  inside,
  isLower,
  isPossessive,
  isReportingVerb,
  isWordStart,
  locativePreps,
  prepBefore,
  type SentenceContext,
  titleWords,
  tokenAt,
  typeRank,
} from './sentence-words.js';

/*
 * The sides of an event from the sentence's entity mentions: mention groups, which of them may be
 * a side, the subject among them, and a group as a participant with its country and sector (also
 * where the text places a side: "gunmen in Somalia").
 */

/** Rule id and types of the agentless verbal passives left uncoded (participants.json). */
export const agentlessVerbalPassiveRule: string = participantData.agentlessVerbalPassive.id;
const agentlessVerbalTypes = new Set(participantData.agentlessVerbalPassive.types);
const agentlessKeptContexts = new Set(participantData.agentlessVerbalPassive.keepContexts);

/**
 * Whether an event of `type` reported in the passive with no actor found is left uncoded: a
 * verbal act needs its speaker; a legal one ("were charged with") is an institution's act.
 */
export function needsSpeaker(type: string, context: readonly string[] | undefined): boolean {
  return agentlessVerbalTypes.has(type) && !context?.some((c) => agentlessKeptContexts.has(c));
}

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
 * Whether the mention's country is only what the entities stage gave it, never its entity's: an
 * ethnic group (`entities:ethnic-group`), an office of a body of no country ("NATO Secretary
 * General X", `entities:body-title`).
 */
export function countryOnlyAsResolved(actor: MentionActor | undefined): boolean {
  return actor?.rule === 'entities:ethnic-group' || actor?.rule === 'entities:body-title';
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
