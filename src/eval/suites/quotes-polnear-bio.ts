import { readFileSync } from 'node:fs';
import { createDoc, type Doc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { addCounts, type Counts, emptyCounts, prf } from '../metrics.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import { type Analyze, predictedSpans, type Role, roles } from './quotes-polnear.js';

/**
 * PolNeAR as CofeNet's authors (Wang et al., COLING 2022) converted it: one JSON line per
 * sentence, `{tokens, labels: O|B-role|I-role, id}`, the id naming the article and annotator.
 * The test split of this conversion is the one behind the published figures (BERT + CofeNet
 * 83.2 / 75.3 / 72.9 exact F1), and Tidings never trains on it, so this suite gives held-out
 * figures on the same sentences as those anchors.
 *
 * Each annotation file's sentences are joined into one text (tokens with single spaces, PTB
 * quote tokens `` '' ` ' back to curly marks, brackets back from -LRB- -RRB-) and analysed once
 * by the whole pipeline; every predicted span is cut at sentence ends and mapped to the tokens
 * it covers. Scoring is CofeNet's: a span is (sentence, role, first token, last token); exact
 * match only.
 */

interface Line {
  tokens: string[];
  labels: string[];
  id: string;
}

const surface: Record<string, string> = {
  '``': '\u201c',
  "''": '\u201d',
  '`': '\u2018',
  '-LRB-': '(',
  '-RRB-': ')',
  '-LSB-': '[',
  '-RSB-': ']',
  '-LCB-': '{',
  '-RCB-': '}',
};

/** BIO labels → `role:from:to` keys (to exclusive) for sentence `s`. */
export function bioSpans(labels: readonly string[], s: number): string[] {
  const out: string[] = [];
  let open: { role: string; from: number } | undefined;
  const close = (to: number) => {
    if (open) out.push(`${s}:${open.role}:${open.from}:${to}`);
    open = undefined;
  };
  labels.forEach((label, i) => {
    if (label === 'O' || label.length < 3) {
      close(i);
      return;
    }
    const role = label.slice(2);
    if (label[0] === 'B' || open?.role !== role) {
      close(i);
      open = { role, from: i };
    }
  });
  close(labels.length);
  return out;
}

export interface JoinedText {
  text: string;
  /** Per sentence, per token: `[start, end)` in `text`. */
  offsets: [number, number][][];
}

export function joinSentences(lines: readonly Line[]): JoinedText {
  let text = '';
  const offsets: [number, number][][] = [];
  for (const line of lines) {
    const sentence: [number, number][] = [];
    line.tokens.forEach((token, i) => {
      if (text.length > 0) text += ' ';
      const t = surface[token] ?? (token === "'" && i > 0 ? '\u2019' : token);
      sentence.push([text.length, text.length + t.length]);
      text += t;
    });
    offsets.push(sentence);
  }
  return { text, offsets };
}

/** Predicted spans of `doc` as `sentence:role:from:to` keys over the joined sentences. */
export function predictedKeys(doc: Doc, joined: JoinedText): Set<string> {
  const predicted = predictedSpans(doc);
  const out = new Set<string>();
  for (const role of roles) {
    for (const span of predicted[role]) {
      joined.offsets.forEach((sentence, s) => {
        let from = -1;
        let to = -1;
        sentence.forEach(([start, end], i) => {
          if (start >= span.start && end <= span.end) {
            if (from < 0) from = i;
            to = i + 1;
          }
        });
        if (from >= 0) out.add(`${s}:${role}:${from}:${to}`);
      });
    }
  }
  return out;
}

export function createPolnearBioSuite(analyze: Analyze = analyzeDoc): Suite {
  return {
    name: 'quotes-polnear-bio',
    description:
      "PolNeAR in CofeNet's sentence-level BIO form (its test split is held out): exact F1 per role",
    accepts: (path) =>
      /\.(txt|jsonl)$/.test(path) && !path.endsWith('tag.txt') && !/COUNTS|PROVENANCE/.test(path),
    run(files: string[], options: EvalOptions): EvalResult {
      const total = {} as Record<Role, Counts>;
      for (const role of roles) total[role] = emptyCounts();
      const skipped: { file: string; reason: string }[] = [];
      let items = 0;
      for (const file of files) {
        const byId = new Map<string, Line[]>();
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        for (const raw of text.split('\n')) {
          if (raw.trim() === '') continue;
          let line: Line;
          try {
            line = JSON.parse(raw) as Line;
          } catch {
            continue;
          }
          if (!Array.isArray(line.tokens) || !Array.isArray(line.labels) || typeof line.id !== 'string')
            continue;
          let list = byId.get(line.id);
          if (!list) {
            list = [];
            byId.set(line.id, list);
          }
          list.push(line);
        }
        const ids = [...byId.keys()];
        const chosen = options.limit !== undefined ? ids.slice(0, options.limit) : ids;
        for (const id of chosen) {
          const lines = byId.get(id) as Line[];
          const joined = joinSentences(lines);
          const doc = analyze(createDoc(joined.text, { uri: `polnear-bio:${id}`, mediaType: 'text/plain' }));
          const predicted = predictedKeys(doc, joined);
          const gold = new Set(lines.flatMap((l, s) => bioSpans(l.labels, s)));
          for (const role of roles) {
            const c = total[role];
            for (const k of predicted) if (k.split(':')[1] === role) gold.has(k) ? c.tp++ : c.fp++;
            for (const k of gold) if (k.split(':')[1] === role && !predicted.has(k)) c.fn++;
          }
          items++;
        }
      }
      const metrics: Record<string, number> = {};
      for (const role of roles) {
        const s = prf(total[role]);
        metrics[`${role}ExactF1`] = s.f1;
        metrics[`${role}ExactPrecision`] = s.precision;
        metrics[`${role}ExactRecall`] = s.recall;
      }
      const counts: Record<string, Counts> = {};
      for (const role of roles) counts[role] = addCounts(emptyCounts(), total[role]);
      return {
        suite: 'quotes-polnear-bio',
        items,
        unit: 'annotation files',
        metrics,
        details: { reference: { source: 83.2, cue: 75.3, content: 72.9 }, counts },
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },
  };
}

export const quotesPolnearBio: Suite = createPolnearBioSuite();
