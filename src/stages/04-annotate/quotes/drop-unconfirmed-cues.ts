import type { RoleSpan } from './tag-attributions.js';

/**
 * The second pass's cues that overlap no cue of the first pass are dropped: where the two taggers
 * disagree on whether a sentence holds a cue at all, the cue is more often wrong than right. On the
 * 95 PolNeAR train articles the first tagger holds out, 250 of the pipeline's 2,620 cues were such
 * cues and 30% of them were gold, against 79% of those the two passes found alike (docs/evaluation.md,
 * quotes). Only the cue goes: its source and content spans stay for the attribution grouping, which
 * gives them to the nearest other cue of the sentence (or lets a content continue the sentence
 * before's attribution, as any content without a cue does). `firstPass` null: the tagger ran in one
 * pass, and there is nothing to compare.
 */
export function dropUnconfirmedCues(spans: RoleSpan[], firstPass: readonly RoleSpan[] | null): RoleSpan[] {
  if (!firstPass) return spans;
  // Token indexes under a first-pass cue: linear in the spans, whatever the document's length.
  const firstCueTokens = new Set<number>();
  for (const f of firstPass) if (f.role === 'cue') for (let i = f.from; i < f.to; i++) firstCueTokens.add(i);
  return spans.filter((c) => {
    if (c.role !== 'cue') return true;
    for (let i = c.from; i < c.to; i++) if (firstCueTokens.has(i)) return true;
    return false;
  });
}
