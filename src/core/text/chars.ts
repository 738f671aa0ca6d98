/**
 * Character classes for the single-pass scanners, on UTF-16 code units. Surrogate halves fall in
 * none of them, so astral characters (emoji, 𝒳) are treated as ordinary word characters.
 */

/** The same set as JavaScript's `\s`. */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `.` `!` `?` `…` `‼` `⁇` `⁈` `⁉` */
export function isTerminal(c: number): boolean {
  return (
    c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026 || c === 0x203c || (c >= 0x2047 && c <= 0x2049)
  );
}

/** Closing quotes and brackets that stay with the sentence they close: `"` `'` `)` `]` `”` `’` `»` `›`. */
export function isCloser(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 0xbb ||
    c === 0x203a
  );
}

/** Opening quotes and brackets: `"` `'` `(` `[` `“` `‘` `«` `‹`. */
export function isOpener(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x201c ||
    c === 0x2018 ||
    c === 0xab ||
    c === 0x2039
  );
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isLowercase(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export function isUppercase(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** A letter in the loose sense the splitter needs: ASCII letters and anything cased outside ASCII. */
export function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return isLowercase(c) || isUppercase(c);
}
