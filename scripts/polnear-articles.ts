// PolNeAR articles as the attribution trainers read them (scripts/train-quote-bounds.ts,
// scripts/train-cue-bounds.ts): each article segmented once, with the attribution tagger's features and
// the gold role fragments of every annotator's file; and the tagger's held-out articles.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createDoc, type Doc } from '../src/core/doc.js';
import { createPipeline } from '../src/core/runner.js';
import { readBrat } from '../src/eval/read-brat.js';
import { textPathFor } from '../src/eval/suites/quotes-polnear.js';
import { cleanStage } from '../src/stages/02-clean/index.js';
import { segmentStage } from '../src/stages/03-segment/index.js';
import type { AttributionFeatures } from '../src/stages/04-annotate/quotes/attribution-features.js';
import {
  type AttributionTagger,
  attributionFeatures,
  paragraphStartSentences,
  type Role,
} from '../src/stages/04-annotate/quotes/tag-attributions.js';

export interface PolnearArticle {
  name: string;
  doc: Doc;
  features: AttributionFeatures;
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
