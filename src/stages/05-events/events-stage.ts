import type { CameoStatement, Doc, Entity, EventCandidate, NewsEvent, Sentence } from '../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../core/limits.js';
import { bucketBySpan, firstEndingAfter } from '../../core/spans.js';
import type { Stage, StageResult } from '../../core/stage.js';
import { documentTokens, type JoinedToken, sentenceJoinedTokens } from '../../core/tokens.js';
import { ClauseAnalysis } from './analyze-clauses.js';
import { objectName } from './base-forms.js';
import { codeSentence } from './code-sentence.js';
import { codeStatements } from './code-statements.js';
import { storyCountryOf } from './implied-actors.js';
import { allIndex, candidate, findMatches, ownIndex, twoSides } from './matching.js';
import { mergeMentions } from './merge-mentions.js';
import { buildGroups } from './participants.js';
import { type PassageGenre, passageGenre } from './passage-genre.js';
import { PronounResolver } from './pronoun-actors.js';
import type { EntityMention, SentenceContext } from './sentence-words.js';
import { SentenceTagger } from './tag-sentence.js';

/** A coded event; `statusRule` names the cue that set a non-asserted status. */
/** The events stage's output: the document model's event type (see `core/doc.ts`). */
export type CodedEvent = NewsEvent;

export interface EventsOptions extends CapOptions {
  /** Tokens after a governing trigger ("threatened to …") whose triggers it absorbs. */
  absorbWindow?: number;
  /** Most tokens between a trigger and its recipient. */
  recipientWindow?: number;
  /** Record on every event how it was decided (`NewsEvent.trace`), for `tidings explain`. */
  trace?: boolean;
  /**
   * Ask the sentence event detector (models/events-2) about sentences where a rule matched, and
   * set a match aside when it is confident there is no event (default true).
   */
  classifier?: boolean;
  /**
   * Read actor and recipient from the clause analysis (part-of-speech tags, chunks, subject,
   * object, passive, coordination; `analyze-clauses.ts`) where it finds them (default true).
   */
  clauses?: boolean;
  /** Code CAMEO statements and appeals (roots 01–02) into `statements` (default true). */
  statements?: boolean;
}

/** One sentence's readings that were considered and not coded (see `explainEvents`). */
export interface SentenceEventTrace {
  sentence: number;
  rejected: EventCandidate[];
}

export function codeEvents(doc: Readonly<Doc>, options: EventsOptions = {}): StageResult {
  return codeDocument(doc, options);
}

/**
 * The events of a document with how each was decided (`NewsEvent.trace`), and per sentence the
 * readings that were considered and set aside, with why: what `tidings explain` prints.
 */
export function explainEvents(
  doc: Readonly<Doc>,
  options: EventsOptions = {},
): { events: CodedEvent[]; sentences: SentenceEventTrace[] } {
  const traces: SentenceEventTrace[] = [];
  const result = codeDocument(doc, { ...options, trace: true }, traces);
  return { events: result.events ?? [], sentences: traces };
}

/**
 * The clause analysis of one sentence as bracketed chunks ("[NP Xi and Putin] [VG will meet]"),
 * for `tidings explain`; undefined for a sentence index the document does not have.
 */
export function describeClauses(doc: Readonly<Doc>, index: number): string | undefined {
  const sentence = doc.sentences?.[index];
  if (!sentence || sentence.end <= sentence.start || sentence.end > doc.text.length) return undefined;
  const layer = documentTokens(doc);
  const tokens = sentenceJoinedTokens(layer, index, sentence, []);
  if (tokens.length === 0) return undefined;
  const { tags, possessive } = new SentenceTagger(layer).tag(index, tokens);
  return new ClauseAnalysis(tokens, tags, possessive).describe();
}

function codeDocument(
  doc: Readonly<Doc>,
  options: EventsOptions,
  traces?: SentenceEventTrace[],
): StageResult & { events?: CodedEvent[]; statements?: CameoStatement[] } {
  const { caps: _caps, ...windows } = options;
  const settings: Required<Omit<EventsOptions, 'caps'>> = {
    absorbWindow: 6,
    recipientWindow: 12,
    trace: false,
    classifier: true,
    clauses: true,
    statements: true,
    ...windows,
  };
  const cap = capFor('events', options);
  const events: CodedEvent[] = [];
  const sentences = doc.sentences ?? [];
  // Everything a sentence needs, bucketed once per document: scanning every mention, quote and
  // time for every sentence made long documents quadratic.
  const allMentions: EntityMention[] = [];
  for (const entity of doc.entities ?? []) {
    for (const mention of entity.mentions)
      allMentions.push({ start: mention.start, end: mention.end, entity, mention });
  }
  const mentionsBySentence = bucketBySpan(sentences, allMentions, 'within');
  const quotesBySentence = bucketBySpan(sentences, doc.quotes ?? [], 'overlap');
  const attributionsBySentence = bucketBySpan(sentences, doc.attributions ?? [], 'overlap');
  const timesBySentence = bucketBySpan(sentences, doc.times ?? [], 'within');
  const layer = documentTokens(doc);
  let tagger: SentenceTagger | undefined;
  // Opinion, comments and sport are read once per document, when a sentence first has a match.
  let genre: PassageGenre | undefined;
  let pronouns: PronounResolver | undefined;
  // The country the story is set in and its mentions in text order, read on first use.
  let story: EntityMention[] | undefined;
  const storyMention = (at: number): EntityMention | undefined => {
    if (!story) {
      const country = storyCountryOf(allMentions);
      // Its names ("Britain", "Wales"), not a demonym or a capital, stand for the state.
      story = country
        ? allMentions
            .filter(
              (m) =>
                m.entity.type === 'country' &&
                m.entity.country === country &&
                m.mention.form !== 'demonym' &&
                m.mention.form !== 'capital',
            )
            .sort((a, b) => a.start - b.start)
        : [];
    }
    let found = story[0];
    for (const m of story) {
      if (m.start >= at) break;
      found = m;
    }
    return found;
  };
  const genreOf = () => {
    genre ??= passageGenre(doc);
    return genre;
  };
  for (let index = 0; index < sentences.length && events.length <= cap; index++) {
    const sentence = sentences[index] as Sentence;
    if (sentence.end <= sentence.start || sentence.end > doc.text.length) continue;
    const mentions = mentionsBySentence.get(index) ?? [];
    const heads = twoSides(mentions) ? allIndex : ownIndex;
    if (!heads.mayHoldTrigger(layer, index)) continue;
    const firsts: number[] = [];
    const tokens = sentenceJoinedTokens(layer, index, sentence, firsts);
    const rejected: EventCandidate[] | undefined = traces ? [] : undefined;
    let tagged: ReturnType<SentenceTagger['tag']> | undefined;
    const tagsOf = () => {
      tagger ??= new SentenceTagger(layer);
      tagged ??= tagger.tag(index, tokens, mentions);
      return tagged;
    };
    const named = (k: number) => objectName(tokens, k, mentions, tagsOf);
    const matches = findMatches(tokens, layer, firsts, heads, rejected, named);
    if (matches.length === 0) {
      if (rejected && rejected.length > 0) traces?.push({ sentence: index, rejected });
      continue;
    }
    // "I agree with Mr Forsyth": the writer's or a reader's own voice is opinion, not a report.
    const opinion = genreOf().opinion(index);
    if (opinion) {
      if (rejected) {
        for (const m of matches)
          rejected.push(
            candidate(m.rule, tokens[m.head] as JoinedToken, tokens[m.last] as JoinedToken, opinion),
          );
        traces?.push({ sentence: index, rejected });
      }
      continue;
    }
    const ctx: SentenceContext = {
      sportDocument: genreOf().sport,
      index,
      quoted: (pos) => genreOf().quoted(pos),
      storyMention,
      get pronouns() {
        pronouns ??= new PronounResolver(allMentions, sentences);
        return pronouns;
      },
      doc,
      tokens,
      groups: buildGroups(doc, mentions, tokens),
      quotes: quotesBySentence.get(index) ?? [],
      attributions: attributionsBySentence.get(index) ?? [],
      times: timesBySentence.get(index) ?? [],
    };
    if (settings.clauses) {
      let clauses: ClauseAnalysis | undefined;
      ctx.clauses = () => {
        if (clauses) return clauses;
        const { tags, possessive } = tagsOf();
        clauses = new ClauseAnalysis(tokens, tags, possessive);
        return clauses;
      };
    }
    codeSentence(ctx, sentence, index, settings, matches, events, rejected);
    if (rejected && rejected.length > 0) traces?.push({ sentence: index, rejected });
  }
  const statements: CameoStatement[] = [];
  if (settings.statements) {
    const eventsBySentence = new Map<number, CodedEvent[]>();
    for (const e of events) {
      const list = eventsBySentence.get(e.sentence);
      if (list) list.push(e);
      else eventsBySentence.set(e.sentence, [e]);
    }
    let entityById: Map<string, Entity> | undefined;
    const entity = (id: string) => {
      entityById ??= new Map((doc.entities ?? []).map((e) => [e.id, e]));
      return entityById.get(id);
    };
    for (let index = 0; index < sentences.length && statements.length <= cap; index++) {
      const sentence = sentences[index] as Sentence;
      if (sentence.end <= sentence.start || sentence.end > doc.text.length) continue;
      if (genreOf().opinion(index)) continue;
      statements.push(
        ...codeStatements({
          doc,
          layer,
          sentence,
          index,
          mentions: mentionsBySentence.get(index) ?? [],
          attributions: attributionsBySentence.get(index) ?? [],
          events: eventsBySentence.get(index) ?? [],
          tagger: () => {
            tagger ??= new SentenceTagger(layer);
            return tagger;
          },
          entity,
        }).filter((st) => !isRemoved(doc, st.trigger)),
      );
    }
    if (statements.length > cap) statements.length = cap;
  }
  // The cap counts tellings, before they merge: the first `cap` in text order are kept.
  const leftOut = events.length > cap ? (events[cap] as CodedEvent) : undefined;
  if (leftOut) events.length = cap;
  // Mentions of one happening in the article become one event with all its mentions.
  const merged = mergeMentions(events);
  if (leftOut)
    return {
      events: merged,
      statements,
      diagnostics: [capReached('events', 'events', cap, leftOut.trigger)],
    };
  return { events: merged, statements };
}

/** Whether a span lies in text the clean stage removed (boilerplate, a repeated sentence). */
/** True when `span` lies inside one removed span (sorted and disjoint, as clean makes them: one binary search). */
function isRemoved(doc: Readonly<Doc>, span: { start: number; end: number }): boolean {
  const removed = doc.removed;
  if (!removed || removed.length === 0) return false;
  const r = removed[firstEndingAfter(removed, span.start)];
  return r !== undefined && r.start <= span.start && span.end <= r.end;
}

/** Codes PLOVER events sentence by sentence from the lexicon in `src/rules/events/`. */
export const eventsStage: Stage<EventsOptions | undefined> = {
  name: 'events',
  requires: ['sentences', 'entities', 'times', 'removed'],
  // Quotes and attributions tell a named source ("CNN reported") and a report's date from an
  // event's actor and date; without them those are judged from the words alone.
  reads: ['quotes', 'attributions', 'tokens'],
  assigns: ['events', 'statements'],
  run(doc, options) {
    return codeEvents(doc, options ?? {});
  },
};
