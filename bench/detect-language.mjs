// Language detection at the ingest door (src/stages/01-ingest/detect-language.ts): CPU time of
// `detectLanguage` over the first 1,000 characters of every file of a corpus, this build against
// another (`--base DIR`: a checkout of Tidings built with `npm run build`), best of `--repeat` passes
// each, interleaved; and whether the two give the same language for every file.
//
//   npm run build && node bench/detect-language.mjs [--corpus DIR] [--base DIR] [--repeat 3]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/data/corpora/bbc-news-2225' },
    base: { type: 'string' },
    repeat: { type: 'string', default: '3' },
  },
});
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(resolve(args.corpus));
const texts = files.map((f) => readFileSync(f, 'utf8'));
const load = async (dir) =>
  (await import(resolve(dir, 'dist/stages/01-ingest/detect-language.js'))).detectLanguage;
const builds = [['this build', await load('.')]];
if (args.base) builds.push([`base ${args.base}`, await load(args.base)]);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const best = builds.map(() => Number.POSITIVE_INFINITY);
const answers = builds.map(([, detect]) => texts.map((t) => detect(t)));
for (let r = 0; r < Number(args.repeat); r++) {
  builds.forEach(([, detect], b) => {
    const start = cpuMs();
    for (const t of texts) detect(t);
    best[b] = Math.min(best[b], cpuMs() - start);
  });
}
builds.forEach(([name], b) => {
  const counts = {};
  for (const a of answers[b]) counts[a] = (counts[a] ?? 0) + 1;
  console.log(`${name}: ${best[b].toFixed(0)} ms CPU for ${texts.length} files (${JSON.stringify(counts)})`);
});
if (builds.length === 2) {
  const differ = answers[0].filter((a, i) => a !== answers[1][i]).length;
  console.log(`ratio ${(best[1] / best[0]).toFixed(2)}; files whose language differs: ${differ}`);
}
