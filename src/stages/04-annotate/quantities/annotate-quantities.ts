import type { Doc, Quantity } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import { documentTokens, NUMBER, type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { cardinalNumbers } from '../../../rules/lexicon/lexicon.js';
import countUnitData from '../../../rules/quantities/count-units.json' with { type: 'json' };
import currencyData from '../../../rules/quantities/currencies.json' with { type: 'json' };
import scaleData from '../../../rules/quantities/scales.json' with { type: 'json' };

// ---- compiled once ----------------------------------------------------------------------

const prefixCurrency = compilePhrases(
  currencyData.prefix.map((c) => ({ surface: c.surface, value: c.code })),
);
const suffixCurrency = compilePhrases(
  currencyData.suffix.map((c) => ({ surface: c.surface, value: c.code })),
);
const scaleWords = new Map<string, number>(Object.entries(scaleData.words));
const attachedScales = new Map<string, number>(Object.entries(scaleData.attached));
const numberWords = cardinalNumbers;
const numberWordSet = new TokenSet(numberWords.keys());
const countUnits = new Map<string, string>(Object.entries(countUnitData.units));
const maxWordsBetween = countUnitData.maxWordsBetween;

/** A cheap prefilter: sentences with no digit and no number word cannot hold a quantity. */
function mayHoldQuantity(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * A number word followed by a word ("two people"): the only way a sentence without digits can
 * hold a quantity. Hash-filtered, so no string is built for most tokens. A number word glued to
 * an underscore ("_two") is not a word of its own.
 */
function mayHoldSpelledCount(tokens: TokenLayer, from: number, to: number, sentenceStart: number): boolean {
  for (let i = from; i + 1 < to; i++) {
    if (tokens.kind(i + 1) !== WORD || !numberWordSet.hasToken(tokens, i)) continue;
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
}

function isApostrophe(tokens: TokenLayer, i: number): boolean {
  const c = tokens.text.charCodeAt(tokens.start(i));
  return tokens.kind(i) !== WORD && (c === 0x2019 || c === 39);
}

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
  if (next < to && tokens.kind(next) === WORD && !spelled) {
    const s = tokens.lower(next);
    const word = scaleWords.get(s);
    const attached = tokens.start(next) === tokens.end(i) ? attachedScales.get(s) : undefined;
    const scale = word ?? attached;
    if (scale !== undefined) {
      value *= scale;
      next++;
    }
  }
  // Keep money at cent precision so 1.4 × 10¹² prints as 1400000000000.
  return { value: Math.round(value * 100) / 100, next, spelled };
}

export function annotateQuantities(doc: Readonly<Doc>, options?: CapOptions): StageResult {
  const text = doc.text;
  const out: Quantity[] = [];
  const tokens = documentTokens(doc);
  const sentences = doc.sentences ?? [];
  const cap = capFor('quantities', options);
  let leftOut: { start: number; end: number } | undefined;
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
    // Only spelled-out counts could be in a sentence without digits.
    if (!mayHoldQuantity(text, s.start, s.end) && !mayHoldSpelledCount(tokens, from, to, s.start)) continue;
    for (let i = from; i < to; ) {
      const kind = tokens.kind(i);
      // Money with the currency first: "$1.4 trillion", "US$3m", "Rs 200 crore".
      const pre = kind === NUMBER ? undefined : prefixCurrency.match(tokens, i, to);
      if (pre) {
        const num = readNumber(tokens, i + pre.length, to);
        if (num && !num.spelled) {
          push(i, num.next, {
            value: num.value,
            unit: pre.value,
            kind: 'money',
            rule: 'quantities:money-prefix',
          });
          i = num.next;
          continue;
        }
      }
      const num = readNumber(tokens, i, to);
      if (!num || (i > from && isApostrophe(tokens, i - 1))) {
        i++;
        continue;
      }
      const n = num.next;
      const after = n < to ? tokens.lower(n) : undefined;
      // "two-day", "75-year-old": compound adjectives, not amounts.
      if (after === '-' && tokens.start(n) === tokens.end(n - 1)) {
        i = n;
        continue;
      }
      if (!num.spelled && (after === '%' || after === 'percent')) {
        push(i, n + 1, {
          value: num.value,
          unit: 'percent',
          kind: 'percent',
          rule: 'quantities:percent',
        });
        i = n + 1;
        continue;
      }
      if (!num.spelled && after === 'per' && n + 1 < to && tokens.lower(n + 1) === 'cent') {
        push(i, n + 2, {
          value: num.value,
          unit: 'percent',
          kind: 'percent',
          rule: 'quantities:percent',
        });
        i = n + 2;
        continue;
      }
      const suf = after !== undefined ? suffixCurrency.match(tokens, n, to) : undefined;
      if (suf && !num.spelled) {
        push(i, n + suf.length, {
          value: num.value,
          unit: suf.value,
          kind: 'money',
          rule: 'quantities:money-suffix',
        });
        i = n + suf.length;
        continue;
      }
      let j = n;
      let unit: string | undefined;
      for (let between = 0; between <= maxWordsBetween; between++) {
        if (j >= to || tokens.kind(j) !== WORD) break;
        unit = countUnits.get(tokens.lower(j));
        if (unit) break;
        j++;
      }
      // A bare four-digit number before a noun is far more often a year ("in 2023 people …").
      const looksLikeYear = !num.spelled && n === i + 1 && /^(?:19|20)\d\d$/.test(tokens.lower(i));
      if (unit && !looksLikeYear) {
        push(i, j + 1, { value: num.value, unit, kind: 'count', rule: 'quantities:count' });
        i = j + 1;
        continue;
      }
      i = n;
    }
  }
  return leftOut
    ? { quantities: out, diagnostics: [capReached('quantities', 'quantities', cap, leftOut)] }
    : { quantities: out };
}

export const quantitiesStage: Stage<CapOptions | undefined> = {
  name: 'annotate-quantities',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['quantities'],
  run: (doc, options) => annotateQuantities(doc, options),
};
