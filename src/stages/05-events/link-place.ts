import type { Doc, EventParticipant, Span } from '../../core/doc.js';
import { documentTokens, sentenceJoinedTokens } from '../../core/tokens.js';
import { buildGroups } from './participants.js';
import { modifiesPlace, placeOf } from './place-sides.js';
import { type EntityMention, tokenAt } from './sentence-words.js';
import { clauseOf, eventPlace, unnamedPlace } from './when-where.js';

/**
 * Where the event whose trigger is `trigger` happened, by the events stage's own reading (the
 * place a place preposition governs in the trigger's clause, nearest the trigger): what the stage
 * writes as an event's `location`, for any verb — `events-location` scores it on gold verbs.
 */
export function linkPlace(doc: Readonly<Doc>, trigger: Span): EventParticipant | undefined {
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
  const groups = buildGroups(doc, mentions, tokens).filter((g) => !modifiesPlace(tokens, g));
  const head = tokenAt(tokens, trigger.start);
  const clause = clauseOf(doc.text, tokens, head);
  const place = eventPlace(doc.text, tokens, groups, head, clause);
  if (place) return placeOf(doc, place);
  const times = (doc.times ?? []).filter((t) => t.start >= sentence.start && t.end <= sentence.end);
  const unnamed = unnamedPlace(
    { doc, tokens, times, groups: buildGroups(doc, mentions, tokens) },
    head,
    clause,
  );
  return unnamed ? { ...unnamed, text: doc.text.slice(unnamed.start, unnamed.end) } : undefined;
}
