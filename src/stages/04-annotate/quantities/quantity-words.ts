import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import { TokenSet } from '../../../core/tokens.js';
import { cardinalNumbers } from '../../../rules/lexicon/lexicon.js';
import countUnitData from '../../../rules/quantities/count-units.json' with { type: 'json' };
import currencyData from '../../../rules/quantities/currencies.json' with { type: 'json' };
import measureData from '../../../rules/quantities/measure-units.json' with { type: 'json' };
import peopleData from '../../../rules/quantities/people-participles.json' with { type: 'json' };
import scaleData from '../../../rules/quantities/scales.json' with { type: 'json' };
import vagueData from '../../../rules/quantities/vague-counts.json' with { type: 'json' };
import { wordList } from '../../../rules/word-list.js';

/** The quantity vocabulary of `rules/quantities/*`, compiled once at module load. */

export const prefixCurrency = compilePhrases(
  currencyData.prefix.map((c) => ({ surface: c.surface, value: c.code })),
);
export const suffixCurrency = compilePhrases(
  currencyData.suffix.map((c) => ({ surface: c.surface, value: c.code })),
);
export const scaleWords = new Map<string, number>(Object.entries(scaleData.words));
export const attachedScales = new Map<string, number>(Object.entries(scaleData.attached));
export const percentWords = compilePhrases(
  Object.entries(scaleData.percent).map(([surface, unit]) => ({ surface, value: unit })),
);
export const numberWords = cardinalNumbers;
export const numberWordSet = new TokenSet(numberWords.keys());
export const countUnits = new Map<string, string>(Object.entries(countUnitData.units));
export const maxWordsBetween = countUnitData.maxWordsBetween;

export interface MeasureUnit {
  unit: string;
  dimension: string;
  si: string;
  factor: number;
  offset?: number;
}

export const measureUnits = compilePhrases<MeasureUnit>(
  measureData.units.flatMap((u) => {
    const { surfaces, ...unit } = u;
    return surfaces.map((surface) => ({ surface, value: unit as MeasureUnit }));
  }),
);

/** First words of the vague counts, to skip the phrase matcher at most tokens. */
export const vagueFirstWords = new TokenSet(
  Object.keys(vagueData.words).map((w) => w.split(' ')[0] as string),
);

/** "dozens" → [24, 99]. */
export const vagueCounts = compilePhrases<readonly [number, number]>(
  Object.entries(vagueData.words).map(([surface, range]) => {
    const [low, high] = range;
    if (low === undefined || high === undefined || low > high)
      throw new Error(`rules/quantities/vague-counts.json: "${surface}" needs [low, high], found ${range}`);
    return { surface, value: [low, high] as const };
  }),
);

export const peopleAuxiliaries = compilePhrases(
  wordList(
    { description: peopleData.description, words: peopleData.auxiliaries },
    'quantities/people-participles auxiliaries',
  ).map((surface) => ({ surface, value: true })),
);
export const peopleParticiples = new TokenSet(
  wordList(
    { description: peopleData.description, words: peopleData.participles },
    'quantities/people-participles participles',
  ),
);
