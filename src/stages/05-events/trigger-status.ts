import type { EventStatus } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import type { ClauseAnalysis } from './analyze-clauses.js';
import type { SenseVerdict } from './check-sense.js';
import type { SentenceRun, Trigger } from './coding-state.js';
import { clauseBreakers, determiners, subordinators } from './sentence-words.js';
import {
  attachedClauseRule,
  clauseStatus,
  gerundUnderModal,
  headlineInfinitive,
  historicalAnchorRule,
  historicalByDate,
  isIntentStatus,
  mainClauseStatus,
  openingDateRule,
  statusByDate,
  threatMadeStatus,
  toldInPast,
} from './status.js';
import { anchorTime, attachedTime, type ClauseSpan, clauseOf, eventTime, openingTime } from './when-where.js';

const purposeMarkers = new Set(['to', 'for']);

/**
 * Whether the trigger at `head` is an act of purpose ("to attend", "for talks", "for the talks")
 * in the same clause as a trigger ending at character `after`: nothing between them ends a
 * clause or opens a subordinate one.
 */
function purposeAfter(tokens: readonly Token[], head: number, after: number): boolean {
  let k = head - 1;
  while (k >= 0 && determiners.has((tokens[k] as Token).lower)) k--;
  if (k < 0 || !purposeMarkers.has((tokens[k] as Token).lower) || (tokens[k] as Token).start < after)
    return false;
  for (let j = k - 1; j >= 0 && (tokens[j] as Token).start >= after; j--) {
    const t = (tokens[j] as Token).lower;
    if (t === '.' || t === ';' || clauseBreakers.has(t) || subordinators.has(t)) return false;
  }
  return true;
}

/** A trigger's status with the rule that set it, its clause, and the time its clause names. */
export interface TriggerStatus {
  status: EventStatus;
  statusRule: string | undefined;
  clause: ClauseSpan;
  time: ReturnType<typeof eventTime>;
}

/**
 * The trigger's status: its clause's cues, else the main clause's after a leading participial
 * clause, a coordinated or purpose verb's predecessor's, a headline infinitive's plan, and the
 * date its clause names (historical, or past against the document's date).
 */
export function triggerStatus(
  run: SentenceRun,
  t: Trigger,
  actorBy: string | undefined,
  clauses: ClauseAnalysis | undefined,
): TriggerStatus {
  const { doc, tokens } = run.ctx;
  const { m, leadingComma, lastEvent, prevLower } = t;
  let { status, rule: statusRule } = clauseStatus(doc.text, tokens, m.head);
  // "Besides meeting with Xi, Putin is also expected to visit Harbin": the participial clause
  // shares the main clause's future or hypothesis (not its negation).
  if (leadingComma >= 0 && status === 'asserted') {
    const main = mainClauseStatus(doc.text, tokens, leadingComma);
    if (main) ({ status, rule: statusRule } = main);
  }
  // "will meet Xi and sign agreements": a coordinated verb shares the first one's status.
  if (
    status === 'asserted' &&
    lastEvent?.statusRule &&
    lastEvent.status !== 'negated' &&
    (actorBy === 'shared' || prevLower === 'and' || prevLower === 'or')
  ) {
    status = lastEvent.status;
    statusRule = lastEvent.statusRule;
  }
  // "will leave for Washington to attend the meeting and for talks with the U.S.": an act of
  // purpose after a planned one is planned with it.
  if (
    status === 'asserted' &&
    lastEvent?.statusRule &&
    (lastEvent.status === 'future' || lastEvent.status === 'hypothetical') &&
    purposeAfter(tokens, m.head, lastEvent.trigger.end)
  ) {
    status = lastEvent.status;
    statusRule = lastEvent.statusRule;
  }
  // "MINISTER TO VISIT U.S.": a headline's infinitive is planned.
  if (status === 'asserted' && run.inHeadline && clauses) {
    const planned = headlineInfinitive(tokens, m.head, (i) => clauses.tagAt(i));
    if (planned) ({ status, rule: statusRule } = planned);
  }
  // "This would involve the plan being endorsed": a gerund shares the modal it completes.
  if (status === 'asserted' && clauses) {
    const governed = gerundUnderModal(clauses.chunks, clauses.chunkOf, tokens, m.head);
    if (governed) ({ status, rule: statusRule } = governed);
  }
  const clause = clauseOf(doc.text, tokens, m.head);
  let time = eventTime(run.ctx, m.head, clause);
  if (status === 'asserted') {
    const past = () => toldInPast(tokens, m.head, clauses);
    // "Last year MAB, which opposed the war, urged Muslims …": a date opening the sentence dates
    // an act told in the past whose clause names none.
    const opening = !time && past() ? openingTime(run.ctx) : undefined;
    if (opening) time = opening;
    const dated = statusByDate(time?.value, doc.source.published, past, time?.text);
    if (dated) ({ status, rule: statusRule } = dated);
    if (dated && opening) statusRule = openingDateRule;
    // "Hugh Dalton resigned after leaking details of his 1947 budget": the temporal clause dates it;
    // "failed to hold onto power in 1974 after Liberals demanded": so does the clause it is attached to.
    const anchor = !time && !dated && past() ? anchorTime(run.ctx, clause) : undefined;
    // The simple past, or a past passive ("it was vetoed"), for a clause joined by "and"/"but".
    const simplePast = () =>
      clauses?.tagAt(m.head) === 'VBD' || ['was', 'were'].includes(tokens[m.head - 1]?.lower ?? '');
    const attached =
      !time && !dated && !anchor && past() ? attachedTime(run.ctx, clause, simplePast()) : undefined;
    if (anchor && historicalByDate(anchor.value, doc.source.published)) {
      status = 'historical';
      statusRule = historicalAnchorRule;
    } else if (attached && historicalByDate(attached.value, doc.source.published)) {
      status = 'historical';
      statusRule = attachedClauseRule;
    }
  }
  return { status, statusRule, clause, time };
}

/** The sense's recode of the trigger, or the intent its rule codes under an intent status. */
export interface TriggerReading {
  recode: Extract<SenseVerdict, { action: 'recode' }> | undefined;
  intent: Trigger['m']['rule']['typeSpec']['intent'] | false | undefined;
}

/**
 * A sense that recodes the trigger wins; else an intent status ("plans to attack") reads the rule's
 * intent type. "the U.S. threat to impose tariffs": the THREATEN an intent makes is a threat that
 * was made, so its status is revised in `found`.
 */
export function triggerReading(
  t: Trigger,
  sense: SenseVerdict | undefined,
  found: TriggerStatus,
): TriggerReading {
  const recode = sense?.action === 'recode' ? sense : undefined;
  const spec = t.m.rule.typeSpec.intent;
  const intent = !recode && spec && isIntentStatus(found.status, found.statusRule, spec.type) && spec;
  if (intent && intent.type === 'THREATEN') {
    const made = threatMadeStatus(found.statusRule, t.m.rule.typeSpec.type);
    if (made) ({ status: found.status, rule: found.statusRule } = made);
  }
  return { recode, intent };
}
