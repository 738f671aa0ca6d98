// The clause analysis' cost inside the events stage: CPU time of the events stage alone over BBC
// articles that already have every earlier layer, with and without `clauses`, interleaved in one
// process, best of three passes after a warm-up. A ratio of one run is what to read on a shared machine.
//
//   npm run build && node bench/events-clauses.mjs [--corpus DIR] [--docs 600]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/corpora/bbc-news-2225'),
    },
    docs: { type: 'string', default: '600' },
  },
});
const { createDoc } = await import('../dist/core/doc.js');
const { runStage } = await import('../dist/core/runner.js');
const { documentStages } = await import('../dist/pipeline.js');
const { eventsStage } = await import('../dist/stages/05-events/index.js');

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.txt')) files.push(join(dir, e.name));
  }
};
walk(args.corpus);
files.sort();
const picked = files.filter((_, i) => i % 3 === 0).slice(0, Number(args.docs));
let docs = picked.map((f) =>
  createDoc(readFileSync(f, 'latin1'), { uri: f, mediaType: 'text/plain', published: '2005-01-01' }),
);
for (const stage of documentStages) {
  if (stage.name === 'events') break;
  docs = docs.map((d) => runStage(stage, d, undefined));
}
const cpu = (options) => {
  const before = process.cpuUsage();
  let events = 0;
  for (const d of docs) events += runStage(eventsStage, d, options).events?.length ?? 0;
  const used = process.cpuUsage(before);
  return { us: (used.user + used.system) / docs.length, events };
};
cpu({});
cpu({ clauses: false });
let on = Number.POSITIVE_INFINITY;
let off = Number.POSITIVE_INFINITY;
let counts;
for (let r = 0; r < 3; r++) {
  const a = cpu({});
  const b = cpu({ clauses: false });
  on = Math.min(on, a.us);
  off = Math.min(off, b.us);
  counts = { with: a.events, without: b.events };
}
console.log(`${docs.length} BBC articles; events stage CPU µs per article (best of 3)`);
console.log(`  without clause analysis  ${off.toFixed(0)}  (${counts.without} events)`);
console.log(`  with clause analysis     ${on.toFixed(0)}  (${counts.with} events)`);
console.log(`  ratio                    ${(on / off).toFixed(2)}`);
