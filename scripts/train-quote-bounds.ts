import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../src/core/doc.js';
import { addCounts, type Counts, emptyCounts, prf } from '../src/eval/metrics.js';
import { type RoleSpans, scoreRoles } from '../src/eval/suites/quotes-polnear.js';
import {
  BOUND_FEATURE_VERSION,
  type BoundContext,
  type BoundsFile,
  BoundsModel,
  bestEnd,
  bestStart,
  boundContext,
  CONTENT_BOUNDS_MODEL,
  endFeatures,
  endRange,
  refineContents,
  rolesOf,
  startFeatures,
  startRange,
} from '../src/stages/04-annotate/quotes/content-bounds.js';
import {
  attributionTagger,
  type Role,
  type RoleSpan,
  tagAttributionSpans,
} from '../src/stages/04-annotate/quotes/tag-attributions.js';
import {
  chooseEpoch,
  heldOutArticle,
  type PolnearArticle,
  readPolnearSplit,
  writeBoundsModel,
} from './polnear-articles.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/eval/quotes/polnear') },
    epochs: { type: 'string', default: '4' },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    shift: { type: 'string', default: '4' },
    'keep-share': { type: 'string', default: '0.5' },
    'min-weight': { type: 'string', default: '0.01' },
    dry: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);
const tagger = attributionTagger();
type Article = PolnearArticle;
const readSplit = (split: string) => readPolnearSplit(args.data, split, tagger);
const heldOut = heldOutArticle;
const train = readSplit('train');
const fit = train.filter((a) => !heldOut(a.name));
const tune = train.filter((a) => heldOut(a.name));
const dev = readSplit('dev');
log(`fit ${fit.length} articles, tune ${tune.length}, dev ${dev.length}`);

// ---- examples -----------------------------------------------------------------------------------

interface Example {
  c: BoundContext;
  s: number;
  t: number;
  a: number;
  b: number;
}

/** Token range of a character span, when it starts and ends on token edges. */
function tokenRange(a: Article, start: number, end: number): [number, number] | null {
  const tokens = a.features.tokens;
  const i = tokens.indexAtOrAfter(start, 0, tokens.count);
  if (i >= tokens.count || tokens.start(i) !== start) return null;
  let j = i;
  while (j < tokens.count && tokens.end(j) < end) j++;
  if (j >= tokens.count || tokens.end(j) !== end) return null;
  return [i, j + 1];
}

function sentenceAt(a: Article, i: number): number {
  const first = a.features.tokens.sentenceFirst;
  let lo = 0;
  let hi = first.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((first[mid] as number) <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const examples: Example[] = [];
let skipped = 0;
for (const a of fit) {
  const gold = a.gold[0] ?? [];
  const tokens = a.features.tokens;
  const ranged = gold.map((g) => ({ role: g.role, r: tokenRange(a, g.start, g.end) }));
  const c: BoundContext = boundContext(
    a.features,
    rolesOf(
      tokens,
      ranged
        .filter((x) => x.r)
        .map((x) => ({
          role: x.role,
          from: (x.r as number[])[0] as number,
          to: (x.r as number[])[1] as number,
        })),
    ),
  );
  for (const g of ranged) {
    if (g.role !== 'content') continue;
    if (!g.r) {
      skipped++;
      continue;
    }
    const [ga, gb] = g.r;
    examples.push({ c, s: sentenceAt(a, ga), t: sentenceAt(a, gb - 1), a: ga, b: gb });
  }
}
log(`${examples.length} gold contents (${skipped} not on token edges, left out)`);

// ---- averaged ranking perceptron ---------------------------------------------------------------

const w = new Map<number, number>();
const total = new Map<number, number>();
const stamp = new Map<number, number>();
let clock = 1;
function update(keys: readonly number[], by: number): void {
  for (const k of keys) {
    const old = w.get(k) ?? 0;
    const last = stamp.get(k) ?? 0;
    total.set(k, (total.get(k) ?? 0) + old * (clock - last));
    stamp.set(k, clock);
    w.set(k, old + by);
  }
}
function averaged(): BoundsModel {
  const avg = new Map<number, number>();
  for (const [k, v] of w) {
    const t = (total.get(k) ?? 0) + v * (clock - (stamp.get(k) ?? 0));
    const x = t / clock;
    if (Math.abs(x) >= Number(args['min-weight'])) avg.set(k, Math.round(x * 1e4) / 1e4);
  }
  return new BoundsModel(avg, CONTENT_BOUNDS_MODEL);
}

let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const maxShift = Number(args.shift);
const keepShare = Number(args['keep-share']);
const shift = () => (random() < keepShare ? 0 : Math.round((random() * 2 - 1) * maxShift));

const live = new BoundsModel(w, 'training', true);
const gk: number[] = [];
const pk: number[] = [];
function epoch(): number {
  let wrong = 0;
  for (let e = examples.length - 1; e > 0; e--) {
    const j = Math.floor(random() * (e + 1));
    [examples[e], examples[j]] = [examples[j] as Example, examples[e] as Example];
  }
  for (const ex of examples) {
    const tokens = ex.c.features.tokens;
    const sa = ex.a + shift();
    const sb = ex.b + shift();
    const from = tokens.sentenceFirst[ex.s] as number;
    const to = tokens.sentenceFirst[ex.s + 1] as number;
    const tf = tokens.sentenceFirst[ex.t] as number;
    const tt = tokens.sentenceFirst[ex.t + 1] as number;
    // start: the candidates around a moved start, the gold end fixed
    const seedA = Math.max(from, Math.min(to - 1, ex.b - 1, sa));
    const [slo, shi] = startRange(tokens, ex.s, seedA, ex.b);
    if (ex.a >= slo && ex.a <= shi) {
      const p = bestStart(live, ex.c, ex.s, slo, shi, ex.b, seedA, pk);
      if (p !== ex.a) {
        wrong++;
        gk.length = 0;
        startFeatures(ex.c, ex.s, from, to, ex.a, ex.b, gk);
        pk.length = 0;
        startFeatures(ex.c, ex.s, from, to, p, ex.b, pk);
        update(gk, 1);
        update(pk, -1);
      }
    }
    clock++;
    const seedB = Math.min(tt, Math.max(tf + 1, ex.a + 1, sb));
    const [elo, ehi] = endRange(tokens, ex.t, ex.a, seedB);
    if (ex.b >= elo && ex.b <= ehi) {
      const q = bestEnd(live, ex.c, ex.t, elo, ehi, ex.a, seedB, pk);
      if (q !== ex.b) {
        wrong++;
        gk.length = 0;
        endFeatures(ex.c, ex.t, tf, tt, ex.b, ex.a, gk);
        pk.length = 0;
        endFeatures(ex.c, ex.t, tf, tt, q, ex.a, pk);
        update(gk, 1);
        update(pk, -1);
      }
    }
    clock++;
  }
  return wrong / (2 * examples.length);
}

// ---- scoring: the tagger's spans alone, with and without the pass --------------------------------

function roleSpansOf(spans: readonly { role: Role; start: number; end: number }[]): RoleSpans {
  const out: RoleSpans = { source: [], cue: [], content: [] };
  const seen = new Set<string>();
  for (const s of spans) {
    const key = `${s.role}:${s.start}:${s.end}`;
    if (s.end <= s.start || seen.has(key)) continue;
    seen.add(key);
    out[s.role].push({ start: s.start, end: s.end } as Span);
  }
  return out;
}

const tagged = new Map<Article, RoleSpan[]>();
function taggedSpans(a: Article): RoleSpan[] {
  let t = tagged.get(a);
  if (!t) {
    t = tagAttributionSpans(a.features, tagger);
    tagged.set(a, t);
  }
  return t.map((x) => ({ ...x }));
}

function score(set: readonly Article[], model: BoundsModel | null): Record<string, number> {
  const sum: Record<string, Counts> = { exact: emptyCounts(), overlap: emptyCounts() };
  for (const a of set) {
    const spans = taggedSpans(a);
    if (model) refineContents(a.features, spans, model);
    const predicted = roleSpansOf(spans);
    for (const gold of a.gold) {
      const sc = scoreRoles(roleSpansOf(gold), predicted);
      addCounts(sum.exact as Counts, sc.content.exact);
      addCounts(sum.overlap as Counts, sc.content.overlap);
    }
  }
  return {
    contentExactF1: Number(prf(sum.exact as Counts).f1.toFixed(4)),
    contentOverlapF1: Number(prf(sum.overlap as Counts).f1.toFixed(4)),
  };
}
const { best, byEpoch, devTaggerOnly } = chooseEpoch({
  epochs: Number(args.epochs),
  epoch,
  averaged,
  score,
  metric: 'contentExactF1',
  tune,
  dev,
  log,
});

if (!args.dry) {
  const manifest: Omit<BoundsFile, 'keys' | 'weights'> & Record<string, unknown> = {
    version: CONTENT_BOUNDS_MODEL,
    boundFeatureVersion: BOUND_FEATURE_VERSION,
    task: 'content span boundaries of the attribution tagger (PolNeAR), a ranking of start and end positions',
    trainedOn: `PolNeAR v1.0.0 train split, first annotator's file, ${fit.length} articles, ${examples.length} contents (../shared/data/eval/quotes/polnear/train)`,
    epochsChosenOn: `PolNeAR train, the ${tune.length} articles models/${tagger.rule.split('@')[1]} held out, its contents moved by this pass (content exact F1)`,
    tagger: tagger.rule,
    command: 'npm run train:quote-bounds',
    date: new Date().toISOString().slice(0, 10),
    bestEpoch: best.epoch,
    tuneContentExactF1ByEpoch: byEpoch,
    devTaggerOnly,
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeBoundsModel(join(args.out, `${CONTENT_BOUNDS_MODEL}.json`), manifest, best.model, log);
}
