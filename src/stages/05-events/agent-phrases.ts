import type { Doc, EventParticipant } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { sectorForWord } from '../../kb/sectors.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import { participantRules } from './participant-rules.js';
import {
  auxTail,
  badNpEnd,
  badNpFirst,
  controlVerbs,
  determiners,
  finiteVerbs,
  functionWords,
  type Group,
  isLower,
  isPossessive,
  isReportingVerb,
  isWordStart,
  lexicon,
  locativePreps,
  particles,
  pronouns,
  subordinators,
  titleWords,
} from './sentence-words.js';

/*
 * Sides named by common nouns: agent phrases around a name ("Sudanese rebels", "president of
 * Armenia") that give it a sector, and the noun phrase before a trigger when no entity is there.
 */

const ofLinks = new Set(participantData.ofLinks);
const partitives = new Set(participantData.partitiveQuantifiers.words);
const quantityWords = new Set([...participantData.quantityWords, ...partitives]);
const coordinators = new Set(['and', 'or']);

/**
 * "A spokesman for UKIP", "Thousands of Nigerians", "a strike by Syrian forces": an agent noun
 * right before "for" speaks for the name after it; a quantity before "of" counts its people; a
 * by-phrase names the agent.
 */
export function speaksFor(tokens: readonly Token[], g: Group): boolean {
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
export function agentSector(lower: string): string | undefined {
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
export function agentIn(tokens: readonly Token[], from: number, to: number): string | undefined {
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
export function agentAfter(text: string, tokens: readonly Token[], from: number): AgentPhrase | undefined {
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
export function sharedAgent(text: string, tokens: readonly Token[], from: number): AgentPhrase | undefined {
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
export function agentBefore(
  text: string,
  tokens: readonly Token[],
  groupFirst: number,
): AgentPhrase | undefined {
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
    } else if (partitives.has(firstWord) && isPartitive(doc.text, tokens, end + 2, head)) {
      // "Several of the regional banks will meet": a partitive's noun group, agent noun or not.
      end = head - 1;
      while (end > start + 1 && auxTail.has((tokens[end] as Token).lower)) end--;
      sectorFrom = end;
    }
  }
  const s = (tokens[start] as Token).start;
  const e = (tokens[end] as Token).end;
  const p: EventParticipant = { start: s, end: e, text: doc.text.slice(s, e) };
  const sector = agentIn(tokens, sectorFrom, end);
  if (sector) p.sector = sector;
  return p;
}

/**
 * Whether tokens `from` … `head - 1` are one plain noun group (a determiner, adjectives, nouns; an
 * auxiliary may close it): the part of "several of the regional banks will meet".
 */
function isPartitive(text: string, tokens: readonly Token[], from: number, head: number): boolean {
  let end = head - 1;
  while (end >= from && auxTail.has((tokens[end] as Token).lower)) end--;
  if (end < from || end - from > 4) return false;
  for (let k = from; k <= end; k++) {
    const token = tokens[k] as Token;
    const t = token.lower;
    if (!isWordStart(t) || functionWords.has(t) || pronouns.has(t) || finiteVerbs.has(t)) return false;
    if (controlVerbs.has(t) || subordinators.has(t) || isReportingVerb(text, token)) return false;
    if (k < end && lexicon.ownHeads.get(t)?.some((r) => r.verbal) && isLower(text, token)) return false;
  }
  return true;
}
