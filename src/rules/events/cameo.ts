import data from './cameo.json' with { type: 'json' };
import type { Quad } from './types.js';

/**
 * The CAMEO table (`cameo.json`), checked once at module load: a rule names its CAMEO code and
 * every event takes the code's quad class and Goldstein score from here, never typed per rule.
 */
export interface CameoCode {
  /** "042", "1823": the leading zero kept. */
  code: string;
  name: string;
  /** The two-digit root ("04"). */
  root: string;
  /** GDELT quad class of the root: 1 verbal cooperation … 4 material conflict. */
  quad: Quad;
  /** Goldstein score of the code, −10 (most conflictual) to +10 (most cooperative). */
  goldstein: number;
}

interface CameoFile {
  roots: Record<string, { name: string; quad: number }>;
  codes: Record<string, { name: string; goldstein: number }>;
}

function loadTable(file: CameoFile): ReadonlyMap<string, CameoCode> {
  const table = new Map<string, CameoCode>();
  for (const [root, r] of Object.entries(file.roots)) {
    if (!/^(0[1-9]|1\d|20)$/.test(root) || !r.name || ![1, 2, 3, 4].includes(r.quad)) {
      throw new Error(`cameo.json: root "${root}" needs a name and a quad class 1–4`);
    }
  }
  for (const [code, c] of Object.entries(file.codes)) {
    const root = code.slice(0, 2);
    const r = file.roots[root];
    if (!/^\d{3,4}$/.test(code) || !r) throw new Error(`cameo.json: code "${code}" has no root in "roots"`);
    if (!c.name || !(c.goldstein >= -10 && c.goldstein <= 10)) {
      throw new Error(`cameo.json: code "${code}" needs a name and a Goldstein score in [-10, 10]`);
    }
    table.set(code, { code, name: c.name, root, quad: r.quad as Quad, goldstein: c.goldstein });
  }
  return table;
}

export const cameoCodes: ReadonlyMap<string, CameoCode> = loadTable(data);

/** The table entry for a CAMEO code; an unknown code is a programmer error (add it to cameo.json). */
export function cameoCode(code: string): CameoCode {
  const entry = cameoCodes.get(code);
  if (!entry) throw new Error(`CAMEO code "${code}" is not in src/rules/events/cameo.json; add it there`);
  return entry;
}

/**
 * The table entry for a code, else for its nearest listed ancestor ("0211" → "021" → "020"): the
 * imported PETRARCH dictionary names codes finer than the table; the event keeps its own code and
 * takes the ancestor's quad class and Goldstein score. Undefined when not even the root is listed.
 */
export function cameoCodeNearest(code: string): CameoCode | undefined {
  const exact = cameoCodes.get(code);
  if (exact) return exact;
  for (let c = code.slice(0, -1); c.length >= 2; c = c.slice(0, -1)) {
    const hit = cameoCodes.get(c.length === 2 ? `${c}0` : c);
    if (hit) return { ...hit, code };
  }
  return undefined;
}
