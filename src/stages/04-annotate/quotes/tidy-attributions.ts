import { calendarDate } from '../../../core/calendar-math.js';
import type { Attribution, Doc, Span, TimeExpression } from '../../../core/doc.js';
import { firstStartingFrom } from '../../../core/spans.js';
import { type TokenLayer, type TokenSet, WORD } from '../../../core/tokens.js';

/**
 * "…, the Kremlin said Tuesday": a DATE or TIME expression inside the attribution but outside its
 * content dates the report itself. The one nearest the cue wins; its day (or week, month…) is kept.
 */
export function dateAttributions(attributions: Attribution[], times: readonly TimeExpression[]): void {
  if (times.length === 0) return;
  for (const a of attributions) {
    let best: TimeExpression | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let k = firstStartingFrom(times, a.start); k < times.length; k++) {
      const t = times[k] as TimeExpression;
      if (t.start >= a.end) break;
      if (t.end > a.end || (t.type !== 'DATE' && t.type !== 'TIME')) continue;
      if (a.content && t.start < a.content.end && t.end > a.content.start) continue;
      const distance = t.start >= a.cue.end ? t.start - a.cue.end : Math.max(0, a.cue.start - t.end);
      if (distance < bestDistance) {
        best = t;
        bestDistance = distance;
      }
    }
    if (best) a.date = calendarDate(best.value);
  }
}

/**
 * Whether a cue holds a word that headed cues in training (the tagger's cue candidates). A
 * tagged cue with no such word and no content is an ordinary verb read as a cue ("Putin met
 * Xi"): nothing is said, so it is no attribution, and its "source" stays an event participant.
 */
export function hasCueWord(tokens: TokenLayer, cue: Span, cues: TokenSet): boolean {
  for (let i = tokens.indexAtOrAfter(cue.start, 0, tokens.count); i < tokens.count; i++) {
    if (tokens.start(i) >= cue.end) break;
    if (tokens.kind(i) === WORD && cues.hasToken(tokens, i)) return true;
  }
  return false;
}

/**
 * A tagged source that names three or more entities ("Putin met Xi in Beijing" before "to
 * discuss") is a clause the tagger took for a source, not a source: it is dropped (the
 * attribution keeps its cue and content) so the entities stay participants of their own events.
 */
export function dropClauseSources(
  attributions: Attribution[],
  entities: NonNullable<Doc['entities']>,
  text: string,
): void {
  const spans = attributions.filter((a) => a.sourceSpan).map((a) => a.sourceSpan as Span);
  if (spans.length === 0) return;
  const named = new Map<Span, Set<string>>();
  for (const e of entities) {
    for (const m of e.mentions) {
      for (const sp of spans) {
        if (m.start >= sp.start && m.end <= sp.end) {
          let set = named.get(sp);
          if (!set) {
            set = new Set();
            named.set(sp, set);
          }
          set.add(e.id);
        }
      }
    }
  }
  for (const a of attributions) {
    if (
      a.sourceSpan &&
      (named.get(a.sourceSpan)?.size ?? 0) >= 3 &&
      !isDescribedName(text, a.sourceSpan, entities)
    ) {
      a.source = '';
      delete a.sourceSpan;
      a.start = Math.min(a.cue.start, a.content?.start ?? a.cue.start);
      a.end = Math.max(a.cue.end, a.content?.end ?? a.cue.end);
    }
  }
}

/**
 * A source of the shape "NAME, DESCRIPTION" or "NAME (PARTY), DESCRIPTION" ("Maria Lopez, chief
 * economist at Harbour Capital in Chicago", "Ted Cruz, who won Oklahoma and Texas"): the first name it holds
 * is followed by a comma or a bracket, and what follows is no other name ("Putin, Xi and Modi"
 * are three people, not one described). The description may name places and organisations; it
 * is still one person's description, not a clause, so the source stays.
 */
function isDescribedName(text: string, span: Span, entities: NonNullable<Doc['entities']>): boolean {
  let first: { start: number; end: number } | undefined;
  const starts = new Set<number>();
  for (const e of entities) {
    for (const m of e.mentions) {
      if (m.start < span.start || m.end > span.end) continue;
      starts.add(m.start);
      if (!first || m.start < first.start) first = m;
    }
  }
  if (!first) return false;
  const after = /^\s*(?:\([^()]{1,40}\)\s*)?[,(]\s*/.exec(
    text.slice(first.end, Math.min(span.end, first.end + 60)),
  );
  if (!after) return false;
  const next = first.end + after[0].length;
  return next < span.end && !starts.has(next);
}
