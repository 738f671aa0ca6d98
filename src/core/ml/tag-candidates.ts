import { hashString, NUMBER, PUNCT, type TokenLayer, WORD } from '../tokens.js';

/**
 * A tag dictionary: the tags a token may take, learned from training data, so a tagger scores
 * and decodes only those (a frequent lowercase word takes one of the two or three tags it took in
 * training: "that" DT / IN / WDT / RB, "rose" VBD / NN). A token seen often enough in training
 * (`minCount`, its lowercase form with and without a capital counted apart: "The" is not "the")
 * keeps the tags it was seen with; a rarer one, the tags rare tokens of its kind (lowercase word,
 * capitalised word, number, punctuation) were seen with — the open classes. The scores of the
 * allowed tags are exactly what they were without the dictionary; the other tags are out of the
 * search. It is the classic tag dictionary of part-of-speech taggers (Ratnaparkhi's maximum-entropy
 * tagger restricts frequent words the same way).
 *
 * File (`models/<model>.candidates.json`, built by `npm run train:pos -- --candidates-only`):
 * `{ format, model, tags, minCount, minRareShare, sets: string[][], words: { [word]: set },
 * rare: { word, number, punct, capitalised } }`, a key with a capital prefixed `^`, sets by tag
 * name, checked against the model's tags when loaded.
 */

export interface CandidateFile {
  format: 'tidings.tag-candidates/1';
  model: string;
  tags: string[];
  minCount: number;
  sets: string[][];
  words: Record<string, number>;
  /** Sets of the tags rare tokens of each kind were seen with; `capitalised`: words with a capital. */
  rare: { word: number; number: number; punct: number; capitalised: number };
  /**
   * Tags a rare token may take only if they covered at least this share of the rare tokens of
   * its kind in training (drops the one-off tags of annotation noise).
   */
  minRareShare: number;
}

export class TagCandidates {
  /** Allowed tag numbers of each set, ascending. */
  readonly lists: readonly Int32Array[];
  /**
   * Token hash → [word, set] for words without a capital and for words with one; a word is checked
   * against the token, so hash neighbours stay apart.
   */
  readonly #words = new Map<number, [string, number]>();
  readonly #capitalised = new Map<number, [string, number]>();
  readonly #rare: Int32Array;
  readonly #rareCapitalised: number;

  constructor(file: CandidateFile, modelTags: readonly string[]) {
    if (file.format !== 'tidings.tag-candidates/1') {
      throw new Error(`TagCandidates: unknown format ${String(file.format)}`);
    }
    const index = new Map(modelTags.map((t, i) => [t, i]));
    this.lists = file.sets.map((set) =>
      Int32Array.from(
        set
          .map((tag) => {
            const t = index.get(tag);
            if (t === undefined) throw new Error(`TagCandidates: tag ${tag} is not one of the model's tags`);
            return t;
          })
          .sort((a, b) => a - b),
      ),
    );
    const check = (k: number) => {
      if (!Number.isInteger(k) || k < 0 || k >= this.lists.length) {
        throw new Error(`TagCandidates: set ${k} does not exist`);
      }
      return k;
    };
    const collided = new Set<number>();
    for (const [key, set] of Object.entries(file.words)) {
      const capital = key.startsWith('^');
      const word = capital ? key.slice(1) : key;
      const map = capital ? this.#capitalised : this.#words;
      const h = hashString(word);
      if (map.has(h)) collided.add(capital ? -h - 1 : h);
      map.set(h, [word, check(set)]);
    }
    // Two listed words with one hash: both stay open to every tag.
    for (const h of collided) {
      if (h < 0) this.#capitalised.set(-h - 1, ['', -1]);
      else this.#words.set(h, ['', -1]);
    }
    this.#rare = new Int32Array(4).fill(-1);
    this.#rare[WORD] = check(file.rare.word);
    this.#rare[NUMBER] = check(file.rare.number);
    this.#rare[PUNCT] = check(file.rare.punct);
    this.#rareCapitalised = check(file.rare.capitalised);
  }

  /** The set of tags token `i` may take (an index into `lists`), or -1 for every tag. */
  setOf(tokens: TokenLayer, i: number): number {
    const h = tokens.hash(i);
    if (tokens.isUpper(i)) {
      const known = this.#capitalised.get(h);
      if (known !== undefined) return known[1] >= 0 && tokens.lower(i) === known[0] ? known[1] : -1;
      return tokens.kind(i) === WORD ? this.#rareCapitalised : -1;
    }
    const known = this.#words.get(h);
    if (known !== undefined) return known[1] >= 0 && tokens.lower(i) === known[0] ? known[1] : -1;
    return this.#rare[tokens.kind(i)] ?? -1;
  }
}

/**
 * Builds the file from counts of token → tag → count, keyed by the lowercase surface, prefixed
 * with `^` for a token with a capital.
 */
export function buildCandidates(
  model: string,
  tags: readonly string[],
  counts: ReadonlyMap<string, { kind: number; tags: ReadonlyMap<number, number> }>,
  minCount: number,
  minRareShare: number,
): CandidateFile {
  const sets: string[][] = [];
  const setIndex = new Map<string, number>();
  const intern = (tagNumbers: Iterable<number>): number => {
    const names = [...new Set(tagNumbers)].sort((a, b) => a - b).map((t) => tags[t] as string);
    const key = names.join(' ');
    let k = setIndex.get(key);
    if (k === undefined) {
      k = sets.length;
      sets.push(names);
      setIndex.set(key, k);
    }
    return k;
  };
  // Rare tokens' tags by kind (WORD, NUMBER, PUNCT; 0: capitalised words).
  const rareTags = new Map<number, Map<number, number>>();
  const words: Record<string, number> = {};
  for (const [key, { kind, tags: seen }] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let total = 0;
    for (const c of seen.values()) total += c;
    if (total >= minCount) {
      words[key] = intern(seen.keys());
      continue;
    }
    const group = key.startsWith('^') ? (kind === WORD ? 0 : -1) : kind;
    if (group < 0) continue;
    let m = rareTags.get(group);
    if (!m) {
      m = new Map();
      rareTags.set(group, m);
    }
    for (const [t, c] of seen) m.set(t, (m.get(t) ?? 0) + c);
  }
  const rareSet = (group: number): number => {
    const m = rareTags.get(group) ?? new Map<number, number>();
    let total = 0;
    for (const c of m.values()) total += c;
    return intern([...m].filter(([, c]) => c >= minRareShare * total).map(([t]) => t));
  };
  const rare = {
    word: rareSet(WORD),
    number: rareSet(NUMBER),
    punct: rareSet(PUNCT),
    capitalised: rareSet(0),
  };
  return {
    format: 'tidings.tag-candidates/1',
    model,
    tags: [...tags],
    minCount,
    minRareShare,
    sets,
    words,
    rare,
  };
}
