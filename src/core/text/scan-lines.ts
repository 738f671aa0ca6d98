import { isWhitespace } from './chars.js';

/** One line of the text; `contentStart === contentEnd` for a blank line. */
export interface Line {
  start: number;
  /** Before the line terminator (`\n`, `\r\n` or a lone `\r`). */
  end: number;
  /** The line without leading and trailing whitespace. */
  contentStart: number;
  contentEnd: number;
}

/**
 * The lines of the text, the last one possibly empty. Line ends are found with `indexOf`, and only
 * the edges of each line are looked at for trimming, so a long line costs next to nothing.
 */
export function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let start = 0;
  while (start <= n) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    let end: number;
    let next: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      end = cr;
      next = cr + 1 === lf ? lf + 1 : cr + 1;
    } else if (lf !== -1) {
      end = lf;
      next = lf + 1;
    } else {
      end = n;
      next = n + 1;
    }
    let contentStart = start;
    while (contentStart < end && isWhitespace(text.charCodeAt(contentStart))) contentStart++;
    let contentEnd = end;
    while (contentEnd > contentStart && isWhitespace(text.charCodeAt(contentEnd - 1))) contentEnd--;
    lines.push({ start, end, contentStart, contentEnd });
    start = next;
  }
  return lines;
}

export function isBlank(line: Line): boolean {
  return line.contentStart === line.contentEnd;
}
