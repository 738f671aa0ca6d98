import type { Attribution, Doc, Entity, Mention, Quote, Span, TimeExpression } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import clauseData from '../../rules/events/clause-words.json' with { type: 'json' };
import sentenceWords from '../../rules/events/sentence-words.json' with { type: 'json' };
import {
  months as monthNames,
  personalPronouns,
  reportingVerbs as reportingVerbLists,
} from '../../rules/lexicon/lexicon.js';
import { wordList } from '../../rules/word-list.js';
import type { ClauseAnalysis } from './analyze-clauses.js';
import { type CompiledRule, compileLexicon } from './compile-lexicon.js';
import type { PronounResolver } from './pronoun-actors.js';

export const lexicon = compileLexicon();

/** Verbs that only report ("said", "told"): evaluative ones ("condemned") are events of their own. */
export const reportingVerbs = new Set(reportingVerbLists.neutral);

/** A reporting verb as written in lowercase: a capitalised "States" or "Reports" is part of a name. */
export function isReportingVerb(text: string, token: Token | undefined): boolean {
  return token !== undefined && reportingVerbs.has(token.lower) && isLower(text, token);
}

/** The closed-class words the stage reads a sentence with (`src/rules/events/sentence-words.json`). */
const list = (name: keyof typeof sentenceWords) =>
  wordList(sentenceWords[name], `events/sentence-words ${name}`);
export const clauseBreakers = new Set(list('clauseBreakers'));
/** Relative pronouns and adverbs ("who", "which"): they open a clause that describes a noun. */
export const relatives: ReadonlySet<string> = new Set(list('relatives'));
export const subordinators = new Set([...relatives, ...list('subordinators')]);
export const determiners = new Set(list('determiners'));
export const possessivePronouns = new Set(list('possessivePronouns'));
export const locativePreps = new Set(list('locativePrepositions'));
const beAux = new Set(list('be'));
/** Whether the word is a form of "be". */
export function isBeForm(word: string): boolean {
  return beAux.has(word);
}
export const adverbs = new Set(list('adverbs'));
/** Words after which a base form is a verb group's verb ("will attack", "to bomb", "did not fund"). */
export const baseFormOpeners = new Set(list('baseFormOpeners'));
/** Negations inside a verb group ("will not attack"): the clause analysis's list. */
export const negations = new Set(wordList(clauseData.negations, 'events/clause-words negations'));
const auxiliaries = list('auxiliaries');
/** Words that may stand between a subject and its verb. */
export const auxTail = new Set([...adverbs, ...beAux, ...auxiliaries, ...list('beforeVerb')]);
/** Words a noun phrase does not start with: a text actor starting with one is a parsing slip. */
export const functionWords = new Set(list('functionWords'));
export const pronouns = new Set([...personalPronouns, ...list('proForms')]);
export const titleWords = new Set(list('titleWords'));
/** Words before a verb-form head that make it a noun ("such attacks", "new visits"). */
const nounPreceders = new Set(list('nounPreceders'));
/** Determiner-only modifiers ("the first visit", never "will first visit"); see the data file. */
const nounModifiersAfterDeterminer = new Set(list('nounModifiersAfterDeterminer'));
/** Prepositions after which a base or -s form is a noun ("after talks", "in support of"). */
const nounPreps = new Set(list('nounPrepositions'));
/** Finite verbs and auxiliaries: a base or -s form right before one heads the subject ("shells struck"). */
export const finiteVerbs = new Set([...beAux, ...auxiliaries, ...list('finiteVerbs')]);
for (const [form, rules] of lexicon.ownHeads) {
  if (form.endsWith('ed') && rules.some((r) => r.verbal)) finiteVerbs.add(form);
}
/** Control verbs end a subject noun phrase ("the leaders aimed to …", "the Lib Dems plan to …"). */
export const controlVerbs = new Set(list('controlVerbs'));
/** A participial clause opens with one of these ("Besides meeting Xi, Putin …"). */
export const participialOpeners = new Set(list('participialOpeners'));
/** A demonym after one of these is a place's modifier ("near the Ukrainian border"), never a participant. */
export const placePreps = new Set(list('placePrepositions'));
/** Words that cannot end a subject noun phrase. */
export const badNpEnd = new Set([
  ...determiners,
  ...functionWords,
  ...pronouns,
  ...adverbs,
  ...list('notNounPhraseEnd'),
]);
export const badNpFirst = new Set([...functionWords, ...list('notNounPhraseStart')]);
/** Month names make a following verb form a noun ("March talks"); "may" is far more often the modal. */
const months = new Set(monthNames.map((m) => m.name).filter((name) => name !== 'may'));
/** Words that open a new clause or carry its verb between a nominal trigger and a by-phrase. */
const clauseWords = new Set([...relatives, ...beAux]);
export const particles = new Set(list('particles'));
export const typeRank: Record<string, number> = { person: 0, organization: 1, country: 2, city: 3, place: 4 };

export interface Match {
  rule: CompiledRule;
  head: number;
  last: number;
}

/** Mentions of one actor: "Russian President Vladimir Putin" may be a demonym and a person. */
export interface Group {
  start: number;
  end: number;
  first: number;
  last: number;
  entity: Entity;
  mention: Mention;
}

export interface SentenceContext {
  doc: Readonly<Doc>;
  tokens: Token[];
  groups: Group[];
  quotes: readonly Quote[];
  attributions: readonly Attribution[];
  /** The sentence's time expressions. */
  times: readonly TimeExpression[];
  /** The sentence's clause analysis, computed on first call (tagging costs; most sentences never ask). */
  clauses?: () => ClauseAnalysis | undefined;
  /** The whole document reads as sport (`events:genre.sport-document`): sport senses apply everywhere. */
  sportDocument?: boolean;
  /** The sentence's index and the document's pronoun resolver ("He insisted" → the person named before). */
  index?: number;
  pronouns?: PronounResolver;
  /** Whether an offset lies inside a quotation (read as news copy writes them; see `passage-genre.ts`). */
  quoted?: (pos: number) => boolean;
  /** A mention of the country the article's story is set in, the nearest before `at` (`storyCountryOf`). */
  storyMention?: (at: number) => EntityMention | undefined;
}

export function isPossessive(t: string): boolean {
  return t === "'" || t === '’' || t.endsWith("'s") || t.endsWith('’s');
}

/**
 * Whether a verb-form head is used as a noun: after a determiner, a possessive or a quantifier
 * ("the attacks", "Tories' offer", "such attacks"); and, for base and -s forms, after a
 * preposition ("after talks") or a number, or right before a finite verb ("Artillery shells
 * struck …": the head of the subject). Participles (-ed, -ing) are only ruled out by a determiner.
 */
export function isNounUse(tokens: readonly Token[], i: number): boolean {
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
export function crossesClause(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = (tokens[k] as Token).lower;
    if (clauseWords.has(t) || clauseBreakers.has(t)) return true;
  }
  return false;
}

export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface EntityMention extends Span {
  entity: Entity;
  mention: Mention;
}

export function inside(spans: readonly { start: number; end: number }[], start: number, end: number): number {
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k] as { start: number; end: number };
    if (s.start <= start && end <= s.end) return k;
  }
  return -1;
}

export function prepBefore(tokens: readonly Token[], first: number): string | undefined {
  let k = first - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  return tokens[k]?.lower;
}

export function clauseStart(tokens: readonly Token[], head: number, punctuation = true): number {
  for (let k = head - 1; k >= 0; k--) {
    const t = (tokens[k] as Token).lower;
    if ((punctuation && clauseBreakers.has(t)) || subordinators.has(t)) return k + 1;
  }
  return 0;
}

export function isLower(text: string, token: Token): boolean {
  const c = text.charCodeAt(token.start);
  return c >= 97 && c <= 122;
}

const wordStart = /^[\p{L}\p{N}]/u;

export function isWordStart(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && wordStart.test(t));
}

export function isPassive(tokens: readonly Token[], head: number, rule: CompiledRule): boolean {
  if (!rule.verbal) return false;
  const h = (tokens[head] as Token).lower;
  if (h.endsWith('ing') || h.endsWith('s')) return false;
  let k = head - 1;
  while (k >= 0 && adverbs.has((tokens[k] as Token).lower)) k--;
  return k >= 0 && beAux.has((tokens[k] as Token).lower);
}

/** Whether an attribution's content is an infinitive ("is expected | to visit Harbin"): its source is that verb's subject. */
export function infinitiveContent(text: string, a: Attribution): boolean {
  if (!a.content) return false;
  const head = text.slice(a.content.start, a.content.start + 3).toLowerCase();
  return head === 'to ';
}
