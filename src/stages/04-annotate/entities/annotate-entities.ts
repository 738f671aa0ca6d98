import type { Doc } from '../../../core/doc.js';
import { type CapOptions, capFor, capReached } from '../../../core/limits.js';
import type { Stage, StageResult } from '../../../core/stage.js';
import { documentTokens } from '../../../core/tokens.js';
import { addAliasMentions, addSurnameMentions } from './add-later-mentions.js';
import { addFoundName, addPatternPerson, addTaggedName, anyCovered, noteAcronym } from './add-names.js';
import { formRule, matcher, type Organization, orgPatterns, rolePatterns } from './entity-lexicon.js';
import {
  countryEntity,
  EntityTable,
  leaderEntity,
  leaderId,
  orgEntity,
  placeEntity,
  placeId,
  slugify,
} from './entity-table.js';
import { type Capture, isComma, matchSlots, type SentenceScan } from './match-patterns.js';
import { nameTagger, type TaggedName, tagSentences } from './name-tagger.js';
import { recognizeNames } from './recognize-names.js';
import { addReferences } from './references.js';
import { type ResolveOptions, resolveActors } from './resolve-actors.js';

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
        case 'org': {
          const listed = table.add(orgEntity, hit.org, `org:${hit.org.id}`, {
            ...span,
            rule: 'entities:organization',
            form: 'name',
          });
          if (listed) noteAcronym(scan, i + h.length, listed.id, aliases);
          break;
        }
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

export const entitiesStage: Stage<EntitiesOptions | undefined> = {
  name: 'annotate-entities',
  requires: ['sentences', 'removed'],
  reads: ['tokens'],
  assigns: ['entities'],
  run: (doc, options) => annotateEntities(doc, options ?? {}),
};
