// Hostile input, as properties (issue 10, item 6): what must hold for any input a user, a scraper or an
// attacker can hand Tidings. `hostile-input.test.ts` checks them with a bounded number of cases in
// every test run; `npm run fuzz` (scripts/fuzz.ts) runs a long campaign and reports cases, crashes
// and hangs. A "hang" is a stage past its time budget (`runner:over-budget`), with a budget far
// tighter than the default: linear stages finish in milliseconds per kilobyte.
import fc from 'fast-check';
import type { Analysis } from '../../src/core/analysis.js';
import { toAnalysis } from '../../src/core/analysis.js';
import type { Doc, Source } from '../../src/core/doc.js';
import { contentHash } from '../../src/core/hash.js';
import { createPipeline, type Pipeline, type TimeBudget } from '../../src/core/runner.js';
import { documentStages } from '../../src/pipeline.js';
import { checkText, decodeBytes } from '../../src/stages/01-ingest/index.js';
import { parseJsonlLine } from '../../src/stages/01-ingest/parse-jsonl.js';

/** The hang detector's budget: 4 s per stage plus 2 ms per character (a sound stage needs ~µs). */
export const FUZZ_BUDGET: TimeBudget = { baseMs: 4_000, msPerMillionChars: 2_000_000 };

let pipeline: Pipeline | undefined;
function fuzzPipeline(): Pipeline {
  pipeline ??= createPipeline(documentStages, {}, [], { budget: FUZZ_BUDGET });
  return pipeline;
}

const source: Source = { uri: 'memory:fuzz', mediaType: 'text/plain', published: '2024-05-16' };

/** Ingest checks, then every stage, then the analysis format: the path `analyze()` takes. */
export function analyzeHostile(input: string | Uint8Array): { doc: Doc; analysis: Analysis } {
  const decoded = typeof input === 'string' ? checkText(input, source) : decodeBytes(input, source);
  const doc = decoded.rejected ? decoded : fuzzPipeline().run(decoded);
  return { doc, analysis: toAnalysis(doc, contentHash(doc.text)) };
}

const faults = new Set(['runner:stage-failed', 'runner:assign-missing', 'runner:assign-undeclared']);

/** A finding: a hang (over budget) or a broken invariant, with the input that caused it. */
export class Finding extends Error {
  constructor(
    readonly kind: 'hang' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

/** Every invariant an analysis must keep, whatever its input. Throws a Finding. */
export function checkAnalysis(input: string | Uint8Array, doc: Doc, analysis: Analysis): void {
  const over = doc.diagnostics.find((d) => d.ruleId === 'runner:over-budget');
  if (over) throw new Finding('hang', over.reason);
  const fault = doc.diagnostics.find((d) => faults.has(d.ruleId));
  if (fault) throw new Finding('crash', `${fault.ruleId}: ${fault.reason}`);
  for (const d of doc.diagnostics) {
    if (typeof d.reason !== 'string' || d.reason.length === 0) {
      throw new Finding('crash', `diagnostic ${d.ruleId} without a reason`);
    }
  }
  if (doc.rejected) {
    // Kept as rejected, never silently: an error diagnostic says why.
    if (!doc.diagnostics.some((d) => d.severity === 'error')) {
      throw new Finding('crash', 'rejected without an error diagnostic');
    }
    return;
  }
  if (typeof input === 'string' && doc.text !== expectedText(input, doc)) {
    throw new Finding('crash', 'the stored text differs from the input text beyond what ingest reports');
  }
  const length = doc.text.length;
  for (const [layer, spans] of spanLayers(analysis)) {
    for (const span of spans) {
      if (!(span.start >= 0 && span.start <= span.end && span.end <= length)) {
        throw new Finding(
          'crash',
          `${layer}: span [${span.start}, ${span.end}) outside the text (${length})`,
        );
      }
    }
  }
  JSON.stringify(analysis);
}

/**
 * The text ingest keeps for a string: the string itself, but for what its diagnostics say it changed —
 * lone surrogates replaced by U+FFFD (`ingest:lone-surrogate`), a leading byte order mark dropped
 * (`ingest:bom`).
 */
const loneHalf = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function expectedText(input: string, doc: Doc): string {
  let text = input;
  const said = new Set(doc.diagnostics.map((d) => d.ruleId));
  if (said.has('ingest:bom') && text.startsWith('\ufeff')) text = text.slice(1);
  if (said.has('ingest:lone-surrogate')) text = text.replace(loneHalf, '\ufffd');
  return text;
}

interface Span {
  start: number;
  end: number;
}

function* spanLayers(analysis: Analysis): Generator<[string, Span[]]> {
  const record = analysis as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value)) continue;
    const spans = value.filter(
      (v): v is Span =>
        typeof v === 'object' && v !== null && typeof v.start === 'number' && typeof v.end === 'number',
    );
    if (spans.length > 0) yield [key, spans];
  }
}

/** Checks one input end to end; returns nothing, throws a Finding. */
export function checkInput(input: string | Uint8Array): void {
  let result: { doc: Doc; analysis: Analysis };
  try {
    result = analyzeHostile(input);
  } catch (error) {
    throw new Finding(
      'crash',
      `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  checkAnalysis(input, result.doc, result.analysis);
}

/** A JSONL line becomes a document or a rejected document with a diagnostic; it never throws. */
export function checkJsonlLine(line: Uint8Array): void {
  let doc: Doc;
  try {
    doc = parseJsonlLine(line, 'memory:fuzz.jsonl#1');
  } catch (error) {
    throw new Finding('crash', `JSONL line threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (doc.rejected && !doc.diagnostics.some((d) => d.severity === 'error')) {
    throw new Finding('crash', 'JSONL line rejected without an error diagnostic');
  }
}

// ---- Generators -------------------------------------------------------------------------------

/** News-like pieces that stress the annotators' patterns: titles, quotes, numbers, dates, caps. */
const newsPieces = [
  'Mr. ',
  'Dr. ',
  'U.S. ',
  'President ',
  'Vladimir Putin ',
  'Xi Jinping ',
  'the Kremlin ',
  'Beijing ',
  'said ',
  'told Reuters ',
  'according to ',
  'will meet ',
  'attacked ',
  'condemned ',
  'has never ',
  'on Thursday ',
  'last week ',
  'in June 1982 ',
  '32/13/2024 ',
  '$1.4 trillion ',
  '€3bn ',
  'Rs 500 crore ',
  '46 percent ',
  'dozens ',
  '"',
  '“',
  '”',
  "'",
  '(',
  ')',
  ',',
  '. ',
  '... ',
  '-',
  '—',
  '\n',
  '\n\n',
  'Advertisement\n',
  'AND ',
  'THE ',
  'CHINA ',
  'A ',
  '1,',
  '000',
  '9',
  ':',
  '/',
  '<b>',
  '&amp;',
  '\t',
  '\u00a0',
  '\u200b',
  'Ж',
  '北京 ',
  'مرحبا ',
  '🙂',
];

/** Text built from news pieces: most of the pattern code sees something it matches. */
export const newsyText = (maxPieces: number) =>
  fc.array(fc.constantFrom(...newsPieces), { maxLength: maxPieces }).map((parts) => parts.join(''));

/** One piece repeated many times: the inputs that make a careless regex or loop go quadratic. */
export const repeatedPiece = (maxRepeats: number) =>
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...newsPieces), fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' })),
      fc.integer({ min: 1, max: maxRepeats }),
      fc.string({ maxLength: 3 }),
    )
    .map(([piece, n, tail]) => piece.repeat(n) + tail);

/** Halves of surrogate pairs among ASCII letters: text no UTF-8 encoder can write as it is. */
const loneSurrogates = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0x20, max: 0x7e })), {
      maxLength,
    })
    .map((codes) => String.fromCharCode(...codes));

/** Any string: any code point, any grapheme, control characters, lone surrogates, byte order marks. */
export const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength, unit: 'binary' }),
    loneSurrogates(maxLength),
    fc.string({ maxLength }).map((t) => `\ufeff${t}`),
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.string({ maxLength, unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  );

/** Any bytes, and bytes that are almost UTF-8 (valid text with a few bytes broken). */
export const anyBytes = (maxLength: number) =>
  fc.oneof(
    fc.uint8Array({ maxLength }),
    fc
      .tuple(newsyText(60), fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: 0x80, max: 0xff }))
      .map(([text, where, byte]) => {
        const bytes = new TextEncoder().encode(text);
        for (const w of where) if (bytes.length > 0) bytes[w % bytes.length] = byte;
        return bytes;
      }),
  );

/** JSONL lines: records with odd fields, invalid JSON, and deeply nested arrays and objects. */
export const jsonlLines = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc
      .record({ text: anyText(200), title: fc.option(anyText(40)), published: fc.option(fc.string()) })
      .map((r) => JSON.stringify(r)),
    fc.integer({ min: 1, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 1, max: 100_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    fc.string({ maxLength: 200 }),
  );
