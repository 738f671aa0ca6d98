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
  const firstCues = firstPass.filter((s) => s.role === 'cue');
  return spans.filter((c) => c.role !== 'cue' || firstCues.some((f) => f.from < c.to && c.from < f.to));
}
