import { iso31662 } from 'iso-3166';
import { wordList } from '../rules/word-list.js';
import { iso3FromIso2 } from './countries.js';
import genericData from './subdivision-words.json' with { type: 'json' };

/**
 * The first-order subdivisions of every country (provinces, states, regions: ISO 3166-2 as the
 * `iso-3166` package gives it, 4,000 names), for a place the city gazetteer does not hold
 * ("the government of Sindh province"). A name tells only its country: the one country the
 * article names that has a subdivision of that name, else, in an article that names no country,
 * the one country that has one, unless the name is only compass points and geographic nouns
 * (`subdivision-words.json`: "Gulf", "North" alone stay unresolved). The package has no coordinates: the place
 * keeps none.
 */

let byName: Map<string, Set<string>> | undefined;

/** Lowercase, without diacritics ("Balōchistān" → "balochistan"). */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function index(): Map<string, Set<string>> {
  if (byName) return byName;
  byName = new Map();
  for (const s of iso31662) {
    // First-order subdivisions only: their parent is the country itself.
    if (s.parent.length !== 2) continue;
    const iso3 = iso3FromIso2(s.parent);
    if (!iso3) continue;
    const key = fold(s.name);
    let set = byName.get(key);
    if (!set) {
      set = new Set();
      byName.set(key, set);
    }
    set.add(iso3);
  }
  return byName;
}

/** Compass points and geographic nouns (`subdivision-words.json`). */
const genericWords = new Set(wordList(genericData, 'kb/subdivision-words'));

/** Whether a name is only compass points and geographic nouns ("North", "Upper East", "Gulf"). */
export function genericSubdivisionName(name: string): boolean {
  const words = fold(name)
    .split(/[\s-]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => genericWords.has(w));
}

/** The ISO3 country of the first-order subdivision called `name`, or undefined when unclear. */
export function subdivisionCountry(
  name: string,
  articleCountries: ReadonlySet<string> = new Set(),
): string | undefined {
  const found = index().get(fold(name.trim()));
  if (!found) return undefined;
  const named = [...found].filter((c) => articleCountries.has(c));
  if (named.length === 1) return named[0];
  // An article that names countries, none of them this name's: a spelling of another country's
  // province (ISO writes Pakistan's "Panjāb", so "Punjab" is India's alone).
  if (articleCountries.size > 0) return undefined;
  // "the Gulf", "the North": a description of a place, a province only where its country is named.
  if (genericSubdivisionName(name)) return undefined;
  return found.size === 1 ? found.values().next().value : undefined;
}
