import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sentenceJoinedTokens, type JoinedToken as Token, tokenizeRange } from '../../core/tokens.js';
import { readActors, readAgents } from '../../kb/read-phoenix-dictionaries.js';
import { readVerbDictionary } from '../../rules/events/petrarch/read-verb-dictionary.js';
import { ClauseAnalysis, type Phrase } from '../../stages/05-events/analyze-clauses.js';
import {
  type CompiledLexicon,
  type CompiledRule,
  compileLexicon,
} from '../../stages/05-events/compile-lexicon.js';
import { SentenceTagger } from '../../stages/05-events/tag-sentence.js';
import { type PetrarchRecord, type PetrarchTriple, readPetrarchRecords } from '../read-petrarch-records.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * `events-petrarch2`: PETRARCH2's unit-test records coded with the dictionaries they were written
 * for (PETR.Validate.verbs/actors/agents.txt beside the records), so the figure measures the coding
 * machinery — our compiler of PETRARCH verb patterns, the part-of-speech tagger and the clause
 * analysis that picks source and target — not our own lexicon or knowledge base. A record counts
 * as exact when the set of (source, target, code) triples coded equals the gold set (`noevents`
 * records: nothing coded).
 */

/** A name from the actor or agent dictionary found in the sentence. */
interface Found {
  first: number;
  last: number;
  code: string;
}

interface NameEntry {
  words: string[];
  code: (date: string) => string | undefined;
}

/** Phrases by first word; the last word of a name of 5+ letters also matches as a stem ("ARGENTIN"). */
class NameIndex {
  readonly #byFirst = new Map<string, NameEntry[]>();
  readonly #stems: NameEntry[] = [];
  /** Agents list their plurals; actors' names are stems unless they end in `_` (lost on reading). */
  constructor(readonly stems: boolean) {}

  add(name: string, code: NameEntry['code']): void {
    const words = name.split(' ').filter((w) => w.length > 0);
    if (words.length === 0) return;
    const entry = { words, code };
    const first = words[0] as string;
    const list = this.#byFirst.get(first);
    if (list) list.push(entry);
    else this.#byFirst.set(first, [entry]);
    if (this.stems && words.length === 1 && first.length >= 5) this.#stems.push(entry);
  }

  /** Longest names first, left to right, not overlapping. */
  find(tokens: readonly Token[], date: string): Found[] {
    const out: Found[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const lower = (tokens[i] as Token).lower;
      let best: Found | undefined;
      for (const e of this.#byFirst.get(lower) ?? []) {
        if (i + e.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < e.words.length && ok; k++) ok = (tokens[i + k] as Token).lower === e.words[k];
        const code = ok ? e.code(date) : undefined;
        if (code && (!best || e.words.length - 1 > best.last - best.first))
          best = { first: i, last: i + e.words.length - 1, code };
      }
      if (!best && lower.length > 5) {
        for (const e of this.#stems) {
          const w = e.words[0] as string;
          if (lower.startsWith(w) && lower.length - w.length <= 3) {
            const code = e.code(date);
            if (code) best = { first: i, last: i, code };
            break;
          }
        }
      }
      if (best) {
        out.push(best);
        i = best.last;
      }
    }
    return out;
  }
}

export interface PetrarchDictionaries {
  actors: NameIndex;
  agents: NameIndex;
  lexicon: CompiledLexicon;
}

/** Reads the validation dictionaries named beside the records. */
export function readDictionaries(dir: string): PetrarchDictionaries {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const actors = new NameIndex(true);
  const { actors: entries, countryForms } = readActors(read('PETR.Validate.actors.txt'));
  for (const [name, code] of countryForms) actors.add(name, () => code);
  for (const a of entries) {
    const code = (date: string) => {
      for (const [c, from, to] of a.r) {
        if (from === undefined && to === undefined) continue;
        if ((!from || from <= date) && (!to || date <= to)) return c;
      }
      return a.r.find((r) => r.length === 1)?.[0];
    };
    for (const n of a.n) actors.add(n, code);
  }
  const agents = new NameIndex(false);
  for (const [name, code] of readAgents(read('PETR.Validate.agents.txt'))) agents.add(name, () => code);
  const verbs = readVerbDictionary(read('PETR.Validate.verbs.txt'));
  const lexicon = compileLexicon(
    [],
    { plover: {}, synsets: verbs.synsets, blocks: verbs.blocks },
    { anyCode: true, blockCodes: true },
  );
  return { actors, agents, lexicon };
}

/** Actors with their agents: "Arnorian foreign minister", "president of Arnor", an agent alone ("---GOV"). */
function verbBetween(tags: readonly string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ((tags[k] as string).startsWith('VB') || tags[k] === ',') return true;
  return false;
}

function participants(
  tokens: readonly Token[],
  tags: readonly string[],
  d: PetrarchDictionaries,
  date: string,
): Found[] {
  const actors = d.actors.find(tokens, date);
  const agents = d.agents
    .find(tokens, date)
    .filter((g) => !actors.some((a) => a.first <= g.last && g.first <= a.last));
  const out: Found[] = actors.map((a) => ({ ...a }));
  for (const g of agents) {
    // An agent right after an actor ("Arnor's president", "Gondor foreign minister"), or "of" after it.
    const before = out.find(
      (a) => a.last < g.first && g.first - a.last <= 4 && !verbBetween(tags, a.last + 1, g.first),
    );
    const of = tokens[g.last + 1]?.lower === 'of' ? out.find((a) => a.first === g.last + 2) : undefined;
    const owner = before ?? of;
    if (owner && !owner.code.endsWith(g.code)) {
      owner.code = `${owner.code}${g.code}`;
      owner.first = Math.min(owner.first, g.first);
      owner.last = Math.max(owner.last, g.last);
    } else if (!owner) out.push({ first: g.first, last: g.last, code: `---${g.code}` });
  }
  return out.sort((a, b) => a.first - b.first);
}

function within(p: Phrase, f: Found): boolean {
  return p.first <= f.first && f.last <= p.last;
}

/** The most specific pattern of the verb at `i` (our compiled form of the dictionary), or none. */
function bestRule(tokens: readonly Token[], i: number, lexicon: CompiledLexicon): CompiledRule | undefined {
  const rules = lexicon.byHead.get((tokens[i] as Token).lower);
  if (!rules) return undefined;
  let best: CompiledRule | undefined;
  let bestSize = -1;
  for (const rule of rules) {
    if (rule.before && !matchesBefore(tokens, i, rule.before)) continue;
    let p = i;
    let ok = true;
    for (let r = 0; r < rule.rest.length && ok; r++) {
      const alts = rule.rest[r] as ReadonlySet<string>;
      const gap = rule.gaps ? (rule.gaps[r] as number) : rule.gap;
      let hit = -1;
      for (let j = p + 1; j <= p + 1 + gap && j < tokens.length; j++) {
        if (alts.has((tokens[j] as Token).lower)) {
          hit = j;
          break;
        }
      }
      if (hit < 0) ok = false;
      else p = hit;
    }
    if (!ok) continue;
    const size = rule.rest.length + (rule.before?.length ?? 0);
    if (size > bestSize) {
      best = rule;
      bestSize = size;
    }
  }
  return best;
}

function matchesBefore(
  tokens: readonly Token[],
  head: number,
  before: readonly ReadonlySet<string>[],
): boolean {
  let p = head;
  for (let b = before.length - 1; b >= 0; b--) {
    let hit = -1;
    for (let j = p - 1; j >= 0 && j >= p - 3; j--) {
      if ((before[b] as ReadonlySet<string>).has((tokens[j] as Token).lower)) {
        hit = j;
        break;
      }
    }
    if (hit < 0) return false;
    p = hit;
  }
  return true;
}

/** The triples our machinery codes in one record's text. */
export function codeRecord(record: PetrarchRecord, d: PetrarchDictionaries): PetrarchTriple[] {
  const text = record.text;
  const layer = tokenizeRange(text);
  const tokens = sentenceJoinedTokens(layer, 0, { start: 0, end: text.length });
  const { tags, possessive } = new SentenceTagger(layer).tag(0, tokens);
  const clauses = new ClauseAnalysis(tokens, tags, possessive);
  const found = participants(tokens, tags, d, record.date);
  const out: PetrarchTriple[] = [];
  const seen = new Set<string>();
  for (const chunk of clauses.chunks) {
    if (chunk.kind !== 'VG') continue;
    // Any verb of the group may carry the pattern ("is about to restore" → restore).
    let rule: CompiledRule | undefined;
    let head = -1;
    for (let i = chunk.last; i >= chunk.first && !rule; i--) {
      rule = bestRule(tokens, i, d.lexicon);
      if (rule) head = i;
    }
    if (!rule || rule.veto) continue;
    const frame = clauses.frameAt(head);
    const sources = frame?.actors.length ? found.filter((f) => frame.actors.some((p) => within(p, f))) : [];
    if (sources.length === 0) {
      const before = found.filter((f) => f.last < chunk.first);
      const nearest = before.at(-1);
      if (nearest) sources.push(nearest);
    }
    let targets: Found[] = [];
    if (frame?.object) targets = found.filter((f) => within(frame.object as Phrase, f));
    if (targets.length === 0 && frame) {
      const preps = rule.recipientPreps;
      const pp =
        frame.preps.find((p) => preps?.has(p.prep) && found.some((f) => within(p, f))) ??
        frame.preps.find((p) => found.some((f) => within(p, f)));
      if (pp) targets = found.filter((f) => within(pp, f));
    }
    if (targets.length === 0) {
      const after = found.find(
        (f) => f.first > chunk.last && !sources.includes(f) && !f.code.startsWith('---'),
      );
      if (after) targets.push(after);
    }
    for (const s of sources) {
      for (const t of targets.length > 0 ? targets : [undefined]) {
        if (t === s) continue;
        const triple = { source: s.code, target: t?.code ?? '---', code: rule.code.code };
        const key = `${triple.source}|${triple.target}|${triple.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(triple);
      }
    }
  }
  return out;
}

export const petrarch2Suite: Suite = {
  name: 'events-petrarch2',
  description:
    "PETRARCH2's unit-test records coded with their own dictionaries: (source, target, code) triples",
  accepts: (path) => basename(path) === 'PETR.UnitTest.records.xml',
  run(files: string[], options: EvalOptions): EvalResult {
    const file = files[0];
    if (!file) throw new Error('events-petrarch2: expected PETR.UnitTest.records.xml in --data');
    const dictionaries = readDictionaries(dirname(file));
    const { records: all, skipped } = readPetrarchRecords(readFileSync(file, 'utf8'));
    const records = options.limit !== undefined ? all.slice(0, options.limit) : all;
    let exact = 0;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const record of records) {
      const got = codeRecord(record, dictionaries).map((t) => `${t.source}|${t.target}|${t.code}`);
      const gold = new Set(record.triples.map((t) => `${t.source}|${t.target}|${t.code}`));
      const mine = new Set(got);
      let hit = 0;
      for (const t of mine) if (gold.has(t)) hit++;
      tp += hit;
      fp += mine.size - hit;
      fn += gold.size - hit;
      if (hit === gold.size && mine.size === gold.size) exact++;
      else if (misses.length < 20)
        misses.push(`${record.id}: gold ${[...gold].join(' ') || 'none'}; coded ${got.join(' ') || 'none'}`);
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    return {
      suite: 'events-petrarch2',
      items: records.length,
      unit: 'records',
      metrics: {
        tripleExact: records.length > 0 ? exact / records.length : 0,
        tripleP: precision,
        tripleR: recall,
        tripleF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
      },
      details: {
        protocol:
          'verbs compiled from PETR.Validate.verbs.txt (codes as written), actors and agents from PETR.Validate.actors/agents.txt; our tagger and clause analysis pick source and target',
        firstMisses: misses,
      },
      ...(skipped.length > 0 ? { skipped: skipped.map((reason) => ({ file, reason })) } : {}),
    };
  },
};
