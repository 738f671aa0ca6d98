export { segmentStage } from './segment.js';
export { MAX_SENTENCE_LENGTH, splitLongSentences } from './split-long-sentences.js';
