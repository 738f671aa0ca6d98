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

export function createWikiannSuite(analyze: Analyze = defaultAnalyze): Suite {
  return {
    name: 'ner-wikiann',
    description: 'WikiANN (PAN-X) English, silver NER from Wikipedia: exact-span P/R/F1 for PER/ORG/LOC',
    accepts: (path) => /\.(tsv|txt)$/i.test(path) && !/^(provenance|readme|licen[cs]e)/i.test(basename(path)),
    run(files: string[], options: EvalOptions): EvalResult {
      const counts = emptyNerCounts();
      const skipped: { file: string; reason: string }[] = [];
      let items = 0;
      for (const file of files) {
        if (options.limit !== undefined && items >= options.limit) break;
        let sentences: TaggedSentence[];
        try {
          sentences = readWikiann(readFileSync(file, 'utf8'));
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (sentences.length === 0) {
          skipped.push({ file, reason: 'no tagged sentences (expected TOKEN<TAB>TAG lines)' });
          continue;
        }
        for (let s = 0; s < sentences.length; s++) {
          if (options.limit !== undefined && items >= options.limit) break;
          evaluateNerDoc(buildNerDoc([sentences[s] as TaggedSentence]), `${file}#${s}`, analyze, counts);
          items++;
        }
      }
      return nerResult('ner-wikiann', items, 'sentences', counts, skipped);
    },
  };
}

export const nerWikiann: Suite = createWikiannSuite();
