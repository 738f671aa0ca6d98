/** A word or punctuation token of a sentence, with absolute offsets into the doc text. */
export interface Token {
  start: number;
  end: number;
  lower: string;
}

const nonAsciiWordChar = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, code: number, at: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  return nonAsciiWordChar.test(text[at] as string);
}

/** Apostrophes, dots and hyphens join two word characters ("didn't", "U.S", "co-operate"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 46 || code === 45;
}

/**
 * Splits `[start, end)` into words and one-character punctuation tokens, in one pass over the
 * character codes (a Unicode regex per token costs more than the whole events stage should).
 * Digit groups keep their separators ("25,000").
 */
export function tokenizeSentence(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 160) {
      i++;
      continue;
    }
    if (!isWordChar(text, code, i)) {
      tokens.push({ start: i, end: i + 1, lower: text[i] as string });
      i++;
      continue;
    }
    const s = i;
    i++;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (isWordChar(text, c, i)) {
        i++;
        continue;
      }
      const joins =
        isJoiner(c) || (c === 44 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)));
      if (joins && i + 1 < end && isWordChar(text, text.charCodeAt(i + 1), i + 1)) {
        i += 2;
        continue;
      }
      break;
    }
    tokens.push({ start: s, end: i, lower: text.slice(s, i).toLowerCase() });
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
