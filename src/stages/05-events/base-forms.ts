import type { JoinedToken } from '../../core/tokens.js';
import { type EntityMention, typeRank } from './sentence-words.js';

/**
 * Whether joined token `k` opens a name that is a whole noun phrase: an entity mention of an
 * actor-like type starting there, neither possessive ("Scotland's regiments") nor modifying a
 * common noun after it ("the Suffolk Coastal seat"). The base forms a rule leaves out are read as
 * verbs only with such an object (`findMatches`' `named`); `tagsOf` gives the sentence's
 * part-of-speech tags, computed only when a base form is met.
 */
export function objectName(
  tokens: readonly JoinedToken[],
  k: number,
  mentions: readonly EntityMention[],
  tagsOf: () => { tags: readonly string[]; possessive: Uint8Array },
): boolean {
  const at = (tokens[k] as JoinedToken).start;
  const mention = mentions.find((m) => m.start === at && m.entity.type in typeRank);
  if (!mention) return false;
  let last = k;
  while (last + 1 < tokens.length && (tokens[last + 1] as JoinedToken).end <= mention.end) last++;
  const { tags, possessive } = tagsOf();
  if (possessive[last]) return false;
  const next = tags[last + 1];
  return next === undefined || !(next === 'NN' || next === 'NNS');
}
