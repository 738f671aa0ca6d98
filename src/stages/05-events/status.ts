import { calendarDate } from '../../core/calendar-math.js';
import type { EventStatus } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import headsData from '../../rules/events/governing-heads.json' with { type: 'json' };
import scopeData from '../../rules/events/status-scope.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import type { Chunk } from './chunk-tokens.js';
import { type CompiledCues, compileCues } from './compile-lexicon.js';
import {
  adverbs,
  auxTail,
  clauseBreakers,
  finiteVerbs,
  isReportingVerb,
  reportingVerbs,
  subordinators,
} from './sentence-words.js';

/** The status cues (`src/rules/events/status-cues.json`), compiled once. */
export const cues = compileCues();

/** The status the nearest cue before the trigger head in its clause sets; asserted without one. */
export function findStatus(
  tokens: readonly Token[],
  head: number,
  window: CompiledCues,
): { status: EventStatus; rule?: string } {
  const lows: string[] = [];
  // An adverb inside a verb group ("may now be forced to resign") does not count towards the window.
  for (let k = head - 1, counted = 0; k >= 0 && counted < window.window; k--) {
    const t = (tokens[k] as Token).lower;
    if (clauseBreakers.has(t) || t === '.') break;
    lows.unshift(t);
    if (!adverbs.has(t) || !auxTail.has(tokens[k - 1]?.lower ?? '')) counted++;
  }
  let best: { status: EventStatus; rule: string; priority: number } | undefined;
  const priority = { negated: 0, hypothetical: 1, future: 2 } as const;
  for (let end = 0; end < lows.length; end++) {
    const list = window.byLast.get(lows[end] as string);
    if (!list) continue;
    for (const cue of list) {
      const begin = end - cue.words.length + 1;
      if (begin < 0) continue;
      let ok = true;
      for (let w = 0; w < cue.words.length; w++) if (lows[begin + w] !== cue.words[w]) ok = false;
      if (ok && (!best || priority[cue.status] < best.priority)) {
        best = { status: cue.status, rule: cue.id, priority: priority[cue.status] };
      }
    }
  }
  return best ? { status: best.status, rule: best.rule } : { status: 'asserted' };
}

/** The reach of a status beyond the words before the trigger (`src/rules/events/status-scope.json`). */
const scope = {
  conditional: new Set(wordList(scopeData.conditionalOpeners, 'events/status-scope conditionalOpeners')),
  conditionalId: scopeData.conditionalOpeners.id,
  backshift: new Set(scopeData.backshift.cues),
  backshiftId: scopeData.backshift.id,
  threatHeads: new Set(wordList(scopeData.threatMade, 'events/status-scope threatMade')),
  threatMadeId: scopeData.threatMade.id,
  headlineToId: scopeData.headlineInfinitive.id,
  neitherNorId: scopeData.neitherNor.id,
  neitherNorReach: scopeData.neitherNor.reach,
  threatReportedTypes: new Set(scopeData.threatMade.reportedTypes),
  historical: new Set(wordList(scopeData.historical, 'events/status-scope historical')),
  historicalId: scopeData.historical.id,
  historicalDays: scopeData.historicalDate.days,
  historicalDateId: scopeData.historicalDate.id,
  historicalYearId: scopeData.historicalDate.yearId,
  speculation: new Set(scopeData.speculation.rules),
  denials: new Set(scopeData.deniedThat.words),
  denialStops: new Set(scopeData.deniedThat.stops),
  denialOpeners: new Set(['that', ...scopeData.deniedThat.openers]),
  denialSubjects: new Set(scopeData.deniedThat.subjects),
  deniedThatId: scopeData.deniedThat.id,
  asking: new Set(scopeData.speculation.asking),
  deontic: new Set(scopeData.deontic.cues),
};

/** Rule id of a trigger under a modal of advice ("should withdraw", "ought to"): no event. */
export const deonticRule: string = scopeData.deontic.id;

/** Whether a status cue is a modal of advice (`status-scope.json` `deontic`). */
export function isDeontic(statusRule: string | undefined): boolean {
  return statusRule !== undefined && scope.deontic.has(statusRule);
}

export interface StatusReading {
  status: EventStatus;
  /** The cue or scope rule that set a status other than asserted. */
  rule?: string;
}

/**
 * The status of the trigger at `head` from its clause: a cue right before it (`findStatus`); a
 * condition around it ("if Russia attacks", or a sentence opening with "If …"); the modal of
 * reported speech read as the reported future ("said they would oppose"); an adverb recalling an
 * earlier event ("previously visited"). Negation beats every other reading.
 */
export function clauseStatus(text: string, tokens: readonly Token[], head: number): StatusReading {
  const found = findStatus(tokens, head, cues);
  if (found.status === 'negated') return found;
  if (conditional(tokens, head)) return { status: 'hypothetical', rule: scope.conditionalId };
  if (found.rule && scope.backshift.has(found.rule)) {
    for (let k = head - 1; k >= 0; k--) {
      if (isReportingVerb(text, tokens[k])) return { status: 'future', rule: scope.backshiftId };
    }
    return found;
  }
  if (found.status !== 'asserted') return found;
  if (neitherNorBefore(tokens, head)) return { status: 'negated', rule: scope.neitherNorId };
  if (deniedThat(tokens, head)) return { status: 'negated', rule: scope.deniedThatId };
  const governed = governedStatus(tokens, head);
  if (governed) return governed;
  for (let k = head - 1; k >= 0 && k >= head - 2; k--) {
    if (scope.historical.has((tokens[k] as Token).lower))
      return { status: 'historical', rule: scope.historicalId };
  }
  return found;
}

/**
 * "denied a report that the U.S. was shipping arms", "denied a report claiming he warned", "denied he
 * had attacked": the trigger in the content clause of a denial (status-scope.json `deniedThat`).
 */
function deniedThat(tokens: readonly Token[], head: number): boolean {
  const reach = scopeData.deniedThat.reach;
  for (let k = head - 1; k >= 0; k--) {
    const t = (tokens[k] as Token).lower;
    if (scope.denialStops.has(t)) return false;
    // "denied he had warned": a content clause without "that" opens with its subject pronoun.
    if (scope.denialSubjects.has(t) && k > 0 && scope.denials.has((tokens[k - 1] as Token).lower))
      return true;
    // "denied the claims, saying it condemned torture": after a comma the speaker's own statement.
    if (!scope.denialOpeners.has(t) || (t !== 'that' && tokens[k - 1]?.lower === ',')) continue;
    for (let j = k - 1; j >= 0 && j >= k - 1 - reach; j--) {
      if (scope.denials.has((tokens[j] as Token).lower)) return true;
    }
  }
  return false;
}

/** "Neither the U.S. nor the Soviet Union has ratified it": a neither … nor subject before the trigger. */
function neitherNorBefore(tokens: readonly Token[], head: number): boolean {
  const reach = scope.neitherNorReach;
  // The tokens are one sentence's: a period inside is an abbreviation's ("U.S.").
  const ends = (t: string) => t === ';' || subordinators.has(t);
  for (let k = head - 1; k >= 0 && k >= head - reach; k--) {
    const t = (tokens[k] as Token).lower;
    if (ends(t)) return false;
    if (t !== 'nor') continue;
    for (let j = k - 1; j >= 0 && j >= k - reach; j--) {
      const u = (tokens[j] as Token).lower;
      if (u === 'neither') return true;
      if (ends(u)) return false;
    }
    return false;
  }
  return false;
}

/** The governing heads (`src/rules/events/governing-heads.json`), compiled once. */
const heads = {
  modal: new Set([
    ...wordList(headsData.timeml.modal, 'events/governing-heads timeml.modal'),
    ...wordList(headsData.modalWords, 'events/governing-heads modalWords'),
  ]),
  negative: new Set([
    ...wordList(headsData.timeml.negative, 'events/governing-heads timeml.negative'),
    ...wordList(headsData.negativeNouns, 'events/governing-heads negativeNouns'),
  ]),
  futureStems: wordList(headsData.futureStems, 'events/governing-heads futureStems'),
};
export const governedRules = {
  future: 'events:status.governed-future',
  hypothetical: 'events:status.governed-hypothetical',
  negated: 'events:status.governed-negated',
  /** What a threat ("the threat to impose tariffs") governs: hypothetical, unless its intent is the threat itself. */
  threat: 'events:status.governed-threat',
} as const;

/** Words that end the search for a governing head: it is in another clause or phrase. */
const governorStop = new Set(['to', 'and', 'or', '.']);
const quoteMarks = new Set(['"', '\u201d', "'", '\u2019']);

/**
 * The status a governing head gives the trigger at `head` through an infinitive or an
 * of-complement, with no modal in between (`src/rules/events/governing-heads.json`): "the UK plan
 * to deport", "is tipped to ask", "deals are being sought to allow the UK to deport" (the head
 * "allow" with its object before "to"), "little prospect of America agreeing", "entitled to
 * complain", "declined to meet". A head of intention or schedule makes it future, a negative one
 * (TimeML counter-factive) negated, any other hypothetical. Undefined when no head governs it.
 */
export function governedStatus(tokens: readonly Token[], head: number): StatusReading | undefined {
  let k = head - 1;
  while (k >= 0 && adverbs.has((tokens[k] as Token).lower)) k--;
  let governor: string | undefined;
  const stop = (t: string) => clauseBreakers.has(t) || subordinators.has(t) || governorStop.has(t);
  if (tokens[k]?.lower === 'to') {
    // "plan to deport"; "allow the UK to deport": up to four words of an object before "to".
    for (let j = k - 1; j >= 0 && j >= k - 5; j--) {
      const t = (tokens[j] as Token).lower;
      if (heads.modal.has(t) || heads.negative.has(t) || scope.threatHeads.has(t)) {
        governor = t;
        break;
      }
      if (stop(t)) break;
    }
    governor ??= ofSubjectGovernor(tokens, k);
  } else {
    // "the prospect of America agreeing", "the threat of strikes": "of" and at most three words.
    for (let j = head - 1; j >= 1 && j >= head - 4; j--) {
      const t = (tokens[j] as Token).lower;
      if (t === 'of') {
        // A quotation mark may close the head's phrase: "little prospect" of America agreeing.
        const q = quoteMarks.has((tokens[j - 1] as Token).lower) ? j - 2 : j - 1;
        const g = tokens[q]?.lower ?? '';
        if (heads.modal.has(g) || heads.negative.has(g) || scope.threatHeads.has(g)) governor = g;
        break;
      }
      if (stop(t)) break;
    }
  }
  if (governor === undefined) return undefined;
  if (scope.threatHeads.has(governor)) return { status: 'hypothetical', rule: governedRules.threat };
  if (heads.negative.has(governor)) return { status: 'negated', rule: governedRules.negated };
  if (heads.futureStems.some((s) => (governor as string).startsWith(s)))
    return { status: 'future', rule: governedRules.future };
  return { status: 'hypothetical', rule: governedRules.hypothetical };
}

/** Most words of the noun phrase between "of" and "to" in "the failure of X to agree". */
const ofSubjectReach = 10;

/**
 * "the failure of the International Coffee Organization, ICO, to reach agreement": a head noun
 * whose of-phrase names the subject of its infinitive (as "X's failure to"). From the "to" at `k`,
 * back over one noun phrase (an apposition between commas and "and" may stand in it; no verb, no
 * clause word) to "of", and the governing head right before it.
 */
function ofSubjectGovernor(tokens: readonly Token[], k: number): string | undefined {
  for (let j = k - 1; j >= 1 && j >= k - ofSubjectReach; j--) {
    const t = (tokens[j] as Token).lower;
    if (t === 'of') {
      const g = (tokens[j - 1] as Token).lower;
      return heads.negative.has(g) || heads.modal.has(g) ? g : undefined;
    }
    if (t !== ',' && (clauseBreakers.has(t) || subordinators.has(t) || finiteVerbs.has(t) || t === 'to'))
      return undefined;
  }
  return undefined;
}

/** The longest walk back, in chunks, from a gerund to the verb group it complements. */
const gerundReach = 12;
/** The auxiliaries that open a gerund clause ("being endorsed", "having been approved"). */
const gerundOpeners = new Set(['being', 'having']);
export const gerundUnderModalRule = 'events:status.gerund-under-modal';

/**
 * "This would involve the programme being put into effect and being endorsed by the IMF": an -ing
 * verb group with no subject of its own (a gerund or a participle complement) shares the
 * hypothesis of the modal in the finite verb group it completes. The walk back crosses noun
 * groups, prepositions, "and" and commas, and stops at anything else (a subordinator, a relative
 * pronoun, the sentence's start). Undefined when no modal governs it.
 */
export function gerundUnderModal(
  chunks: readonly Chunk[],
  chunkOf: Int32Array,
  tokens: readonly Token[],
  head: number,
): StatusReading | undefined {
  const c = chunkOf[head] ?? -1;
  const own = chunks[c];
  // "being endorsed", "continuing to be endorsed": opened by an -ing form. The trigger's own
  // group must be a clause of its own ("being …", "having …"): an active participle after a noun
  // ("would have torn up legislation banning …") is as often the noun's modifier.
  const gerund = (ch: Chunk) => ch.kind === 'VG' && (tokens[ch.first] as Token).lower.endsWith('ing');
  if (!own || !gerund(own) || !gerundOpeners.has((tokens[own.first] as Token).lower)) return undefined;
  for (let k = c - 1; k >= 0 && c - k <= gerundReach; k--) {
    const ch = chunks[k] as Chunk;
    if (ch.kind === 'NP' || ch.kind === 'P' || ch.kind === 'CC') continue;
    if (ch.kind === 'PUNCT' && (tokens[ch.first] as Token).lower === ',') continue;
    if (ch.kind !== 'VG') return undefined;
    if (ch.nonFinite || gerund(ch)) continue;
    for (let j = ch.first; j <= ch.last; j++) {
      const modal = cues.byLast
        .get((tokens[j] as Token).lower)
        ?.some((cue) => cue.status === 'hypothetical' && cue.words.length === 1);
      if (modal) return { status: 'hypothetical', rule: gerundUnderModalRule };
    }
    return undefined;
  }
  return undefined;
}

/** Whether the trigger sits in a condition: its own clause, or the sentence, opens with "if"/"unless". */
function conditional(tokens: readonly Token[], head: number): boolean {
  if (scope.conditional.has(tokens[0]?.lower ?? '')) return true;
  for (let k = head - 1; k >= 0; k--) {
    const t = (tokens[k] as Token).lower;
    if (scope.conditional.has(t)) return true;
    if (subordinators.has(t) || t === ';') return false;
  }
  return false;
}

/** The first and last day of the period a TIMEX date value names, as days since 1970 (undefined if none). */
function periodBounds(value: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4])|-(SP|SU|FA|WI))?$/.exec(
    calendarDate(value),
  );
  if (!m) return undefined;
  const y = Number(m[1]);
  const day = (yy: number, mm: number, dd: number) => Date.UTC(yy, mm - 1, dd) / 86_400_000;
  // TIMEX seasons ("the autumn of 1978" = 1978-FA): spring March–May, …, winter December–February.
  const season = m[6] ? ['SP', 'SU', 'FA', 'WI'].indexOf(m[6]) : -1;
  if (season >= 0) return [day(y, season * 3 + 3, 1), day(y, season * 3 + 6, 0)];
  if (m[3]) return [day(y, Number(m[2]), Number(m[3])), day(y, Number(m[2]), Number(m[3]))];
  if (m[2]) return [day(y, Number(m[2]), 1), day(y, Number(m[2]) + 1, 0)];
  if (m[5]) return [day(y, Number(m[5]) * 3 - 2, 1), day(y, Number(m[5]) * 3 + 1, 0)];
  if (m[4]) {
    // ISO week: the Monday of week 1 is the Monday on or before 4 January.
    const jan4 = day(y, 1, 4);
    const weekday = (new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7;
    const monday = jan4 - weekday + (Number(m[4]) - 1) * 7;
    return [monday, monday + 6];
  }
  return [day(y, 1, 1), day(y, 12, 31)];
}

/**
 * An asserted event dated to a period that ended well before publication (`historicalDate.days`)
 * is recalled background: "Xi also visited Moscow in 2023" in a 2024 article; so is one dated to a
 * whole calendar year before the publication's ("last year", "a year ago"), however near its end.
 */
export function historicalByDate(
  date: string | undefined,
  published: string | undefined,
): string | undefined {
  if (!date || !published) return undefined;
  const end = periodBounds(date)?.[1];
  const pub = periodBounds(published.slice(0, 10))?.[0];
  if (end === undefined || pub === undefined) return undefined;
  if (pub - end > scope.historicalDays) return scope.historicalDateId;
  // "was arrested a year ago", "last year": a whole calendar year before the publication's.
  return /^\d{4}$/.test(date) && date < published.slice(0, 4) ? scope.historicalYearId : undefined;
}

/**
 * The status an asserted event's date gives it: historical when the period ended well before
 * publication (`historicalByDate`); future when the whole period it names starts after the
 * publication day ("travelling to America next week", "the vote on 5 May").
 */
export function statusByDate(
  date: string | undefined,
  published: string | undefined,
  toldInPast: () => boolean,
  text = '',
): StatusReading | undefined {
  const old = historicalByDate(date, published);
  if (old) return { status: 'historical', rule: old };
  // "promised them £8.1bn next year": a date in a clause told in the past is the date of a thing
  // promised or planned, not of the event.
  if (!date || !published || toldInPast()) return undefined;
  const bounds = date === 'FUTURE_REF' ? undefined : periodBounds(date);
  const start = date === 'FUTURE_REF' ? Number.POSITIVE_INFINITY : bounds?.[0];
  const pub = periodBounds(published.slice(0, 10))?.[0];
  if (start === undefined || pub === undefined) return undefined;
  // "later this month": the rest of a period that holds the publication day.
  const later =
    laterWords.has(text.toLowerCase().split(/\s+/)[0] ?? '') && bounds !== undefined && pub < bounds[1];
  if (start <= pub && !later) return undefined;
  return { status: 'future', rule: futureDateRule };
}

/** Rule id of an event dated by the temporal clause after it (status-scope.json `historicalAnchor`). */
export const historicalAnchorRule: string = scopeData.historicalAnchor.id;
/** Rule id of an event in a temporal clause dated by the clause it is attached to (`attachedClause`). */
export const attachedClauseRule: string = scopeData.attachedClause.id;
/** Rule id of an event whose status comes from a date opening its sentence (`openingDate`). */
export const openingDateRule: string = scopeData.openingDate.id;

const laterWords = new Set(scopeData.futureDate.laterWords);

const futureDateRule: string = scopeData.futureDate.id;

/**
 * Whether the clause of the trigger at `head` is told in the past: the trigger or a verb before
 * it in its clause is a past tense, or the trigger is a past participle.
 */
export function toldInPast(
  tokens: readonly Token[],
  head: number,
  tags: { tagAt(i: number): string } | undefined,
): boolean {
  const tagAt = (i: number) => tags?.tagAt(i) ?? '';
  if (/^VB[DN]$/.test(tagAt(head))) return true;
  for (let k = head - 1; k >= 0; k--) {
    const t = (tokens[k] as Token).lower;
    if (clauseBreakers.has(t) || t === '.' || subordinators.has(t)) break;
    // "Yeutter said the meetings scheduled next month …": the report's past is not the event's;
    // its clause is what the reporting verb says.
    if (reportingVerbs.has(t)) break;
    if (tagAt(k) === 'VBD') return true;
  }
  return false;
}

/**
 * "MINISTER TO VISIT U.S.": in a headline, a trigger right after "to" with no verb before the "to"
 * is planned, future. `tagAt` gives the part of speech of a token.
 */
export function headlineInfinitive(
  tokens: readonly Token[],
  head: number,
  tagAt: (i: number) => string,
): StatusReading | undefined {
  let k = head - 1;
  while (k >= 0 && adverbs.has((tokens[k] as Token).lower)) k--;
  if (k < 1 || tokens[k]?.lower !== 'to') return undefined;
  for (let j = k - 1; j >= 0; j--) if (tagAt(j).startsWith('VB') || tagAt(j) === 'MD') return undefined;
  return { status: 'future', rule: scope.headlineToId };
}

/**
 * The status of an event whose intent code made it a THREATEN: the threat itself happened when the
 * act was the content of a threat ("the U.S. threat to impose tariffs") or of a speaker's reported
 * future ("Reagan said the U.S. would impose tariffs"). Undefined when the status stands.
 */
export function threatMadeStatus(rule: string | undefined, type: string): StatusReading | undefined {
  if (rule === governedRules.threat || (rule === scope.backshiftId && scope.threatReportedTypes.has(type)))
    return { status: 'asserted', rule: scope.threatMadeId };
  return undefined;
}

/**
 * Whether a status makes an intention of the event (an intent code, "will visit" → intend to
 * meet): a future or hypothesis of its clause, not a speculation about it (status-scope.json
 * `speculation`); an event merely dated after publication is not.
 */
export function isIntentStatus(status: EventStatus, rule: string | undefined, intentType?: string): boolean {
  // "Nakasone may be forced to resign": a speculation is no one's intent — except a possible attack
  // or sanction ("could impose tariffs if talks fail"), which is the threat it makes, unless asked for.
  if (rule !== undefined && scope.speculation.has(rule)) {
    if (intentType !== 'THREATEN' || scope.asking.has(rule)) return false;
  }
  return (status === 'future' || status === 'hypothetical') && rule !== futureDateRule;
}

/**
 * The future or hypothesis of the main clause after a sentence-opening participial clause
 * ("Besides meeting with Xi, Putin is also expected to visit Harbin"): the first such reading
 * of a trigger position within a few tokens after its comma. Negation is the main verb's own.
 */
export function mainClauseStatus(
  text: string,
  tokens: readonly Token[],
  comma: number,
): StatusReading | undefined {
  for (let j = comma + 2; j < tokens.length && j <= comma + 1 + scopeData.mainClauseWindow; j++) {
    const t = (tokens[j] as Token).lower;
    if (clauseBreakers.has(t) || t === '.') return undefined;
    const reading = clauseStatus(text, tokens, j);
    if (reading.status === 'future' || reading.status === 'hypothetical') return reading;
  }
  return undefined;
}
