import type { TokenLayer } from '../tokens.js';

/**
 * Tokens whose tag a model does not score: their tag is fixed, which skips the features and
 * the weights for most of a text. Only tokens that do not start with a capital qualify:
 * - `words`: a word with one tag in training, seen often enough ("the" → DT);
 * - `open` with `otherwise`: every token outside the list of those that ever took another tag
 *   in training gets `otherwise`. For names: a lowercase word, a number or a punctuation mark
 *   that was never part of a name ("said", "1,200", ",") is O; "of", "de", "van", "." and "&"
 *   stay open.
 */
export class FixedTags {
  readonly words: ReadonlyMap<number, number>;
  readonly open: ReadonlySet<number> | undefined;
  readonly otherwise: number;

  constructor(words: ReadonlyMap<number, number>, open?: ReadonlySet<number>, otherwise = -1) {
    this.words = words;
    this.open = open;
    this.otherwise = otherwise;
  }

  /** The fixed tag of token `i`, or -1 when the model scores it. */
  tagOf(tokens: TokenLayer, i: number): number {
    if (tokens.isUpper(i)) return -1;
    const h = tokens.hash(i);
    const f = this.words.get(h);
    if (f !== undefined) return f;
    if (this.open !== undefined && !this.open.has(h)) return this.otherwise;
    return -1;
  }
}
