import type { TimeExpression } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { type Group, isReportingVerb, prepBefore, type SentenceContext, tokenAt } from './sentence-words.js';

/**
 * The time of the event: the time expression of the sentence nearest the trigger, leaving out
 * the one that dates the report (", the governor said on Wednesday": inside an attribution but
 * outside its content, or right after a reporting verb).
 */
export function eventTime(ctx: SentenceContext, at: number): TimeExpression | undefined {
  let best: TimeExpression | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (datesReport(ctx, t)) continue;
    const distance = t.start >= at ? t.start - at : at - t.end;
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best;
}

function datesReport(ctx: SentenceContext, t: TimeExpression): boolean {
  for (const a of ctx.attributions) {
    if (a.start > t.start || t.end > a.end) continue;
    if (a.content && a.content.start <= t.start && t.end <= a.content.end) continue;
    if (a.cue.end <= t.start || t.end <= a.cue.start) return true;
  }
  const k = tokenAt(ctx.tokens, t.start);
  let p = k - 1;
  if (ctx.tokens[p]?.lower === 'on') p--;
  return p >= 0 && isReportingVerb(ctx.doc.text, ctx.tokens[p]);
}

/**
 * Where an event happened: the visited place itself (`visited`, a visit's recipient), else the
 * city or place after "in"/"at" nearest the trigger head.
 */
export function eventPlace(
  tokens: readonly Token[],
  groups: readonly Group[],
  head: number,
  visited?: Group,
): Group | undefined {
  let place: Group | undefined;
  let placeDistance = Number.POSITIVE_INFINITY;
  for (const g of groups) {
    const kind = g.entity.type;
    if (kind !== 'city' && kind !== 'place' && g.mention.form !== 'capital') continue;
    const prep = prepBefore(tokens, g.first);
    const isVisited = g === visited;
    if (!isVisited && prep !== 'in' && prep !== 'at') continue;
    const distance = isVisited ? -1 : Math.abs(g.first - head);
    if (distance < placeDistance) {
      place = g;
      placeDistance = distance;
    }
  }
  return place;
}
