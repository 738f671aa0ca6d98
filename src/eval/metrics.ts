import type { Span } from '../core/doc.js';

/** Confusion counts for one class or one whole task. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

export function addCounts(into: Counts, more: Counts): Counts {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
  return into;
}

/** Precision, recall and F1 of one set of counts; 0 (not NaN) when a denominator is empty. */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  return { precision, recall, f1: f1Of(precision, recall) };
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Micro average: sum the counts of every class (or document), then score once. */
export function microPrf(counts: Iterable<Counts>): Prf {
  const total = emptyCounts();
  for (const c of counts) addCounts(total, c);
  return prf(total);
}

/** Macro average: score each class, then average precision, recall and F1 with equal weight. */
export function macroPrf(perClass: Readonly<Record<string, Counts>>): Prf & { classes: Record<string, Prf> } {
  const classes: Record<string, Prf> = {};
  let p = 0;
  let r = 0;
  let f = 0;
  const names = Object.keys(perClass);
  for (const name of names) {
    const s = prf(perClass[name] as Counts);
    classes[name] = s;
    p += s.precision;
    r += s.recall;
    f += s.f1;
  }
  const n = names.length;
  return n === 0
    ? { precision: 0, recall: 0, f1: 0, classes }
    : { precision: p / n, recall: r / n, f1: f / n, classes };
}

/**
 * Wilson score interval for a proportion `successes / n` (95% with the default z): an honest range
 * when the count is small (5 false flags in 2,017), where the normal approximation is not.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function accuracy(correct: number, total: number): number {
  return total === 0 ? 0 : correct / total;
}

export type SpanMatchMode = 'strict' | 'relaxed';

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export interface SpanMatch<G extends Span, P extends Span> {
  /** One-to-one matched pairs. */
  pairs: [G, P][];
  counts: Counts;
  unmatchedGold: G[];
  unmatchedPredicted: P[];
}

/**
 * One-to-one span matching. `strict`: identical `[start, end)`. `relaxed`: any overlap; when several
 * candidates overlap, the pair with the largest overlap is taken first, so a long prediction cannot
 * claim a gold span that a better-aligned prediction also covers. Zero-length spans never match.
 */
export function matchSpans<G extends Span, P extends Span>(
  gold: readonly G[],
  predicted: readonly P[],
  mode: SpanMatchMode,
): SpanMatch<G, P> {
  const candidates: { g: number; p: number; score: number }[] = [];
  for (let g = 0; g < gold.length; g++) {
    const gs = gold[g] as G;
    for (let p = 0; p < predicted.length; p++) {
      const ps = predicted[p] as P;
      if (mode === 'strict') {
        if (gs.start === ps.start && gs.end === ps.end && gs.end > gs.start)
          candidates.push({ g, p, score: 1 });
      } else {
        const o = overlapLength(gs, ps);
        if (o > 0) candidates.push({ g, p, score: o / Math.max(gs.end - gs.start, ps.end - ps.start) });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.g - b.g || a.p - b.p);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: [G, P][] = [];
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g);
    usedP.add(c.p);
    pairs.push([gold[c.g] as G, predicted[c.p] as P]);
  }
  return {
    pairs,
    counts: { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length },
    unmatchedGold: gold.filter((_, i) => !usedG.has(i)),
    unmatchedPredicted: predicted.filter((_, i) => !usedP.has(i)),
  };
}
