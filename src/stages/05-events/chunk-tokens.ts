import type { JoinedToken as Token } from '../../core/tokens.js';
import clauseData from '../../rules/events/clause-words.json' with { type: 'json' };

/**
 * Shallow chunks over a sentence's part-of-speech tags (Penn Treebank, `models/pos-1`): noun
 * groups, verb groups and the prepositions and conjunctions between them. One left-to-right
 * pass, each token looked at a bounded number of times, so a 5,000-word sentence costs 5,000
 * steps. The grammar is the textbook one (a determiner, modifiers and nouns; auxiliaries,
 * adverbs and a main verb), written here.
 */

export type ChunkKind = 'NP' | 'VG' | 'P' | 'CC' | 'PUNCT' | 'O';

export interface Chunk {
  kind: ChunkKind;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
  /** The head token: a noun group's last noun, a verb group's main verb. */
  head: number;
  /** A noun group ending in "'s" ("Russia's"): it modifies the noun group after it. */
  possessive?: true;
  /** A verb group of "be"/"get" + past participle ("was attacked"). */
  passive?: true;
  /** A verb group holding "not", "n't" or "never". */
  negated?: true;
  /** A verb group opened by "to" ("to visit") or a participle with no auxiliary ("killing four"). */
  nonFinite?: true;
}

export interface ChunkWords {
  passiveAuxiliaries: ReadonlySet<string>;
  negations: ReadonlySet<string>;
}

// Tag classes as data (rules/events/clause-words.json): the Penn tags that head, open and end groups.
const tagClasses = clauseData.tagClasses;
const NOUN = new Set(tagClasses.noun);
const PRE_NOUN = new Set(tagClasses.preNoun);
const VERB = new Set(tagClasses.verb);
const PUNCT = new Set(tagClasses.punctuation);

function isNounTag(tag: string): boolean {
  return NOUN.has(tag);
}

function isAdverb(tag: string): boolean {
  return tag === 'RB' || tag === 'RBR' || tag === 'RBS';
}

/**
 * Chunks of a sentence: `tags[i]` is token i's tag, `possessive[i]` says it ends in "'s". Returns
 * the chunks in order and, per token, the index of its chunk.
 */
export function chunkTokens(
  tokens: readonly Token[],
  tags: readonly string[],
  possessive: Uint8Array,
  words: ChunkWords,
): { chunks: Chunk[]; chunkOf: Int32Array } {
  const n = tokens.length;
  const chunks: Chunk[] = [];
  const chunkOf = new Int32Array(n).fill(-1);
  const push = (c: Chunk) => {
    for (let k = c.first; k <= c.last; k++) chunkOf[k] = chunks.length;
    chunks.push(c);
  };
  let i = 0;
  while (i < n) {
    const tag = tags[i] as string;
    // A noun group: determiners and modifiers, then nouns; a participle between a modifier and a
    // noun is a modifier ("the ruling party", "the armed forces").
    if (
      PRE_NOUN.has(tag) ||
      isNounTag(tag) ||
      ((tag === 'VBN' || tag === 'VBG') && startsModifier(tags, i))
    ) {
      const first = i;
      let head = -1;
      while (i < n) {
        const t = tags[i] as string;
        if (isNounTag(t)) {
          head = i;
          i++;
          if (possessive[i - 1]) break;
          // Pronouns stand alone: "he" never takes more nouns ("told him Russia …").
          if (t === 'PRP' || t === 'EX') break;
          continue;
        }
        if (PRE_NOUN.has(t)) {
          // A determiner or modifier after a noun starts a new group ("gave Iran new weapons"),
          // but not after a count: "four American destroyers" is one group.
          if (head >= 0 && !countBeforeModifier(tokens, tags, head, i)) break;
          i++;
          continue;
        }
        if ((t === 'VBN' || t === 'VBG') && head < 0 && i > first && nextIsNominal(tags, i)) {
          i++;
          continue;
        }
        break;
      }
      if (head < 0) {
        // Modifiers with no noun ("the poor", "his"): the group ends at its last word.
        head = i - 1;
      }
      if (i === first) i++;
      const c: Chunk = { kind: 'NP', first, last: i - 1, head };
      if (possessive[i - 1]) c.possessive = true;
      push(c);
      continue;
    }
    // A verb group: auxiliaries, adverbs, "to" and verbs, ending at the last verb.
    if (
      VERB.has(tag) ||
      (tag === 'TO' && VERB.has(tags[i + 1] ?? '')) ||
      (isAdverb(tag) && verbAhead(tags, i))
    ) {
      const first = i;
      let head = -1;
      let sawAux = false;
      let passiveAux = false;
      let negated = false;
      while (i < n) {
        const t = tags[i] as string;
        const lower = (tokens[i] as Token).lower;
        if (VERB.has(t)) {
          if (head >= 0) {
            sawAux = true;
            passiveAux = words.passiveAuxiliaries.has((tokens[head] as Token).lower);
          }
          head = i;
          i++;
          continue;
        }
        if (t === 'TO' && VERB.has(tags[i + 1] ?? '')) {
          i++;
          continue;
        }
        if ((isAdverb(t) || t === 'RP') && (verbAhead(tags, i) || (t === 'RP' && head >= 0))) {
          if (words.negations.has(lower) || lower.endsWith("n't")) negated = true;
          i++;
          continue;
        }
        break;
      }
      if (head < 0) {
        i = first + 1;
        push({ kind: 'O', first, last: first, head: first });
        continue;
      }
      const c: Chunk = { kind: 'VG', first, last: i - 1, head };
      for (let k = first; k < head; k++) {
        const lower = (tokens[k] as Token).lower;
        if (words.negations.has(lower) || lower.endsWith("n't")) negated = true;
      }
      if (sawAux && passiveAux && tags[head] === 'VBN') c.passive = true;
      if (negated) c.negated = true;
      const opener = tags[first] as string;
      if (opener === 'TO' || (!sawAux && (tags[head] === 'VBG' || tags[head] === 'VBN') && first === head))
        c.nonFinite = true;
      push(c);
      continue;
    }
    const kind: ChunkKind =
      tag === 'IN' || tag === 'TO' ? 'P' : tag === 'CC' ? 'CC' : PUNCT.has(tag) ? 'PUNCT' : 'O';
    push({ kind, first: i, last: i, head: i });
    i++;
  }
  return { chunks, chunkOf };
}

/**
 * Whether the group's head so far is a count (a cardinal, not a four-digit year: "in 1987 American
 * ships …" keeps the year apart) right before modifier `i` that leads to a noun: the count is
 * then a modifier too ("four American destroyers", "two new rules").
 */
function countBeforeModifier(
  tokens: readonly Token[],
  tags: readonly string[],
  head: number,
  i: number,
): boolean {
  if (tags[head] !== 'CD' || head !== i - 1) return false;
  const t = tags[i] as string;
  if (t === 'DT' || t === 'PDT' || t === 'PRP$' || t === 'WP$' || t === '$') return false;
  if (/^\d{4}$/.test((tokens[head] as Token).lower)) return false;
  for (let k = i + 1; k < tags.length && k <= i + 3; k++) {
    const next = tags[k] as string;
    if (isNounTag(next) && next !== 'PRP' && next !== 'CD') return true;
    if (!PRE_NOUN.has(next)) return false;
  }
  return false;
}

/** Whether a participle at `i` opens a noun group ("armed forces" at a sentence start). */
function startsModifier(tags: readonly string[], i: number): boolean {
  const prev = tags[i - 1];
  return (prev === 'DT' || prev === 'PRP$' || prev === 'JJ') && nextIsNominal(tags, i);
}

function nextIsNominal(tags: readonly string[], i: number): boolean {
  const next = tags[i + 1] ?? '';
  return next === 'NN' || next === 'NNS' || next === 'NNP' || next === 'NNPS' || next === 'JJ';
}

/** Whether a verb follows within two adverbs ("has never condemned", "also praised"). */
function verbAhead(tags: readonly string[], i: number): boolean {
  for (let k = i + 1; k <= i + 3 && k < tags.length; k++) {
    const t = tags[k] as string;
    if (VERB.has(t)) return true;
    if (!isAdverb(t) && t !== 'RP') return false;
  }
  return false;
}
