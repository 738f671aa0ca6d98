import type { Attribution, Doc, EventParticipant, Span } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import type { ClauseAnalysis, ClauseFrame } from './analyze-clauses.js';
import { actorNouns } from './check-sense.js';
import type { SentenceRun, Sides, Trigger } from './coding-state.js';
import { countryOnlyAsResolved, locateTextSide } from './participants.js';
import {
  descriptionRule,
  isQuotedFirstPerson,
  isResolvablePronoun,
  possessiveSubject,
  postModifierTags,
  pronounRule,
  quoteSpeakerRule,
  reportedContentOpeners,
  reportedPronounRule,
} from './pronoun-actors.js';
import {
  auxTail,
  type EntityMention,
  type Group,
  isPassive,
  isReportingVerb,
  pronouns,
  titleWords,
} from './sentence-words.js';
import { eventAttribution } from './when-where.js';

/** The subject pronoun of the trigger's clause: the clause analysis's one-word subject, else the word before the verb group; -1 if none. */
function pronounSubject(tokens: readonly Token[], head: number, frame: ClauseFrame | undefined): number {
  const subject = frame?.actors[0];
  // "during his Tokyo visit": a nominal event's possessive determiner, before its modifier or itself.
  if (frame?.kind === 'nominal') {
    const before = (subject && subject.last < head ? subject.first : head) - 1;
    if (possessiveSubject(tokens[before]?.lower ?? '')) return before;
  }
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
  return found ? speakerOf(doc, all[found.attribution]) : undefined;
}

/** The source of attribution `best` as a participant (see `quoteSpeaker`). */
function speakerOf(doc: Readonly<Doc>, best: Attribution | undefined): EventParticipant | undefined {
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

/**
 * "Bankers said they insisted …", "Walsh said he declined …": the source of the report whose content
 * opens with the subject pronoun at token `k` (after at most an opener such as "that"), when the
 * pronoun agrees with it (pronoun-actors.json `reportingSubject`); else undefined.
 */
function reportingSubject(
  run: SentenceRun,
  attributions: readonly Attribution[],
  tokens: readonly Token[],
  k: number,
  trigger: Span,
  tagAt: ((i: number) => string) | undefined,
): EventParticipant | undefined {
  const doc = run.ctx.doc;
  const all = doc.attributions ?? [];
  const found = eventAttribution(attributions, all, trigger, doc.text);
  const report = found ? all[found.attribution] : undefined;
  const content = report?.content;
  const pronoun = tokens[k] as Token;
  // "X said (that) they …": the source comes before the content, which the pronoun opens.
  const span = report?.sourceSpan;
  if (!span || !content || content.start > pronoun.start || span.end > content.start) return undefined;
  for (let j = k - 1; j >= 0 && (tokens[j] as Token).start >= content.start; j--) {
    if (!reportedContentOpeners.has((tokens[j] as Token).lower)) return undefined;
  }
  const speaker = speakerOf(doc, report);
  const word = possessiveSubject(pronoun.lower) ?? pronoun.lower;
  if (!speaker || !agrees(doc, word, speaker, span, tokens, tagAt)) return undefined;
  if (speaker.entity || !run.ctx.pronouns || run.ctx.index === undefined) return speaker;
  // "the chancellor announced that he would …": the person the article introduced with that title.
  const first = tokens.findIndex((x) => x.start >= span.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= span.end) last++;
  const head = first >= 0 ? describedHead(doc.text, tokens, { first, last }, run.ctx.groups) : undefined;
  const described = head
    ? run.ctx.pronouns.describedBy(head, doc.text, span.start, run.ctx.index)
    : undefined;
  return described ? antecedent(doc, described) : speaker;
}

/** Whether `pronoun` can stand for the report's source `speaker` (its entity type, else its head noun's number). */
function agrees(
  doc: Readonly<Doc>,
  pronoun: string,
  speaker: EventParticipant,
  span: Span,
  tokens: readonly Token[],
  tagAt: ((i: number) => string) | undefined,
): boolean {
  // "Mr Howard and Mr Kennedy have said they would …": a coordinated source is plural.
  if (pronoun === 'they' && /\s(?:and|&)\s/.test(doc.text.slice(span.start, span.end))) return true;
  const type = speaker.entity ? doc.entities?.find((e) => e.id === speaker.entity)?.type : undefined;
  if (type) return pronoun === 'he' || pronoun === 'she' ? type === 'person' : type !== 'person';
  // No entity: the head is the last word of the source's first noun group, before what modifies it
  // ("Militants loyal to …", "Registrars' spokesman, Mark Rimmer").
  if (!tagAt) return false;
  let head = -1;
  for (let j = 0; j < tokens.length && (tokens[j] as Token).start < span.end; j++) {
    if ((tokens[j] as Token).start < span.start) continue;
    if (head >= 0 && postModifierTags.has(tagAt(j))) break;
    head = j;
  }
  if (head < 0) return false;
  const tag = tagAt(head);
  const word = (tokens[head] as Token).lower;
  if (pronoun === 'they') return tag === 'NNS' || tag === 'NNPS';
  if (tag !== 'NN' && tag !== 'NNP') return false;
  return pronoun === 'it' ? actorNouns.has(word) : !actorNouns.has(word);
}

/** An earlier mention as a participant: its surface, entity, and what the entities stage resolved it to. */
export function antecedent(doc: Readonly<Doc>, found: EntityMention): EventParticipant {
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

/**
 * "He insisted that …": a subject pronoun stands for the one entity it can refer to nearby; inside
 * a quotation "I" or "we" is its speaker, while "he" is someone the speaker talks about, not the
 * nearest name (often the speaker).
 */
function pronounSide(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  frame: ClauseFrame | undefined,
  tagAt: ((i: number) => string) | undefined,
): void {
  const { ctx } = run;
  const { doc, tokens } = ctx;
  const { m } = t;
  if (!ctx.pronouns || ctx.index === undefined) return;
  const k = pronounSubject(tokens, m.head, frame);
  const written = k >= 0 ? (tokens[k] as Token).lower : '';
  const word = possessiveSubject(written) ?? written;
  const passive = frame?.verbGroup?.voice === 'passive' || isPassive(tokens, m.head, m.rule);
  const quoted = k >= 0 && ctx.quoted?.((tokens[k] as Token).start) === true;
  if (quoted && !passive && isQuotedFirstPerson(word)) {
    // "'I congratulate France,' Mr Blair said": the quotation's speaker.
    const speaker = quoteSpeaker(doc, ctx.attributions, tokens[m.head] as Token);
    if (speaker && speaker.entity !== sides.recipient?.entity) {
      sides.actor = speaker;
      sides.actorBy = quoteSpeakerRule;
    }
  } else if (isResolvablePronoun(word) && !quoted && !(passive && word === 'it')) {
    // "Bankers said they insisted …": the report's source, before any older name.
    const source = reportingSubject(run, ctx.attributions, tokens, k, tokens[m.head] as Token, tagAt);
    const found = source ? undefined : ctx.pronouns.resolve(word, (tokens[k] as Token).start, ctx.index);
    const side = source ?? (found ? antecedent(doc, found) : undefined);
    const rule = source ? reportedPronounRule : pronounRule;
    if (side && (side.entity === undefined || side.entity !== sides.recipient?.entity)) {
      if (!passive) {
        sides.actor = side;
        sides.actorBy = rule;
      } else if (!sides.recipient) {
        sides.recipient = side;
        sides.recipientBy = rule;
      }
    }
  }
}

/** "The Tory co-chairman attacked …": a definite description of someone named before. */
function describedSide(run: SentenceRun, t: Trigger, sides: Sides, frame: ClauseFrame): void {
  const { ctx } = run;
  const { doc, tokens, groups } = ctx;
  if (!ctx.pronouns || ctx.index === undefined) return;
  const head = describedHead(doc.text, tokens, frame.actors[0], groups);
  const found = head
    ? ctx.pronouns.describedBy(head, doc.text, (tokens[t.m.head] as Token).start, ctx.index)
    : undefined;
  if (found && found.entity.id !== sides.recipient?.entity) {
    sides.actor = antecedent(doc, found);
    sides.actorBy = descriptionRule.id;
  }
}

/**
 * Sides that name no one, or only by reference: a text actor that names no one is dropped ("The
 * number opposed to a ban"); a subject pronoun, a quotation's "I" or a definite description stands
 * for whom it refers to; a recipient the actor already is goes; text sides get their country.
 */
export function referredSides(
  run: SentenceRun,
  t: Trigger,
  sides: Sides,
  frame: ClauseFrame | undefined,
  clauses: ClauseAnalysis | undefined,
): void {
  const { ctx } = run;
  const { doc, tokens, groups } = ctx;
  const { trailing, leadingComma } = t;
  // "The number opposed to a ban", "Those cutbacks would free up funds": a phrase that is no
  // entity, no agent noun, no title and no name cannot act; the actor is left open (a pronoun may fill it).
  const actor = sides.actor;
  if (
    actor &&
    !actor.entity &&
    !actor.sector &&
    (sides.actorBy === 'text' || sides.actorBy === 'clause:text') &&
    clauses &&
    !namesSomeone(tokens, actor, (i) => clauses.tagAt(i))
  ) {
    sides.actor = undefined;
    sides.actorBy = undefined;
  }
  // "The ministry said he rejected …": a pronoun subject of the trigger's own clause, after a
  // phrase the token window took, says who acts when it refers to someone; that phrase is the
  // reporter's. When the pronoun refers to no one found, the window's phrase stays.
  // So does a nominal event's possessive ("officials said her talks with Ryzhkov …").
  const subject = frame?.actors[0];
  const window = sides.actorBy === 'text' || sides.actorBy === 'subject';
  const taken = { actor: sides.actor, actorBy: sides.actorBy };
  const own = frame?.kind === 'nominal' ? pronounSubject(tokens, t.m.head, frame) : subject?.first;
  const ownWord = own !== undefined && own >= 0 ? (tokens[own] as Token).lower : '';
  // A possessive counts only after a reporting verb ("officials said her talks"): in "the
  // president met Blair on his visit" the subject the windows took is whose visit it is.
  const possessive =
    frame?.kind === 'nominal' &&
    possessiveSubject(ownWord) !== undefined &&
    sides.actor !== undefined &&
    tokens.some(
      (x) =>
        x.start >= (sides.actor as EventParticipant).end &&
        x.end <= (tokens[own as number] as Token).start &&
        isReportingVerb(doc.text, x),
    );
  if (
    sides.actor &&
    window &&
    own !== undefined &&
    own >= 0 &&
    (possessive || (subject && subject.first === subject.last && isResolvablePronoun(ownWord))) &&
    sides.actor.end <= (tokens[own] as Token).start
  ) {
    sides.actor = undefined;
    sides.actorBy = undefined;
  }
  if (!sides.actor && !trailing && leadingComma < 0)
    pronounSide(run, t, sides, frame, clauses ? (i) => clauses.tagAt(i) : undefined);
  const pronounRecipient = sides.recipientBy === pronounRule || sides.recipientBy === reportedPronounRule;
  // The pronoun found no one, or the same phrase: the window's reading stays.
  const same =
    sides.actor && taken.actor && sides.actor.start < taken.actor.end && taken.actor.start < sides.actor.end;
  if ((!sides.actor && !pronounRecipient && taken.actor) || same)
    ({ actor: sides.actor, actorBy: sides.actorBy } = taken);
  if (
    (!sides.actor ||
      (!sides.actor.entity && (sides.actorBy === 'text' || sides.actorBy === 'clause:text'))) &&
    !trailing &&
    leadingComma < 0 &&
    frame?.kind === 'verbal' &&
    frame.verbGroup?.voice === 'active'
  )
    describedSide(run, t, sides, frame);
  if (sides.actor && sides.recipient && sides.actor.start === sides.recipient.start)
    sides.recipient = undefined;
  for (const side of [sides.actor, sides.recipient]) locateTextSide(doc, tokens, side, groups);
}
