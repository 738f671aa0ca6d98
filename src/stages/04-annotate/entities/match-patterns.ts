import { PUNCT, type TokenLayer, WORD } from '../../../core/tokens.js';
import type { Leader } from '../../../kb/leaders.js';
import {
  type Hit,
  nameParticles,
  notNameWords,
  type Organization,
  type Slot,
  type Title,
  titleMatcher,
} from './entity-lexicon.js';

// One sentence's tokens and list hits, and the role and organisation patterns matched over them.

export interface Capture {
  country?: string;
  title?: Title;
  titleStart?: number;
  leader?: Leader;
  org?: Organization;
  /** Token range of the name. */
  nameFrom?: number;
  nameTo?: number;
  /** Index of the gazetteer hit used for the name, if any. */
  nameHit?: number;
}

export interface SentenceScan {
  tokens: TokenLayer;
  /** The sentence's tokens: `[from, to)` (indices into the document's layer). */
  from: number;
  to: number;
  /** Hit starting at each token of the document, with its length. */
  hits: ({ hit: Hit; length: number } | undefined)[];
  /** 1 where a token is inside a mention already. */
  covered: number[];
}

/** Token `i` is "s" or "S" (after an apostrophe: a possessive). */
export function isLowerS(tokens: TokenLayer, i: number): boolean {
  return tokens.isChar(i, 115) || tokens.isChar(i, 83);
}

export function isComma(tokens: TokenLayer, i: number): boolean {
  return tokens.kind(i) === PUNCT && tokens.text.charCodeAt(tokens.start(i)) === 44;
}

export function isNameWord(scan: SentenceScan, i: number): boolean {
  const { tokens } = scan;
  return (
    i >= scan.from &&
    i < scan.to &&
    tokens.kind(i) === WORD &&
    tokens.isUpper(i) &&
    !notNameWords.hasToken(tokens, i)
  );
}

/** Length in tokens of a capitalised name starting at `i` that no gazetteer hit claims (0 if none). */
function nameRun(scan: SentenceScan, i: number): number {
  const { tokens, hits, to } = scan;
  if (!isNameWord(scan, i) || hits[i]) return 0;
  let j = i + 1;
  let words = 1;
  while (j < to && words < 4) {
    if (isNameWord(scan, j) && !hits[j]) {
      j++;
      words++;
    } else if (
      tokens.isChar(j, 45) &&
      tokens.start(j) === tokens.end(j - 1) &&
      j + 1 < to &&
      tokens.kind(j + 1) === WORD &&
      tokens.start(j + 1) === tokens.end(j)
    ) {
      j += 2; // "Jong-un"
    } else if (
      (tokens.isChar(j, 0x2019) || tokens.isChar(j, 39)) &&
      (tokens.isChar(j - 1, 111) ||
        tokens.isChar(j - 1, 79) ||
        tokens.isChar(j - 1, 100) ||
        tokens.isChar(j - 1, 68)) &&
      tokens.start(j) === tokens.end(j - 1) &&
      j + 1 < to &&
      tokens.isUpper(j + 1) &&
      tokens.start(j + 1) === tokens.end(j)
    ) {
      j += 2; // "O'Connor", "D’Souza"
    } else if (
      !tokens.isUpper(j) &&
      nameParticles.hasToken(tokens, j) &&
      isNameWord(scan, j + 1) &&
      !hits[j + 1]
    ) {
      j += 2;
      words++;
    } else break;
  }
  // A run ending in an institution word ("Foreign Office") is not a person.
  if (notNameWords.hasToken(tokens, j - 1)) return 0;
  return j - i;
}

export function matchSlots(
  scan: SentenceScan,
  slots: readonly Slot[],
  k: number,
  i: number,
  cap: Capture,
): number {
  if (k === slots.length) return i;
  const slot = slots[k] as Slot;
  const end = matchSlot(scan, slots, k, i, cap);
  if (end >= 0 || !slot.optional) return end;
  return matchSlots(scan, slots, k + 1, i, cap);
}

/** Matches slot `k` at token `i` and the rest after it; fills `cap` on success. */
function matchSlot(scan: SentenceScan, slots: readonly Slot[], k: number, i: number, cap: Capture): number {
  const slot = slots[k] as Slot;
  const { tokens, hits, to } = scan;
  if (i >= to) return -1;
  const h = hits[i];
  switch (slot.kind) {
    case 'COUNTRY': {
      if (h?.hit.kind !== 'country' || h.hit.form === 'capital') return -1;
      let j = i + h.length;
      if (j + 1 < to && (tokens.isChar(j, 0x2019) || tokens.isChar(j, 39)) && isLowerS(tokens, j + 1)) {
        j += 2;
      }
      const end = matchSlots(scan, slots, k + 1, j, cap);
      if (end >= 0) cap.country = h.hit.iso3;
      return end;
    }
    case 'TITLE':
    case 'title': {
      let title: Title | undefined;
      let len = 0;
      if (h?.hit.kind === 'title') {
        title = h.hit.title;
        len = h.length;
      } else if (slot.kind === 'title' && !h) {
        const m = titleMatcher.match(tokens, i, to);
        if (m) {
          title = m.value;
          len = m.length;
        }
      }
      if (!title || (slot.kind === 'TITLE' && !tokens.isUpper(i))) return -1;
      const end = matchSlots(scan, slots, k + 1, i + len, cap);
      if (end >= 0) {
        cap.title = title;
        cap.titleStart = i;
      }
      return end;
    }
    case 'NAME':
    case 'ORG': {
      let len = 0;
      if (slot.kind === 'NAME' && h?.hit.kind === 'leader') len = h.length;
      else if (slot.kind === 'ORG' && h?.hit.kind === 'org') len = h.length;
      else len = nameRun(scan, i);
      if (len === 0) return -1;
      const end = matchSlots(scan, slots, k + 1, i + len, cap);
      if (end >= 0) {
        cap.nameFrom = i;
        cap.nameTo = i + len;
        if (h?.hit.kind === 'leader') cap.leader = h.hit.leader;
        if (h?.hit.kind === 'org') cap.org = h.hit.org;
        if (h) cap.nameHit = i;
      }
      return end;
    }
    default:
      return tokens.hash(i) === slot.literalHash && tokens.lower(i) === slot.literal
        ? matchSlots(scan, slots, k + 1, i + 1, cap)
        : -1;
  }
}
