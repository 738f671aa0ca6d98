import { compilePhrases, type PhraseMatcher } from '../../../core/text/phrase-matcher.js';
import { countrySurfaces } from '../../../kb/countries.js';
import { leaders, places } from '../../../kb/leaders.js';
import headData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import nameData from '../../../rules/entities/person-names.json' with { type: 'json' };
import roleData from '../../../rules/entities/roles.json' with { type: 'json' };
import { listedOrganizations } from './organization-list.js';

/**
 * The phrase lists the name tagger sees as features (membership, not answers: the model learns
 * how far to trust each list). Bit order is the order below and is written into the model; a
 * model trained with other lists refuses to load (see `name-tagger.ts`).
 */
export const gazetteerNames = [
  'country',
  'demonym',
  'capital',
  'city',
  'place',
  'leader',
  'organization',
  'given-name',
  'honorific',
  'title',
  'org-head',
] as const;

export type GazetteerName = (typeof gazetteerNames)[number];

function* listSurfaces(): Generator<[GazetteerName, string]> {
  for (const c of countrySurfaces.values()) {
    const list: GazetteerName =
      c.form === 'demonym' ? 'demonym' : c.form === 'capital' ? 'capital' : 'country';
    yield [list, c.surface];
  }
  for (const p of places)
    for (const s of [p.name, ...p.aliases]) yield [p.type === 'city' ? 'city' : 'place', s];
  for (const l of leaders) for (const s of [l.name, ...l.aliases]) yield ['leader', s];
  for (const o of listedOrganizations) for (const s of [o.name, ...o.aliases]) yield ['organization', s];
  for (const n of nameData.givenNames) yield ['given-name', n];
  for (const h of nameData.honorifics) yield ['honorific', h];
  for (const t of roleData.titles) for (const s of t.surfaces) yield ['title', s];
  for (const h of headData.heads) for (const w of h.words) yield ['org-head', w];
}

/** One matcher over every list; a phrase's value is the bitmask of the lists holding it. */
export function buildNameGazetteer(): PhraseMatcher<number> {
  const masks = new Map<string, number>();
  for (const [list, surface] of listSurfaces()) {
    const bit = gazetteerNames.indexOf(list);
    masks.set(surface, (masks.get(surface) ?? 0) | (1 << bit));
  }
  return compilePhrases([...masks].map(([surface, value]) => ({ surface, value })));
}
