// Sorts the pipeline's cue errors on PolNeAR articles into families, scored as the quotes-polnear
// suite scores them (every annotator's file, exact `[start, end)`, nested attributions not scored):
// a gold cue found with other bounds (which end differs, and whether the difference is only
// auxiliaries or adverbs), a gold cue missed (in a headline; in a sentence with no cue
// candidate; in a sentence the tagger gave no role at all), a cue found that is no gold cue (inside a
// gold content, i.e. an attribution nested in another that PolNeAR does not annotate; in a headline).
// Meant for the held-out train articles (docs/evaluation.md, quotes), never for fitting on dev:
//
//   npx tsx scripts/polnear-held-out.ts
//   npx tsx scripts/polnear-cue-errors.ts [--data /tmp/polnear-held-out/train] [--examples 20]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDoc, type Doc, type Span } from '../src/core/doc.js';
import { documentTokens, WORD } from '../src/core/tokens.js';
import { goldSpans, predictedSpans, textPathFor } from '../src/eval/suites/quotes-polnear.js';
import { analyzeDoc } from '../src/pipeline.js';
import cueData from '../src/rules/quotes/attribution-cues.json' with { type: 'json' };
import { attributionTagger } from '../src/stages/04-annotate/quotes/tag-attributions.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/polnear-held-out/train' },
    examples: { type: 'string', default: '0' },
  },
});

const families = new Map<string, string[]>();
const note = (family: string, example: string) => {
  const list = families.get(family) ?? [];
  list.push(example);
  families.set(family, list);
};
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
/** Auxiliaries and adverbs before a reporting verb ("has said", "also told"): the rules' list. */
const auxiliary = new Set(cueData.skipBeforeVerb);
const onlyAuxiliaries = (words: string) =>
  words
    .trim()
    .split(/\s+/)
    .every((w) => auxiliary.has(w.toLowerCase()));

const tagger = attributionTagger();
const dir = join(args.data, 'attributions');
let cachedPath = '';
let doc: Doc | undefined;
let goldCues = 0;
for (const file of readdirSync(dir).sort()) {
  if (!file.endsWith('.ann')) continue;
  const textPath = textPathFor(join(dir, file));
  const text = readFileSync(textPath, 'utf8');
  if (textPath !== cachedPath || !doc) {
    doc = analyzeDoc(createDoc(text, { uri: textPath, mediaType: 'text/plain' }));
    cachedPath = textPath;
  }
  const gold = goldSpans(readFileSync(join(dir, file), 'utf8'), text).spans;
  const predicted = predictedSpans(doc);
  const tokens = documentTokens(doc);
  const headlineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  const show = (s: Span) =>
    `${text.slice(Math.max(0, s.start - 50), s.start)}[[${text.slice(s.start, s.end)}]]${text.slice(s.end, s.end + 50)}`.replace(
      /\s+/g,
      ' ',
    );
  const key = (s: Span) => `${s.start}:${s.end}`;
  const found = new Set(predicted.cue.map(key));
  const goldKeys = new Set(gold.cue.map(key));
  const roles = [...predicted.source, ...predicted.cue, ...predicted.content];
  goldCues += gold.cue.length;
  for (const g of gold.cue) {
    if (found.has(key(g))) continue;
    const p = predicted.cue.find((c) => overlaps(c, g));
    if (p) {
      const gt = text.slice(g.start, g.end);
      const pt = text.slice(p.start, p.end);
      let family: string;
      if (g.end === p.end) {
        const extra = g.start < p.start ? text.slice(g.start, p.start) : text.slice(p.start, g.start);
        family = `bounds: start ${g.start < p.start ? 'gold' : 'ours'} further left${onlyAuxiliaries(extra) ? ' (auxiliaries, adverbs)' : ''}`;
      } else if (g.start === p.start) family = `bounds: end ${g.end > p.end ? 'gold' : 'ours'} further right`;
      else family = 'bounds: both ends differ';
      note(family, `${gt} <- ${pt}`);
      continue;
    }
    let si = 0;
    while (si + 1 < tokens.sentences && tokens.start(tokens.sentenceFirst[si + 1] as number) <= g.start) si++;
    const from = tokens.sentenceFirst[si] as number;
    const to = tokens.sentenceFirst[si + 1] as number;
    let candidates = 0;
    for (let i = from; i < to; i++)
      if (tokens.kind(i) === WORD && tagger.cues.hasToken(tokens, i)) candidates++;
    const sentence = { start: tokens.start(from), end: tokens.end(to - 1) };
    const family =
      g.start < headlineEnd
        ? 'missed: in the headline'
        : candidates === 0
          ? 'missed: no cue candidate in the sentence'
          : roles.some((r) => overlaps(r, sentence))
            ? 'missed: the sentence has other roles'
            : 'missed: no role in the sentence';
    note(family, show(g));
  }
  for (const p of predicted.cue) {
    if (goldKeys.has(key(p)) || gold.cue.some((g) => overlaps(g, p))) continue;
    const family =
      p.start < headlineEnd
        ? 'spurious: in the headline'
        : gold.content.some((c) => c.start <= p.start && p.end <= c.end)
          ? 'spurious: inside a gold content (nested)'
          : 'spurious: elsewhere';
    note(family, show(p));
  }
}

console.log(`${goldCues} gold cues (every annotator's file)`);
const examples = Number(args.examples);
for (const [family, list] of [...families].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${String(list.length).padStart(5)}  ${family}`);
  for (const e of list.slice(0, examples)) console.log(`         ${e}`);
}
