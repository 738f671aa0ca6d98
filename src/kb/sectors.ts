import sectorData from './sectors.json' with { type: 'json' };

export interface SectorInfo {
  code: string;
  label: string;
}

const byWord = new Map<string, SectorInfo>();
for (const s of sectorData.sectors) {
  for (const w of s.words) {
    const key = w.toLowerCase();
    // First listed sector wins for a word listed twice.
    if (!byWord.has(key)) byWord.set(key, { code: s.code, label: s.label });
  }
}

/** All sector codes with their labels, in data order. */
export const sectors: readonly SectorInfo[] = sectorData.sectors.map((s) => ({
  code: s.code,
  label: s.label,
}));

/** The sector a lowercased word or phrase signals ("troops" → MIL), if any. */
export function sectorForWord(lower: string): string | undefined {
  return byWord.get(lower)?.code;
}
