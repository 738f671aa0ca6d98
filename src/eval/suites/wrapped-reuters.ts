import { basename } from 'node:path';
import { createDoc, type Doc, type Span } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { type Counts, emptyCounts, prf } from '../metrics.js';
import { type ReutersStory, readReutersFile, reflowReuters } from '../read-reuters.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * Hard-wrapped newswire: each Reuters-21578 story (hard-wrapped at ~65 columns, paragraphs opened by
 * an indented line) is analysed as transmitted and once more reflowed, one paragraph per line, by the
 * wire's own paragraph marks (`reflowReuters`, same length, so offsets match). Scored: each line
 * break between two lines of text, soft (inside a paragraph) or hard, against the reflowed story;
 * sentence spans against the reflowed story's; and the counts of sentences, events, quotes and
 * attributions on both, which should agree when wrapping is read right.
 */

export type Analyze = (doc: Doc) => Doc;

/** What is counted on each version of a story. */
const layers = ['paragraphs', 'sentences', 'events', 'quotes', 'attributions'] as const;
type Layer = (typeof layers)[number];
type Tally = Record<Layer, number>;

const emptyTally = (): Tally => ({ paragraphs: 0, sentences: 0, events: 0, quotes: 0, attributions: 0 });

function addTally(into: Tally, doc: Doc): void {
  for (const layer of layers) into[layer] += doc[layer]?.length ?? 0;
}

/**
 * Line breaks between two non-blank lines: soft in `reflowed` when it has a space there; soft in the
 * analysis when a paragraph spans it. Paragraphs are in text order, so one cursor walks them.
 */
export function scoreBreaks(text: string, reflowed: string, paragraphs: readonly Span[], into: Counts): void {
  let p = 0;
  let lineStart = 0;
  for (let b = text.indexOf('\n'); b !== -1; b = text.indexOf('\n', b + 1)) {
    const before = text.slice(lineStart, b);
    lineStart = b + 1;
    const eol = text.indexOf('\n', b + 1);
    const after = text.slice(b + 1, eol === -1 ? text.length : eol);
    if (before.trim() === '' || after.trim() === '') continue;
    while (p < paragraphs.length && (paragraphs[p] as Span).end <= b) p++;
    const ours = p < paragraphs.length && (paragraphs[p] as Span).start < b;
    const gold = reflowed[b] === ' ';
    if (ours && gold) into.tp++;
    else if (ours) into.fp++;
    else if (gold) into.fn++;
  }
}

/** Exact sentence spans of the wrapped story against the reflowed story's. */
export function scoreSentences(gold: readonly Span[], predicted: readonly Span[], into: Counts): void {
  const keys = new Set(gold.map((s) => `${s.start}:${s.end}`));
  let tp = 0;
  for (const s of predicted) if (keys.has(`${s.start}:${s.end}`)) tp++;
  into.tp += tp;
  into.fp += predicted.length - tp;
  into.fn += gold.length - tp;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function createWrappedReutersSuite(analyze: Analyze = analyzeDoc): Suite {
  return {
    name: 'wrapped-reuters',
    description:
      'Hard-wrapped newswire (Reuters-21578): soft/hard line breaks and sentences against each story reflowed by its paragraph marks; counts of sentences, events, quotes on both',
    accepts: (path) => /^reut2-\d+\.sgm(\.gz)?$/.test(basename(path)),
    splitWithin: true,
    run(files: string[], options: EvalOptions): EvalResult {
      const split = options.split ?? 'TEST';
      const skipped: { file: string; reason: string }[] = [];
      const wrapped = emptyTally();
      const reflowedTally = emptyTally();
      const breaks = emptyCounts();
      const sentences = emptyCounts();
      let items = 0;
      for (const file of files) {
        if (options.limit !== undefined && items >= options.limit) break;
        let stories: ReutersStory[];
        try {
          stories = readReutersFile(file).filter((s) => s.split === split);
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        for (const story of stories) {
          if (options.limit !== undefined && items >= options.limit) break;
          const source = (uri: string) => ({
            uri,
            mediaType: 'text/plain',
            ...(story.date ? { published: story.date } : {}),
          });
          const reflowedText = reflowReuters(story.text);
          const raw = analyze(createDoc(story.text, source(`${file}#${story.id}`)));
          const reflowed = analyze(createDoc(reflowedText, source(`${file}#${story.id}/reflowed`)));
          addTally(wrapped, raw);
          addTally(reflowedTally, reflowed);
          scoreBreaks(story.text, reflowedText, raw.paragraphs ?? [], breaks);
          scoreSentences(reflowed.sentences ?? [], raw.sentences ?? [], sentences);
          items++;
        }
      }
      const b = prf(breaks);
      const s = prf(sentences);
      const metrics: Record<string, number> = {
        softBreakPrecision: b.precision,
        softBreakRecall: b.recall,
        softBreakF1: b.f1,
        sentenceF1: s.f1,
      };
      for (const layer of layers) {
        metrics[layer] = wrapped[layer];
        metrics[`${layer}Reflowed`] = reflowedTally[layer];
      }
      return {
        suite: 'wrapped-reuters',
        items,
        unit: `stories (LEWISSPLIT ${split})`,
        metrics,
        details: {
          breaks,
          sentences: { ...sentences, precision: round(s.precision), recall: round(s.recall) },
          ratios: Object.fromEntries(
            layers.map((l) => [l, reflowedTally[l] === 0 ? 0 : round(wrapped[l] / reflowedTally[l])]),
          ),
        },
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },
  };
}

export const wrappedReutersSuite: Suite = createWrappedReutersSuite();
