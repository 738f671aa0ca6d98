import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { crossValidate, foldsOf, textFeatures } from '../../core/ml/text-classifier.js';
import { type Counts, emptyCounts, macroPrf } from '../metrics.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

export interface Snippet {
  id: string;
  text: string;
  subType: string;
}

/** Reads the CASE 2021 task 2 TSV (`id, EventSnippet, SubType`, a header line). */
export function readSnippets(text: string): Snippet[] {
  const out: Snippet[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [id, snippet, subType] = line.split('\t');
    if (!id || !snippet || !subType) continue;
    out.push({ id, text: snippet, subType: subType.trim() });
  }
  return out;
}

/** Macro and support-weighted F1 over classes from gold and predicted labels. */
export function classScores(gold: readonly string[], predicted: readonly string[]) {
  const perClass: Record<string, Counts> = {};
  const count = (label: string) => {
    perClass[label] ??= emptyCounts();
    return perClass[label] as Counts;
  };
  gold.forEach((g, i) => {
    const p = predicted[i] as string;
    if (g === p) count(g).tp++;
    else {
      count(g).fn++;
      count(p).fp++;
    }
  });
  const macro = macroPrf(perClass);
  let weighted = 0;
  let support = 0;
  for (const [label, c] of Object.entries(perClass)) {
    const n = c.tp + c.fn;
    weighted += n * (macro.classes[label]?.f1 ?? 0);
    support += n;
  }
  const correct = gold.filter((g, i) => g === predicted[i]).length;
  return {
    macroF1: macro.f1,
    weightedF1: support > 0 ? weighted / support : 0,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    classes: macro.classes,
  };
}

const FOLDS = 5;

/**
 * `events-case2021`: ACLED-style sub-event types (30 labels) of the CASE 2021 task 2 snippets,
 * predicted by the sentence classifier (`core/ml/text-classifier.ts`) under 5-fold
 * cross-validation: the set is both the only training data for these labels and the one scored,
 * so each snippet is labelled by a model trained on the other four fifths, never in-sample.
 */
export const case2021Suite: Suite = {
  name: 'events-case2021',
  description: 'ACLED sub-event type of CASE 2021 snippets, 5-fold cross-validated (macro and weighted F1)',
  accepts: (path) => basename(path) === 'snippets.tsv',
  run(files: string[], options: EvalOptions): EvalResult {
    let snippets: Snippet[] = [];
    for (const file of files) snippets.push(...readSnippets(readFileSync(file, 'utf8')));
    if (options.limit !== undefined) snippets = snippets.slice(0, options.limit);
    const folds = foldsOf(
      snippets.map((s) => s.id),
      FOLDS,
    );
    const predicted = crossValidate(snippets, folds, FOLDS, (s) => ({
      features: textFeatures(s.text),
      label: s.subType,
    }));
    const scores = classScores(
      snippets.map((s) => s.subType),
      predicted.map((p) => p?.label ?? ''),
    );
    return {
      suite: 'events-case2021',
      items: snippets.length,
      unit: 'snippets',
      metrics: { macroF1: scores.macroF1, weightedF1: scores.weightedF1, accuracy: scores.accuracy },
      details: {
        protocol: `${FOLDS}-fold cross-validation by snippet id; features: words and word pairs`,
        f1ByClass: Object.fromEntries(
          Object.entries(scores.classes).map(([k, v]) => [k, Math.round(v.f1 * 1000) / 1000]),
        ),
      },
    };
  },
};
