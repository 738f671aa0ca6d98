import {
  type Attribution,
  type Doc,
  type Entity,
  type EventParticipant,
  type EventStatus,
  isRemoved,
  type Mention,
  type NewsEvent,
  type Quote,
  type Sentence,
  type TimeExpression,
} from '../../core/doc.js';
import type { Stage, StageResult } from '../../core/stage.js';
import { sectorForWord } from '../04-annotate/entities/index.js';
import { type CompiledCues, type CompiledRule, compileCues, compileLexicon } from './compile-lexicon.js';
import { type Token, tokenizeSentence } from './tokenize-sentence.js';

/** A coded event; `statusRule` names the cue that set a non-asserted status. */
export interface CodedEvent extends NewsEvent {
  statusRule?: string;
}

export interface EventsOptions {
  /** Tokens after a governing trigger ("threatened to …") whose triggers it absorbs. */
  absorbWindow?: number;
  /** Most tokens between a trigger and its recipient. */
  recipientWindow?: number;
}

const lexicon = compileLexicon();
const cues = compileCues();

const clauseBreakers = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–']);
const subordinators = new Set([
  'that',
  'which',
  'who',
  'whom',
  'after',
  'before',
  'as',
  'while',
  'when',
  'because',
  'although',
  'though',
  'since',
  'but',
  'where',
  'whereas',
  'if',
  'unless',
]);
const determiners = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
]);
const locativePreps = new Set([
  'in',
  'at',
  'from',
  'near',
  'of',
  'on',
  'to',
  'into',
  'across',
  'with',
  'for',
  'by',
  'against',
  'over',
  'between',
  'about',
]);
const beAux = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be']);
const adverbs = new Set([
  'also',
  'reportedly',
  'already',
  'still',
  'just',
  'then',
  'now',
  'again',
  'allegedly',
  'routinely',
  'repeatedly',
  'later',
  'earlier',
  'recently',
  'once',
  'officially',
  'formally',
  'publicly',
  'today',
  'yesterday',
  'flatly',
  'bluntly',
  'outright',
]);
const auxTail = new Set([
  ...adverbs,
  ...beAux,
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'may',
  'might',
  'can',
  'shall',
  'should',
  'must',
  'never',
  'not',
  'expected',
  'to',
  'set',
  'due',
  'plans',
  'planning',
  'did',
  'does',
  'do',
]);
/** Words a noun phrase does not start with: a text actor starting with one is a parsing slip. */
const functionWords = new Set([
  'and',
  'or',
  'but',
  'nor',
  'so',
  'yet',
  'besides',
  'also',
  'then',
  'notably',
  'however',
  'to',
  'of',
  'as',
  'while',
  'after',
  'before',
  'in',
  'on',
  'at',
  'with',
  'for',
  'by',
  'from',
]);
const pronouns = new Set([
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'there',
  'these',
  'those',
  'which',
  'who',
]);
const reportingVerbs = new Set([
  'said',
  'says',
  'reported',
  'reports',
  'told',
  'announced',
  'added',
  'stated',
  'claimed',
  'wrote',
]);
const titleWords = new Set([
  'president',
  'prime',
  'minister',
  'foreign',
  'defence',
  'defense',
  'interior',
  'finance',
  'secretary',
  'leader',
  'chancellor',
  'king',
  'queen',
  'general',
  'ambassador',
  'envoy',
  'spokesman',
  'spokeswoman',
  'official',
  'junior',
  'deputy',
  'vice',
  'state',
  'head',
  'chief',
  'commander',
  'senator',
  'judge',
  'opposition',
  'rebel',
  'former',
  'acting',
  'supreme',
  'emir',
  'sheikh',
  'right-winger',
  'leftist',
  'activist',
  'and',
]);
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
}

/** Finds every trigger of a sentence and keeps the longest non-overlapping ones. */
function findMatches(tokens: readonly Token[]): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const candidates = lexicon.byHead.get(token.lower);
    if (!candidates) continue;
    for (const rule of candidates) {
      if (rule.verbal && i > 0 && determiners.has((tokens[i - 1] as Token).lower)) continue;
      let p = i;
      let ok = true;
      for (const alts of rule.rest) {
        let hit = -1;
        for (let j = p + 1; j <= p + 1 + rule.gap && j < tokens.length; j++) {
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
        if (vetoed) continue;
      }
      found.push({ rule, head: i, last: p });
    }
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => b.last - b.head - (a.last - a.head) || a.head - b.head || a.rule.order - b.rule.order);
  const taken = new Uint8Array(tokens.length);
  const kept: Match[] = [];
  for (const m of found) {
    let free = true;
    for (let k = m.head; k <= m.last; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = m.head; k <= m.last; k++) taken[k] = 1;
    kept.push(m);
  }
  return kept.sort((a, b) => a.head - b.head);
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

function buildGroups(doc: Readonly<Doc>, sentence: Sentence, tokens: readonly Token[]): Group[] {
  const raw: Group[] = [];
  for (const entity of doc.entities ?? []) {
    for (const mention of entity.mentions) {
      if (mention.start < sentence.start || mention.end > sentence.end || mention.end <= mention.start)
        continue;
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
  if (g.first > head && after && reportingVerbs.has(after.lower)) return true;
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
  before: readonly Group[],
  tokens: readonly Token[],
  from: number,
  head: number,
): Group[] {
  const inClause = before.filter((g) => g.first >= from);
  let verb = -1;
  for (let k = head - 1; k >= from; k--) {
    if (reportingVerbs.has((tokens[k] as Token).lower)) {
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

/**
 * A participant from a mention group. A country or city followed by an agent noun ("Sudanese
 * rebels", "Turkish riot police") takes the noun into its span and its sector from it.
 */
function participant(doc: Readonly<Doc>, tokens: readonly Token[], g: Group): EventParticipant {
  let end = g.end;
  let sector = g.entity.sector ?? (g.mention.form === 'capital' ? 'GOV' : undefined);
  if (g.entity.type === 'country' || g.entity.type === 'city') {
    const one = tokens[g.last + 1];
    const two = tokens[g.last + 2];
    const pair = one && two ? sectorForWord(`${one.lower} ${two.lower}`) : undefined;
    const single = one ? sectorForWord(one.lower) : undefined;
    if (pair && two) {
      sector = pair;
      end = two.end;
    } else if (single && one) {
      sector = single;
      end = one.end;
    }
  }
  const p: EventParticipant = {
    start: g.start,
    end,
    text: doc.text.slice(g.start, end),
    entity: g.entity.id,
  };
  if (g.entity.country) p.country = g.entity.country;
  if (sector) p.sector = sector;
  return p;
}

/** "many countries": the words before the trigger, when no entity is there. */
function textActor(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  from: number,
  head: number,
): EventParticipant | undefined {
  // The noun phrase ends before the first auxiliary, preposition or reporting verb.
  let end = head - 1;
  for (let k = from; k < head; k++) {
    const t = (tokens[k] as Token).lower;
    if (k > from && (auxTail.has(t) || locativePreps.has(t) || reportingVerbs.has(t))) {
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
  if (functionWords.has(firstWord) || !/^[\p{L}\p{N}]/u.test(firstWord)) return undefined;
  for (let k = start; k <= end; k++) {
    const t = (tokens[k] as Token).lower;
    if (pronouns.has(t) && n === 1) return undefined;
    if (locativePreps.has(t) && k === start) return undefined;
  }
  const s = (tokens[start] as Token).start;
  const e = (tokens[end] as Token).end;
  return { start: s, end: e, text: doc.text.slice(s, e) };
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

function nearestTime(
  times: readonly TimeExpression[],
  sentence: Sentence,
  at: number,
): TimeExpression | undefined {
  let best: TimeExpression | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const t of times) {
    if (t.start < sentence.start || t.end > sentence.end) continue;
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    const distance = t.start >= at ? t.start - at : at - t.end;
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best;
}

function codeSentence(
  ctx: SentenceContext,
  sentence: Sentence,
  index: number,
  options: Required<EventsOptions>,
  matches: Match[],
  out: CodedEvent[],
): void {
  const { doc, tokens, groups } = ctx;
  let absorbedUntil = -1;
  for (const m of matches) {
    if (m.head <= absorbedUntil) continue;
    const spec = m.rule.spec;
    const headToken = tokens[m.head] as Token;
    const lastToken = tokens[m.last] as Token;
    if (isRemoved(doc.removed, headToken.start, lastToken.end)) continue;
    const triggerQuote = inside(ctx.quotes, headToken.start, lastToken.end);
    const usable = groups.filter((g) => !isSourceOnly(ctx, g, triggerQuote, m.head));

    // Recipient: the first entity after the trigger head, respecting the rule's prepositions.
    // The recipient stays in the trigger's clause: stop at ";" or at ", as …", ", while …".
    let limit = tokens.length;
    for (let k = m.last + 1; k < tokens.length; k++) {
      const t = (tokens[k] as Token).lower;
      if (t === ';' || (t === ',' && subordinators.has(tokens[k + 1]?.lower ?? ''))) {
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
    if (!recipientGroup && spec.requirePrep) continue;
    if (!recipientGroup) {
      recipientGroup =
        after.find((g) => {
          const prep = prepBefore(tokens, g.first);
          return prep !== 'in' && prep !== 'at' && prep !== 'near';
        }) ?? after[0];
    }

    // Actor: the subject of the trigger's clause, else of the sentence before it.
    const from = clauseStart(tokens, m.head);
    const before = usable.filter((g) => g.last < m.head);
    let actorGroup = pickSubject(subjectCandidates(before, tokens, from, m.head), tokens);
    // Past commas ("Pakistan, a U.S. ally, has refused …") but not into another clause.
    if (!actorGroup) {
      const outer = clauseStart(tokens, m.head, false);
      actorGroup = pickSubject(
        before.filter((g) => g.first >= outer),
        tokens,
      );
    }
    let actor: EventParticipant | undefined = actorGroup
      ? participant(doc, tokens, actorGroup)
      : textActor(doc, tokens, from, m.head);
    let recipient: EventParticipant | undefined = recipientGroup
      ? participant(doc, tokens, recipientGroup)
      : undefined;

    if (!actorGroup && viaPrep === 'between' && recipientGroup) {
      // "a meeting between Xi and Putin": both sides follow the trigger.
      const second = after.find((g) => g.first > (recipientGroup as Group).last);
      actor = participant(doc, tokens, recipientGroup);
      recipient = second ? participant(doc, tokens, second) : undefined;
    } else if (isPassive(tokens, m.head, m.rule)) {
      // "was attacked by X": the subject is the recipient, the by-phrase the actor.
      const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
      recipient = actor;
      actor = agent ? participant(doc, tokens, agent) : undefined;
    }
    if (actor && recipient && actor.start === recipient.start) recipient = undefined;
    if (!actor && !recipient && spec.needsParticipant !== false) continue;

    let { status, rule: statusRule } = findStatus(tokens, m.head, cues);
    const time = nearestTime(doc.times ?? [], sentence, headToken.start);
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
    const event: CodedEvent = {
      start: sentence.start,
      end: sentence.end,
      type: intent ? intent.type : m.rule.typeSpec.type,
      status,
      cameo: intent ? intent.cameo : spec.cameo,
      quad: intent ? intent.quad : spec.quad,
      goldstein: intent ? intent.goldstein : spec.goldstein,
      trigger: { start: headToken.start, end: lastToken.end },
      sentence: index,
      rule: spec.id,
    };
    const mode = intent ? intent.mode : spec.mode;
    if (mode) event.mode = mode;
    if (!intent && spec.context) event.context = [...spec.context];
    if (actor) event.actor = actor;
    if (recipient) event.recipient = recipient;
    if (time) event.date = time.value;
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
    if (place) event.location = participant(doc, tokens, place);
    out.push(event);
    if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
  }
}

export function codeEvents(doc: Readonly<Doc>, options: EventsOptions = {}): StageResult {
  const settings: Required<EventsOptions> = { absorbWindow: 6, recipientWindow: 12, ...options };
  const events: CodedEvent[] = [];
  const sentences = doc.sentences ?? [];
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index] as Sentence;
    if (sentence.end <= sentence.start || sentence.end > doc.text.length) continue;
    const tokens = tokenizeSentence(doc.text, sentence.start, sentence.end);
    const matches = findMatches(tokens);
    if (matches.length === 0) continue;
    const ctx: SentenceContext = {
      doc,
      tokens,
      groups: buildGroups(doc, sentence, tokens),
      quotes: (doc.quotes ?? []).filter((q) => q.start < sentence.end && q.end > sentence.start),
      attributions: (doc.attributions ?? []).filter((a) => a.start < sentence.end && a.end > sentence.start),
    };
    codeSentence(ctx, sentence, index, settings, matches, events);
  }
  return { events };
}

/** Codes PLOVER events sentence by sentence from the lexicon in `src/rules/events/`. */
export const eventsStage: Stage<EventsOptions | undefined> = {
  name: 'events',
  requires: ['sentences', 'entities', 'times', 'removed'],
  assigns: ['events'],
  run(doc, options) {
    return codeEvents(doc, options ?? {});
  },
};
