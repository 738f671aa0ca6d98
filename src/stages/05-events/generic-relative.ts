import type { JoinedToken as Token } from '../../core/tokens.js';
import sentenceWords from '../../rules/events/sentence-words.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { clauseBreakers, subordinators } from './sentence-words.js';

const relatives = new Set(wordList(sentenceWords.relatives, 'events/sentence-words relatives'));
const generic = new Set(
  wordList(sentenceWords.genericDeterminers, 'events/sentence-words genericDeterminers'),
);
const indefinite = new Set(
  wordList(sentenceWords.indefiniteArticles, 'events/sentence-words indefiniteArticles'),
);

export const genericRelativeRule = 'events:sense.generic-relative';

/** Most words between a relative pronoun and the trigger it opens the clause of. */
const relativeWindow = 6;
/** Most words of the noun phrase a relative clause describes, before its head noun. */
const antecedentWindow = 5;

/**
 * Whether the trigger at `head` is the verb of a relative clause that describes a kind rather
 * than reports someone's act: the clause's noun is generic ("any party which offers", "no
 * government that refuses"), or indefinite or a bare plural with the clause in the present ("a
 * party which offers a different vision", "parents who refuse to pay"). PLOVER codes acts of
 * actors; a description of a kind of party or people names none. A past-tense clause ("a man who
 * attacked an officer", "protesters who stormed the building") may report an act and is kept.
 */
export function isGenericRelative(
  tokens: readonly Token[],
  head: number,
  tagAt: (i: number) => string,
): boolean {
  let r = -1;
  for (let k = head - 1; k >= 0 && k >= head - relativeWindow; k--) {
    const t = (tokens[k] as Token).lower;
    if (relatives.has(t)) {
      r = k;
      break;
    }
    if (clauseBreakers.has(t) || subordinators.has(t) || t === '.') return false;
  }
  if (r < 1) return false;
  // The noun the clause describes: right before the relative word (a comma may stand between).
  let n = r - 1;
  if ((tokens[n] as Token).lower === ',') n--;
  const nounTag = tagAt(n);
  if (n < 0 || !/^NNS?$/.test(nounTag)) return false;
  let j = n - 1;
  // Its modifiers, coordinated adjectives with their commas too ("a credible, principled party").
  const modifier = (i: number) =>
    /^(NNS?|JJ[RS]?|VBN|VBG|CD)$/.test(tagAt(i)) ||
    // an -ed adjective the tagger read as a past verb, after an adjective or its comma
    (tagAt(i) === 'VBD' &&
      (/^JJ/.test(tagAt(i - 1)) || (tokens[i - 1] as Token | undefined)?.lower === ',')) ||
    ((tokens[i] as Token).lower === ',' &&
      /^(JJ[RS]?|VBN)$/.test(tagAt(i - 1)) &&
      /^(JJ[RS]?|VBN|VBD)$/.test(tagAt(i + 1)));
  while (j >= 0 && j >= n - antecedentWindow && modifier(j)) j--;
  const opener = j >= 0 ? (tokens[j] as Token).lower : '';
  if (generic.has(opener)) return true;
  const bare =
    nounTag === 'NNS' &&
    tagAt(j) !== 'DT' &&
    tagAt(j) !== 'PRP$' &&
    tagAt(j) !== 'POS' &&
    !/^NNP/.test(tagAt(j));
  if (!indefinite.has(opener) && !bare) return false;
  // Told in the present: a present-tense or modal verb in the clause, and none in the past.
  let present = false;
  for (let k = r + 1; k <= head; k++) {
    const tag = tagAt(k);
    if (tag === 'VBD') return false;
    if (tag === 'VBZ' || tag === 'VBP' || tag === 'MD') present = true;
  }
  return present;
}

export const headlinePassiveRule = 'events:sense.headline-passive';

/** Words after an -ed form that open no object: a headline verb followed by one is a passive ("Labour accused over posters"). */
const headlinePreps = new Set(
  wordList(sentenceWords.nounPrepositions, 'events/sentence-words nounPrepositions').filter(
    (w) => w !== 'by',
  ),
);

/**
 * Whether the trigger at `head` is a passive in headlinese, which drops the auxiliary: a headline
 * (the document's first sentence, with no closing punctuation) where a past-participle form
 * follows its subject and no object follows it ("Labour accused over Howard poster", "Blair
 * attacked by MPs"). Headlines tell actions in the present ("Fox attacks Blair"), so the -ed form
 * is the subject's undergoing. Returns 'agent' when a by-phrase names who acted, 'none' when no
 * one is named (the lead sentence tells who), or undefined when it is no headline passive.
 */
export function headlinePassive(
  tokens: readonly Token[],
  head: number,
  last: number,
  sentenceText: string,
  isHeadline: boolean,
  tagAt: (i: number) => string,
): 'agent' | 'none' | undefined {
  if (!isHeadline || head < 1 || /[.!?"'\u201d]\s*$/.test(sentenceText)) return undefined;
  if (!/^VB[DN]$/.test(tagAt(head))) return undefined;
  const before = (tokens[head - 1] as Token).lower;
  if (clauseBreakers.has(before) || subordinators.has(before) || before === 'to' || before === 'and')
    return undefined;
  if (!/^(NN|PRP)/.test(tagAt(head - 1))) return undefined;
  const next = tokens[last + 1]?.lower;
  if (next === 'by') return 'agent';
  if (next === undefined || headlinePreps.has(next)) return 'none';
  return undefined;
}
