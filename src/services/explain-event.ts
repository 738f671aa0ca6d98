import type { EventTrace } from '../core/doc.js';
import { eventLexicon } from '../rules/events/index.js';
import statusCueData from '../rules/events/status-cues.json' with { type: 'json' };
import statusScopeData from '../rules/events/status-scope.json' with { type: 'json' };
import type { Repository } from '../store/repository.js';
import {
  type ChainLink,
  type EvidenceSpan,
  evidenceOf,
  happeningOfEvent,
  type Telling,
} from './workspace-evidence.js';

/**
 * Why one stored event was coded, from what the store kept of it: the rule (looked up by its id in the
 * rules as data: the words it matches, its CAMEO code and mode, or the PETRARCH dictionary line it was
 * imported from), the clause that holds it with the evidence spans, the status and the cue that set it,
 * the attribution chain, the classifier's verdict and the slots' readings when the analysis kept a
 * trace, and the happening it was counted in with why. Nothing is re-analysed: the explanation is of
 * the event as stored, so it stays true of that event after the rules change (the rule's current
 * definition is shown, and said to be the current one).
 */

export interface RuleExplanation {
  id: string;
  /** `lexicon`: one of Tidings' own rules; `petrarch`: imported from PETRARCH's verb dictionary; `unknown`: no rule of that id today. */
  origin: 'lexicon' | 'petrarch' | 'unknown';
  /** In words: what the rule matches and codes. */
  description: string;
  /** The rule's trigger words as written (head first), for own rules. */
  words: string[] | null;
  cameo: string | null;
  mode: string | null;
  /** Prepositions that introduce the recipient, when the rule names them. */
  recipientPreps: string[] | null;
}

export interface StatusExplanation {
  status: string;
  /** The cue's id (`events:status.negated-not`), null for a plain assertion. */
  rule: string | null;
  /** In words: what set the status. */
  description: string;
  /** The cue's words as the rules list them, when it is a word cue. */
  words: string[] | null;
}

export interface ClauseExplanation {
  /** The verb group of the trigger's clause as the clause analysis read it (text from the sentence). */
  verbGroup: {
    text: string;
    tense: string | null;
    aspect: string | null;
    voice: string | null;
    negated: boolean | null;
  } | null;
  /** How the actor and recipient slots were filled (`clause:subject`, `clause:by-agent`, …). */
  actorBy: string | null;
  recipientBy: string | null;
  /** Other readings of the same words that were set aside, with why. */
  rejected: { type: string; rule: string; reason: string; score: number | null }[];
}

export interface EventExplanation {
  docId: string;
  idx: number;
  title: string | null;
  uri: string;
  published: string | null;
  type: string;
  mode: string | null;
  cameo: string | null;
  quad: number | null;
  goldstein: number | null;
  date: string | null;
  actor: string | null;
  recipient: string | null;
  location: string | null;
  /** `rule`, `classifier` or `rule+classifier`; null when the analysis kept no trace (then: the rule). */
  decidedBy: string | null;
  rule: RuleExplanation;
  model: { name: string; label: string; score: number } | null;
  status: StatusExplanation;
  sentence: { index: number; start: number; text: string };
  spans: EvidenceSpan[];
  /** The clause as the events stage read it; null when the stored analysis kept no trace. */
  clause: ClauseExplanation | null;
  /** Outermost source first; empty when the article says it itself. */
  chain: ChainLink[];
  /** The other tellings of the event in its article (merged into it), each sentence with its trigger. */
  tellings: Telling[];
  /** The happening this event was counted in, and why it was merged there. */
  happening: { id: number; numSources: number; numMentions: number; reason: string | null } | null;
}

interface OwnRule {
  type: string;
  spec: (typeof eventLexicon)[number]['rules'][number];
}

let ownRules: Map<string, OwnRule> | undefined;

function ownRule(id: string): OwnRule | undefined {
  if (!ownRules) {
    ownRules = new Map();
    for (const t of eventLexicon) for (const spec of t.rules) ownRules.set(spec.id, { type: t.type, spec });
  }
  return ownRules.get(id);
}

interface Cue {
  words: string[] | null;
  description: string;
}

let cues: Map<string, Cue> | undefined;

function statusCue(id: string): Cue | undefined {
  if (!cues) {
    cues = new Map();
    for (const status of ['negated', 'hypothetical', 'future'] as const) {
      for (const cue of statusCueData[status]) {
        const kept = cues.get(cue.id);
        // One id may list several spellings ("didn't", "didn’t"): keep every one.
        const words = [...(kept?.words ?? []), cue.words.join(' ')];
        cues.set(cue.id, {
          words,
          description: `${words.map((w) => `“${w}”`).join(' or ')} shortly before the trigger, in its clause, makes it ${status}`,
        });
      }
    }
    const scope = statusScopeData as unknown as Record<
      string,
      { id?: string; description?: string; words?: string[] }
    >;
    for (const part of Object.values(scope)) {
      if (part && typeof part === 'object' && typeof part.id === 'string' && !cues.has(part.id)) {
        cues.set(part.id, { words: part.words ?? null, description: part.description ?? part.id });
      }
    }
  }
  return cues.get(id);
}

/** What a rule id stands for, from the rules as they are now. */
export function explainRule(id: string): RuleExplanation {
  const own = ownRule(id);
  if (own) {
    const words = own.spec.words;
    const preps = own.spec.recipientPreps ?? null;
    const needs = own.spec.requirePrep && preps ? `, only with a recipient after “${preps.join('”/“')}”` : '';
    return {
      id,
      origin: 'lexicon',
      description: `Tidings' ${own.type} rule: the ${own.spec.pos ?? 'verb'} “${words[0]}”${
        words.length > 1
          ? ` followed by ${words
              .slice(1)
              .map((w) => `“${w.replace(/\|/g, '”/“')}”`)
              .join(', ')}`
          : ''
      }${needs}, coded CAMEO ${own.spec.cameo}${own.spec.mode ? ` (${own.spec.mode})` : ''}`,
      words: [...words],
      cameo: own.spec.cameo,
      mode: own.spec.mode ?? null,
      recipientPreps: preps ? [...preps] : null,
    };
  }
  const petrarch = /^petrarch:(.+)\.(\d+)$/.exec(id);
  if (petrarch) {
    return {
      id,
      origin: 'petrarch',
      description: `a pattern of PETRARCH's verb dictionary (block “${petrarch[1]}”, line ${petrarch[2]} of CAMEO.2.0.txt), imported and mapped to PLOVER by the codebook table`,
      words: null,
      cameo: null,
      mode: null,
      recipientPreps: null,
    };
  }
  return {
    id,
    origin: 'unknown',
    description: 'no rule of this id in the rules today (the event was coded by an earlier version)',
    words: null,
    cameo: null,
    mode: null,
    recipientPreps: null,
  };
}

export function explainStatus(status: string, rule: string | null): StatusExplanation {
  if (!rule) {
    return {
      status,
      rule: null,
      description:
        status === 'asserted'
          ? 'stated as having happened: no cue of negation, condition or future in its clause'
          : status,
      words: null,
    };
  }
  const cue = statusCue(rule);
  return { status, rule, description: cue?.description ?? `set by ${rule}`, words: cue?.words ?? null };
}

function explainClause(trace: EventTrace | undefined, text: string): ClauseExplanation | null {
  if (!trace) return null;
  const vg = trace.verbGroup;
  return {
    verbGroup: vg
      ? {
          text: text.slice(vg.start, vg.end),
          tense: vg.tense ?? null,
          aspect: vg.aspect ?? null,
          voice: vg.voice ?? null,
          negated: vg.negated ?? null,
        }
      : null,
    actorBy: trace.actorBy ?? null,
    recipientBy: trace.recipientBy ?? null,
    rejected: (trace.rejected ?? []).map((r) => ({
      type: r.type,
      rule: r.rule,
      reason: r.reason,
      score: r.score ?? null,
    })),
  };
}

/** The explanation of event `idx` of document `docId`; null when there is no such event. */
export async function explainEvent(
  store: Repository,
  docId: string,
  idx: number,
): Promise<EventExplanation | null> {
  if (!/^[0-9a-f]{64}$/.test(docId) || !Number.isSafeInteger(idx) || idx < 0) return null;
  const analysis = await store.getDocument(docId);
  const evidence = analysis ? evidenceOf(analysis, idx) : null;
  if (!analysis || !evidence) return null;
  const event = analysis.events[idx];
  const row = await happeningOfEvent(store, docId, idx);
  const detail = row ? await store.getHappening(row.id) : null;
  const mention = detail?.mentions.find((m) => m.docId === docId && m.idx === idx);
  return {
    docId,
    idx,
    title: evidence.title,
    uri: evidence.uri,
    published: evidence.published,
    type: evidence.type,
    mode: evidence.mode,
    cameo: evidence.cameo,
    quad: evidence.quad,
    goldstein: evidence.goldstein,
    date: evidence.date,
    actor: evidence.actor,
    recipient: evidence.recipient,
    location: evidence.location,
    decidedBy: evidence.decidedBy,
    rule: explainRule(evidence.rule),
    model: evidence.model,
    status: explainStatus(evidence.status, evidence.statusRule),
    sentence: evidence.sentence,
    spans: evidence.spans,
    clause: explainClause(event?.trace, analysis.text),
    chain: evidence.chain,
    tellings: evidence.tellings,
    happening: row
      ? {
          id: row.id,
          numSources: row.numSources,
          numMentions: row.numMentions,
          reason: mention?.reason ?? null,
        }
      : null,
  };
}
