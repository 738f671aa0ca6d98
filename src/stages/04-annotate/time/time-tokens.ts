import type { Day } from '../../../core/calendar-math.js';
import { NUMBER, type TokenLayer, WORD } from '../../../core/tokens.js';
import type { ScanState, TimexType } from './time-types.js';
import { isAsciiWordChar } from './time-vocabulary.js';

/**
 * Time tokens: the layer's tokens of one sentence, with a few joined back into the units the
 * matchers read whole; the per-sentence context (`Ctx`) and the small token helpers.
 */

// Time tokens: the layer's tokens, with a few joined back into one unit the matchers read as a
// whole: ISO dates ("2024-05-16"), numbers with ":" or "/" ("10:35", "5/16/2024") and a decade
// "s" ("1990s"), "a.m."/"p.m.", and "'s".
export const T_NUMBER = 1;
export const T_WORD = 2;
export const T_PUNCT = 3;
export const T_AMPM = 4;
export const T_ISO = 5;
export const T_POSSESSIVE = 6;

export type Kind = 'n' | 'w' | 'p' | 'ap' | 'iso';
export const kindNames: readonly Kind[] = ['p', 'n', 'w', 'p', 'ap', 'iso', 'w'];

export interface Tok {
  s: number;
  e: number;
  t: string;
  l: string;
  k: Kind;
}

/** Per-document work buffers: time token i is layer tokens `[first, last]` of kind `code`. */
export interface Scratch {
  /** Stride 3: first layer token, last layer token, kind code. */
  slots: Int32Array;
  toks: (Tok | undefined)[];
}

export function createScratch(tokens: number): Scratch {
  return { slots: new Int32Array(Math.max(1, tokens) * 3), toks: [] };
}

export function touches(layer: TokenLayer, a: number, b: number): boolean {
  return layer.end(a) === layer.start(b);
}

export function isTwoDigits(layer: TokenLayer, k: number): boolean {
  return layer.kind(k) === NUMBER && layer.end(k) - layer.start(k) === 2;
}

/** Layer tokens k..k+4 are "dddd-dd-dd" written without spaces. */
export function isIsoAt(layer: TokenLayer, k: number, to: number): boolean {
  if (k + 4 >= to || layer.end(k) - layer.start(k) !== 4) return false;
  const text = layer.text;
  const s = layer.start(k);
  for (let p = s; p < s + 4; p++) {
    const c = text.charCodeAt(p);
    if (c < 48 || c > 57) return false;
  }
  for (let j = k; j < k + 4; j++) if (!touches(layer, j, j + 1)) return false;
  return (
    layer.isChar(k + 1, 45) &&
    isTwoDigits(layer, k + 2) &&
    layer.isChar(k + 3, 45) &&
    isTwoDigits(layer, k + 4)
  );
}

/** Groups the layer tokens `[from, to)` into time tokens in `scratch`; returns their number. */
export function groupTokens(layer: TokenLayer, from: number, to: number, scratch: Scratch): number {
  const text = layer.text;
  const slots = scratch.slots;
  let n = 0;
  let k = from;
  while (k < to) {
    const kind = layer.kind(k);
    let last = k;
    let code: number;
    if (kind === NUMBER) {
      code = T_NUMBER;
      if (isIsoAt(layer, k, to)) {
        code = T_ISO;
        last = k + 4;
      } else {
        while (
          last + 2 < to &&
          (layer.isChar(last + 1, 58) || layer.isChar(last + 1, 47)) &&
          layer.kind(last + 2) === NUMBER &&
          touches(layer, last, last + 1) &&
          touches(layer, last + 1, last + 2)
        ) {
          last += 2;
        }
        if (last + 1 < to && layer.isChar(last + 1, 115) && touches(layer, last, last + 1)) last++;
      }
    } else if (kind === WORD) {
      code = T_WORD;
      const s = layer.start(k);
      const c0 = text.charCodeAt(s) | 32;
      if (
        (c0 === 97 || c0 === 112) &&
        layer.end(k) === s + 1 &&
        k + 2 < to &&
        layer.isChar(k + 1, 46) &&
        (layer.isChar(k + 2, 109) || layer.isChar(k + 2, 77)) &&
        touches(layer, k, k + 1) &&
        touches(layer, k + 1, k + 2)
      ) {
        code = T_AMPM;
        last = k + 2;
        if (last + 1 < to && layer.isChar(last + 1, 46) && touches(layer, last, last + 1)) last++;
      }
    } else {
      code = T_PUNCT;
      if (
        (layer.isChar(k, 39) || layer.isChar(k, 0x2019)) &&
        k + 1 < to &&
        (layer.isChar(k + 1, 115) || layer.isChar(k + 1, 83)) &&
        touches(layer, k, k + 1) &&
        !isAsciiWordChar(text.charCodeAt(layer.end(k + 1)))
      ) {
        code = T_POSSESSIVE;
        last = k + 1;
      }
    }
    const at = n * 3;
    slots[at] = k;
    slots[at + 1] = last;
    slots[at + 2] = code;
    n++;
    k = last + 1;
  }
  return n;
}

/** The strings of time token i, built the first time a matcher looks at it. */
export function makeTok(c: Ctx, i: number): Tok {
  const layer = c.layer;
  const slots = c.scratch.slots;
  const first = slots[i * 3] as number;
  const code = slots[i * 3 + 2] as number;
  const s = layer.start(first);
  const e = layer.end(slots[i * 3 + 1] as number);
  const t = layer.text.slice(s, e);
  let l = t;
  if (code === T_WORD) l = t.toLowerCase();
  else if (code === T_AMPM) l = (t.charCodeAt(0) | 32) === 97 ? 'am' : 'pm';
  else if (code === T_POSSESSIVE) l = "'s";
  return { s, e, t, l, k: kindNames[code] as Kind };
}

/** Time token i of the sentence, or undefined outside it. */
export function tok(c: Ctx, i: number): Tok | undefined {
  if (i < 0 || i >= c.n) return undefined;
  const toks = c.scratch.toks;
  let t = toks[i];
  if (t === undefined) {
    t = makeTok(c, i);
    toks[i] = t;
  }
  return t;
}

export interface Ctx {
  layer: TokenLayer;
  scratch: Scratch;
  /** Number of time tokens of the sentence. */
  n: number;
  anchor: Day | null;
  /** The sentence mentions a quarter or fiscal period: 0 not looked yet, 1 yes, 2 no. */
  quarterContext: 0 | 1 | 2;
  sentenceStart: number;
  sentenceEnd: number;
  state: ScanState;
  /** The sentence's last match so far: its end (time-token index) and value, for a range's second day. */
  previous?: { end: number; value: string; rule: string };
}

export interface Hit {
  /** Token index one past the last token of the match. */
  end: number;
  value: string;
  type: TimexType;
  rule: string;
  relative: boolean;
  mod?: string;
}

// ---- token helpers ----

export function w(c: Ctx, i: number): string {
  const t = tok(c, i);
  return t === undefined ? '' : t.l;
}

/** Token i+1 starts right where token i ends (no space): "two-day", "Oct.". */
export function touching(c: Ctx, i: number): boolean {
  const a = tok(c, i);
  const b = tok(c, i + 1);
  return a !== undefined && b !== undefined && a.e === b.s;
}

export function capitalised(t: Tok): boolean {
  const ch = t.t.charCodeAt(0);
  return ch >= 65 && ch <= 90;
}

/** Capitalised with lowercase after ("Week"), not a word of an all-capitals line ("WEEK"). */
export function titleCased(t: Tok): boolean {
  return capitalised(t) && t.t !== t.t.toUpperCase();
}

export function longest(a: Hit | null, b: Hit | null): Hit | null {
  if (!a) return b;
  if (!b) return a;
  return b.end > a.end ? b : a;
}
