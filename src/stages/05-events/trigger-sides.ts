import type { EventParticipant } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { textActor } from './agent-phrases.js';
import { type ClauseFrame, instrumentRule } from './analyze-clauses.js';
import { type ClauseSides, clauseSides, clauseTextActor } from './clause-participants.js';
import type { Rejection, SentenceRun, Sides, Trigger } from './coding-state.js';
import { participant, pickSubject, subjectCandidates } from './participants.js';
import {
  clauseStart,
  crossesClause,
  type Group,
  isNounUse,
  isPassive,
  participialOpeners,
  prepBefore,
  subordinators,
} from './sentence-words.js';

/** The comma closing a sentence-opening participial clause ("Besides meeting …, Putin"), or -1. */
export function leadingParticipialComma(tokens: readonly Token[], head: number): number {
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

/** The recipient the token windows find: the first entity after the trigger head, by the rule's prepositions first. */
interface RecipientWindow {
  limit: number;
  after: Group[];
  recipientGroup: Group | undefined;
  recipientBy: string | undefined;
  viaPrep: string | undefined;
}

/**
 * Recipient: the first entity after the trigger head, respecting the rule's prepositions. The
 * recipient stays in the trigger's clause: stop at ";" or at ", as …", ", while …". A rule that
 * requires a preposition and finds none is rejected (`needs-prep`).
 */
function recipientWindow(run: SentenceRun, t: Trigger): RecipientWindow | Rejection {
  const { tokens } = run.ctx;
  const { m, usable, leadingComma } = t;
  let limit = tokens.length;
  for (let k = m.last + 1; k < tokens.length; k++) {
    const w = (tokens[k] as Token).lower;
    if (w === ';' || (w === ',' && (k === leadingComma || subordinators.has(tokens[k + 1]?.lower ?? '')))) {
      limit = k;
      break;
    }
  }
  const after = usable.filter(
    (g) =>
      g.first > m.head &&
      g.first < limit &&
      g.first - m.last <= run.options.recipientWindow &&
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
  if (!recipientGroup && m.rule.spec.requirePrep) return { reason: 'needs-prep' };
  let recipientBy = recipientGroup && viaPrep ? `prep:${viaPrep}` : undefined;
  if (!recipientGroup) {
    recipientGroup =
      after.find((g) => {
        const prep = prepBefore(tokens, g.first);
        return prep !== 'in' && prep !== 'at' && prep !== 'near';
      }) ?? after[0];
    if (recipientGroup) recipientBy = 'after-trigger';
  }
  return { limit, after, recipientGroup, recipientBy, viaPrep };
}

/** The actor the token windows find, with the group it came from and a preposition's object passed over. */
interface ActorWindow {
  actor: EventParticipant | undefined;
  actorBy: string | undefined;
  actorGroup: Group | undefined;
  prepObject: Group | undefined;
}

/**
 * Actor: the subject of the trigger's clause, else of the sentence before it; after a leading
 * participial clause the name after its comma; else the clause's text before the trigger; a
 * coordinated or trailing verb shares the previous event's actor.
 */
function actorWindow(run: SentenceRun, t: Trigger): ActorWindow {
  const { doc, tokens, groups } = run.ctx;
  const { m, usable, leadingComma, trailing, lastEvent, prevLower } = t;
  const from = clauseStart(tokens, m.head);
  const before = usable.filter((g) => g.last < m.head);
  const candidates = subjectCandidates(doc.text, before, tokens, from, m.head);
  // A nominal trigger keeps the last name before it even inside a prepositional phrase ("removing
  // the sanctions on Burma is out of the question"): its participants stand in such phrases.
  const verbalUse = m.rule.verbal && !isNounUse(tokens, m.head);
  let actorGroup = pickSubject(candidates, tokens, verbalUse ? doc.text : undefined);
  // "removing the sanctions on Burma": a name before the trigger that is a preposition's object
  // is no subject; it may still be what the event is done to.
  let prepObject = actorGroup ? undefined : candidates.at(-1);
  // Past commas ("Pakistan, a U.S. ally, has refused …") but not into another clause.
  if (!actorGroup) {
    const outer = clauseStart(tokens, m.head, false);
    const outerCandidates = before.filter((g) => g.first >= outer);
    actorGroup = pickSubject(outerCandidates, tokens, verbalUse ? doc.text : undefined);
    prepObject = actorGroup ? undefined : (prepObject ?? outerCandidates.at(-1));
  }
  let actorBy = actorGroup ? 'subject' : undefined;
  if (leadingComma >= 0) {
    actorGroup = usable.find((g) => g.first > leadingComma && g.first <= leadingComma + 2);
    actorBy = actorGroup ? 'subject-after-participial' : undefined;
  }
  let actor: EventParticipant | undefined = actorGroup
    ? participant(doc, tokens, actorGroup, run.sole, groups)
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
  return { actor, actorBy, actorGroup, prepObject };
}

/**
 * The trigger's sides from token windows around it: the recipient after it, the actor before it,
 * then "between X and Y", a passive's by-phrase and a nominal trigger's by-phrase rearrange them.
 */
export function windowSides(run: SentenceRun, t: Trigger): Sides | Rejection {
  const recipientFound = recipientWindow(run, t);
  if ('reason' in recipientFound) return recipientFound;
  const { limit, after, recipientGroup, viaPrep } = recipientFound;
  const { actor, actorBy, actorGroup, prepObject } = actorWindow(run, t);
  const { doc, tokens, groups } = run.ctx;
  const sides: Sides = {
    actor,
    actorBy,
    actorGroup,
    recipient: recipientGroup ? participant(doc, tokens, recipientGroup, run.sole, groups) : undefined,
    recipientBy: recipientFound.recipientBy,
    recipientGroup,
    viaPrep,
    prepObject,
    verbGroup: undefined,
    limit,
    after,
  };
  byPhraseSides(run, t, sides);
  return sides;
}

/**
 * "a meeting between Xi and Putin": both sides follow the trigger. "was attacked by X": the subject
 * is the recipient, the by-phrase the actor. "the first visit by a Japanese leader to South Korea":
 * a nominal trigger's by-phrase is its actor, the other participant after it its recipient.
 */
function byPhraseSides(run: SentenceRun, t: Trigger, sides: Sides): void {
  const { doc, tokens, groups } = run.ctx;
  const { m } = t;
  const { after, recipientGroup, actorGroup, prepObject } = sides;
  const side = (g: Group) => participant(doc, tokens, g, run.sole, groups);
  if (!actorGroup && sides.viaPrep === 'between' && recipientGroup) {
    const second = after.find((g) => g.first > recipientGroup.last);
    sides.actor = side(recipientGroup);
    sides.recipient = second ? side(second) : undefined;
    sides.actorBy = 'between';
    sides.recipientBy = second ? 'between' : undefined;
  } else if (isPassive(tokens, m.head, m.rule)) {
    const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
    // "A camp for Congolese refugees was attacked": the name in the subject, over its words.
    sides.recipient = prepObject && !actorGroup ? side(prepObject) : sides.actor;
    sides.actor = agent ? side(agent) : undefined;
    sides.recipientBy = sides.recipient ? 'passive-subject' : undefined;
    sides.actorBy = agent ? 'by-agent' : undefined;
  } else if (!m.rule.verbal || isNounUse(tokens, m.head)) {
    const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
    if (agent && !crossesClause(tokens, m.last + 1, agent.first)) {
      sides.actor = side(agent);
      const target = after.find((g) => g !== agent && prepBefore(tokens, g.first) !== 'by');
      sides.recipient = target ? side(target) : undefined;
      sides.actorBy = 'by-agent';
      sides.recipientBy = target ? 'after-trigger' : undefined;
    }
  }
}

/**
 * "Ministers have been asked to explain": the verb group runs on into the infinitive, so the frame
 * reads it as active, but the trigger itself is a participle after a form of "be"
 * (`events:actor.passive-before-infinitive`): its subject undergoes the act and is no actor.
 */
function passiveBeforeInfinitive(
  found: ClauseSides,
  frame: ClauseFrame,
  tokens: readonly Token[],
  t: Trigger,
): void {
  const { m } = t;
  const bySubject = frame.actorBy === 'clause:subject' || frame.actorBy === 'clause:relative';
  if (found.passive || !bySubject || !isPassive(tokens, m.head, m.rule)) return;
  if (tokens[m.last + 1]?.lower !== 'to') return;
  found.passive = true;
  found.actorPhrase = undefined;
  if (!found.actor) return;
  if (!found.recipient) {
    found.recipient = found.actor;
    found.recipientBy = passiveBeforeInfinitiveRule;
  }
  found.actor = undefined;
  found.actorBy = undefined;
}

export const passiveBeforeInfinitiveRule = 'events:actor.passive-before-infinitive';

/** The clause analysis, where it finds a side, over the token windows' sides. */
export function applyClauseSides(run: SentenceRun, t: Trigger, sides: Sides, frame: ClauseFrame): void {
  const { doc, tokens, groups } = run.ctx;
  const { trailing, leadingComma, lastEvent } = t;
  const found = clauseSides(frame, t.usable, tokens, t.m.rule.recipientPreps, t.m.head);
  passiveBeforeInfinitive(found, frame, tokens, t);
  // "used a Christmas message to denounce": the windows' name before the infinitive is the instrument.
  const instrument = frame.actorBy === instrumentRule;
  const clauseText =
    found.actorPhrase && !trailing && leadingComma < 0
      ? clauseTextActor(
          doc,
          tokens,
          found.actorPhrase,
          instrument ? undefined : sides.actorGroup,
          instrument ? undefined : sides.actor,
        )
      : undefined;
  if (found.actor && !(trailing && lastEvent?.actor)) {
    sides.actor = participant(doc, tokens, found.actor, run.sole, groups);
    sides.actorBy = found.actorBy;
  } else if (clauseText) {
    sides.actor = clauseText;
    sides.actorBy = 'clause:text';
  } else if (found.passive && found.recipient && sides.actor?.entity === found.recipient.entity.id) {
    // "Ukraine was attacked": the subject is acted on; the windows took it for the actor.
    sides.actor = undefined;
  } else if (
    found.passive &&
    !found.actor &&
    sides.actor &&
    !sides.actor.entity &&
    sides.actorBy === 'text'
  ) {
    // "The detainees were immediately arrested": the phrase before a passive verb undergoes it.
    if (!found.recipient) {
      sides.recipient = sides.actor;
      sides.recipientBy = 'clause:passive-subject';
    }
    sides.actor = undefined;
    sides.actorBy = undefined;
  }
  // "during his Tokyo visit": the destination the windows took for the actor is no actor.
  if (found.recipientBy === 'clause:destination' && sides.actorGroup === found.recipient && !found.actor) {
    sides.actor = undefined;
    sides.actorBy = undefined;
  }
  if (found.recipient) {
    sides.recipientGroup = found.recipient;
    sides.recipient = participant(doc, tokens, found.recipient, run.sole, groups);
    sides.recipientBy = found.recipientBy;
  } else if (found.passive && sides.recipient && sides.actor && sides.recipient.start === sides.actor.start) {
    sides.recipient = undefined;
  }
  if (frame.verbGroup) sides.verbGroup = frame.verbGroup;
}
