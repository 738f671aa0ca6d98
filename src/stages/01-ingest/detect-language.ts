import { francAll } from 'franc-min';
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { asDictionary } from 'trigram-utils';

/**
 * The language a text is written in, by franc (`franc-min`: character trigram profiles of the 82
 * languages with 8 million speakers or more), as an ISO 639-3 code (`eng`, `deu`, `cmn`), or
 * undefined when the text is too short to tell. Tidings' rules and models are English; the ingest
 * door flags other languages so the English-only stages are skipped rather than produce nonsense.
 */

/** Characters looked at: from the start, enough for trigram statistics, bounded for a 10 MB text. */
const SAMPLE = 1000;
/** Below this many characters (franc's count, after it drops punctuation and digits) it says nothing. */
export const MIN_LANGUAGE_SAMPLE = 120;
export const ENGLISH = 'eng';
/**
 * franc scores every language relative to its best guess (1). When English scores within a tenth
 * of the best, the detector cannot tell them apart (names, headlines, a short line repeated) and
 * the text is taken as English: a wrong "not English" would switch off every annotator.
 */
export const ENGLISH_MARGIN = 0.9;

export function detectLanguage(text: string): string | undefined {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const scores = latinScores(sample) ?? francAll(sample, { minLength: MIN_LANGUAGE_SAMPLE });
  const best = scores[0]?.[0];
  if (best === undefined || best === 'und') return undefined;
  if (best === ENGLISH) return ENGLISH;
  const english = scores.find(([code]) => code === ENGLISH)?.[1] ?? 0;
  return english >= ENGLISH_MARGIN ? ENGLISH : best;
}

/** What franc adds to a distance for a trigram of the text that a language's profile lacks. */
const ABSENT = 300;
/** franc reads at most this many characters of what it is given. */
const FRANC_MAX = 2048;
/** The script name under which franc keeps the profiles of the Latin-script languages. */
const LATIN = 'Latin';

interface LatinProfiles {
  codes: string[];
  /** Every trigram of any Latin profile → a number. */
  ids: Map<string, number>;
  /** Per language (as `codes`), the rank of each numbered trigram in its profile, or -1. */
  ranks: Int32Array[];
}

let profiles: LatinProfiles | undefined;

/**
 * franc's profiles of the Latin-script languages, read once: each trigram numbered across all of
 * them and each profile a column of ranks by number, so a text's trigram is looked up once for all
 * languages rather than once per language in a per-language object (franc's way, and most of its
 * time on a news article).
 */
function latinProfiles(): LatinProfiles {
  if (profiles) return profiles;
  const table = data[LATIN] as Record<string, string>;
  const codes = Object.keys(table);
  const lists = codes.map((code) => (table[code] as string).split('|'));
  const ids = new Map<string, number>();
  for (const list of lists) for (const trigram of list) if (!ids.has(trigram)) ids.set(trigram, ids.size);
  const ranks = lists.map((list) => {
    const rank = new Int32Array(ids.size).fill(-1);
    // From the end, so a trigram listed twice keeps its first (lowest) rank, as franc's table does.
    for (let r = list.length - 1; r >= 0; r--) rank[ids.get(list[r] as string) as number] = r;
    return rank;
  });
  profiles = { codes, ids, ranks };
  return profiles;
}

/**
 * `francAll(text, { minLength: MIN_LANGUAGE_SAMPLE })`, the same scores in the same order, for a
 * text whose most frequent script is Latin; undefined for any other text (the caller asks franc).
 * The same steps as franc's: the script with the largest share of characters (the first on a tie),
 * the trigram counts of the cleaned text, each language's distance (per trigram, the difference
 * between its count and its rank in the profile, or 300 when absent: integer sums, so exact in any
 * order), sorted ascending (a stable sort, languages in franc's order) and scaled to 1 for the best.
 */
function latinScores(text: string): [string, number][] | undefined {
  if (text.length < MIN_LANGUAGE_SAMPLE) return undefined;
  const sample = text.length > FRANC_MAX ? text.slice(0, FRANC_MAX) : text;
  let top: string | undefined;
  let topShare = -1;
  for (const script of Object.keys(expressions)) {
    const share = (sample.match(expressions[script] as RegExp)?.length ?? 0) / sample.length || 0;
    if (share > topShare) {
      topShare = share;
      top = script;
    }
  }
  if (top !== LATIN) return undefined;
  const { codes, ids, ranks } = latinProfiles();
  const counts = asDictionary(sample);
  const trigramIds: number[] = [];
  const trigramCounts: number[] = [];
  for (const trigram of Object.keys(counts)) {
    trigramIds.push(ids.get(trigram) ?? -1);
    trigramCounts.push(counts[trigram] as number);
  }
  const scores: [string, number][] = codes.map((code, k) => {
    const rank = ranks[k] as Int32Array;
    let distance = 0;
    for (let i = 0; i < trigramIds.length; i++) {
      const id = trigramIds[i] as number;
      const r = id < 0 ? -1 : (rank[id] as number);
      distance += r < 0 ? ABSENT : Math.abs((trigramCounts[i] as number) - r - 1);
    }
    return [code, distance];
  });
  scores.sort((a, b) => a[1] - b[1]);
  const min = (scores[0] as [string, number])[1];
  const range = sample.length * ABSENT - min;
  for (const score of scores) score[1] = 1 - (score[1] - min) / range || 0;
  return scores;
}

/** This module's scores (undefined when franc is asked), for the test that they are franc's. */
export const fastScores = latinScores;
