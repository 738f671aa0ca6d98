import type { Attribution, Span } from '../../../core/doc.js';

/**
 * The tagger's attributions, then the rules' whose cue the tagger did not find (a cue the rules
 * know, such as "as described by", that the training data rarely shows), in text order. Where a
 * rule found the same cue and the tagger left the source or the content out, the rule's fills
 * it, and the attribution's rule names both (`quotes:perceptron@quotes-3+quotes:attribution.…`).
 */
export function mergeAttributions(learned: Attribution[], ruled: readonly Attribution[]): Attribution[] {
  const byCue = [...learned].sort((a, b) => a.cue.start - b.cue.start);
  const overlapping = (c: Span): Attribution | undefined => {
    let lo = 0;
    let hi = byCue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((byCue[mid] as Attribution).cue.end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const x = byCue[lo];
    return x !== undefined && x.cue.start < c.end ? x : undefined;
  };
  const out = [...learned];
  for (const r of ruled) {
    const a = overlapping(r.cue);
    if (!a) {
      out.push(r);
      continue;
    }
    let filled = false;
    if (!a.sourceSpan && r.sourceSpan) {
      a.source = r.source;
      a.sourceSpan = r.sourceSpan;
      if (r.sourceEntity) a.sourceEntity = r.sourceEntity;
      filled = true;
    }
    if (!a.content && r.content) {
      a.content = r.content;
      filled = true;
    }
    if (filled) a.rule = `${a.rule}+${r.rule}`;
    // The rule's clause may reach further ("…, the Kremlin said Tuesday": the date belongs to it),
    // whether or not it filled a role.
    for (const s of [a.sourceSpan, a.content, r]) {
      if (!s) continue;
      a.start = Math.min(a.start, s.start);
      a.end = Math.max(a.end, s.end);
    }
  }
  return out.sort((a, b) => a.start - b.start || a.cue.start - b.cue.start);
}

/** Contents open at one point that are checked for nesting: deeper nesting than this is not chained. */
const MAX_OPEN = 32;

/**
 * A report inside a report: an attribution whose cue lies in another's content ("…, CNN
 * reported, citing the Kremlin": the Kremlin's report is inside CNN's) gets `within`, the index
 * of the innermost attribution whose content holds it. Following `within` from any attribution
 * gives its chain of sources, out to the article itself.
 */
export function markNested(attributions: Attribution[]): void {
  const pieces: { span: Span; owner: number }[] = [];
  attributions.forEach((a, k) => {
    delete a.within;
    for (const p of a.contentPieces ?? (a.content ? [a.content] : [])) pieces.push({ span: p, owner: k });
  });
  pieces.sort((x, y) => x.span.start - y.span.start);
  const byCue = attributions.map((_, k) => k).sort((x, y) => cueOf(attributions, x) - cueOf(attributions, y));
  let open: { span: Span; owner: number }[] = [];
  let next = 0;
  for (const k of byCue) {
    const a = attributions[k] as Attribution;
    while (next < pieces.length && (pieces[next] as { span: Span }).span.start <= a.cue.start) {
      open.push(pieces[next] as { span: Span; owner: number });
      next++;
    }
    open = open.filter((p) => p.span.end > a.cue.start);
    if (open.length > MAX_OPEN) open = open.slice(open.length - MAX_OPEN);
    let best: { span: Span; owner: number } | undefined;
    for (const p of open) {
      if (p.owner === k || p.span.end < a.cue.end) continue;
      const o = attributions[p.owner] as Attribution;
      // Two reports that hold each other's cue ("X said Y said …" tagged twice) are not nested.
      if (a.content && a.content.start <= o.cue.start && a.content.end >= o.cue.end) continue;
      if (!best || p.span.end - p.span.start < best.span.end - best.span.start) best = p;
    }
    if (best) a.within = best.owner;
  }
}

function cueOf(attributions: readonly Attribution[], k: number): number {
  return (attributions[k] as Attribution).cue.start;
}

/**
 * The chain of an attribution, outermost source first: "according to CNN, citing the Kremlin"
 * is `[CNN's index, the Kremlin's index]`. The article itself, which reports them all, is the
 * implicit first link.
 */
export function chainOf(attributions: readonly Attribution[], k: number): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  let at: number | undefined = k;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    chain.unshift(at);
    at = attributions[at]?.within;
  }
  return chain;
}
