import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createDoc, type Doc } from '../../core/doc.js';
import { crossValidate, foldsOf, textFeatures } from '../../core/ml/text-classifier.js';
import { createPipeline } from '../../core/runner.js';
import { analyzeDoc, documentStages } from '../../pipeline.js';
import {
  majorityRoot,
  mergeBySentence,
  type RatedSentence,
  readRatedSentences,
} from '../read-cameo-raters.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

const FOLDS = 5;

/**
 * Our CAMEO root for a sentence from the rules: the first coded PLOVER event's code; else the first
 * statement or appeal (CAMEO 01–02, `statements`) when `withStatements`; else none. An event wins
 * over a statement because a statement's content is the event ("X said Y attacked Z" is 19x).
 */
function ruleRoot(analyze: (doc: Doc) => Doc, text: string, withStatements: boolean): string {
  const doc = analyze(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));
  const code =
    doc.events?.find((e) => e.cameo && /^\d{3,4}$/.test(e.cameo))?.cameo ??
    (withStatements ? doc.statements?.[0]?.cameo : undefined);
  return code ? code.slice(0, 2) : 'none';
}

/** Agreement of `ours` with every rater of every sentence (a sentence with k raters counts k times). */
function agreementWithRaters(sentences: readonly RatedSentence[], ours: readonly string[]): number {
  let agree = 0;
  let pairs = 0;
  sentences.forEach((s, i) => {
    for (const r of s.roots) {
      pairs++;
      if (ours[i] === r) agree++;
    }
  });
  return pairs > 0 ? agree / pairs : 0;
}

/** How often two raters of the same sentence give the same root (all pairs of raters who coded it). */
export function raterAgreement(sentences: readonly RatedSentence[]): number {
  let agree = 0;
  let pairs = 0;
  for (const s of sentences) {
    for (let a = 0; a < s.roots.length; a++)
      for (let b = a + 1; b < s.roots.length; b++) {
        pairs++;
        if (s.roots[a] === s.roots[b]) agree++;
      }
  }
  return pairs > 0 ? agree / pairs : 0;
}

/**
 * The pipeline with the events stage's sentence detector off, reported beside the shipped one to
 * show what the detector changes (models/events-2 was trained on none of these sentences).
 */
function detectorOffAnalyzer(): (doc: Doc) => Doc {
  const pipeline = createPipeline(documentStages, { events: { classifier: false } });
  return (doc) => pipeline.run(doc);
}

/**
 * `events-cameo-raters`: our CAMEO root against each human rater of the `cameo-annotations`
 * rounds (only raters who coded the sentence; no code from us counts as disagreement), and the
 * raters against each other. Ours is the rules' root where a rule codes the sentence, else the
 * sentence classifier's, trained 5-fold on the other sentences' majority root (never in-sample);
 * the rules alone and the classifier alone are reported beside it. The rules run as shipped, with
 * the events detector (models/events-2, trained on none of these sentences);
 * `detectorOffAgreement` is the figure with it off.
 */
export const cameoRatersSuite: Suite = {
  name: 'events-cameo-raters',
  description: 'CAMEO root agreement with the human raters of cameo-annotations (rules + 5-fold classifier)',
  accepts: (path) => /^round\d+_summary.*\.csv$/.test(basename(path)),
  run(files: string[], options: EvalOptions): EvalResult {
    const rows: RatedSentence[] = [];
    for (const file of files) rows.push(...readRatedSentences(readFileSync(file, 'utf8')));
    let sentences = mergeBySentence(rows);
    if (options.limit !== undefined) sentences = sentences.slice(0, options.limit);
    const rules = sentences.map((s) => ruleRoot(analyzeDoc, s.text, true));
    const eventsOnly = sentences.map((s) => ruleRoot(analyzeDoc, s.text, false));
    const offAnalyze = detectorOffAnalyzer();
    const detectorOff = sentences.map((s) => ruleRoot(offAnalyze, s.text, true));
    const folds = foldsOf(
      sentences.map((s) => s.id),
      FOLDS,
    );
    const label = (s: RatedSentence) => majorityRoot(s.roots);
    const learned = crossValidate(sentences, folds, FOLDS, (s) => ({
      features: textFeatures(s.text),
      label: label(s),
    })).map((p) => p?.label ?? 'none');
    // Rules give precision; the classifier speaks where no rule codes the sentence.
    const combined = rules.map((r, i) => (r !== 'none' ? r : (learned[i] as string)));
    const coded = sentences.filter((s) => s.roots.length > 0).length;
    return {
      suite: 'events-cameo-raters',
      items: sentences.length,
      unit: 'sentences',
      metrics: {
        rootAgreement: agreementWithRaters(sentences, combined),
        raterAgreement: raterAgreement(sentences),
        rulesOnlyAgreement: agreementWithRaters(sentences, rules),
        detectorOffAgreement: agreementWithRaters(
          sentences,
          detectorOff.map((r, i) => (r !== 'none' ? r : (learned[i] as string))),
        ),
        eventsOnlyAgreement: agreementWithRaters(sentences, eventsOnly),
        withoutStatementsAgreement: agreementWithRaters(
          sentences,
          eventsOnly.map((r, i) => (r !== 'none' ? r : (learned[i] as string))),
        ),
        classifierOnlyAgreement: agreementWithRaters(sentences, learned),
        rulesCodedShare: rules.filter((r) => r !== 'none').length / Math.max(1, sentences.length),
        statementShare:
          rules.filter((r, i) => r !== 'none' && eventsOnly[i] === 'none').length /
          Math.max(1, sentences.length),
      },
      details: {
        protocol: `rules as shipped (events detector events-2, not trained on these sentences); classifier ${FOLDS}-fold cross-validated by sentence (rounds merged by text)`,
        rows: rows.length,
        sentencesWithRaters: coded,
      },
    };
  },
};
