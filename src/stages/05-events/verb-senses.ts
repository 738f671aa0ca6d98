import type { JoinedToken as Token } from '../../core/tokens.js';
import senseData from '../../rules/events/senses.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { type ClauseAnalysis, type ClauseFrame, isSupportVerb, type Phrase } from './analyze-clauses.js';
import { locativePreps } from './sentence-words.js';

/*
 * Verb senses read from the verb's object: "demonstrate" with an object shows, "sanction" an act
 * authorises it (rules/events/senses.json `transitiveShow`, `approveSense`).
 */

/** The head words a phrase may have: its last token, and the word before its first preposition ("the report by the team"). */
export function firstHeads(tokens: readonly Token[], p: Phrase | undefined): string[] {
  if (!p) return [];
  const out = [(tokens[p.last] as Token).lower];
  for (let k = p.first + 1; k <= p.last; k++) {
    if (locativePreps.has((tokens[k] as Token).lower)) {
      out.push((tokens[k - 1] as Token).lower);
      break;
    }
  }
  return out;
}

const transitiveShow = senseData.transitiveShow;
const showForms = new Set(transitiveShow.forms);
const showClauseWords = new Set(wordList(transitiveShow, 'events/senses transitiveShow'));

/**
 * "the views demonstrated the widely-held view", "the figures demonstrate that …": the verb of
 * protest used transitively means show (`transitiveShow`); the protest verb takes no object.
 */
export function isShowSense(
  type: string,
  head: number,
  tokens: readonly Token[],
  frame: ClauseFrame,
): boolean {
  if (type !== 'PROTEST' || frame.kind !== 'verbal' || frame.verbGroup?.voice === 'passive') return false;
  if (!showForms.has((tokens[head] as Token).lower)) return false;
  const vgLast = frame.verbGroup?.last ?? head;
  return frame.object !== undefined || showClauseWords.has(tokens[vgLast + 1]?.lower ?? '');
}

const approveSense = senseData.approveSense;
const approveForms = new Set(approveSense.forms);
const permittedActs = new Set(wordList(approveSense, 'events/senses approveSense'));

/** "a resolution sanctioning military action": the verb "sanction" with an act as its object authorises it (`approveSense`). */
export function isApproveSense(
  type: string,
  head: number,
  tokens: readonly Token[],
  frame: ClauseFrame,
): boolean {
  if (type !== 'SANCTION' || frame.kind !== 'verbal' || frame.verbGroup?.voice === 'passive') return false;
  if (!approveForms.has((tokens[head] as Token).lower)) return false;
  return firstHeads(tokens, frame.object).some((w) => permittedActs.has(w));
}

/** Rule ids of the two senses. */
export const showSenseRule: string = transitiveShow.id;
export const approveSenseRule: string = approveSense.id;

const adjectiveUse = senseData.adjectiveUse;
const adjectiveForms = new Set(adjectiveUse.forms);
const adjectiveComplements = new Set(wordList(adjectiveUse, 'events/senses adjectiveUse'));
/** Rule id of a verb form used as an adjective before its complement ("free from means testing"). */
export const adjectiveUseRule: string = adjectiveUse.id;

/** "a pension free from means testing": the bare form right before "from"/"of" is the adjective (`adjectiveUse`). */
export function isAdjectiveUse(head: number, tokens: readonly Token[]): boolean {
  return (
    adjectiveForms.has((tokens[head] as Token).lower) &&
    adjectiveComplements.has(tokens[head + 1]?.lower ?? '')
  );
}

const modifiedNoun = senseData.modifiedNoun;
const adjectiveTags = new Set(modifiedNoun.tags);
const statementTypes = new Set(modifiedNoun.types);
const fusedHeads = new Set(wordList(modifiedNoun, 'events/senses modifiedNoun'));
/** Rule id of a verb trigger read as a noun after an attributive adjective ("wide support"). */
export const modifiedNounRule: string = modifiedNoun.id;
/** Tags after the head that make it a mistagged verb with its object. */
const objectTags = new Set(['DT', 'PRP', 'PRP$']);

/**
 * "won wide support among voters", "to meet strong demand": a trigger tagged as a common noun right
 * after a lowercase attributive adjective of its own noun group is the noun (`modifiedNoun`), for
 * the verbal types, unless the group is a support verb's object. The caller leaves headlines out.
 */
export function isModifiedNoun(
  type: string,
  head: number,
  tokens: readonly Token[],
  clauses: ClauseAnalysis,
  text: string,
): boolean {
  if (!statementTypes.has(type)) return false;
  if (head < 1 || !/^NNS?$/.test(clauses.tagAt(head)) || objectTags.has(clauses.tagAt(head + 1)))
    return false;
  const k = head - 1;
  if (!adjectiveTags.has(clauses.tagAt(k)) || fusedHeads.has((tokens[k] as Token).lower)) return false;
  // "the American demand", "Tory support": a proper adjective names the party that acts.
  if (/\p{Lu}/u.test(text.charAt((tokens[k] as Token).start))) return false;
  const c = clauses.chunkOf[head] ?? -1;
  if (c < 0 || c !== clauses.chunkOf[k] || clauses.chunks[c]?.kind !== 'NP') return false;
  // "made a direct appeal to", "will make similar offers": the object of a support verb names the
  // event its subject acts in.
  const before = clauses.chunks[c - 1];
  return !(before?.kind === 'VG' && isSupportVerb((tokens[before.head] as Token).lower));
}
