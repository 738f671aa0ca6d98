import type { Span } from './doc.js';

/**
 * Groups items by the sentence (or any sorted, non-overlapping span list) they touch, in
 * O((S + I) log S) instead of scanning every item for every sentence — which turns a long
 * document's per-sentence loops quadratic. `within`: the item lies inside the sentence;
 * `overlap`: the item shares at least one code unit with it (a quote may run over several).
 * Each bucket keeps the items' input order. Only containers that get an item have a bucket (keyed
 * by container index): an empty array per sentence of a 10 MB text is 750,000 arrays.
 */
export function bucketBySpan<T extends Span>(
  containers: readonly Span[],
  items: Iterable<T>,
  mode: 'within' | 'overlap',
): Map<number, T[]> {
  const buckets = new Map<number, T[]>();
  const add = (i: number, item: T) => {
    const bucket = buckets.get(i);
    if (bucket) bucket.push(item);
    else buckets.set(i, [item]);
  };
  for (const item of items) {
    let i = firstEndingAfter(containers, item.start);
    for (; i < containers.length; i++) {
      const c = containers[i] as Span;
      if (c.start >= item.end && !(item.start === item.end && c.start === item.start)) break;
      if (mode === 'within') {
        if (item.start >= c.start && item.end <= c.end) add(i, item);
        break;
      }
      if (item.start < c.end && item.end > c.start) add(i, item);
    }
  }
  return buckets;
}

/** Index of the first container whose end is after `offset` (binary search; containers sorted). */
export function firstEndingAfter(containers: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = containers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((containers[mid] as Span).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first span whose start is after `offset` (binary search; spans sorted by start). */
export function firstStartingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first span whose start is at or after `offset` (binary search; spans sorted by start). */
export function firstStartingFrom(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
