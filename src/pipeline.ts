import { type Analysis, toAnalysis } from './core/analysis.js';
import type { Diagnostic, Doc, Source } from './core/doc.js';
import { contentHash } from './core/hash.js';
import { posTagger } from './core/ml/pos-tagger.js';
import { createPipeline, type Pipeline } from './core/runner.js';
import type { Stage } from './core/stage.js';
import { loadGazetteer } from './kb/gazetteer.js';
import { loadPhoenix } from './kb/phoenix.js';
import { checkPublished, checkText, decodeBytes } from './stages/01-ingest/index.js';
import { cleanStage } from './stages/02-clean/index.js';
import { segmentStage } from './stages/03-segment/index.js';
import { entitiesStage } from './stages/04-annotate/entities/index.js';
import { nameTagger } from './stages/04-annotate/entities/name-tagger.js';
import { quantitiesStage } from './stages/04-annotate/quantities/index.js';
import { quotesStage } from './stages/04-annotate/quotes/index.js';
import { attributionTagger } from './stages/04-annotate/quotes/tag-attributions.js';
import { timeStage } from './stages/04-annotate/time/index.js';
import { toneStage } from './stages/04-annotate/tone/index.js';
import { eventDetector } from './stages/05-events/event-detector.js';
import { eventsStage } from './stages/05-events/index.js';

/**
 * The per-document stages, in order. Order matters: clean marks removed spans before segment
 * splits the kept text; annotators read sentences; events read every annotation layer.
 */
export const documentStages: readonly Stage<unknown>[] = [
  cleanStage,
  segmentStage,
  english(
    prepared(entitiesStage, () => {
      loadGazetteer();
      loadPhoenix();
      nameTagger();
      posTagger();
    }),
  ),
  english(timeStage),
  english(quantitiesStage),
  english(toneStage),
  english(prepared(quotesStage, () => attributionTagger())),
  english(prepared(eventsStage, () => eventDetector())),
] as readonly Stage<unknown>[];

/** The stage with what it loads on first use named, so the runner loads it before timing the stage. */
function prepared<O>(stage: Stage<O>, load: () => unknown): Stage<O> {
  return {
    ...stage,
    prepare: () => {
      stage.prepare?.();
      load();
    },
  };
}

/**
 * A stage whose lexicons and models are English: a document detected as another language skips it
 * (`runner:language-skipped`). Clean and segment work on any text.
 */
function english<O>(stage: Stage<O>): Stage<O> {
  return { ...stage, languages: ['eng'] };
}

let shared: Pipeline | undefined;

/** The default pipeline, built once (stage contracts are checked at construction). */
export function defaultPipeline(): Pipeline {
  shared ??= createPipeline(documentStages);
  return shared;
}

/** Runs every per-document stage over an ingested Doc. Never throws for content problems. */
export function analyzeDoc(doc: Doc): Doc {
  return defaultPipeline().run(doc);
}

export interface AnalyzeOptions {
  /** Publication date (YYYY-MM-DD or ISO instant): the anchor for relative times. */
  published?: string;
  /** Where the text came from; `memory:` when omitted. */
  uri?: string;
  mediaType?: string;
}

/**
 * Analyses one text and returns the stable analysis format (docs/analysis-format.md).
 *
 * ```ts
 * import { analyze } from 'tidings';
 * const a = analyze(text, { published: '2024-05-16' });
 * for (const e of a.events) console.log(e.type, e.actor?.country, e.recipient?.country, e.rule);
 * ```
 */
export function analyze(text: string | Uint8Array, options: AnalyzeOptions = {}): Analysis {
  const problems: Diagnostic[] = [];
  const published = checkPublished(options.published, problems);
  const source: Source = {
    uri: options.uri ?? 'memory:',
    mediaType: options.mediaType ?? 'text/plain',
    ...(published ? { published } : {}),
  };
  // Strings and bytes come in by the same door as files and the API: size, binary, empty and lone
  // surrogates are judged before anything is hashed or analysed.
  const decoded = typeof text === 'string' ? checkText(text, source) : decodeBytes(text, source);
  const doc =
    problems.length > 0 ? { ...decoded, diagnostics: [...problems, ...decoded.diagnostics] } : decoded;
  const done = doc.rejected ? doc : analyzeDoc(doc);
  return toAnalysis(done, contentHash(done.text));
}
