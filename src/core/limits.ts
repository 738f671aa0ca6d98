import type { Diagnostic, Span } from './doc.js';

/**
 * How many annotations of each layer one document may hold. Real articles stay far below them
 * (across the 2,225 BBC articles the most is 200 mentions and 42 events); a text written to exhaust
 * memory does not: 9.9 MB of "Putin met Xi. " would code 700,000 events, and its analysis would
 * no longer fit in a JavaScript string. A stage that reaches a cap stops adding to that layer,
 * says so with a `<stage>:cap-reached` warning at the first annotation it left out, and the rest
 * of the document keeps every other layer. Change a cap here, or per run with the stage option
 * `caps`, keyed by stage name: `createPipeline(stages, { events: { caps: { events: 50_000 } } })`.
 */
export const ANNOTATION_CAPS = {
  /** Entity mentions, all entities together. */
  mentions: 10_000,
  times: 10_000,
  quantities: 10_000,
  quotes: 10_000,
  attributions: 10_000,
  events: 10_000,
} as const;

export type CappedLayer = keyof typeof ANNOTATION_CAPS;
export type AnnotationCaps = Record<CappedLayer, number>;

/** Stage options that can lower or raise the caps for one run. */
export interface CapOptions {
  caps?: Partial<AnnotationCaps>;
}

/** The cap for `layer`, with the run's override if any. */
export function capFor(layer: CappedLayer, options?: CapOptions): number {
  return options?.caps?.[layer] ?? ANNOTATION_CAPS[layer];
}

/**
 * The warning a stage adds when it stops at a cap: which layer, the cap, and where the first
 * annotation left out starts (`start`/`end` span it, so the UI can show the place).
 */
export function capReached(stage: string, layer: CappedLayer, cap: number, firstLeftOut: Span): Diagnostic {
  return {
    ruleId: `${stage}:cap-reached`,
    severity: 'warning',
    reason:
      `more than ${cap} ${layer} in one document: the cap was reached at offset ${firstLeftOut.start}, and ` +
      `${layer} from there on were left out (a cap per layer keeps time and memory bounded on text written to exhaust them)`,
    start: firstLeftOut.start,
    end: firstLeftOut.end,
    actual: `more than ${cap}`,
    expected: `at most ${cap} ${layer} (ANNOTATION_CAPS in src/core/limits.ts, or the stage option caps)`,
  };
}
