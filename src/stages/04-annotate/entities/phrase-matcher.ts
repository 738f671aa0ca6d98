import { type Token, tokenize } from './tokenize.js';

/** How strictly a phrase token must match the text's case. */
enum Case {
  Any = 0,
  /** The phrase token starts with a capital, so must the text token. */
  Initial = 1,
  /** An all-caps acronym ("US", "WHO"): the surface must be identical. */
  Exact = 2,
}

interface Compiled<T> {
  lowers: string[];
  surfaces: string[];
  cases: Case[];
  value: T;
}

export interface PhraseMatch<T> {
  /** Number of tokens matched. */
  length: number;
  value: T;
}

export interface PhraseMatcher<T> {
  /** Longest phrase starting at token `i`, or undefined. */
  match(text: string, tokens: readonly Token[], i: number): PhraseMatch<T> | undefined;
  readonly size: number;
}

export interface PhraseOptions {
  /** Ignore case entirely (titles are checked by the caller). */
  anyCase?: boolean;
}

function caseOf(surface: string, anyCase: boolean): Case {
  if (anyCase) return Case.Any;
  const first = surface[0] ?? '';
  if (first === first.toLowerCase()) return Case.Any;
  if (surface.length >= 2 && surface === surface.toUpperCase() && /[A-Z]/.test(surface)) return Case.Exact;
  return Case.Initial;
}

/**
 * Compiles phrases once into a map from first lowercased token to candidates, longest first,
 * so a sentence is matched in one left-to-right pass. The first phrase added for a given token
 * sequence wins: add the most specific lists first.
 */
export function compilePhrases<T>(
  phrases: Iterable<{ surface: string; value: T; anyCase?: boolean }>,
): PhraseMatcher<T> {
  const byFirst = new Map<string, Compiled<T>[]>();
  // First characters of phrases that may start in lowercase: a lowercase token starting with
  // anything else cannot match, which skips the Map lookup (a string hash) for most words.
  const lowerFirstChars = new Set<number>();
  let size = 0;
  for (const p of phrases) {
    const toks = tokenize(p.surface);
    if (toks.length === 0) continue;
    const lowers = toks.map((t) => t.lower);
    const anyCase = p.anyCase === true;
    const surfaces = toks.map((t) => p.surface.slice(t.start, t.end));
    const compiled: Compiled<T> = {
      lowers,
      surfaces,
      cases: surfaces.map((s) => caseOf(s, anyCase)),
      value: p.value,
    };
    const first = lowers[0] as string;
    if (compiled.cases[0] === Case.Any) lowerFirstChars.add(first.charCodeAt(0));
    let list = byFirst.get(first);
    if (!list) {
      list = [];
      byFirst.set(first, list);
    }
    list.push(compiled);
    size++;
  }
  // Stable sort: longer first, insertion order among equals.
  for (const list of byFirst.values()) list.sort((a, b) => b.lowers.length - a.lowers.length);

  return {
    size,
    match(text, tokens, i) {
      const first = tokens[i];
      if (!first || (!first.upper && !lowerFirstChars.has(first.lower.charCodeAt(0)))) return undefined;
      const list = byFirst.get(first.lower);
      if (!list) return undefined;
      outer: for (const c of list) {
        const n = c.lowers.length;
        if (i + n > tokens.length) continue;
        for (let k = 0; k < n; k++) {
          const t = tokens[i + k] as Token;
          if (k > 0 && t.lower !== c.lowers[k]) continue outer;
          const mode = c.cases[k];
          if (mode === Case.Initial && !t.upper) continue outer;
          if (mode === Case.Exact && text.slice(t.start, t.end) !== c.surfaces[k]) continue outer;
        }
        return { length: n, value: c.value };
      }
      return undefined;
    },
  };
}
