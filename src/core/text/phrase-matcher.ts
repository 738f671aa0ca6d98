import { HashFilter, hashString, type TokenLayer, tokenizeRange } from '../tokens.js';

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
  hashes: number[];
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
  /** Longest phrase starting at token `i` and ending by token `to` (exclusive), or undefined. */
  match(tokens: TokenLayer, i: number, to: number): PhraseMatch<T> | undefined;
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
 * Each phrase written with a straight apostrophe also as news typesets it, with a curly one
 * ("People's" and "People’s"); the straight form comes first, so it keeps any tie.
 */
function* withCurlyApostrophes<P extends { surface: string }>(phrases: Iterable<P>): Generator<P> {
  for (const p of phrases) {
    yield p;
    if (p.surface.includes("'")) yield { ...p, surface: p.surface.replaceAll("'", '\u2019') };
  }
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
  for (const p of withCurlyApostrophes(phrases)) {
    const toks = tokenizeRange(p.surface);
    if (toks.count === 0) continue;
    const lowers: string[] = [];
    const surfaces: string[] = [];
    for (let k = 0; k < toks.count; k++) {
      lowers.push(toks.lower(k));
      surfaces.push(toks.surface(k));
    }
    const anyCase = p.anyCase === true;
    const compiled: Compiled<T> = {
      lowers,
      hashes: lowers.map(hashString),
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
  // First tokens' hashes: most tokens are rejected here without building a string.
  const firstTokens = new HashFilter(byFirst.size);
  for (const first of byFirst.keys()) firstTokens.add(hashString(first));
  // Stable sort: longer first, insertion order among equals.
  for (const list of byFirst.values()) list.sort((a, b) => b.lowers.length - a.lowers.length);

  return {
    size,
    match(tokens, i, to) {
      if (i >= to || !firstTokens.mayHave(tokens.hash(i))) return undefined;
      const upper = tokens.isUpper(i);
      if (!upper && !lowerFirstChars.has(tokens.text.charCodeAt(tokens.start(i)))) {
        return undefined;
      }
      const list = byFirst.get(tokens.lower(i));
      if (!list) return undefined;
      const text = tokens.text;
      outer: for (const c of list) {
        const n = c.lowers.length;
        if (i + n > to) continue;
        for (let k = 0; k < n; k++) {
          const j = i + k;
          if (k > 0 && (tokens.hash(j) !== c.hashes[k] || tokens.lower(j) !== c.lowers[k])) continue outer;
          const mode = c.cases[k];
          if (mode === Case.Initial && !tokens.isUpper(j)) continue outer;
          if (mode === Case.Exact) {
            const surface = c.surfaces[k] as string;
            const start = tokens.start(j);
            if (tokens.end(j) - start !== surface.length || !text.startsWith(surface, start)) {
              continue outer;
            }
          }
        }
        return { length: n, value: c.value };
      }
      return undefined;
    },
  };
}
