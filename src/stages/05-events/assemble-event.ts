import { calendarDate } from '../../core/calendar-math.js';
import type { EventParticipant, EventTrace } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { cameoCode } from '../../rules/events/cameo.js';
import { agentSector } from './agent-phrases.js';
import type { ClauseAnalysis, ClauseFrame } from './analyze-clauses.js';
import type { SentenceRun, Sides, Trigger } from './coding-state.js';
import { type ConfidenceInput, confidenceFeatures, eventConfidence } from './confidence.js';
import { agreeAbove } from './event-detector.js';
import type { CodedEvent } from './events-stage.js';
import {
  holderOf,
  impliedActorRule,
  impliedActorRules,
  isCustodyRelease,
  reportingAuthority,
  reportingAuthorityRule,
} from './implied-actors.js';
import { participantRules } from './participant-rules.js';
import { participant } from './participants.js';
import { choosePlace, placeCandidates, placeLinker } from './place-linker.js';
import { namesWhere, placeAsActor, placeOf } from './place-sides.js';
import {
  auxTail,
  functionWords,
  isNounUse,
  isPassive,
  locativePreps,
  type Match,
  type SentenceContext,
} from './sentence-words.js';
import { antecedent } from './side-references.js';
import type { TriggerReading, TriggerStatus } from './trigger-status.js';
import { eventAttribution, eventPlace, unnamedPlace } from './when-where.js';

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

/** Folds a participial consequence into the main event, keeping the more severe CAMEO code. */
export function foldInto(main: CodedEvent, m: Match, head: Token, last: Token): void {
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
  sources: Sources,
  placeActor: boolean,
): (EventParticipant & { by?: string }) | undefined {
  if (!m.rule.verbal || isNounUse(ctx.tokens, m.head)) return undefined;
  // "have been charged with disorderly conduct": a legal act with no actor, implied like an arrest.
  const legal = impliedActorRules.legalTypes.has(type) && m.rule.spec.context?.includes('legal') === true;
  if (!impliedActorRules.types.has(type) && !legal) return undefined;
  // "were arrested in Leeds, a police spokesman said": the authority reporting it, over the place.
  if (placeActor) return authorityActor(ctx, m, sources);
  if (legal) return actor ? undefined : storyOrAuthority(ctx, m, sources);
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
  return storyOrAuthority(ctx, m, sources);
}

/**
 * The implied actor of an arrest, a custody release or a legal act that names none: the authority
 * that reports it ("…, police said": `events:actor.reporting-authority`), with the story's country;
 * else the state of the country the story is set in.
 */
function storyOrAuthority(
  ctx: SentenceContext,
  m: Match,
  sources: Sources,
): (EventParticipant & { by?: string }) | undefined {
  const authority = authorityActor(ctx, m, sources);
  if (authority) return authority;
  const mention = ctx.storyMention?.((ctx.tokens[m.head] as Token).start);
  if (!mention) return undefined;
  const p = antecedent(ctx.doc, mention);
  // The state, not the word that named it: "London" or "Britons" stand here for the government.
  delete p.sector;
  return p;
}

/** The report an event is told in (its sources) and the country of the place it happened in. */
type Sources =
  | { attribution?: { attribution: number; sources: readonly { text: string }[] }; placeCountry?: string }
  | undefined;

/**
 * The source of the report an implied act is told in, when it is an authority that arrests or
 * charges, with the story's country, else the country of the place it happened in.
 */
function authorityActor(
  ctx: SentenceContext,
  m: Match,
  reported: Sources,
): (EventParticipant & { by?: string }) | undefined {
  const sources = reported?.attribution;
  const source = reportingAuthority(sources?.sources, sectorOfPhrase);
  const span = sources ? ctx.doc.attributions?.[sources.attribution]?.sourceSpan : undefined;
  if (!source || !span) return undefined;
  const p: EventParticipant & { by?: string } = {
    start: span.start,
    end: span.end,
    text: source.text,
    sector: source.sector,
    by: reportingAuthorityRule,
  };
  const mention = ctx.storyMention?.((ctx.tokens[m.head] as Token).start);
  const country = (mention ? antecedent(ctx.doc, mention).country : undefined) ?? reported?.placeCountry;
  if (country) p.country = country;
  return p;
}

/**
 * The agent sector of a noun phrase: that of its first word with one ("a police spokesman" → COP);
 * none for a span that holds a verb or a conjunction (a source the quotes stage cut too wide).
 */
function sectorOfPhrase(text: string): string | undefined {
  const words = text.toLowerCase().split(/[^\p{L}-]+/u);
  if (words.some((w) => auxTail.has(w) || functionWords.has(w))) return undefined;
  for (const word of words) {
    const sector = word ? agentSector(word) : undefined;
    if (sector) return sector;
  }
  return undefined;
}

/**
 * The event of a trigger that passed every gate: its type and CAMEO code (a recode or an intent
 * over the rule's), status, sides, date (the clause's time, else the document's for an asserted
 * event), attribution and place; then a place or an implied holder as actor, confidence and trace.
 */
export function assembleEvent(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  found: TriggerStatus,
  reading: TriggerReading,
  frame: ClauseFrame | undefined,
  clauses: ClauseAnalysis | undefined,
): CodedEvent {
  const { doc, tokens } = run.ctx;
  const { m, headToken, lastToken } = t;
  const spec = m.rule.spec;
  const { recode, intent } = reading;
  const { status, statusRule, clause, time } = found;
  const code = recode ? cameoCode(recode.cameo) : (intent && m.rule.intentCode) || m.rule.code;
  const event: CodedEvent = {
    start: run.sentence.start,
    end: run.sentence.end,
    type: recode ? recode.type : intent ? intent.type : m.rule.typeSpec.type,
    status,
    cameo: code.code,
    quad: code.quad,
    goldstein: code.goldstein,
    trigger: { start: headToken.start, end: lastToken.end },
    sentence: run.index,
    rule: recode ? recode.rule : spec.id,
  };
  const mode = recode ? recode.mode : intent ? intent.mode : spec.mode;
  if (mode) event.mode = mode;
  if (!intent && !recode && spec.context) event.context = [...spec.context];
  if (sides.actor) event.actor = sides.actor;
  if (sides.recipient) event.recipient = sides.recipient;
  if (time) {
    event.date = calendarDate(time.value);
    event.dateGranularity = time.granularity;
    event.dateFrom = 'text';
  } else if (status === 'asserted' && run.published) {
    // An asserted event whose clause names no time is dated by the document.
    event.date = run.published;
    event.dateGranularity = 'day';
    event.dateFrom = 'document';
  }
  const attribution = eventAttribution(run.ctx.attributions, doc.attributions ?? [], event.trigger, doc.text);
  if (attribution) event.attribution = attribution;
  if (statusRule) event.statusRule = statusRule;
  const visited = spec.mode === 'visit' ? sides.recipientGroup : undefined;
  const place = eventPlace(doc.text, tokens, t.usable, m.head, clause, visited);
  const unnamed = place ? undefined : unnamedPlace(run.ctx, m.head, clause);
  const linker = visited ? null : placeLinker();
  if (linker) {
    // The learned linker decides among the sentence's places, the rules' reading one of its features.
    const candidates = placeCandidates(
      doc.text,
      tokens,
      run.ctx.groups,
      m.head,
      clause,
      place ?? unnamed,
      (tokens[m.head] as Token).lower,
      run.ctx.times,
    );
    const best = choosePlace(candidates, linker.model, linker.threshold);
    const c = best ? candidates[best.index] : undefined;
    if (c?.group) event.location = placeOf(doc, c.group);
    else if (c) event.location = { start: c.start, end: c.end, text: doc.text.slice(c.start, c.end) };
  } else if (place) event.location = placeOf(doc, place);
  else if (unnamed) event.location = { ...unnamed, text: doc.text.slice(unnamed.start, unnamed.end) };
  placeAndImpliedActors(run, t, sides, event, frame, clauses);
  scoreAndTrace(run, t, sides, event);
  return event;
}

/**
 * "was arrested in Lebanon", "a bomb near Samarra killed …": no actor named, the place's;
 * "thousands of people marched in Lagos": an unnamed actor of no country, the place's country.
 * "freed from US custody", "were arrested on their return": the state that holds or arrests, with
 * the subject that underwent it as the recipient.
 */
function placeAndImpliedActors(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  event: CodedEvent,
  frame: ClauseFrame | undefined,
  clauses: ClauseAnalysis | undefined,
): void {
  const { doc, tokens } = run.ctx;
  const { m } = t;
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
    sides.recipient !== undefined &&
    sides.recipientGroup !== undefined &&
    sides.recipient.start === sides.recipientGroup.start &&
    namesWhere(doc.text, tokens, sides.recipientGroup);
  const byPlace =
    doneTo && sides.actor
      ? undefined
      : placeAsActor(event.type, event.location, where ? undefined : sides.recipient, sides.actor);
  if (byPlace) {
    sides.actorBy = sides.actor ? `${sides.actorBy ?? 'text'}+place` : 'place';
    sides.actor = byPlace;
    event.actor = byPlace;
  }
  // "Britons freed from US custody": a past participle with a preposition after it is done to its subject.
  const participleDoneTo =
    next !== undefined &&
    (next.lower === 'by' || locativePreps.has(next.lower)) &&
    clauses?.tagAt(m.last) === 'VBN';
  const implied = impliedActor(
    run.ctx,
    m,
    event.type,
    sides.limit,
    sides.actor,
    passiveVoice || participleDoneTo,
    {
      ...(event.attribution ? { attribution: event.attribution } : {}),
      placeCountry: event.location?.country,
    },
    byPlace !== undefined && !sides.actorBy?.endsWith('+place') && sides.actorBy === 'place',
  );
  if (implied) {
    const by = implied.by ?? impliedActorRule;
    delete implied.by;
    if (sides.recipient && implied.entity !== undefined && sides.recipient.entity === implied.entity) {
      delete event.recipient;
      sides.recipient = undefined;
    }
    // The subject that underwent it is the recipient.
    if (sides.actor && !sides.recipient) {
      sides.recipient = sides.actor;
      sides.recipientBy = 'patient';
      event.recipient = sides.recipient;
    }
    sides.actor = implied;
    sides.actorBy = by;
    event.actor = implied;
  }
}

/** How likely the reading is right, from how it was coded (models/event-confidence-2), and the trace of how. */
function scoreAndTrace(run: SentenceRun, t: Trigger, sides: Sides, event: CodedEvent): void {
  const { doc, tokens } = run.ctx;
  const { options } = run;
  const { actor, actorBy, recipient, recipientBy, verbGroup } = sides;
  const judged: ConfidenceInput = {
    event,
    sentence: doc.text.slice(run.sentence.start, run.sentence.end),
    sentenceStart: run.sentence.start,
    ...(actor && actorBy ? { actorBy } : {}),
    ...(options.classifier ? { detector: run.judge().event } : {}),
    ...(verbGroup ? { voice: verbGroup.voice, negated: verbGroup.negated } : {}),
  };
  const features = confidenceFeatures(judged);
  const confidence = eventConfidence(features);
  if (confidence !== undefined) event.confidence = confidence;
  if (!options.trace) return;
  const trace: EventTrace = {
    decidedBy: 'rule',
    rule: t.m.rule.spec.id,
    confidenceFeatures: features,
  };
  if (options.classifier) run.judge();
  const verdict = run.verdict();
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
