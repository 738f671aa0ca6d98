import type { EventParticipant } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import type { ClauseAnalysis, ClauseFrame } from './analyze-clauses.js';
import {
  checkForce,
  checkSense,
  isOwnPledge,
  isQuestionSense,
  isStandingPosition,
  ownPledgeRule,
  questionSenseRule,
  type SenseVerdict,
  standingPositionRule,
  statementSenseOf,
} from './check-sense.js';
import type { Rejection, SentenceRun, Sides, Trigger } from './coding-state.js';
import { vetoBelow } from './event-detector.js';
import {
  genericRelativeRule,
  headlinePassive,
  headlinePassiveRule,
  isGenericRelative,
} from './generic-relative.js';
import { agentlessVerbalPassiveRule, needsSpeaker, participant } from './participants.js';
import {
  finiteVerbs,
  type Group,
  isNounUse,
  isPassive,
  possessivePronouns,
  prepBefore,
  subordinators,
} from './sentence-words.js';
import { isModifiedNoun, modifiedNounRule } from './verb-senses.js';

/** Determiners that open an apposition's noun phrase. */
const appositionOpeners = new Set(['a', 'an', 'the']);
/** How far an apposition's closing comma may lie after the trigger. */
const appositionReach = 10;

/**
 * Whether the trigger `[head, last]` is a word of an apposition: ", a/an/the …," right after a
 * named mention, with no verb, relative word or clause mark between the opening determiner and
 * the trigger, and a closing comma after it before the clause ends.
 */
export function inApposition(
  tokens: readonly Token[],
  groups: readonly Group[],
  head: number,
  last: number,
): boolean {
  let open = -1;
  for (let k = head - 1; k >= 1; k--) {
    const t = (tokens[k] as Token).lower;
    if (t === ',') {
      open = k;
      break;
    }
    if (t === ';' || t === ':' || t === '(' || subordinators.has(t) || finiteVerbs.has(t)) return false;
  }
  if (open < 1 || !appositionOpeners.has(tokens[open + 1]?.lower ?? '')) return false;
  if (!groups.some((g) => g.last === open - 1)) return false;
  for (let k = last + 1; k < tokens.length && k <= last + appositionReach; k++) {
    const t = (tokens[k] as Token).lower;
    if (t === ',') return true;
    if (t === ';' || t === '.' || subordinators.has(t) || finiteVerbs.has(t)) return false;
  }
  return false;
}

/** Whether an event noun has a possessor before it in its noun phrase ("his planned visit", "Iran's attack"). */
function hasPossessor(tokens: readonly Token[], head: number): boolean {
  for (let k = head - 1; k >= Math.max(0, head - 4); k--) {
    const t = (tokens[k] as Token).lower;
    if (possessivePronouns.has(t) || t === "'s" || t === '’s' || t.endsWith("'s") || t.endsWith('’s'))
      return true;
    if (t === 'a' || t === 'an' || t === 'the' || !/^[\p{L}-]+$/u.test(t)) return false;
  }
  return false;
}

/** What the sense gates read of a trigger that passed them. */
export interface SenseReading {
  sense: SenseVerdict | undefined;
  headline: 'agent' | 'none' | undefined;
}

/**
 * The gates on the trigger's sense in its clause: a governing imported verb, a sense the senses
 * reject, a view stated, a headline passive (whose by-phrase then acts on its subject), a generic
 * relative clause, a standing position, a question. A headline's agent sets the sides.
 */
export function senseGates(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  clauses: ClauseAnalysis | undefined,
  frame: ClauseFrame | undefined,
): SenseReading | Rejection {
  const { doc, tokens, groups } = run.ctx;
  const { m, usable } = t;
  const spec = m.rule.spec;
  const sense = clauses
    ? checkSense(m.rule.typeSpec.type, m.rule.verbal, m.head, tokens, clauses, frame, run.sport, doc.text)
    : undefined;
  // "is expected to visit": an imported pattern on the verb that governs the main one is no event
  // of its own (our own rules say so with `absorbs`).
  if (m.rule.imported && clauses?.governsVerb(m.head)) return { reason: 'governs-verb' };
  if (sense?.action === 'reject') return { reason: sense.rule };
  // "won wide support among voters": after an attributive adjective the word heads a noun group.
  // Headlines drop their determiners and the tagger reads a name there as an adjective ("Short attacks").
  if (
    clauses &&
    m.rule.verbal &&
    !run.inHeadline &&
    isModifiedNoun(m.rule.typeSpec.type, m.head, tokens, clauses, doc.text)
  )
    return { reason: modifiedNounRule };
  // "warned that councils would struggle": a view stated, not a threat; what it governs stays absorbed.
  const statement = clauses ? statementSenseOf(spec.id, m.last, tokens, (i) => clauses.tagAt(i)) : undefined;
  if (statement) return { reason: statement, absorbs: true };
  // "Labour accused over poster": a headline passive with no agent; the lead names who acted.
  const headline = clauses
    ? headlinePassive(
        tokens,
        m.head,
        m.last,
        doc.text.slice(run.sentence.start, run.sentence.end),
        // a headline stands over a story: the first paragraph of a document that has more
        run.inHeadline,
        (i) => clauses.tagAt(i),
      )
    : undefined;
  // "Blair attacked by MPs": the subject undergoes, the by-phrase acts; a by-phrase that names
  // no entity leaves the actor to the lead, as no by-phrase does.
  const headlineAgent =
    headline === 'agent'
      ? usable.find((g) => g.first > m.last && prepBefore(tokens, g.first) === 'by')
      : undefined;
  if (headline === 'none' || (headline === 'agent' && !headlineAgent)) return { reason: headlinePassiveRule };
  if (headlineAgent) {
    const subject = usable.filter((g) => g.last < m.head).pop();
    sides.actor = participant(doc, tokens, headlineAgent, run.sole, groups);
    sides.actorBy = 'headline-by-agent';
    if (subject) {
      sides.recipient = participant(doc, tokens, subject, run.sole, groups);
      sides.recipientBy = 'headline-passive-subject';
    }
  }
  // "a party which offers a different vision": a relative clause describing a kind names no actor's act.
  if (clauses && m.rule.verbal && isGenericRelative(tokens, m.head, (i) => clauses.tagAt(i)))
    return { reason: genericRelativeRule };
  // "the party opposes the plan": a position held, not an act; headlines tell acts in the present.
  if (clauses && !run.inHeadline && isStandingPosition(m.head, tokens, (i) => clauses.tagAt(i)))
    return { reason: standingPositionRule };
  // What the question asks about is no event either.
  if (isQuestionSense(spec.id, m.last, tokens)) return { reason: questionSenseRule, absorbs: true };
  return { sense, headline };
}

/**
 * The gates on the trigger's final sides: a verbal passive with no one said to act, a nominal
 * event no one carries out, no participant at all (a preposition's object first fills the
 * recipient), one's own pledge, an attack with no sign of force, an imported rule without two
 * named sides, the classifier's veto. Returns the sense, which the force check may set.
 */
export function participantGates(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  frame: ClauseFrame | undefined,
  sense: SenseVerdict | undefined,
): { sense: SenseVerdict | undefined } | Rejection {
  const { doc, tokens, groups } = run.ctx;
  const { m } = t;
  const spec = m.rule.spec;
  // "Labour has been accused of …", "he was asked": a verbal act with no one named who said it.
  if (
    !sides.actor &&
    m.rule.verbal &&
    !isNounUse(tokens, m.head) &&
    needsSpeaker(m.rule.typeSpec.type, spec.context) &&
    (frame?.verbGroup?.voice === 'passive' || isPassive(tokens, m.head, m.rule)) &&
    // "was criticised by some analysts": a by-phrase names the speaker even when it is no entity.
    !frame?.preps.some((p) => p.prep === 'by') &&
    tokens[m.last + 1]?.lower !== 'by'
  )
    return { reason: agentlessVerbalPassiveRule };
  // "a phased withdrawal of UK troops", "the hunger strike": a nominal event that no one is
  // said to carry out is a reference to a happening, not a report of one (PLOVER codes an actor).
  // One with a possessor ("his planned visit") names its actor even when it is not resolved.
  if (
    !sides.actor &&
    (!m.rule.verbal || isNounUse(tokens, m.head)) &&
    spec.needsParticipant !== false &&
    !hasPossessor(tokens, m.head)
  )
    return { reason: 'nominal-no-actor' };
  if (!sides.actor && !sides.recipient && sides.prepObject) {
    sides.recipient = participant(doc, tokens, sides.prepObject, run.sole, groups);
    sides.recipientBy = 'prep-object';
  }
  if (!sides.actor && !sides.recipient && spec.needsParticipant !== false)
    return { reason: 'no-participant' };
  // "The Tories have pledged to cut taxes": a promise to no one of one's own policy.
  if (isOwnPledge(spec.id, sides.actor, sides.recipient)) return { reason: ownPledgeRule };
  // An attack verb with no sign of force ("attacked Labour's pledges", "struck a deal").
  if (!sense && m.rule.typeSpec.type === 'ASSAULT') {
    const side = (p: EventParticipant | undefined) =>
      p && {
        sector: p.sector,
        entityType: p.entity ? doc.entities?.find((e) => e.id === p.entity)?.type : undefined,
      };
    sense = checkForce(spec.id, tokens, [side(sides.actor), side(sides.recipient)]);
    if (sense?.action === 'reject') return { reason: sense.rule };
  }
  // PETRARCH codes a verb only between a source and a target it knows: an imported rule needs
  // both sides, each a named actor.
  if (m.rule.imported && !(sides.actor?.entity && sides.recipient?.entity))
    return { reason: 'imported-needs-both' };
  // The detector vetoes imported matches only: on our own rules' sentences it is not yet
  // reliable enough ("Xi also visited Moscow" scores 0.02); there it is recorded in the trace.
  if (run.options.classifier && m.rule.imported && run.judge().event < vetoBelow)
    return { reason: 'classifier-veto', score: run.judge().event };
  return { sense };
}
