import { calendarDate, parseAnchor } from '../../core/calendar-math.js';
import {
  type Attribution,
  type Doc,
  type EventCandidate,
  type EventParticipant,
  type EventTrace,
  isRemoved,
  type Sentence,
  type Span,
} from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { cameoCode } from '../../rules/events/cameo.js';
import type { ClauseFrame } from './analyze-clauses.js';
import {
  actorNouns,
  checkForce,
  checkSense,
  isOwnPledge,
  isQuestionSense,
  isSportSentence,
  isStandingPosition,
  isStatementSense,
  ownPledgeRule,
  questionSenseRule,
  standingPositionRule,
  statementSenseRule,
} from './check-sense.js';
import { clauseSides, clauseTextActor } from './clause-participants.js';
import { type ConfidenceInput, confidenceFeatures, eventConfidence } from './confidence.js';
import { agreeAbove, type EventVerdict, judgeSentence, vetoBelow } from './event-detector.js';
import type { CodedEvent, EventsOptions } from './events-stage.js';
import {
  genericRelativeRule,
  headlinePassive,
  headlinePassiveRule,
  isGenericRelative,
} from './generic-relative.js';
import { candidate } from './matching.js';
import {
  agentlessVerbalPassiveRule,
  countryOnlyAsResolved,
  holderOf,
  impliedActorRule,
  impliedActorRules,
  isCustodyRelease,
  isSourceOnly,
  locateTextSide,
  modifiesPlace,
  namesWhere,
  needsSpeaker,
  participant,
  participantRules,
  pickSubject,
  placeAsActor,
  placeAsTarget,
  placeOf,
  soleCountryOf,
  subjectCandidates,
  textActor,
} from './participants.js';
import {
  descriptionRule,
  isQuotedFirstPerson,
  isResolvablePronoun,
  pronounRule,
  quoteSpeakerRule,
} from './pronoun-actors.js';
import {
  auxTail,
  clauseBreakers,
  clauseStart,
  crossesClause,
  determiners,
  type EntityMention,
  finiteVerbs,
  type Group,
  inside,
  isNounUse,
  isPassive,
  locativePreps,
  type Match,
  participialOpeners,
  possessivePronouns,
  prepBefore,
  pronouns,
  type SentenceContext,
  subordinators,
  titleWords,
} from './sentence-words.js';
import {
  clauseStatus,
  headlineInfinitive,
  isIntentStatus,
  mainClauseStatus,
  statusByDate,
  threatMadeStatus,
  toldInPast,
} from './status.js';
import { clauseOf, eventAttribution, eventPlace, eventTime, unnamedPlace } from './when-where.js';

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
  const published = parseAnchor(doc.source.published) ? doc.source.published?.slice(0, 10) : undefined;
  const sole = soleCountryOf(groups);
  let verdict: EventVerdict | undefined;
  const judge = (): EventVerdict => {
    verdict ??= judgeSentence(doc.text.slice(sentence.start, sentence.end));
    return verdict;
  };
  let sportSentence: boolean | undefined;
  const sport = (): boolean => {
    sportSentence ??= ctx.sportDocument === true || isSportSentence(tokens);
    return sportSentence;
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
    // "Pakistan, a key U.S. ally in the war, has refused …": a noun inside an apposition describes
    // the name before it; it reports no event of its own.
    if (inApposition(tokens, groups, m.head, m.last)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'apposition'));
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
    const candidates = subjectCandidates(ctx.doc.text, before, tokens, from, m.head);
    // A nominal trigger keeps the last name before it even inside a prepositional phrase ("removing
    // the sanctions on Burma is out of the question"): its participants stand in such phrases.
    const verbalUse = m.rule.verbal && !isNounUse(tokens, m.head);
    let actorGroup = pickSubject(candidates, tokens, verbalUse ? ctx.doc.text : undefined);
    // "removing the sanctions on Burma": a name before the trigger that is a preposition's object
    // is no subject; it may still be what the event is done to.
    let prepObject = actorGroup ? undefined : candidates.at(-1);
    // Past commas ("Pakistan, a U.S. ally, has refused …") but not into another clause.
    if (!actorGroup) {
      const outer = clauseStart(tokens, m.head, false);
      const outerCandidates = before.filter((g) => g.first >= outer);
      actorGroup = pickSubject(outerCandidates, tokens, verbalUse ? ctx.doc.text : undefined);
      prepObject = actorGroup ? undefined : (prepObject ?? outerCandidates.at(-1));
    }
    let actorBy = actorGroup ? 'subject' : undefined;
    if (leadingComma >= 0) {
      actorGroup = usable.find((g) => g.first > leadingComma && g.first <= leadingComma + 2);
      actorBy = actorGroup ? 'subject-after-participial' : undefined;
    }
    let actor: EventParticipant | undefined = actorGroup
      ? participant(doc, tokens, actorGroup, sole, groups)
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
    let verbGroup: ClauseFrame['verbGroup'];
    let recipient: EventParticipant | undefined = recipientGroup
      ? participant(doc, tokens, recipientGroup, sole, groups)
      : undefined;

    if (!actorGroup && viaPrep === 'between' && recipientGroup) {
      // "a meeting between Xi and Putin": both sides follow the trigger.
      const second = after.find((g) => g.first > (recipientGroup as Group).last);
      actor = participant(doc, tokens, recipientGroup, sole, groups);
      recipient = second ? participant(doc, tokens, second, sole, groups) : undefined;
      actorBy = 'between';
      recipientBy = second ? 'between' : undefined;
    } else if (isPassive(tokens, m.head, m.rule)) {
      // "was attacked by X": the subject is the recipient, the by-phrase the actor.
      const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
      // "A camp for Congolese refugees was attacked": the name in the subject, over its words.
      recipient = prepObject && !actorGroup ? participant(doc, tokens, prepObject, sole, groups) : actor;
      actor = agent ? participant(doc, tokens, agent, sole, groups) : undefined;
      recipientBy = recipient ? 'passive-subject' : undefined;
      actorBy = agent ? 'by-agent' : undefined;
    } else if (!m.rule.verbal || isNounUse(tokens, m.head)) {
      // "the first visit by a Japanese leader to South Korea": a nominal trigger's by-phrase is
      // its actor, and the other participant after the trigger ("to South Korea") its recipient.
      const agent = after.find((g) => prepBefore(tokens, g.first) === 'by');
      if (agent && !crossesClause(tokens, m.last + 1, agent.first)) {
        actor = participant(doc, tokens, agent, sole, groups);
        const target = after.find((g) => g !== agent && prepBefore(tokens, g.first) !== 'by');
        recipient = target ? participant(doc, tokens, target, sole, groups) : undefined;
        actorBy = 'by-agent';
        recipientBy = target ? 'after-trigger' : undefined;
      }
    }
    // The clause analysis, where it finds a side, over the token windows above.
    const clauses = ctx.clauses?.();
    const frame = clauses?.frameAt(m.head);
    let sense = clauses
      ? checkSense(m.rule.typeSpec.type, m.rule.verbal, m.head, tokens, clauses, frame, sport, doc.text)
      : undefined;
    // "is expected to visit": an imported pattern on the verb that governs the main one is no event
    // of its own (our own rules say so with `absorbs`).
    if (m.rule.imported && clauses?.governsVerb(m.head)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'governs-verb'));
      continue;
    }
    if (sense?.action === 'reject') {
      rejected?.push(candidate(m.rule, headToken, lastToken, sense.rule));
      continue;
    }
    // "warned that councils would struggle": a view stated, not a threat; what it governs stays absorbed.
    if (clauses && isStatementSense(spec.id, m.last, tokens, (i) => clauses.tagAt(i))) {
      rejected?.push(candidate(m.rule, headToken, lastToken, statementSenseRule));
      if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
      continue;
    }
    // "Labour accused over poster": a headline passive with no agent; the lead names who acted.
    const inHeadline =
      index === 0 && sentence.paragraph === 0 && (doc.sentences ?? []).some((x) => x.paragraph > 0);
    const headline = clauses
      ? headlinePassive(
          tokens,
          m.head,
          m.last,
          doc.text.slice(sentence.start, sentence.end),
          // a headline stands over a story: the first paragraph of a document that has more
          inHeadline,
          (i) => clauses.tagAt(i),
        )
      : undefined;
    // "Blair attacked by MPs": the subject undergoes, the by-phrase acts; a by-phrase that names
    // no entity leaves the actor to the lead, as no by-phrase does.
    const headlineAgent =
      headline === 'agent'
        ? usable.find((g) => g.first > m.last && prepBefore(tokens, g.first) === 'by')
        : undefined;
    if (headline === 'none' || (headline === 'agent' && !headlineAgent)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, headlinePassiveRule));
      continue;
    }
    if (headlineAgent) {
      const subject = usable.filter((g) => g.last < m.head).pop();
      actor = participant(doc, tokens, headlineAgent, sole, groups);
      actorBy = 'headline-by-agent';
      if (subject) {
        recipient = participant(doc, tokens, subject, sole, groups);
        recipientBy = 'headline-passive-subject';
      }
    }
    // "a party which offers a different vision": a relative clause describing a kind names no actor's act.
    if (clauses && m.rule.verbal && isGenericRelative(tokens, m.head, (i) => clauses.tagAt(i))) {
      rejected?.push(candidate(m.rule, headToken, lastToken, genericRelativeRule));
      continue;
    }
    // "the party opposes the plan": a position held, not an act; headlines tell acts in the present.
    if (clauses && !inHeadline && isStandingPosition(m.head, tokens, (i) => clauses.tagAt(i))) {
      rejected?.push(candidate(m.rule, headToken, lastToken, standingPositionRule));
      continue;
    }
    if (isQuestionSense(spec.id, m.last, tokens)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, questionSenseRule));
      // What the question asks about is no event either.
      if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
      continue;
    }
    if (frame && headline !== 'agent') {
      const sides = clauseSides(frame, usable, tokens, m.rule.recipientPreps);
      const clauseText =
        sides.actorPhrase && !trailing && leadingComma < 0
          ? clauseTextActor(doc, tokens, sides.actorPhrase, actorGroup, actor)
          : undefined;
      if (sides.actor && !(trailing && lastEvent?.actor)) {
        actor = participant(doc, tokens, sides.actor, sole, groups);
        actorBy = sides.actorBy;
      } else if (clauseText) {
        actor = clauseText;
        actorBy = 'clause:text';
      } else if (sides.passive && sides.recipient && actor?.entity === sides.recipient.entity.id) {
        // "Ukraine was attacked": the subject is acted on; the windows took it for the actor.
        actor = undefined;
      } else if (sides.passive && !sides.actor && actor && !actor.entity && actorBy === 'text') {
        // "The detainees were immediately arrested": the phrase before a passive verb undergoes it.
        if (!sides.recipient) {
          recipient = actor;
          recipientBy = 'clause:passive-subject';
        }
        actor = undefined;
        actorBy = undefined;
      }
      if (sides.recipient) {
        recipientGroup = sides.recipient;
        recipient = participant(doc, tokens, sides.recipient, sole, groups);
        recipientBy = sides.recipientBy;
      } else if (sides.passive && recipient && actor && recipient.start === actor.start) {
        recipient = undefined;
      }
      if (frame.verbGroup) verbGroup = frame.verbGroup;
    }
    // "The number opposed to a ban", "Those cutbacks would free up funds": a phrase that is no
    // entity, no agent noun, no title and no name cannot act; the actor is left open (a pronoun may fill it).
    if (
      actor &&
      !actor.entity &&
      !actor.sector &&
      (actorBy === 'text' || actorBy === 'clause:text') &&
      clauses &&
      !namesSomeone(tokens, actor, (i) => clauses.tagAt(i))
    ) {
      actor = undefined;
      actorBy = undefined;
    }
    // "He insisted that …": a subject pronoun stands for the one entity it can refer to nearby.
    if (!actor && !trailing && leadingComma < 0 && ctx.pronouns && ctx.index !== undefined) {
      const k = pronounSubject(tokens, m.head, frame);
      const word = k >= 0 ? (tokens[k] as Token).lower : '';
      const passive = frame?.verbGroup?.voice === 'passive' || isPassive(tokens, m.head, m.rule);
      // Inside a quotation "he" is someone the speaker talks about, not the nearest name (often the speaker).
      const quoted = k >= 0 && ctx.quoted?.((tokens[k] as Token).start) === true;
      if (quoted && !passive && isQuotedFirstPerson(word)) {
        // "'I congratulate France,' Mr Blair said": the quotation's speaker.
        const speaker = quoteSpeaker(doc, ctx.attributions, tokens[m.head] as Token);
        if (speaker && speaker.entity !== recipient?.entity) {
          actor = speaker;
          actorBy = quoteSpeakerRule;
        }
      } else if (isResolvablePronoun(word) && !quoted && !(passive && word === 'it')) {
        const found = ctx.pronouns.resolve(word, (tokens[k] as Token).start, ctx.index);
        const side = found ? antecedent(doc, found) : undefined;
        if (side && side.entity !== recipient?.entity) {
          if (!passive) {
            actor = side;
            actorBy = pronounRule;
          } else if (!recipient) {
            recipient = side;
            recipientBy = pronounRule;
          }
        }
      }
    }
    // "The Tory co-chairman attacked …": a definite description of someone named before.
    if (
      (!actor || (!actor.entity && (actorBy === 'text' || actorBy === 'clause:text'))) &&
      !trailing &&
      leadingComma < 0 &&
      ctx.pronouns &&
      ctx.index !== undefined &&
      frame?.kind === 'verbal' &&
      frame.verbGroup?.voice === 'active'
    ) {
      const head = describedHead(doc.text, tokens, frame.actors[0], groups);
      const found = head
        ? ctx.pronouns.describedBy(head, doc.text, (tokens[m.head] as Token).start, ctx.index)
        : undefined;
      if (found && found.entity.id !== recipient?.entity) {
        actor = antecedent(doc, found);
        actorBy = descriptionRule.id;
      }
    }
    if (actor && recipient && actor.start === recipient.start) recipient = undefined;
    for (const side of [actor, recipient]) locateTextSide(doc, tokens, side, groups);
    // "Labour has been accused of …", "he was asked": a verbal act with no one named who said it.
    if (
      !actor &&
      m.rule.verbal &&
      !isNounUse(tokens, m.head) &&
      needsSpeaker(m.rule.typeSpec.type, spec.context) &&
      (frame?.verbGroup?.voice === 'passive' || isPassive(tokens, m.head, m.rule)) &&
      // "was criticised by some analysts": a by-phrase names the speaker even when it is no entity.
      !frame?.preps.some((p) => p.prep === 'by') &&
      tokens[m.last + 1]?.lower !== 'by'
    ) {
      rejected?.push(candidate(m.rule, headToken, lastToken, agentlessVerbalPassiveRule));
      continue;
    }
    // "a phased withdrawal of UK troops", "the hunger strike": a nominal event that no one is
    // said to carry out is a reference to a happening, not a report of one (PLOVER codes an actor).
    // One with a possessor ("his planned visit") names its actor even when it is not resolved.
    if (
      !actor &&
      (!m.rule.verbal || isNounUse(tokens, m.head)) &&
      spec.needsParticipant !== false &&
      !hasPossessor(tokens, m.head)
    ) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'nominal-no-actor'));
      continue;
    }
    if (!actor && !recipient && prepObject) {
      recipient = participant(doc, tokens, prepObject, sole, groups);
      recipientBy = 'prep-object';
    }
    if (!actor && !recipient && spec.needsParticipant !== false) {
      rejected?.push(candidate(m.rule, headToken, lastToken, 'no-participant'));
      continue;
    }
    // "The Tories have pledged to cut taxes": a promise to no one of one's own policy.
    if (isOwnPledge(spec.id, actor, recipient)) {
      rejected?.push(candidate(m.rule, headToken, lastToken, ownPledgeRule));
      continue;
    }
    // An attack verb with no sign of force ("attacked Labour's pledges", "struck a deal").
    if (!sense && m.rule.typeSpec.type === 'ASSAULT') {
      const side = (p: EventParticipant | undefined) =>
        p && {
          sector: p.sector,
          entityType: p.entity ? doc.entities?.find((e) => e.id === p.entity)?.type : undefined,
        };
      sense = checkForce(spec.id, tokens, [side(actor), side(recipient)]);
      if (sense?.action === 'reject') {
        rejected?.push(candidate(m.rule, headToken, lastToken, sense.rule));
        continue;
      }
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
    if (recipient && recipientGroup) placeAsTarget(recipient, recipientGroup, m.rule.typeSpec.type);

    let { status, rule: statusRule } = clauseStatus(doc.text, tokens, m.head);
    // "Besides meeting with Xi, Putin is also expected to visit Harbin": the participial clause
    // shares the main clause's future or hypothesis (not its negation).
    if (leadingComma >= 0 && status === 'asserted') {
      const main = mainClauseStatus(doc.text, tokens, leadingComma);
      if (main) ({ status, rule: statusRule } = main);
    }
    // "will meet Xi and sign agreements": a coordinated verb shares the first one's status.
    if (
      status === 'asserted' &&
      lastEvent?.statusRule &&
      lastEvent.status !== 'negated' &&
      (actorBy === 'shared' || prevLower === 'and' || prevLower === 'or')
    ) {
      status = lastEvent.status;
      statusRule = lastEvent.statusRule;
    }
    // "will leave for Washington to attend the meeting and for talks with the U.S.": an act of
    // purpose after a planned one is planned with it.
    if (
      status === 'asserted' &&
      lastEvent?.statusRule &&
      (lastEvent.status === 'future' || lastEvent.status === 'hypothetical') &&
      purposeAfter(tokens, m.head, lastEvent.trigger.end)
    ) {
      status = lastEvent.status;
      statusRule = lastEvent.statusRule;
    }
    // "MINISTER TO VISIT U.S.": a headline's infinitive is planned.
    if (status === 'asserted' && inHeadline && clauses) {
      const planned = headlineInfinitive(tokens, m.head, (i) => clauses.tagAt(i));
      if (planned) ({ status, rule: statusRule } = planned);
    }
    const clause = clauseOf(doc.text, tokens, m.head);
    const time = eventTime(ctx, m.head, clause);
    if (status === 'asserted') {
      const past = () => toldInPast(tokens, m.head, clauses);
      const dated = statusByDate(time?.value, doc.source.published, past);
      if (dated) ({ status, rule: statusRule } = dated);
    }

    const recode = sense?.action === 'recode' ? sense : undefined;
    const intent = !recode && isIntentStatus(status, statusRule) && m.rule.typeSpec.intent;
    // "the U.S. threat to impose tariffs": the THREATEN an intent makes is a threat that was made.
    if (intent && intent.type === 'THREATEN') {
      const made = threatMadeStatus(statusRule, m.rule.typeSpec.type);
      if (made) ({ status, rule: statusRule } = made);
    }
    const code = recode ? cameoCode(recode.cameo) : (intent && m.rule.intentCode) || m.rule.code;
    const event: CodedEvent = {
      start: sentence.start,
      end: sentence.end,
      type: recode ? recode.type : intent ? intent.type : m.rule.typeSpec.type,
      status,
      cameo: code.code,
      quad: code.quad,
      goldstein: code.goldstein,
      trigger: { start: headToken.start, end: lastToken.end },
      sentence: index,
      rule: recode ? recode.rule : spec.id,
    };
    const mode = recode ? recode.mode : intent ? intent.mode : spec.mode;
    if (mode) event.mode = mode;
    if (!intent && !recode && spec.context) event.context = [...spec.context];
    if (actor) event.actor = actor;
    if (recipient) event.recipient = recipient;
    if (time) {
      event.date = calendarDate(time.value);
      event.dateGranularity = time.granularity;
      event.dateFrom = 'text';
    } else if (status === 'asserted' && published) {
      // An asserted event whose clause names no time is dated by the document.
      event.date = published;
      event.dateGranularity = 'day';
      event.dateFrom = 'document';
    }
    const attribution = eventAttribution(ctx.attributions, doc.attributions ?? [], event.trigger, doc.text);
    if (attribution) event.attribution = attribution;
    if (statusRule) event.statusRule = statusRule;
    const place = eventPlace(
      doc.text,
      tokens,
      usable,
      m.head,
      clause,
      spec.mode === 'visit' ? recipientGroup : undefined,
    );
    if (place) event.location = placeOf(doc, place);
    else {
      const unnamed = unnamedPlace(ctx, m.head, clause);
      if (unnamed) event.location = { ...unnamed, text: doc.text.slice(unnamed.start, unnamed.end) };
    }
    // "was arrested in Lebanon", "a bomb near Samarra killed …": no actor named, the place's;
    // "thousands of people marched in Lagos": an unnamed actor of no country, the place's country.
    // "Foreign nationals detained in the UK", "MP attacked by muggers": an act done to someone
    // whose verb has a preposition, not an object, after it is a participle; its subject is the patient.
    const next = tokens[m.last + 1];
    const passiveVoice = frame?.verbGroup?.voice === 'passive' || isPassive(tokens, m.head, m.rule);
    const doneTo =
      participantRules.placeTargetTypes.has(event.type) &&
      next !== undefined &&
      (next.lower === 'by' || locativePreps.has(next.lower));
    // "people blocked streets in Hong Kong": a recipient named only as where it happened does not
    // keep the place from acting.
    const where =
      recipient !== undefined &&
      recipientGroup !== undefined &&
      recipient.start === recipientGroup.start &&
      namesWhere(doc.text, tokens, recipientGroup);
    const byPlace =
      doneTo && actor
        ? undefined
        : placeAsActor(event.type, event.location, where ? undefined : recipient, actor);
    if (byPlace) {
      actorBy = actor ? `${actorBy ?? 'text'}+place` : 'place';
      actor = byPlace;
      event.actor = byPlace;
    }
    // "freed from US custody", "were arrested on their return": the state that holds or arrests.
    // "Britons freed from US custody": a past participle with a preposition after it is done to its subject.
    const participleDoneTo =
      next !== undefined &&
      (next.lower === 'by' || locativePreps.has(next.lower)) &&
      clauses?.tagAt(m.last) === 'VBN';
    const implied = impliedActor(ctx, m, event.type, limit, actor, passiveVoice || participleDoneTo);
    if (implied) {
      if (recipient && recipient.entity === implied.entity) {
        delete event.recipient;
        recipient = undefined;
      }
      // The subject that underwent it is the recipient.
      if (actor && !recipient) {
        recipient = actor;
        recipientBy = 'patient';
        event.recipient = recipient;
      }
      actor = implied;
      actorBy = impliedActorRule;
      event.actor = implied;
    }
    // How likely the reading is right, from how it was coded (models/event-confidence-1).
    const judged: ConfidenceInput = {
      event,
      sentence: doc.text.slice(sentence.start, sentence.end),
      ...(actor && actorBy ? { actorBy } : {}),
      ...(options.classifier ? { detector: judge().event } : {}),
      ...(verbGroup ? { voice: verbGroup.voice, negated: verbGroup.negated } : {}),
    };
    const features = confidenceFeatures(judged);
    const confidence = eventConfidence(features);
    if (confidence !== undefined) event.confidence = confidence;
    if (options.trace) {
      const trace: EventTrace = {
        decidedBy: 'rule',
        rule: spec.id,
        confidenceFeatures: features,
      };
      if (options.classifier) judge();
      if (verdict) {
        trace.classifier = { model: verdict.model, label: 'EVENT', score: verdict.event };
        if (verdict.event >= agreeAbove) trace.decidedBy = 'rule+classifier';
      }
      if (actor && actorBy) trace.actorBy = actorBy;
      if (recipient && recipientBy) trace.recipientBy = recipientBy;
      if (verbGroup) {
        const first = tokens[verbGroup.first] as Token;
        const last = tokens[verbGroup.last] as Token;
        trace.verbGroup = {
          start: first.start,
          end: last.end,
          voice: verbGroup.voice,
          negated: verbGroup.negated,
        };
      }
      event.trace = trace;
    }
    out.push(event);
    lastEvent = event;
    if (spec.absorbs) absorbedUntil = m.last + options.absorbWindow;
  }
}

/** The subject pronoun of the trigger's clause: the clause analysis's one-word subject, else the word before the verb group; -1 if none. */
function pronounSubject(tokens: readonly Token[], head: number, frame: ClauseFrame | undefined): number {
  const subject = frame?.actors[0];
  if (subject && subject.first === subject.last && subject.last < head) return subject.first;
  let k = head - 1;
  while (k >= 0 && auxTail.has((tokens[k] as Token).lower)) k--;
  return k;
}

/**
 * The speaker of the report the trigger is told in (`eventAttribution`: the innermost attribution
 * whose content holds it), as a participant: its entity with what the entities stage resolved it to,
 * else the source's text unless that is only a pronoun.
 */
function quoteSpeaker(
  doc: Readonly<Doc>,
  attributions: readonly Attribution[],
  trigger: Span,
): EventParticipant | undefined {
  const all = doc.attributions ?? [];
  const found = eventAttribution(attributions, all, trigger, doc.text);
  const best = found ? all[found.attribution] : undefined;
  const span = best?.sourceSpan;
  if (!best || !span) return undefined;
  const entity = best.sourceEntity ? doc.entities?.find((e) => e.id === best.sourceEntity) : undefined;
  const mention = entity?.mentions.find((x) => x.start < span.end && span.start < x.end);
  if (entity && mention) return antecedent(doc, { start: mention.start, end: mention.end, entity, mention });
  // A speaker named only by a pronoun ("he said") the quotes stage did not resolve names no one.
  const text = doc.text.slice(span.start, span.end);
  if (pronouns.has(text.toLowerCase())) return undefined;
  return { start: span.start, end: span.end, text };
}

/** An earlier mention as a participant: its surface, entity, and what the entities stage resolved it to. */
function antecedent(doc: Readonly<Doc>, found: EntityMention): EventParticipant {
  const resolved = found.mention.actor && !found.mention.actor.place ? found.mention.actor : undefined;
  const p: EventParticipant = {
    start: found.start,
    end: found.end,
    text: doc.text.slice(found.start, found.end),
    entity: found.entity.id,
  };
  const country = countryOnlyAsResolved(resolved)
    ? resolved?.country
    : (resolved?.country ?? found.entity.country);
  const sector = resolved?.sector ?? found.entity.sector;
  if (country) p.country = country;
  if (sector) p.sector = sector;
  return p;
}

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

const purposeMarkers = new Set(['to', 'for']);

/**
 * Whether the trigger at `head` is an act of purpose ("to attend", "for talks", "for the talks")
 * in the same clause as a trigger ending at character `after`: nothing between them ends a
 * clause or opens a subordinate one.
 */
function purposeAfter(tokens: readonly Token[], head: number, after: number): boolean {
  let k = head - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  if (k < 0 || !purposeMarkers.has((tokens[k] as Token).lower) || (tokens[k] as Token).start < after)
    return false;
  for (let j = k - 1; j >= 0 && (tokens[j] as Token).start >= after; j--) {
    const t = (tokens[j] as Token).lower;
    if (t === '.' || t === ';' || clauseBreakers.has(t) || subordinators.has(t)) return false;
  }
  return true;
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

/**
 * Whether a text participant can name someone: it holds a proper noun (a name the entities stage did
 * not resolve), a title of office ("the home secretary") or a noun for a state, an organisation or a
 * group (`actorNouns` in rules/events/senses.json: "many countries", "the committee").
 */
function namesSomeone(tokens: readonly Token[], p: EventParticipant, tagAt: (i: number) => string): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.start >= p.end) break;
    if (
      t.start >= p.start &&
      (/^NNPS?$/.test(tagAt(k)) || titleWords.has(t.lower) || actorNouns.has(t.lower))
    )
      return true;
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

/**
 * The actor of a coercive act or a release that names none, or whose subject undergoes it: the
 * holder a custody phrase names ("freed from US custody"), else the state of the country the
 * story is set in ("were arrested on their return"), for a release only one from custody
 * ("released on bail"). Undefined when nothing is implied.
 */
function impliedActor(
  ctx: SentenceContext,
  m: Match,
  type: string,
  limit: number,
  actor: EventParticipant | undefined,
  undergoes: boolean,
): EventParticipant | undefined {
  if (!impliedActorRules.types.has(type) || !m.rule.verbal || isNounUse(ctx.tokens, m.head)) return undefined;
  const holder = holderOf(ctx.tokens, ctx.groups, m.last, limit);
  // A transitive verb with its custody phrase and no object between ("Britons freed from US
  // custody") is a participle: its subject is the captive.
  if (holder && (!actor || undergoes || holder.prep === m.last + 1)) {
    const p = participant(ctx.doc, ctx.tokens, holder.group, undefined, ctx.groups);
    return p.entity === actor?.entity ? undefined : p;
  }
  if (actor || !impliedActorRules.storyTypes.has(type)) return undefined;
  if (impliedActorRules.releaseTypes.has(type) && !isCustodyRelease(ctx.tokens, m.last, limit))
    return undefined;
  const mention = ctx.storyMention?.((ctx.tokens[m.head] as Token).start);
  if (!mention) return undefined;
  const p = antecedent(ctx.doc, mention);
  // The state, not the word that named it: "London" or "Britons" stand here for the government.
  delete p.sector;
  return p;
}

/**
 * The head noun of a definite subject phrase that names no one ("The Tory co-chairman"): "the",
 * at most `maxWords` words in all, no entity inside, ending in a lowercase noun; else undefined.
 */
function describedHead(
  text: string,
  tokens: readonly Token[],
  subject: { first: number; last: number } | undefined,
  groups: readonly Group[],
): string | undefined {
  if (!subject || tokens[subject.first]?.lower !== 'the') return undefined;
  const words = subject.last - subject.first + 1;
  if (words < 2 || words > descriptionRule.maxWords) return undefined;
  if (groups.some((g) => g.first >= subject.first && g.last <= subject.last)) return undefined;
  const last = tokens[subject.last] as Token;
  if (!/^[\p{Ll}][\p{Ll}-]+$/u.test(text.slice(last.start, last.end))) return undefined;
  return last.lower;
}
