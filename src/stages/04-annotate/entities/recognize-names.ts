import { PUNCT, type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { nameWords } from '../../../rules/entities/name-words.js';
import headData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import nameData from '../../../rules/entities/person-names.json' with { type: 'json' };
import {
  months,
  personalPronouns,
  reportingVerbs as verbLists,
  weekdays,
} from '../../../rules/lexicon/lexicon.js';

/**
 * Persons and organisations that no list names and no title introduces, found from the shape
 * of a capitalised run and the words around it: an honorific ("Mr Blair"), a known given name
 * ("Patricia Hewitt"), a reporting verb ("Gordon Brown said"), an organisation head word
 * ("the Conservative Party", "Bank of England"). A capitalised run with none of these is left
 * alone, so a sentence-initial "However" or an all-caps headline word never becomes a name.
 */

/** What the caller's gazetteer found at a token (only what this pass needs). */
export interface GazetteerHit {
  hit: { kind: string; iso3?: string; form?: string };
  length: number;
}

export interface FoundName {
  type: 'person' | 'organization';
  /** Token range of the name (honorifics and the article are left out). */
  from: number;
  to: number;
  rule: string;
  sector?: string;
  /** From a country named inside an organisation's name ("Russian Central Bank"). */
  country?: string;
  /** Token range of an acronym defined right after the name: "World Health Organization (WHO)". */
  acronymAt?: number;
}

// ---- compiled once at module load ---------------------------------------------------------

const honorifics = new TokenSet(nameData.honorifics.map((h) => h.toLowerCase()));
const givenNames = new TokenSet(nameData.givenNames.map((n) => n.toLowerCase()));
const reportingVerbs = new TokenSet([...verbLists.neutral, ...verbLists.evaluative, ...verbLists.cognition]);
const headSector = new Map<string, string>();
for (const h of headData.heads) {
  for (const w of h.words) if (!headSector.has(w.toLowerCase())) headSector.set(w.toLowerCase(), h.sector);
}
const heads = new TokenSet(headSector.keys());

/** Capitalised words that never open or continue a name (function words, days, months). */
const stopWords = new TokenSet([
  ...personalPronouns,
  ...nameWords.functionWords,
  ...nameWords.questionWords,
  ...weekdays.map((d) => d.name),
  ...months.map((m) => m.name),
]);
/** Last words that make a run a place or an institution rather than a person. */
const notPersonEnd = new TokenSet(nameWords.notPersonEnd);
const connectors = new Set(['of', 'for']);

const MAX_WORDS = 6;

function isCapWord(tokens: TokenLayer, i: number): boolean {
  return tokens.kind(i) === WORD && tokens.isUpper(i) && !stopWords.hasToken(tokens, i);
}

/** "KENYA", "WHO": the first two characters are capitals (no string is built). */
function isAllCaps(tokens: TokenLayer, i: number): boolean {
  const start = tokens.start(i);
  if (tokens.end(i) - start < 2 || !tokens.isUpper(i)) return false;
  const c = tokens.text.charCodeAt(start + 1);
  return c >= 65 && c <= 90;
}

interface Run {
  to: number;
  words: number;
  /** Gazetteer hits (countries, places) taken into the run. */
  hits: number;
  /** The run ends with a gazetteer hit. */
  endsInHit: boolean;
  country?: string;
}

/**
 * The capitalised run from `i`: words, joined hyphen/apostrophe parts ("Jong-un", "O'Neill"),
 * and country/place hits ("Manchester" in "Manchester United"). Stops at covered tokens and
 * at hits of any other kind.
 */
function runFrom(
  tokens: TokenLayer,
  i: number,
  to: number,
  hits: readonly (GazetteerHit | undefined)[],
  covered: readonly number[],
): Run {
  const run: Run = { to: i, words: 0, hits: 0, endsInHit: false };
  let j = i;
  while (j < to && run.words < MAX_WORDS && !covered[j]) {
    const h = hits[j];
    if (h) {
      if (h.hit.kind !== 'country' && h.hit.kind !== 'place') break;
      if (h.hit.kind === 'country' && h.hit.iso3 && run.country === undefined) run.country = h.hit.iso3;
      j += h.length;
      run.words++;
      run.hits++;
      run.endsInHit = true;
    } else if (isCapWord(tokens, j)) {
      // An honorific opens the next name: "Later Dr. Smith" is "Later" + "Dr. Smith".
      if (run.words > 0 && honorifics.hasToken(tokens, j)) break;
      j++;
      run.words++;
      run.endsInHit = false;
    } else if (
      run.words > 0 &&
      j + 1 < to &&
      tokens.kind(j) === PUNCT &&
      (tokens.isChar(j, 45) || tokens.isChar(j, 39) || tokens.isChar(j, 0x2019)) &&
      tokens.start(j) === tokens.end(j - 1) &&
      tokens.start(j + 1) === tokens.end(j) &&
      tokens.kind(j + 1) === WORD &&
      !covered[j + 1] &&
      !hits[j + 1]
    ) {
      j += 2; // "Jong-un", "O'Neill"
    } else break;
    run.to = j;
  }
  return run;
}

/** The organisation sector of head word `i`, or undefined when it is not a head. */
function headAt(tokens: TokenLayer, i: number): string | undefined {
  if (tokens.kind(i) !== WORD || !tokens.isUpper(i) || !heads.hasToken(tokens, i)) return undefined;
  return headSector.get(tokens.lower(i));
}

/**
 * Finds the names of one sentence `[from, to)`. `hits` and `covered` are indexed by document
 * token; tokens already covered (by patterns) are never used. Does not mark `covered`: the
 * caller does when it adds the names.
 */
export function recognizeNames(
  tokens: TokenLayer,
  from: number,
  to: number,
  hits: readonly (GazetteerHit | undefined)[],
  covered: readonly number[],
): FoundName[] {
  const out: FoundName[] = [];
  for (let i = from; i < to; ) {
    // A listed organisation, leader or title is one unit: its inner words ("Health Organization" in
    // "World Health Organization", "Security Council" in "UN Security Council") never start a name.
    const listed = hits[i];
    if (listed && listed.hit.kind !== 'country' && listed.hit.kind !== 'place') {
      i += listed.length;
      continue;
    }
    if (!tokens.isUpper(i) || covered[i] || !(hits[i] || isCapWord(tokens, i))) {
      i++;
      continue;
    }
    // "Mr Blair", "Dr. Smith": the honorific opens a person and is left out of the name.
    if (!hits[i] && honorifics.hasToken(tokens, i)) {
      let k = i + 1;
      if (k < to && tokens.isChar(k, 46) && tokens.start(k) === tokens.end(i)) k++;
      const run = k < to ? runFrom(tokens, k, to, hits, covered) : undefined;
      if (run && run.words > 0 && run.words <= 3 && run.hits === 0 && !headAt(tokens, run.to - 1)) {
        out.push({ type: 'person', from: k, to: run.to, rule: 'entities:person.honorific' });
        i = run.to;
        continue;
      }
    }
    const run = runFrom(tokens, i, to, hits, covered);
    if (run.words === 0) {
      i++;
      continue;
    }
    const found = classify(tokens, i, from, to, run, hits, covered);
    if (found) {
      const after = found.to;
      if (
        found.type === 'organization' &&
        after + 2 < to &&
        tokens.isChar(after, 40) &&
        tokens.kind(after + 1) === WORD &&
        isAllCaps(tokens, after + 1) &&
        tokens.isChar(after + 2, 41) &&
        !covered[after + 1]
      ) {
        found.acronymAt = after + 1;
      }
      out.push(found);
      i = Math.max(found.to, i + 1);
    } else {
      i = run.to;
    }
  }
  return out;
}

function classify(
  tokens: TokenLayer,
  i: number,
  sentenceFrom: number,
  to: number,
  run: Run,
  hits: readonly (GazetteerHit | undefined)[],
  covered: readonly number[],
): FoundName | undefined {
  const last = run.to - 1;
  // Organisation: "Conservative Party", "Russian Central Bank", "Bank of England".
  const head = run.endsInHit ? undefined : headAt(tokens, last);
  if (head !== undefined) {
    let end = run.to;
    let country = run.country;
    if (end + 1 < to && connectors.has(tokens.lower(end)) && !covered[end + 1]) {
      const tail = runFrom(tokens, end + 1, to, hits, covered);
      if (tail.words > 0 && tail.words <= 4) {
        end = tail.to;
        country ??= tail.country;
      }
    }
    if (run.words >= 2 || end > run.to) {
      const f: FoundName = { type: 'organization', from: i, to: end, rule: 'entities:org.head-word' };
      if (head) f.sector = head;
      if (country) f.country = country;
      return f;
    }
    return undefined;
  }
  if (run.hits > 0) return undefined;
  // A sentence-initial capital is only a capital: "Yesterday Gordon Brown said" starts at "Gordon".
  let start = i;
  if (
    i === sentenceFrom &&
    run.words >= 3 &&
    !givenNames.hasToken(tokens, i) &&
    givenNames.hasToken(tokens, i + 1)
  ) {
    start = i + 1;
  }
  const words = run.words - (start - i);
  if (words < 2 || words > 3 || notPersonEnd.hasToken(tokens, last)) return undefined;
  const allCaps = isAllCaps(tokens, start);
  if (givenNames.hasToken(tokens, start) && !isAllCaps(tokens, last)) {
    return { type: 'person', from: start, to: run.to, rule: 'entities:person.given-name' };
  }
  if (allCaps) return undefined;
  const verbAfter = run.to < to && reportingVerbs.hasToken(tokens, run.to);
  const verbBefore =
    start > sentenceFrom &&
    reportingVerbs.hasToken(tokens, start - 1) &&
    (run.to === to || tokens.kind(run.to) === PUNCT);
  if (verbAfter || verbBefore) {
    return { type: 'person', from: start, to: run.to, rule: 'entities:person.reporting-verb' };
  }
  return undefined;
}
