/**
 * Prints every PLOVER event of the given articles, one line each, for a hand judgement
 * (docs/hand-judged-events.md): `npx tsx scripts/list-events.ts --date 2005-03-01 FILE…`.
 * Per event: article, sentence, type, status, confidence, actor, recipient, date, rule, and the sentence.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { analyze } from '../src/pipeline.js';

const args = process.argv.slice(2);
let date = '2005-03-01';
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--date') date = args[++i] as string;
  else files.push(args[i] as string);
}
const side = (p?: { text: string; country?: string; sector?: string }) =>
  p
    ? `${p.text}${p.country || p.sector ? ` [${p.country ?? ''}${p.sector ? `/${p.sector}` : ''}]` : ''}`
    : '—';
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const a = analyze(text, { published: date, uri: file });
  const name = `${basename(dirname(file))}/${basename(file, '.txt')}`;
  const sentences = a.sentences ?? [];
  console.log(`## ${name} — ${text.split('\n')[0]} (${a.events.length} events)`);
  a.events.forEach((e, i) => {
    const s = sentences[e.sentence];
    const sent = s ? a.text.slice(s.start, s.end).replace(/\s+/g, ' ') : '';
    const trig = a.text.slice(e.trigger.start, e.trigger.end);
    console.log(
      `${name}#${i} s${e.sentence} ${e.type} ${e.status}${e.statusRule ? `(${e.statusRule})` : ''}${e.confidence !== undefined ? ` c${e.confidence}` : ''} | A: ${side(e.actor)} | R: ${side(e.recipient)} | ${e.date ?? '—'} | "${trig}" ${e.rule}\n    ${sent}`,
    );
  });
}
