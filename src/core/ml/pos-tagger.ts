import type { TokenLayer } from '../tokens.js';
import { DocumentFeatures, type FeatureResources } from './features.js';
import { loadClusters, loadSequenceModel } from './model-files.js';
import { Scratch, type SequenceModel } from './sequence-model.js';

/**
 * The part-of-speech tagger (models/pos-1.model, `npm run train:pos`): the same averaged
 * perceptron as the name tagger, trained on CoNLL-2003's Penn Treebank tags, one tag per token
 * of the shared layer ("U.S." is four layer tokens, each tagged NNP; "Russia’s" gives
 * NNP + POS + POS). The attribution tagger's features read it (`models/quotes-3`), in the
 * sentences that tagger visits.
 */

export const POS_MODEL_FILE = 'pos-1.model';

export interface PosTagger {
  model: SequenceModel;
  resources: FeatureResources;
}

let loaded: PosTagger | undefined;

/** The tagger, read from models/ on first use and kept (an immutable model). */
export function posTagger(): PosTagger {
  if (loaded) return loaded;
  const model = loadSequenceModel(POS_MODEL_FILE);
  const resources: FeatureResources = {};
  if (model.header.clusters) resources.clusters = loadClusters(model.header.clusters);
  loaded = { model, resources };
  return loaded;
}

/** Tag numbers (indices into `posTagger().model.tags`) for every token of the layer. */
export function tagPartsOfSpeech(tokens: TokenLayer, tagger: PosTagger = posTagger()): Uint8Array {
  const features = new DocumentFeatures(tokens, tagger.resources);
  const scratch = new Scratch();
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
