import data from './phrases.json' with { type: 'json' };

/**
 * Fixed phrases, matched as whole lowercase token sequences (the longest wins). Tokens are words,
 * numbers and single punctuation marks, so "year's" is written `year 's` → ['year', "'s"].
 * The phrases themselves are data: `phrases.json`.
 */
export type FixedPhrase = (
  | { kind: 'ref'; value: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF' }
  | { kind: 'day'; offset: number; part?: string }
  /** Days counted from the last day the text named ("the next day"), else from the publication date. */
  | { kind: 'anaphoric-day'; offset: number }
  | { kind: 'set'; value: string }
) & {
  rule: string;
  words: readonly string[];
  /** Not a time expression when the word before / after is one of these ("as soon as"). */
  notAfter?: readonly string[];
  notBefore?: readonly string[];
};

const ruleOf = {
  day: 'time:deictic-day',
  anaphoric: 'time:anaphoric-day',
  ref: 'time:deictic-ref',
  set: 'time:set',
} as const;

interface PhraseEntry {
  words: string;
  kind: string;
  offset?: number;
  part?: string;
  value?: string;
  notAfter?: string[];
  notBefore?: string[];
}

/** One entry of `phrases.json` as a matcher rule; a malformed entry is a programmer error. */
function toPhrase(e: PhraseEntry): FixedPhrase {
  const words = e.words.split(' ');
  const extra = {
    ...(e.notAfter ? { notAfter: e.notAfter } : {}),
    ...(e.notBefore ? { notBefore: e.notBefore } : {}),
  };
  if (e.kind === 'day' && typeof e.offset === 'number') {
    const base = { rule: ruleOf.day, words, kind: 'day' as const, offset: e.offset };
    return { ...(e.part === undefined ? base : { ...base, part: e.part }), ...extra };
  }
  if (e.kind === 'anaphoric-day' && typeof e.offset === 'number') {
    return { rule: ruleOf.anaphoric, words, kind: 'anaphoric-day', offset: e.offset, ...extra };
  }
  if (e.kind === 'ref' && (e.value === 'PRESENT_REF' || e.value === 'PAST_REF' || e.value === 'FUTURE_REF')) {
    return { rule: ruleOf.ref, words, kind: 'ref', value: e.value, ...extra };
  }
  if (e.kind === 'set' && typeof e.value === 'string') {
    return { rule: ruleOf.set, words, kind: 'set', value: e.value, ...extra };
  }
  throw new Error(
    `rules/time/phrases.json: "${e.words}" needs kind day or anaphoric-day (offset), ref (a *_REF value) or set (value)`,
  );
}

export const fixedPhrases: readonly FixedPhrase[] = (data.phrases as PhraseEntry[]).map(toPhrase);
