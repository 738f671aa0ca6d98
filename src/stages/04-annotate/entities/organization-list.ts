import orgData from '../../../rules/entities/organizations.json' with { type: 'json' };
import worldData from '../../../rules/entities/organizations-world.json' with { type: 'json' };

/** One listed organisation as the rule files write it. */
export interface ListedOrganization {
  id: string;
  name: string;
  aliases: string[];
  country?: string;
  sector: string;
}

/**
 * Every listed organisation: the hand-kept list first (its surfaces win a tie), then the general
 * reference list of intergovernmental bodies, agencies, parties and armed groups.
 */
export const listedOrganizations: readonly ListedOrganization[] = [
  ...orgData.organizations,
  ...worldData.organizations,
];

/** Slot patterns that name an organisation ("Chinese state media Xinhua"). */
export const organizationPatterns = orgData.patterns;

/** Listed surfaces: all-capital acronyms as written ("WHO" is not "Who"), other names in lower case. */
const bySurface = new Map<string, ListedOrganization>();
for (const o of listedOrganizations) {
  for (const s of [o.name, ...o.aliases]) {
    const key = s === s.toUpperCase() ? s : s.toLowerCase();
    if (!bySurface.has(key)) bySurface.set(key, o);
  }
}

/** The listed organisation a name is a surface of, if any ("Fatah" → Fatah; "fatah" too, "Who" not WHO). */
export function listedOrganizationNamed(name: string): ListedOrganization | undefined {
  return bySurface.get(name) ?? bySurface.get(name.toLowerCase());
}
