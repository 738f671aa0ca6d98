import type { JoinedToken as Token } from '../../core/tokens.js';
import senseData from '../../rules/events/senses.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { type ClauseAnalysis, type ClauseFrame, isSupportVerb, type Phrase } from './analyze-clauses.js';
import { verbForms } from './inflect.js';
import {
  mustRules,
  namesDemandTarget,
  obligationPosition,
  obligationSubjectRule,
} from './position-senses.js';
import { determiners, isBeForm } from './sentence-words.js';
import {
  adjectiveUseRule,
  approveSenseRule,
  firstHeads,
  isAdjectiveUse,
  isApproveSense,
  isShowSense,
  showSenseRule,
} from './verb-senses.js';

/**
 * Word senses the lexicon alone cannot tell, read from the trigger's clause: "coronavirus has
 * killed six" (a natural cause is no actor), "attacked the policy" (criticism, CAMEO 111, not an
 * assault), "meet the deficit target" (no meeting), "Arsenal beat Chelsea 2-1" (sport), "boost
 * demand" (a verb trigger the tagger reads as a noun). Every verdict has a rule id.
 */

const list = (name: 'naturalCauses' | 'abstractObjects' | 'targetObjects' | 'sportWords') =>
  new Set(wordList(senseData[name], `events/senses ${name}`));
const naturalCauses = list('naturalCauses');
const abstractObjects = list('abstractObjects');
const targetObjects = list('targetObjects');
const sportWords = list('sportWords');
const sportTypes = new Set(wordList(senseData.sportTypes, 'events/senses sportTypes', { lowercase: false }));
const score = /^\d{1,3}-\d{1,3}$/;
/** The longest a sport word or a score (`score`: 7 characters) can be. */
const longestSportWord = Math.max(7, ...[...sportWords].map((w) => w.length));
const clauseEnd = new Set([';', '.', ':']);

import { affordSenseRule, isAffordSense } from './position-senses.js';

export { statementSenseOf, statementSenseRule } from './position-senses.js';

const questionRules = new Set(senseData.questions.rules);
const questionWords = new Set(wordList(senseData.questions, 'events/senses questions'));
export const questionSenseRule: string = senseData.questions.id;

const askedFor = new Set(
  wordList(
    { description: senseData.questions.askedForNote, words: senseData.questions.askedFor },
    'events/senses questions askedFor',
  ),
);
/** Marks that, right after an asking verb, end its clause before anything is asked for. */
const questionEnds = new Set([...clauseEnd, ',', '"', '\u201c', '\u201d', '?']);

/**
 * "Asked if he would …", "was asked about …": a question put to someone, not a request; so is an
 * asking verb whose clause ends right after it, with nothing asked for ("Mr Lewis asked.", "asked: …").
 */
export function isQuestionSense(rule: string, last: number, tokens: readonly Token[]): boolean {
  if (!questionRules.has(rule)) return false;
  const next = tokens[last + 1]?.lower;
  if (next !== undefined && questionEnds.has(next)) return true;
  const end = Math.min(tokens.length, last + 5);
  for (let k = last + 1; k < end; k++) {
    const t = (tokens[k] as Token).lower;
    if (askedFor.has(t) || clauseEnd.has(t)) return false;
    if (questionWords.has(t)) return true;
  }
  return false;
}

const standing = senseData.standingPositions;
const standingVerbs = new Set(wordList(standing, 'events/senses standingPositions'));
const standingPresent = new Set(
  [...standingVerbs].flatMap((v) => verbForms(v).filter((f) => f === v || f === `${v}s` || f === `${v}es`)),
);
const doForms = new Set(standing.doForms);
const doBetween = new Set(standing.between);
/** Rule id of an attitude verb in the simple present: a standing position, no act. */
export const standingPositionRule: string = standing.id;

/**
 * "the party opposes the plan", "Ministers do not support a lower limit": an attitude verb in the
 * simple present states a position, not an act at a time. The caller leaves headlines out.
 */
export function isStandingPosition(
  head: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): boolean {
  const word = tokens[head]?.lower ?? '';
  if (!standingPresent.has(word)) return false;
  const tag = tagAt(head);
  if (tag === 'VBZ' || tag === 'VBP') return true;
  if (tag !== 'VB' || !standingVerbs.has(word)) return false;
  for (let k = head - 1; k >= 0 && k >= head - 3; k--) {
    const w = (tokens[k] as Token).lower;
    if (doForms.has(w)) return true;
    if (!doBetween.has(w)) return false;
  }
  return false;
}

const ownPledges = senseData.ownPledges;
const ownPledgeRules = new Set(ownPledges.rules);
const pledgeKeepSectors = new Set(ownPledges.keepSectors);
/** Rule id of a promise made to no one by a party or a person: its own policy, no cooperation. */
export const ownPledgeRule: string = ownPledges.id;

/**
 * "The Tories have pledged to cut taxes": a commissive rule with no recipient, by an actor that is
 * neither a state (`country:` entity) nor an international body, promises its own policy.
 */
export function isOwnPledge(
  rule: string,
  actor: { entity?: string; sector?: string } | undefined,
  recipient: unknown,
): boolean {
  if (!ownPledgeRules.has(rule) || recipient !== undefined) return false;
  if (actor?.entity?.startsWith('country:')) return false;
  return !(actor?.sector && pledgeKeepSectors.has(actor.sector));
}

/** Nouns for states, organisations and groups that can act though no sector is known for them. */
export const actorNouns: ReadonlySet<string> = new Set(
  wordList(senseData.actorNouns, 'events/senses actorNouns'),
);

const force = senseData.physicalForce;
const forceRules = new Set(force.rules);
const strictForceRules = new Set(force.strict);
const verbalAttackRules = new Set(force.verbal);
const forceSectors = new Set(force.sectors);
const forceWords = new Set(wordList(force, 'events/senses physicalForce'));
/** Rule id of an ambiguous attack verb set aside for want of force, and of one read as criticism. */
export const noForceRule: string = force.id;
export const verbalAttackRule = 'events:sense.verbal-attack';

/** A side of an event as `physicalForce` reads it: its sector and, when it is an entity, its type. */
export interface ForceSide {
  sector?: string;
  entityType?: string;
}

/**
 * PLOVER ASSAULT needs physical force. For a verb with a common non-physical sense ("attacked
 * Labour's pledges", "struck a deal", "a warning shot") the sentence must show force: a weapon, an
 * armed agent or harm word, a side of an armed sector, or a state, city or place as a side (not
 * for the `strict` rules: "US sales sank").
 * Without it: a verbal attack with a participant is ACCUSE (CAMEO 111); else no event.
 */
export function checkForce(
  rule: string,
  tokens: readonly Token[],
  sides: readonly (ForceSide | undefined)[],
): SenseVerdict | undefined {
  if (!forceRules.has(rule)) return undefined;
  for (const side of sides) {
    if (!side) continue;
    if (side.sector && forceSectors.has(side.sector)) return undefined;
    if (
      !strictForceRules.has(rule) &&
      (side.entityType === 'country' || side.entityType === 'city' || side.entityType === 'place')
    )
      return undefined;
  }
  for (const t of tokens) if (forceWords.has(t.lower)) return undefined;
  if (verbalAttackRules.has(rule) && sides.some((s) => s !== undefined))
    return { action: 'recode', rule: verbalAttackRule, type: 'ACCUSE', cameo: '111', mode: 'disapprove' };
  return { action: 'reject', rule: noForceRule };
}

export type SenseVerdict =
  | { action: 'reject'; rule: string }
  | { action: 'recode'; rule: string; type: 'ACCUSE'; cameo: '111'; mode: 'disapprove' };

/** Whether a token opens with a capital letter. */
function capitalised(text: string, t: Token | undefined): boolean {
  const c = t ? text.charCodeAt(t.start) : 0;
  return c >= 65 && c <= 90;
}

/**
 * Whether token `i` (not the first of its sentence) is a capitalised word tagged as a proper noun with a
 * capitalised proper noun on each side, in a sentence that is not written in title case (most of
 * its words in lowercase).
 */
function isNameWord(
  text: string,
  tokens: readonly Token[],
  i: number,
  tagAt: (i: number) => string,
): boolean {
  const name = (k: number) => capitalised(text, tokens[k]) && /^NNPS?$/.test(tagAt(k));
  // "Minister Sue Essex" inside a run; "the Holy Land" ending one that does not open the sentence.
  if (
    !name(i) ||
    !name(i - 1) ||
    !(name(i + 1) || (i > 1 && determiners.has((tokens[i - 2] as Token).lower)))
  )
    return false;
  let lower = 0;
  let words = 0;
  for (const t of tokens) {
    const c = text.charCodeAt(t.start);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) continue;
    words++;
    if (c >= 97) lower++;
  }
  return lower * 2 > words;
}

/** The head word of a phrase: its last token. */
function headOf(tokens: readonly Token[], p: Phrase | undefined): string | undefined {
  return p ? (tokens[p.last] as Token).lower : undefined;
}

/** Whether the sentence reads as sport: two sport words, or one and a score. */
export function isSportSentence(tokens: readonly Token[]): boolean {
  let words = 0;
  let scores = 0;
  for (const t of tokens) {
    if (sportWords.has(t.lower)) words++;
    else if (score.test(t.lower)) scores++;
    if (words >= 2 || (words >= 1 && scores >= 1)) return true;
  }
  return false;
}

/** `isSportSentence` over raw text (a document-wide pass that has no tokens): the same words and scores. */
export function isSportText(text: string): boolean {
  let words = 0;
  let scores = 0;
  // The words of /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g, found in place: every sentence of every document
  // is read here, and a match object and a lowercased copy a word were a tenth of the analysis's
  // garbage. A word longer than any sport word or score is neither, and is not cut out.
  const n = text.length;
  let k = 0;
  while (k < n) {
    if (!isAsciiAlnum(text.charCodeAt(k))) {
      k++;
      continue;
    }
    const start = k;
    while (k < n && isAsciiAlnum(text.charCodeAt(k))) k++;
    while (k + 1 < n && text.charCodeAt(k) === 45 && isAsciiAlnum(text.charCodeAt(k + 1))) {
      k++;
      while (k < n && isAsciiAlnum(text.charCodeAt(k))) k++;
    }
    if (k - start > longestSportWord) continue;
    const w = text.slice(start, k).toLowerCase();
    if (sportWords.has(w)) words++;
    else if (score.test(w)) scores++;
    if (words >= 2 || (words >= 1 && scores >= 1)) return true;
  }
  return false;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const directive = senseData.directiveContent;
const directiveWords = new Set([
  ...wordList(directive, 'events/senses directiveContent'),
  ...wordList(
    { description: directive.description, words: directive.verbs },
    'events/senses directiveContent verbs',
  ).flatMap(verbForms),
]);
const ownWishes = new Set(directive.ownWishes);
// The clause ends at these: a verb of asking beyond one directs something else.
const directiveStops = new Set(directive.stops);

/**
 * Whether the trigger at `head` is what someone asks, urges or wishes for: right after a "to" (an
 * adverb between allowed) that follows, within `directiveContent.window` tokens of its clause, a
 * verb or noun of asking ("urged councils to limit", "a demand for Turkey to recognise Cyprus").
 */
export function isDirectiveContent(tokens: readonly Token[], head: number): boolean {
  let to = head - 1;
  if (tokens[to]?.lower !== 'to') to--;
  if (to < 1 || tokens[to]?.lower !== 'to') return false;
  for (let k = to - 1; k >= 0 && k >= to - directive.window; k--) {
    const t = (tokens[k] as Token).lower;
    if (directiveStops.has(t)) return false;
    if (directiveWords.has(t)) return !(k === to - 1 && ownWishes.has(t));
  }
  return false;
}

const economic = senseData.economic;
const economicTypes = new Set(economic.types);
const economicWords = new Set(wordList(economic, 'events/senses economic'));
const commodities = new Set(wordList(economic.commodities, 'events/senses economic commodities'));
const marketModifiers = new Set(wordList(economic.marketModifiers, 'events/senses economic marketModifiers'));
const demandModifiers = new Set(wordList(economic.demandModifiers, 'events/senses economic demandModifiers'));
const demandNouns = new Set(economic.demandModifiers.nouns);
const marketNouns = new Set(wordList(economic.marketNouns, 'events/senses economic marketNouns'));
const chargeObjects = new Set(wordList(economic.chargeObjects, 'events/senses economic chargeObjects'));
const economicPreps = new Set(economic.preps);
const nominalPreps = new Set(economic.nominalPreps);
/** Rule id of a match read in its market or economy sense ("supported the bond market", "domestic demand"). */
export const economicSenseRule: string = economic.id;

/**
 * Whether the match at `head` is a word of markets and the economy, not a political act (see
 * `economic` in rules/events/senses.json): a verbal match whose object, subject, by-agent or
 * `from` phrase has a market or economy head ("supported the stock market", "two loans will
 * support", "withdraw from the gilt market"); a market noun with a market modifier or complement
 * ("domestic demand", "a tender offer", "demand for oil").
 */
export function isEconomicSense(
  type: string,
  head: number,
  tokens: readonly Token[],
  clauses: ClauseAnalysis,
  frame: ClauseFrame,
): boolean {
  const word = (tokens[head] as Token).lower;
  if (frame.kind === 'nominal' || (clauses.inNounGroup(head) && marketNouns.has(word))) {
    if (!marketNouns.has(word)) return false;
    const demand = demandNouns.has(word);
    const chunk = clauses.chunks[clauses.chunkOf[head] ?? -1];
    for (let k = chunk && chunk.kind === 'NP' ? chunk.first : head; k < head; k++) {
      const t = (tokens[k] as Token).lower;
      if (economicWords.has(t) || marketModifiers.has(t)) return true;
      if (demand && (demandModifiers.has(t) || commodities.has(t))) return true;
    }
    const first = frame.preps[0];
    if (first && nominalPreps.has(first.prep) && first.first <= head + 2) {
      const h = headOf(tokens, first) as string;
      if (economicWords.has(h) || (demand && commodities.has(h))) return true;
    }
    return false;
  }
  if (!economicTypes.has(type)) return false;
  // "agreed to support the dollar": the object belongs to the verb group's main verb, not to "agreed".
  const group = clauses.chunks[clauses.chunkOf[head] ?? -1];
  const governs = group?.kind === 'VG' && group.head > head;
  const sides: (Phrase | undefined)[] = [governs ? undefined : frame.object, frame.actors[0]];
  // "charging a 50 pct income tax": a number splits the object into two noun groups.
  const object = governs ? undefined : frame.object;
  const after = object ? clauses.chunks[(clauses.chunkOf[object.last] ?? -2) + 1] : undefined;
  if (after?.kind === 'NP' && object && after.first === object.last + 1) sides.push(after);
  for (const p of frame.preps) if (economicPreps.has(p.prep) || p.prep === 'by') sides.push(p);
  // "charging 50 pct income tax": a price charged, not an accusation (objects only).
  const objects = [object, after?.kind === 'NP' ? after : undefined];
  if (type === 'ACCUSE' && objects.some((p) => p && chargeObjects.has(headOf(tokens, p) as string)))
    return true;
  // A name's word is no market ("the Securities and Exchange Commission", "the Stock Exchange").
  return sides.some(
    (p) =>
      p !== undefined &&
      economicWords.has(headOf(tokens, p) as string) &&
      !/^NNPS?$/.test(clauses.tagAt(p.last)),
  );
}

const participial = senseData.participialModifier;
const participleSlots = new Set(wordList(participial, 'events/senses participialModifier'));
/** Rule id of an event verb's participle used as an adjective ("other than donated food"). */
export const participialModifierRule: string = participial.id;

/**
 * "other than donated food", "for proposed cuts": an event verb's past participle after a
 * preposition and before a common noun is an adjective of that noun, no act of its own.
 */
export function isParticipialModifier(
  head: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): boolean {
  const word = (tokens[head] as Token).lower;
  if (head < 1 || !(word.endsWith('ed') || word.endsWith('en'))) return false;
  if (!/^(VBN|VBD|JJ)$/.test(tagAt(head))) return false;
  if (participleSlots.has((tokens[head - 1] as Token).lower)) return /^NNS?$/.test(tagAt(head + 1));
  return isAdverbedAttributive(head, tokens, tagAt);
}

/**
 * "the internationally recognised southern part", "a newly elected leader": after a determiner and
 * an -ly adverb there is no subject, so the participle modifies the noun that follows (an adjective
 * may stand between). "that" may be a relative pronoun ("a country that openly attacked …").
 */
function isAdverbedAttributive(
  head: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): boolean {
  const adverb = (tokens[head - 1] as Token).lower;
  // The tagger reads some -ly adverbs as adjectives ("the commonly/JJ accepted maximum").
  if (head < 2 || !adverb.endsWith('ly') || !/^(RB|JJ)$/.test(tagAt(head - 1))) return false;
  const det = (tokens[head - 2] as Token).lower;
  if (det === 'that' || !(determiners.has(det) || participleSlots.has(det))) return false;
  let k = head + 1;
  if (/^JJ[RS]?$/.test(tagAt(k))) k++;
  return /^NNS?$/.test(tagAt(k));
}

const strikeDeal = senseData.strikeDeal;
const strikeVerbs = new Set(strikeDeal.forms);
const dealWords = new Set(wordList(strikeDeal, 'events/senses strikeDeal'));
const contest = senseData.contestObjects;
const contestForms = new Set(contest.forms);
const contestPreps = new Set(contest.preps);
const contestWords = new Set(wordList(contest, 'events/senses contestObjects'));

/**
 * "fighting international poverty", "fought off a hostile bid", "fighting against defence cuts": a
 * verb of fighting or beating whose object (direct, or after "against"/"off") is a problem or a
 * contest (`contestObjects`); "traders attacked the stock", "prices shot up": an attack verb's
 * object or subject is a market (`economic` words).
 */
function contestSense(head: number, tokens: readonly Token[], clauses: ClauseAnalysis, frame: ClauseFrame) {
  if (frame.kind !== 'verbal' || frame.verbGroup?.voice === 'passive') return undefined;
  // "traders attacked the stock", "prices shot up": a market as the object or the subject.
  const market = (p: Phrase | undefined) =>
    p !== undefined &&
    economicWords.has(headOf(tokens, p) as string) &&
    !/^NNPS?$/.test(clauses.tagAt(p.last));
  const object = frame.object;
  if (market(object) || market(frame.actors[0])) return economicSenseRule;
  if (!contestForms.has((tokens[head] as Token).lower)) return undefined;
  const phrases = [object, ...frame.preps.filter((p) => contestPreps.has(p.prep) && p.first <= head + 3)];
  return phrases.some((p) => firstHeads(tokens, p).some((w) => contestWords.has(w))) ? contest.id : undefined;
}

const releaseDocument = senseData.releaseDocument;
const releaseForms = new Set(releaseDocument.forms);
const releaseWords = new Set(wordList(releaseDocument, 'events/senses releaseDocument'));

const accidentVerbs = senseData.accidentVerbs;
const accidentWords = new Set(wordList(accidentVerbs, 'events/senses accidentVerbs'));
const harmWords = new Set(accidentVerbs.harm);

/** A sentence with an accident verb ("crashed", "derailed") and no word of force (`accidentVerbs`). */
function isAccident(tokens: readonly Token[]): boolean {
  let accident = false;
  for (const t of tokens) {
    if (forceWords.has(t.lower) && !harmWords.has(t.lower)) return false;
    if (accidentWords.has(t.lower)) accident = true;
  }
  return accident;
}

const quantityChange = senseData.quantityChange;
const changeVerbs = new Set(wordList(quantityChange, 'events/senses quantityChange'));

/**
 * "public support for the government eroded", "exports to the U.S. rose 12 pct": an event noun
 * whose noun group, with only prepositional phrases after it, is the subject of the next verb
 * group, when that verb is one of quantity change (`quantityChange`).
 */
export function isQuantityChange(head: number, clauses: ClauseAnalysis, tokens: readonly Token[]): boolean {
  const at = clauses.chunkOf[head] ?? -1;
  if (clauses.chunks[at]?.kind !== 'NP') return false;
  for (let c = at + 1; c < clauses.chunks.length && c <= at + 8; c++) {
    const chunk = clauses.chunks[c] as (typeof clauses.chunks)[number];
    if (chunk.kind === 'NP' || chunk.kind === 'P') continue;
    // A finite verb right after a noun group ("support … eroded"), not "on increasing", "to drop".
    const finite = /^(VBD|VBZ|VBP|MD)$/.test(clauses.tagAt(chunk.first));
    const afterNoun = clauses.chunks[c - 1]?.kind === 'NP';
    return chunk.kind === 'VG' && finite && afterNoun && changeVerbs.has((tokens[chunk.head] as Token).lower);
  }
  return false;
}

const transport = senseData.transport;
const transportForms = new Set(transport.forms);

const purpose = senseData.purposeParticiple;
const purposeForms = new Set(purpose.forms);
const purposeWords = new Set(wordList(purpose, 'events/senses purposeParticiple'));

/** "talks aimed at resuming cover", "the plan is intended to": a thing's purpose, no one's intent (`purposeParticiple`). */
function isPurposeParticiple(head: number, tokens: readonly Token[], tagAt: (i: number) => string): boolean {
  if (head < 1 || !purposeForms.has((tokens[head] as Token).lower)) return false;
  if (!purposeWords.has(tokens[head + 1]?.lower ?? '')) return false;
  if (/^NNS?$/.test(tagAt(head - 1)) || isBeForm((tokens[head - 1] as Token).lower)) return true;
  // "talks with Nigeria aimed at": a name that is a preposition's object is no subject.
  let k = head - 1;
  while (k > 0 && /^NNPS?$/.test(tagAt(k))) k--;
  return k < head - 1 && tagAt(k) === 'IN';
}

const anonymity = senseData.anonymity;
const anonymityWords = new Set(wordList(anonymity, 'events/senses anonymity'));

/** "who asked not to be named": the trigger followed by "not to be" and a word of naming (`anonymity`). */
function isAnonymityWish(head: number, tokens: readonly Token[]): boolean {
  return (
    tokens[head + 1]?.lower === 'not' &&
    tokens[head + 2]?.lower === 'to' &&
    tokens[head + 3]?.lower === 'be' &&
    anonymityWords.has(tokens[head + 4]?.lower ?? '')
  );
}

/** "met" of a goal ("objectives could be met", "met all of its promises"): no meeting. */
const meetForms = new Set(['meet', 'meets', 'met']);

export function checkSense(
  type: string,
  verbal: boolean,
  head: number,
  tokens: readonly Token[],
  clauses: ClauseAnalysis,
  frame: ClauseFrame | undefined,
  sport: () => boolean,
  text?: string,
): SenseVerdict | undefined {
  // "boost demand", "cut aid": a verb trigger the tagger reads as a noun right after a verb, the
  // verb's object. Elsewhere a noun tag alone is too often the tagger's slip ("Russia attacks").
  if (
    verbal &&
    head > 0 &&
    clauses.inNounGroup(head) &&
    /^NNS?$/.test(clauses.tagAt(head)) &&
    /^VB[DGNPZ]?$/.test(clauses.tagAt(head - 1)) &&
    // A "noun" followed by its own object ("will first visit China") is a mistagged verb.
    !/^(NNPS?|DT|PRP\$?|CD)$/.test(clauses.tagAt(head + 1)) &&
    // "expressed support for": the object of a support verb names the event its subject acts in.
    !isSupportVerb((tokens[head - 1] as Token).lower)
  )
    return { action: 'reject', rule: 'events:sense.tagged-noun' };
  if (verbal && isAdjectiveUse(head, tokens)) return { action: 'reject', rule: adjectiveUseRule };
  // "free from means testing": a verb trigger's base form used as an adjective is no act.
  if (verbal && clauses.tagAt(head) === 'JJ' && !/(ed|ing|en)$/.test((tokens[head] as Token).lower))
    return { action: 'reject', rule: 'events:sense.tagged-adjective' };
  // "Finance Minister Sue Essex": a capitalised verb form inside a run of proper nouns is a name.
  if (verbal && head > 0 && text !== undefined && isNameWord(text, tokens, head, (i) => clauses.tagAt(i)))
    return { action: 'reject', rule: 'events:sense.name' };
  if (isDirectiveContent(tokens, head)) return { action: 'reject', rule: directive.id };
  if (verbal && isParticipialModifier(head, tokens, (i) => clauses.tagAt(i)))
    return { action: 'reject', rule: participialModifierRule };
  if (isAnonymityWish(head, tokens)) return { action: 'reject', rule: anonymity.id };
  if (isPurposeParticiple(head, tokens, (i) => clauses.tagAt(i)))
    return { action: 'reject', rule: purpose.id };
  if (!frame) return undefined;
  if (type === 'AGREE' && isAffordSense(head, tokens, frame, (i) => clauses.tagAt(i)))
    return { action: 'reject', rule: affordSenseRule };
  if (isShowSense(type, head, tokens, frame)) return { action: 'reject', rule: showSenseRule };
  if (isApproveSense(type, head, tokens, frame)) return { action: 'reject', rule: approveSenseRule };
  if (isEconomicSense(type, head, tokens, clauses, frame))
    return { action: 'reject', rule: economicSenseRule };
  if (frame.kind === 'nominal' && isQuantityChange(head, clauses, tokens))
    return { action: 'reject', rule: quantityChange.id };
  // "the report (by the team) was released": publishing a document, no prisoner freed.
  if (frame.kind === 'verbal' && releaseForms.has((tokens[head] as Token).lower)) {
    if (firstHeads(tokens, frame.object).some((w) => releaseWords.has(w)))
      return { action: 'reject', rule: releaseDocument.id };
  }
  // "equipment was flown to Pakistan", "flew supplies to the city": carried, no one visits.
  if (
    frame.kind === 'verbal' &&
    transportForms.has((tokens[head] as Token).lower) &&
    (frame.verbGroup?.voice === 'passive' || frame.object !== undefined)
  )
    return { action: 'reject', rule: transport.id };
  if (type === 'ASSAULT' && isAccident(tokens)) return { action: 'reject', rule: accidentVerbs.id };
  if (type === 'ASSAULT') {
    // "struck a deal", "the agreement was struck": the object (a passive verb's subject) is an agreement.
    const patient = frame.kind === 'verbal' ? headOf(tokens, frame.object) : undefined;
    if (patient && strikeVerbs.has((tokens[head] as Token).lower) && dealWords.has(patient))
      return { action: 'reject', rule: strikeDeal.id };
    const contested = contestSense(head, tokens, clauses, frame);
    if (contested) return { action: 'reject', rule: contested };
    const subject = headOf(tokens, frame.actors[0]);
    if (frame.verbGroup?.voice !== 'passive' && subject && naturalCauses.has(subject))
      return { action: 'reject', rule: 'events:sense.natural-cause' };
    const object = frame.kind === 'verbal' && frame.verbGroup?.voice === 'active' ? frame.object : undefined;
    if (object && abstractObjects.has(headOf(tokens, object) as string))
      return {
        action: 'recode',
        rule: 'events:sense.criticise',
        type: 'ACCUSE',
        cameo: '111',
        mode: 'disapprove',
      };
  }
  const meeting = type === 'CONSULT' || meetForms.has((tokens[head] as Token).lower);
  if (meeting && frame.kind === 'verbal' && frame.object) {
    if (targetObjects.has(headOf(tokens, frame.object) as string))
      return { action: 'reject', rule: 'events:sense.meet-target' };
  }
  if (sportTypes.has(type) && sport()) return { action: 'reject', rule: 'events:sense.sport' };
  return undefined;
}
