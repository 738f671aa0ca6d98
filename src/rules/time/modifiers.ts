/** Words that shift a calendar unit relative to the anchor ("last week", "next year"). */
export const relativeShifts: readonly (readonly [string, number])[] = [
  ['last', -1],
  ['past', -1],
  ['previous', -1],
  ['preceding', -1],
  ['this', 0],
  ['current', 0],
  ['present', 0],
  ['next', 1],
  ['coming', 1],
  ['following', 1],
];

/** Fuzzy position words kept in the extent but not in the value ("early next year" → `2025`). */
export const positionWords: readonly string[] = ['early', 'earlier', 'late', 'later', 'mid'];

/** After "N units": the direction of the shift ("two years ago" → -2, "three days later" → +3). */
export const agoWords: readonly (readonly [string, number])[] = [
  ['ago', -1],
  ['earlier', -1],
  ['before', -1],
  ['later', 1],
  ['hence', 1],
];

/**
 * Future cues, looked for in the few words before an expression ("will meet on Friday",
 * "is expected to arrive Tuesday"): the nearest cue decides whether a bare weekday, month or
 * quarter resolves forward from the publication date.
 */
export const futureCues: readonly string[] = [
  'will',
  "'ll",
  'shall',
  'would',
  'going',
  'expected',
  'expects',
  'plans',
  'plan',
  'planned',
  'scheduled',
  'due',
  'upcoming',
  'next',
  'tomorrow',
  'until',
  'by',
];

/** Written before a four-digit year, they make it a year even in odd positions. */
export const yearLeaders: readonly string[] = [
  'in',
  'since',
  'by',
  'until',
  'till',
  'of',
  'from',
  'to',
  'through',
  'fiscal',
  'during',
  'before',
  'after',
  'early',
  'late',
  'mid',
  'the',
  'and',
];

/**
 * Past cues: irregular past-tense verbs and a few adverbs that, right before a weekday or month
 * ("said Tuesday", "since March"), make it resolve backward. Regular "-ed" forms are recognised
 * by their ending.
 */
export const pastVerbs: readonly string[] = [
  'said',
  'told',
  'was',
  'were',
  'had',
  'did',
  'met',
  'made',
  'took',
  'gave',
  'went',
  'came',
  'left',
  'held',
  'began',
  'saw',
  'rose',
  'fell',
  'won',
  'lost',
  'got',
  'sent',
  'spoke',
  'wrote',
  'struck',
  'hit',
  'ago',
  'last',
  'since',
  'yesterday',
  'earlier',
];

/** Lowercase words that may follow a bare four-digit year without making it a count ("2023 was"). */
export const yearFollowerWords: readonly string[] = [
  "'s",
  'and',
  'or',
  'to',
  'was',
  'were',
  'is',
  'when',
  'after',
  'before',
  'as',
  'with',
  'but',
  'while',
  'through',
  'until',
  'compared',
  'against',
  'budget',
  'season',
  'election',
  'elections',
  'census',
  'level',
  'levels',
  'figure',
  'figures',
  'results',
  'model',
  'models',
  'campaign',
  'report',
  'annual',
  'fiscal',
  'quarter',
];
