// The analysis of this tree against a baseline build of another tree (an earlier commit), in one
// process over the same BBC articles: per-stage CPU µs per article and full-analysis articles per
// second, the two trees' passes interleaved so that the shared machine's load falls on both alike,
// best of `--repeat` passes after a warm-up. With `--check`, it also compares the two trees'
// analyses of every article (the analysis format, as JSON) and exits 1 on the first difference: a
// speed change must not move the output.
//
//   git archive <commit> | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/node_modules \
//     && (cd /tmp/base && npx tsc -p tsconfig.build.json)
//   npm run build && node --expose-gc bench/against-baseline.mjs --base /tmp/base [--docs N] [--repeat 3] [--check]
//
// `--source` loads this tree from src/ instead of dist/ (run under `node --import tsx`).
// `--check-only` stops after the comparison (no timing).
// `--reuters FILE[,FILE…]` takes the stories of Reuters-21578 SGML files (`.sgm` or `.sgm.gz`, read
// by this tree's `eval/read-reuters`) instead of the BBC folder, each dated by its wire date.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/corpora/bbc-news-2225'),
    },
    base: { type: 'string' },
    docs: { type: 'string', default: '0' },
    every: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '3' },
    check: { type: 'boolean', default: false },
    source: { type: 'boolean', default: false },
    'skip-stages': { type: 'boolean', default: false },
    reuters: { type: 'string' },
    'check-only': { type: 'boolean', default: false },
  },
});
if (!args.base) {
  console.error(
    'against-baseline: --base DIR (a tree built with `npx tsc -p tsconfig.build.json`) is required',
  );
  process.exit(2);
}

const files = [];
const walk = (dir, depth) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) walk(join(dir, e.name), depth + 1);
    else if (depth > 0 && e.name.endsWith('.txt')) files.push(join(dir, e.name));
  }
};
const texts = new Map();
if (args.reuters) {
  const { readReutersFile } = await import(
    new URL(`file://${resolve(import.meta.dirname, '../dist/eval/read-reuters.js')}`).href
  );
  for (const file of args.reuters.split(',')) {
    for (const story of readReutersFile(file)) {
      const name = `reuters/${story.id}`;
      files.push(name);
      texts.set(name, { text: story.text, published: story.date ?? '2005-01-01' });
    }
  }
} else walk(args.corpus, 0);
const every = Math.max(1, Number(args.every) || 1);
let picked = files.filter((_, i) => i % every === 0);
if (Number(args.docs) > 0) picked = picked.slice(0, Number(args.docs));
const bytes = picked.map((f) => (texts.has(f) ? Buffer.from(texts.get(f).text) : readFileSync(f)));
const published = picked.map((f) => texts.get(f)?.published ?? '2005-01-01');
const repeat = Math.max(1, Number(args.repeat) || 1);

async function loadTree(name, root, ext) {
  const at = (p) => new URL(`file://${resolve(root, p)}.${ext}`).href;
  const { decodeBytes } = await import(at('stages/01-ingest/index'));
  const { documentStages, analyzeDoc } = await import(at('pipeline'));
  const { runStage } = await import(at('core/runner'));
  const { toAnalysis } = await import(at('core/analysis'));
  const { tokenizeSentences } = await import(at('core/tokens'));
  const docs = bytes.map((b, i) =>
    decodeBytes(b, { uri: picked[i], mediaType: 'text/plain', published: published[i] }),
  );
  for (const stage of documentStages) stage.prepare?.();
  // A stage timed alone gets documents with a token layer of their own for each pass: what a
  // stage derives from the layer and keeps with it (parts of speech, feature state) is its cost
  // when it runs first, not a leftover of the pass before.
  const fresh = (d) =>
    d.tokens && d.sentences ? { ...d, tokens: tokenizeSentences(d.text, d.sentences) } : d;
  return { name, decodeBytes, documentStages, analyzeDoc, runStage, toAnalysis, docs, fresh };
}

const base = await loadTree('baseline', join(args.base, 'dist'), 'js');
const here = args.source
  ? await loadTree('this tree', resolve(import.meta.dirname, '../src'), 'ts')
  : await loadTree('this tree', resolve(import.meta.dirname, '../dist'), 'js');
const trees = [base, here];

function cpuOf(fn) {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

if (args.check) {
  let differ = 0;
  for (let i = 0; i < picked.length; i++) {
    const [a, b] = trees.map((t) => JSON.stringify(t.toAnalysis(t.analyzeDoc(t.docs[i]), 'x')));
    if (a !== b) {
      differ++;
      if (differ <= 3) {
        let k = 0;
        while (k < a.length && a[k] === b[k]) k++;
        console.log(
          `differs: ${picked[i]} at ${k}:\n  baseline  ${a.slice(k - 80, k + 120)}\n  this tree ${b.slice(k - 80, k + 120)}`,
        );
      }
    }
  }
  console.log(`check: ${picked.length - differ} of ${picked.length} analyses identical`);
  if (args['check-only']) process.exit(differ > 0 ? 1 : 0);
  if (differ > 0) process.exit(1);
}

const chars = base.docs.reduce((n, d) => n + d.text.length, 0);
console.log(
  `${picked.length} BBC articles (${(chars / 1e6).toFixed(2)} M characters); best of ${repeat} passes after a warm-up, trees interleaved; node ${process.version}; load ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);

// Full analysis: one warm-up pass per tree, then `repeat` interleaved timed passes.
const full = trees.map(() => ({ cpu: Infinity, wall: Infinity }));
for (const t of trees) for (const d of t.docs) t.analyzeDoc(d);
for (let r = 0; r < repeat; r++) {
  trees.forEach((t, k) => {
    const m = cpuOf(() => {
      for (const d of t.docs) t.analyzeDoc(d);
    });
    full[k].cpu = Math.min(full[k].cpu, m.cpu);
    full[k].wall = Math.min(full[k].wall, m.wall);
  });
}
const n = picked.length;
console.log('');
console.log('| full analysis | CPU µs/article | articles/s (CPU) | articles/s (wall) |');
console.log('|---|---|---|---|');
trees.forEach((t, k) => {
  console.log(
    `| ${t.name} | ${((full[k].cpu * 1000) / n).toFixed(0)} | ${((n * 1000) / full[k].cpu).toFixed(0)} | ${((n * 1000) / full[k].wall).toFixed(0)} |`,
  );
});
console.log(
  `| ratio (this tree / baseline, articles/s CPU) | | ${(full[0].cpu / full[1].cpu).toFixed(2)} | ${(full[0].wall / full[1].wall).toFixed(2)} |`,
);

if (!args['skip-stages']) {
  // Each stage alone over the tree's own documents that have every earlier layer.
  const layered = trees.map((t) => {
    const steps = [t.docs];
    for (const stage of t.documentStages) {
      const prev = steps[steps.length - 1];
      steps.push(prev.map((d) => t.runStage(stage, d, undefined)));
    }
    return steps;
  });
  const names = here.documentStages.map((s) => s.name);
  const best = trees.map(() => names.map(() => Infinity));
  for (let r = 0; r <= repeat; r++) {
    names.forEach((name, s) => {
      trees.forEach((t, k) => {
        const stage = t.documentStages.find((x) => x.name === name);
        if (!stage) return;
        const input = layered[k][t.documentStages.indexOf(stage)].map(t.fresh);
        const m = cpuOf(() => {
          for (const d of input) t.runStage(stage, d, undefined);
        });
        if (r > 0) best[k][s] = Math.min(best[k][s], m.cpu);
      });
    });
  }
  console.log('');
  console.log('| stage (CPU µs per article) | baseline | this tree | ratio |');
  console.log('|---|---|---|---|');
  names.forEach((name, s) => {
    const a = (best[0][s] * 1000) / n;
    const b = (best[1][s] * 1000) / n;
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`);
  });
}
