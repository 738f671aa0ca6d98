import { type PosTagger, partsOfSpeech, posTagger } from '../../core/ml/pos-tagger.js';
import type { JoinedToken, TokenLayer } from '../../core/tokens.js';

/**
 * Part-of-speech tags for the events stage's joined tokens ("Russia's", "U.S." are one token
 * there, several in the layer the tagger reads). Only sentences that hold a trigger are tagged
 * (through the document's shared layer, `partsOfSpeech`): a document with no event word costs
 * nothing here.
 */
export class SentenceTagger {
  readonly #layer: TokenLayer;
  readonly #tagger: PosTagger;

  constructor(layer: TokenLayer, tagger: PosTagger = posTagger()) {
    this.#layer = layer;
    this.#tagger = tagger;
  }

  /**
   * Tags of sentence `s`'s joined tokens: a joined token takes the tag of its last word that is
   * not a possessive ending ("Russia's" → NNP, marked possessive; "co-operate" → VB).
   */
  tag(s: number, tokens: readonly JoinedToken[]): { tags: string[]; possessive: Uint8Array } {
    const layer = this.#layer;
    const from = layer.sentenceFirst[s] as number;
    const to = layer.sentenceFirst[s + 1] as number;
    const names = this.#tagger.model.tags;
    // The document's shared layer, decoded with a beam of 4: it agrees with exact decoding on
    // nearly every token at a tenth of the work (the quotes stage has often tagged the sentence).
    const pos = partsOfSpeech(layer, this.#tagger);
    if (to > from) pos.tag(s);
    const tags: string[] = new Array(tokens.length);
    const possessive = new Uint8Array(tokens.length);
    let k = from;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as JoinedToken;
      while (k < to && layer.end(k) <= t.start) k++;
      let tag = 'SYM';
      while (k < to && layer.start(k) < t.end) {
        const name = names[pos.beamed(k, s)] as string;
        if (name === 'POS' && tag !== 'SYM') possessive[i] = 1;
        else if (!(name === ':' || name === '.' || name === 'HYPH') || tag === 'SYM') tag = name;
        k++;
      }
      tags[i] = tag;
    }
    return { tags, possessive };
  }
}
