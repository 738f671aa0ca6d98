import { francAll } from 'franc-min';

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
  const scores = francAll(text.length > SAMPLE ? text.slice(0, SAMPLE) : text, {
    minLength: MIN_LANGUAGE_SAMPLE,
  });
  const best = scores[0]?.[0];
  if (best === undefined || best === 'und') return undefined;
  if (best === ENGLISH) return ENGLISH;
  const english = scores.find(([code]) => code === ENGLISH)?.[1] ?? 0;
  return english >= ENGLISH_MARGIN ? ENGLISH : best;
}
