import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Doc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { accuracy, addCounts, emptyCounts, f1Of, matchSpans, prf } from '../metrics.js';
import { dctDate, type GoldTimex, readTimeML, timeMLInput } from '../read-timeml.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import { chronoTimes } from './timex-chrono.js';

/** Published reference on the TempEval-3 platinum test set (HeidelTime, value F1 in %). */
const heidelTimeValueF1 = 77.6;

export type Analyze = (doc: Doc) => Doc;

/** Every suite scores the full pipeline, as a user would run it. */
const defaultAnalyze: Analyze = analyzeDoc;

/** Scores of one document, kept as counts so that the suite can micro-average. */
export interface TimexDocScore {
  gold: number;
  predicted: number;
  strict: number;
  relaxed: number;
  valueCorrect: number;
  typeCorrect: number;
}

export function scoreTimexDoc(
  gold: readonly GoldTimex[],
  predicted: readonly Pick<NonNullable<Doc['times']>[number], 'start' | 'end' | 'value' | 'type'>[],
) {
  const strict = matchSpans(gold, predicted, 'strict');
  const relaxed = matchSpans(gold, predicted, 'relaxed');
  let valueCorrect = 0;
  let typeCorrect = 0;
  for (const [g, p] of relaxed.pairs) {
    if (g.value === p.value) valueCorrect++;
    if (g.type === p.type) typeCorrect++;
  }
  const score: TimexDocScore = {
    gold: gold.length,
    predicted: predicted.length,
    strict: strict.counts.tp,
    relaxed: relaxed.counts.tp,
    valueCorrect,
    typeCorrect,
  };
  return { score, relaxed };
}

/** The `YYYY-MM-DD` of a DCT value, or undefined when it has none. */
export function createTimexSuite(analyze: Analyze = defaultAnalyze): Suite {
  return {
    name: 'timex-tempeval3',
    description: 'TempEval-3 TimeML: time-expression extent (strict/relaxed) and value F1',
    accepts: (path) => path.endsWith('.tml'),
    run(files: string[], options: EvalOptions): EvalResult {
      const chosen = options.limit !== undefined ? files.slice(0, options.limit) : files;
      const skipped: { file: string; reason: string }[] = [];
      const total: TimexDocScore = {
        gold: 0,
        predicted: 0,
        strict: 0,
        relaxed: 0,
        valueCorrect: 0,
        typeCorrect: 0,
      };
      const chronoTotal: TimexDocScore = { ...total };
      const byType: Record<string, { gold: number; found: number; valueCorrect: number }> = {};
      let items = 0;
      for (const file of chosen) {
        let parsed: ReturnType<typeof readTimeML>;
        try {
          parsed = readTimeML(readFileSync(file, 'utf8'), basename(file));
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        const published = dctDate(parsed.dct);
        const times = analyze(timeMLInput(parsed, file)).times ?? [];
        const { score, relaxed } = scoreTimexDoc(parsed.timexes, times);
        for (const key of Object.keys(total) as (keyof TimexDocScore)[]) total[key] += score[key];
        // The baseline on the same text and anchor, in the same run.
        const chronoScore = scoreTimexDoc(parsed.timexes, chronoTimes(parsed.text, published)).score;
        for (const key of Object.keys(chronoTotal) as (keyof TimexDocScore)[])
          chronoTotal[key] += chronoScore[key];
        for (const g of parsed.timexes) {
          const entry = byType[g.type] ?? { gold: 0, found: 0, valueCorrect: 0 };
          entry.gold++;
          byType[g.type] = entry;
        }
        for (const [g, p] of relaxed.pairs) {
          const entry = byType[g.type] as { gold: number; found: number; valueCorrect: number };
          entry.found++;
          if (g.value === p.value) entry.valueCorrect++;
        }
        items++;
      }
      const counts = (tp: number, of: TimexDocScore = total) =>
        addCounts(emptyCounts(), { tp, fp: of.predicted - tp, fn: of.gold - tp });
      const strict = prf(counts(total.strict));
      const relaxed = prf(counts(total.relaxed));
      const valueAccuracy = accuracy(total.valueCorrect, total.relaxed);
      const typeAccuracy = accuracy(total.typeCorrect, total.relaxed);
      const value = prf(counts(total.valueCorrect));
      const chronoStrict = prf(counts(chronoTotal.strict, chronoTotal));
      const chronoRelaxed = prf(counts(chronoTotal.relaxed, chronoTotal));
      const chronoValueAccuracy = accuracy(chronoTotal.valueCorrect, chronoTotal.relaxed);
      return {
        suite: 'timex-tempeval3',
        items,
        unit: 'documents',
        metrics: {
          strictPrecision: strict.precision,
          strictRecall: strict.recall,
          strictF1: strict.f1,
          relaxedPrecision: relaxed.precision,
          relaxedRecall: relaxed.recall,
          relaxedF1: relaxed.f1,
          valueAccuracy,
          // TempEval-3 attribute F1: relaxed F1 × attribute accuracy (equal to F1 over correct values).
          valueF1: relaxed.f1 * valueAccuracy,
          typeAccuracy,
          typeF1: relaxed.f1 * typeAccuracy,
          chronoStrictF1: chronoStrict.f1,
          chronoRelaxedPrecision: chronoRelaxed.precision,
          chronoRelaxedRecall: chronoRelaxed.recall,
          chronoRelaxedF1: chronoRelaxed.f1,
          chronoValueAccuracy,
          chronoValueF1: chronoRelaxed.f1 * chronoValueAccuracy,
        },
        details: {
          reference: heidelTimeValueF1,
          baseline: 'chrono-node (casual English parser), values at the granularity it is certain of',
          gold: total.gold,
          predicted: total.predicted,
          valueF1Check: f1Of(value.precision, value.recall),
          byType,
        },
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },
  };
}

export const timexTempeval3: Suite = createTimexSuite();
