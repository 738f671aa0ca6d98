import { parseAnchor } from '../../core/calendar-math.js';
import type { EventParticipant, Sentence } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import type { ClauseFrame } from './analyze-clauses.js';
import { isSportSentence } from './check-sense.js';
import { type EventVerdict, judgeSentence } from './event-detector.js';
import type { CodedEvent, EventsOptions } from './events-stage.js';
import { soleCountryOf } from './participants.js';
import type { Group, Match, SentenceContext } from './sentence-words.js';

/**
 * What the triggers of one sentence share while `codeSentence` codes them: the sentence, the
 * options, and what is computed once for all of them (the classifier's verdict and the sport
 * reading only on first use, since most sentences never ask).
 */
export interface SentenceRun {
  ctx: SentenceContext;
  sentence: Sentence;
  index: number;
  options: Required<Omit<EventsOptions, 'caps'>>;
  /** The document's publication day, when it is a date. */
  published: string | undefined;
  /** The one country the sentence's entities name, if only one. */
  sole: string | undefined;
  /** A headline: the first paragraph of a document that has more. */
  inHeadline: boolean;
  /** The event detector's verdict on the sentence, computed on first call. */
  judge: () => EventVerdict;
  /** The verdict if some trigger of the sentence asked for it already. */
  verdict: () => EventVerdict | undefined;
  /** Whether the sentence (or its whole document) reads as sport, computed on first call. */
  sport: () => boolean;
}

/** The shared state of one sentence's coding (`SentenceRun`). */
export function sentenceRun(
  ctx: SentenceContext,
  sentence: Sentence,
  index: number,
  options: Required<Omit<EventsOptions, 'caps'>>,
): SentenceRun {
  const { doc, tokens, groups } = ctx;
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
  return {
    ctx,
    sentence,
    index,
    options,
    published: parseAnchor(doc.source.published) ? doc.source.published?.slice(0, 10) : undefined,
    sole: soleCountryOf(groups),
    inHeadline: index === 0 && sentence.paragraph === 0 && (doc.sentences ?? []).some((x) => x.paragraph > 0),
    judge,
    verdict: () => verdict,
    sport,
  };
}

/** One trigger match being coded, with what its place in the sentence already told. */
export interface Trigger {
  m: Match;
  headToken: Token;
  lastToken: Token;
  /** The sentence's entity groups that may be a side of this trigger. */
  usable: Group[];
  /** A participial consequence of the previous event (", killing four civilians"). */
  trailing: boolean;
  /** The comma closing a sentence-opening participial clause, or -1. */
  leadingComma: number;
  /** The word before the trigger head. */
  prevLower: string | undefined;
  /** The sentence's last coded event before this trigger. */
  lastEvent: CodedEvent | undefined;
}

/**
 * The actor and recipient of a trigger as the coding steps find and revise them, with how each was
 * found (`actorBy`, `recipientBy`, into the trace) and the groups and windows later steps read.
 */
export interface Sides {
  actor: EventParticipant | undefined;
  actorBy: string | undefined;
  /** The group the token windows took for the subject. */
  actorGroup: Group | undefined;
  recipient: EventParticipant | undefined;
  recipientBy: string | undefined;
  recipientGroup: Group | undefined;
  /** The preposition of the rule's that introduced the recipient. */
  viaPrep: string | undefined;
  /** A name before the trigger that is a preposition's object, not its subject. */
  prepObject: Group | undefined;
  /** The clause analysis's verb group of the trigger, when its sides were read from it. */
  verbGroup: ClauseFrame['verbGroup'];
  /** Where the trigger's clause ends for its recipient (";", ", as …"). */
  limit: number;
  /** The usable groups after the trigger within the recipient window. */
  after: Group[];
}

/** Why a trigger is no event (a rule id or reason into `rejected`), and whether it absorbs what it governs. */
export interface Rejection {
  reason: string;
  absorbs?: boolean;
  /** The classifier's score, for a veto. */
  score?: number;
}
