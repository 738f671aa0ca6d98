import type { Doc } from '../../core/doc.js';
import { sentenceJoinedTokens } from '../../core/tokens.js';
import petrarchData from '../../rules/events/petrarch-verbs.json' with { type: 'json' };
import { compileLexicon, type PetrarchRules } from './compile-lexicon.js';
import { findMatches, HeadIndex } from './matching.js';

/**
 * CAMEO readings straight from PETRARCH2's whole CAMEO verb dictionary, every root, read as
 * PETRARCH reads the file (a verb without a code of its own codes its block's code; null-code
 * patterns veto): no participant, word-sense or detector check, no PLOVER mapping needed. The
 * CAMEO root of a sentence falls back on them where neither a PLOVER event nor a statement reads
 * anything (`cameo-root.ts`); they are not written into the analysis.
 */
export interface DictionaryReading {
  /** Where the trigger starts. */
  start: number;
  /** The CAMEO code ("190"). */
  cameo: string;
  /** `petrarch:<block>.<line>`. */
  rule: string;
}

let index: HeadIndex | undefined;

/** The whole dictionary compiled once, on first use. */
function dictionaryIndex(): HeadIndex {
  if (index) return index;
  const lexicon = compileLexicon([], petrarchData as PetrarchRules, { anyCode: true, blockCodes: true });
  index = new HeadIndex(lexicon.byHead, lexicon, true);
  return index;
}

/** The dictionary's readings of an analysed document (it needs the `tokens` layer), in text order. */
export function dictionaryReadings(doc: Pick<Doc, 'tokens' | 'sentences'>): DictionaryReading[] {
  const layer = doc.tokens;
  if (!layer || !doc.sentences) return [];
  const idx = dictionaryIndex();
  const out: DictionaryReading[] = [];
  doc.sentences.forEach((sentence, i) => {
    if (!idx.mayHoldTrigger(layer, i)) return;
    const firsts: number[] = [];
    const tokens = sentenceJoinedTokens(layer, i, sentence, firsts);
    for (const m of findMatches(tokens, layer, firsts, idx)) {
      if (m.rule.veto || !/^\d{3,4}$/.test(m.rule.code.code)) continue;
      out.push({
        start: (tokens[m.head] as { start: number }).start,
        cameo: m.rule.code.code,
        rule: m.rule.spec.id,
      });
    }
  });
  return out.sort((a, b) => a.start - b.start);
}
