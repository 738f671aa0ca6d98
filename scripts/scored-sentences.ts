// The sentences the events suites score, normalised, so that trainers can drop any training
// sentence with the same text (a leakage guard shared by the events trainers).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeBySentence, readRatedSentences } from '../src/eval/read-cameo-raters.js';
import { readSnippets } from '../src/eval/suites/events-case2021.js';
import { readPoliceSentences } from '../src/eval/suites/events-india-police.js';

export const normalSentence = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Normalised texts of cameo-annotations, case2021-acled, india-police and plover-gsr (under `events`). */
export function scoredSentences(events: string): Set<string> {
  const scored = new Set<string>();
  const raterDir = join(events, 'cameo-annotations');
  for (const s of mergeBySentence(
    readdirSync(raterDir)
      .filter((f) => f.endsWith('.csv'))
      .flatMap((f) => readRatedSentences(readFileSync(join(raterDir, f), 'utf8'))),
  ))
    scored.add(normalSentence(s.text));
  for (const s of readSnippets(readFileSync(join(events, 'case2021-acled/snippets.tsv'), 'utf8')))
    scored.add(normalSentence(s.text));
  for (const s of readPoliceSentences(readFileSync(join(events, 'india-police/sents.jsonl'), 'utf8')))
    scored.add(normalSentence(s.text));
  for (const r of JSON.parse(readFileSync(join(events, 'plover-gsr/records.json'), 'utf8')) as {
    text?: string;
  }[])
    if (r.text) scored.add(normalSentence(r.text));
  return scored;
}
