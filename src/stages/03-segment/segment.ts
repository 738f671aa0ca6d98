import type { Stage } from '../../core/stage.js';
import { segmentText } from './segment-text.js';

/**
 * Title, paragraphs and sentences of the kept text. The headline, when there is one, is also
 * paragraph 0 and sentence 0, so annotators only ever iterate `doc.sentences`.
 */
export const segmentStage: Stage = {
  name: 'segment',
  requires: ['removed'],
  assigns: ['title', 'paragraphs', 'sentences'],
  run(doc) {
    return segmentText(doc.text, doc.removed ?? [], doc.source.titleGiven === true);
  },
};
