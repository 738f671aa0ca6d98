import type { JoinedToken as Token } from '../../core/tokens.js';
import senseData from '../../rules/events/senses.json' with { type: 'json' };
import sentenceWords from '../../rules/events/sentence-words.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { agentIn } from './agent-phrases.js';
import type { ClauseFrame } from './analyze-clauses.js';

const actorNouns = new Set(wordList(senseData.actorNouns, 'events/senses actorNouns'));

/*
 * Speaking verbs that state a view (rules/events/senses.json `statementVerbs`); positions stated,
 * not acts: an insistence whose modal of obligation binds no one who could be asked
 * (`statementVerbs.demandTargets`); and "offer" with a thing as its subject (`affordSense`).
 */

const afford = senseData.affordSense;
const affordForms = new Set(afford.forms);
const people = new Set(afford.people);
const titleWords = new Set(wordList(sentenceWords.titleWords, 'events/sentence-words titleWords'));
/** Rule id of "offer" with a thing as its subject: it provides, no one offers. */
export const affordSenseRule: string = afford.id;

/**
 * "the deal offers hope", "Mutual homes will offer people the opportunity": an active verb of
 * offering whose clause subject names no one who can act makes something available (`affordSense`).
 */
export function isAffordSense(
  head: number,
  tokens: readonly Token[],
  frame: ClauseFrame,
  tagAt: (i: number) => string,
): boolean {
  if (frame.kind !== 'verbal' || frame.verbGroup?.voice !== 'active') return false;
  if (frame.actorBy !== 'clause:subject' || !affordForms.has((tokens[head] as Token).lower)) return false;
  const subject = frame.actors[0];
  if (!subject) return false;
  for (let k = subject.first; k <= subject.last; k++) {
    const t = (tokens[k] as Token).lower;
    if (/^NNPS?$/.test(tagAt(k)) || people.has(t) || titleWords.has(t) || actorNouns.has(t)) return false;
  }
  return agentIn(tokens, subject.first, subject.last) === undefined;
}

const demandTargets = new Set(
  wordList(senseData.statementVerbs.demandTargets, 'events/senses statementVerbs.demandTargets'),
);
export const mustRules = new Set(senseData.statementVerbs.demandTargets.rules);
/** Rule id of an insistence whose modal of obligation binds no one who could be asked: a position. */
export const obligationSubjectRule: string = senseData.statementVerbs.demandTargets.id;

/**
 * Whether tokens `from`..`to` (the subject of a modal of obligation in a complement) name someone a
 * demand can be made on: a proper noun, a pronoun of another party, an agent or actor noun.
 */
export function namesDemandTarget(
  tokens: readonly Token[],
  from: number,
  to: number,
  tagAt: (i: number) => string,
): boolean {
  for (let k = from; k <= to; k++) {
    const t = (tokens[k] as Token).lower;
    if (/^NNPS?$/.test(tagAt(k)) || demandTargets.has(t) || actorNouns.has(t)) return true;
  }
  return agentIn(tokens, from, to) !== undefined;
}

/**
 * "said that control orders must be issued by the home secretary": a match from a verb of saying to
 * the modal of obligation at `last` whose subject names no one a demand could be made on is a
 * position stated (statementVerbs.demandTargets), not a demand.
 */
export function obligationPosition(
  last: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): boolean {
  let from = last;
  while (from > 0 && !/^VB[DZPG]?$/.test(tagAt(from - 1)) && tokens[from - 1]?.lower !== 'that') from--;
  if (from === 0) return false;
  return !namesDemandTarget(tokens, from, last - 1, tagAt);
}

const statementRules = new Set(
  wordList(senseData.statementVerbs, 'events/senses statementVerbs', { lowercase: false }),
);
export const statementSenseRule: string = senseData.statementVerbs.id;
const complementSubjects = new Set(senseData.statementVerbs.complementSubjects);
const clauseEnd = new Set([';', '.', ':']);
const addressees = new Set(senseData.statementVerbs.addressees);
const commits = new Set(senseData.statementVerbs.commits);
const demands = new Set(senseData.statementVerbs.demands);
const demandPreps = new Set(senseData.statementVerbs.demandPreps);
const obligations = new Set(senseData.statementVerbs.obligations);
const accords = new Set(senseData.statementVerbs.accords);
const accordPreps = new Set(senseData.statementVerbs.accordPreps);
const objects = new Set(senseData.statementVerbs.objects);
/**
 * A speaking verb ("warned", "insisted", "promised", "agreed") that only states a view: coded only
 * when it directs or commits someone (see `statementVerbs` in rules/events/senses.json): addressed
 * to a named party or an object pronoun right after it, followed in its clause by an infinitive
 * ("warned Russia to stay away", "pledged to oppose"), for a verb that commits its speaker by a
 * complement whose subject is a pronoun with will/would ("warned that it would retaliate"), for a
 * verb of demand by "on" or a modal of obligation ("insisted on a vote", "insisted Iran must
 * stop"), for "agree" by "on"/"to" in its clause, and for "agree", "promise" and "pledge" by a noun
 * phrase right after the verb ("agreed a deal", "promised an upper limit").
 */
export function statementSenseOf(
  rule: string,
  last: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
): string | undefined {
  if (mustRules.has(rule)) return obligationPosition(last, tokens, tagAt) ? obligationSubjectRule : undefined;
  if (!statementRules.has(rule)) return undefined;
  const obliged: { subjectFrom: number; rule?: string } = { subjectFrom: last + 1 };
  return isStatementSense(rule, last, tokens, tagAt, obliged)
    ? (obliged.rule ?? statementSenseRule)
    : undefined;
}

function isStatementSense(
  rule: string,
  last: number,
  tokens: readonly Token[],
  tagAt: (i: number) => string,
  obliged: { subjectFrom: number; rule?: string },
): boolean {
  const next = last + 1 < tokens.length ? tagAt(last + 1) : '';
  const nextWord = tokens[last + 1]?.lower ?? '';
  // Addressed to someone ("warns Greece over plans", "warned them"): a warning to a party, not a view.
  // A demand is made on something ("insisted on a vote"); what else follows is what is insisted.
  if (demands.has(rule) && demandPreps.has(nextWord)) return false;
  if (!demands.has(rule) && (next === 'NNP' || next === 'NNPS' || addressees.has(nextWord))) return false;
  // "agreed a deal", "promised an upper limit": an agreement on or a promise of a thing, not a view.
  if (objects.has(rule) && /^(DT|CD|JJ|NNS?|PRP\$)$/.test(next) && nextWord !== 'that') return false;
  const end = Math.min(tokens.length, last + 10);
  // Inside a complement clause ("insisted it would not bow to demands to recognise …") an infinitive
  // belongs to the complement, not to the speaking verb.
  let complement = demands.has(rule);
  for (let k = last + 1; k < end; k++) {
    const t = (tokens[k] as Token).lower;
    if (clauseEnd.has(t)) break;
    if (demands.has(rule) && t === 'that') obliged.subjectFrom = k + 1;
    // "insisted Iran must stop" is a demand on Iran; "insisted that control orders must be issued
    // by the home secretary" binds no one who could be asked: a position (statementVerbs.demandTargets).
    if (demands.has(rule) && obligations.has(t)) {
      if (namesDemandTarget(tokens, obliged.subjectFrom, k - 1, tagAt)) return false;
      obliged.rule = obligationSubjectRule;
      return true;
    }
    if (complement) continue;
    if (accords.has(rule) && accordPreps.has(t)) return false;
    // A complement clause: a threat or promise only when its subject is a pronoun with will/would.
    if (t === 'that' || (complementSubjects.has(t) && k === last + 1)) {
      if (accords.has(rule)) return true;
      const subject = t === 'that' ? k + 1 : k;
      const modal = tokens[subject + 1]?.lower;
      if (
        commits.has(rule) &&
        complementSubjects.has(tokens[subject]?.lower ?? '') &&
        (modal === 'will' || modal === 'would')
      )
        return false;
      if (!demands.has(rule)) return true;
      complement = true;
      continue;
    }
    if (t === 'to') {
      const verb = tokens[k + 1]?.lower === 'not' ? k + 2 : k + 1;
      if (tagAt(verb) === 'VB') return false;
    }
  }
  return true;
}
