import type { JoinedToken as Token } from '../../core/tokens.js';
import senseData from '../../rules/events/senses.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import type { ClauseAnalysis, ClauseFrame, Phrase } from './analyze-clauses.js';

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
const statementRules = new Set(
  wordList(senseData.statementVerbs, 'events/senses statementVerbs', { lowercase: false }),
);
export const statementSenseRule: string = senseData.statementVerbs.id;
const complementSubjects = new Set(senseData.statementVerbs.complementSubjects);
const clauseEnd = new Set([';', '.', ':']);
const addressees = new Set(senseData.statementVerbs.addressees);

/**
 * A speaking verb ("warned", "insisted") that only states a view: not addressed to a named party or
 * an object pronoun right after it, not "against" an act, and not followed, in its clause, by
 * an infinitive ("warned Russia to stay away", "insisted on" does not count) nor by a complement
 * whose subject is a pronoun with will/would ("warned that it would retaliate").
 */
export function isStatementSense(
  rule: string,
  last: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): boolean {
  if (!statementRules.has(rule)) return false;
  // Addressed to someone ("warns Greece over plans", "warned them"): a warning to a party, not a view.
  const next = last + 1 < tokens.length ? tagAt(last + 1) : '';
  if (next === 'NNP' || next === 'NNPS' || addressees.has(tokens[last + 1]?.lower ?? '')) return false;
  const end = Math.min(tokens.length, last + 10);
  for (let k = last + 1; k < end; k++) {
    const t = (tokens[k] as Token).lower;
    if (clauseEnd.has(t)) break;
    // "warned against creating marine parks": a warning against an act.
    if (t === 'against') return false;
    // A complement clause: a threat or promise only when its subject is a pronoun with will/would.
    if (t === 'that' || (complementSubjects.has(t) && k === last + 1)) {
      const subject = t === 'that' ? k + 1 : k;
      const modal = tokens[subject + 1]?.lower;
      return !(
        complementSubjects.has(tokens[subject]?.lower ?? '') &&
        (modal === 'will' || modal === 'would')
      );
    }
    if (t === 'to') {
      const next = tokens[k + 1]?.lower === 'not' ? k + 2 : k + 1;
      if (tagAt(next) === 'VB') return false;
    }
  }
  return true;
}

export type SenseVerdict =
  | { action: 'reject'; rule: string }
  | { action: 'recode'; rule: string; type: 'ACCUSE'; cameo: '111'; mode: 'disapprove' };

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
  for (const m of text.matchAll(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g)) {
    const w = m[0].toLowerCase();
    if (sportWords.has(w)) words++;
    else if (score.test(w)) scores++;
    if (words >= 2 || (words >= 1 && scores >= 1)) return true;
  }
  return false;
}

export function checkSense(
  type: string,
  verbal: boolean,
  head: number,
  tokens: readonly Token[],
  clauses: ClauseAnalysis,
  frame: ClauseFrame | undefined,
  sport: () => boolean,
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
    !/^(NNPS?|DT|PRP\$?|CD)$/.test(clauses.tagAt(head + 1))
  )
    return { action: 'reject', rule: 'events:sense.tagged-noun' };
  if (!frame) return undefined;
  if (type === 'ASSAULT') {
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
  if (type === 'CONSULT' && frame.kind === 'verbal' && frame.object) {
    if (targetObjects.has(headOf(tokens, frame.object) as string))
      return { action: 'reject', rule: 'events:sense.meet-target' };
  }
  if (sportTypes.has(type) && sport()) return { action: 'reject', rule: 'events:sense.sport' };
  return undefined;
}
