import type { Doc, Quantity } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { documentTokens, NUMBER, type TokenLayer, WORD } from '../../../core/tokens.js';
import {
  attachedScales,
  countUnits,
  maxWordsBetween,
  measureUnits,
  numberWordSet,
  numberWords,
  peopleAuxiliaries,
  peopleParticiples,
  percentWords,
  prefixCurrency,
  scaleWords,
  suffixCurrency,
  vagueCounts,
  vagueFirstWords,
} from './quantity-words.js';

/** A cheap prefilter: sentences with no digit and no number word cannot hold a quantity. */
function mayHoldQuantity(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * A number word or a vague count ("two people", "dozens of"): the only ways a sentence without
 * digits can hold a quantity. Hash-filtered, so no string is built for most tokens. A number
 * word glued to an underscore ("_two") is not a word of its own.
 */
function mayHoldSpelledCount(tokens: TokenLayer, from: number, to: number, sentenceStart: number): boolean {
  for (let i = from; i + 1 < to; i++) {
    if (tokens.kind(i + 1) !== WORD) continue;
    if (
      !numberWordSet.hasToken(tokens, i) &&
      !(vagueFirstWords.hasToken(tokens, i) && vagueCounts.match(tokens, i, to))
    )
      continue;
    const start = tokens.start(i);
    if (start === sentenceStart || tokens.text.charCodeAt(start - 1) !== 95) return true;
  }
  return false;
}

interface NumberAt {
  value: number;
  /** Token index after the number and its scale. */
  next: number;
  spelled: boolean;
  /** The multiplier that followed the number (1 without one). */
  scale: number;
}

function isApostrophe(tokens: TokenLayer, i: number): boolean {
  const c = tokens.text.charCodeAt(tokens.start(i));
  return tokens.kind(i) !== WORD && (c === 0x2019 || c === 39);
}

/** Keep amounts at cent precision so 1.4 × 10¹² prints as 1400000000000. */
const cents = (x: number) => Math.round(x * 100) / 100;

/** A number (digits or a spelled-out word) at `i`, with an optional scale after it. */
function readNumber(tokens: TokenLayer, i: number, to: number): NumberAt | undefined {
  if (i >= to) return undefined;
  let value: number;
  let spelled = false;
  const isNumber = tokens.kind(i) === NUMBER;
  if (!isNumber && !numberWordSet.hasToken(tokens, i)) return undefined;
  const lower = tokens.lower(i);
  if (isNumber) {
    // Thousands separators only: "1,200" but not "1,2".
    if (lower.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(lower)) return undefined;
    value = Number(lower.replaceAll(',', ''));
    if (!Number.isFinite(value)) return undefined;
  } else {
    const w = numberWords.get(lower);
    if (w === undefined) return undefined;
    value = w;
    spelled = true;
  }
  let next = i + 1;
  let scale = 1;
  if (next < to && tokens.kind(next) === WORD && !spelled) {
    const s = tokens.lower(next);
    const word = scaleWords.get(s);
    const attached = tokens.start(next) === tokens.end(i) ? attachedScales.get(s) : undefined;
    const found = word ?? attached;
    if (found !== undefined) {
      scale = found;
      value *= scale;
      next++;
    }
  }
  // 400 digits, or a scale on 10³⁰⁶: no sensible amount.
  if (!Number.isFinite(value)) return undefined;
  return { value: cents(value), next, spelled, scale };
}

/** A dash or "to" between two numbers of a range; a dash must touch both. */
function isRangeJoiner(tokens: TokenLayer, k: number): boolean {
  const c = tokens.text.charCodeAt(tokens.start(k));
  if (tokens.end(k) - tokens.start(k) === 1 && (c === 45 || c === 0x2013)) {
    return tokens.start(k) === tokens.end(k - 1) && tokens.end(k) === tokens.start(k + 1);
  }
  return tokens.kind(k) === WORD && tokens.lower(k) === 'to';
}

interface Amount {
  low: NumberAt;
  /** The upper end of a range ("10-15", "10 to 15", "between 10 and 15"). */
  high?: NumberAt;
  /** Token index after the whole amount. */
  next: number;
}

/**
 * A number or a range of two at `i`. A scale written only after the second number applies to
 * both ("$2-3 billion"). A range led by "between" joins with "and".
 */
function readAmount(tokens: TokenLayer, i: number, from: number, to: number): Amount | undefined {
  const low = readNumber(tokens, i, to);
  if (!low) return undefined;
  const k = low.next;
  const between = i > from && tokens.kind(i - 1) === WORD && tokens.lower(i - 1) === 'between';
  const joins =
    k + 1 < to &&
    (isRangeJoiner(tokens, k) || (between && tokens.kind(k) === WORD && tokens.lower(k) === 'and'));
  if (!joins) return { low, next: k };
  // The second number of a range must be written as the first is (both digits or both words).
  const high = readNumber(tokens, k + 1, to);
  if (!high || high.spelled !== low.spelled) return { low, next: k };
  const scaledLow =
    low.scale === 1 && high.scale !== 1 ? { ...low, value: cents(low.value * high.scale) } : low;
  if (high.value <= scaledLow.value) return { low, next: k };
  return { low: scaledLow, high, next: high.next };
}

/** A run of `maxWordsBetween` lowercase words at most, then a count unit: its index and unit. */
function countUnitAt(tokens: TokenLayer, j: number, to: number): { at: number; unit: string } | undefined {
  for (let between = 0; between <= maxWordsBetween; between++) {
    if (j >= to || tokens.kind(j) !== WORD) return undefined;
    const unit = countUnits.get(tokens.lower(j));
    if (unit) return { at: j, unit };
    j++;
  }
  return undefined;
}

/** An optional auxiliary, then a participle that only people take ("were killed", "died"): the index after it. */
function peopleVerbAt(tokens: TokenLayer, j: number, to: number): number | undefined {
  if (j >= to) return undefined;
  const aux = peopleAuxiliaries.match(tokens, j, to);
  const k = aux ? j + aux.length : j;
  return k < to && peopleParticiples.hasToken(tokens, k) ? k : undefined;
}

function rangeFields(a: Amount): Pick<Quantity, 'low' | 'high'> {
  return a.high ? { low: a.low.value, high: a.high.value } : {};
}

export function annotateQuantities(doc: Readonly<Doc>, options?: CapOptions): StageResult {
  const text = doc.text;
  const out: Quantity[] = [];
  const tokens = documentTokens(doc);
  const sentences = doc.sentences ?? [];
  const cap = capFor('quantities', options);
  let leftOut: { start: number; end: number } | undefined;
  /** Tokens `[from, to)` are the quantity's surface. */
  const push = (from: number, to: number, q: Omit<Quantity, 'start' | 'end' | 'text'>) => {
    const start = tokens.start(from);
    const end = tokens.end(to - 1);
    if (isRemoved(doc.removed, start, end)) return;
    if (out.length >= cap) {
      leftOut ??= { start, end };
      return;
    }
    out.push({ start, end, text: text.slice(start, end), ...q });
  };

  for (let si = 0; si < sentences.length && !leftOut; si++) {
    const s = sentences[si] as (typeof sentences)[number];
    const from = tokens.sentenceFirst[si] as number;
    const to = tokens.sentenceFirst[si + 1] as number;
    // Only spelled-out and vague counts could be in a sentence without digits.
    if (!mayHoldQuantity(text, s.start, s.end) && !mayHoldSpelledCount(tokens, from, to, s.start)) continue;
    for (let i = from; i < to; ) {
      const kind = tokens.kind(i);
      // Money with the currency first: "$1.4 trillion", "US$3m", "Rs 200 crore", "$2-3 billion".
      const pre = kind === NUMBER ? undefined : prefixCurrency.match(tokens, i, to);
      if (pre) {
        const amount = readAmount(tokens, i + pre.length, from, to);
        if (amount && !amount.low.spelled) {
          push(i, amount.next, {
            value: amount.low.value,
            unit: pre.value,
            kind: 'money',
            ...rangeFields(amount),
            rule: amount.high ? 'quantities:money-prefix-range' : 'quantities:money-prefix',
          });
          i = amount.next;
          continue;
        }
      }
      // "dozens of protesters", "hundreds were arrested", "tens of thousands of people".
      const vague =
        kind === WORD && vagueFirstWords.hasToken(tokens, i) ? vagueCounts.match(tokens, i, to) : undefined;
      if (vague) {
        const k = i + vague.length;
        const [low, high] = vague.value;
        const counted =
          k < to && tokens.kind(k) === WORD && tokens.lower(k) === 'of'
            ? countUnitAt(tokens, k + 1, to)
            : undefined;
        const verb = counted ? undefined : peopleVerbAt(tokens, k, to);
        if (counted || verb !== undefined) {
          const end = counted ? counted.at + 1 : k;
          push(i, end, {
            value: low,
            unit: counted ? counted.unit : 'people',
            kind: 'count',
            low,
            high,
            rule: counted ? 'quantities:count-vague' : 'quantities:count-vague-people',
          });
          i = end;
          continue;
        }
        i = k;
        continue;
      }
      const amount = readAmount(tokens, i, from, to);
      if (!amount || (i > from && isApostrophe(tokens, i - 1))) {
        i++;
        continue;
      }
      const num = amount.low;
      const spelled = num.spelled;
      const n = amount.next;
      const after = n < to ? tokens.lower(n) : undefined;
      // "two-day", "75-year-old": compound adjectives, not amounts.
      if (after === '-' && tokens.start(n) === tokens.end(n - 1)) {
        i = n;
        continue;
      }
      const range = rangeFields(amount);
      const percent = !spelled && after !== undefined ? percentWords.match(tokens, n, to) : undefined;
      if (percent) {
        push(i, n + percent.length, {
          value: num.value,
          unit: percent.value,
          kind: 'percent',
          ...range,
          rule: 'quantities:percent',
        });
        i = n + percent.length;
        continue;
      }
      const suf = after !== undefined && !spelled ? suffixCurrency.match(tokens, n, to) : undefined;
      if (suf) {
        push(i, n + suf.length, {
          value: num.value,
          unit: suf.value,
          kind: 'money',
          ...range,
          rule: amount.high ? 'quantities:money-suffix-range' : 'quantities:money-suffix',
        });
        i = n + suf.length;
        continue;
      }
      const measure = after !== undefined ? measureUnits.match(tokens, n, to) : undefined;
      // "one day" is more often "some day" than a duration.
      if (measure && !(spelled && num.value === 1)) {
        const u = measure.value;
        push(i, n + measure.length, {
          value: num.value,
          unit: u.unit,
          kind: 'measure',
          ...range,
          dimension: u.dimension,
          normalized: { value: toSi(num.value, u), unit: u.si },
          rule: `quantities:measure-${u.dimension}`,
        });
        i = n + measure.length;
        continue;
      }
      // A bare four-digit number before a noun is far more often a year ("in 2023 people …").
      const looksLikeYear = !spelled && n === i + 1 && /^(?:19|20)\d\d$/.test(tokens.lower(i));
      const counted = looksLikeYear ? undefined : countUnitAt(tokens, n, to);
      if (counted) {
        push(i, counted.at + 1, {
          value: num.value,
          unit: counted.unit,
          kind: 'count',
          ...range,
          rule: 'quantities:count',
        });
        i = counted.at + 1;
        continue;
      }
      // "12 were killed", "at least 30 died": people, though no noun says so.
      if (!looksLikeYear && num.scale === 1 && peopleVerbAt(tokens, n, to) !== undefined) {
        push(i, n, {
          value: num.value,
          unit: 'people',
          kind: 'count',
          ...range,
          rule: 'quantities:count-people',
        });
        i = n;
        continue;
      }
      i = n;
    }
  }
  return leftOut
    ? { quantities: out, diagnostics: [capReached('quantities', 'quantities', cap, leftOut)] }
    : { quantities: out };
}

/** A measure in its SI unit, at 6 significant digits (conversion factors are exact to about that). */
function toSi(value: number, u: { factor: number; offset?: number }): number {
  const si = value * u.factor + (u.offset ?? 0);
  return si === 0 ? 0 : Number(si.toPrecision(6));
}

export const quantitiesStage: Stage<CapOptions | undefined> = {
  name: 'annotate-quantities',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['quantities'],
  run: (doc, options) => annotateQuantities(doc, options),
};
