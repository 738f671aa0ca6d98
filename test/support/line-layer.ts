import { type TokenLayer, tokenizeSentences } from '../../src/core/tokens.js';

/** A token layer of lines joined by newlines, one sentence per line (the taggers' tests). */
export function tokenizeLines(lines: readonly string[]): TokenLayer {
  const ranges: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of lines) {
    ranges.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  return tokenizeSentences(lines.join('\n'), ranges);
}
