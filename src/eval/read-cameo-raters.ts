/**
 * Reads the multi-rater CAMEO annotation summaries (`cameo-annotations/round*.csv`, one row per
 * sentence, one column group per rater: `Action1_CAMEO_<k>` = "<pentaclass>-<root> <name>").
 */

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface RatedSentence {
  id: string;
  text: string;
  /** Each rater's CAMEO root ("11") for the sentence's first action; raters who coded none are left out. */
  roots: string[];
}

export function readRatedSentences(csv: string): RatedSentence[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const textAt = header.indexOf('sentences');
  const idAt = header.indexOf('ids');
  const raterCols = header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => /^Action1_CAMEO_\d+$/.test(h))
    .map(({ i }) => i);
  const out: RatedSentence[] = [];
  for (const row of rows) {
    const text = row[textAt]?.trim();
    if (!text) continue;
    const roots: string[] = [];
    for (const c of raterCols) {
      const m = row[c]?.match(/^\s*\d-(\d{1,2})\b/);
      if (m) roots.push((m[1] as string).padStart(2, '0'));
    }
    out.push({ id: row[idAt] ?? String(out.length), text, roots });
  }
  return out;
}

/**
 * The rounds annotate the same sentences again (700 rows, 100 distinct sentences): rows with the
 * same text are one sentence whose raters are all the rounds' raters, so that cross-validation
 * never trains on a sentence it scores.
 */
export function mergeBySentence(rows: readonly RatedSentence[]): RatedSentence[] {
  const byText = new Map<string, RatedSentence>();
  for (const r of rows) {
    const key = r.text.replace(/\s+/g, ' ');
    const seen = byText.get(key);
    if (seen) seen.roots.push(...r.roots);
    else byText.set(key, { id: r.id, text: r.text, roots: [...r.roots] });
  }
  return [...byText.values()];
}

/** The root most raters gave (ties: the smallest code), or `none` when nobody coded the sentence. */
export function majorityRoot(roots: readonly string[]): string {
  if (roots.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const r of roots) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
}
