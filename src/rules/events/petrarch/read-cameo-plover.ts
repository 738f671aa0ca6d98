/**
 * Reads the PLOVER codebook's CAMEO → PLOVER table (`CAMEO2PLOVER-2021.txt`: `code: TYPE, mode,
 * context # name`) into a map from CAMEO code to PLOVER type, mode and contexts. Codes the table
 * leaves out (CAMEO 01 and 02, which PLOVER dropped) have no entry.
 */
export interface PloverMapping {
  type: string;
  mode?: string;
  context?: string[];
  name?: string;
}

export function readCameoPlover(text: string): Record<string, PloverMapping> {
  const out: Record<string, PloverMapping> = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = raw.match(/^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$/);
    if (!m) continue;
    const [typeField, modeField, contextField] = (m[2] as string).split(',').map((f) => f.trim());
    if (!typeField || !/^[A-Z]+$/.test(typeField)) continue;
    const entry: PloverMapping = { type: typeField };
    if (modeField) entry.mode = modeField;
    if (contextField) entry.context = contextField.split(/\s+/).filter(Boolean);
    if (m[3]) entry.name = m[3].trim();
    out[m[1] as string] = entry;
  }
  return out;
}

/** The mapping of a code or its nearest listed ancestor ("0211" → "021" → "02"). */
export function ploverFor(
  table: Readonly<Record<string, PloverMapping>>,
  code: string,
): PloverMapping | undefined {
  for (let c = code; c.length >= 2; c = c.length === 3 ? c.slice(0, 2) : c.slice(0, -1)) {
    const hit = table[c];
    if (hit) return hit;
  }
  return undefined;
}
