// CPU time of the name tagger alone on 600 BBC articles (120 per category, segmented first), best of
// three passes, for the committed ner-2 and another model file in the same run:
//   git show 6b165b4:models/ner-1.model > /tmp/ner-1.model && npx tsx bench/ner-models.ts ner-1.model /tmp
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCaseProfile, loadClusters, loadSequenceModel } from '../src/core/ml/model-files.ts';
import { segmentText } from '../src/core/text/segment-text.ts';
import { tokenizeSentences } from '../src/core/tokens.ts';
import { buildNameGazetteer } from '../src/stages/04-annotate/entities/name-gazetteer.ts';
import { type NameTagger, tagNames } from '../src/stages/04-annotate/entities/name-tagger.ts';

const bbc = join(import.meta.dirname, '../../shared/data/corpora/bbc-news-2225');
const [oldFile = 'ner-1.model', oldDir] = process.argv.slice(2);
const layers = [];
for (const cat of ['business', 'politics', 'sport', 'tech', 'entertainment'])
  for (const f of readdirSync(join(bbc, cat)).sort().slice(0, 120)) {
    const t = readFileSync(join(bbc, cat, f), 'utf8');
    layers.push(tokenizeSentences(t, segmentText(t).sentences));
  }
let tokens = 0;
for (const l of layers) tokens += l.count;
function tagger(file: string, dir?: string): NameTagger {
  const model = loadSequenceModel(file, dir);
  const h = model.header;
  const resources: NameTagger['resources'] = { gazetteer: buildNameGazetteer() };
  if (h.clusters) resources.clusters = loadClusters(h.clusters);
  if (h.caseProfile) resources.caseProfile = loadCaseProfile(h.caseProfile);
  if (h.fragments) resources.fragments = true;
  return { model, resources, rule: 'r', documentRule: 'd' };
}
const taggers = { [oldFile]: tagger(oldFile, oldDir), 'ner-2.model': tagger('ner-2.model') };
const best: Record<string, number> = {};
for (let rep = 0; rep < 3; rep++)
  for (const [name, t] of Object.entries(taggers)) {
    const c0 = process.cpuUsage();
    for (const l of layers) tagNames(l, t);
    const c = process.cpuUsage(c0);
    const us = c.user + c.system;
    best[name] = Math.min(best[name] ?? Infinity, us);
  }
for (const [n, us] of Object.entries(best))
  console.log(
    n,
    `${layers.length} BBC articles, ${tokens} layer tokens, CPU ${(us / 1e3).toFixed(0)} ms, ${Math.round(tokens / (us / 1e6))} tokens/s`,
  );
console.log(`CPU time of ner-2 / ${oldFile}`, ((best['ner-2.model'] ?? 0) / (best[oldFile] ?? 1)).toFixed(2));
