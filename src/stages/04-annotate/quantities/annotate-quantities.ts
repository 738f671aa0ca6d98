import type { Doc, Quantity } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import countUnitData from '../../../rules/quantities/count-units.json' with { type: 'json' };
import currencyData from '../../../rules/quantities/currencies.json' with { type: 'json' };
import numberWordData from '../../../rules/quantities/number-words.json' with { type: 'json' };
import scaleData from '../../../rules/quantities/scales.json' with { type: 'json' };
import { compilePhrases } from '../entities/phrase-matcher.js';
import { type Token, tokenize } from '../entities/tokenize.js';

// ---- compiled once ----------------------------------------------------------------------

const prefixCurrency = compilePhrases(
  currencyData.prefix.map((c) => ({ surface: c.surface, value: c.code })),
);
const suffixCurrency = compilePhrases(
  currencyData.suffix.map((c) => ({ surface: c.surface, value: c.code })),
);
const scaleWords = new Map<string, number>(Object.entries(scaleData.words));
const attachedScales = new Map<string, number>(Object.entries(scaleData.attached));
const numberWords = new Map<string, number>(Object.entries(numberWordData));
const countUnits = new Map<string, string>(Object.entries(countUnitData.units));
const maxWordsBetween = countUnitData.maxWordsBetween;
// Built from the data; a bounded alternation of plain words cannot backtrack badly.
const spelledNumber = new RegExp(`\\b(?:${[...numberWords.keys()].join('|')})\\s`, 'i');

/** A cheap prefilter: sentences with no digit and no number word cannot hold a quantity. */
function mayHoldQuantity(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

interface NumberAt {
  value: number;
  /** Token index after the number and its scale. */
  next: number;
  spelled: boolean;
}

function isApostrophe(t: Token | undefined): boolean {
  return t !== undefined && (t.lower === '’' || t.lower === "'");
}

/** A number (digits or a spelled-out word) at `i`, with an optional scale after it. */
function readNumber(tokens: readonly Token[], i: number): NumberAt | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  let value: number;
  let spelled = false;
  if (t.kind === 'number') {
    // Thousands separators only: "1,200" but not "1,2".
    if (t.lower.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t.lower)) return undefined;
    value = Number(t.lower.replaceAll(',', ''));
    if (!Number.isFinite(value)) return undefined;
  } else {
    const w = numberWords.get(t.lower);
    if (w === undefined) return undefined;
    value = w;
    spelled = true;
  }
  let next = i + 1;
  const s = tokens[next];
  if (s?.kind === 'word' && !spelled) {
    const word = scaleWords.get(s.lower);
    const attached = s.start === t.end ? attachedScales.get(s.lower) : undefined;
    const scale = word ?? attached;
    if (scale !== undefined) {
      value *= scale;
      next++;
    }
  }
  // Keep money at cent precision so 1.4 × 10¹² prints as 1400000000000.
  return { value: Math.round(value * 100) / 100, next, spelled };
}

export function annotateQuantities(doc: Readonly<Doc>): StageResult {
  const text = doc.text;
  const out: Quantity[] = [];
  const push = (
    tokens: readonly Token[],
    from: number,
    to: number,
    q: Omit<Quantity, 'start' | 'end' | 'text'>,
  ) => {
    const start = (tokens[from] as Token).start;
    const end = (tokens[to - 1] as Token).end;
    if (isRemoved(doc.removed, start, end)) return;
    out.push({ start, end, text: text.slice(start, end), ...q });
  };

  for (const s of doc.sentences ?? []) {
    if (!mayHoldQuantity(text, s.start, s.end)) {
      // Only spelled-out counts could be here; check the cheap way first.
      spelledNumber.lastIndex = 0;
      if (!spelledNumber.test(text.slice(s.start, s.end))) {
        continue;
      }
    }
    const tokens = tokenize(text, s.start, s.end);
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i] as Token;
      // Money with the currency first: "$1.4 trillion", "US$3m", "Rs 200 crore".
      const pre = t.kind === 'number' ? undefined : prefixCurrency.match(text, tokens, i);
      if (pre) {
        const num = readNumber(tokens, i + pre.length);
        if (num && !num.spelled) {
          push(tokens, i, num.next, {
            value: num.value,
            unit: pre.value,
            kind: 'money',
            rule: 'quantities:money-prefix',
          });
          i = num.next;
          continue;
        }
      }
      const num = readNumber(tokens, i);
      if (!num || (i > 0 && isApostrophe(tokens[i - 1]))) {
        i++;
        continue;
      }
      const after = tokens[num.next];
      // "two-day", "75-year-old": compound adjectives, not amounts.
      if (after?.lower === '-' && after.start === (tokens[num.next - 1] as Token).end) {
        i = num.next;
        continue;
      }
      if (!num.spelled && after?.lower === '%') {
        push(tokens, i, num.next + 1, {
          value: num.value,
          unit: 'percent',
          kind: 'percent',
          rule: 'quantities:percent',
        });
        i = num.next + 1;
        continue;
      }
      if (!num.spelled && after?.lower === 'percent') {
        push(tokens, i, num.next + 1, {
          value: num.value,
          unit: 'percent',
          kind: 'percent',
          rule: 'quantities:percent',
        });
        i = num.next + 1;
        continue;
      }
      if (!num.spelled && after?.lower === 'per' && tokens[num.next + 1]?.lower === 'cent') {
        push(tokens, i, num.next + 2, {
          value: num.value,
          unit: 'percent',
          kind: 'percent',
          rule: 'quantities:percent',
        });
        i = num.next + 2;
        continue;
      }
      const suf = after ? suffixCurrency.match(text, tokens, num.next) : undefined;
      if (suf && !num.spelled) {
        push(tokens, i, num.next + suf.length, {
          value: num.value,
          unit: suf.value,
          kind: 'money',
          rule: 'quantities:money-suffix',
        });
        i = num.next + suf.length;
        continue;
      }
      let j = num.next;
      let unit: string | undefined;
      for (let between = 0; between <= maxWordsBetween; between++) {
        const u = tokens[j];
        if (u?.kind !== 'word') break;
        unit = countUnits.get(u.lower);
        if (unit) break;
        j++;
      }
      // A bare four-digit number before a noun is far more often a year ("in 2023 people …").
      const looksLikeYear = !num.spelled && /^(?:19|20)\d\d$/.test(t.lower) && num.next === i + 1;
      if (unit && !looksLikeYear) {
        push(tokens, i, j + 1, { value: num.value, unit, kind: 'count', rule: 'quantities:count' });
        i = j + 1;
        continue;
      }
      i = num.next;
    }
  }
  return { quantities: out };
}

export const quantitiesStage: Stage<unknown> = {
  name: 'annotate-quantities',
  requires: ['sentences'],
  assigns: ['quantities'],
  run: (doc) => annotateQuantities(doc),
};
