/**
 * Fixed phrases, matched as whole lowercase token sequences (the longest wins). Tokens are words,
 * numbers and single punctuation marks, so "year's" is written `year 's` → ['year', "'s"].
 */
export type FixedPhrase = (
  | { kind: 'ref'; value: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF' }
  | { kind: 'day'; offset: number; part?: string }
  | { kind: 'set'; value: string }
) & {
  rule: string;
  words: readonly string[];
  /** Not a time expression when the word before / after is one of these ("as soon as"). */
  notAfter?: readonly string[];
  notBefore?: readonly string[];
};

const day = (words: string, offset: number, part?: string): FixedPhrase =>
  part === undefined
    ? { rule: 'time:deictic-day', words: words.split(' '), kind: 'day', offset }
    : { rule: 'time:deictic-day', words: words.split(' '), kind: 'day', offset, part };
const ref = (words: string, value: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF'): FixedPhrase => ({
  rule: 'time:deictic-ref',
  words: words.split(' '),
  kind: 'ref',
  value,
});
const set = (words: string, value: string): FixedPhrase => ({
  rule: 'time:set',
  words: words.split(' '),
  kind: 'set',
  value,
});

export const fixedPhrases: readonly FixedPhrase[] = [
  day('today', 0),
  day('tonight', 0, 'NI'),
  day('yesterday', -1),
  day('tomorrow', 1),
  day('this morning', 0, 'MO'),
  day('this afternoon', 0, 'AF'),
  day('this evening', 0, 'EV'),
  day('last night', -1, 'NI'),
  day('last evening', -1, 'EV'),
  day('yesterday morning', -1, 'MO'),
  day('yesterday afternoon', -1, 'AF'),
  day('yesterday evening', -1, 'EV'),
  day('tomorrow morning', 1, 'MO'),
  day('tomorrow afternoon', 1, 'AF'),
  day('tomorrow evening', 1, 'EV'),
  day('tomorrow night', 1, 'NI'),
  day('the day before yesterday', -2),
  day('the day after tomorrow', 2),
  ref('now', 'PRESENT_REF'),
  ref('right now', 'PRESENT_REF'),
  ref('currently', 'PRESENT_REF'),
  ref('at present', 'PRESENT_REF'),
  ref('nowadays', 'PRESENT_REF'),
  ref('these days', 'PRESENT_REF'),
  ref('recently', 'PAST_REF'),
  ref('lately', 'PAST_REF'),
  ref('the past', 'PAST_REF'),
  ref('recent years', 'PAST_REF'),
  ref('recent months', 'PAST_REF'),
  ref('recent weeks', 'PAST_REF'),
  ref('recent days', 'PAST_REF'),
  ref('the future', 'FUTURE_REF'),
  {
    ...ref('soon', 'FUTURE_REF'),
    notAfter: ['as'],
    notBefore: ['after', 'before', 'as', 'afterwards', 'thereafter'],
  },
  ref('the coming years', 'FUTURE_REF'),
  ref('the coming months', 'FUTURE_REF'),
  ref('the coming weeks', 'FUTURE_REF'),
  ref('the coming days', 'FUTURE_REF'),
  ref('the years ahead', 'FUTURE_REF'),
  { ...set('daily', 'P1D'), notBefore: ['newspaper', 'newspapers', 'paper', 'life', 'lives', 'basis'] },
  set('weekly', 'P1W'),
  set('monthly', 'P1M'),
  {
    ...set('quarterly', 'P3M'),
    notBefore: ['dividend', 'dividends', 'payment', 'payments', 'report', 'results'],
  },
  set('annually', 'P1Y'),
  set('yearly', 'P1Y'),
  set('hourly', 'PT1H'),
  set('every day', 'P1D'),
  set('each day', 'P1D'),
  set('every week', 'P1W'),
  set('each week', 'P1W'),
  set('every month', 'P1M'),
  set('each month', 'P1M'),
  set('every year', 'P1Y'),
  set('each year', 'P1Y'),
  set('every morning', 'XXXX-XX-XXTMO'),
  set('every night', 'XXXX-XX-XXTNI'),
];
