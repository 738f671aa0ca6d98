import { type CameoCode, cameoCode, cameoCodeNearest } from '../../rules/events/cameo.js';
import {
  type EventRuleSpec,
  type EventTypeSpec,
  eventLexicon,
  type StatusCueFile,
  type StatusCueSpec,
} from '../../rules/events/index.js';
import { type PloverMapping, ploverFor } from '../../rules/events/petrarch/read-cameo-plover.js';
import type {
  PatternElement,
  VerbBlock,
  VerbEntry,
} from '../../rules/events/petrarch/read-verb-dictionary.js';
import petrarchData from '../../rules/events/petrarch-verbs.json' with { type: 'json' };
import statusCueData from '../../rules/events/status-cues.json' with { type: 'json' };
import { reportingVerbs } from '../../rules/lexicon/lexicon.js';
import { nounForms, verbForms } from './inflect.js';

/** A rule ready to match: the words after the head as sets of alternatives. */
export interface CompiledRule {
  spec: EventRuleSpec;
  typeSpec: EventTypeSpec;
  /** The rule's CAMEO code with its quad class and Goldstein score. */
  code: CameoCode;
  /** The code a future or hypothetical event of this type is re-coded to (`typeSpec.intent`). */
  intentCode?: CameoCode;
  /** Position in the lexicon (type order, then rule order): lower wins ties. */
  order: number;
  /** Alternatives for each word after the head. */
  rest: ReadonlySet<string>[];
  gap: number;
  /** Whether the head is a verb form (used to reject "the attacks" as a verb). */
  verbal: boolean;
  exclude?: ReadonlySet<string>;
  notAfter?: ReadonlySet<string>;
  recipientPreps?: ReadonlySet<string>;
  /** Most tokens before each word of `rest` (replaces `gap` when set). */
  gaps?: readonly number[];
  /** Words that must come before the head, in order, the last within 3 tokens of it. */
  before?: readonly ReadonlySet<string>[];
  /** Imported from PETRARCH's dictionary: our own rules win where both match. */
  imported?: boolean;
  /** A PETRARCH null-code pattern (`[---]`): these words make the verb no event. */
  veto?: boolean;
}

export interface CompiledLexicon {
  /** Lowercase head form → candidate rules, our own and the imported ones. */
  byHead: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Lowercase head form → our own rules only (what the sentence reading treats as event words). */
  ownHeads: ReadonlyMap<string, readonly CompiledRule[]>;
  /**
   * Imported rules by head form, then by the first word after the head they need (`lone`: rules
   * needing none), so a head with hundreds of PETRARCH patterns tries only those whose next word
   * is in the sentence.
   */
  importedHeads: ReadonlyMap<string, ImportedHead>;
  /**
   * Base forms a single-word verb rule leaves out of its `forms` because they are nouns as often
   * ("attack", "bomb", "fight") → those rules. The matcher reads them only as a verb group's verb
   * whose object is a name ("will attack Ukraine", "to bomb Baghdad"): `findMatches`' `named`.
   */
  baseHeads: ReadonlyMap<string, readonly CompiledRule[]>;
  ruleCount: number;
  /** How many distinct imported rule ids were compiled. */
  importedCount: number;
}

export interface ImportedHead {
  lone: CompiledRule[];
  byNext: Map<string, CompiledRule[]>;
}

export interface CompileOptions {
  /**
   * Keep imported rules whose code is not in the CAMEO table or has no PLOVER type, with the code
   * as written (type `CODE`): for coding against a dictionary's own code book.
   */
  anyCode?: boolean;
  /** A verb with no code of its own codes its block's code alone, as PETRARCH itself reads the file. */
  blockCodes?: boolean;
  /**
   * Compile only the codes PLOVER leaves out, CAMEO 01 (make public statement) and 02 (appeal), as
   * types `STATEMENT` and `APPEAL` (and the null-code vetoes): the statements layer
   * (`code-statements.ts`). Every other pattern is skipped.
   */
  cameoOnly?: boolean;
}

/** The type a CAMEO-only code (root 01 or 02) is compiled as, with `cameoOnly`. */
export const cameoOnlyTypes: Readonly<Record<string, string>> = { '01': 'STATEMENT', '02': 'APPEAL' };

/** The generated PETRARCH file (`scripts/import-petrarch-verbs.ts`). */
export interface PetrarchRules {
  plover: Record<string, PloverMapping>;
  synsets: Record<string, string[]>;
  blocks: VerbBlock[];
}

export interface CompiledCue {
  id: string;
  words: readonly string[];
  status: 'negated' | 'hypothetical' | 'future';
}

export interface CompiledCues {
  window: number;
  /** Last word of the cue → cues ending with it, by status priority (negated first). */
  byLast: ReadonlyMap<string, readonly CompiledCue[]>;
}

const alternatives = (word: string): string[] =>
  word
    .toLowerCase()
    .split('|')
    .map((w) => w.trim())
    .filter((w) => w.length > 0);

function headForms(spec: EventRuleSpec): string[] {
  if (spec.forms && spec.forms.length > 0) return spec.forms.map((f) => f.toLowerCase());
  const head = spec.words[0];
  if (head === undefined)
    throw new Error(`compileLexicon: rule ${spec.id} has no words; give at least a head word`);
  const pos = spec.pos ?? 'verb';
  const out: string[] = [];
  for (const alt of alternatives(head)) {
    if (pos === 'verb') out.push(...verbForms(alt));
    else if (pos === 'noun') out.push(...nounForms(alt));
    else out.push(alt);
  }
  return out;
}

const idPattern = /^events:[a-z]+\.[a-z0-9-]+$/;

/** Compiles the lexicon into a head-form Map. Throws on malformed data (a programmer error). */
export function compileLexicon(
  types: readonly EventTypeSpec[] = eventLexicon,
  imported: PetrarchRules | null = petrarchData as PetrarchRules,
  options: CompileOptions = {},
): CompiledLexicon {
  const byHead = new Map<string, CompiledRule[]>();
  const baseHeads = new Map<string, CompiledRule[]>();
  const seen = new Set<string>();
  let order = 0;
  for (const typeSpec of types) {
    const intentCode = typeSpec.intent ? cameoCode(typeSpec.intent.cameo) : undefined;
    for (const spec of typeSpec.rules) {
      if (!idPattern.test(spec.id)) {
        throw new Error(`compileLexicon: rule id "${spec.id}" is not of the form events:<type>.<name>`);
      }
      if (!spec.id.startsWith(`events:${typeSpec.type.toLowerCase()}.`)) {
        throw new Error(
          `compileLexicon: rule "${spec.id}" is listed under ${typeSpec.type}; rename it or move it`,
        );
      }
      if (seen.has(spec.id)) throw new Error(`compileLexicon: rule id "${spec.id}" is defined twice`);
      seen.add(spec.id);
      const compiled: CompiledRule = {
        spec,
        typeSpec,
        code: cameoCode(spec.cameo),
        ...(intentCode ? { intentCode } : {}),
        order: order++,
        rest: spec.words.slice(1).map((w) => new Set(alternatives(w))),
        gap: spec.gap ?? 2,
        verbal: (spec.pos ?? 'verb') === 'verb',
        ...(spec.exclude ? { exclude: new Set(spec.exclude.map((w) => w.toLowerCase())) } : {}),
        ...(spec.notAfter ? { notAfter: new Set(spec.notAfter.map((w) => w.toLowerCase())) } : {}),
        ...(spec.recipientPreps ? { recipientPreps: new Set(spec.recipientPreps) } : {}),
      };
      const forms = new Set(headForms(spec));
      for (const form of forms) {
        const list = byHead.get(form);
        if (list) list.push(compiled);
        else byHead.set(form, [compiled]);
      }
      for (const base of leftOutBases(spec, forms)) {
        const list = baseHeads.get(base);
        if (list) list.push(compiled);
        else baseHeads.set(base, [compiled]);
      }
    }
  }
  const ownHeads = new Map<string, CompiledRule[]>();
  for (const [form, list] of byHead) ownHeads.set(form, [...list]);
  const importedCount = imported ? compileImported(imported, types, byHead, order, options) : 0;
  return {
    byHead,
    ownHeads,
    importedHeads: new ImportedHeads(byHead),
    baseHeads,
    ruleCount: order,
    importedCount,
  };
}

/** The head's base forms a one-word verb rule with explicit `forms` leaves out. */
function leftOutBases(spec: EventRuleSpec, forms: ReadonlySet<string>): string[] {
  if (!spec.forms || spec.words.length !== 1 || (spec.pos ?? 'verb') !== 'verb') return [];
  return alternatives(spec.words[0] as string).filter((w) => !forms.has(w) && !w.includes('-'));
}

/**
 * The imported rules of each head form by the word after the head they need, built for a form the
 * first time it is asked for, from its `byHead` list (the imported rules in it, in their order):
 * PETRARCH's synsets put one rule under hundreds of next words, some 700,000 entries for the whole
 * lexicon, while a thread meets only the heads its documents use. Every form's entry is the one an
 * eager build gives.
 */
class ImportedHeads implements ReadonlyMap<string, ImportedHead> {
  readonly #byHead: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly #built = new Map<string, ImportedHead | null>();

  constructor(byHead: ReadonlyMap<string, readonly CompiledRule[]>) {
    this.#byHead = byHead;
  }

  get(form: string): ImportedHead | undefined {
    let entry = this.#built.get(form);
    if (entry === undefined) {
      entry = importedHead(this.#byHead.get(form));
      this.#built.set(form, entry);
    }
    return entry ?? undefined;
  }

  has(form: string): boolean {
    return this.get(form) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  *entries(): IterableIterator<[string, ImportedHead]> {
    for (const form of this.#byHead.keys()) {
      const entry = this.get(form);
      if (entry) yield [form, entry];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [form] of this.entries()) yield form;
  }

  *values(): IterableIterator<ImportedHead> {
    for (const [, entry] of this.entries()) yield entry;
  }

  [Symbol.iterator](): IterableIterator<[string, ImportedHead]> {
    return this.entries();
  }

  forEach(
    callback: (value: ImportedHead, key: string, map: ReadonlyMap<string, ImportedHead>) => void,
    thisArg?: unknown,
  ): void {
    for (const [form, entry] of this.entries()) callback.call(thisArg, entry, form, this);
  }
}

/** A head form's imported rules (null when it has none) as the matcher reads them. */
function importedHead(rules: readonly CompiledRule[] | undefined): ImportedHead | null {
  let entry: ImportedHead | null = null;
  for (const rule of rules ?? []) {
    if (!rule.imported) continue;
    entry ??= { lone: [], byNext: new Map() };
    const next = rule.rest[0];
    if (!next) entry.lone.push(rule);
    else
      for (const word of next) {
        const at = entry.byNext.get(word);
        if (at) at.push(rule);
        else entry.byNext.set(word, [rule]);
      }
  }
  return entry;
}

/** Gap before a pattern word that starts a new element, and inside a phrase. */
const ELEMENT_GAP = 3;

function elementSets(
  el: PatternElement,
  synsets: ReadonlyMap<string, ReadonlySet<string>>,
): { sets: ReadonlySet<string>[]; gaps: number[] } | undefined {
  if ('prep' in el) {
    const sets: ReadonlySet<string>[] = [new Set([el.prep])];
    const gaps = [ELEMENT_GAP];
    if (el.object) {
      const inner = elementSets(el.object, synsets);
      if (!inner) return undefined;
      sets.push(...inner.sets);
      gaps.push(2, ...inner.gaps.slice(1));
    }
    return { sets, gaps };
  }
  if ('syn' in el) {
    const set = synsets.get(el.syn);
    return set ? { sets: [set], gaps: [ELEMENT_GAP] } : undefined;
  }
  if (el.words.length === 0) return undefined;
  return {
    sets: el.words.map((w) => new Set([w])),
    gaps: el.words.map((_, i) => (i === 0 ? ELEMENT_GAP : 0)),
  };
}

function verbHeadForms(v: VerbEntry): string[] {
  if (v.forms && v.forms.length > 0) return v.forms;
  try {
    return verbForms(v.head);
  } catch {
    return [v.head];
  }
}

/**
 * PETRARCH's verb blocks as rules: a verb with a code of its own (or its block's) is a rule on its
 * own; every pattern of the block is a rule on each verb of the block, with the pattern's words
 * after (and before) the verb. Rule ids are `petrarch:<block>.<line>`, the line in CAMEO.2.0.txt.
 * CAMEO codes map to PLOVER type, mode and context by the codebook's table; codes PLOVER dropped
 * (01 statements, 02 appeals) code nothing. A null-code pattern is a veto.
 */
function compileImported(
  data: PetrarchRules,
  types: readonly EventTypeSpec[],
  byHead: Map<string, CompiledRule[]>,
  startOrder: number,
  options: CompileOptions,
): number {
  const typeByName = new Map(types.map((t) => [t.type, t]));
  // Reporting verbs ("said", "reported") are attributions, read by the quotes stage, never triggers.
  const reporting = new Set(reportingVerbs.neutral);
  const synsetHeads = new Map<string, Set<string>>();
  for (const [name, list] of Object.entries(data.synsets)) {
    // A set entry is matched by its head, the last word ("armed forces" → forces).
    if (list.length > 0) synsetHeads.set(name, new Set(list.map((w) => w.split(' ').at(-1) as string)));
  }
  const formsOf = new Map<VerbEntry, string[]>();
  const ids = new Set<string>();
  let order = startOrder;
  const compileElements = (elements: readonly PatternElement[]) => {
    const sets: ReadonlySet<string>[] = [];
    const gaps: number[] = [];
    for (const el of elements) {
      const compiled = elementSets(el, synsetHeads);
      if (!compiled) return undefined;
      sets.push(...compiled.sets);
      gaps.push(...compiled.gaps);
    }
    return { sets, gaps };
  };
  /** One rule for a set of verbs sharing the same phrasal words (most verbs have none). */
  const add = (
    id: string,
    code: string | null,
    verbs: readonly VerbEntry[],
    before: readonly PatternElement[],
    after: readonly PatternElement[],
    targetPrep?: string,
  ) => {
    let mapping: PloverMapping | undefined;
    let cameo: CameoCode | undefined;
    let typeSpec: EventTypeSpec | undefined;
    if (code !== null && options.cameoOnly) {
      const type = cameoOnlyTypes[code.slice(0, 2)];
      cameo = cameoCodeNearest(code);
      if (!type || !cameo) return;
      mapping = { type };
      typeSpec = { type, rules: [] };
    } else if (code !== null) {
      mapping = ploverFor(data.plover, code);
      cameo = cameoCodeNearest(code);
      typeSpec = mapping ? (typeByName.get(mapping.type) ?? { type: mapping.type, rules: [] }) : undefined;
      if (options.anyCode && !(mapping && cameo)) {
        // A dictionary in another code book (PETRARCH's validation verbs use WEIS-era codes).
        mapping = { type: 'CODE' };
        cameo = { code, name: code, root: code.slice(0, 2), quad: 1, goldstein: 0 };
        typeSpec = { type: 'CODE', rules: [] };
      }
      if (!mapping || !cameo || !typeSpec) return;
    }
    const afterSets = compileElements(after);
    const beforeSets = compileElements(before);
    if (!afterSets || !beforeSets) return;
    const groups = new Map<string, VerbEntry[]>();
    for (const v of verbs) {
      const key = `${v.before.join(' ')}|${v.after.join(' ')}`;
      const list = groups.get(key);
      if (list) list.push(v);
      else groups.set(key, [v]);
    }
    for (const group of groups.values()) {
      const v = group[0] as VerbEntry;
      const spec: EventRuleSpec = {
        id,
        cameo: code ?? '---',
        words: [v.head, ...v.after],
        ...(mapping?.mode ? { mode: mapping.mode } : {}),
        ...(mapping?.context ? { context: mapping.context } : {}),
        ...(targetPrep ? { recipientPreps: [targetPrep] } : {}),
      };
      const before = [...beforeSets.sets, ...v.before.map((w) => new Set([w]))];
      const rule: CompiledRule = {
        spec,
        typeSpec: typeSpec ?? { type: 'NONE', rules: [] },
        code: cameo ?? { code: '---', name: 'no event', root: '--', quad: 1, goldstein: 0 },
        order: order++,
        rest: [...v.after.map((w) => new Set([w])), ...afterSets.sets],
        gap: ELEMENT_GAP,
        gaps: [...v.after.map(() => 1), ...afterSets.gaps],
        verbal: true,
        imported: true,
        ...(before.length > 0 ? { before } : {}),
        ...(targetPrep ? { recipientPreps: new Set([targetPrep]) } : {}),
        ...(code === null ? { veto: true } : {}),
      };
      if (typeSpec?.intent) rule.intentCode = cameoCode(typeSpec.intent.cameo);
      ids.add(id);
      for (const verb of group) {
        let forms = formsOf.get(verb);
        if (!forms) {
          forms = [...new Set(verbHeadForms(verb))].filter((f) => !reporting.has(f));
          formsOf.set(verb, forms);
        }
        for (const form of forms) {
          const list = byHead.get(form);
          if (list) list.push(rule);
          else byHead.set(form, [rule]);
        }
      }
    }
  };
  for (const block of data.blocks) {
    // A verb alone codes only with a code written on its own line: a block's default code on its
    // own ("hit", "match", "kick" under PHYSICAL_CONFLICT) is a word sense PETRARCH left to its
    // parser and actor dictionaries, and codes sport and business as conflict here.
    for (const v of block.verbs) {
      const code = v.code ?? (options.blockCodes ? block.code : undefined);
      if (code) add(`petrarch:${block.name}.${v.line}`, code, [v], [], []);
    }
    for (const p of block.patterns) {
      add(`petrarch:${block.name}.${p.line}`, p.code, block.verbs, p.before, p.after, p.targetPrep);
    }
  }
  return ids.size;
}

const statusPriority = { negated: 0, hypothetical: 1, future: 2 } as const;

export function compileCues(file: StatusCueFile = statusCueData as StatusCueFile): CompiledCues {
  const byLast = new Map<string, CompiledCue[]>();
  for (const status of ['negated', 'hypothetical', 'future'] as const) {
    for (const cue of file[status] as StatusCueSpec[]) {
      const words = cue.words.map((w) => w.toLowerCase());
      const last = words.at(-1);
      if (last === undefined) throw new Error(`compileCues: cue ${cue.id} has no words`);
      const entry: CompiledCue = { id: cue.id, words, status };
      const list = byLast.get(last);
      if (list) list.push(entry);
      else byLast.set(last, [entry]);
    }
  }
  for (const list of byLast.values())
    list.sort((a, b) => statusPriority[a.status] - statusPriority[b.status]);
  return { window: file.window, byLast };
}
