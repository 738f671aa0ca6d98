import { NUMBER, tokenizeRange, WORD } from '../../../core/tokens.js';

/**
 * Tokens as objects, for code that handles a few short strings (names, tests). The annotators
 * read the document's shared layer (`doc.tokens`, see `core/tokens.ts`) instead; both come from
 * the same scanner, so they always agree.
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

/** Tokenises `text[start, end)`. Offsets are into `text`. */
export function tokenize(text: string, start = 0, end: number = text.length): Token[] {
  const layer = tokenizeRange(text, start, end);
  const tokens: Token[] = [];
  for (let i = 0; i < layer.count; i++) {
    const k = layer.kind(i);
    tokens.push({
      start: layer.start(i),
      end: layer.end(i),
      lower: layer.lower(i),
      kind: k === WORD ? 'word' : k === NUMBER ? 'number' : 'punct',
      upper: layer.isUpper(i),
    });
  }
  return tokens;
}
