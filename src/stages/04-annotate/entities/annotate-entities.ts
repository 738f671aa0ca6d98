import type { Doc, Entity, Mention } from '../../../core/doc.js';
import { isRemoved } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { compilePhrases } from '../../../core/text/phrase-matcher.js';
import {
  documentTokens,
  HashFilter,
  hashString,
  PUNCT,
  type TokenLayer,
  TokenSet,
  tokenizeRange,
  WORD,
} from '../../../core/tokens.js';
import { type CountryForm, countries, countrySurfaces } from '../../../kb/countries.js';
import { type Leader, leaders, type Place, places, slugify as slugifyAny } from '../../../kb/leaders.js';
import { sectorForWord } from '../../../kb/sectors.js';
import { nameWords } from '../../../rules/entities/name-words.js';
import headData from '../../../rules/entities/org-heads.json' with { type: 'json' };
import orgData from '../../../rules/entities/organizations.json' with { type: 'json' };
import nameData from '../../../rules/entities/person-names.json' with { type: 'json' };
import roleData from '../../../rules/entities/roles.json' with { type: 'json' };
import { months, personalPronouns, weekdays } from '../../../rules/lexicon/lexicon.js';
import { nameTagger, type TaggedName, tagSentences } from './name-tagger.js';
import { type FoundName, recognizeNames } from './recognize-names.js';
import { addReferences } from './references.js';
import { type ResolveOptions, resolveActors } from './resolve-actors.js';

interface Title {
  role: string;
  sector: string;
}

interface Organization {
  id: string;
  name: string;
  country?: string;
  sector: string;
}

type Hit =
  | { kind: 'country'; iso3: string; form: CountryForm }
  | { kind: 'org'; org: Organization }
  | { kind: 'leader'; leader: Leader; form: 'name' | 'surname' }
  | { kind: 'place'; place: Place }
  | { kind: 'title'; title: Title };

// ---- compiled once at module load ---------------------------------------------------------

const matcher = compilePhrases<Hit>(
  (function* () {
    // Most specific lists first: the first phrase added for a token sequence wins.
    for (const o of orgData.organizations) {
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
const titleMatcher = compilePhrases<Title>(
  roleData.titles.flatMap((t) =>
    t.surfaces.map((s) => ({ surface: s, value: { role: t.role, sector: t.sector }, anyCase: true })),
  ),
);

type Slot = {
  kind: 'COUNTRY' | 'TITLE' | 'title' | 'NAME' | 'ORG' | 'literal';
  literal?: string;
  /** `hashString(literal)`: most tokens are rejected by it before `lower()` builds a string. */
  literalHash?: number;
  optional: boolean;
};

interface Pattern {
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

const rolePatterns = roleData.patterns.map((p) => compilePattern(p.id, p.slots));
const orgPatterns = orgData.patterns.map((p) => compilePattern(p.id, p.slots, p.sector));

/** Capitalised words that never start or continue a person's name. */
const notNameWords = new TokenSet([
  ...personalPronouns,
  ...nameWords.functionWords,
  ...weekdays.map((d) => d.name),
  ...months.map((m) => m.name),
  ...nameWords.institutionWords,
]);
const nameParticles = new TokenSet(nameWords.nameParticles);

/** Organisation head words ("Party", "Bank") → the sector they give ('' for none). */
const headSectors = new Map<string, string>();
for (const h of headData.heads) {
  for (const w of h.words) if (!headSectors.has(w.toLowerCase())) headSectors.set(w.toLowerCase(), h.sector);
}
const headWords = new TokenSet(headSectors.keys());
const honorifics = new TokenSet(nameData.honorifics.map((h) => h.toLowerCase()));

const formRule: Record<CountryForm, string> = {
  name: 'entities:country-name',
  demonym: 'entities:demonym',
  capital: 'entities:capital',
  alias: 'entities:country-alias',
};

// ---- per-document work --------------------------------------------------------------------

interface Capture {
  country?: string;
  title?: Title;
  titleStart?: number;
  leader?: Leader;
  org?: Organization;
  /** Token range of the name. */
  nameFrom?: number;
  nameTo?: number;
  /** Index of the gazetteer hit used for the name, if any. */
  nameHit?: number;
}

interface SentenceScan {
  tokens: TokenLayer;
  /** The sentence's tokens: `[from, to)` (indices into the document's layer). */
  from: number;
  to: number;
  /** Hit starting at each token of the document, with its length. */
  hits: ({ hit: Hit; length: number } | undefined)[];
  /** 1 where a token is inside a mention already. */
  covered: number[];
}

class EntityTable {
  readonly byId = new Map<string, Entity>();
  /** Surnames by entity, so a document tokenises each person's name once. */
  readonly #surnames = new Map<Entity, { key: string; surname: string }>();
  /**
   * Persons by surname, in order of creation: a bare surname is looked up per mention, and scanning
   * every entity for it made a text of many people quadratic. A person's surname can change with
   * its country (`setCountry`: "Xi Jinping" is Xi), so a list may hold stale entries; a lookup
   * drops those it meets.
   */
  readonly #bySurname = new Map<string, Entity[]>();
  readonly #rank = new Map<Entity, number>();
  readonly #indexedAs = new Map<Entity, string>();
  #mentions = 0;
  /** The first mention refused because the document reached its cap of mentions. */
  leftOut: Mention | undefined;
  constructor(
    private readonly removed: Doc['removed'],
    private readonly maxMentions: number,
  ) {}

  /** The lowercased surname of person `e` (see `surnameOf`), cached per name and country. */
  surname(e: Entity): string {
    const key = `${e.name}\u0000${e.country ?? ''}`;
    const hit = this.#surnames.get(e);
    if (hit?.key === key) return hit.surname;
    const surname = surnameOf(e.name, e.country);
    this.#surnames.set(e, { key, surname });
    return surname;
  }

  /** Records a surname already known from the tokens, so `surname` need not tokenise the name. */
  knowSurname(e: Entity, surname: string): void {
    this.#surnames.set(e, { key: `${e.name}\u0000${e.country ?? ''}`, surname });
    this.#index(e);
  }

  /** Sets the country of `e`, which can change a person's surname. */
  setCountry(e: Entity, country: string): void {
    if (e.country === country) return;
    e.country = country;
    this.#index(e);
  }

  /** The first person (in order of creation) whose surname is `lower`, if any. */
  personBySurname(lower: string): Entity | undefined {
    const list = this.#bySurname.get(lower);
    if (!list) return undefined;
    for (const e of list) {
      if (this.surname(e) === lower) return e;
      // A stale entry: drop every one from the list at once, then look again.
      const fresh = list.filter((p) => this.surname(p) === lower);
      this.#bySurname.set(lower, fresh);
      return fresh[0];
    }
    return undefined;
  }

  /** Lists person `e` under its current surname, keeping each list in order of creation. */
  #index(e: Entity): void {
    const rank = this.#rank.get(e);
    if (rank === undefined || e.type !== 'person') return;
    const key = this.surname(e);
    if (this.#indexedAs.get(e) === key) return;
    this.#indexedAs.set(e, key);
    const list = this.#bySurname.get(key);
    if (!list) {
      this.#bySurname.set(key, [e]);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#rank.get(list[mid] as Entity) as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] !== e) list.splice(lo, 0, e);
  }

  /** Adds a mention to entity `id`, creating it with `make(arg)` on first sight. */
  add<A>(make: (arg: A) => Entity, arg: A, id: string, mention: Mention): Entity | undefined {
    if (isRemoved(this.removed, mention.start, mention.end)) return undefined;
    if (this.#mentions >= this.maxMentions) {
      this.leftOut ??= mention;
      return undefined;
    }
    this.#mentions++;
    let e = this.byId.get(id);
    if (!e) {
      e = make(arg);
      this.byId.set(id, e);
      this.#rank.set(e, this.#rank.size);
      this.#index(e);
    }
    e.mentions.push(mention);
    return e;
  }

  result(): Entity[] {
    const out: Entity[] = [];
    for (const e of this.byId.values()) {
      e.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
      e.mentions = e.mentions.filter((m, i, all) => i === 0 || m.start !== all[i - 1]?.start);
      if (e.mentions.length > 0) out.push(e);
    }
    return out.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  }
}

/**
 * `slugifyAny` without its Unicode normalisation and three regex passes for the common case of a
 * plain ASCII name (same output); anything else goes to `slugifyAny`.
 */
function slugify(name: string): string {
  let out = '';
  let dash = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c >= 128) return slugifyAny(name);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (dash && out.length > 0) out += '-';
      dash = false;
      out += String.fromCharCode(c);
    } else dash = true;
  }
  return out;
}

function countryEntity(iso3: string): Entity {
  const info = countries.get(iso3);
  const e: Entity = {
    id: `country:${iso3}`,
    name: info?.name ?? iso3,
    type: 'country',
    country: iso3,
    mentions: [],
  };
  if (info?.lat !== undefined && info.lon !== undefined) {
    e.lat = info.lat;
    e.lon = info.lon;
  }
  return e;
}

function orgEntity(org: Organization): Entity {
  const e: Entity = {
    id: `org:${org.id}`,
    name: org.name,
    type: 'organization',
    sector: org.sector,
    mentions: [],
  };
  if (org.country) e.country = org.country;
  return e;
}

const ids = new WeakMap<object, string>();

function placeId(p: Place): string {
  let id = ids.get(p);
  if (id === undefined) {
    id = `${p.type}:${slugify(p.name)}`;
    ids.set(p, id);
  }
  return id;
}

function leaderId(l: Leader): string {
  let id = ids.get(l);
  if (id === undefined) {
    id = `person:${slugify(l.name)}`;
    ids.set(l, id);
  }
  return id;
}

function identity(e: Entity): Entity {
  return e;
}

function placeEntity(p: Place): Entity {
  const e: Entity = {
    id: placeId(p),
    name: p.name,
    type: p.type,
    lat: p.lat,
    lon: p.lon,
    mentions: [],
  };
  if (p.country) e.country = p.country;
  return e;
}

function leaderEntity(l: Leader): Entity {
  const e: Entity = {
    id: leaderId(l),
    name: l.name,
    type: 'person',
    role: l.role,
    sector: l.sector,
    mentions: [],
  };
  if (l.country) e.country = l.country;
  return e;
}

/** Token `i` is "s" or "S" (after an apostrophe: a possessive). */
function isLowerS(tokens: TokenLayer, i: number): boolean {
  return tokens.isChar(i, 115) || tokens.isChar(i, 83);
}

function isComma(tokens: TokenLayer, i: number): boolean {
  return tokens.kind(i) === PUNCT && tokens.text.charCodeAt(tokens.start(i)) === 44;
}

function isNameWord(scan: SentenceScan, i: number): boolean {
  const { tokens } = scan;
  return (
    i >= scan.from &&
    i < scan.to &&
    tokens.kind(i) === WORD &&
    tokens.isUpper(i) &&
    !notNameWords.hasToken(tokens, i)
  );
}

/** Length in tokens of a capitalised name starting at `i` that no gazetteer hit claims (0 if none). */
function nameRun(scan: SentenceScan, i: number): number {
  const { tokens, hits, to } = scan;
  if (!isNameWord(scan, i) || hits[i]) return 0;
  let j = i + 1;
  let words = 1;
  while (j < to && words < 4) {
    if (isNameWord(scan, j) && !hits[j]) {
      j++;
      words++;
    } else if (
      tokens.isChar(j, 45) &&
      tokens.start(j) === tokens.end(j - 1) &&
      j + 1 < to &&
      tokens.kind(j + 1) === WORD &&
      tokens.start(j + 1) === tokens.end(j)
    ) {
      j += 2; // "Jong-un"
    } else if (
      (tokens.isChar(j, 0x2019) || tokens.isChar(j, 39)) &&
      (tokens.isChar(j - 1, 111) ||
        tokens.isChar(j - 1, 79) ||
        tokens.isChar(j - 1, 100) ||
        tokens.isChar(j - 1, 68)) &&
      tokens.start(j) === tokens.end(j - 1) &&
      j + 1 < to &&
      tokens.isUpper(j + 1) &&
      tokens.start(j + 1) === tokens.end(j)
    ) {
      j += 2; // "O'Connor", "D’Souza"
    } else if (
      !tokens.isUpper(j) &&
      nameParticles.hasToken(tokens, j) &&
      isNameWord(scan, j + 1) &&
      !hits[j + 1]
    ) {
      j += 2;
      words++;
    } else break;
  }
  // A run ending in an institution word ("Foreign Office") is not a person.
  if (notNameWords.hasToken(tokens, j - 1)) return 0;
  return j - i;
}

function matchSlots(scan: SentenceScan, slots: readonly Slot[], k: number, i: number, cap: Capture): number {
  if (k === slots.length) return i;
  const slot = slots[k] as Slot;
  const end = matchSlot(scan, slots, k, i, cap);
  if (end >= 0 || !slot.optional) return end;
  return matchSlots(scan, slots, k + 1, i, cap);
}

/** Matches slot `k` at token `i` and the rest after it; fills `cap` on success. */
function matchSlot(scan: SentenceScan, slots: readonly Slot[], k: number, i: number, cap: Capture): number {
  const slot = slots[k] as Slot;
  const { tokens, hits, to } = scan;
  if (i >= to) return -1;
  const h = hits[i];
  switch (slot.kind) {
    case 'COUNTRY': {
      if (h?.hit.kind !== 'country' || h.hit.form === 'capital') return -1;
      let j = i + h.length;
      if (j + 1 < to && (tokens.isChar(j, 0x2019) || tokens.isChar(j, 39)) && isLowerS(tokens, j + 1)) {
        j += 2;
      }
      const end = matchSlots(scan, slots, k + 1, j, cap);
      if (end >= 0) cap.country = h.hit.iso3;
      return end;
    }
    case 'TITLE':
    case 'title': {
      let title: Title | undefined;
      let len = 0;
      if (h?.hit.kind === 'title') {
        title = h.hit.title;
        len = h.length;
      } else if (slot.kind === 'title' && !h) {
        const m = titleMatcher.match(tokens, i, to);
        if (m) {
          title = m.value;
          len = m.length;
        }
      }
      if (!title || (slot.kind === 'TITLE' && !tokens.isUpper(i))) return -1;
      const end = matchSlots(scan, slots, k + 1, i + len, cap);
      if (end >= 0) {
        cap.title = title;
        cap.titleStart = i;
      }
      return end;
    }
    case 'NAME':
    case 'ORG': {
      let len = 0;
      if (slot.kind === 'NAME' && h?.hit.kind === 'leader') len = h.length;
      else if (slot.kind === 'ORG' && h?.hit.kind === 'org') len = h.length;
      else len = nameRun(scan, i);
      if (len === 0) return -1;
      const end = matchSlots(scan, slots, k + 1, i + len, cap);
      if (end >= 0) {
        cap.nameFrom = i;
        cap.nameTo = i + len;
        if (h?.hit.kind === 'leader') cap.leader = h.hit.leader;
        if (h?.hit.kind === 'org') cap.org = h.hit.org;
        if (h) cap.nameHit = i;
      }
      return end;
    }
    default:
      return tokens.hash(i) === slot.literalHash && tokens.lower(i) === slot.literal
        ? matchSlots(scan, slots, k + 1, i + 1, cap)
        : -1;
  }
}

export interface EntitiesOptions extends CapOptions {
  /** Skip sentences longer than this many code units (a diagnostic is added). Default 5000. */
  maxSentenceLength?: number;
  /**
   * Who proposes names no list holds: the trained tagger (default), or the hand-written rules
   * alone (`rules`: honorifics, known given names, reporting verbs, organisation head words).
   */
  names?: 'tagger' | 'rules';
  /** Knowledge sources for actor resolution (Phoenix dictionaries, gazetteer): on by default. */
  resolve?: ResolveOptions;
}

export function annotateEntities(doc: Readonly<Doc>, options: EntitiesOptions = {}): StageResult {
  const maxLen = options.maxSentenceLength ?? 5000;
  const text = doc.text;
  const table = new EntityTable(doc.removed, capFor('mentions', options));
  const diagnostics: NonNullable<StageResult['diagnostics']> = [];
  const scans: SentenceScan[] = [];
  const tokens = documentTokens(doc);
  // One array each for the whole document, indexed by token; a sentence uses its own range.
  const hits: SentenceScan['hits'] = new Array(tokens.count);
  // A plain array: a typed array this size would be an off-heap allocation per document.
  const covered: number[] = new Array(tokens.count).fill(0);
  const sentences = doc.sentences ?? [];
  /** Exact surfaces defined in this text ("WHO" after "World Health Organization (WHO)") → entity id. */
  const aliases = new Map<string, string>();
  // A failed pattern match leaves its capture untouched (slots fill it only once the whole
  // pattern has matched), so one capture serves every attempt until a match takes it.
  let spare: Capture = {};
  const useTagger = options.names !== 'rules';
  const tooLong = (si: number) => {
    const s = sentences[si];
    return s === undefined || s.end - s.start > maxLen;
  };
  const tagged: TaggedName[] = [];
  /** Per token: 1 + the index of the tagged name holding it, 0 outside names. */
  const taggedAt = new Int32Array(useTagger ? tokens.count : 0);
  /**
   * Sentences `[0, taggedUntil)` are tagged. The cap of mentions comes first: the tagger stops
   * once it has found twice as many names as the cap allows mentions (a long document reaches
   * the cap long before its end), and is resumed only if the loop below gets past that point
   * without reaching the cap.
   */
  let taggedUntil = 0;
  const maxNames = 2 * capFor('mentions', options) + 64;
  const tagMore = () => {
    const r = tagSentences(tokens, nameTagger(), tooLong, taggedUntil, maxNames);
    for (const n of r.names) {
      tagged.push(n);
      taggedAt.fill(tagged.length, n.from, n.to);
    }
    taggedUntil = r.next;
  };
  if (useTagger) tagMore();
  /**
   * A pattern's name agrees with the tagger when no tagged name overlaps it, or when a tagged
   * name starts where it starts (the pattern's title or apposition then decides the class, and
   * the tagger the extent: "Defence Secretary Tom King", where the lists read "King" as a
   * title). Returns the end of the name, or -1 when they disagree.
   */
  const agrees = (from: number, to: number): number => {
    if (!useTagger) return to;
    const k = taggedAt[from] as number;
    if (k === 0) {
      for (let i = from; i < to; i++) if (taggedAt[i] !== 0) return -1;
      return to;
    }
    const n = tagged[k - 1] as TaggedName;
    return n.from === from ? n.to : -1;
  };
  let nextTagged = 0;

  for (let si = 0; si < sentences.length; si++) {
    // At the cap every later mention would be refused: the rest of the text is not scanned.
    if (table.leftOut) break;
    const s = sentences[si] as (typeof sentences)[number];
    if (s.end - s.start > maxLen) {
      diagnostics.push({
        ruleId: 'entities:sentence-too-long',
        severity: 'warning',
        reason: `sentence of ${s.end - s.start} code units skipped (limit ${maxLen})`,
        start: s.start,
        end: s.end,
      });
      continue;
    }
    if (useTagger && si >= taggedUntil && taggedUntil < tokens.sentences) tagMore();
    const from = tokens.sentenceFirst[si] as number;
    const to = tokens.sentenceFirst[si + 1] as number;
    const scan: SentenceScan = { tokens, from, to, hits, covered };
    scans.push(scan);
    for (let i = from; i < to; ) {
      const m = matcher.match(tokens, i, to);
      if (m) {
        hits[i] = { hit: m.value, length: m.length };
        i += m.length;
      } else i++;
    }

    // Patterns first, so the persons they find claim their name tokens.
    for (let i = from; i < to; i++) {
      // Every pattern opens with a country, a title, or a name followed by a comma.
      const h = hits[i];
      if (h ? h.hit.kind === 'place' : !(tokens.isUpper(i) && i + 1 < to && isComma(tokens, i + 1))) continue;
      for (const p of rolePatterns) {
        const end = matchSlots(scan, p.slots, 0, i, spare);
        if (end < 0) continue;
        const cap = spare;
        spare = {};
        if (cap.nameFrom === undefined || cap.nameTo === undefined) continue;
        if (covered[cap.nameFrom]) continue;
        const nameTo = agrees(cap.nameFrom, cap.nameTo);
        if (nameTo < 0) continue;
        cap.nameTo = nameTo;
        addPatternPerson(text, scan, p, cap, table, tagged[(taggedAt[cap.nameFrom] ?? 0) - 1]);
        break;
      }
      for (const p of orgPatterns) {
        const end = matchSlots(scan, p.slots, 0, i, spare);
        if (end < 0) continue;
        const cap = spare;
        spare = {};
        if (cap.nameFrom === undefined || cap.nameTo === undefined) continue;
        if (covered[cap.nameFrom]) continue;
        const nameTo = agrees(cap.nameFrom, cap.nameTo);
        if (nameTo < 0) continue;
        cap.nameTo = nameTo;
        const nameStart = tokens.start(cap.nameFrom);
        const nameEnd = tokens.end(cap.nameTo - 1);
        const org: Organization = cap.org ?? {
          id: slugify(text.slice(nameStart, nameEnd)),
          name: text.slice(nameStart, nameEnd),
          sector: p.sector ?? 'MED',
        };
        if (!cap.org && cap.country) org.country = cap.country;
        table.add(orgEntity, org, `org:${org.id}`, {
          start: nameStart,
          end: nameEnd,
          rule: p.id,
          form: 'name',
        });
        covered.fill(1, cap.nameFrom, cap.nameTo);
        break;
      }
    }

    if (useTagger) {
      while (nextTagged < tagged.length && (tagged[nextTagged] as TaggedName).from < from) nextTagged++;
      for (; nextTagged < tagged.length && (tagged[nextTagged] as TaggedName).from < to; nextTagged++) {
        addTaggedName(text, scan, tagged[nextTagged] as TaggedName, table, aliases);
      }
    } else {
      for (const found of recognizeNames(tokens, from, to, hits, covered)) {
        addFoundName(text, scan, found, table, aliases);
      }
    }

    for (let i = from; i < to; i++) {
      const h = hits[i];
      if (!h || covered[i]) continue;
      // Part of a name the tagger already placed ("U.S." in "the U.S. Open", "Fed" of "the Fed").
      if (useTagger && anyCovered(covered, i + 1, i + h.length)) continue;
      const span = { start: tokens.start(i), end: tokens.end(i + h.length - 1) };
      const hit = h.hit;
      switch (hit.kind) {
        case 'country':
          table.add(countryEntity, hit.iso3, `country:${hit.iso3}`, {
            ...span,
            rule: formRule[hit.form],
            form: hit.form,
          });
          break;
        case 'org':
          table.add(orgEntity, hit.org, `org:${hit.org.id}`, {
            ...span,
            rule: 'entities:organization',
            form: 'name',
          });
          break;
        case 'place': {
          table.add(placeEntity, hit.place, placeId(hit.place), {
            ...span,
            rule: 'entities:place',
            form: 'name',
          });
          break;
        }
        case 'leader':
          table.add(leaderEntity, hit.leader, leaderId(hit.leader), {
            ...span,
            rule: hit.form === 'surname' ? 'entities:leader-surname' : 'entities:leader',
            form: hit.form,
          });
          break;
        case 'title':
          continue;
      }
      covered.fill(1, i, i + h.length);
    }
  }

  addSurnameMentions(scans, table);
  if (aliases.size > 0) addAliasMentions(scans, table, aliases);
  if (table.leftOut) {
    diagnostics.push(capReached('entities', 'mentions', capFor('mentions', options), table.leftOut));
  }
  const entities = table.result();
  // Mentions added by references count toward the same cap (the table stops at it).
  if (!table.leftOut) addReferences(entities, tokens, capFor('mentions', options));
  resolveActors(doc, entities, tokens, options.resolve);
  return { entities, diagnostics };
}

function addPatternPerson(
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
function addTaggedName(
  text: string,
  scan: SentenceScan,
  tagged: TaggedName,
  table: EntityTable,
  aliases: Map<string, string>,
): void {
  const { tokens, covered } = scan;
  for (let i = tagged.from; i < tagged.to; i++) if (covered[i]) return;
  let name = tagged;
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
        table.add(orgEntity, exact.org, `org:${exact.org.id}`, mention('name'));
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
        const a = name.to + 1;
        if (
          e &&
          a + 1 < scan.to &&
          tokens.isChar(name.to, 40) &&
          tokens.isChar(a + 1, 41) &&
          tokens.kind(a) === WORD &&
          isAllCapsToken(tokens, a)
        ) {
          aliases.set(tokens.surface(a), e.id);
        }
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

function anyCovered(covered: readonly number[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (covered[k]) return true;
  return false;
}

/**
 * The first country named inside tokens `[from, to)`, by name, demonym or capital: "Bank of
 * England", "Russian Central Bank", "Baghdad University".
 */
function countryInside(scan: SentenceScan, from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const h = scan.hits[i];
    if (h?.hit.kind === 'country' && i + h.length <= to) return h.hit.iso3;
  }
  return undefined;
}

function unlocatedPlaceEntity(p: Place): Entity {
  const e: Entity = { id: `place:${slugify(p.name)}`, name: p.name, type: 'place', mentions: [] };
  if (p.country) e.country = p.country;
  return e;
}

/** Adds a person or organisation found by `recognizeNames`; a bare surname joins a known person. */
function addFoundName(
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

/** Later mentions of a surface the text defined ("WHO"), matched exactly. */
function addAliasMentions(
  scans: readonly SentenceScan[],
  table: EntityTable,
  aliases: ReadonlyMap<string, string>,
): void {
  for (const scan of scans) {
    const { tokens, covered } = scan;
    for (let i = scan.from; i < scan.to; i++) {
      if (covered[i] || tokens.kind(i) !== WORD || !tokens.isUpper(i)) continue;
      const id = aliases.get(tokens.surface(i));
      const e = id === undefined ? undefined : table.byId.get(id);
      if (!e) continue;
      table.add(identity, e, e.id, {
        start: tokens.start(i),
        end: tokens.end(i),
        rule: 'entities:alias',
        form: 'alias',
      });
      covered[i] = 1;
    }
  }
}

/** Countries whose names English news writes family name first ("Xi Jinping", "Kim Jong Un"). */
const familyNameFirst = new Set(nameWords.familyNameFirst);

function surnameOf(name: string, country?: string): string {
  const tokens = tokenizeRange(name);
  let first = -1;
  let last = -1;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kind(i) !== WORD) continue;
    if (first < 0) first = i;
    last = i;
  }
  const part = country && familyNameFirst.has(country) ? first : last;
  return part >= 0 ? tokens.lower(part) : '';
}

/** "Starmer" after "Prime Minister Keir Starmer": later bare surnames link to the person. */
function addSurnameMentions(scans: readonly SentenceScan[], table: EntityTable): void {
  const bySurname = new Map<string, string | null>();
  for (const e of table.byId.values()) {
    if (e.type !== 'person' || !e.name.includes(' ')) continue;
    const s = table.surname(e);
    if (s.length < 2) continue;
    bySurname.set(s, bySurname.has(s) && bySurname.get(s) !== e.id ? null : e.id);
  }
  if (bySurname.size === 0) return;
  // Most capitalised tokens are no known surname: the hash filter skips them before `lower()`.
  const filter = new HashFilter(bySurname.size);
  for (const k of bySurname.keys()) filter.add(hashString(k));
  for (const scan of scans) {
    const { tokens, covered } = scan;
    for (let i = scan.from; i < scan.to; i++) {
      if (covered[i] || !tokens.isUpper(i) || tokens.kind(i) !== WORD) continue;
      if (!filter.mayHave(tokens.hash(i))) continue;
      const id = bySurname.get(tokens.lower(i));
      if (!id) continue;
      // Part of a longer capitalised name ("Jill Biden") is someone else.
      if (isNameWord(scan, i - 1) && !covered[i - 1]) continue;
      if (isNameWord(scan, i + 1) && !covered[i + 1]) continue;
      const e = table.byId.get(id);
      if (!e) continue;
      table.add(identity, e, id, {
        start: tokens.start(i),
        end: tokens.end(i),
        rule: 'entities:surname',
        form: 'surname',
      });
      covered[i] = 1;
    }
  }
}

export const entitiesStage: Stage<EntitiesOptions | undefined> = {
  name: 'annotate-entities',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['entities'],
  run: (doc, options) => annotateEntities(doc, options ?? {}),
};
