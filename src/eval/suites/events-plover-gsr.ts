import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createDoc, type Doc, type NewsEvent } from '../../core/doc.js';
import { runStage } from '../../core/runner.js';
import { analyzeDoc } from '../../pipeline.js';
import { eventsStage } from '../../stages/05-events/index.js';
import { accuracy, type Counts, emptyCounts, macroPrf } from '../metrics.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

export type Analyze = (doc: Doc) => Doc;

/** One gold participant of a PLOVER GSR record. */
export interface GoldActor {
  actorText?: string;
  /** ISO3 country, or a PLOVER/CAMEO group code (IGO, NGO, …). */
  code?: string;
  sector?: string;
}

export interface GoldRecord {
  id: string;
  text: string;
  event: string;
  mode?: string;
  date?: string;
  source: GoldActor[];
  target: GoldActor[];
}

/** Prepares a record's doc: one sentence (the whole trimmed text), nothing removed, no times. */
function prepare(doc: Doc): Doc {
  let start = 0;
  let end = doc.text.length;
  while (start < end && /\s/.test(doc.text[start] as string)) start++;
  while (end > start && /\s/.test(doc.text[end - 1] as string)) end--;
  const sentences = end > start ? [{ start, end, paragraph: 0 }] : [];
  return {
    ...doc,
    removed: [],
    paragraphs: sentences.map((s) => ({ start: s.start, end: s.end })),
    sentences,
    times: [],
  };
}

/** Sentence → events stage with no entities: only text actors and trigger types. */
export function analyzeEventsOnly(doc: Doc): Doc {
  return runStage(eventsStage, { ...prepare(doc), entities: [] }, undefined);
}

/** Every suite scores the full pipeline, as a user would run it. */
const defaultAnalyze: Analyze = analyzeDoc;

function actors(value: unknown): GoldActor[] {
  if (!Array.isArray(value)) return [];
  return value.filter((a): a is GoldActor => typeof a === 'object' && a !== null);
}

/** Reads records.json; records without text or event label are reported, not scored. */
export function readRecords(file: string): { records: GoldRecord[]; problems: string[] } {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`expected a JSON array of records, found ${typeof raw}`);
  const records: GoldRecord[] = [];
  const problems: string[] = [];
  raw.forEach((r: Record<string, unknown>, i) => {
    if (typeof r?.text !== 'string' || typeof r.event !== 'string') {
      problems.push(`record ${i}: no text or event label`);
      return;
    }
    records.push({
      id: typeof r.id === 'string' ? r.id : `#${i}`,
      text: r.text,
      event: r.event.toUpperCase(),
      ...(typeof r.mode === 'string' && r.mode.trim() !== '' ? { mode: r.mode.trim() } : {}),
      ...(typeof r.date === 'string' ? { date: r.date } : {}),
      source: actors(r.source),
      target: actors(r.target),
    });
  });
  return { records, problems };
}

/** Gold sectors carry sub-codes ("CVLalb", "REBkur", "GOVMOS"): compare the 3-letter head. */
function sectorHead(sector: string | undefined): string | undefined {
  if (!sector || sector.startsWith('*')) return undefined;
  const head = sector.slice(0, 3).toUpperCase();
  return head === 'CIV' ? 'CVL' : head;
}

/**
 * Our sectors are CAMEO's: `MED` media, `HLH` health. PLOVER renamed the two (manual, Sector code
 * notes 4: `JRN` journalists and media, `MED` medical), and the GSR is coded in PLOVER's.
 */
const ploverSectorOf: Record<string, string> = { MED: 'JRN', HLH: 'MED' };

/** A predicted sector's head as PLOVER writes it. */
export function predictedSectorHead(sector: string | undefined): string | undefined {
  const head = sectorHead(sector);
  return head ? (ploverSectorOf[head] ?? head) : undefined;
}

/** GSR modes predate the current codebook's names; map the ones that were renamed. */
const modeAliases: Record<string, string> = {
  'demo-org': 'demo',
  'demo-spon': 'demo',
  'strike-hun': 'hunger',
  'strike-gen': 'strike',
  'riot-spon': 'riot',
};

function normMode(mode: string): string {
  return modeAliases[mode] ?? mode;
}

/** The event a record is scored on: the first one coded in the sentence. */
export function predictedEvent(doc: Doc): NewsEvent | undefined {
  return doc.events?.[0];
}

interface Tally {
  correct: number;
  total: number;
}

const tally = (): Tally => ({ correct: 0, total: 0 });

/** Sectors that the GSR writes in the country slot (the UN is `IGO`, not a country). */
const groupCodes = new Set(['IGO', 'NGO', 'IMG', 'MNC']);

function predictedCode(p: NewsEvent['actor']): string | undefined {
  if (p?.country) return p.country;
  return p?.sector && groupCodes.has(p.sector) ? p.sector : undefined;
}

function scoreSide(gold: GoldActor[], predicted: NewsEvent['actor'], country: Tally, sector: Tally): void {
  const codes = gold.map((a) => a.code).filter((c): c is string => typeof c === 'string' && c !== '');
  if (codes.length > 0) {
    country.total++;
    const code = predictedCode(predicted);
    if (code && codes.includes(code)) country.correct++;
  }
  const sectors = gold.map((a) => sectorHead(a.sector)).filter((s): s is string => s !== undefined);
  if (sectors.length > 0) {
    sector.total++;
    const p = predictedSectorHead(predicted?.sector);
    if (p && sectors.includes(p)) sector.correct++;
  }
}

export function scoreRecords(
  records: readonly GoldRecord[],
  analyze: Analyze,
  uri = 'records.json',
): Omit<EvalResult, 'suite'> {
  const perType: Record<string, Counts> = {};
  const counts = (t: string): Counts => {
    let c = perType[t];
    if (!c) {
      c = emptyCounts();
      perType[t] = c;
    }
    return c;
  };
  const confusion = new Map<string, number>();
  let typeCorrect = 0;
  let none = 0;
  const actorCountry = tally();
  const actorSector = tally();
  const recipientCountry = tally();
  const recipientSector = tally();
  const mode = tally();
  for (const record of records) {
    const doc = analyze(
      createDoc(record.text, {
        uri: `${uri}#${record.id}`,
        mediaType: 'text/plain',
        published: record.date ?? '2000-01-01',
      }),
    );
    const event = predictedEvent(doc);
    const predicted = event?.type ?? 'NONE';
    if (predicted === 'NONE') none++;
    if (predicted === record.event) {
      typeCorrect++;
      counts(record.event).tp++;
    } else {
      counts(record.event).fn++;
      if (predicted !== 'NONE') counts(predicted).fp++;
      const key = `${record.event}→${predicted}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    scoreSide(record.source, event?.actor, actorCountry, actorSector);
    scoreSide(record.target, event?.recipient, recipientCountry, recipientSector);
    if (record.mode) {
      mode.total++;
      if (event?.mode && normMode(record.mode) === event.mode) mode.correct++;
    }
  }
  const macro = macroPrf(perType);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const perTypeOut: Record<string, { p: number; r: number; f1: number; support: number }> = {};
  for (const [type, s] of Object.entries(macro.classes).sort()) {
    const c = perType[type] as Counts;
    perTypeOut[type] = { p: round(s.precision), r: round(s.recall), f1: round(s.f1), support: c.tp + c.fn };
  }
  return {
    items: records.length,
    unit: 'records',
    metrics: {
      typeAccuracy: accuracy(typeCorrect, records.length),
      macroF1: macro.f1,
      actorCountryAccuracy: accuracy(actorCountry.correct, actorCountry.total),
      actorSectorAccuracy: accuracy(actorSector.correct, actorSector.total),
      recipientCountryAccuracy: accuracy(recipientCountry.correct, recipientCountry.total),
      recipientSectorAccuracy: accuracy(recipientSector.correct, recipientSector.total),
      modeAccuracy: accuracy(mode.correct, mode.total),
    },
    details: {
      perType: perTypeOut,
      noEvent: none,
      topConfusions: [...confusion.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 12)
        .map(([pair, n]) => `${pair}: ${n}`),
      scoredOver: {
        actorCountry: actorCountry.total,
        actorSector: actorSector.total,
        recipientCountry: recipientCountry.total,
        recipientSector: recipientSector.total,
        mode: mode.total,
      },
    },
  };
}

/**
 * PLOVER gold standard records: one sentence each with the event type, mode and the actor and
 * recipient (country + sector). The first event coded in the sentence is compared with the gold
 * one; "NONE" when nothing is coded. Participant scores count a match with any gold participant
 * of that side and are taken over the records that have a gold value.
 */
export function createPloverGsrSuite(analyze: Analyze = defaultAnalyze): Suite {
  return {
    name: 'events-plover-gsr',
    description: 'PLOVER event type, mode, actor and recipient against the PLOVER gold standard records',
    accepts: (path) => basename(path) === 'records.json',
    run(files: string[], options: EvalOptions): EvalResult {
      const skipped: { file: string; reason: string }[] = [];
      const records: GoldRecord[] = [];
      for (const file of files) {
        try {
          const read = readRecords(file);
          records.push(...read.records);
          for (const p of read.problems) skipped.push({ file, reason: p });
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      const limited = options.limit !== undefined ? records.slice(0, options.limit) : records;
      const result = scoreRecords(limited, analyze);
      return { suite: 'events-plover-gsr', ...result, ...(skipped.length > 0 ? { skipped } : {}) };
    },
  };
}

export const ploverGsrSuite: Suite = createPloverGsrSuite();
