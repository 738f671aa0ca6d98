import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import { hashString, TokenSet } from '../../../core/tokens.js';
import { type CountryForm, countrySurfaces } from '../../../kb/countries.js';
import { type Leader, leaders, type Place, places } from '../../../kb/leaders.js';
import { nameWords } from '../../../rules/entities/name-words.js';
import headData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import nameData from '../../../rules/entities/person-names.json' with { type: 'json' };
import roleData from '../../../rules/entities/roles.json' with { type: 'json' };
import { months, personalPronouns, weekdays } from '../../../rules/lexicon/lexicon.js';
import { listedOrganizations, organizationPatterns } from './organization-list.js';

// The entity lists and patterns, compiled once at module load.

export interface Title {
  role: string;
  sector: string;
}

export interface Organization {
  id: string;
  name: string;
  country?: string;
  sector: string;
}

export type Hit =
  | { kind: 'country'; iso3: string; form: CountryForm }
  | { kind: 'org'; org: Organization }
  | { kind: 'leader'; leader: Leader; form: 'name' | 'surname' }
  | { kind: 'place'; place: Place }
  | { kind: 'title'; title: Title };

export const matcher = compilePhrases<Hit>(
  (function* () {
    // Most specific lists first: the first phrase added for a token sequence wins.
    for (const o of listedOrganizations) {
      const org: Organization = { id: o.id, name: o.name, sector: o.sector };
      if (o.country) org.country = o.country;
      for (const s of [o.name, ...o.aliases]) yield { surface: s, value: { kind: 'org', org } as Hit };
    }
    for (const l of leaders) {
      yield { surface: l.name, value: { kind: 'leader', leader: l, form: 'name' } as Hit };
      for (const a of l.aliases) {
        const form = a.includes(' ') ? 'name' : 'surname';
        yield { surface: a, value: { kind: 'leader', leader: l, form } as Hit };
      }
    }
    for (const p of places) {
      for (const s of [p.name, ...p.aliases]) yield { surface: s, value: { kind: 'place', place: p } as Hit };
    }
    for (const c of countrySurfaces.values()) {
      yield { surface: c.surface, value: { kind: 'country', iso3: c.iso3, form: c.form } as Hit };
    }
    for (const t of roleData.titles) {
      const title: Title = { role: t.role, sector: t.sector };
      // Only capitalised titles here ("President"); lowercase ones are looked up on demand by
      // the `title` slot, so the main pass never hashes ordinary lowercase words.
      for (const s of t.surfaces) {
        if (s[0] !== s[0]?.toLowerCase()) yield { surface: s, value: { kind: 'title', title } as Hit };
      }
    }
  })(),
);

/** Titles in any case, for the `title` slot ("Russia’s president"). */
export const titleMatcher = compilePhrases<Title>(
  roleData.titles.flatMap((t) =>
    t.surfaces.map((s) => ({ surface: s, value: { role: t.role, sector: t.sector }, anyCase: true })),
  ),
);

export type Slot = {
  kind: 'COUNTRY' | 'TITLE' | 'title' | 'NAME' | 'ORG' | 'literal';
  literal?: string;
  /** `hashString(literal)`: most tokens are rejected by it before `lower()` builds a string. */
  literalHash?: number;
  optional: boolean;
};

export interface Pattern {
  id: string;
  slots: Slot[];
  /** For organisation patterns: the sector they give. */
  sector?: string;
}

const slotKinds = new Set(['COUNTRY', 'TITLE', 'title', 'NAME', 'ORG']);

function compilePattern(id: string, slots: readonly string[], sector?: string): Pattern {
  const compiled = slots.map((raw): Slot => {
    const optional = raw.endsWith('?');
    const name = optional ? raw.slice(0, -1) : raw;
    if (slotKinds.has(name)) return { kind: name as Slot['kind'], optional };
    const literal = name.toLowerCase();
    return { kind: 'literal', literal, literalHash: hashString(literal), optional };
  });
  if (!compiled.some((s) => s.kind === 'NAME' || s.kind === 'ORG')) {
    throw new Error(
      `entities: pattern "${id}" has no NAME or ORG slot; add one so the pattern can name someone`,
    );
  }
  const p: Pattern = { id, slots: compiled };
  if (sector) p.sector = sector;
  return p;
}

export const rolePatterns = roleData.patterns.map((p) => compilePattern(p.id, p.slots));
export const orgPatterns = organizationPatterns.map((p) => compilePattern(p.id, p.slots, p.sector));

/** Capitalised words that never start or continue a person's name. */
export const notNameWords = new TokenSet([
  ...personalPronouns,
  ...nameWords.functionWords,
  ...weekdays.map((d) => d.name),
  ...months.map((m) => m.name),
  ...nameWords.institutionWords,
]);
export const nameParticles = new TokenSet(nameWords.nameParticles);

/** Organisation head words ("Party", "Bank") → the sector they give ('' for none). */
export const headSectors = new Map<string, string>();
for (const h of headData.heads) {
  for (const w of h.words) if (!headSectors.has(w.toLowerCase())) headSectors.set(w.toLowerCase(), h.sector);
}
export const headWords = new TokenSet(headSectors.keys());
export const honorifics = new TokenSet(nameData.honorifics.map((h) => h.toLowerCase()));
/** Honorifics that only ever open a person's name (person-names.json `courtesyTitles`). */
export const courtesyTitles = new TokenSet(nameData.courtesyTitles.words.map((h) => h.toLowerCase()));

export const formRule: Record<CountryForm, string> = {
  name: 'entities:country-name',
  demonym: 'entities:demonym',
  capital: 'entities:capital',
  alias: 'entities:country-alias',
};

/** Countries whose names English news writes family name first ("Xi Jinping", "Kim Jong Un"). */
export const familyNameFirst = new Set(nameWords.familyNameFirst);
