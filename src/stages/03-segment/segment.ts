import type { Stage } from '../../core/stage.js';
import { segmentBlocks, segmentText } from '../../core/text/segment-text.js';
import { tokenizeSentences } from '../../core/tokens.js';
import { splitLongSentences } from './split-long-sentences.js';

/**
 * Title, paragraphs and sentences of the kept text. The headline, when there is one, is also
 * paragraph 0 and sentence 0, so annotators only ever iterate `doc.sentences`. The sentences'
 * tokens are computed here, once, for every later stage (`core/tokens.ts`).
 */
export const segmentStage: Stage = {
  name: 'segment',
  requires: ['removed'],
  reads: ['blocks'],
  assigns: ['title', 'paragraphs', 'sentences', 'tokens'],
  run(doc) {
    // Structured input (HTML) says where its paragraphs and headings are; plain text is read by its lines.
    const segmentation =
      doc.blocks && doc.blocks.length > 0
        ? segmentBlocks(doc.text, doc.blocks, doc.removed ?? [])
        : segmentText(doc.text, doc.removed ?? [], doc.source.titleGiven === true);
    const { sentences, diagnostics } = splitLongSentences(doc.text, segmentation.sentences);
    return { ...segmentation, sentences, tokens: tokenizeSentences(doc.text, sentences), diagnostics };
  },
};
