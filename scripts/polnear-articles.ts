// PolNeAR articles as the attribution trainers read them (scripts/train-quote-bounds.ts,
// scripts/train-cue-bounds.ts): each article segmented once, with the attribution tagger's features and
// the gold role fragments of every annotator's file; and the tagger's held-out articles.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createDoc, type Doc } from '../src/core/doc.js';
import { createPipeline } from '../src/core/runner.js';
import { readBrat } from '../src/eval/read-brat.js';
import { textPathFor } from '../src/eval/suites/quotes-polnear.js';
import { cleanStage } from '../src/stages/02-clean/index.js';
import { segmentStage } from '../src/stages/03-segment/index.js';
import type { BoundsModel } from '../src/stages/04-annotate/quotes/content-bounds.js';
import type { StackedAttributionFeatures } from '../src/stages/04-annotate/quotes/stack-features.js';
import {
  type AttributionTagger,
  attributionFeatures,
  paragraphStartSentences,
  type Role,
} from '../src/stages/04-annotate/quotes/tag-attributions.js';

export interface PolnearArticle {
  name: string;
  doc: Doc;
  features: StackedAttributionFeatures;
  /** Gold fragments of each annotator's file. */
  gold: { role: Role; start: number; end: number }[][];
}

const goldLabel: Record<string, Role> = { Source: 'source', Cue: 'cue', Content: 'content' };

/** The articles of PolNeAR's `split` under `data` (brat files in `<split>/attributions`). */
export function readPolnearSplit(data: string, split: string, tagger: AttributionTagger): PolnearArticle[] {
  const segment = createPipeline([cleanStage, segmentStage] as never);
  const dir = join(data, split, 'attributions');
  const byText = new Map<string, PolnearArticle>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.ann')) continue;
    const textPath = textPathFor(join(dir, f));
    const text = readFileSync(textPath, 'utf8');
    let a = byText.get(textPath);
    if (!a) {
      const doc = segment.run(createDoc(text, { uri: textPath, mediaType: 'text/plain' }));
      const tokens = doc.tokens;
      if (!tokens) throw new Error(`${textPath}: not segmented`);
      const features = attributionFeatures(
        tokens,
        paragraphStartSentences(
          tokens,
          (doc.paragraphs ?? []).map((p) => p.start),
        ),
        tagger,
      );
      a = { name: basename(textPath, '.txt'), doc, features, gold: [] };
      byText.set(textPath, a);
    }
    const spans: PolnearArticle['gold'][number] = [];
    for (const s of readBrat(readFileSync(join(dir, f), 'utf8'), text).spans) {
      const role = goldLabel[s.label];
      if (role) for (const fr of s.fragments) spans.push({ role, start: fr.start, end: fr.end });
    }
    a.gold.push(spans);
  }
  return [...byText.values()];
}

/** The articles the attribution tagger held out of its training (scripts/train-quotes.ts): one in ten by a hash of the name. */
export function heldOutArticle(name: string): boolean {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(h) % 10 === 0;
}

/** What the bounds trainers' epoch loop needs (the examples and the perceptron stay in each script). */
export interface BoundsTraining {
  epochs: number;
  /** One pass over the training examples; the share it ranked wrong. */
  epoch: () => number;
  /** The averaged model after the passes so far. */
  averaged: () => BoundsModel;
  /** Figures of the tagger's spans over a set, moved by `model` (none: the tagger alone). */
  score: (set: readonly PolnearArticle[], model: BoundsModel | null) => Record<string, number>;
  /** The figure of `score` the epoch is chosen by. */
  metric: string;
  tune: readonly PolnearArticle[];
  dev: readonly PolnearArticle[];
  log: (line: string) => void;
}

/**
 * Trains epoch after epoch, keeps the model of the epoch best on `tune` by `metric`, and scores dev
 * (only scored, at the end) with the tagger alone and with that model.
 */
export function chooseEpoch(t: BoundsTraining) {
  t.log(`tune, tagger alone: ${JSON.stringify(t.score(t.tune, null))}`);
  let best: { epoch: number; score: number; model: BoundsModel } | undefined;
  const byEpoch: number[] = [];
  for (let e = 1; e <= t.epochs; e++) {
    const wrong = t.epoch();
    const model = t.averaged();
    const sc = t.score(t.tune, model);
    const value = sc[t.metric] as number;
    byEpoch.push(value);
    t.log(
      `epoch ${e}: ${(wrong * 100).toFixed(1)}% wrong in training; tune ${JSON.stringify(sc)}; ${model.weights.size} weights`,
    );
    if (!best || value > best.score) best = { epoch: e, score: value, model };
  }
  if (!best) throw new Error('no epoch');
  const devBefore = t.score(t.dev, null);
  const devAfter = t.score(t.dev, best.model);
  t.log(
    `best epoch ${best.epoch}; dev (held out), tagger alone ${JSON.stringify(devBefore)}, with the pass ${JSON.stringify(devAfter)}`,
  );
  return { best, byEpoch, devTaggerOnly: { before: devBefore, after: devAfter } };
}

/** Writes a bounds model file: the manifest, then its weights in key order. */
export function writeBoundsModel(
  path: string,
  manifest: Record<string, unknown>,
  model: BoundsModel,
  log: (line: string) => void,
): void {
  const entries = [...model.weights].sort((x, y) => x[0] - y[0]);
  const file = { ...manifest, keys: entries.map((x) => x[0]), weights: entries.map((x) => x[1]) };
  writeFileSync(path, `${JSON.stringify(file)}\n`);
  log(`wrote ${basename(path)} (${entries.length} weights)`);
}
