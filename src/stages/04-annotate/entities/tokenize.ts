/**
 * A small, allocation-light tokenizer shared by the annotators.
 *
 * Tokens are runs of letters (`word`), runs of digits with inner `,` or `.` between digits
 * (`number`: "1,200", "1.4"), or single other non-space characters (`punct`: "$", "’", "-").
 * A letter/digit boundary splits tokens, so "1.13bn" gives "1.13" + "bn" and "£600m" gives
 * "£" + "600" + "m". Apostrophes and hyphens are always their own tokens, so "Russia’s" is
 * "russia" + "’" + "s" and "Russia-Ukraine" is "russia" + "-" + "ukraine": phrase lists are
 * tokenised with the same function, so they line up.
 */

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  start: number;
  end: number;
  /** The lowercased surface. */
  lower: string;
  kind: TokenKind;
  /** First character is an uppercase letter. */
  upper: boolean;
}

enum C {
  Other = 0,
  Space = 1,
  Letter = 2,
  Digit = 3,
}

function classOf(code: number): C {
  if (code >= 97 && code <= 122) return C.Letter;
  if (code >= 65 && code <= 90) return C.Letter;
  if (code >= 48 && code <= 57) return C.Digit;
  if (code === 32 || (code >= 9 && code <= 13)) return C.Space;
  if (code < 0xc0)
    return code === 0xa0 ? C.Space : code === 0xaa || code === 0xb5 || code === 0xba ? C.Letter : C.Other;
  if (code === 0xd7 || code === 0xf7) return C.Other;
  // General punctuation, currency symbols, arrows, maths and so on.
  if (code >= 0x2000 && code <= 0x2bff)
    return code <= 0x200a || code === 0x202f || code === 0x205f ? C.Space : C.Other;
  if (code === 0x3000 || code === 0xfeff) return C.Space;
  if (code >= 0x3001 && code <= 0x303f) return C.Other;
  if (code >= 0xff01 && code <= 0xff0f) return C.Other;
  return C.Letter;
}

function isUpperAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 65 && code <= 90) return true;
  if (code < 0xc0) return false;
  const ch = text[i] as string;
  return ch !== ch.toLowerCase();
}

/** Tokenises `text[start, end)`. Offsets are into `text`. */
export function tokenize(text: string, start = 0, end: number = text.length): Token[] {
  if (start < 0 || end > text.length || start > end) {
    throw new RangeError(
      `tokenize: range [${start}, ${end}) does not fit a text of ${text.length} code units`,
    );
  }
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === C.Space) {
      i++;
      continue;
    }
    const s = i;
    if (cls === C.Letter) {
      // Lowercasing allocates; most words are lowercase already, so only do it when needed.
      let mixed = false;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c >= 97 && c <= 122) continue;
        if (classOf(c) !== C.Letter) break;
        if ((c >= 65 && c <= 90) || c >= 0xc0) mixed = true;
      }
      const surface = text.slice(s, i);
      tokens.push({
        start: s,
        end: i,
        lower: mixed ? surface.toLowerCase() : surface,
        kind: 'word',
        upper: isUpperAt(text, s),
      });
    } else if (cls === C.Digit) {
      i++;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) i++;
        else if ((c === 44 || c === 46) && i + 1 < end && classOf(text.charCodeAt(i + 1)) === C.Digit) i += 2;
        else break;
      }
      const surface = text.slice(s, i);
      tokens.push({ start: s, end: i, lower: surface, kind: 'number', upper: false });
    } else {
      // Keep surrogate pairs together.
      const code = text.charCodeAt(i);
      i += code >= 0xd800 && code <= 0xdbff && i + 1 < end ? 2 : 1;
      tokens.push({ start: s, end: i, lower: text.slice(s, i), kind: 'punct', upper: false });
    }
  }
  return tokens;
}
