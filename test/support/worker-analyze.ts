/**
 * The real pipeline with two test-only behaviours, for the ingest pool's workers (they load it by
 * URL through `analyzeModule`):
 * - `GATE:<path>` in the text: the analysis writes `<path>.started`, then waits until a file `<path>`
 *   exists — a slow analysis whose end the test decides; a gate never opened is a runaway analysis.
 * - `RUNAWAY-MEMORY` in the text: the analysis allocates until its worker runs out of memory.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Doc } from '../../src/core/doc.js';
import { analyzeDoc as analyzeWithPipeline } from '../../src/pipeline.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

export function analyzeDoc(doc: Doc): Doc {
  const gate = /GATE:(\S+)/.exec(doc.text)?.[1];
  if (gate) {
    writeFileSync(`${gate}.started`, '');
    while (!existsSync(gate)) Atomics.wait(pause, 0, 0, 5);
  }
  if (doc.text.includes('RUNAWAY-MEMORY')) {
    const hoard: number[][] = [];
    while (hoard.length >= 0) hoard.push(new Array(1 << 20).fill(hoard.length));
  }
  return analyzeWithPipeline(doc);
}

/** Where the pool's workers find this module. */
export const WORKER_ANALYZE = new URL(import.meta.url).href;
