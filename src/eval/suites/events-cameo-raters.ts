import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createDoc, type Doc } from '../../core/doc.js';
import { crossValidate, foldsOf, textFeatures } from '../../core/ml/text-classifier.js';
import { createPipeline } from '../../core/runner.js';
import { analyzeDoc, documentStages } from '../../pipeline.js';
import {
  CAMEO_CLASS_MODEL,
  cameoRoot,
  cameoRootModel,
  readingsInTextOrder,
  sentenceRoot,
} from '../../stages/05-events/cameo-root.js';
import {
  majorityRoot,
  mergeBySentence,
  type RatedSentence,
  readRatedSentences,
} from '../read-cameo-raters.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

const FOLDS = 5;

/**
 * Our CAMEO root of an analysed sentence from the rules alone: the first reading in text order
 * (PLOVER events with their CAMEO codes; statements and appeals, CAMEO 01–02, when
 * `withStatements`), or `none`. Text order because a rater's Action-1 is the sentence's first
 * action as it reads (cameo-root.ts). `eventFirst` takes a PLOVER event before any statement
 * instead (the precedence before text order, printed beside for comparison).
 */
function rootOf(doc: Doc, withStatements: boolean, eventFirst = false): string {
  if (eventFirst) {
    const code =
      doc.events?.find((e) => e.cameo && /^\d{3,4}$/.test(e.cameo))?.cameo ??
      (withStatements ? doc.statements?.[0]?.cameo : undefined);
    return code ? code.slice(0, 2) : 'none';
  }
  const first = readingsInTextOrder({
    events: doc.events,
    statements: withStatements ? doc.statements : [],
    text: doc.text,
  })[0];
  return first ? first.cameo.slice(0, 2) : 'none';
}

const analyzeText = (analyze: (doc: Doc) => Doc, text: string) =>
  analyze(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));

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
 * rounds (only raters who coded the sentence), and the raters against each other. Ours
 * (`rootAgreement`) is `sentenceRoot` (cameo-root.ts): the rules' first reading in text order,
 * else CAMEO's residual 01. Beside it, for comparison: the rules with the sentence classifier
 * trained 5-fold on the other sentences' majority root (never in-sample) where no rule reads,
 * in text order and event-first (the figure before); the CAMEO class model (models/cameo-class-1,
 * trained on conflibert-cameo train only); PETRARCH2's raw dictionary readings where no rule reads
 * (before the residual 01); the rules alone; the classifier alone. The rules run as
 * shipped, with the events detector (models/events-2, trained on none of these sentences);
 * `detectorOffAgreement` is `rootAgreement` with it off.
 */
export const cameoRatersSuite: Suite = {
  name: 'events-cameo-raters',
  description:
    'CAMEO root agreement with the human raters of cameo-annotations (rules in text order, else 01)',
  accepts: (path) => /^round\d+_summary.*\.csv$/.test(basename(path)),
  run(files: string[], options: EvalOptions): EvalResult {
    const rows: RatedSentence[] = [];
    for (const file of files) rows.push(...readRatedSentences(readFileSync(file, 'utf8')));
    let sentences = mergeBySentence(rows);
    if (options.limit !== undefined) sentences = sentences.slice(0, options.limit);
    const docs = sentences.map((s) => analyzeText(analyzeDoc, s.text));
    const rules = docs.map((d) => rootOf(d, true));
    const eventsOnly = docs.map((d) => rootOf(d, false));
    const offAnalyze = detectorOffAnalyzer();
    const detectorOff = sentences.map((s) => sentenceRoot(analyzeText(offAnalyze, s.text)).root);
    const classModel = cameoRootModel();
    const byClassModel = docs.map(
      (d, i) => cameoRoot((sentences[i] as RatedSentence).text, d, classModel).root,
    );
    const folds = foldsOf(
      sentences.map((s) => s.id),
      FOLDS,
    );
    const label = (s: RatedSentence) => majorityRoot(s.roots);
    const learned = crossValidate(sentences, folds, FOLDS, (s) => ({
      features: textFeatures(s.text),
      label: label(s),
    })).map((p) => p?.label ?? 'none');
    const orLearned = (r: string, i: number) => (r !== 'none' ? r : (learned[i] as string));
    const coded = sentences.filter((s) => s.roots.length > 0).length;
    const share = (n: number) => n / Math.max(1, sentences.length);
    return {
      suite: 'events-cameo-raters',
      items: sentences.length,
      unit: 'sentences',
      metrics: {
        rootAgreement: agreementWithRaters(
          sentences,
          docs.map((d) => sentenceRoot(d).root),
        ),
        raterAgreement: raterAgreement(sentences),
        rulesOnlyAgreement: agreementWithRaters(sentences, rules),
        detectorOffAgreement: agreementWithRaters(sentences, detectorOff),
        rulesThenFoldClassifierAgreement: agreementWithRaters(sentences, rules.map(orLearned)),
        eventFirstThenFoldClassifierAgreement: agreementWithRaters(
          sentences,
          docs.map((d, i) => orLearned(rootOf(d, true, true), i)),
        ),
        classModelAgreement: agreementWithRaters(sentences, byClassModel),
        dictionaryFallbackAgreement: agreementWithRaters(
          sentences,
          docs.map((d) => sentenceRoot(d, true).root),
        ),
        eventsOnlyAgreement: agreementWithRaters(sentences, eventsOnly),
        classifierOnlyAgreement: agreementWithRaters(sentences, learned),
        rulesCodedShare: share(rules.filter((r) => r !== 'none').length),
        statementShare: share(rules.filter((r, i) => r !== 'none' && eventsOnly[i] === 'none').length),
      },
      details: {
        protocol: `root: the rules' first reading in text order, else the residual 01; rules as shipped (events detector events-2, not trained on these sentences); fold classifier ${FOLDS}-fold cross-validated by sentence (rounds merged by text); class model ${CAMEO_CLASS_MODEL} trained on conflibert-cameo train only`,
        rows: rows.length,
        sentencesWithRaters: coded,
      },
    };
  },
};
