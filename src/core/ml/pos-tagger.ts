import type { TokenLayer } from '../tokens.js';
import { DocumentFeatures, type FeatureResources } from './features.js';
import { loadClusters, loadSequenceModel } from './model-files.js';
import { Scratch, type SecondDecoding, type SequenceModel } from './sequence-model.js';

/**
 * The part-of-speech tagger (models/pos-1.model, `npm run train:pos`): the same averaged
 * perceptron as the name tagger, trained on CoNLL-2003's Penn Treebank tags, one tag per token
 * of the shared layer ("U.S." is four layer tokens, each tagged NNP; "Russia’s" gives
 * NNP + POS + POS). The attribution tagger's features read it (`models/quotes-3`), in the
 * sentences that tagger visits, and the events stage's clause analysis, in the sentences that
 * hold a trigger: both through `partsOfSpeech`, one layer per document.
 */

export const POS_MODEL_FILE = 'pos-1.model';
/** Its tag dictionary (`TagCandidates`): `npm run train:pos -- --candidates-only` rebuilds it. */
export const POS_CANDIDATES_FILE = 'pos-1.candidates.json';

export interface PosTagger {
  model: SequenceModel;
  resources: FeatureResources;
}

let loaded: PosTagger | undefined;

/** The tagger, read from models/ on first use and kept (an immutable model). */
export function posTagger(): PosTagger {
  if (loaded) return loaded;
  const model = loadSequenceModel(POS_MODEL_FILE, undefined, POS_CANDIDATES_FILE);
  const resources: FeatureResources = {};
  if (model.header.clusters) resources.clusters = loadClusters(model.header.clusters);
  loaded = { model, resources };
  return loaded;
}

/**
 * Decoding buffers shared by every document of the thread (`tag` never runs inside itself): a
 * document's own would be allocated, zeroed and grown again for each.
 */
const scratch = new Scratch();

/** Tag numbers (indices into `posTagger().model.tags`) for every token of the layer. */
export function tagPartsOfSpeech(tokens: TokenLayer, tagger: PosTagger = posTagger()): Uint8Array {
  const features = new DocumentFeatures(tokens, tagger.resources);
  const out = new Uint8Array(tokens.count);
  let buf = new Int32Array(64);
  for (let s = 0; s < tokens.sentences; s++) {
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    if (to === from) continue;
    if (buf.length < to - from) buf = new Int32Array(to - from);
    tagger.model.tagSentence(features, s, from, to, buf, scratch);
    for (let i = from; i < to; i++) out[i] = buf[i - from] as number;
  }
  return out;
}

/** The beam the events stage decodes with: it agrees with exact decoding on 99.84% of BBC tokens. */
export const EVENTS_POS_BEAM = 4;

/**
 * The parts of speech of one document, tagged a sentence at a time on first use and kept: the
 * quotes stage reads exact decoding (`exact`), the events stage a beam of `EVENTS_POS_BEAM`
 * (`beamed`). A sentence's features and scores are computed once and decoded both ways at once,
 * so a sentence both stages read costs one tagging, and each reads exactly the tags a tagger of its
 * own would give.
 */
export class PartsOfSpeech {
  readonly tokens: TokenLayer;
  readonly #tagger: PosTagger;
  #features: DocumentFeatures | undefined;
  readonly #exact: Uint8Array;
  readonly #beamed: Uint8Array;
  readonly #done: Uint8Array;
  #buf = new Int32Array(64);
  readonly #second: SecondDecoding = { out: new Int32Array(64), beam: EVENTS_POS_BEAM };

  constructor(tokens: TokenLayer, tagger: PosTagger = posTagger()) {
    this.tokens = tokens;
    this.#tagger = tagger;
    this.#exact = new Uint8Array(tokens.count);
    this.#beamed = new Uint8Array(tokens.count);
    this.#done = new Uint8Array(tokens.sentences);
  }

  get model(): SequenceModel {
    return this.#tagger.model;
  }

  /** Tags sentence `s` unless it is already tagged. */
  tag(s: number): void {
    if (this.#done[s]) return;
    this.#done[s] = 1;
    const tokens = this.tokens;
    const from = tokens.sentenceFirst[s] as number;
    const to = tokens.sentenceFirst[s + 1] as number;
    if (to === from) return;
    this.#features ??= new DocumentFeatures(tokens, this.#tagger.resources);
    if (this.#buf.length < to - from) {
      this.#buf = new Int32Array(to - from);
      this.#second.out = new Int32Array(to - from);
    }
    const a = this.#buf;
    const b = this.#second.out;
    this.#tagger.model.tagSentence(this.#features, s, from, to, a, scratch, this.#second);
    for (let i = from; i < to; i++) {
      this.#exact[i] = a[i - from] as number;
      this.#beamed[i] = b[i - from] as number;
    }
  }

  /** Exact-decoding tag of token `i` of sentence `s`. */
  exact(i: number, s: number): number {
    this.tag(s);
    return this.#exact[i] as number;
  }

  /** Tag of token `i` of sentence `s` under the events stage's beam. */
  beamed(i: number, s: number): number {
    this.tag(s);
    return this.#beamed[i] as number;
  }
}

/** The document's parts-of-speech layer, shared by every stage that asks for it with this tagger. */
export function partsOfSpeech(tokens: TokenLayer, tagger: PosTagger = posTagger()): PartsOfSpeech {
  return tokens.derived(tagger, () => new PartsOfSpeech(tokens, tagger));
}
