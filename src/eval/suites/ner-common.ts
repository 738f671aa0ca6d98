import { readFileSync } from 'node:fs';
import { createDoc, type Doc, type Entity, type Span } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { addCounts, type Counts, emptyCounts, matchSpans, prf } from '../metrics.js';
import type { EvalOptions, EvalResult } from '../suite.js';

/**
 * Shared by the CoNLL-2003 and WikiANN suites: token/tag sentences → one text per document
 * (tokens joined by a space, sentences by a newline), gold spans from IOB tags, Tidings
 * entities mapped to the CoNLL classes, exact-span scoring.
 */

export type Analyze = (doc: Doc) => Doc;

export const defaultAnalyze: Analyze = analyzeDoc;

/** The classes scored together; MISC is reported apart (we only produce demonyms for it). */
export const scoredTypes = ['PER', 'ORG', 'LOC'] as const;
export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

export interface NerSpan extends Span {
  type: string;
}

export interface NerDoc {
  text: string;
  gold: NerSpan[];
}

/**
 * Builds a document from tagged sentences and reads the gold spans from IOB2 tags. An `I-X`
 * after `O` or after another type opens a span too (IOB1 files stay readable).
 */
export function buildNerDoc(sentences: readonly TaggedSentence[]): NerDoc {
  let text = '';
  const gold: NerSpan[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const { tokens, tags } = sentences[s] as TaggedSentence;
    if (s > 0) text += '\n';
    let open: NerSpan | undefined;
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0) text += ' ';
      const start = text.length;
      text += tokens[i];
      const tag = tags[i] ?? 'O';
      const type = tag.length > 2 && tag[1] === '-' ? tag.slice(2) : undefined;
      if (type === undefined) {
        open = undefined;
      } else if (tag[0] === 'B' || open?.type !== type) {
        open = { start, end: text.length, type };
        gold.push(open);
      } else {
        open.end = text.length;
      }
    }
  }
  return { text, gold };
}

const typeOf: Record<Entity['type'], NerType> = {
  person: 'PER',
  organization: 'ORG',
  country: 'LOC',
  city: 'LOC',
  place: 'LOC',
};

/**
 * Our mentions as CoNLL spans. Demonyms ("Russian") are MISC in CoNLL. A title-name mention
 * ("President Vladimir Putin") is cut to the name, as CoNLL marks only the name.
 */
export function predictedSpans(doc: Doc): NerSpan[] {
  const out: NerSpan[] = [];
  for (const e of doc.entities ?? []) {
    for (const m of e.mentions) {
      // "The two leaders" refers to named people; it is no name.
      if (m.form === 'reference') continue;
      let start = m.start;
      if (m.form === 'title-name') {
        // The name starts at the first word of the surface that is a word of the entity's name
        // ("Prime Minister Netanyahu" of Benjamin Netanyahu → "Netanyahu").
        const surface = doc.text.slice(m.start, m.end);
        const nameWords = new Set(e.name.split(/\s+/));
        let at = 0;
        for (const word of surface.split(/(\s+)/)) {
          if (nameWords.has(word)) {
            start = m.start + at;
            break;
          }
          at += word.length;
        }
      }
      // The tagger's class when it found the mention ("the Kremlin" is ORG, resolved to Russia).
      const type = m.ner ?? (m.form === 'demonym' ? 'MISC' : typeOf[e.type]);
      out.push({ start, end: m.end, type });
    }
  }
  return out;
}

/** Counts per class, for PER/ORG/LOC/MISC. */
export type NerCounts = Record<NerType, Counts>;

export function emptyNerCounts(): NerCounts {
  return { PER: emptyCounts(), ORG: emptyCounts(), LOC: emptyCounts(), MISC: emptyCounts() };
}

/** Exact-span, same-class matching, class by class. Gold classes we do not know are ignored. */
export function scoreNerDoc(gold: readonly NerSpan[], predicted: readonly NerSpan[], into: NerCounts): void {
  for (const type of Object.keys(into) as NerType[]) {
    const g = gold.filter((s) => s.type === type);
    const p = predicted.filter((s) => s.type === type);
    addCounts(into[type], matchSpans(g, p, 'strict').counts);
  }
}

/** Analyses one built document and adds its counts. */
export function evaluateNerDoc(nerDoc: NerDoc, uri: string, analyze: Analyze, into: NerCounts): void {
  const doc = analyze(createDoc(nerDoc.text, { uri, mediaType: 'text/plain' }));
  scoreNerDoc(nerDoc.gold, predictedSpans(doc), into);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The result of a NER suite: micro P/R/F1 over PER/ORG/LOC (the headline), each class apart, and
 * `conlleval.*`, the micro P/R/F1 over all four classes, MISC included, as conlleval's overall line
 * counts it: every gold and every predicted chunk of any class, exact span and class.
 */
export function nerResult(
  suite: string,
  items: number,
  unit: string,
  counts: NerCounts,
  skipped: { file: string; reason: string }[],
): EvalResult {
  const total = emptyCounts();
  for (const t of scoredTypes) addCounts(total, counts[t]);
  const overall = prf(total);
  const metrics: Record<string, number> = {
    precision: overall.precision,
    recall: overall.recall,
    f1: overall.f1,
  };
  const all = emptyCounts();
  for (const t of [...scoredTypes, 'MISC'] as NerType[]) addCounts(all, counts[t]);
  const conlleval = prf(all);
  metrics['conlleval.precision'] = conlleval.precision;
  metrics['conlleval.recall'] = conlleval.recall;
  metrics['conlleval.f1'] = conlleval.f1;
  const byType: Record<string, unknown> = {};
  for (const t of [...scoredTypes, 'MISC'] as NerType[]) {
    const s = prf(counts[t]);
    metrics[`${t}.f1`] = s.f1;
    byType[t] = {
      precision: round(s.precision),
      recall: round(s.recall),
      f1: round(s.f1),
      ...counts[t],
    };
  }
  return {
    suite,
    items,
    unit,
    metrics,
    details: {
      byType,
      note: 'exact span and class; precision/recall/f1 over PER/ORG/LOC, conlleval.* over all four classes with MISC',
    },
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

/** A baseline recogniser: a text → its PER/ORG/LOC spans. */
export interface Baseline {
  name: string;
  spans(text: string): NerSpan[];
}

/**
 * compromise (a development dependency, as in `npm run bench`): its people, places and
 * organisations as PER, LOC and ORG, with the offsets it reports. Undefined when it is not
 * installed; the suites then report only our figures.
 */
export async function loadCompromise(): Promise<Baseline | undefined> {
  let nlp: typeof import('compromise')['default'];
  try {
    nlp = (await import('compromise')).default;
  } catch {
    return undefined;
  }
  return {
    name: 'compromise (people, places, organizations)',
    spans(text: string): NerSpan[] {
      const d = nlp(text);
      const out: NerSpan[] = [];
      const add = (type: NerType, view: { json(o: object): unknown }) => {
        for (const m of view.json({ offset: true }) as { offset?: { start: number; length: number } }[]) {
          if (m.offset) out.push({ start: m.offset.start, end: m.offset.start + m.offset.length, type });
        }
      };
      add('PER', d.people());
      add('LOC', d.places());
      add('ORG', d.organizations());
      return out;
    },
  };
}

/**
 * The loop both NER suites share: read each file into documents (lists of tagged sentences),
 * score each document through `analyze` (and through the baseline, when given, on the same
 * text), honour `--limit`, and skip unreadable or empty files with a reason instead of failing.
 */
export function runNerFiles(
  files: readonly string[],
  options: EvalOptions,
  suite: { name: string; unit: string; expected: string },
  read: (text: string) => TaggedSentence[][],
  analyze: Analyze,
  baseline?: Baseline,
): EvalResult {
  const counts = emptyNerCounts();
  const baselineCounts = emptyNerCounts();
  const skipped: { file: string; reason: string }[] = [];
  let items = 0;
  for (const file of files) {
    if (options.limit !== undefined && items >= options.limit) break;
    let docs: TaggedSentence[][];
    try {
      docs = read(readFileSync(file, 'utf8'));
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (docs.length === 0) {
      skipped.push({ file, reason: `no tagged sentences (expected ${suite.expected} lines)` });
      continue;
    }
    for (let d = 0; d < docs.length; d++) {
      if (options.limit !== undefined && items >= options.limit) break;
      const nerDoc = buildNerDoc(docs[d] as TaggedSentence[]);
      evaluateNerDoc(nerDoc, `${file}#${d}`, analyze, counts);
      if (baseline) scoreNerDoc(nerDoc.gold, baseline.spans(nerDoc.text), baselineCounts);
      items++;
    }
  }
  const result = nerResult(suite.name, items, suite.unit, counts, skipped);
  if (baseline) addBaseline(result, baseline.name, baselineCounts);
  return result;
}

/**
 * The baseline's figures beside ours, from the same run: `compromise.precision`, `.recall`, `.f1`
 * over PER/ORG/LOC and `compromise.PER.f1` … (it has no MISC class).
 */
function addBaseline(result: EvalResult, name: string, counts: NerCounts): void {
  const total = emptyCounts();
  for (const t of scoredTypes) addCounts(total, counts[t]);
  const overall = prf(total);
  result.metrics['compromise.precision'] = overall.precision;
  result.metrics['compromise.recall'] = overall.recall;
  result.metrics['compromise.f1'] = overall.f1;
  for (const t of scoredTypes) result.metrics[`compromise.${t}.f1`] = prf(counts[t]).f1;
  result.details = { ...result.details, baseline: `${name}, same documents, same scoring` };
}
