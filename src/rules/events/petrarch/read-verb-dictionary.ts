/**
 * Reads a PETRARCH verb dictionary (CAMEO.2.0.txt: synonym sets, verb blocks with their patterns)
 * into plain data that `scripts/import-petrarch-verbs.ts` writes out as `petrarch-verbs.json`.
 * The format is described in PETRARCH2's `docs/source/dictionaries.rst`; this reader is written
 * here from that description (never from its code) and keeps only what our matcher can use: words before and after the
 * verb, noun phrases, prepositional phrases and synonym sets. Actor markers (`$` source, `+`
 * target, `^` skip, `%` compound) are kept as the preposition that introduces the target.
 */

/** One element of a pattern: consecutive words, a synonym set, or a preposition with its object. */
export type PatternElement =
  | { words: string[] }
  | { syn: string }
  | { prep: string; object?: { words: string[] } | { syn: string } };

export interface VerbEntry {
  /** The verb as the dictionary writes it, lowercase, `_` between the words of a phrasal verb. */
  verb: string;
  /** The word the parser marks as the verb (`+` in a phrase, else the first word). */
  head: string;
  /** Words before and after the head in a phrasal verb ("call off" → after ["off"]). */
  before: string[];
  after: string[];
  /** Irregular surface forms of the head when the dictionary lists them; else forms are generated. */
  forms?: string[];
  /** CAMEO code of the verb on its own, when the line gives one; else the block's. */
  code?: string;
  line: number;
}

export interface VerbPattern {
  /** Line number in the dictionary: with the block name, the pattern's id. */
  line: number;
  /** CAMEO code; `null` for `[---]` (the words make it no event). */
  code: string | null;
  before: PatternElement[];
  after: PatternElement[];
  /** The preposition before a `+` (target) marker: "(WITH +)" → "with". */
  targetPrep?: string;
}

export interface VerbBlock {
  name: string;
  /** The block's default code; `null` for `[---]`: the verbs alone code nothing. */
  code: string | null;
  verbs: VerbEntry[];
  patterns: VerbPattern[];
}

export interface VerbDictionary {
  /** Synonym set name (without `&`) → lowercase words or phrases, regular plurals added. */
  synsets: Record<string, string[]>;
  blocks: VerbBlock[];
}

const codeOf = (raw: string): string | null => {
  const inner = raw.replace(/^\[|\]$/g, '');
  const first = inner.split(':')[0] ?? '';
  return /^\d{2,4}$/.test(first) ? first : null;
};

/** The regular plural the dictionary format generates for a synonym-set entry. */
function plural(word: string): string {
  if (word.endsWith('y') && !/[aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(ss|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (word.endsWith('s')) return word;
  return `${word}s`;
}

function readSynonym(term: string, noPlurals: boolean): string[] {
  let t = term.trim().toLowerCase();
  let bare = noPlurals;
  if (t.endsWith('_')) {
    t = t.slice(0, -1);
    bare = true;
  }
  const phrase = t.replace(/_/g, ' ').trim();
  if (phrase.length === 0) return [];
  const many = plural(phrase);
  return bare || many === phrase ? [phrase] : [phrase, many];
}

/** Splits a pattern half into elements: words, {noun phrases}, (prep phrases), &sets, markers. */
function readElements(text: string, onTarget: (prep: string) => void): PatternElement[] {
  const out: PatternElement[] = [];
  const tokens = text.match(/\([^)]*\)|\{[^}]*\}|\S+/g) ?? [];
  for (const tok of tokens) {
    if (tok.startsWith('(')) {
      const inner = tok.slice(1, -1).trim().split(/\s+/).filter(Boolean);
      const prep = inner[0]?.toLowerCase();
      if (!prep || /^[$+^%]$/.test(prep)) continue;
      const rest = inner.slice(1).join(' ');
      if (/(^|\s)\+(\s|$)/.test(rest)) onTarget(prep);
      const object = readObject(rest);
      out.push(object ? { prep, object } : { prep });
      continue;
    }
    const obj = readObject(tok);
    if (obj) out.push(obj);
  }
  return out;
}

function readObject(text: string): { words: string[] } | { syn: string } | undefined {
  const words = text
    .replace(/[{}]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !/^[$+^%]$/.test(w));
  if (words.length === 0) return undefined;
  const syn = words.find((w) => w.startsWith('&'));
  // A phrase holding a set ("{&WEAPON ATTACK}") is read by its head: the last word.
  if (syn && words.length === 1) return { syn: syn.slice(1) };
  const head = words.at(-1) as string;
  if (head.startsWith('&')) return { syn: head.slice(1) };
  return { words: words.filter((w) => !w.startsWith('&')).map((w) => w.toLowerCase()) };
}

function readVerb(raw: string, line: number): VerbEntry | undefined {
  const noComment = raw.split('#')[0] ?? '';
  const codeMatch = noComment.match(/\[[^\]]*\]/);
  const code = codeMatch ? codeOf(codeMatch[0]) : undefined;
  const withoutCode = noComment.replace(/\[[^\]]*\]/, '');
  const braces = withoutCode.match(/\{([^}]*)\}/);
  const main = withoutCode
    .replace(/\{[^}]*\}/, '')
    .trim()
    .split(/\s+/)[0];
  if (!main) return undefined;
  const parse = (word: string) => {
    const parts = word.toLowerCase().split('_').filter(Boolean);
    let at = parts.findIndex((p) => p.startsWith('+'));
    if (at < 0) at = 0;
    const clean = parts.map((p) => p.replace(/^\+/, ''));
    return { head: clean[at] as string, before: clean.slice(0, at), after: clean.slice(at + 1) };
  };
  const v = parse(main);
  if (!v.head || !/^[a-z][a-z'-]*$/.test(v.head)) return undefined;
  const entry: VerbEntry = {
    verb: main.toLowerCase().replace(/\+/g, ''),
    head: v.head,
    before: v.before,
    after: v.after,
    line,
  };
  if (braces?.[1]) {
    const forms = new Set([v.head]);
    for (const f of braces[1].trim().split(/\s+/)) if (f) forms.add(parse(f).head);
    entry.forms = [...forms];
  }
  if (code !== undefined && code !== null) entry.code = code;
  return entry;
}

/** Reads the dictionary text. Lines it cannot use are skipped; nothing throws on content. */
export function readVerbDictionary(text: string): VerbDictionary {
  const synsets: Record<string, string[]> = {};
  const blocks: VerbBlock[] = [];
  let inPatterns = false;
  let currentSet: { name: string; bare: boolean } | undefined;
  let block: VerbBlock | undefined;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    const line = n + 1;
    if (raw.startsWith('####### VERB PATTERNS')) {
      inPatterns = true;
      continue;
    }
    if (raw.startsWith('########') && raw.includes('TRANSFORMATIONS')) break;
    const trimmed = raw.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#')) continue;
    // A dictionary without the section header (PETRARCH's validation verbs) starts its blocks at
    // the first `--- NAME [code] ---` line and may define synonym sets between blocks.
    if (!inPatterns && /^---\s+\S+\s+\[/.test(trimmed)) inPatterns = true;
    if (inPatterns && raw.startsWith('&')) {
      const name = (trimmed.split(/\s+/)[0] as string).slice(1);
      currentSet = { name: name.replace(/_$/, ''), bare: name.endsWith('_') };
      synsets[currentSet.name] ??= [];
      block = undefined;
      continue;
    }
    if (inPatterns && !block && currentSet && trimmed.startsWith('+')) {
      const term = (trimmed.slice(1).split('#')[0] ?? '').trim();
      (synsets[currentSet.name] as string[]).push(...readSynonym(term, currentSet.bare));
      continue;
    }
    if (!inPatterns) {
      if (trimmed.startsWith('&')) {
        const name = (trimmed.split(/\s+/)[0] as string).slice(1);
        currentSet = { name: name.replace(/_$/, ''), bare: name.endsWith('_') };
        synsets[currentSet.name] ??= [];
      } else if (trimmed.startsWith('+') && currentSet) {
        const term = (trimmed.slice(1).split('#')[0] ?? '').trim();
        (synsets[currentSet.name] as string[]).push(...readSynonym(term, currentSet.bare));
      }
      continue;
    }
    if (trimmed.startsWith('---')) {
      const m = trimmed.match(/^---\s+(\S+)\s+(\[[^\]]*\])/);
      if (!m) continue;
      block = { name: (m[1] as string).toLowerCase(), code: codeOf(m[2] as string), verbs: [], patterns: [] };
      blocks.push(block);
      continue;
    }
    if (!block) continue;
    if (trimmed.startsWith('-')) {
      const body = (trimmed.slice(1).split('#')[0] ?? '').trim();
      const codeMatch = body.match(/\[([^\]]*)\]\s*$/);
      if (!codeMatch || !body.includes('*')) continue;
      const pattern = body.slice(0, codeMatch.index).trim();
      const star = pattern.indexOf('*');
      let targetPrep: string | undefined;
      const onTarget = (prep: string) => {
        targetPrep ??= prep;
      };
      const p: VerbPattern = {
        line,
        code: codeOf(codeMatch[0]),
        before: readElements(pattern.slice(0, star), onTarget),
        after: readElements(pattern.slice(star + 1), onTarget),
      };
      if (targetPrep) p.targetPrep = targetPrep;
      if (p.before.length > 0 || p.after.length > 0) block.patterns.push(p);
      continue;
    }
    const verb = readVerb(trimmed, line);
    if (verb) block.verbs.push(verb);
  }
  return { synsets, blocks };
}
