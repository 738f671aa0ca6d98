// Trains the five-class CAMEO sentence classifier that picks one CAMEO root per sentence among the
// rules' readings (src/stages/05-events/cameo-root.ts): models/cameo-class-1.model (gzipped JSON,
// core/ml/text-classifier.ts) and its manifest models/cameo-class-1.json.
//
//   npm run train:cameo-class   (npx tsx scripts/train-cameo-class.ts [--data ../shared/data] [--out models])
//
// Training data (read at training time, never copied here): conflibert-cameo train
// (cameo_class_train.tsv, 1,349 sentences, its own labels: 0 make a statement, 1 verbal
// cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). No suite scores
// it; any sentence equal to one a suite scores is dropped (the manifest counts them).
// Features: the sentence's words and the rules' readings (the CAMEO roots of the PLOVER events
// and statements the pipeline codes for it, with the events detector as shipped).
// Variants are compared by 5-fold cross-validated class accuracy on this training set only; the
// manifest records them. The usual root of each class is the rules' most frequent root among the
// training sentences of that class (01 for class 0 when none).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createDoc } from '../src/core/doc.js';
import {
  crossValidate,
  foldsOf,
  type TrainingExample,
  textFeatures,
  trainClassifier,
} from '../src/core/ml/text-classifier.js';
import { analyzeDoc } from '../src/pipeline.js';
import { cameoFeatures, chooseRoot, classOf, ruleRoots } from '../src/stages/05-events/cameo-root.js';
import { normalSentence, scoredSentences } from './scored-sentences.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'models' },
  },
});
const events = join(resolve(values.data as string), 'eval/events');
const version = 'cameo-class-1';

interface Item {
  text: string;
  label: string;
  roots: string[];
}
const scored = scoredSentences(events);
const items: Item[] = [];
let droppedAsScored = 0;
for (const line of readFileSync(join(events, 'conflibert-cameo/cameo_class_train.tsv'), 'utf8').split('\n')) {
  const tab = line.lastIndexOf('\t');
  if (tab <= 0) continue;
  const label = line.slice(tab + 1).trim();
  const text = line.slice(0, tab);
  if (!/^[0-4]$/.test(label)) continue;
  if (scored.has(normalSentence(text))) {
    droppedAsScored++;
    continue;
  }
  const doc = analyzeDoc(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' }));
  items.push({ text, label, roots: ruleRoots(doc) });
}

const accuracy = (predicted: readonly string[]) =>
  Math.round((predicted.filter((p, i) => p === items[i]?.label).length / items.length) * 1000) / 1000;
const options = { epochs: 10, minCount: 2, version };
const folds = foldsOf(
  items.map((_, i) => String(i)),
  5,
);
const withRules = (i: Item): TrainingExample => ({
  features: cameoFeatures(i.text, i.roots),
  label: i.label,
});
const wordsOnly = (i: Item): TrainingExample => ({ features: textFeatures(i.text), label: i.label });
const cvWithRules = crossValidate(items, folds, 5, withRules, options).map((p) => p.label);
const cvWords = crossValidate(items, folds, 5, wordsOnly, options).map((p) => p.label);
// The rules alone: the class of the first reading, no reading = class 0 (a statement at most).
const rulesAlone = items.map((i) => (i.roots[0] ? (classOf(i.roots[0]) ?? '0') : '0'));

// The rules first: their first reading's class, and the classifier's class only where no rule reads.
const rulesFirst = items.map((i, k) =>
  i.roots[0] ? (classOf(i.roots[0]) ?? '0') : (cvWithRules[k] as string),
);

// Usual root per class: the rules' most frequent root of that class on the training sentences.
const usualRoot: Record<string, string> = {};
for (const cls of ['0', '1', '2', '3', '4']) {
  const counts = new Map<string, number>();
  for (const i of items)
    if (i.label === cls)
      for (const r of i.roots) if (classOf(r) === cls) counts.set(r, (counts.get(r) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  usualRoot[cls] = best?.[0] ?? (cls === '0' ? '01' : 'none');
}
// How often the chosen root's class is right, and how often the root comes from a rule.
const chosen = items.map((i, k) => chooseRoot(i.roots, cvWithRules[k] as string, 1, usualRoot));

const model = trainClassifier(items.map(withRules), options);
const out = resolve(values.out as string);
writeFileSync(join(out, `${version}.model`), gzipSync(JSON.stringify(model)));
const manifest = {
  model: `${version}.model`,
  version,
  task: 'CAMEO sentence class (0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) to choose one CAMEO root among the rules readings',
  trainedOn: {
    'conflibert-cameo': 'cameo_class_train.tsv (its train split and its own labels; no suite scores it)',
  },
  notTrainedOn:
    'cameo-annotations, case2021-acled, india-police, plover-gsr, petrarch2-unittest, event-location: each scored by an events suite',
  droppedAsScored,
  examples: Object.fromEntries(
    ['0', '1', '2', '3', '4'].map((c) => [c, items.filter((i) => i.label === c).length]),
  ),
  features: model.features.length,
  settings: options,
  usualRoot,
  command: 'npm run train:cameo-class (npx tsx scripts/train-cameo-class.ts --data ../shared/data)',
  date: new Date().toISOString().slice(0, 10),
  crossValidated: {
    protocol: '5-fold by sentence on conflibert-cameo train, class accuracy',
    wordsAndRules: accuracy(cvWithRules),
    wordsOnly: accuracy(cvWords),
    rulesAlone: accuracy(rulesAlone),
    rulesFirstThenClassifier: accuracy(rulesFirst),
    rootFromARule: Math.round((chosen.filter((c) => c.by === 'rule').length / items.length) * 1000) / 1000,
  },
};
writeFileSync(join(out, `${version}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify(manifest.crossValidated), manifest.usualRoot, manifest.examples);
