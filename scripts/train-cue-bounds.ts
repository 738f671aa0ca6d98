import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../src/core/doc.js';
import { addCounts, type Counts, emptyCounts, prf } from '../src/eval/metrics.js';
import { type RoleSpans, scoreRoles } from '../src/eval/suites/quotes-polnear.js';
import {
  type BoundsFile,
  BoundsModel,
  refineContents,
} from '../src/stages/04-annotate/quotes/content-bounds.js';
import {
  bestCueBound,
  CUE_BOUND_FEATURE_VERSION,
  CUE_BOUNDS_MODEL,
  type CueBoundContext,
  cueBoundContext,
  cueEndFeatures,
  cueEndRange,
  cueRolesOf,
  cueStartFeatures,
  cueStartRange,
  NONE,
  refineCues,
  type Self,
} from '../src/stages/04-annotate/quotes/cue-bounds.js';
import {
  attributionTagger,
  type Role,
  type RoleSpan,
  spansOfTags,
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
    epochs: { type: 'string', default: '6' },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    shift: { type: 'string', default: '2' },
    'keep-share': { type: 'string', default: '0.5' },
    'min-weight': { type: 'string', default: '0.01' },
    'no-tagger-seeds': { type: 'boolean', default: false },
    'fold-seeds': { type: 'string' },
    seed: { type: 'string', default: '12345' },
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
  c: CueBoundContext;
  s: number;
  a: number;
  b: number;
  /** The tagger's cue as the seed (absent: the gold cue with its bounds moved at random). */
  seed?: [number, number];
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
  const c = cueBoundContext(
    a.features,
    cueRolesOf(
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
    if (g.role !== 'cue') continue;
    if (!g.r || sentenceAt(a, g.r[0]) !== sentenceAt(a, g.r[1] - 1)) {
      skipped++;
      continue;
    }
    examples.push({ c, s: sentenceAt(a, g.r[0]), a: g.r[0], b: g.r[1] });
  }
}
/**
 * Adds each cue of `spans` (a tagger's, on article `a`) as a seed paired with the one gold cue it
 * overlaps in its sentence, with the roles of `spans` around it; returns how many.
 */
function addSeeds(a: Article, spans: readonly RoleSpan[]): number {
  const tokens = a.features.tokens;
  const c = cueBoundContext(a.features, cueRolesOf(tokens, spans));
  const gold = (a.gold[0] ?? []).filter((g) => g.role === 'cue').map((g) => tokenRange(a, g.start, g.end));
  let n = 0;
  for (const sp of spans) {
    if (sp.role !== 'cue') continue;
    const over = gold.filter((g) => g && g[0] < sp.to && sp.from < g[1]) as [number, number][];
    const g = over[0];
    if (
      over.length !== 1 ||
      !g ||
      sentenceAt(a, g[0]) !== sp.sentence ||
      sentenceAt(a, g[1] - 1) !== sp.sentence
    )
      continue;
    examples.push({ c, s: sp.sentence, a: g[0], b: g[1], seed: [sp.from, sp.to] });
    n++;
  }
  return n;
}
// The tagger's own cues on the articles it was trained on, with the roles it found around them.
let seeded = 0;
if (!args['no-tagger-seeds'])
  for (const a of fit) seeded += addSeeds(a, tagAttributionSpans(a.features, tagger));
// Cues of first-pass taggers that never saw the article (train-quotes.ts --stack --fold-tags FILE):
// bounds as a tagger gets them wrong on unseen text, where the tagger's own cues above are near gold.
let foldSeeded = 0;
if (args['fold-seeds']) {
  const file = JSON.parse(readFileSync(args['fold-seeds'], 'utf8')) as {
    tags: string[];
    articles: Record<string, number[]>;
  };
  const tagSet = tagger.model.tagSet;
  if (file.tags.join() !== tagSet.tags.join()) throw new Error('fold seeds: another tag set');
  for (const a of fit) {
    const tags = file.articles[a.name];
    if (!tags) continue;
    const all = Int32Array.from(tags);
    foldSeeded += addSeeds(
      a,
      spansOfTags(a.features, tagSet, (_s, from, to, out) => out.set(all.subarray(from, to))),
    );
  }
}
log(`${seeded} tagger cues as seeds, ${foldSeeded} cross-fitted first-pass cues`);
log(`${examples.length} gold cues (${skipped} not on token edges or over two sentences, left out)`);

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
  return new BoundsModel(avg, CUE_BOUNDS_MODEL);
}

let seed = Number(args.seed);
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
function learn(
  ex: Example,
  gold: number,
  predicted: number,
  other: number,
  self: Self,
  features: typeof cueStartFeatures,
): void {
  const tokens = ex.c.features.tokens;
  const from = tokens.sentenceFirst[ex.s] as number;
  const to = tokens.sentenceFirst[ex.s + 1] as number;
  gk.length = 0;
  features(ex.c, ex.s, from, to, gold, other, self, gk);
  pk.length = 0;
  features(ex.c, ex.s, from, to, predicted, other, self, pk);
  update(gk, 1);
  update(pk, -1);
}
function epoch(): number {
  let wrong = 0;
  for (let e = examples.length - 1; e > 0; e--) {
    const j = Math.floor(random() * (e + 1));
    [examples[e], examples[j]] = [examples[j] as Example, examples[e] as Example];
  }
  for (const ex of examples) {
    const tokens = ex.c.features.tokens;
    const from = tokens.sentenceFirst[ex.s] as number;
    const to = tokens.sentenceFirst[ex.s + 1] as number;
    // The seed: the gold cue with its bounds moved, as the tagger's are; the gold cue's own
    // tokens read as no role while it is placed (the tagger's cue does at run time).
    const sa = ex.seed ? ex.seed[0] : Math.max(from, Math.min(to - 1, ex.a + shift()));
    const sb = ex.seed ? ex.seed[1] : Math.min(to, Math.max(sa + 1, ex.b + shift()));
    const roles = ex.c.roles;
    const saved = roles.slice(Math.min(sa, ex.a), Math.max(sb, ex.b));
    roles.fill(NONE, ex.a, ex.b);
    if (ex.seed) roles.fill(NONE, sa, sb);
    const self: Self = { from: Math.min(sa, ex.a), to: Math.max(sb, ex.b) };
    const [slo, shi] = cueStartRange(ex.c, from, sa, sb);
    if (ex.a >= slo && ex.a <= shi) {
      const p = bestCueBound(live, ex.c, ex.s, slo, shi, ex.b, sa, self, cueStartFeatures, pk);
      if (p !== ex.a) {
        wrong++;
        learn(ex, ex.a, p, ex.b, self, cueStartFeatures);
      }
    }
    clock++;
    const [elo, ehi] = cueEndRange(ex.c, to, ex.a, sb);
    if (ex.b >= elo && ex.b <= ehi) {
      const q = bestCueBound(
        live,
        ex.c,
        ex.s,
        elo,
        ehi,
        ex.a,
        Math.max(sb, ex.a + 1),
        self,
        cueEndFeatures,
        pk,
      );
      if (q !== ex.b) {
        wrong++;
        learn(ex, ex.b, q, ex.a, self, cueEndFeatures);
      }
    }
    clock++;
    roles.set(saved, Math.min(sa, ex.a));
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
  const sum: Record<string, Counts> = {
    cueExact: emptyCounts(),
    cueOverlap: emptyCounts(),
    contentExact: emptyCounts(),
    sourceExact: emptyCounts(),
  };
  for (const a of set) {
    const spans = taggedSpans(a);
    // the pipeline's order: cues first, then the contents around them
    if (model) refineCues(a.features, spans, model);
    refineContents(a.features, spans);
    const predicted = roleSpansOf(spans);
    for (const gold of a.gold) {
      const sc = scoreRoles(roleSpansOf(gold), predicted);
      addCounts(sum.cueExact as Counts, sc.cue.exact);
      addCounts(sum.cueOverlap as Counts, sc.cue.overlap);
      addCounts(sum.contentExact as Counts, sc.content.exact);
      addCounts(sum.sourceExact as Counts, sc.source.exact);
    }
  }
  return Object.fromEntries(Object.entries(sum).map(([k, c]) => [`${k}F1`, Number(prf(c).f1.toFixed(4))]));
}
const { best, byEpoch, devTaggerOnly } = chooseEpoch({
  epochs: Number(args.epochs),
  epoch,
  averaged,
  score,
  metric: 'cueExactF1',
  tune,
  dev,
  log,
});

if (!args.dry) {
  const manifest: Omit<BoundsFile, 'keys' | 'weights'> & Record<string, unknown> = {
    version: CUE_BOUNDS_MODEL,
    boundFeatureVersion: CUE_BOUND_FEATURE_VERSION,
    task: 'cue span boundaries of the attribution tagger (PolNeAR), a ranking of start and end positions',
    trainedOn: `PolNeAR v1.0.0 train split, first annotator's file, ${fit.length} articles, ${examples.length} cues (../shared/data/eval/quotes/polnear/train)`,
    epochsChosenOn: `PolNeAR train, the ${tune.length} articles models/${tagger.rule.split('@')[1]} held out, its cues moved by this pass (cue exact F1)`,
    tagger: tagger.rule,
    command: 'npm run train:cue-bounds',
    date: new Date().toISOString().slice(0, 10),
    bestEpoch: best.epoch,
    tuneCueExactF1ByEpoch: byEpoch,
    devTaggerOnly,
    trainingSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeBoundsModel(join(args.out, `${CUE_BOUNDS_MODEL}.json`), manifest, best.model, log);
}
