import { type EventCandidate, isRemoved, type Sentence } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { assembleEvent, foldInto } from './assemble-event.js';
import { type Rejection, type SentenceRun, sentenceRun, type Trigger } from './coding-state.js';
import type { CodedEvent, EventsOptions } from './events-stage.js';
import { candidate } from './matching.js';
import { isSourceOnly } from './participants.js';
import { modifiesPlace, placeAsTarget } from './place-sides.js';
import { type Group, inside, type Match, type SentenceContext } from './sentence-words.js';
import { referredSides } from './side-references.js';
import { deonticRule, isDeontic } from './status.js';
import { inApposition, participantGates, senseGates } from './trigger-gates.js';
import { applyClauseSides, leadingParticipialComma, windowSides } from './trigger-sides.js';
import { triggerReading, triggerStatus } from './trigger-status.js';

/**
 * Codes the rule matches of one sentence, in text order, into `out` (and what is no event, with
 * why, into `rejected`): a match inside what an earlier trigger absorbs, removed text, a null
 * pattern or an apposition is passed over; a participial consequence folds into the event before
 * it; every other match is coded by `codeTrigger`.
 */
export function codeSentence(
  ctx: SentenceContext,
  sentence: Sentence,
  index: number,
  options: Required<Omit<EventsOptions, 'caps'>>,
  matches: Match[],
  out: CodedEvent[],
  rejected?: EventCandidate[],
): void {
  const { doc, tokens, groups } = ctx;
  const run = sentenceRun(ctx, sentence, index, options);
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
    // "Pakistan, a key U.S. ally in the war, has refused …": a noun inside an apposition describes
    // the name before it; it reports no event of its own.
    if (inApposition(tokens, groups, m.head, m.last)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'apposition'));
      continue;
    }
    const triggerQuote = inside(ctx.quotes, headToken.start, lastToken.end);
    const headLower = headToken.lower;
    // "Besides meeting with Xi in Beijing, Putin is …": the subject comes after the comma.
    const leadingComma = headLower.endsWith('ing') ? leadingParticipialComma(tokens, m.head) : -1;
    // "In announcing the sanctions, President Reagan said …": the main clause's subject acts in
    // the opening clause even when it is the speaker of what follows.
    const mainSubject = (g: Group) =>
      leadingComma >= 0 && g.first > leadingComma && g.first <= leadingComma + 2;
    const usable = groups.filter(
      (g) => (mainSubject(g) || !isSourceOnly(ctx, g, triggerQuote, m.head)) && !modifiesPlace(tokens, g),
    );
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
    const trigger: Trigger = {
      m,
      headToken,
      lastToken,
      usable,
      trailing,
      leadingComma,
      prevLower,
      lastEvent,
    };
    const coded = codeTrigger(run, trigger);
    if ('reason' in coded) {
      const why = candidate(m.rule, headToken, lastToken, coded.reason);
      rejected?.push(coded.score === undefined ? why : { ...why, score: coded.score });
      if (coded.absorbs && spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
      continue;
    }
    out.push(coded);
    lastEvent = coded;
    if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
  }
}

/**
 * Codes one trigger, step by step: its sides from token windows, the gates on its sense, its sides
 * from the clause analysis and from what pronouns and descriptions refer to, the gates on its
 * sides, its status, and the event. Returns the event, or why the trigger is none.
 */
function codeTrigger(run: SentenceRun, t: Trigger): CodedEvent | Rejection {
  const sides = windowSides(run, t);
  if ('reason' in sides) return sides;
  const clauses = run.ctx.clauses?.();
  const frame = clauses?.frameAt(t.m.head);
  const senseRead = senseGates(run, t, sides, clauses, frame);
  if ('reason' in senseRead) return senseRead;
  if (frame && senseRead.headline !== 'agent') applyClauseSides(run, t, sides, frame);
  referredSides(run, t, sides, frame, clauses);
  const gated = participantGates(run, t, sides, frame, senseRead.sense);
  if ('reason' in gated) return gated;
  if (sides.recipient && sides.recipientGroup)
    placeAsTarget(sides.recipient, sides.recipientGroup, t.m.rule.typeSpec.type);
  const found = triggerStatus(run, t, sides.actorBy, clauses);
  // "the council should withdraw its remarks": what someone ought to do is advice, not an act.
  if (isDeontic(found.statusRule)) return { reason: deonticRule };
  const reading = triggerReading(t, gated.sense, found);
  return assembleEvent(run, t, sides, found, reading, frame, clauses);
}
