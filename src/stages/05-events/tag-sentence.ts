import type { Span } from '../../core/doc.js';
import { type PosTagger, partsOfSpeech, posTagger, tagPartsOfSpeech } from '../../core/ml/pos-tagger.js';
import { type JoinedToken, type TokenLayer, tokenizeRange } from '../../core/tokens.js';

/** At least this many words of two or more letters, nearly all in capitals, make a sentence all-caps. */
const minCapsWords = 3;
const capsShare = 0.8;

/**
 * Whether the words of sentence tokens `from`–`to` are written in capitals ("CONABLE WARNS THAT
 * PROTECTIONISM MIGHT SPREAD"): a headline style the tagger, trained on mixed case, reads as a run
 * of proper nouns.
 */
export function isAllCaps(text: string, layer: TokenLayer, from: number, to: number): boolean {
  let words = 0;
  let caps = 0;
  for (let k = from; k < to; k++) {
    const w = text.slice(layer.start(k), layer.end(k));
    if (!/\p{L}.*\p{L}/u.test(w)) continue;
    words++;
    if (w === w.toUpperCase() && w !== w.toLowerCase()) caps++;
  }
  return words >= minCapsWords && caps >= capsShare * words;
}

/**
 * The sentence as mixed-case text of the same length: lower case, except that the words of the
 * names the entities stage found keep a capital ("Conable warns that protectionism might spread");
 * a short or dotted name keeps its capitals ("U.S.", "IMF"). Undefined when lower-casing would
 * change the text's length (offsets must stay put).
 */
export function truecased(
  text: string,
  start: number,
  end: number,
  names: readonly Span[],
): string | undefined {
  const chars = text.slice(start, end).toLowerCase().split('');
  if (chars.length !== end - start) return undefined;
  for (const n of names) {
    const from = Math.max(n.start, start);
    const to = Math.min(n.end, end);
    for (const m of text.slice(from, to).matchAll(/[^\s]+/g)) {
      const word = m[0];
      const at = from - start + (m.index ?? 0);
      if (word.length <= 3 || word.includes('.')) {
        for (let i = 0; i < word.length; i++) chars[at + i] = word[i] as string;
      } else chars[at] = word[0] as string;
    }
  }
  const out = chars.join('');
  return out.length === end - start ? out : undefined;
}

type JoinedTags = { tags: string[]; possessive: Uint8Array };

/**
 * The tags of joined tokens from the tags of layer tokens `from`–`to` (`nameAt(k)`): a joined
 * token takes the tag of its last word that is not a possessive ending or a hyphen ("Russia's" →
 * NNP, marked possessive; "co-operate" → VB). Undefined when a layer token has no tag.
 */
function joinTags(
  layer: TokenLayer,
  from: number,
  to: number,
  tokens: readonly JoinedToken[],
  nameAt: (k: number) => string | undefined,
): JoinedTags | undefined {
  const tags: string[] = new Array(tokens.length);
  const possessive = new Uint8Array(tokens.length);
  let k = from;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as JoinedToken;
    while (k < to && layer.end(k) <= t.start) k++;
    let tag = 'SYM';
    while (k < to && layer.start(k) < t.end) {
      const name = nameAt(k);
      if (name === undefined) return undefined;
      if (name === 'POS' && tag !== 'SYM') possessive[i] = 1;
      else if (!(name === ':' || name === '.' || name === 'HYPH') || tag === 'SYM') tag = name;
      k++;
    }
    tags[i] = tag;
  }
  return { tags, possessive };
}

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
  tag(s: number, tokens: readonly JoinedToken[], entityNames?: readonly Span[]): JoinedTags {
    const layer = this.#layer;
    const from = layer.sentenceFirst[s] as number;
    const to = layer.sentenceFirst[s + 1] as number;
    const names = this.#tagger.model.tags;
    if (entityNames && to > from && isAllCaps(layer.text, layer, from, to)) {
      const caps = this.#tagAllCaps(layer, from, to, tokens, entityNames);
      if (caps) return caps;
    }
    // The document's shared layer, decoded with a beam of 4: it agrees with exact decoding on
    // nearly every token at a tenth of the work (the quotes stage has often tagged the sentence).
    const pos = partsOfSpeech(layer, this.#tagger);
    if (to > from) pos.tag(s);
    return joinTags(layer, from, to, tokens, (k) => names[pos.beamed(k, s)] as string) as JoinedTags;
  }

  /**
   * An all-caps sentence tagged as its truecased text (`truecased`), each joined token taking the
   * tag of the truecased token that starts where its last word does; undefined when the two
   * tokenisations do not line up.
   */
  #tagAllCaps(
    layer: TokenLayer,
    from: number,
    to: number,
    tokens: readonly JoinedToken[],
    entityNames: readonly Span[],
  ): JoinedTags | undefined {
    const start = layer.start(from);
    const end = layer.end(to - 1);
    const mixed = truecased(layer.text, start, end, entityNames);
    if (mixed === undefined) return undefined;
    const own = tokenizeRange(mixed);
    const tagged = tagPartsOfSpeech(own, this.#tagger);
    const names = this.#tagger.model.tags;
    const tagAt = new Map<number, string>();
    for (let k = 0; k < own.count; k++) tagAt.set(start + own.start(k), names[tagged[k] as number] as string);
    return joinTags(layer, from, to, tokens, (k) => tagAt.get(layer.start(k)));
  }
}
