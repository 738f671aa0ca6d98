import type { Doc, EventParticipant, Span } from '../../core/doc.js';
import type { TextClassifier } from '../../core/ml/text-classifier.js';
import { documentTokens, type JoinedToken, sentenceJoinedTokens } from '../../core/tokens.js';
import { buildGroups } from './participants.js';
import { choosePlace, type PlaceCandidate, placeCandidates } from './place-linker.js';
import { modifiesPlace, placeOf } from './place-sides.js';
import { type EntityMention, type Group, tokenAt } from './sentence-words.js';
import { type ClauseSpan, clauseOf, eventPlace, unnamedPlace } from './when-where.js';

interface TriggerView {
  tokens: JoinedToken[];
  head: number;
  clause: ClauseSpan;
  /** All entity mentions of the sentence as noun groups. */
  all: Group[];
  /** The rules' reading: `eventPlace`'s group, else `unnamedPlace`'s span. */
  rule: { group?: Group; span: Span } | undefined;
  times: Span[];
}

function view(doc: Readonly<Doc>, trigger: Span): TriggerView | undefined {
  const sentences = doc.sentences ?? [];
  const index = sentences.findIndex((s) => s.start <= trigger.start && trigger.end <= s.end);
  const sentence = sentences[index];
  if (!sentence) return undefined;
  const tokens = sentenceJoinedTokens(documentTokens(doc), index, sentence, []);
  if (tokens.length === 0) return undefined;
  const mentions: EntityMention[] = [];
  for (const entity of doc.entities ?? []) {
    for (const mention of entity.mentions) {
      if (mention.start >= sentence.start && mention.end <= sentence.end)
        mentions.push({ start: mention.start, end: mention.end, entity, mention });
    }
  }
  const all = buildGroups(doc, mentions, tokens);
  const groups = all.filter((g) => !modifiesPlace(tokens, g));
  const head = tokenAt(tokens, trigger.start);
  const clause = clauseOf(doc.text, tokens, head);
  const times = (doc.times ?? []).filter((t) => t.start >= sentence.start && t.end <= sentence.end);
  const place = eventPlace(doc.text, tokens, groups, head, clause);
  if (place) return { tokens, head, clause, all, times, rule: { group: place, span: place } };
  const unnamed = unnamedPlace({ doc, tokens, times, groups: all }, head, clause);
  return { tokens, head, clause, all, times, rule: unnamed ? { span: unnamed } : undefined };
}

function participant(doc: Readonly<Doc>, group: Group | undefined, span: Span): EventParticipant {
  return group ? placeOf(doc, group) : { ...span, text: doc.text.slice(span.start, span.end) };
}

/**
 * Where the event whose trigger is `trigger` happened, by the events stage's own reading (the
 * place a place preposition governs in the trigger's clause, nearest the trigger): what the stage
 * writes as an event's `location`, for any verb — `events-location` scores it on gold verbs.
 */
export function linkPlace(doc: Readonly<Doc>, trigger: Span): EventParticipant | undefined {
  const v = view(doc, trigger);
  return v?.rule ? participant(doc, v.rule.group, v.rule.span) : undefined;
}

/** The learned linker's candidates for the trigger (`place-linker.ts`), the rules' reading among the features. */
export function placeCandidatesOf(doc: Readonly<Doc>, trigger: Span): PlaceCandidate[] {
  const v = view(doc, trigger);
  if (!v) return [];
  const verb = (v.tokens[v.head] as JoinedToken).lower;
  return placeCandidates(doc.text, v.tokens, v.all, v.head, v.clause, v.rule?.span, verb, v.times);
}

/** The learned linker's place for the trigger, or none (`choosePlace` over `placeCandidatesOf`). */
export function linkPlaceLearned(
  doc: Readonly<Doc>,
  trigger: Span,
  linker: { model: TextClassifier; threshold: number },
): EventParticipant | undefined {
  const candidates = placeCandidatesOf(doc, trigger);
  const best = choosePlace(candidates, linker.model, linker.threshold);
  if (!best) return undefined;
  const c = candidates[best.index] as PlaceCandidate;
  return participant(doc, c.group, c);
}
