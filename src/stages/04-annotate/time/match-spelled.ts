import { pad4 } from '../../../core/calendar-math.js';
import { type Ctx, type Hit, touching, w } from './time-tokens.js';
import { cardinalMap, yearLeaderSet } from './time-vocabulary.js';

/**
 * Recognising years written in words, as broadcast transcripts and quotes write them: "nineteen
 * ninety-eight" (a century, then the year in it), "twenty twenty-two", "two thousand and five",
 * "the year two thousand". The number words are the shared cardinals.
 */

/** A number from one to ninety-nine in words at `j` ("five", "ninety-eight", "ninety eight"). */
function spelledUnder100(c: Ctx, j: number): { n: number; next: number } | null {
  const word = w(c, j);
  if (word === 'a' || word === 'an') return null;
  const v = cardinalMap.get(word);
  if (v === undefined || v < 1 || v > 90) return null;
  if (v >= 20 && v % 10 === 0) {
    let k = j + 1;
    if (w(c, k) === '-' && touching(c, j)) k++;
    const unitWord = w(c, k);
    const unit = unitWord === 'a' || unitWord === 'an' ? undefined : cardinalMap.get(unitWord);
    if (unit !== undefined && unit >= 1 && unit <= 9) return { n: v + unit, next: k + 1 };
  }
  return { n: v, next: j + 1 };
}

export function matchSpelledYear(c: Ctx, i: number): Hit | null {
  // "the year two thousand": the extent takes "the year" in.
  let j = i;
  if (w(c, j) === 'the' && w(c, j + 1) === 'year') j += 2;
  else if (w(c, j) === 'year') j += 1;
  const led = j > i || yearLeaderSet.has(w(c, i - 1));
  const head = spelledUnder100(c, j);
  if (!head) return null;
  let year: number;
  let end: number;
  if (head.n === 2 && head.next === j + 1 && w(c, head.next) === 'thousand') {
    // "two thousand", "two thousand and five": a year only where the text says one is meant.
    let k = head.next + 1;
    if (w(c, k) === 'and') k++;
    const rest = spelledUnder100(c, k);
    if (!rest && !led) return null;
    year = 2000 + (rest ? rest.n : 0);
    end = rest ? rest.next : head.next + 1;
  } else {
    // A century (ten to twenty), then the year within it: "nineteen ninety-eight", "twenty ten".
    if (head.next !== j + 1 || head.n < 10 || head.n > 20) return null;
    const rest = spelledUnder100(c, head.next);
    if (!rest || rest.n < 10) return null;
    year = head.n * 100 + rest.n;
    end = rest.next;
  }
  if (year < 1000 || year > 2099) return null;
  return { end, value: pad4(year), type: 'DATE', rule: 'time:spelled-year', relative: false };
}
