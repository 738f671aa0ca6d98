/**
 * Trains the event confidence model (`models/event-confidence-2.json`, read by
 * `src/stages/05-events/confidence.ts`) from the hand verdicts in docs/hand-judged-events.md:
 *
 *   npm run train:event-confidence [-- --corpus DIR --out DIR --dry-run]
 *   npm run train:event-confidence -- --score-held-out
 *
 * `--score-held-out` trains nothing: it scores the shipped model on the rows that name their BBC
 * section (`politics/034#0`, `business/272#1`), which training never reads — a judgement written
 * that way stays unseen by the model — and prints the AUC and what the shipped threshold keeps.
 *
 * Every verdict table row (`| 011#3 | … | ACCUSE | asserted | Fox | **right** | …`) names an
 * article of `bbc-news-2225/politics/` (or `reuters/NEWID`, a Reuters-21578 story with its own date), the event's type and actor, and whether a careful PLOVER
 * coder judged its type, actor and status right together. The articles are analysed again by this
 * build; an event this build codes takes the verdict of the judged rows of its article with the
 * same type and actor text (when they agree), others stay unlabelled. A logistic model over the
 * events stage's confidence features is trained on the labelled ones; its figures are measured by
 * 5-fold cross-validation by article (`foldsOf`: every article's events scored by a model that never saw
 * them), and the threshold kept is the one that maximises F0.5 (precision weighted) on those
 * held-out scores. Deterministic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createDoc } from '../src/core/doc.js';
import { modelsDir } from '../src/core/ml/model-files.js';
import { foldsOf, trainClassifier } from '../src/core/ml/text-classifier.js';
import { type ReutersStory, readReutersFile } from '../src/eval/read-reuters.js';
import { analyzeDoc } from '../src/pipeline.js';
import {
  CONFIDENCE_FEATURES,
  CONFIDENCE_MODEL,
  confidenceModel,
  scoreConfidence,
} from '../src/stages/05-events/confidence.js';
import { explainEvents } from '../src/stages/05-events/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const root = resolve(import.meta.dirname, '..');
const corpus = option('--corpus', resolve(root, '..', 'shared/data/corpora/bbc-news-2225/politics'));
const reuters = option('--reuters', resolve(root, '..', 'shared/data/corpora/reuters-21578'));
const out = option('--out', modelsDir);
const dryRun = args.includes('--dry-run');
const scoreHeldOut = args.includes('--score-held-out');
const L2 = 3;
const EPOCHS = 200;
const RATE = 0.1;
const FOLDS = 5;

interface Verdict {
  /**
   * `NNN` (bbc-news-2225/politics/NNN.txt), `reuters/NEWID` (a Reuters-21578 story), or, held out
   * from training, `SECTION/NNN` (bbc-news-2225/SECTION/NNN.txt).
   */
  file: string;
  type: string;
  actor: string;
  right: boolean;
}

/** The verdict rows of every per-event table: type is the first cell naming a PLOVER type, the actor two cells on. */
function parseVerdicts(markdown: string, types: ReadonlySet<string>, heldOut: boolean): Verdict[] {
  const rows: Verdict[] = [];
  const row = heldOut ? /^\| ([a-z]+\/\d+)#\d+ \|/ : /^\| ((?:reuters\/)?\d+)#\d+ \|/;
  for (const line of markdown.split('\n')) {
    const m = row.exec(line);
    if (!m || (heldOut && m[1]?.startsWith('reuters/'))) continue;
    if (!m) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const t = cells.findIndex((c) => types.has(c));
    const verdict = cells.find((c) => /^\**(right|wrong)\b/.test(c));
    if (t < 0 || !verdict) continue;
    const actor = (cells[t + 2] ?? '').replace(/\s*\[[^\]]*\]$/, '');
    rows.push({ file: m[1] as string, type: cells[t] as string, actor, right: /right/.test(verdict) });
  }
  return rows;
}

interface Example {
  file: string;
  features: string[];
  right: boolean;
}

/**
 * The shared logistic trainer (src/core/ml/text-classifier.ts) over two labels, folded into one
 * weight per feature: with labels right/wrong, log-odds(right) = Σ (w_right − w_wrong) + b_right −
 * b_wrong, and every event carries the `bias` feature, so the label biases fold into its weight.
 */
function train(examples: readonly Example[]): Record<string, number> {
  const m = trainClassifier(
    examples.map((x) => ({ features: x.features, label: x.right ? 'right' : 'wrong' })),
    { epochs: EPOCHS, rate: RATE, l2: L2 / Math.max(1, examples.length), seed: 7, version: CONFIDENCE_MODEL },
  );
  const r = m.labels.indexOf('right');
  const L = m.labels.length;
  const weights: Record<string, number> = {};
  if (r < 0 || L !== 2) return weights;
  const o = 1 - r;
  const entries = m.features.map(
    (f, k) => [f, (m.weights[k * L + r] as number) - (m.weights[k * L + o] as number)] as const,
  );
  const biasShift = (m.bias[r] as number) - (m.bias[o] as number);
  for (const [f, v] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    weights[f] = Math.round((f === 'bias' ? v + biasShift : v) * 1e4) / 1e4;
  return weights;
}

function auc(scored: readonly { p: number; right: boolean }[]): number {
  const pos = scored.filter((s) => s.right);
  const neg = scored.filter((s) => !s.right);
  let c = 0;
  for (const a of pos) for (const b of neg) c += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  return c / Math.max(1, pos.length * neg.length);
}

const PLOVER = new Set(
  'AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT'.split(
    ' ',
  ),
);
const verdicts = parseVerdicts(
  readFileSync(join(root, 'docs/hand-judged-events.md'), 'utf8'),
  PLOVER,
  scoreHeldOut,
);
const files = [...new Set(verdicts.map((v) => v.file))].sort();
const examples: Example[] = [];
let coded = 0;
const sgmlStories = new Map<string, Map<string, ReutersStory>>();
/**
 * A Reuters-21578 story as the judgement read it: the title line, then the body as transmitted, with
 * the story's own date (`reut2-020.sgm.gz` holds NEWIDs 20001–21000).
 */
function reutersStory(newid: number): { text: string; published: string } {
  const file = join(reuters, `reut2-${String(Math.floor((newid - 1) / 1000)).padStart(3, '0')}.sgm.gz`);
  let stories = sgmlStories.get(file);
  if (!stories) {
    stories = new Map(readReutersFile(file).map((s) => [s.id, s]));
    sgmlStories.set(file, stories);
  }
  const story = stories.get(String(newid));
  if (!story?.date || story.body === undefined)
    throw new Error(`Reuters story ${newid} not found in ${file}`);
  return { text: `${story.title ?? ''}\n${story.body}\n`, published: story.date };
}

for (const file of files) {
  const story = file.startsWith('reuters/') ? reutersStory(Number(file.slice(8))) : undefined;
  const path = story
    ? `reuters-21578:${file.slice(8)}`
    : file.includes('/')
      ? join(dirname(corpus), `${file}.txt`)
      : join(corpus, `${file}.txt`);
  const text = story ? story.text : readFileSync(path, 'utf8');
  const published = story ? story.published : '2005-03-01';
  const doc = analyzeDoc(createDoc(text, { uri: path, mediaType: 'text/plain', published }));
  const judged = verdicts.filter((v) => v.file === file);
  for (const e of explainEvents(doc).events) {
    coded++;
    const actor = e.actor?.text ?? '—';
    const same = judged.filter((v) => v.type === e.type && v.actor === actor);
    const first = same[0];
    if (!first || same.some((v) => v.right !== first.right) || !e.trace?.confidenceFeatures) continue;
    examples.push({ file, features: e.trace.confidenceFeatures, right: first.right });
  }
}
const positives = examples.filter((x) => x.right).length;
console.log(
  `${verdicts.length} verdicts on ${files.length} articles; ${coded} events coded now, ${examples.length} labelled (${positives} right)`,
);

if (scoreHeldOut) {
  const shipped = confidenceModel();
  if (!shipped) throw new Error(`models/${CONFIDENCE_MODEL}.json is absent: train it first`);
  const scored = examples.map((x) => ({ p: scoreConfidence(shipped, x.features), right: x.right }));
  const kept = scored.filter((x) => x.p >= shipped.threshold);
  const keptRight = kept.filter((x) => x.right).length;
  console.log(
    `${CONFIDENCE_MODEL} on the held-out rows: AUC ${auc(scored).toFixed(3)}; at ${shipped.threshold}: ${kept.length} of ${scored.length} kept, ${keptRight} right (precision ${(keptRight / Math.max(1, kept.length)).toFixed(3)}, recall ${(keptRight / Math.max(1, positives)).toFixed(3)})`,
  );
  process.exit(0);
}

// Held-out scores: each article's events scored by the model of the folds without it.
const held: { p: number; right: boolean }[] = [];
const folds = foldsOf(files, FOLDS);
const foldOf = new Map(files.map((f, i) => [f, folds[i] as number]));
for (let k = 0; k < FOLDS; k++) {
  const test = new Set(files.filter((f) => foldOf.get(f) === k));
  const model = { weights: train(examples.filter((x) => !test.has(x.file))) };
  for (const x of examples.filter((x) => test.has(x.file)))
    held.push({ p: scoreConfidence(model, x.features), right: x.right });
}
held.sort((a, b) => b.p - a.p);
let best = { threshold: 0.5, f: -1, precision: 0, recall: 0, kept: 0 };
for (let i = 0, right = 0; i < held.length; i++) {
  const h = held[i] as { p: number; right: boolean };
  if (h.right) right++;
  if (i + 1 < held.length && (held[i + 1] as { p: number }).p === h.p) continue;
  const precision = right / (i + 1);
  const recall = right / Math.max(1, positives);
  const f = (1.25 * precision * recall) / Math.max(1e-9, 0.25 * precision + recall);
  if (f > best.f) best = { threshold: Math.round(h.p * 1000) / 1000, f, precision, recall, kept: i + 1 };
}
const cv = {
  folds: FOLDS,
  auc: Math.round(auc(held) * 1000) / 1000,
  baseRate: Math.round((positives / examples.length) * 1000) / 1000,
  atThreshold: {
    kept: best.kept,
    of: held.length,
    precision: Math.round(best.precision * 1000) / 1000,
    recall: Math.round(best.recall * 1000) / 1000,
  },
};
console.log(`cross-validated: ${JSON.stringify(cv)}; threshold ${best.threshold}`);

const model = {
  name: CONFIDENCE_MODEL,
  version: 2,
  features: CONFIDENCE_FEATURES,
  description:
    'Event confidence: the probability that a coded event has its type, actor and status right together, from how it was coded (src/stages/05-events/confidence.ts).',
  trainedOn: `hand verdicts of docs/hand-judged-events.md (${verdicts.length} rows, ${files.length} articles: BBC politics of bbc-news-2225 and Reuters-21578 stories), joined to the events this build codes: ${examples.length} labelled, ${positives} right`,
  command: 'npm run train:event-confidence',
  trainer: {
    kind: 'logistic regression, SGD (src/core/ml/text-classifier.ts trainClassifier, two labels folded into one weight per feature)',
    l2: `${L2} / labelled events, per update`,
    epochs: EPOCHS,
    rate: RATE,
  },
  crossValidation: cv,
  threshold: best.threshold,
  thresholdRule: 'maximises F0.5 of right events on the cross-validated scores',
  weights: train(examples),
};
if (dryRun) console.log('dry run: nothing written');
else {
  writeFileSync(join(out, `${CONFIDENCE_MODEL}.json`), `${JSON.stringify(model, null, 1)}\n`);
  console.log(`wrote ${join(out, `${CONFIDENCE_MODEL}.json`)}`);
}
