import type { Block, Diagnostic, Removed } from '../../core/doc.js';
import type { Stage } from '../../core/stage.js';
import { isBlank, scanLines } from '../../core/text/scan-lines.js';
import { segmentBlocks, segmentText } from '../../core/text/segment-text.js';
import { flagForeignLead } from './flag-foreign-lead.js';
import { findBoilerplate } from './remove-boilerplate.js';
import { findDuplicates } from './remove-duplicates.js';
import { findNearDuplicates } from './remove-near-duplicates.js';

/**
 * Marks, without deleting, what is not article text: boilerplate lines, then repeated paragraphs
 * and sentences of what is left (found with the segment stage's own splitter), exact repeats first,
 * then near-duplicates (a restatement with small edits).
 */
export function findRemoved(text: string, titleGiven = false): Removed[] {
  return cleanText(text, titleGiven).removed;
}

export interface CleanResult {
  removed: Removed[];
  /** Warnings about the text that is kept (`clean:foreign-lead`). */
  diagnostics: Diagnostic[];
}

/**
 * Removed spans (as `findRemoved`) and the warnings of the flagging passes, which share the one
 * segmentation of the text without its boilerplate.
 */
export function cleanText(text: string, titleGiven = false, blocks?: readonly Block[]): CleanResult {
  const lines = scanLines(text);
  const keepLine = titleGiven ? lines.findIndex((line) => !isBlank(line)) : -1;
  const boilerplate = findBoilerplate(text, lines, keepLine);
  // Structured input (HTML blocks) is segmented as segment will, so duplicates are judged on the same units.
  const seg =
    blocks && blocks.length > 0
      ? segmentBlocks(text, blocks, boilerplate)
      : segmentText(text, boilerplate, titleGiven, lines);
  const exact = findDuplicates(text, seg);
  const near = findNearDuplicates(text, seg, exact.length > 0 ? [...boilerplate, ...exact] : boilerplate);
  const foreignLead = flagForeignLead(text, seg);
  const diagnostics = foreignLead ? [foreignLead] : [];
  if (exact.length === 0 && near.length === 0) return { removed: boilerplate, diagnostics };
  return { removed: [...boilerplate, ...exact, ...near].sort((a, b) => a.start - b.start), diagnostics };
}

export const cleanStage: Stage = {
  name: 'clean',
  requires: [],
  reads: ['blocks'],
  assigns: ['removed'],
  run(doc) {
    const { removed, diagnostics } = cleanText(doc.text, doc.source.titleGiven === true, doc.blocks);
    return diagnostics.length > 0 ? { removed, diagnostics } : { removed };
  },
};
