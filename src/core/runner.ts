import type { Diagnostic, Doc, Layer } from './doc.js';
import { LAYERS, type Stage, type StageResult } from './stage.js';

/** Checks the runner can make on every stage call, beyond the cheap ones it always makes. */
export interface RunChecks {
  /**
   * Hand each stage a view of the Doc that throws on reading a layer the stage does not declare in
   * `requires` or `reads` (the throw becomes `runner:stage-failed` naming the stage and the layer). Meant for
   * tests: a Proxy costs a little on every property read.
   */
  reads?: boolean;
  /**
   * The time a stage may take on one document: `baseMs` plus `msPerMillionChars` for each million
   * characters of text (linear in the input, as every stage is meant to be). A stage that returns after
   * its budget has run out rejects the document with `runner:over-budget` (what, which stage, how long,
   * the budget), its remaining stages do not run, and the batch goes on. `false` turns the check off.
   * Stages are synchronous, so the check cannot interrupt one; it keeps a pathological document from
   * costing every later stage as much again, and tells the user which input and stage it was.
   */
  budget?: false | TimeBudget;
  /** The clock (tests); `performance.now` by default. */
  now?: () => number;
}

export interface TimeBudget {
  baseMs: number;
  msPerMillionChars: number;
}

/** Generous by design: a loaded machine must never reject a sound document; only runaway work trips it. */
export const DEFAULT_TIME_BUDGET: TimeBudget = { baseMs: 30_000, msPerMillionChars: 10_000 };

/** The budget for one stage on a text of `chars` characters. */
export function stageBudgetMs(budget: TimeBudget, chars: number): number {
  return budget.baseMs + (budget.msPerMillionChars * chars) / 1_000_000;
}

export interface Pipeline {
  stages: readonly Stage<unknown>[];
  run(doc: Doc): Doc;
}

/**
 * Checks at construction time that every stage's requirements are assigned by an earlier
 * stage (a programmer error, so it throws), then returns a runner that applies the stages
 * in order. A stage that throws on a document becomes an `error` diagnostic on that document
 * (`runner:stage-failed`), its layers stay unset, and later stages that need them are skipped
 * with a diagnostic; the batch goes on.
 */
export function createPipeline(
  stages: readonly Stage<unknown>[],
  options: Record<string, unknown> = {},
  initialLayers: readonly Layer[] = [],
  checks: RunChecks = {},
): Pipeline {
  const available = new Set<Layer>(initialLayers);
  for (const [index, stage] of stages.entries()) {
    for (const need of stage.requires) {
      if (!available.has(need)) {
        throw new Error(
          `createPipeline: stage "${stage.name}" requires layer "${need}", which no earlier stage assigns; ` +
            `add the stage that assigns it before "${stage.name}"`,
        );
      }
    }
    for (const want of stage.reads ?? []) {
      const later = stages.slice(index + 1).find((s) => s.assigns.includes(want));
      if (!available.has(want) && later) {
        throw new Error(
          `createPipeline: stage "${stage.name}" reads layer "${want}", which stage "${later.name}" assigns only after it; ` +
            `move "${later.name}" before "${stage.name}"`,
        );
      }
    }
    for (const out of stage.assigns) available.add(out);
  }
  return {
    stages,
    run(input: Doc): Doc {
      let doc = input;
      for (const stage of stages) {
        if (doc.rejected) break;
        doc = runStage(stage, doc, options[stage.name], checks);
      }
      return doc;
    },
  };
}

export function runStage<O>(stage: Stage<O>, doc: Doc, options: O, checks: RunChecks = {}): Doc {
  const language = doc.source.language;
  if (stage.languages && language !== undefined && !stage.languages.includes(language)) {
    return withDiagnostics(doc, [
      {
        ruleId: 'runner:language-skipped',
        severity: 'info',
        reason: `stage "${stage.name}" skipped: it is written for ${stage.languages.join(', ')} and the text is ${language}`,
        actual: language,
        expected: stage.languages.join(', '),
      },
    ]);
  }
  const missing = stage.requires.filter((layer) => doc[layer] === undefined);
  if (missing.length > 0) {
    return withDiagnostics(doc, [
      {
        ruleId: 'runner:stage-skipped',
        severity: 'warning',
        reason: `stage "${stage.name}" skipped: layer(s) ${missing.join(', ')} missing (an earlier stage failed)`,
      },
    ]);
  }
  let result: StageResult;
  const now = checks.now ?? (() => performance.now());
  // A stage's first run in a process loads its lexicons and models (seconds on a busy machine): that is
  // not a measure of the document, so it is done before the clock starts and the run is not timed.
  const firstRun = !warmStages.has(stage);
  let started = now();
  try {
    if (firstRun) {
      warmStages.add(stage);
      stage.prepare?.();
      started = now();
    }
    result = stage.run(checks.reads ? declaredView(stage, doc) : doc, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return withDiagnostics(doc, [
      {
        ruleId: 'runner:stage-failed',
        severity: 'error',
        reason: `stage "${stage.name}" failed: ${message}`,
      },
    ]);
  }
  const { diagnostics, ...layers } = result ?? {};
  const problems: Diagnostic[] = [];
  const next: Doc = { ...doc };
  for (const layer of stage.assigns) {
    const value = (layers as Record<string, unknown>)[layer];
    if (value === undefined && !optionalLayers.has(layer)) {
      problems.push({
        ruleId: 'runner:assign-missing',
        severity: 'error',
        reason: `stage "${stage.name}" declared it assigns "${layer}" but returned none`,
      });
    }
  }
  for (const [key, value] of Object.entries(layers)) {
    if (!stage.assigns.includes(key as Layer)) {
      problems.push({
        ruleId: 'runner:assign-undeclared',
        severity: 'error',
        reason: `stage "${stage.name}" returned "${key}", which it does not declare in assigns; ignored`,
      });
      continue;
    }
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  const added = [...(diagnostics ?? []), ...problems];
  if (added.length > 0) next.diagnostics = [...doc.diagnostics, ...added];
  const budget = checks.budget === undefined ? DEFAULT_TIME_BUDGET : checks.budget;
  if (budget && !firstRun) {
    const took = now() - started;
    const allowed = stageBudgetMs(budget, doc.text.length);
    if (took > allowed) {
      // The layers the stage did produce are kept (they are correct, only late); the document stops here.
      next.rejected = true;
      next.diagnostics = [
        ...next.diagnostics,
        {
          ruleId: 'runner:over-budget',
          severity: 'error',
          reason: `stage "${stage.name}" took ${Math.round(took)} ms on this document of ${doc.text.length} characters, over its budget of ${Math.round(allowed)} ms; the document is kept as rejected and its later stages were not run`,
          actual: `${Math.round(took)} ms`,
          expected: `<= ${Math.round(allowed)} ms`,
        },
      ];
    }
  }
  return next;
}

const layerNames = new Set<string | symbol>(LAYERS);

/** Stages that have run once in this process (their one-time loading is behind them). */
const warmStages = new WeakSet<Stage<unknown>>();

/**
 * The document as `stage` may see it: reading a layer outside `stage.requires` and `stage.reads` throws, so a stage
 * that reads a layer it does not declare fails loudly in tests instead of depending on stage order
 * by accident. The text, source and diagnostics are always readable.
 */
export function declaredView(stage: Stage<unknown>, doc: Doc): Doc {
  const allowed = new Set<string | symbol>([...stage.requires, ...(stage.reads ?? [])]);
  return new Proxy(doc, {
    get(target, key, receiver) {
      if (layerNames.has(key) && !allowed.has(key)) {
        throw new Error(
          `read layer "${String(key)}" without declaring it; add it to the stage's requires or reads`,
        );
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (layerNames.has(key) && !allowed.has(key)) {
        throw new Error(
          `tested for layer "${String(key)}" without declaring it; add it to the stage's requires or reads`,
        );
      }
      return Reflect.has(target, key);
    },
  });
}

/** Layers a stage may legitimately leave unset (a headline or byline may simply be absent). */
const optionalLayers = new Set<Layer>(['title', 'byline']);

function withDiagnostics(doc: Doc, diagnostics: Diagnostic[]): Doc {
  return { ...doc, diagnostics: [...doc.diagnostics, ...diagnostics] };
}
