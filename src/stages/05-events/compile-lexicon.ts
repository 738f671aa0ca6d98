import { type CameoCode, cameoCode } from '../../rules/events/cameo.js';
import {
  type EventRuleSpec,
  type EventTypeSpec,
  eventLexicon,
  type StatusCueFile,
  type StatusCueSpec,
} from '../../rules/events/index.js';
import statusCueData from '../../rules/events/status-cues.json' with { type: 'json' };
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
}

export interface CompiledLexicon {
  /** Lowercase head form → candidate rules. */
  byHead: ReadonlyMap<string, readonly CompiledRule[]>;
  ruleCount: number;
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
export function compileLexicon(types: readonly EventTypeSpec[] = eventLexicon): CompiledLexicon {
  const byHead = new Map<string, CompiledRule[]>();
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
      for (const form of new Set(headForms(spec))) {
        const list = byHead.get(form);
        if (list) list.push(compiled);
        else byHead.set(form, [compiled]);
      }
    }
  }
  return { byHead, ruleCount: order };
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
