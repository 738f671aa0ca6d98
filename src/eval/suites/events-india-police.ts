import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { crossValidate, foldsOf, textFeatures } from '../../core/ml/text-classifier.js';
import { type Counts, emptyCounts, prf } from '../metrics.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

export const POLICE_LABELS = ['KILL', 'ARREST', 'FAIL', 'FORCE', 'ANY_ACTION'] as const;

export interface PoliceSentence {
  doc: string;
  text: string;
  labels: string[];
}

/** Reads IndiaPoliceEvents' `sents.jsonl` (`doc_id, sent_id, sent_labels, sent_text`); bad lines are skipped. */
export function readPoliceSentences(text: string): PoliceSentence[] {
  const out: PoliceSentence[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { doc_id?: unknown; sent_labels?: unknown; sent_text?: unknown };
      if (typeof r.sent_text !== 'string' || !Array.isArray(r.sent_labels)) continue;
      out.push({
        doc: String(r.doc_id),
        text: r.sent_text,
        labels: r.sent_labels.filter((l): l is string => typeof l === 'string'),
      });
    } catch {
      // a malformed line is not a sentence
    }
  }
  return out;
}

const FOLDS = 5;

/**
 * `events-india-police`: sentence-level police actions in IndiaPoliceEvents (KILL, ARREST, FAIL,
 * FORCE, ANY_ACTION; a sentence may have several), one yes/no sentence classifier per label under
 * 5-fold cross-validation grouped by document (a document's sentences are never split between
 * training and scoring).
 */
export const indiaPoliceSuite: Suite = {
  name: 'events-india-police',
  description:
    'IndiaPoliceEvents sentence labels, per-label F1 and macro F1, 5-fold cross-validated by document',
  accepts: (path) => basename(path) === 'sents.jsonl',
  run(files: string[], options: EvalOptions): EvalResult {
    let sentences: PoliceSentence[] = [];
    for (const file of files) sentences.push(...readPoliceSentences(readFileSync(file, 'utf8')));
    if (options.limit !== undefined) sentences = sentences.slice(0, options.limit);
    const folds = foldsOf(
      sentences.map((s) => s.doc),
      FOLDS,
    );
    const features = sentences.map((s) => textFeatures(s.text));
    const metrics: Record<string, number> = {};
    const counts: Record<string, Counts> = {};
    let sum = 0;
    for (const label of POLICE_LABELS) {
      const predicted = crossValidate(
        sentences.map((s, i) => ({ features: features[i] as string[], yes: s.labels.includes(label) })),
        folds,
        FOLDS,
        (x) => ({ features: x.features, label: x.yes ? 'yes' : 'no' }),
        { epochs: 8 },
      );
      const c = emptyCounts();
      sentences.forEach((s, i) => {
        const gold = s.labels.includes(label);
        const said = predicted[i]?.label === 'yes';
        if (gold && said) c.tp++;
        else if (said) c.fp++;
        else if (gold) c.fn++;
      });
      counts[label] = c;
      const f1 = prf(c).f1;
      metrics[`f1.${label}`] = f1;
      sum += f1;
    }
    metrics.macroF1 = sum / POLICE_LABELS.length;
    return {
      suite: 'events-india-police',
      items: sentences.length,
      unit: 'sentences',
      metrics,
      details: {
        protocol: `${FOLDS}-fold cross-validation grouped by document; one binary classifier per label`,
        counts,
      },
    };
  },
};
