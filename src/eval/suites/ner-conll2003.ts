import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import {
  type Analyze,
  buildNerDoc,
  defaultAnalyze,
  emptyNerCounts,
  evaluateNerDoc,
  nerResult,
  type TaggedSentence,
} from './ner-common.js';

/**
 * Reads a CoNLL-2003 file as it is distributed: `TOKEN POS CHUNK NER` per line (the NER tag is
 * the last column), blank lines between sentences, `-DOCSTART-` lines between documents.
 */
export function readConll(text: string): TaggedSentence[][] {
  const docs: TaggedSentence[][] = [];
  let doc: TaggedSentence[] = [];
  let sentence: TaggedSentence = { tokens: [], tags: [] };
  const endSentence = () => {
    if (sentence.tokens.length > 0) doc.push(sentence);
    sentence = { tokens: [], tags: [] };
  };
  const endDoc = () => {
    endSentence();
    if (doc.length > 0) docs.push(doc);
    doc = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const fields = line.split(/\s+/);
    if (fields[0] === '-DOCSTART-') {
      endDoc();
      continue;
    }
    if (fields.length < 2) continue;
    sentence.tokens.push(fields[0] as string);
    sentence.tags.push(fields[fields.length - 1] as string);
  }
  endDoc();
  return docs;
}

const notData = /^(provenance|readme|license|licence)/i;

export function createConllSuite(analyze: Analyze = defaultAnalyze): Suite {
  return {
    name: 'ner-conll2003',
    description: 'CoNLL-2003 English NER: exact-span P/R/F1 for PER/ORG/LOC (demonyms as MISC, apart)',
    accepts: (path) => /\.(txt|conll)$/i.test(path) && !notData.test(basename(path)),
    run(files: string[], options: EvalOptions): EvalResult {
      const counts = emptyNerCounts();
      const skipped: { file: string; reason: string }[] = [];
      let items = 0;
      for (const file of files) {
        if (options.limit !== undefined && items >= options.limit) break;
        let docs: TaggedSentence[][];
        try {
          docs = readConll(readFileSync(file, 'utf8'));
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (docs.length === 0) {
          skipped.push({ file, reason: 'no tagged sentences (expected TOKEN POS CHUNK NER lines)' });
          continue;
        }
        for (let d = 0; d < docs.length; d++) {
          if (options.limit !== undefined && items >= options.limit) break;
          evaluateNerDoc(buildNerDoc(docs[d] as TaggedSentence[]), `${file}#${d}`, analyze, counts);
          items++;
        }
      }
      return nerResult('ner-conll2003', items, 'documents', counts, skipped);
    },
  };
}

export const nerConll2003: Suite = createConllSuite();
