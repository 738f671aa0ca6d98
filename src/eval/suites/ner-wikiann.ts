import { basename } from 'node:path';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';
import {
  type Analyze,
  defaultAnalyze,
  loadCompromise,
  runNerFiles,
  type TaggedSentence,
} from './ner-common.js';

const langPrefix = /^[a-z]{2,3}:/;

/** Reads a WikiANN file: `en:TOKEN<TAB>TAG` per line, blank lines between sentences. */
export function readWikiann(text: string): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let sentence: TaggedSentence = { tokens: [], tags: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const tab = line.lastIndexOf('\t');
    if (line.trim() === '' || tab < 0) {
      if (sentence.tokens.length > 0) out.push(sentence);
      sentence = { tokens: [], tags: [] };
      continue;
    }
    sentence.tokens.push(line.slice(0, tab).replace(langPrefix, ''));
    sentence.tags.push(line.slice(tab + 1).trim());
  }
  if (sentence.tokens.length > 0) out.push(sentence);
  return out;
}

export function createWikiannSuite(analyze: Analyze = defaultAnalyze, withBaseline = true): Suite {
  return {
    name: 'ner-wikiann',
    description: 'WikiANN (PAN-X) English, silver NER from Wikipedia: exact-span P/R/F1 for PER/ORG/LOC',
    accepts: (path) => /\.(tsv|txt)$/i.test(path) && !/^(provenance|readme|licen[cs]e)/i.test(basename(path)),
    async run(files: string[], options: EvalOptions): Promise<EvalResult> {
      return runNerFiles(
        files,
        options,
        { name: 'ner-wikiann', unit: 'sentences', expected: 'TOKEN<TAB>TAG' },
        (text: string) => readWikiann(text).map((sentence) => [sentence]),
        analyze,
        withBaseline ? await loadCompromise() : undefined,
      );
    },
  };
}

export const nerWikiann: Suite = createWikiannSuite();
