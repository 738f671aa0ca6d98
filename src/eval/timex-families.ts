/**
 * Error families of a time-expression run against TimeML gold, for reading where value F1 is lost
 * (`scripts/timex-families.ts`). A family is read off the two expressions alone — their texts,
 * values, types and the rule that decided — never off the sentence, so the same counts can be
 * printed for any split without reading it.
 *
 * Value F1 is 2 × right values / (found + gold): a wrong value, a miss and an extra each cost one.
 */
import {
  agoMap,
  cardinalMap,
  monthMap,
  seasonMap,
  vagueSet,
  weekdayMap,
} from '../stages/04-annotate/time/time-vocabulary.js';

export interface FamilySide {
  text: string;
  value: string;
  type: string;
}

export interface FoundSide extends FamilySide {
  rule: string;
}

/** What a TIMEX3 value is: a vague reference, a duration, a set-like or point value. */
export function valueKind(value: string, type = ''): 'ref' | 'duration' | 'set' | 'point' | 'other' {
  if (/_REF$/.test(value)) return 'ref';
  if (type === 'SET') return 'set';
  if (/^P/.test(value)) return 'duration';
  if (/^[X\d]/.test(value)) return 'point';
  return 'other';
}

/** The shape of a value with its digits masked: `1988-Q3` → `9999-Q9`. */
export function valueShape(value: string): string {
  return value.replace(/\d/g, '9');
}

const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
/** A count written in words ("two", "half", "a couple"): the time rules' own cardinals, "a"/"an" aside. */
const hasSpelledNumber = (text: string) =>
  words(text).some((w) => w !== 'a' && w !== 'an' && (cardinalMap.has(w) || vagueSet.has(w)));
/** A quarter, half, fiscal year or reporting period. */
const quarterWords = /\b(quarters?|fiscal|period|half)\b|year-(earlier|ago)|-quarter\b/i;
/** An offset counted from another point ("a year ago", "two days later"). */
const hasAgoWord = (text: string) =>
  words(text).some((w) => agoMap.has(w)) || /year-(earlier|ago)/i.test(text);
/** A weekday, month or season named without its year: its year comes from the document date or the text. */
const namesWithoutYear = (text: string) =>
  !/\d{4}/.test(text) &&
  words(text).some((w) => weekdayMap.has(w) || monthMap.has(w) || seasonMap.has(w) || w === 'weekend');

/** The value's start as a comparable number (year, then month or week or quarter, then day), or undefined. */
function pointKey(value: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q(\d)|-H(\d)|-(SP|SU|FA|WI))?/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  let day = 0;
  if (m[2]) day = (Number(m[2]) - 1) * 31 + (m[3] ? Number(m[3]) - 1 : 0);
  else if (m[4]) day = (Number(m[4]) - 1) * 7;
  else if (m[5]) day = (Number(m[5]) - 1) * 92;
  else if (m[6]) day = (Number(m[6]) - 1) * 183;
  else if (m[7]) day = { SP: 60, SU: 152, FA: 244, WI: 335 }[m[7] as 'SP'] ?? 0;
  return year * 372 + day;
}

/**
 * The family of a wrong value. Order matters: the first that fits is the family.
 * - `gold unresolved (X)`: gold left an `X` where a value was found of the same kind;
 * - `extent`: the spans differ, so the value follows another phrase;
 * - `reference (PRESENT/PAST/FUTURE_REF)`: one side is a vague reference and the other not;
 * - `set`: one side is a SET and the other not;
 * - `duration vs point`: a length against a date or time;
 * - `spelled number`: a count written in words and the values differ;
 * - `quarters, fiscal, periods`: a quarter, half, fiscal year or reporting period;
 * - `"ago" / "earlier" granularity` and `... period`: an offset from another point at another
 *   granularity or landing on another period;
 * - `granularity or unit`: same kind, another shape (`1988` vs `1988-Q3`, `T17` vs `T17:00`);
 * - `anchor (another date in the text)`: a rule that counts from a date the text named;
 * - `direction (past vs future)`: a name without its year (weekday, month, season) on the other
 *   side of the document date from gold;
 * - `same shape, other period`: the rest.
 */
export function valueFamily(gold: FamilySide, found: FoundSide, dct?: string): string {
  const gk = valueKind(gold.value, gold.type);
  const fk = valueKind(found.value, found.type);
  if (/X/.test(gold.value) && !/X/.test(found.value) && gk === fk) return 'gold unresolved (X)';
  if (gold.text.toLowerCase() !== found.text.toLowerCase()) return 'extent';
  if ((gk === 'ref') !== (fk === 'ref')) return 'reference (PRESENT/PAST/FUTURE_REF)';
  if ((gk === 'set') !== (fk === 'set')) return 'set';
  if ((gk === 'duration') !== (fk === 'duration')) return 'duration vs point';
  if (hasSpelledNumber(gold.text)) return 'spelled number';
  if (quarterWords.test(gold.text)) return 'quarters, fiscal, periods';
  const sameShape = valueShape(gold.value) === valueShape(found.value);
  if (hasAgoWord(gold.text))
    return sameShape ? '"ago" / "earlier": other period' : '"ago" / "earlier": granularity';
  if (!sameShape) return 'granularity or unit';
  if (/anaphoric|relative-to|previous|following/.test(found.rule)) return 'anchor (another date in the text)';
  if (dct && namesWithoutYear(gold.text)) {
    const g = pointKey(gold.value);
    const f = pointKey(found.value);
    const d = pointKey(dct);
    if (g !== undefined && f !== undefined && d !== undefined && Math.sign(g - d) !== Math.sign(f - d))
      return 'direction (past vs future)';
    return 'anchor (another date in the text)';
  }
  return 'same shape, other period';
}

/** The family of a gold expression not found, or of a found one gold lacks: by its kind and form. */
export function spanFamily(side: FamilySide): string {
  const kind = valueKind(side.value, side.type);
  if (kind === 'ref') return `reference ${side.value}`;
  if (kind === 'set') return 'set';
  if (kind === 'duration') return hasSpelledNumber(side.text) ? 'duration, spelled count' : 'duration';
  if (side.type === 'TIME') return 'time of day';
  if (quarterWords.test(side.text)) return 'quarters, fiscal, periods';
  if (/^\d{4}$/.test(side.text.trim())) return 'bare year';
  if (!/\d/.test(side.text) && !namesWithoutYear(side.text)) return 'date in words (anaphoric or relative)';
  return 'date';
}
