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
  /** Layers the stage cannot run without: when one is missing the runner skips the stage. */
  requires: readonly Layer[];
  /**
   * Layers the stage reads when present and does without otherwise (the shared token index it would
   * otherwise compute; quotes, which events use to set attributed events apart). With `requires`
   * this is every layer the stage reads; the runner can enforce it (`RunChecks.reads`).
   */
  reads?: readonly Layer[];
  assigns: readonly Layer[];
  /**
   * The languages (ISO 639-3) the stage's rules and models are written for. A document whose
   * `source.language` is another is skipped with `runner:language-skipped`; absent: any language.
   */
  languages?: readonly string[];
  /**
   * Loads what the stage otherwise loads on first use (lexicons, models, gazetteers). The runner calls
   * it once per process before the stage's first document, outside the stage's time budget, so that a
   * document is never charged for loading.
   */
  prepare?(): void;
  /** Returns the layers it assigns, and any diagnostics it wants added. */
  run(doc: Readonly<Doc>, options: O): StageResult;
}

export type StageResult = Partial<Pick<Doc, Layer>> & { diagnostics?: Diagnostic[] };

export interface RunOptions {
  /** Stop after this stage (inclusive). */
  until?: string;
}

/** Every layer of a Doc, for the runner's checks (the compiler keeps it complete). */
const layerSet: Record<Layer, true> = {
  blocks: true,
  title: true,
  byline: true,
  removed: true,
  paragraphs: true,
  sentences: true,
  entities: true,
  quotes: true,
  attributions: true,
  times: true,
  quantities: true,
  tone: true,
  events: true,
  statements: true,
  tokens: true,
};
export const LAYERS: readonly Layer[] = Object.keys(layerSet) as Layer[];
