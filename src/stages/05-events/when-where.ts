import type { Attribution, EventAttribution, Span, TimeExpression } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import scopeData from '../../rules/events/status-scope.json' with { type: 'json' };
import whereData from '../../rules/events/where-words.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import {
  clauseBreakers,
  clauseStart,
  finiteVerbs,
  type Group,
  infinitiveContent,
  isLower,
  isReportingVerb,
  isWordStart,
  lexicon,
  relatives,
  reportingVerbs,
  type SentenceContext,
  subordinators,
  tokenAt,
} from './sentence-words.js';

/** Token indexes `[from, to)` of a clause. */
export interface ClauseSpan {
  from: number;
  to: number;
}

/** Whether tokens `[from, to)` hold no verb: an apposition or an adverbial ("the Chinese capital,"). */
function verbless(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const token = tokens[k] as Token;
    const t = token.lower;
    if (subordinators.has(t) || finiteVerbs.has(t) || isReportingVerb(text, token)) return false;
    if (t.length > 4 && (t.endsWith('ed') || t.endsWith('ing')) && isLower(text, token)) return false;
  }
  return true;
}

function clauseEnd(tokens: readonly Token[], after: number): number {
  for (let k = after; k < tokens.length; k++) {
    const t = (tokens[k] as Token).lower;
    if (clauseBreakers.has(t) || subordinators.has(t) || t === '.') return k;
  }
  return tokens.length;
}

/**
 * The trigger's clause: from the last clause opener or break before it to the next after it
 * ("his first visit | since he assumed power in June 1982"), widened across comma stretches that
 * hold no verb ("arrived in Beijing, the Chinese capital, on Thursday"; "On Monday, …").
 */
export function clauseOf(text: string, tokens: readonly Token[], head: number): ClauseSpan {
  let from = clauseStart(tokens, head);
  while (from > 1 && (tokens[from - 1] as Token).lower === ',') {
    const before = clauseStart(tokens, from - 1);
    if (before > 0 && subordinators.has((tokens[before - 1] as Token).lower)) break;
    if (!verbless(text, tokens, before, from - 1)) break;
    from = before;
  }
  let to = clauseEnd(tokens, head + 1);
  while (to < tokens.length && (tokens[to] as Token).lower === ',') {
    const next = clauseEnd(tokens, to + 1);
    if (next === to + 1 || !verbless(text, tokens, to + 1, next)) break;
    to = next;
  }
  return { from, to };
}

/**
 * The time of the event: the time expression of the trigger's own clause nearest the trigger,
 * leaving out the one that dates the report (", the governor said on Wednesday": inside an
 * attribution but outside its content, or right after a reporting verb). A time in another
 * clause dates another event ("his first visit since he assumed power in June 1982").
 */
export function eventTime(
  ctx: SentenceContext,
  head: number,
  clause: ClauseSpan,
): TimeExpression | undefined {
  const at = (ctx.tokens[head] as Token).start;
  const from = (ctx.tokens[clause.from] as Token).start;
  const to = (ctx.tokens[clause.to - 1] as Token).end;
  let best: TimeExpression | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (t.start < from || t.end > to) continue;
    if (datesReport(ctx, t)) continue;
    const distance = t.start >= at ? t.start - at : at - t.end;
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best;
}

const anchorWords = new Set(wordList(scopeData.historicalAnchor, 'events/status-scope historicalAnchor'));

/**
 * "resigned after leaking details of his 1947 budget": the date named in the temporal clause
 * (status-scope.json `historicalAnchor`) that opens right after the trigger's clause `clause`, the
 * first one there; undefined when no such clause follows or it names no date.
 */
export function anchorTime(ctx: SentenceContext, clause: ClauseSpan): TimeExpression | undefined {
  const opener = ctx.tokens[clause.to];
  if (!opener || !anchorWords.has(opener.lower)) return undefined;
  const end = clauseEnd(ctx.tokens, clause.to + 1);
  const from = opener.end;
  const to = (ctx.tokens[end - 1] as Token).end;
  let first: TimeExpression | undefined;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' || t.start < from || t.end > to) continue;
    if (!first || t.start < first.start) first = t;
  }
  return first;
}

/**
 * "failed to hold onto power in 1974 after Liberals demanded that Heath quit": for a trigger in a
 * temporal clause (opened by one of `historicalAnchor` words), the date of the clause it is
 * attached to — the date nearest before the opener, back to that clause's start (not one that
 * dates a report). With `coordinated` (a verb in the simple past), also a clause joined by ", and"
 * or ", but" ("passed a bill two years ago, but it was vetoed", "lost in 1992, and stepped
 * down"). The inverse of `anchorTime` (status-scope.json `attachedClause`).
 */
export function attachedTime(
  ctx: SentenceContext,
  clause: ClauseSpan,
  coordinated: boolean,
): TimeExpression | undefined {
  const { tokens } = ctx;
  const k = clause.from - 1;
  const opener = tokens[k]?.lower;
  if (opener === undefined || k < 1) return undefined;
  const joined =
    coordinated &&
    ((opener === 'but' && tokens[k - 1]?.lower === ',') ||
      (opener === ',' && tokens[clause.from]?.lower === 'and'));
  if (!anchorWords.has(opener) && !joined) return undefined;
  // "in 1974, after …": a comma before the opener ends the clause it is attached to.
  const end = opener !== ',' && tokens[k - 1]?.lower === ',' ? k - 1 : k;
  if (end < 1) return undefined;
  const start = clauseStart(tokens, end);
  // "the case of X, who hanged himself in 2002, and urged …": a relative clause describes a noun;
  // the coordinated verb is not joined to it.
  if (joined && start > 0 && relatives.has((tokens[start - 1] as Token).lower)) return undefined;
  const from = (tokens[start] as Token).start;
  const to = (tokens[end] as Token).start;
  let last: TimeExpression | undefined;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' || t.start < from || t.end > to || datesReport(ctx, t)) continue;
    if (!last || t.start > last.start) last = t;
  }
  return last;
}

/**
 * "Last year MAB, which opposed the war in Iraq, urged Muslims …", "In 2000 the lobby …": a date
 * that opens the sentence (at its first or second word, not a possessive: "Last year's budget")
 * is an adverbial of the whole sentence (status-scope.json `openingDate`).
 */
export function openingTime(ctx: SentenceContext): TimeExpression | undefined {
  const second = ctx.tokens[1];
  // "Since 2002 … have arrived", "By 2010 …": a bound of a state or a deadline, not the act's date.
  if (!second || scopeData.openingDate.bounds.includes((ctx.tokens[0] as Token).lower)) return undefined;
  for (const t of ctx.times) {
    if (t.type !== 'DATE' || t.start > second.start || datesReport(ctx, t)) continue;
    const next = ctx.tokens.find((k) => k.start >= t.end);
    if (!next || next.lower === "'s" || next.lower === '\u2019s') return undefined;
    return t;
  }
  return undefined;
}

const reportCues = new Set(wordList(scopeData.reportCues, 'events/status-scope reportCues'));

/** Whether an attribution's cue reports ("said", "according to", "citing"), not evaluates or expects. */
function isReport(text: string, a: Attribution): boolean {
  for (const word of text
    .slice(a.cue.start, a.cue.end)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    if (reportCues.has(word) || reportingVerbs.has(word)) return true;
  }
  return false;
}

/**
 * The report an event is told in: the innermost attribution whose content holds the trigger,
 * with its chain outermost first ("according to CNN, citing the Kremlin" → CNN, the Kremlin).
 */
export function eventAttribution(
  attributions: readonly Attribution[],
  all: readonly Attribution[],
  trigger: Span,
  text: string,
): EventAttribution | undefined {
  let best: Attribution | undefined;
  for (const a of attributions) {
    if (!a.source || infinitiveContent(text, a) || !isReport(text, a)) continue;
    const pieces = a.contentPieces ?? (a.content ? [a.content] : []);
    if (!pieces.some((c) => c.start <= trigger.start && trigger.end <= c.end)) continue;
    const size = (a.content as Span).end - (a.content as Span).start;
    if (!best || size < (best.content as Span).end - (best.content as Span).start) best = a;
  }
  if (!best) return undefined;
  const chain: number[] = [];
  let at: number | undefined = all.indexOf(best);
  while (at !== undefined && at >= 0 && !chain.includes(at)) {
    chain.unshift(at);
    at = all[at]?.within;
  }
  return {
    attribution: chain.at(-1) as number,
    chain,
    sources: chain.map((k) => {
      const a = all[k] as Attribution;
      return a.sourceEntity ? { text: a.source, entity: a.sourceEntity } : { text: a.source };
    }),
  };
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

const placePreps = new Set(wordList(whereData.placePrepositions, 'events/where-words placePrepositions'));

/**
 * Whether a place mention is governed by a place preposition: right before it ("in Kharkiv", "in
 * the Chinese capital"), or a few lowercase words and "of" before it ("in the northern city of
 * Aleppo", "in southern Syria"), with no verb between, and not right after another event word.
 */
function placedAt(text: string, tokens: readonly Token[], first: number, head: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - whereData.placeLead.window; k--) {
    const token = tokens[k] as Token;
    const t = token.lower;
    // "condemned the coup in Myanmar": the place of another event word is that event's.
    if (placePreps.has(t)) return k - 1 === head || !lexicon.ownHeads.has(tokens[k - 1]?.lower ?? '');
    if (!isWordStart(t) || finiteVerbs.has(t) || subordinators.has(t) || isReportingVerb(text, token))
      return false;
    if (isLower(text, token) && (t.endsWith('ed') || t.endsWith('ing'))) return false;
  }
  return false;
}

/**
 * Where an event happened: the visited place itself (`visited`, a visit's recipient), else the
 * place — a city, a place or a country named as such, never a demonym — that a place preposition
 * governs in the trigger's clause, nearest the trigger head.
 */
export function eventPlace(
  text: string,
  tokens: readonly Token[],
  groups: readonly Group[],
  head: number,
  clause: ClauseSpan,
  visited?: Group,
): Group | undefined {
  let place: Group | undefined;
  let placeDistance = Number.POSITIVE_INFINITY;
  for (const g of groups) {
    const kind = g.entity.type;
    const isVisited = g === visited;
    if (kind !== 'city' && kind !== 'place' && kind !== 'country' && g.mention.form !== 'capital') continue;
    if (g.mention.form === 'demonym' && !isVisited) continue;
    if (!isVisited && (g.first < clause.from || g.last >= clause.to)) continue;
    if (!isVisited && !placedAt(text, tokens, g.first, head)) continue;
    const distance = isVisited ? -1 : Math.abs(g.first - head);
    if (distance < placeDistance) {
      place = g;
      placeDistance = distance;
    }
  }
  return place;
}

/**
 * A place the entities layer did not know: the capitalised words right after a place preposition
 * (and its determiner) in the trigger's clause, nearest the trigger ("killed in Reshimbagh"),
 * leaving out time expressions ("in March") and organisations or people the layer did name.
 */
export function unnamedPlace(
  ctx: Pick<SentenceContext, 'doc' | 'tokens' | 'times' | 'groups'>,
  head: number,
  clause: ClauseSpan,
): Span | undefined {
  const { tokens, doc } = ctx;
  let best: Span | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let k = clause.from; k < clause.to - 1; k++) {
    if (!placePreps.has((tokens[k] as Token).lower)) continue;
    let first = k + 1;
    while (first < clause.to && determinerLike(tokens[first] as Token)) first++;
    let last = first - 1;
    while (last + 1 < clause.to && capitalised(doc.text, tokens[last + 1] as Token)) last++;
    if (last < first) continue;
    const span = { start: (tokens[first] as Token).start, end: (tokens[last] as Token).end };
    if (ctx.times.some((t) => t.start < span.end && span.start < t.end)) continue;
    if (ctx.groups.some((g) => g.start < span.end && span.start < g.end)) continue;
    const distance = Math.abs(first - head);
    if (distance < bestDistance) {
      best = span;
      bestDistance = distance;
    }
  }
  return best;
}

/** A token starting with a capital letter and a word character (a name's word). */
export function capitalised(text: string, token: Token): boolean {
  const c = text.charCodeAt(token.start);
  return c >= 65 && c <= 90 && isWordStart(token.lower);
}

function determinerLike(token: Token): boolean {
  return token.lower === 'the';
}
