/**
 * The article-extraction benchmark's score (scrapinghub/article-extraction-benchmark, `evaluate.py`),
 * written here from its definition: words are runs of Unicode letters, digits and `_` (Python's `\w`),
 * case kept; a text's shingles are its word 4-grams with their counts (a text of fewer than four words
 * is one shingle of all its words). Per page, true positives are the shared shingle counts, false
 * positives the extra predicted ones, false negatives the missed ones, the three normalised to sum to
 * one. Precision is averaged over pages with anything predicted, recall over pages with anything
 * expected, and F1 is taken of the two averages.
 */

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

export function shingles(text: string, n = 4): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  const last = Math.max(1, words.length - n + 1);
  for (let i = 0; i < last; i++) {
    const gram = words.slice(i, i + n);
    if (gram.length === 0) continue;
    const key = gram.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function shingleMatch(expected: string, predicted: string, n = 4): ShingleCounts {
  const want = shingles(expected, n);
  const got = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, w] of want) {
    const g = got.get(key) ?? 0;
    tp += Math.min(w, g);
    fn += Math.max(0, w - g);
  }
  for (const [key, g] of got) fp += Math.max(0, g - (want.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** Precision and recall averaged over pages, F1 of the averages (0 when nothing can be averaged). */
export function shingleScores(pages: readonly ShingleCounts[]): {
  precision: number;
  recall: number;
  f1: number;
} {
  const ps = pages.filter((c) => c.tp + c.fp > 0).map(precisionOf);
  const rs = pages.filter((c) => c.tp + c.fn > 0).map(recallOf);
  const precision = ps.length === 0 ? 0 : ps.reduce((a, b) => a + b, 0) / ps.length;
  const recall = rs.length === 0 ? 0 : rs.reduce((a, b) => a + b, 0) / rs.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
