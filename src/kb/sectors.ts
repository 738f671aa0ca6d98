import { readModelJson } from '../core/ml/model-files.js';
import codeData from './phoenix/codes.json' with { type: 'json' };
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

/** Every sector code sectors.json defines. */
export const sectorCodes: ReadonlySet<string> = new Set(sectors.map((s) => s.code));

const sectorMap: Record<string, string> = codeData.sectors;

/**
 * The sector a run of CAMEO agent codes gives: the first three-letter code that is one of ours or
 * maps to one (phoenix/codes.json), "GOVMED" → GOV, "RADMUS" → REL; undefined for none.
 */
export function sectorOfCodes(codes: string): string | undefined {
  for (let i = 0; i + 3 <= codes.length; i += 3) {
    const chunk = codes.slice(i, i + 3);
    if (sectorCodes.has(chunk)) return chunk;
    const mapped = sectorMap[chunk];
    if (mapped) return mapped;
  }
  return undefined;
}

let agents: Map<string, string> | undefined;

/** The Phoenix agents dictionary (models/phoenix-1/agents.json), loaded on first use. */
function agentCodes(): Map<string, string> {
  agents ??= new Map((readModelJson('phoenix-1/agents.json') as { agents: [string, string][] }).agents);
  return agents;
}

/** The sector the Phoenix agents dictionary gives a lowercased noun or phrase ("naval" → MIL). */
export function agentSector(lower: string): string | undefined {
  const code = agentCodes().get(lower);
  return code ? sectorOfCodes(code) : undefined;
}

/**
 * The sector a lowercased word or phrase signals ("troops" → MIL), if any: our own list first
 * (sectors.json), then the Phoenix agents dictionary ("naval units" → MIL).
 */
export function sectorForWord(lower: string): string | undefined {
  return byWord.get(lower)?.code ?? agentSector(lower);
}
