import type {
  Attribution,
  Block,
  CameoStatement,
  Diagnostic,
  Doc,
  Entity,
  NewsEvent,
  Paragraph,
  Quantity,
  Quote,
  Removed,
  Sentence,
  Source,
  Span,
  TimeExpression,
  Tone,
} from './doc.js';

/** Version of the analysis format (docs/analysis-format.md). Bump the minor on additions. */
export const ANALYSIS_FORMAT = 'tidings.analysis/1.4';

/**
 * The stable, serialisable result of analysing one document. Every span is `[start, end)`
 * in UTF-16 code units into `text`, which is the ingested text unchanged.
 */
export interface Analysis {
  format: typeof ANALYSIS_FORMAT;
  /** Content hash of `text` (sha256, hex): the document's identity in the store. */
  id: string;
  source: Source;
  title: string | null;
  titleSpan: Span | null;
  published: string | null;
  text: string;
  rejected: boolean;
  /** Blocks of a structured input (HTML): paragraphs, headings, list items, quotes, captions (1.1). */
  blocks: Block[];
  removed: Removed[];
  diagnostics: Diagnostic[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  entities: Entity[];
  quotes: Quote[];
  attributions: Attribution[];
  times: TimeExpression[];
  quantities: Quantity[];
  /** Document and sentence tone (1.2); null when not computed (a rejected document). */
  tone: Tone | null;
  events: NewsEvent[];
  /** CAMEO statements and appeals (roots 01–02), which PLOVER does not code as events (1.3). */
  statements: CameoStatement[];
}

export function toAnalysis(doc: Doc, id: string): Analysis {
  return {
    format: ANALYSIS_FORMAT,
    id,
    source: doc.source,
    title: doc.title ? doc.text.slice(doc.title.start, doc.title.end) : null,
    titleSpan: doc.title ?? null,
    published: doc.source.published ?? null,
    text: doc.text,
    rejected: doc.rejected === true,
    blocks: doc.blocks ?? [],
    removed: doc.removed ?? [],
    diagnostics: doc.diagnostics,
    paragraphs: doc.paragraphs ?? [],
    sentences: doc.sentences ?? [],
    entities: doc.entities ?? [],
    quotes: doc.quotes ?? [],
    attributions: doc.attributions ?? [],
    times: doc.times ?? [],
    quantities: doc.quantities ?? [],
    tone: doc.tone ?? null,
    events: doc.events ?? [],
    statements: doc.statements ?? [],
  };
}
