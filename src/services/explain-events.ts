import type { Analysis } from '../core/analysis.js';
import { createDoc, type Doc, type EventParticipant, type NewsEvent } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { describeClauses, explainEvents } from '../stages/05-events/index.js';

/**
 * The provenance of a document's events (`tidings explain`, `GET /api/documents/:id/explain`):
 * for each event the rule or model that coded it, its sentence and the clause analysis, the
 * evidence spans (trigger, actor, recipient, date, place) with how each side was chosen, and why
 * its status is what it is; then the statements and appeals, and per sentence the readings that were
 * considered and set aside, with why.
 */

export interface ExplainedSpan {
  start: number;
  end: number;
  text: string;
}

export interface ExplainedSide extends ExplainedSpan {
  country?: string;
  sector?: string;
  entity?: string;
  /** How the slot was filled: `clause:subject`, `clause:by-agent`, `prep:to`, … */
  by?: string;
}

export interface ExplainedEvent {
  /** Index in the document's `events`. */
  index: number;
  type: string;
  mode?: string;
  cameo?: string;
  goldstein?: number;
  /** The lexicon rule (`events:…`, `petrarch:<block>.<line>`) that coded it. */
  rule: string;
  /** `rule`, `classifier` or `rule+classifier`. */
  decidedBy?: string;
  classifier?: { model: string; label: string; score: number };
  /** How likely the reading is right (`NewsEvent.confidence`), with the model's features of it. */
  confidence?: number;
  confidenceFeatures?: string[];
  sentence: { index: number; start: number; end: number; text: string };
  /** The sentence's chunks as the clause analysis read them. */
  clause?: string;
  trigger: ExplainedSpan;
  actor?: ExplainedSide;
  recipient?: ExplainedSide;
  location?: ExplainedSide;
  date?: string;
  dateFrom?: string;
  status: string;
  /** Why the status: the cue or scope rule, and the verb group's tense, voice and negation. */
  statusReason: string;
  /** Who reports it, outermost first. */
  reportedBy?: string[];
  /** Other sentences telling the same happening. */
  mentions?: number;
  /** Other readings of the same words that were set aside. */
  rejected?: { type: string; rule: string; reason: string }[];
}

export interface ExplainedStatement {
  type: string;
  cameo: string;
  name: string;
  rule: string;
  sentence: number;
  trigger: ExplainedSpan;
  actor?: ExplainedSide;
  status: string;
  statusReason: string;
}

export interface Explanation {
  /** The analysis format's id of the text (its content hash), when explained from a store. */
  id?: string;
  events: ExplainedEvent[];
  statements: ExplainedStatement[];
  /** Sentences with readings that were considered and set aside, and why. */
  considered: {
    sentence: number;
    text: string;
    rejected: { type: string; rule: string; reason: string; trigger?: string }[];
  }[];
}

const spanOf = (text: string, s: { start: number; end: number }): ExplainedSpan => ({
  start: s.start,
  end: s.end,
  text: text.slice(s.start, s.end),
});

function side(text: string, p: EventParticipant | undefined, by?: string): ExplainedSide | undefined {
  if (!p) return undefined;
  return {
    ...spanOf(text, p),
    ...(p.country ? { country: p.country } : {}),
    ...(p.sector ? { sector: p.sector } : {}),
    ...(p.entity ? { entity: p.entity } : {}),
    ...(by ? { by } : {}),
  };
}

function statusReason(e: Pick<NewsEvent, 'status' | 'statusRule' | 'trace'>): string {
  const parts: string[] = [];
  if (e.statusRule) parts.push(`set by ${e.statusRule}`);
  else
    parts.push(
      e.status === 'asserted' ? 'no negation, condition, future or past cue in its clause' : 'no cue named',
    );
  const vg = e.trace?.verbGroup;
  if (vg) {
    const bits = [vg.tense, vg.aspect, vg.voice, vg.negated ? 'negated' : undefined].filter(Boolean);
    if (bits.length > 0) parts.push(`verb group ${bits.join(', ')}`);
  }
  return parts.join('; ');
}

/** Explains an analysed Doc: the events stage is run again with its trace on. */
export function explainDoc(doc: Readonly<Doc>): Explanation {
  const { events, sentences } = explainEvents(doc);
  const text = doc.text;
  const clauseCache = new Map<number, string | undefined>();
  const clauseOf = (i: number) => {
    if (!clauseCache.has(i)) clauseCache.set(i, describeClauses(doc, i));
    return clauseCache.get(i);
  };
  const out: ExplainedEvent[] = events.map((e, index) => {
    const s = doc.sentences?.[e.sentence];
    const t = e.trace;
    const clause = clauseOf(e.sentence);
    return {
      index,
      type: e.type,
      ...(e.mode ? { mode: e.mode } : {}),
      ...(e.cameo ? { cameo: e.cameo } : {}),
      ...(e.goldstein !== undefined ? { goldstein: e.goldstein } : {}),
      rule: e.rule,
      ...(t?.decidedBy ? { decidedBy: t.decidedBy } : {}),
      ...(t?.classifier ? { classifier: t.classifier } : {}),
      ...(e.confidence !== undefined ? { confidence: e.confidence } : {}),
      ...(t?.confidenceFeatures ? { confidenceFeatures: t.confidenceFeatures } : {}),
      sentence: {
        index: e.sentence,
        start: s?.start ?? e.start,
        end: s?.end ?? e.end,
        text: text.slice(s?.start ?? e.start, s?.end ?? e.end),
      },
      ...(clause ? { clause } : {}),
      trigger: spanOf(text, e.trigger),
      ...(e.actor ? { actor: side(text, e.actor, t?.actorBy) } : {}),
      ...(e.recipient ? { recipient: side(text, e.recipient, t?.recipientBy) } : {}),
      ...(e.location ? { location: side(text, e.location) } : {}),
      ...(e.date ? { date: e.date } : {}),
      ...(e.dateFrom ? { dateFrom: e.dateFrom } : {}),
      status: e.status,
      statusReason: statusReason(e),
      ...(e.attribution ? { reportedBy: e.attribution.sources.map((x) => x.text) } : {}),
      ...(e.mentions && e.mentions.length > 1 ? { mentions: e.mentions.length } : {}),
      ...(t?.rejected && t.rejected.length > 0
        ? { rejected: t.rejected.map((r) => ({ type: r.type, rule: r.rule, reason: r.reason })) }
        : {}),
    };
  });
  const statements: ExplainedStatement[] = (doc.statements ?? []).map((st) => ({
    type: st.type,
    cameo: st.cameo,
    name: st.name,
    rule: st.rule,
    sentence: st.sentence,
    trigger: spanOf(text, st.trigger),
    ...(st.actor ? { actor: side(text, st.actor) } : {}),
    status: st.status,
    statusReason: statusReason(st),
  }));
  const considered = sentences.map((s) => {
    const sentence = doc.sentences?.[s.sentence];
    return {
      sentence: s.sentence,
      text: sentence ? text.slice(sentence.start, sentence.end) : '',
      rejected: s.rejected.map((r) => ({
        type: r.type,
        rule: r.rule,
        reason: r.reason,
        ...(r.trigger ? { trigger: text.slice(r.trigger.start, r.trigger.end) } : {}),
      })),
    };
  });
  return { events: out, statements, considered };
}

/**
 * Explains a stored analysis: its text is analysed again with its publication date (the stored
 * layers are not traces), so the explanation is what this build codes; `changed` says when that
 * differs from the stored events (coded by another build).
 */
export function explainAnalysis(analysis: Analysis): Explanation & { changed: boolean } {
  const doc = analyzeDoc(
    createDoc(analysis.text, {
      ...analysis.source,
      ...(analysis.published ? { published: analysis.published } : {}),
    }),
  );
  const x = explainDoc(doc);
  const key = (e: { type: string; rule: string; trigger: { start: number; end: number } }) =>
    `${e.type}|${e.rule}|${e.trigger.start}|${e.trigger.end}`;
  const stored = analysis.events.map(key).join('\n');
  const now = (doc.events ?? []).map(key).join('\n');
  return { id: analysis.id, ...x, changed: stored !== now };
}

/** The explanation as text: one block per event, then statements, then what was set aside. */
export function formatExplanation(x: Explanation): string {
  const lines: string[] = [];
  const sideText = (label: string, s: ExplainedSide | undefined) =>
    s
      ? `  ${label}: "${s.text}"${s.country ? ` ${s.country}` : ''}${s.sector ? `/${s.sector}` : ''}${s.by ? ` (by ${s.by})` : ''}`
      : `  ${label}: —`;
  for (const e of x.events) {
    lines.push(
      `event ${e.index}: ${e.type}${e.mode ? `/${e.mode}` : ''}${e.cameo ? ` CAMEO ${e.cameo}` : ''} — ${e.status}`,
    );
    const model = e.classifier
      ? `; classifier ${e.classifier.model} says ${e.classifier.label} (${e.classifier.score.toFixed(2)})`
      : '';
    lines.push(`  coded by: ${e.rule}${e.decidedBy ? ` [${e.decidedBy}]` : ''}${model}`);
    if (e.confidence !== undefined)
      lines.push(
        `  confidence: ${e.confidence} (${(e.confidenceFeatures ?? []).filter((f) => f !== 'bias').join(', ')})`,
      );
    lines.push(`  sentence ${e.sentence.index}: ${e.sentence.text}`);
    if (e.clause) lines.push(`  clause: ${e.clause}`);
    lines.push(`  trigger: "${e.trigger.text}" [${e.trigger.start}, ${e.trigger.end})`);
    lines.push(sideText('actor', e.actor));
    lines.push(sideText('recipient', e.recipient));
    if (e.location) lines.push(sideText('place', e.location));
    if (e.date) lines.push(`  date: ${e.date} (from ${e.dateFrom ?? 'text'})`);
    lines.push(`  status: ${e.status} — ${e.statusReason}`);
    if (e.reportedBy) lines.push(`  reported by: ${e.reportedBy.join(' ← ')}`);
    if (e.mentions) lines.push(`  told ${e.mentions} times in the article`);
    for (const r of e.rejected ?? []) lines.push(`  set aside: ${r.type} ${r.rule} (${r.reason})`);
  }
  if (x.events.length === 0) lines.push('no events');
  for (const s of x.statements) {
    lines.push(
      `statement: ${s.type} CAMEO ${s.cameo} ${s.name} — "${s.trigger.text}" in sentence ${s.sentence}, ${s.status}; by ${s.rule}${s.actor ? `; actor "${s.actor.text}"${s.actor.country ? ` ${s.actor.country}` : ''}` : ''}`,
    );
  }
  for (const c of x.considered) {
    lines.push(`considered in sentence ${c.sentence}: ${c.text}`);
    for (const r of c.rejected)
      lines.push(`  ${r.type} ${r.rule}${r.trigger ? ` "${r.trigger}"` : ''}: ${r.reason}`);
  }
  return lines.join('\n');
}
