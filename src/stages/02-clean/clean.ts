import type { Removed } from '../../core/doc.js';
import type { Stage } from '../../core/stage.js';
import { isBlank, scanLines, segmentText } from '../03-segment/index.js';
import { findBoilerplate } from './remove-boilerplate.js';
import { findDuplicates } from './remove-duplicates.js';

/**
 * Marks, without deleting, what is not article text: boilerplate lines, then repeated paragraphs
 * and sentences of what is left (found with the segment stage's own splitter).
 */
export function findRemoved(text: string, titleGiven = false): Removed[] {
  const lines = scanLines(text);
  const keepLine = titleGiven ? lines.findIndex((line) => !isBlank(line)) : -1;
  const boilerplate = findBoilerplate(text, lines, keepLine);
  const duplicates = findDuplicates(text, segmentText(text, boilerplate, titleGiven, lines));
  if (duplicates.length === 0) return boilerplate;
  return [...boilerplate, ...duplicates].sort((a, b) => a.start - b.start);
}

export const cleanStage: Stage = {
  name: 'clean',
  requires: [],
  assigns: ['removed'],
  run(doc) {
    return { removed: findRemoved(doc.text, doc.source.titleGiven === true) };
  },
};
