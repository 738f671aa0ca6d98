import { availableParallelism } from 'node:os';
import type { Analysis } from '../core/analysis.js';
import type { Diagnostic, Doc, NewsEvent } from '../core/doc.js';
import { analyzeDoc } from '../pipeline.js';
import { pipelineVersion } from '../pipeline-version.js';
import type { RecodeOutcome, Repository } from '../store/repository.js';
import { type Analyze, type IngestInput, type PreparedEntry, prepareEntry } from './ingest-batch.js';
import { type AnalysisPool, startPool } from './ingest-parallel.js';

/**
 * Re-coding: after an upgrade of the rules, models or knowledge bases, analyse the stored documents
 * again from their stored text (never re-ingested: the text is the one ingest decoded, a web page's
 * extracted text and blocks are reused) and replace their analyses, each document in one transaction
 * that also takes its events out of the happenings and relation counts and links the new ones
 * (Repository.recodeDocument). A document is marked with the version that coded it in that same
 * transaction, so a run that stops midway leaves every document either fully old or fully new, and
 * `--stale` run again continues with the documents still old.
 */

export interface RecodeOptions {
  store: Repository;
  /** `stale`: documents analysed by another pipeline version (or an unknown one); `all`: every document. */
  mode: 'stale' | 'all';
  /** Documents at most (default: every one that qualifies). */
  limit?: number;
  /** The analyzer on the calling thread (default: the pipeline); tests pass older or newer ones. */
  analyze?: Analyze;
  /** The version recorded for the new analyses (default: this install's). */
  pipeline?: string;
  /** Analysis threads (default: one per core; 0 analyses on the calling thread). */
  workers?: number;
  /** A module whose `analyzeDoc` export the threads use instead of the pipeline's (tests). */
  analyzeModule?: string | URL;
  /** A document's analysis is stopped after this long (default 60 s); the document keeps its old analysis. */
  timeoutMs?: number;
  /** Documents read and analysed per round (default 64). */
  pageSize?: number;
  /** Keep a diff per document in the report (`--json`). */
  details?: boolean;
  /** Called after each document with how many have been handled. */
  onProgress?: (handled: number) => void;
}

/** An event as a diff names it: where, what, who, and the rule that coded it. */
export interface EventBrief {
  type: string;
  status: string;
  start: number;
  end: number;
  text: string;
  actor: string | null;
  recipient: string | null;
  rule: string;
}

export interface EventDiff {
  added: EventBrief[];
  removed: EventBrief[];
  /** Same words and type, something else differs (participants, status, date, codes). */
  changed: { before: EventBrief; after: EventBrief }[];
}

export interface RecodedDocument {
  id: string;
  uri: string;
  title: string | null;
  /** The version it had; null when unknown (stored before versions were kept). */
  previous: string | null;
  status: 'recoded' | 'unchanged' | 'failed';
  reason?: string;
  events: EventDiff;
  happenings: RecodeOutcome['happenings'];
}

export interface TypeCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface RecodeReport {
  pipeline: string;
  mode: 'stale' | 'all';
  documents: { considered: number; recoded: number; unchanged: number; failed: number };
  events: TypeCounts & { before: number; after: number; byType: Record<string, TypeCounts> };
  happenings: RecodeOutcome['happenings'];
  failures: { id: string; reason: string }[];
  /** With `details`: one entry per document considered, in id order. */
  perDocument?: RecodedDocument[];
}

/**
 * Diagnostics raised while reading the input (`ingest:` decoding and checks, `extract:` a web page's
 * article) are kept, as ingest handed them to the stages; the stages' own (and the runner's) are dropped,
 * since analysing again raises them anew.
 */
const READING_DIAGNOSTICS = new Set(['ingest', 'extract']);

/** The document ingest made, rebuilt from a stored analysis: source, text, blocks and reading diagnostics. */
export function docOfAnalysis(analysis: Analysis): Doc {
  const diagnostics: Diagnostic[] = analysis.diagnostics.filter((d) =>
    READING_DIAGNOSTICS.has(d.ruleId.slice(0, d.ruleId.indexOf(':'))),
  );
  return {
    source: analysis.source,
    text: analysis.text,
    ...(analysis.blocks.length > 0 ? { blocks: analysis.blocks } : {}),
    diagnostics,
  };
}

function party(p: NewsEvent['actor']): string | null {
  if (!p) return null;
  return p.entity ?? p.country ?? p.text ?? null;
}

function brief(e: NewsEvent, text: string): EventBrief {
  return {
    type: e.type,
    status: e.status,
    start: e.start,
    end: e.end,
    text: text.slice(e.start, e.end),
    actor: party(e.actor),
    recipient: party(e.recipient),
    rule: e.rule,
  };
}

/**
 * The events of two analyses of one text compared: an event is the same when it has the same span
 * and type; the same but with any other field different is changed.
 */
export function diffEvents(before: Analysis, after: Analysis): EventDiff {
  const key = (e: NewsEvent) => `${e.start}:${e.end}:${e.type}`;
  const old = new Map<string, NewsEvent[]>();
  for (const e of before.events) {
    const list = old.get(key(e));
    if (list) list.push(e);
    else old.set(key(e), [e]);
  }
  const diff: EventDiff = { added: [], removed: [], changed: [] };
  for (const e of after.events) {
    const was = old.get(key(e))?.shift();
    if (!was) diff.added.push(brief(e, after.text));
    else if (JSON.stringify(was) !== JSON.stringify(e)) {
      diff.changed.push({ before: brief(was, before.text), after: brief(e, after.text) });
    }
  }
  for (const left of old.values()) for (const e of left) diff.removed.push(brief(e, before.text));
  return diff;
}

const NO_LINKS = { removed: 0, left: 0, created: 0, joined: 0 };

export async function recodeStore(options: RecodeOptions): Promise<RecodeReport> {
  const { store, mode } = options;
  const pipeline = options.pipeline ?? pipelineVersion().version;
  const analyze = options.analyze ?? analyzeDoc;
  const pageSize = options.pageSize ?? 64;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const workers = options.workers ?? availableParallelism();
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const [name, value, min] of [
    ['pageSize', pageSize, 1],
    ['workers', workers, 0],
    ['timeoutMs', timeoutMs, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`recodeStore: ${name} must be an integer ≥ ${min}, instead found ${value}`);
    }
  }
  if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 0))) {
    throw new RangeError(`recodeStore: limit must be an integer ≥ 0, instead found ${limit}`);
  }
  const report: RecodeReport = {
    pipeline,
    mode,
    documents: { considered: 0, recoded: 0, unchanged: 0, failed: 0 },
    events: { before: 0, after: 0, added: 0, removed: 0, changed: 0, byType: {} },
    happenings: { ...NO_LINKS },
    failures: [],
    ...(options.details ? { perDocument: [] } : {}),
  };
  const count = (type: string, field: keyof TypeCounts) => {
    report.events[field]++;
    report.events.byType[type] ??= { added: 0, removed: 0, changed: 0 };
    (report.events.byType[type] as TypeCounts)[field]++;
  };

  let pool: AnalysisPool | undefined;
  const analyzeInput = (input: IngestInput): Promise<PreparedEntry> | PreparedEntry =>
    pool ? pool.analyze(input) : prepareEntry(input, analyze, pipeline);
  let after: string | undefined;
  try {
    while (report.documents.considered < limit) {
      const want = Math.min(pageSize, limit - report.documents.considered);
      const ids = await store.listRecodable({
        version: pipeline,
        all: mode === 'all',
        limit: want,
        ...(after !== undefined ? { after } : {}),
      });
      if (ids.length === 0) break;
      after = ids.at(-1);
      // Threads pay for themselves only over more than a page of documents.
      if (!pool && workers > 0 && ids.length === pageSize && options.analyze === undefined) {
        pool = startPool(
          workers,
          timeoutMs,
          options.analyzeModule ? { analyzeModule: options.analyzeModule } : {},
        );
      }
      const olds = await Promise.all(ids.map((id) => store.getDocument(id)));
      const fresh = olds.map((old) => (old ? analyzeInput({ doc: docOfAnalysis(old) }) : null));
      for (const [i, old] of olds.entries()) {
        const prepared = await fresh[i];
        if (!old || !prepared) continue;
        report.documents.considered++;
        const entry = prepared.entry;
        const done: RecodedDocument = {
          id: old.id,
          uri: old.source.uri,
          title: old.title,
          previous: null,
          status: 'failed',
          events: { added: [], removed: [], changed: [] },
          happenings: { ...NO_LINKS },
        };
        if (entry.kind !== 'document' || entry.analysis.rejected || entry.analysis.id !== old.id) {
          const reason =
            prepared.rejection?.reason ??
            (entry.kind === 'rejected'
              ? entry.input.diagnostics.find((d) => d.severity === 'error')?.reason
              : null) ??
            'the analysis came back rejected';
          done.reason = `kept the old analysis: ${reason}`;
          report.documents.failed++;
          report.failures.push({ id: old.id, reason: done.reason });
        } else {
          const outcome = await store.recodeDocument(entry.analysis, pipeline);
          if (!outcome) {
            // Deleted (or rejected) meanwhile: nothing to re-code.
            report.documents.considered--;
            continue;
          }
          done.previous = outcome.previous;
          done.status = outcome.status;
          done.happenings = outcome.happenings;
          report.events.before += old.events.length;
          report.events.after += entry.analysis.events.length;
          if (outcome.status === 'unchanged') report.documents.unchanged++;
          else {
            report.documents.recoded++;
            done.events = diffEvents(old, entry.analysis);
            for (const e of done.events.added) count(e.type, 'added');
            for (const e of done.events.removed) count(e.type, 'removed');
            for (const c of done.events.changed) count(c.after.type, 'changed');
            for (const k of Object.keys(NO_LINKS) as (keyof RecodeOutcome['happenings'])[]) {
              report.happenings[k] += outcome.happenings[k];
            }
          }
        }
        report.perDocument?.push(done);
        options.onProgress?.(report.documents.considered);
      }
    }
  } finally {
    await pool?.close();
  }
  return report;
}
