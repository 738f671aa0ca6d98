import type { Diagnostic, Doc, Layer } from './doc.js';

/**
 * A stage is a pure function of a document: no I/O, no module-level mutable state.
 * It declares the layers it reads (`requires`) and the layers it fills (`assigns`);
 * the runner checks both, so a stage that forgets a layer, or writes one it did not
 * declare, is named in the diagnostic instead of corrupting later stages silently.
 */
export interface Stage<O = unknown> {
  /** Kebab-case, e.g. `clean`, `annotate-entities`. */
  name: string;
  requires: readonly Layer[];
  assigns: readonly Layer[];
  /** Returns the layers it assigns, and any diagnostics it wants added. */
  run(doc: Readonly<Doc>, options: O): StageResult;
}

export type StageResult = Partial<Pick<Doc, Layer>> & { diagnostics?: Diagnostic[] };

export interface RunOptions {
  /** Stop after this stage (inclusive). */
  until?: string;
}
