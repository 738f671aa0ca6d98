/**
 * Prints every PLOVER event of the given articles, one line each, for a hand judgement
 * (docs/hand-judged-events.md): `npx tsx scripts/list-events.ts --date 2005-03-01 FILE…`.
 * Per event: article, sentence, type, status, confidence, actor, recipient, date, rule, and the sentence.
 *
 * A Reuters-21578 sample instead of files, each story as its title line and body with its own date:
 *   npx tsx scripts/list-events.ts --reuters ../shared/data/corpora/reuters-21578/reut2-011.sgm.gz \
 *     --min-places 2 --min-words 150 --first 25
 * (stories in file order whose PLACES name at least --min-places places and whose body has at
 * least --min-words words; the first --first of them).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readReutersFile } from '../src/eval/read-reuters.js';
import { analyze } from '../src/pipeline.js';

const args = process.argv.slice(2);
let date = '2005-03-01';
const files: string[] = [];
let reuters: string | undefined;
let minPlaces = 0;
let minWords = 0;
let first = Number.POSITIVE_INFINITY;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--date') date = args[++i] as string;
  else if (args[i] === '--reuters') reuters = args[++i] as string;
  else if (args[i] === '--min-places') minPlaces = Number(args[++i]);
  else if (args[i] === '--min-words') minWords = Number(args[++i]);
  else if (args[i] === '--first') first = Number(args[++i]);
  else files.push(args[i] as string);
}
interface Item {
  name: string;
  text: string;
  published: string;
}
const items: Item[] = files.map((file) => ({
  name: `${basename(dirname(file))}/${basename(file, '.txt')}`,
  text: readFileSync(file, 'utf8'),
  published: date,
}));
if (reuters) {
  for (const story of readReutersFile(reuters)) {
    if (items.length >= first) break;
    const words = (story.body ?? '').split(/\s+/).filter(Boolean).length;
    if (story.places.length < minPlaces || words < minWords || !story.date) continue;
    items.push({
      name: `reuters/${story.id}`,
      text: `${story.title ?? ''}\n${story.body ?? ''}\n`,
      published: story.date,
    });
  }
}
const side = (p?: { text: string; country?: string; sector?: string }) =>
  p
    ? `${p.text}${p.country || p.sector ? ` [${p.country ?? ''}${p.sector ? `/${p.sector}` : ''}]` : ''}`
    : '—';
for (const { name, text, published } of items) {
  const a = analyze(text, { published, uri: name });
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
