import type { Entity, Mention } from '../../../core/doc.js';
import { type TokenLayer, TokenSet, WORD } from '../../../core/tokens.js';
import { misspeltCountry } from '../../../kb/countries.js';
import { placesNamed } from '../../../kb/gazetteer.js';
import type { Place } from '../../../kb/leaders.js';
import { sectorForWord } from '../../../kb/sectors.js';
import {
  courtesyTitles,
  familyNameFirst,
  formRule,
  type Hit,
  headSectors,
  headWords,
  honorifics,
  type Organization,
  type Pattern,
} from './entity-lexicon.js';
import {
  countryEntity,
  type EntityTable,
  identity,
  leaderEntity,
  leaderId,
  orgEntity,
  placeEntity,
  placeId,
  slugify,
  unlocatedPlaceEntity,
} from './entity-table.js';
import { type Capture, isLowerS, type SentenceScan } from './match-patterns.js';
import type { TaggedName } from './name-tagger.js';
import type { FoundName } from './recognize-names.js';

// Names found in a sentence (by a pattern, the tagger or the rules) become entity mentions.

export function addPatternPerson(
  text: string,
  scan: SentenceScan,
  p: Pattern,
  cap: Capture,
  table: EntityTable,
  tagged?: TaggedName,
): void {
  const { tokens } = scan;
  const nameFrom = cap.nameFrom as number;
  const nameTo = cap.nameTo as number;
  const firstStart = tokens.start(nameFrom);
  const lastEnd = tokens.end(nameTo - 1);
  const surface = text.slice(firstStart, lastEnd);
  let id: string;
  let fresh: Entity;
  if (cap.leader) {
    id = leaderId(cap.leader);
    fresh = leaderEntity(cap.leader);
  } else {
    // A single word may be the surname of someone already named in full.
    const known = nameTo - nameFrom === 1 ? table.personBySurname(tokens.lower(nameFrom)) : undefined;
    id = known?.id ?? `person:${slugify(surface)}`;
    fresh = { id, name: surface, type: 'person', mentions: [] };
  }
  const titleFirst = cap.titleStart !== undefined && cap.titleStart < nameFrom;
  const start = titleFirst ? tokens.start(cap.titleStart as number) : firstStart;
  const form: Mention['form'] = titleFirst ? 'title-name' : nameTo - nameFrom === 1 ? 'surname' : 'name';
  const mention: Mention = { start, end: lastEnd, rule: p.id, form };
  if (tagged) mention.ner = 'PER';
  const e = table.add(identity, fresh, id, mention);
  if (e) {
    // What the text says outranks the hand-written list of office holders.
    if (cap.title) {
      e.role = cap.title.role;
      e.sector = cap.title.sector;
    }
    if (cap.country) table.setCountry(e, cap.country);
  }
  scan.covered.fill(1, titleFirst ? (cap.titleStart as number) : nameFrom, nameTo);
}

/**
 * Resolves a name the tagger proposed against the knowledge base: a listed leader, country,
 * place or organisation with exactly this surface gives its entity (with country, sector,
 * coordinates); otherwise a new person, organisation or place of the tagger's class. A single
 * word joins a person already named in full ("Putin" after "Vladimir Putin"). MISC names are
 * kept only as demonyms ("Russian" → Russia). The mention carries the tagger's class and rule.
 */
/** "Name (ACR)": the all-capitals word in brackets right after token `to` becomes an alias of `id`. */
export function noteAcronym(scan: SentenceScan, to: number, id: string, aliases: Map<string, string>): void {
  const { tokens } = scan;
  const a = to + 1;
  if (
    a + 1 < scan.to &&
    tokens.isChar(to, 40) &&
    tokens.isChar(a + 1, 41) &&
    tokens.kind(a) === WORD &&
    isAllCapsToken(tokens, a)
  ) {
    aliases.set(tokens.surface(a), id);
  }
}

/** Tokens a listed name must have to override the tagger's shorter span inside it. */
const listedNameMinTokens = 3;

/** Whether a listed country or organisation name longer than the tagged span contains it. */
function insideListedName(scan: SentenceScan, tagged: TaggedName): boolean {
  const { hits, from } = scan;
  const span = tagged.to - tagged.from;
  for (let k = tagged.from; k >= from && tagged.from - k < 12; k--) {
    const h = hits[k];
    if (!h || (h.hit.kind !== 'country' && h.hit.kind !== 'org')) continue;
    if (h.length >= listedNameMinTokens && h.length > span && k + h.length >= tagged.to) return true;
  }
  return false;
}

export function addTaggedName(
  text: string,
  scan: SentenceScan,
  tagged: TaggedName,
  table: EntityTable,
  aliases: Map<string, string>,
): void {
  const { tokens, covered } = scan;
  for (let i = tagged.from; i < tagged.to; i++) if (covered[i]) return;
  // A listed country or organisation name of three or more tokens that holds the tagged span is
  // the name ("Democratic People's Republic of Korea" where the tagger took "Republic of Korea"):
  // the list's match is added in its place.
  if (insideListedName(scan, tagged)) return;
  let name = tagged;
  // "Mr Brown" tagged as an organisation: a name opening with an honorific is a person's.
  if (name.type !== 'PER' && name.to - name.from >= 2 && courtesyTitles.hasToken(tokens, name.from)) {
    name = { ...name, type: 'PER' };
  }
  // "Ms Hewitt": the honorific stays out of the name, as in "Mr. Smith".
  if (name.type === 'PER' && name.to - name.from >= 2 && honorifics.hasToken(tokens, name.from)) {
    let from = name.from + 1;
    if (tokens.isChar(from, 46) && from + 1 < name.to) from++;
    name = { ...name, from };
  }
  const start = tokens.start(name.from);
  const end = tokens.end(name.to - 1);
  const exact = exactHit(scan, name.from, name.to);
  const mention = (form: Mention['form'], ner: Mention['ner'] = name.type): Mention => ({
    start,
    end,
    rule: name.rule,
    form,
    ner,
  });
  // A listed leader is that person whatever the tagger made of the word ("Putin," opening a
  // sentence); a lone word that is the family name of a person named in full, family name
  // first, joins that person ("Qin" of Qin Gang).
  if (exact?.kind === 'leader') {
    table.add(leaderEntity, exact.leader, leaderId(exact.leader), mention(exact.form, 'PER'));
    covered.fill(1, name.from, name.to);
    return;
  }
  // A listed leader opening a longer name is the leader, and the rest no name: a title-case
  // headline ("Putin Arrives in Beijing") reads like one long name to the tagger.
  const first = scan.hits[name.from];
  if (!exact && first?.hit.kind === 'leader' && first.length < name.to - name.from) {
    const end1 = tokens.end(name.from + first.length - 1);
    table.add(leaderEntity, first.hit.leader, leaderId(first.hit.leader), {
      start,
      end: end1,
      rule: name.rule,
      form: first.hit.form,
      ner: 'PER',
    });
    covered.fill(1, name.from, name.to);
    return;
  }
  if (name.type !== 'PER' && name.to - name.from === 1 && !(exact && exact.kind !== 'title')) {
    // (Last names written last are the tagger's document pass already: see `harmonizeNames`.)
    const known = table.personBySurname(tokens.lower(name.from));
    if (known && familyNameFirst.has(known.country ?? '')) {
      table.add(identity, known, known.id, mention('surname', 'PER'));
      covered[name.from] = 1;
      return;
    }
  }
  // "Quatar's emir", "the Phillippines military": a country's name misspelt by one letter.
  const misspelt = !exact ? misspeltAt(scan, name, table) : undefined;
  if (misspelt) {
    table.add(countryEntity, misspelt, `country:${misspelt}`, {
      start,
      end,
      rule: 'entities:country-misspelt',
      form: 'name',
      ner: 'LOC',
    });
    covered.fill(1, name.from, name.to);
    return;
  }
  switch (name.type) {
    case 'PER': {
      addFoundName(
        text,
        scan,
        { type: 'person', from: name.from, to: name.to, rule: name.rule },
        table,
        undefined,
        'PER',
      );
      return;
    }
    case 'LOC': {
      if (exact?.kind === 'country' && exact.form !== 'demonym') {
        table.add(countryEntity, exact.iso3, `country:${exact.iso3}`, mention(exact.form));
      } else if (exact?.kind === 'place') {
        table.add(placeEntity, exact.place, placeId(exact.place), mention('name'));
      } else if (exact?.kind === 'org') {
        // "the Kremlin", "the Pentagon": a building the lists know as the institution in it.
        table.add(orgEntity, exact.org, `org:${exact.org.id}`, mention('name'));
      } else {
        const surface = text.slice(start, end);
        const place: Place = { name: surface, aliases: [], type: 'place', lat: Number.NaN, lon: Number.NaN };
        const country = countryInside(scan, name.from, name.to);
        if (country) place.country = country;
        table.add(unlocatedPlaceEntity, place, `place:${slugify(surface)}`, mention('name'));
      }
      break;
    }
    case 'ORG': {
      if (exact?.kind === 'org') {
        const listed = table.add(orgEntity, exact.org, `org:${exact.org.id}`, mention('name'));
        // "British National Party (BNP)": the acronym names the listed body from here on.
        if (listed) noteAcronym(scan, name.to, listed.id, aliases);
      } else if (exact?.kind === 'country' && exact.form !== 'demonym') {
        // "the Kremlin", "Washington" as an actor: the country, as the lists have it.
        table.add(countryEntity, exact.iso3, `country:${exact.iso3}`, mention(exact.form));
      } else {
        const surface = text.slice(start, end);
        const known = aliases.get(surface);
        const e0 = known === undefined ? undefined : table.byId.get(known);
        if (e0) {
          table.add(identity, e0, e0.id, mention('alias'));
          break;
        }
        const org: Organization = {
          id: slugify(surface),
          name: surface,
          sector: orgSector(tokens, name.from, name.to),
        };
        const country = countryInside(scan, name.from, name.to);
        if (country) org.country = country;
        const e = table.add(orgEntity, org, `org:${org.id}`, mention('name'));
        if (e && !e.sector) delete e.sector;
        // "Coastal Fisheries Authority (CFA)": the acronym names it from here on.
        if (e) noteAcronym(scan, name.to, e.id, aliases);
      }
      break;
    }
    case 'MISC': {
      // Other names (events, works, "Hong Kong-based") are not entities yet; a demonym is its
      // country, also inside a longer name ("Iraqi Kurds", "Swedish-registered"). Either way
      // the tokens are taken, so the lists name no country there ("the U.S. Open").
      if (exact?.kind === 'country' && exact.form !== 'name' && exact.form !== 'capital') {
        table.add(countryEntity, exact.iso3, `country:${exact.iso3}`, mention('demonym'));
        break;
      }
      // Countries paired by hyphens ("the Russia-Ukraine war", "India-Pakistan talks") are each
      // their country, whatever class the tagger gave the compound.
      if (addHyphenedCountries(scan, name, table)) break;
      for (let i = name.from; i < name.to; i++) {
        const h = scan.hits[i];
        if (h?.hit.kind !== 'country' || h.hit.form !== 'demonym' || i + h.length > name.to) continue;
        table.add(countryEntity, h.hit.iso3, `country:${h.hit.iso3}`, {
          start: tokens.start(i),
          end: tokens.end(i + h.length - 1),
          rule: formRule.demonym,
          form: 'demonym',
        });
        break;
      }
      break;
    }
  }
  covered.fill(1, name.from, name.to);
}

/**
 * The country a one-word tagged name misspells (`misspeltCountry`), unless the word is a place
 * the gazetteer knows or a name of someone the article names ("Chinua" of Chinua Achebe); a word
 * tagged as a person or organisation only with a possessive or an agent word after it ("Quatar's",
 * "Phillippines military").
 */
function misspeltAt(scan: SentenceScan, name: TaggedName, table: EntityTable): string | undefined {
  const { tokens } = scan;
  if (name.to - name.from !== 1 || name.type === 'MISC' || !tokens.isUpper(name.from)) return undefined;
  if (name.type !== 'LOC') {
    // A team or a person may lie a letter from a country ("Haitai", a club): a word tagged as a
    // person or organisation needs a possessive or an agent word after it to be read as a country.
    const k = name.to;
    const possessive =
      k + 1 < tokens.count && (tokens.isChar(k, 39) || tokens.isChar(k, 0x2019)) && isLowerS(tokens, k + 1);
    const agent = k < tokens.count && tokens.kind(k) === WORD && sectorForWord(tokens.lower(k)) !== undefined;
    if (!possessive && !agent) return undefined;
  }
  const word = tokens.surface(name.from);
  if (placesNamed(word).length > 0) return undefined;
  for (const e of table.byId.values())
    if (e.type === 'person' && e.name.split(/\s+/).includes(word)) return undefined;
  return misspeltCountry(word);
}

/**
 * Tokens `[from, to)` of `name` are country names (not demonyms) joined by hyphens, two or more:
 * adds each country and returns true; otherwise adds nothing.
 */
function addHyphenedCountries(scan: SentenceScan, name: TaggedName, table: EntityTable): boolean {
  const { tokens } = scan;
  const found: { iso3: string; form: Mention['form']; from: number; to: number }[] = [];
  for (let i = name.from; i < name.to; ) {
    if (found.length > 0) {
      if (!tokens.isChar(i, 45)) return false;
      i++;
    }
    const h = scan.hits[i];
    if (h?.hit.kind !== 'country' || h.hit.form === 'demonym' || i + h.length > name.to) return false;
    found.push({ iso3: h.hit.iso3, form: h.hit.form, from: i, to: i + h.length });
    i += h.length;
  }
  if (found.length < 2) return false;
  for (const c of found) {
    table.add(countryEntity, c.iso3, `country:${c.iso3}`, {
      start: tokens.start(c.from),
      end: tokens.end(c.to - 1),
      rule: name.rule,
      form: c.form,
      ner: 'LOC',
    });
  }
  return true;
}

const theWord = new TokenSet(['the']);

/**
 * The list entry naming exactly tokens `[from, to)`, or naming them with "the" before ("the
 * Kremlin" is listed so; the name is "Kremlin").
 */
function exactHit(scan: SentenceScan, from: number, to: number): Hit | undefined {
  const h = scan.hits[from];
  if (h) return h.length === to - from ? h.hit : undefined;
  const before = scan.hits[from - 1];
  if (
    from > scan.from &&
    before &&
    before.length === to - from + 1 &&
    theWord.hasToken(scan.tokens, from - 1)
  ) {
    return before.hit;
  }
  return undefined;
}

/**
 * The sector an organisation's head word gives: the last word ("Conservative Party") or the
 * word before "of"/"for" ("Bank of Oslo"); '' for none.
 */
function orgSector(tokens: TokenLayer, from: number, to: number): string {
  for (let i = to - 1; i >= from; i--) {
    if (tokens.kind(i) !== WORD || !headWords.hasToken(tokens, i)) continue;
    if (i === to - 1 || ofOrFor.hasToken(tokens, i + 1)) return headSectors.get(tokens.lower(i)) ?? '';
  }
  return '';
}

const ofOrFor = new TokenSet(['of', 'for']);

/** "CFA", "WHO": two capitals or more and nothing else. */
function isAllCapsToken(tokens: TokenLayer, i: number): boolean {
  const start = tokens.start(i);
  const end = tokens.end(i);
  if (end - start < 2) return false;
  for (let k = start; k < end; k++) {
    const c = tokens.text.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

export function anyCovered(covered: readonly number[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (covered[k]) return true;
  return false;
}

/**
 * The first country named inside tokens `[from, to)`, by name, demonym or capital, or a listed
 * organisation's country: "Bank of England", "Russian Central Bank", "Baghdad University".
 */
function countryInside(scan: SentenceScan, from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const h = scan.hits[i];
    if (h?.hit.kind === 'country' && i + h.length <= to) return h.hit.iso3;
    // A listed organisation of one country opening a longer name ("Scottish National Party Holyrood").
    if (h?.hit.kind === 'org' && h.hit.org.country && i + h.length <= to) return h.hit.org.country;
  }
  return undefined;
}

/** Adds a person or organisation found by `recognizeNames`; a bare surname joins a known person. */
export function addFoundName(
  text: string,
  scan: SentenceScan,
  found: FoundName,
  table: EntityTable,
  aliases: Map<string, string> | undefined,
  ner?: Mention['ner'],
): void {
  const { tokens } = scan;
  const start = tokens.start(found.from);
  const end = tokens.end(found.to - 1);
  const surface = text.slice(start, end);
  const single = found.to - found.from === 1;
  let e: Entity | undefined;
  if (found.type === 'person') {
    const lower = surface.toLowerCase();
    const known = single ? table.personBySurname(lower) : undefined;
    const id = known?.id ?? `person:${slugify(surface)}`;
    const fresh: Entity = known ?? { id, name: surface, type: 'person', mentions: [] };
    const m: Mention = { start, end, rule: found.rule, form: single ? 'surname' : 'name' };
    if (ner) m.ner = ner;
    e = table.add(identity, fresh, id, m);
    if (e && e.country === undefined) {
      const described = describedBefore(scan, found.from);
      if (described.country) table.setCountry(e, described.country);
      // The last word, unless the country writes the family name first (see `surnameOf`).
      if (e === fresh && !familyNameFirst.has(e.country ?? '')) {
        let last = found.to - 1;
        while (last > found.from && tokens.kind(last) !== WORD) last--;
        table.knowSurname(e, tokens.lower(last));
      }
      if (described.sector && e.sector === undefined) {
        e.sector = described.sector;
        if (described.role) e.role = described.role;
      }
    }
  } else {
    const org: Organization = { id: slugify(surface), name: surface, sector: found.sector ?? '' };
    if (found.country) org.country = found.country;
    e = table.add(orgEntity, org, `org:${org.id}`, { start, end, rule: found.rule, form: 'name' });
    if (e && !found.sector) delete e.sector;
    if (e && found.acronymAt !== undefined) {
      const a = found.acronymAt;
      table.add(identity, e, e.id, {
        start: tokens.start(a),
        end: tokens.end(a),
        rule: 'entities:org.acronym',
        form: 'alias',
      });
      aliases?.set(tokens.surface(a), e.id);
      scan.covered[a] = 1;
    }
  }
  scan.covered.fill(1, found.from, found.to);
}

/**
 * What the words right before a name say about the person: "Palestinian leader Yasser Arafat",
 * "Israeli right-winger Ariel Sharon", "Russia’s Vladimir Putin". A country (name or demonym)
 * followed by up to three lowercase words gives the country; a sector word among them
 * ("leader", "judge") gives the sector and the role.
 */
function describedBefore(
  scan: SentenceScan,
  nameFrom: number,
): { country?: string; sector?: string; role?: string } {
  const { tokens, hits } = scan;
  let k = nameFrom - 1;
  let words = 0;
  let sector: string | undefined;
  let role: string | undefined;
  while (k >= scan.from && words < 3) {
    if (tokens.kind(k) === WORD && !tokens.isUpper(k) && !hits[k]) {
      const lower = tokens.lower(k);
      const sec = sectorForWord(lower);
      if (sec !== undefined && sector === undefined) {
        sector = sec;
        role = lower;
      }
      k--;
      words++;
    } else if (tokens.isChar(k, 45) && k > scan.from && tokens.start(k) === tokens.end(k - 1)) {
      k--; // "right-winger"
    } else break;
  }
  // A possessive: "Russia’s".
  if (
    k - 1 >= scan.from &&
    isLowerS(tokens, k) &&
    (tokens.isChar(k - 1, 0x2019) || tokens.isChar(k - 1, 39))
  ) {
    k -= 2;
  }
  for (let s = k; s >= scan.from && s > k - 4; s--) {
    const h = hits[s];
    if (!h) continue;
    if (s + h.length - 1 !== k || h.hit.kind !== 'country' || h.hit.form === 'capital') break;
    const out: { country?: string; sector?: string; role?: string } = { country: h.hit.iso3 };
    if (sector !== undefined) out.sector = sector;
    if (role !== undefined) out.role = role;
    return out;
  }
  return {};
}
