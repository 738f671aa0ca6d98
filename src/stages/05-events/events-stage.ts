import { calendarDate } from '../../core/calendar-math.js';
import {
  type Attribution,
  type Doc,
  type Entity,
  type EventCandidate,
  type EventParticipant,
  type EventStatus,
  type EventTrace,
  isRemoved,
  type Mention,
  type NewsEvent,
  type Quote,
  type Sentence,
  type Span,
  type TimeExpression,
} from '../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../core/limits.js';
import { bucketBySpan } from '../../core/spans.js';
import type { Stage, StageResult } from '../../core/stage.js';
import {
  documentTokens,
  HashFilter,
  hashString,
  sentenceJoinedTokens,
  type JoinedToken as Token,
  type TokenLayer,
  TokenSet,
  tokenizeRange,
} from '../../core/tokens.js';
import { sectorForWord } from '../../kb/sectors.js';
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import sentenceWords from '../../rules/events/sentence-words.json' with { type: 'json' };
import {
  months as monthNames,
  personalPronouns,
  reportingVerbs as reportingVerbLists,
} from '../../rules/lexicon/lexicon.js';
import { wordList } from '../../rules/word-list.js';
import { type CompiledCues, type CompiledRule, compileCues, compileLexicon } from './compile-lexicon.js';
import { agreeAbove, type EventVerdict, judgeSentence, vetoBelow } from './event-detector.js';

/** A coded event; `statusRule` names the cue that set a non-asserted status. */
/** The events stage's output: the document model's event type (see `core/doc.ts`). */
export type CodedEvent = NewsEvent;

export interface EventsOptions extends CapOptions {
  /** Tokens after a governing trigger ("threatened to …") whose triggers it absorbs. */
  absorbWindow?: number;
  /** Most tokens between a trigger and its recipient. */
  recipientWindow?: number;
  /** Record on every event how it was decided (`NewsEvent.trace`), for `tidings explain`. */
  trace?: boolean;
  /**
   * Ask the sentence event detector (models/events-1) about sentences where a rule matched, and
   * set a match aside when it is confident there is no event (default true).
   */
  classifier?: boolean;
}

/** One sentence's readings that were considered and not coded (see `explainEvents`). */
export interface SentenceEventTrace {
  sentence: number;
  rejected: EventCandidate[];
}

const lexicon = compileLexicon();

/** Participant rules (see `src/rules/events/README.md`), compiled once. */
const participantRules = {
  agentWindow: participantData.agentWindow,
  placeTargetSector: participantData.placeTarget.sector,
  placeTargetTypes: new Set(participantData.placeTarget.types),
};
const ofLinks = new Set(participantData.ofLinks);
const quantityWords = new Set(participantData.quantityWords);

/**
 * The first layer token of every trigger head ("co" for "co-operate"): a sentence none of whose
 * tokens is in this set cannot hold a trigger, so it is skipped before its joined tokens are built.
 */
function firstLayerForms(heads: Iterable<string>): string[] {
  return [...heads].map((head) => {
    const layer = tokenizeRange(head);
    return layer.count > 0 ? layer.lower(0) : head;
  });
}

/**
 * The first layer token of every trigger head ("co" for "co-operate"), for our own rules and for
 * all rules with the imported ones: a sentence none of whose tokens is in the set cannot hold a
 * trigger, so it is skipped before its joined tokens are built. Imported rules need two named
 * sides, so a sentence with fewer than two entity mentions is read with our own rules alone.
 */
class HeadIndex {
  readonly starts: TokenSet;
  /** The same first tokens as a bare hash filter, to reject most tokens before a Map lookup. */
  readonly filter: HashFilter;
  constructor(readonly byHead: ReadonlyMap<string, readonly CompiledRule[]>) {
    const forms = firstLayerForms(byHead.keys());
    this.starts = new TokenSet(forms);
    this.filter = new HashFilter(forms.length);
    for (const form of forms) this.filter.add(hashString(form));
  }
  mayHoldTrigger(layer: TokenLayer, sentence: number): boolean {
    const to = layer.sentenceFirst[sentence + 1] as number;
    for (let i = layer.sentenceFirst[sentence] as number; i < to; i++)
      if (this.starts.hasToken(layer, i)) return true;
    return false;
  }
}
const ownIndex = new HeadIndex(lexicon.ownHeads);
const allIndex = new HeadIndex(lexicon.byHead);
const cues = compileCues();

/** Verbs that only report ("said", "told"): evaluative ones ("condemned") are events of their own. */
const reportingVerbs = new Set(reportingVerbLists.neutral);

/** A reporting verb as written in lowercase: a capitalised "States" or "Reports" is part of a name. */
function isReportingVerb(text: string, token: Token | undefined): boolean {
  return token !== undefined && reportingVerbs.has(token.lower) && isLower(text, token);
}

/** The closed-class words the stage reads a sentence with (`src/rules/events/sentence-words.json`). */
const list = (name: keyof typeof sentenceWords) =>
  wordList(sentenceWords[name], `events/sentence-words ${name}`);
const clauseBreakers = new Set(list('clauseBreakers'));
const relatives = list('relatives');
const subordinators = new Set([...relatives, ...list('subordinators')]);
const determiners = new Set(list('determiners'));
const locativePreps = new Set(list('locativePrepositions'));
const beAux = new Set(list('be'));
const adverbs = new Set(list('adverbs'));
const auxiliaries = list('auxiliaries');
/** Words that may stand between a subject and its verb. */
const auxTail = new Set([...adverbs, ...beAux, ...auxiliaries, ...list('beforeVerb')]);
/** Words a noun phrase does not start with: a text actor starting with one is a parsing slip. */
const functionWords = new Set(list('functionWords'));
const pronouns = new Set([...personalPronouns, ...list('proForms')]);
const titleWords = new Set(list('titleWords'));
/** Words before a verb-form head that make it a noun ("such attacks", "new visits"). */
const nounPreceders = new Set(list('nounPreceders'));
/** Determiner-only modifiers ("the first visit", never "will first visit"); see the data file. */
const nounModifiersAfterDeterminer = new Set(list('nounModifiersAfterDeterminer'));
/** Prepositions after which a base or -s form is a noun ("after talks", "in support of"). */
const nounPreps = new Set(list('nounPrepositions'));
/** Finite verbs and auxiliaries: a base or -s form right before one heads the subject ("shells struck"). */
const finiteVerbs = new Set([...beAux, ...auxiliaries, ...list('finiteVerbs')]);
for (const [form, rules] of lexicon.ownHeads) {
  if (form.endsWith('ed') && rules.some((r) => r.verbal)) finiteVerbs.add(form);
}
/** Control verbs end a subject noun phrase ("the leaders aimed to …", "the Lib Dems plan to …"). */
const controlVerbs = new Set(list('controlVerbs'));
/** A participial clause opens with one of these ("Besides meeting Xi, Putin …"). */
const participialOpeners = new Set(list('participialOpeners'));
/** A demonym after one of these is a place's modifier ("near the Ukrainian border"), never a participant. */
const placePreps = new Set(list('placePrepositions'));
/** Words that cannot end a subject noun phrase. */
const badNpEnd = new Set([
  ...determiners,
  ...functionWords,
  ...pronouns,
  ...adverbs,
  ...list('notNounPhraseEnd'),
]);
const badNpFirst = new Set([...functionWords, ...list('notNounPhraseStart')]);
/** Month names make a following verb form a noun ("March talks"); "may" is far more often the modal. */
const months = new Set(monthNames.map((m) => m.name).filter((name) => name !== 'may'));
/** Words that open a new clause or carry its verb between a nominal trigger and a by-phrase. */
const clauseWords = new Set([...relatives, ...beAux]);
const particles = new Set(list('particles'));
const typeRank: Record<string, number> = { person: 0, organization: 1, country: 2, city: 3, place: 4 };

interface Match {
  rule: CompiledRule;
  head: number;
  last: number;
}

/** Mentions of one actor: "Russian President Vladimir Putin" may be a demonym and a person. */
interface Group {
  start: number;
  end: number;
  first: number;
  last: number;
  entity: Entity;
  mention: Mention;
}

interface SentenceContext {
  doc: Readonly<Doc>;
  tokens: Token[];
  groups: Group[];
  quotes: readonly Quote[];
  attributions: readonly Attribution[];
  /** The sentence's time expressions. */
  times: readonly TimeExpression[];
}

function isPossessive(t: string): boolean {
  return t === "'" || t === '’' || t.endsWith("'s") || t.endsWith('’s');
}

/**
 * Whether a verb-form head is used as a noun: after a determiner, a possessive or a quantifier
 * ("the attacks", "Tories' offer", "such attacks"); and, for base and -s forms, after a
 * preposition ("after talks") or a number, or right before a finite verb ("Artillery shells
 * struck …": the head of the subject). Participles (-ed, -ing) are only ruled out by a determiner.
 */
function isNounUse(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.lower;
  if (prev === undefined) {
    const next = tokens[i + 1]?.lower;
    const w = (tokens[i] as Token).lower;
    return next !== undefined && !w.endsWith('ed') && !w.endsWith('ing') && finiteVerbs.has(next);
  }
  if (determiners.has(prev) || isPossessive(prev)) {
    // A lone apostrophe is a possessive only right after an -s word ("the Tories' offer").
    if (prev !== "'" && prev !== '’') return true;
    const before = tokens[i - 2];
    if (before && before.end === (tokens[i - 1] as Token).start && before.lower.endsWith('s')) return true;
  }
  if (nounModifiersAfterDeterminer.has(prev) && determiners.has(tokens[i - 2]?.lower ?? '')) return true;
  const w = (tokens[i] as Token).lower;
  if (w.endsWith('ed') || w.endsWith('ing')) return false;
  if (nounPreceders.has(prev) || nounPreps.has(prev) || months.has(prev)) return true;
  const c = prev.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  const next = tokens[i + 1]?.lower;
  return next !== undefined && finiteVerbs.has(next);
}

/** Whether tokens `[from, to)` hold a clause boundary ("… that was captured by the army"). */
function crossesClause(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = (tokens[k] as Token).lower;
    if (clauseWords.has(t) || clauseBreakers.has(t)) return true;
  }
  return false;
}

/** Finds every trigger of a sentence and keeps the longest non-overlapping ones. */
function findMatches(
  tokens: readonly Token[],
  layer: TokenLayer,
  firsts: readonly number[],
  index: HeadIndex,
  rejected?: EventCandidate[],
): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = firsts[i] as number;
    if (first >= 0 && !index.filter.mayHave(layer.hash(first))) continue;
    const token = tokens[i] as Token;
    const candidates = candidatesAt(tokens, i, index);
    if (!candidates) continue;
    // Imported rules are many per head: only our own are listed when set aside here.
    let nounUse: boolean | undefined;
    for (const rule of candidates) {
      if (rule.verbal && nounUse === undefined) nounUse = isNounUse(tokens, i);
      if (rule.verbal && nounUse) {
        if (!rule.imported) rejected?.push(candidate(rule, token, token, 'noun-use'));
        continue;
      }
      if (rule.notAfter && i > 0 && rule.notAfter.has((tokens[i - 1] as Token).lower)) {
        if (!rule.imported) rejected?.push(candidate(rule, token, token, 'not-after'));
        continue;
      }
      if (rule.before && !matchesBefore(tokens, i, rule.before)) continue;
      let p = i;
      let ok = true;
      for (let r = 0; r < rule.rest.length; r++) {
        const alts = rule.rest[r] as ReadonlySet<string>;
        const gap = rule.gaps ? (rule.gaps[r] as number) : rule.gap;
        let hit = -1;
        for (let j = p + 1; j <= p + 1 + gap && j < tokens.length; j++) {
          const t = (tokens[j] as Token).lower;
          if (alts.has(t)) {
            hit = j;
            break;
          }
          if (clauseBreakers.has(t) || t === '.') break;
        }
        if (hit < 0) {
          ok = false;
          break;
        }
        p = hit;
      }
      if (!ok) continue;
      if (rule.exclude) {
        let vetoed = false;
        for (let j = p + 1; j <= p + 3 && j < tokens.length; j++) {
          if (rule.exclude.has((tokens[j] as Token).lower)) vetoed = true;
        }
        if (vetoed) {
          if (!rule.imported) rejected?.push(candidate(rule, token, tokens[p] as Token, 'excluded'));
          continue;
        }
      }
      found.push({ rule, head: i, last: p });
    }
  }
  if (found.length <= 1) return found;
  // Our own rules first, the longer match first among them; among imported patterns the one
  // naming more words first, then the tighter match ("rushed aid to" is AID, not "rushed … to").
  found.sort((a, b) => {
    const ai = a.rule.imported === true;
    const bi = b.rule.imported === true;
    if (ai !== bi) return ai ? 1 : -1;
    if (ai) {
      const size = patternSize(b.rule) - patternSize(a.rule);
      if (size !== 0) return size;
      const span = a.last - a.head - (b.last - b.head);
      if (span !== 0) return span;
    }
    return b.last - b.head - (a.last - a.head) || a.head - b.head || a.rule.order - b.rule.order;
  });
  const taken = new Uint8Array(tokens.length);
  const kept: Match[] = [];
  for (const m of found) {
    let free = true;
    for (let k = m.head; k <= m.last; k++) if (taken[k]) free = false;
    if (!free) {
      if (
        rejected &&
        !m.rule.imported &&
        !rejected.some((r) => r.rule === m.rule.spec.id && r.reason === 'overlap')
      )
        rejected.push(candidate(m.rule, tokens[m.head] as Token, tokens[m.last] as Token, 'overlap'));
      continue;
    }
    for (let k = m.head; k <= m.last; k++) taken[k] = 1;
    kept.push(m);
  }
  return kept.sort((a, b) => a.head - b.head);
}

function patternSize(rule: CompiledRule): number {
  return rule.rest.length + (rule.before?.length ?? 0);
}

/** Whether the words before the head match `before` in order, the last within 3 tokens of it. */
function matchesBefore(
  tokens: readonly Token[],
  head: number,
  before: readonly ReadonlySet<string>[],
): boolean {
  let p = head;
  for (let b = before.length - 1; b >= 0; b--) {
    const alts = before[b] as ReadonlySet<string>;
    let hit = -1;
    for (let j = p - 1; j >= 0 && j >= p - 3; j--) {
      const t = (tokens[j] as Token).lower;
      if (alts.has(t)) {
        hit = j;
        break;
      }
      if (clauseBreakers.has(t)) return false;
    }
    if (hit < 0) return false;
    p = hit;
  }
  return true;
}

/** Our own rules for the head at `i`, and with `allIndex` the imported ones its next words allow. */
function candidatesAt(
  tokens: readonly Token[],
  i: number,
  index: HeadIndex,
): readonly CompiledRule[] | undefined {
  const lower = (tokens[i] as Token).lower;
  const own = lexicon.ownHeads.get(lower);
  if (index !== allIndex) return own;
  const imported = lexicon.importedHeads.get(lower);
  if (!imported) return own;
  let out: CompiledRule[] | undefined;
  if (imported.lone.length > 0) out = own ? [...own, ...imported.lone] : [...imported.lone];
  let seen: Set<CompiledRule> | undefined;
  for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
    const t = (tokens[j] as Token).lower;
    const list = imported.byNext.get(t);
    if (list) {
      out ??= own ? [...own] : [];
      seen ??= new Set();
      for (const r of list) {
        if (seen.has(r)) continue;
        seen.add(r);
        out.push(r);
      }
    }
    if (clauseBreakers.has(t)) break;
  }
  return out ?? own;
}

/** Whether the mentions name at least two different entities (imported rules need both sides). */
function twoSides(mentions: readonly EntityMention[]): boolean {
  const first = mentions[0]?.entity;
  for (let k = 1; k < mentions.length; k++) if ((mentions[k] as EntityMention).entity !== first) return true;
  return false;
}

function candidate(rule: CompiledRule, head: Token, last: Token, reason: string): EventCandidate {
  return {
    type: rule.typeSpec.type,
    rule: rule.spec.id,
    trigger: { start: head.start, end: last.end },
    reason,
  };
}

/** Index of the first token whose end is after `offset` (binary search). */
function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface EntityMention extends Span {
  entity: Entity;
  mention: Mention;
}

function buildGroups(
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

function inside(spans: readonly { start: number; end: number }[], start: number, end: number): number {
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k] as { start: number; end: number };
    if (s.start <= start && end <= s.end) return k;
  }
  return -1;
}

/** Mentions that only name a source ("…, CNN reported", "according to Reuters") are not participants. */
function isSourceOnly(ctx: SentenceContext, g: Group, triggerQuote: number, head: number): boolean {
  const q = inside(ctx.quotes, g.start, g.end);
  if (q >= 0 && q !== triggerQuote) return true;
  for (const a of ctx.attributions) {
    if (g.first > head && a.start <= g.start && g.end <= a.end) {
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

/** The preposition governing a mention, skipping a determiner ("in the Chinese capital"). */
function prepBefore(tokens: readonly Token[], first: number): string | undefined {
  let k = first - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  return tokens[k]?.lower;
}

function clauseStart(tokens: readonly Token[], head: number, punctuation = true): number {
  for (let k = head - 1; k >= 0; k--) {
    const t = (tokens[k] as Token).lower;
    if ((punctuation && clauseBreakers.has(t)) || subordinators.has(t)) return k + 1;
  }
  return 0;
}

/**
 * Entities of the trigger's clause. "A said B attacked C": when a reporting verb sits between,
 * the subject is after it; "Syria says it is willing to …": with nothing after it, the speaker.
 */
function subjectCandidates(
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

function pickSubject(candidates: readonly Group[], tokens: readonly Token[]): Group | undefined {
  for (const g of candidates) {
    const prep = prepBefore(tokens, g.first);
    if (prep === undefined || !locativePreps.has(prep)) return g;
  }
  return candidates.at(-1);
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

/** "Nigerian junior foreign minister", "Russia's military": the agent phrase after a country. */
function agentAfter(text: string, tokens: readonly Token[], from: number): AgentPhrase | undefined {
  let last = -1;
  const limit = Math.min(tokens.length, from + participantRules.agentWindow);
  for (let k = from; k < limit; k++) {
    if (endsAgentPhrase(text, tokens[k] as Token)) break;
    last = k;
  }
  if (last < from) return undefined;
  // The phrase ends at its last agent word or the noun after it: trim trailing non-agents
  // only when nothing in the phrase is an agent.
  const sector = agentIn(tokens, from, last);
  return sector ? { first: from, last, sector } : undefined;
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
 * from it. A person with an office but no country takes the sentence's one country, if any.
 */
function participant(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  g: Group,
  soleCountry?: string,
): EventParticipant {
  let start = g.start;
  let end = g.end;
  let sector = g.entity.sector ?? (g.mention.form === 'capital' ? 'GOV' : undefined);
  const kind = g.entity.type;
  if (kind === 'country' || kind === 'city' || (kind === 'place' && g.entity.country)) {
    const lastToken = tokens[g.last] as Token;
    // "Russia's military": the mention ends inside its possessive token.
    const possessive = g.end < lastToken.end && isPossessive(lastToken.lower);
    const from = possessive || g.end >= lastToken.end ? g.last + 1 : -1;
    const after = from >= 0 ? agentAfter(doc.text, tokens, from) : undefined;
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
  if (g.entity.country) p.country = g.entity.country;
  else if (soleCountry && kind === 'person' && sector) p.country = soleCountry;
  if (sector) p.sector = sector;
  return p;
}

/**
 * Where an event happened: the place's own words and country. Unlike a side it takes no agent
 * words around it ("protesters in Florin" is a recipient; the place is "Florin") and no sector (a
 * capital named as a place is not its government).
 */
function placeOf(doc: Readonly<Doc>, g: Group): EventParticipant {
  const p: EventParticipant = {
    start: g.start,
    end: g.end,
    text: doc.text.slice(g.start, g.end),
    entity: g.entity.id,
  };
  if (g.entity.country) p.country = g.entity.country;
  return p;
}

/** The one country every country-bearing mention of the sentence names, if they agree. */
function soleCountryOf(groups: readonly Group[]): string | undefined {
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
function textActor(
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

function isLower(text: string, token: Token): boolean {
  const c = text.charCodeAt(token.start);
  return c >= 97 && c <= 122;
}

const wordStart = /^[\p{L}\p{N}]/u;

function isWordStart(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && wordStart.test(t));
}

function isPassive(tokens: readonly Token[], head: number, rule: CompiledRule): boolean {
  if (!rule.verbal) return false;
  const h = (tokens[head] as Token).lower;
  if (h.endsWith('ing') || h.endsWith('s')) return false;
  let k = head - 1;
  while (k >= 0 && adverbs.has((tokens[k] as Token).lower)) k--;
  return k >= 0 && beAux.has((tokens[k] as Token).lower);
}

function findStatus(
  tokens: readonly Token[],
  head: number,
  window: CompiledCues,
): { status: EventStatus; rule?: string } {
  const lows: string[] = [];
  for (let k = head - 1; k >= 0 && lows.length < window.window; k--) {
    const t = (tokens[k] as Token).lower;
    if (clauseBreakers.has(t) || t === '.') break;
    lows.unshift(t);
  }
  let best: { status: EventStatus; rule: string; priority: number } | undefined;
  const priority = { negated: 0, hypothetical: 1, future: 2 } as const;
  for (let end = 0; end < lows.length; end++) {
    const list = window.byLast.get(lows[end] as string);
    if (!list) continue;
    for (const cue of list) {
      const begin = end - cue.words.length + 1;
      if (begin < 0) continue;
      let ok = true;
      for (let w = 0; w < cue.words.length; w++) if (lows[begin + w] !== cue.words[w]) ok = false;
      if (ok && (!best || priority[cue.status] < best.priority)) {
        best = { status: cue.status, rule: cue.id, priority: priority[cue.status] };
      }
    }
  }
  return best ? { status: best.status, rule: best.rule } : { status: 'asserted' };
}

/**
 * The time of the event: the time expression of the sentence nearest the trigger, leaving out
 * the one that dates the report (", the governor said on Wednesday": inside an attribution but
 * outside its content, or right after a reporting verb).
 */
function eventTime(ctx: SentenceContext, at: number): TimeExpression | undefined {
  let best: TimeExpression | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (datesReport(ctx, t)) continue;
    const distance = t.start >= at ? t.start - at : at - t.end;
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best;
}

function datesReport(ctx: SentenceContext, t: TimeExpression): boolean {
  for (const a of ctx.attributions) {
    if (a.start > t.start || t.end > a.end) continue;
    if (a.content && a.content.start <= t.start && t.end <= a.content.end) continue;
    if (a.cue.end <= t.start || t.end <= a.cue.start) return true;
  }
  const k = tokenAt(ctx.tokens, t.start);
  let p = k - 1;
  if (ctx.tokens[p]?.lower === 'on') p--;
  return p >= 0 && isReportingVerb(ctx.doc.text, ctx.tokens[p]);
}

/** A more severe CAMEO code wins: lower Goldstein, then the more specific (longer) code. */
function moreSevere(
  a: { goldstein?: number; cameo?: string },
  b: { goldstein?: number; cameo?: string },
): boolean {
  const ga = a.goldstein ?? 0;
  const gb = b.goldstein ?? 0;
  if (ga !== gb) return ga < gb;
  return (a.cameo?.length ?? 0) > (b.cameo?.length ?? 0);
}

function codeSentence(
  ctx: SentenceContext,
  sentence: Sentence,
  index: number,
  options: Required<Omit<EventsOptions, 'caps'>>,
  matches: Match[],
  out: CodedEvent[],
  rejected?: EventCandidate[],
): void {
  const { doc, tokens, groups } = ctx;
  const sole = soleCountryOf(groups);
  let verdict: EventVerdict | undefined;
  const judge = (): EventVerdict => {
    verdict ??= judgeSentence(doc.text.slice(sentence.start, sentence.end));
    return verdict;
  };
  let absorbedUntil = -1;
  // The last event of this sentence and whether the previous trigger opened a participial chain.
  let lastEvent: CodedEvent | undefined;
  let chain = false;
  for (const m of matches) {
    // "accused the government of lying and threatened a strike": a coordinated finite verb is
    // a new event, not part of the governing verb's complement.
    const coordinated = tokens[m.head - 1]?.lower === 'and' && (tokens[m.head] as Token).lower.endsWith('ed');
    const spec = m.rule.spec;
    const headToken = tokens[m.head] as Token;
    const lastToken = tokens[m.last] as Token;
    if (m.head <= absorbedUntil && !coordinated) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'absorbed'));
      continue;
    }
    if (isRemoved(doc.removed, headToken.start, lastToken.end)) continue;
    if (m.rule.veto) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'null-pattern'));
      continue;
    }
    const triggerQuote = inside(ctx.quotes, headToken.start, lastToken.end);
    const usable = groups.filter(
      (g) => !isSourceOnly(ctx, g, triggerQuote, m.head) && !modifiesPlace(tokens, g),
    );
    const headLower = headToken.lower;
    const participle = m.rule.verbal && headLower.endsWith('ing');
    const prevLower = tokens[m.head - 1]?.lower;
    // ", killing four civilians and wounding 11 others": consequences of the main clause's event.
    const trailing: boolean =
      participle && lastEvent !== undefined && (prevLower === ',' || (prevLower === 'and' && chain));
    if (trailing && lastEvent && lastEvent.type === m.rule.typeSpec.type && !lastEvent.statusRule) {
      foldInto(lastEvent, m, headToken, lastToken);
      rejected?.push(candidate(m.rule, headToken, lastToken, 'merged'));
      chain = true;
      continue;
    }
    chain = trailing;
    // "Besides meeting with Xi in Beijing, Putin is …": the subject comes after the comma.
    const leadingComma = headLower.endsWith('ing') ? leadingParticipialComma(tokens, m.head) : -1;

    // Recipient: the first entity after the trigger head, respecting the rule's prepositions.
    // The recipient stays in the trigger's clause: stop at ";" or at ", as …", ", while …".
    let limit = tokens.length;
    for (let k = m.last + 1; k < tokens.length; k++) {
      const t = (tokens[k] as Token).lower;
      if (t === ';' || (t === ',' && (k === leadingComma || subordinators.has(tokens[k + 1]?.lower ?? '')))) {
        limit = k;
        break;
      }
    }
    const after = usable.filter(
      (g) =>
        g.first > m.head &&
        g.first < limit &&
        g.first - m.last <= options.recipientWindow &&
        (g.first > m.last || g.last < m.last),
    );
    let recipientGroup: Group | undefined;
    let viaPrep: string | undefined;
    if (m.rule.recipientPreps) {
      for (const g of after) {
        const prep = prepBefore(tokens, g.first);
        if (prep !== undefined && m.rule.recipientPreps.has(prep)) {
          recipientGroup = g;
          viaPrep = prep;
          break;
        }
      }
    }
    if (!recipientGroup && spec.requirePrep) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'needs-prep'));
      continue;
    }
    let recipientBy = recipientGroup && viaPrep ? `prep:${viaPrep}` : undefined;
    if (!recipientGroup) {
      recipientGroup =
        after.find((g) => {
          const prep = prepBefore(tokens, g.first);
          return prep !== 'in' && prep !== 'at' && prep !== 'near';
        }) ?? after[0];
      if (recipientGroup) recipientBy = 'after-trigger';
    }

    // Actor: the subject of the trigger's clause, else of the sentence before it.
    const from = clauseStart(tokens, m.head);
    const before = usable.filter((g) => g.last < m.head);
    let actorGroup = pickSubject(subjectCandidates(ctx.doc.text, before, tokens, from, m.head), tokens);
    // Past commas ("Pakistan, a U.S. ally, has refused …") but not into another clause.
    if (!actorGroup) {
      const outer = clauseStart(tokens, m.head, false);
      actorGroup = pickSubject(
        before.filter((g) => g.first >= outer),
        tokens,
      );
    }
    let actorBy = actorGroup ? 'subject' : undefined;
    if (leadingComma >= 0) {
      actorGroup = usable.find((g) => g.first > leadingComma && g.first <= leadingComma + 2);
      actorBy = actorGroup ? 'subject-after-participial' : undefined;
    }
    let actor: EventParticipant | undefined = actorGroup
      ? participant(doc, tokens, actorGroup, sole)
      : leadingComma >= 0
        ? undefined
        : textActor(doc, tokens, from, m.head);
    if (actor && !actorGroup) actorBy = 'text';
    if (trailing && lastEvent?.actor) {
      actor = { ...lastEvent.actor };
      actorBy = 'shared';
    } else if (!actor && (isCoordinated(tokens, from) || prevLower === 'and') && lastEvent?.actor) {
      // "… aimed to strengthen ties and deepen cooperation": the coordinated verb shares the subject.
      actor = { ...lastEvent.actor };
      actorBy = 'shared';
    }
    let recipient: EventParticipant | undefined = recipientGroup
      ? participant(doc, tokens, recipientGroup, sole)
      : undefined;

    if (!actorGroup && viaPrep === 'between' && recipientGroup) {
      // "a meeting between Xi and Putin": both sides follow the trigger.
      const second = after.find((g) => g.first > (recipientGroup as Group).last);
      actor = participant(doc, tokens, recipientGroup, sole);
      recipient = second ? participant(doc, tokens, second, sole) : undefined;
      actorBy = 'between';
      recipientBy = second ? 'between' : undefined;
    } else if (isPassive(tokens, m.head, m.rule)) {
      // "was attacked by X": the subject is the recipient, the by-phrase the actor.
      const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
      recipient = actor;
      actor = agent ? participant(doc, tokens, agent, sole) : undefined;
      recipientBy = recipient ? 'passive-subject' : undefined;
      actorBy = agent ? 'by-agent' : undefined;
    } else if (!m.rule.verbal || isNounUse(tokens, m.head)) {
      // "the first visit by a Japanese leader to South Korea": a nominal trigger's by-phrase is
      // its actor, and the other participant after the trigger ("to South Korea") its recipient.
      const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
      if (agent && !crossesClause(tokens, m.last + 1, agent.first)) {
        actor = participant(doc, tokens, agent, sole);
        const target = after.find((g) => g !== agent && prepBefore(tokens, g.first) !== 'by');
        recipient = target ? participant(doc, tokens, target, sole) : undefined;
        actorBy = 'by-agent';
        recipientBy = target ? 'after-trigger' : undefined;
      }
    }
    if (actor && recipient && actor.start === recipient.start) recipient = undefined;
    if (!actor && !recipient && spec.needsParticipant !== false) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'no-participant'));
      continue;
    }
    // PETRARCH codes a verb only between a source and a target it knows: an imported rule needs
    // both sides, each a named actor.
    if (m.rule.imported && !(actor?.entity && recipient?.entity)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'imported-needs-both'));
      continue;
    }
    // The detector vetoes imported matches only: on our own rules' sentences it is not yet
    // reliable enough ("Xi also visited Moscow" scores 0.02); there it is recorded in the trace.
    if (options.classifier && m.rule.imported && judge().event < vetoBelow) {
      rejected?.push({ ...candidate(m.rule, headToken, lastToken, 'classifier-veto'), score: judge().event });
      continue;
    }
    // "Rebels shelled Juba": a city under attack stands for its people, not its government.
    const eventType = m.rule.typeSpec.type;
    if (
      recipient &&
      recipientGroup &&
      recipient.start === recipientGroup.start &&
      recipient.end === recipientGroup.end &&
      recipient.sector === 'GOV' &&
      (recipientGroup.entity.type === 'city' || recipientGroup.mention.form === 'capital') &&
      participantRules.placeTargetTypes.has(eventType)
    )
      recipient.sector = participantRules.placeTargetSector;

    let { status, rule: statusRule } = findStatus(tokens, m.head, cues);
    const time = eventTime(ctx, headToken.start);
    const published = doc.source.published?.slice(0, 4);
    if (
      status === 'asserted' &&
      time &&
      published &&
      /^\d{4}/.test(time.value) &&
      time.value.slice(0, 4) < published
    ) {
      status = 'historical';
      statusRule = 'events:status.historical-date';
    }

    const intent = (status === 'future' || status === 'hypothetical') && m.rule.typeSpec.intent;
    const code = (intent && m.rule.intentCode) || m.rule.code;
    const event: CodedEvent = {
      start: sentence.start,
      end: sentence.end,
      type: intent ? intent.type : m.rule.typeSpec.type,
      status,
      cameo: code.code,
      quad: code.quad,
      goldstein: code.goldstein,
      trigger: { start: headToken.start, end: lastToken.end },
      sentence: index,
      rule: spec.id,
    };
    const mode = intent ? intent.mode : spec.mode;
    if (mode) event.mode = mode;
    if (!intent && spec.context) event.context = [...spec.context];
    if (actor) event.actor = actor;
    if (recipient) event.recipient = recipient;
    if (time) event.date = calendarDate(time.value);
    if (statusRule) event.statusRule = statusRule;
    // Where: the visited place itself, else the "in/at" place nearest the trigger.
    let place: Group | undefined;
    let placeDistance = Number.POSITIVE_INFINITY;
    for (const g of usable) {
      const kind = g.entity.type;
      if (kind !== 'city' && kind !== 'place' && g.mention.form !== 'capital') continue;
      const prep = prepBefore(tokens, g.first);
      const visited = g === recipientGroup && spec.mode === 'visit';
      if (!visited && prep !== 'in' && prep !== 'at') continue;
      const distance = visited ? -1 : Math.abs(g.first - m.head);
      if (distance < placeDistance) {
        place = g;
        placeDistance = distance;
      }
    }
    if (place) event.location = placeOf(doc, place);
    if (options.trace) {
      const trace: EventTrace = { decidedBy: 'rule', rule: spec.id };
      if (options.classifier) judge();
      if (verdict) {
        trace.classifier = { model: verdict.model, label: 'EVENT', score: verdict.event };
        if (verdict.event >= agreeAbove) trace.decidedBy = 'rule+classifier';
      }
      if (actor && actorBy) trace.actorBy = actorBy;
      if (recipient && recipientBy) trace.recipientBy = recipientBy;
      event.trace = trace;
    }
    out.push(event);
    lastEvent = event;
    if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
  }
}

/** A demonym inside a locative phrase ("near the Ukrainian border") names a place, not a side. */
function modifiesPlace(tokens: readonly Token[], g: Group): boolean {
  // "in the Chinese capital" names the country's seat of government: keep it.
  if (g.mention.form !== 'demonym' || tokens[g.last + 1]?.lower === 'capital') return false;
  const prep = prepBefore(tokens, g.first);
  return prep !== undefined && placePreps.has(prep);
}

/** The comma closing a sentence-opening participial clause ("Besides meeting …, Putin"), or -1. */
function leadingParticipialComma(tokens: readonly Token[], head: number): number {
  for (let k = 0; k < head; k++) if (!participialOpeners.has((tokens[k] as Token).lower)) return -1;
  for (let k = head + 1; k < tokens.length; k++) {
    const t = (tokens[k] as Token).lower;
    if (t === ',') return k;
    if (t === ';' || t === '.') return -1;
  }
  return -1;
}

function isCoordinated(tokens: readonly Token[], from: number): boolean {
  const t = tokens[from]?.lower;
  return t === 'and' || t === 'or';
}

/** Folds a participial consequence into the main event, keeping the more severe CAMEO code. */
function foldInto(main: CodedEvent, m: Match, head: Token, last: Token): void {
  const spec = m.rule.spec;
  const merged = main.merged ?? [];
  const { code } = m.rule;
  merged.push({ start: head.start, end: last.end, rule: spec.id, cameo: code.code });
  main.merged = merged;
  if (moreSevere({ goldstein: code.goldstein, cameo: code.code }, main)) {
    main.cameo = code.code;
    main.quad = code.quad;
    main.goldstein = code.goldstein;
    if (spec.mode) main.mode = spec.mode;
  }
}

export function codeEvents(doc: Readonly<Doc>, options: EventsOptions = {}): StageResult {
  return codeDocument(doc, options);
}

/**
 * The events of a document with how each was decided (`NewsEvent.trace`), and per sentence the
 * readings that were considered and set aside, with why: what `tidings explain` prints.
 */
export function explainEvents(
  doc: Readonly<Doc>,
  options: EventsOptions = {},
): { events: CodedEvent[]; sentences: SentenceEventTrace[] } {
  const traces: SentenceEventTrace[] = [];
  const result = codeDocument(doc, { ...options, trace: true }, traces);
  return { events: result.events ?? [], sentences: traces };
}

function codeDocument(
  doc: Readonly<Doc>,
  options: EventsOptions,
  traces?: SentenceEventTrace[],
): StageResult & { events?: CodedEvent[] } {
  const { caps: _caps, ...windows } = options;
  const settings: Required<Omit<EventsOptions, 'caps'>> = {
    absorbWindow: 6,
    recipientWindow: 12,
    trace: false,
    classifier: true,
    ...windows,
  };
  const cap = capFor('events', options);
  const events: CodedEvent[] = [];
  const sentences = doc.sentences ?? [];
  // Everything a sentence needs, bucketed once per document: scanning every mention, quote and
  // time for every sentence made long documents quadratic.
  const allMentions: EntityMention[] = [];
  for (const entity of doc.entities ?? []) {
    for (const mention of entity.mentions)
      allMentions.push({ start: mention.start, end: mention.end, entity, mention });
  }
  const mentionsBySentence = bucketBySpan(sentences, allMentions, 'within');
  const quotesBySentence = bucketBySpan(sentences, doc.quotes ?? [], 'overlap');
  const attributionsBySentence = bucketBySpan(sentences, doc.attributions ?? [], 'overlap');
  const timesBySentence = bucketBySpan(sentences, doc.times ?? [], 'within');
  const layer = documentTokens(doc);
  for (let index = 0; index < sentences.length && events.length <= cap; index++) {
    const sentence = sentences[index] as Sentence;
    if (sentence.end <= sentence.start || sentence.end > doc.text.length) continue;
    const mentions = mentionsBySentence.get(index) ?? [];
    const heads = twoSides(mentions) ? allIndex : ownIndex;
    if (!heads.mayHoldTrigger(layer, index)) continue;
    const firsts: number[] = [];
    const tokens = sentenceJoinedTokens(layer, index, sentence, firsts);
    const rejected: EventCandidate[] | undefined = traces ? [] : undefined;
    const matches = findMatches(tokens, layer, firsts, heads, rejected);
    if (matches.length === 0) {
      if (rejected && rejected.length > 0) traces?.push({ sentence: index, rejected });
      continue;
    }
    const ctx: SentenceContext = {
      doc,
      tokens,
      groups: buildGroups(doc, mentions, tokens),
      quotes: quotesBySentence.get(index) ?? [],
      attributions: attributionsBySentence.get(index) ?? [],
      times: timesBySentence.get(index) ?? [],
    };
    codeSentence(ctx, sentence, index, settings, matches, events, rejected);
    if (rejected && rejected.length > 0) traces?.push({ sentence: index, rejected });
  }
  if (events.length > cap) {
    const first = events[cap] as CodedEvent;
    events.length = cap;
    return { events, diagnostics: [capReached('events', 'events', cap, first.trigger)] };
  }
  return { events };
}

/** Codes PLOVER events sentence by sentence from the lexicon in `src/rules/events/`. */
export const eventsStage: Stage<EventsOptions | undefined> = {
  name: 'events',
  requires: ['sentences', 'entities', 'times', 'removed'],
  // Quotes and attributions tell a named source ("CNN reported") and a report's date from an
  // event's actor and date; without them those are judged from the words alone.
  reads: ['quotes', 'attributions', 'tokens'],
  assigns: ['events'],
  run(doc, options) {
    return codeEvents(doc, options ?? {});
  },
};
