import type {
  Attribution,
  CameoStatement,
  Doc,
  Entity,
  EventParticipant,
  NewsEvent,
  Sentence,
} from '../../core/doc.js';
import { sentenceJoinedTokens, type JoinedToken as Token, type TokenLayer } from '../../core/tokens.js';
import { cameoCode } from '../../rules/events/cameo.js';
import petrarchData from '../../rules/events/petrarch-verbs.json' with { type: 'json' };
import { ClauseAnalysis } from './analyze-clauses.js';
import { clauseSides } from './clause-participants.js';
import { type CompiledRule, compileLexicon, type PetrarchRules } from './compile-lexicon.js';
import { findMatches, HeadIndex } from './matching.js';
import { buildGroups, participant } from './participants.js';
import {
  clauseBreakers,
  type EntityMention,
  type Group,
  isReportingVerb,
  tokenAt,
} from './sentence-words.js';
import { clauseStatus } from './status.js';
import type { SentenceTagger } from './tag-sentence.js';

/**
 * Statements and appeals: the verbal events CAMEO codes under roots 01 ("make public statement":
 * statements, comments declined, responsibility claimed or denied) and 02 ("appeal"), which PLOVER
 * does not code as events. Two sources, both general: PETRARCH2's CAMEO verb dictionary (its
 * 01/02 verbs and patterns, compiled alone with `cameoOnly`), and the reporting verbs the quotes
 * stage reads as attributions ("X said …" is CAMEO 010, make statement). A trigger a PLOVER event
 * already holds is that event's, never a statement too.
 */

/** Only the 01/02 codes and the null-code vetoes of PETRARCH's verb dictionary. */
function statementRules(data: PetrarchRules): PetrarchRules {
  const keep = (code: string | null | undefined) => code === null || /^0[12]/.test(code ?? '');
  return {
    plover: {},
    synsets: data.synsets,
    blocks: data.blocks.map((b) => ({
      ...b,
      verbs: b.verbs.map((v) => (v.code && !keep(v.code) ? { ...v, code: undefined } : v)),
      patterns: b.patterns.filter((p) => keep(p.code)),
    })),
  };
}

const statementLexicon = compileLexicon([], statementRules(petrarchData as PetrarchRules), {
  cameoOnly: true,
});
/** Heads of the statement rules, with the imported (PETRARCH) rules tried. */
export const statementIndex = new HeadIndex(statementLexicon.byHead, statementLexicon, true);

/** How many statement rules were compiled (PETRARCH 01/02 verbs and patterns, vetoes included). */
export const statementRuleCount = statementLexicon.importedCount;

export const REPORTED_SPEECH_RULE = 'events:statement.reported-speech';
const MAKE_STATEMENT = cameoCode('010');

export interface StatementSentence {
  doc: Readonly<Doc>;
  layer: TokenLayer;
  sentence: Sentence;
  index: number;
  mentions: readonly EntityMention[];
  attributions: readonly Attribution[];
  /** The PLOVER events coded in this sentence: their triggers are not statements. */
  events: readonly NewsEvent[];
  tagger: () => SentenceTagger;
  /** The document's entity with this id (an index built once per document: a scan per source is quadratic). */
  entity: (id: string) => Entity | undefined;
}

/** The statements and appeals of one sentence, in text order. */
export function codeStatements(s: StatementSentence): CameoStatement[] {
  const { doc, layer, sentence, index } = s;
  const hasAttribution = s.attributions.some(
    (a) => a.cue.start >= sentence.start && a.cue.end <= sentence.end,
  );
  const mayMatch = statementIndex.mayHoldTrigger(layer, index);
  if (!hasAttribution && !mayMatch) return [];
  const firsts: number[] = [];
  const tokens = sentenceJoinedTokens(layer, index, sentence, firsts);
  const taken = (start: number, end: number) =>
    s.events.some(
      (e) =>
        (e.trigger.start < end && start < e.trigger.end) ||
        (e.merged ?? []).some((m) => m.start < end && start < m.end),
    );
  let groups: Group[] | undefined;
  const groupsOf = () => {
    groups ??= buildGroups(doc, s.mentions, tokens);
    return groups;
  };
  let clauses: ClauseAnalysis | undefined;
  const clausesOf = () => {
    if (!clauses) {
      const { tags, possessive } = s.tagger().tag(index, tokens);
      clauses = new ClauseAnalysis(tokens, tags, possessive);
    }
    return clauses;
  };
  const out: CameoStatement[] = [];
  const matches = mayMatch ? findMatches(tokens, layer, firsts, statementIndex) : [];
  for (const m of matches) {
    if (m.rule.veto) continue;
    const head = tokens[m.head] as Token;
    const last = tokens[m.last] as Token;
    if (taken(head.start, last.end)) continue;
    const sides = sidesOf(m.rule, m.head, tokens, groupsOf(), clausesOf());
    const actor = sides.actor
      ? participant(doc, tokens, sides.actor)
      : attributionActor(s, s.attributions, head.start);
    const recipient = sides.recipient ? participant(doc, tokens, sides.recipient) : undefined;
    const type = m.rule.typeSpec.type === 'APPEAL' ? 'APPEAL' : 'STATEMENT';
    out.push(
      statement(
        doc,
        sentence,
        index,
        type,
        m.rule.code,
        head,
        last,
        m.rule.spec.id,
        tokens,
        m.head,
        actor,
        recipient,
      ),
    );
  }
  for (const a of s.attributions) {
    if (a.cue.start < sentence.start || a.cue.end > sentence.end) continue;
    const at = tokenAt(tokens, a.cue.start);
    const cue = tokens[at];
    // Only a reporting verb is a statement: "according to" and "citing" name a source, not an act.
    if (!cue || !isReportingVerb(doc.text, cue)) continue;
    if (taken(a.cue.start, a.cue.end)) continue;
    if (out.some((o) => o.trigger.start < a.cue.end && a.cue.start < o.trigger.end)) continue;
    const actor = attributionActor(s, [a], a.cue.start);
    out.push(
      statement(
        doc,
        sentence,
        index,
        'STATEMENT',
        MAKE_STATEMENT,
        cue,
        cue,
        REPORTED_SPEECH_RULE,
        tokens,
        at,
        actor,
      ),
    );
  }
  return out.sort((a, b) => a.trigger.start - b.trigger.start);
}

function statement(
  doc: Readonly<Doc>,
  sentence: Sentence,
  index: number,
  type: CameoStatement['type'],
  code: { code: string; name: string; goldstein: number },
  head: Token,
  last: Token,
  rule: string,
  tokens: readonly Token[],
  headIndex: number,
  actor?: EventParticipant,
  recipient?: EventParticipant,
): CameoStatement {
  const status = clauseStatus(doc.text, tokens, headIndex);
  return {
    start: sentence.start,
    end: sentence.end,
    type,
    cameo: code.code,
    name: code.name,
    goldstein: code.goldstein,
    status: status.status,
    ...(status.rule ? { statusRule: status.rule } : {}),
    ...(actor ? { actor } : {}),
    ...(recipient ? { recipient } : {}),
    trigger: { start: head.start, end: last.end },
    sentence: index,
    rule,
  };
}

/** Actor and recipient from the trigger's clause; else the nearest named side before it in its clause. */
function sidesOf(
  rule: CompiledRule,
  head: number,
  tokens: readonly Token[],
  groups: readonly Group[],
  clauses: ClauseAnalysis,
): { actor?: Group; recipient?: Group } {
  const frame = clauses.frameAt(head);
  const sides = frame ? clauseSides(frame, groups, tokens, rule.recipientPreps) : {};
  if (sides.actor) return sides;
  let actor: Group | undefined;
  for (const g of groups) {
    if (g.last >= head) break;
    let crosses = false;
    for (let k = g.last + 1; k < head; k++)
      if (clauseBreakers.has((tokens[k] as Token).lower)) crosses = true;
    if (!crosses) actor = g;
  }
  return { ...(actor ? { actor } : {}), ...(sides.recipient ? { recipient: sides.recipient } : {}) };
}

/** The source of the report whose cue is at `cue`: who makes the statement. */
function attributionActor(
  s: StatementSentence,
  attributions: readonly Attribution[],
  cue: number,
): EventParticipant | undefined {
  const a = attributions.find((x) => x.cue.start === cue);
  if (!a?.sourceSpan) return undefined;
  const p: EventParticipant = { start: a.sourceSpan.start, end: a.sourceSpan.end, text: a.source };
  const entity = a.sourceEntity ? s.entity(a.sourceEntity) : undefined;
  if (entity) {
    p.entity = entity.id;
    if (entity.country) p.country = entity.country;
    if (entity.sector) p.sector = entity.sector;
  }
  return p;
}
