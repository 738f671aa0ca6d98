/**
 * How a word list is written in `src/rules` and `src/kb`: what it is for, where its entries come
 * from when that is not obvious, and the entries. Stages read lists through `wordList`, which
 * checks the shape once at module load, so a malformed data file fails loudly at start-up.
 */
export interface WordListData {
  description: string;
  source?: string;
  words: readonly string[];
}

export interface WordListOptions {
  /** Entries must be lowercase (default true): the stages compare lowercase token forms. */
  lowercase?: boolean;
}

/** The entries of a word list, checked: a description, non-empty unique strings. */
export function wordList(data: unknown, name: string, options: WordListOptions = {}): readonly string[] {
  const list = data as Partial<WordListData> | undefined;
  if (!list || typeof list.description !== 'string' || list.description.trim() === '') {
    throw new Error(`word list ${name}: expected {description, words}, found no description`);
  }
  if (!Array.isArray(list.words) || list.words.length === 0) {
    throw new Error(`word list ${name}: expected a non-empty "words" array`);
  }
  const seen = new Set<string>();
  for (const w of list.words) {
    if (typeof w !== 'string' || w === '' || w.trim() !== w) {
      throw new Error(`word list ${name}: ${JSON.stringify(w)} is not a word`);
    }
    if ((options.lowercase ?? true) && w !== w.toLowerCase()) {
      throw new Error(`word list ${name}: "${w}" must be lowercase`);
    }
    if (seen.has(w)) throw new Error(`word list ${name}: "${w}" is listed twice`);
    seen.add(w);
  }
  return list.words;
}
