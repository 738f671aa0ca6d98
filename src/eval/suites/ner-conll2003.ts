import { basename } from 'node:path';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import {
  type Analyze,
  defaultAnalyze,
  loadCompromise,
  runNerFiles,
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

export function createConllSuite(analyze: Analyze = defaultAnalyze, withBaseline = true): Suite {
  return {
    name: 'ner-conll2003',
    description: 'CoNLL-2003 English NER: exact-span P/R/F1 for PER/ORG/LOC (demonyms as MISC, apart)',
    accepts: (path) => /\.(txt|conll)$/i.test(path) && !notData.test(basename(path)),
    async run(files: string[], options: EvalOptions): Promise<EvalResult> {
      return runNerFiles(
        files,
        options,
        { name: 'ner-conll2003', unit: 'documents', expected: 'TOKEN POS CHUNK NER' },
        readConll,
        analyze,
        withBaseline ? await loadCompromise() : undefined,
      );
    },
  };
}

export const nerConll2003: Suite = createConllSuite();
