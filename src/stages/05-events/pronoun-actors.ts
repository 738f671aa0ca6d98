import type { Entity, EntityType, Sentence } from '../../core/doc.js';
import data from '../../rules/events/pronoun-actors.json' with { type: 'json' };
import type { EntityMention } from './sentence-words.js';

/**
 * "He insisted that …": a subject pronoun stands for the nearest earlier entity it can refer to,
 * when that is safe — the nearest sentence naming any entity of a fitting type names exactly one
 * (two people in that sentence leave "he" unknown). Else the actor stays unknown: a pronoun's text
 * is never an actor.
 */
export const pronounRule: string = data.id;
/** A definite description standing for a person introduced with its head noun (pronoun-actors.json). */
export const descriptionRule = data.definiteDescription;
const fits = new Map<string, Set<EntityType>>(
  Object.entries(data.pronouns).map(([p, types]) => [p, new Set(types as EntityType[])]),
);

/** The rule of a first-person subject in a quotation read as its speaker, and those pronouns. */
export const quoteSpeakerRule: string = data.quotedFirstPerson.id;
const quotedFirstPerson = new Set(data.quotedFirstPerson.words);

/** The rule of a pronoun opening a report's content read as the report's source. */
export const reportedPronounRule: string = data.reportingSubject.id;
export const reportedContentOpeners: ReadonlySet<string> = new Set(data.reportingSubject.openers);
/** Tags that open what follows a source's head noun (pronoun-actors.json `reportingSubject.headBreakTags`). */
export const postModifierTags: ReadonlySet<string> = new Set(data.reportingSubject.headBreakTags);

const possessives = new Map<string, string>(Object.entries(data.possessives.map));

/** The subject pronoun a possessive determiner stands for ("his" → "he"), else undefined. */
export function possessiveSubject(word: string): string | undefined {
  return possessives.get(word);
}

export function isQuotedFirstPerson(word: string): boolean {
  return quotedFirstPerson.has(word);
}

export function isResolvablePronoun(word: string): boolean {
  return fits.has(word);
}

export class PronounResolver {
  readonly #mentions: EntityMention[];
  readonly #sentences: readonly Sentence[];

  /** `mentions` of the whole document, in any order; sorted once here. */
  constructor(mentions: readonly EntityMention[], sentences: readonly Sentence[]) {
    this.#mentions = [...mentions].sort((a, b) => a.start - b.start);
    this.#sentences = sentences;
  }

  /** The entity `pronoun` (lowercase) at offset `at` in sentence `index` stands for, when safe. */
  resolve(pronoun: string, at: number, index: number): EntityMention | undefined {
    const types = fits.get(pronoun);
    if (!types) return undefined;
    const floor = this.#sentences[Math.max(0, index - data.lookBack)]?.start ?? 0;
    // The last mention ending before the pronoun (binary search), then back sentence by sentence.
    let lo = 0;
    let hi = this.#mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#mentions[mid] as EntityMention).end <= at) lo = mid + 1;
      else hi = mid;
    }
    let found: Entity | undefined;
    let foundSentenceStart = -1;
    for (let k = lo - 1; k >= 0; k--) {
      const m = this.#mentions[k] as EntityMention;
      if (m.start < floor) break;
      if (m.end > at || !types.has(m.entity.type)) continue;
      const sentenceStart = this.#sentenceStartOf(m.start, index);
      if (found) {
        if (sentenceStart !== foundSentenceStart) break;
        if (m.entity.id !== found.id) return undefined;
      } else {
        found = m.entity;
        foundSentenceStart = sentenceStart;
      }
    }
    if (!found) return undefined;
    // The nearest mention of the entity found, for its surface and its resolved actor.
    for (let k = lo - 1; k >= 0; k--) {
      const m = this.#mentions[k] as EntityMention;
      if (m.entity.id === found.id && m.end <= at) return m;
    }
    return undefined;
  }

  /**
   * "The Tory co-chairman attacked …": the person last named right after the head noun `head`
   * ("Tory co-chairman Liam Fox") before offset `at`, within the description look-back.
   */
  describedBy(head: string, text: string, at: number, index: number): EntityMention | undefined {
    const floor = this.#sentences[Math.max(0, index - descriptionRule.lookBack)]?.start ?? 0;
    for (let k = this.#mentions.length - 1; k >= 0; k--) {
      const m = this.#mentions[k] as EntityMention;
      if (m.end > at) continue;
      if (m.start < floor) break;
      if (m.entity.type !== 'person') continue;
      // "Cardinal Cormac Murphy-O'Connor … The cardinal used …": the title opens the name's own mention.
      if (text.slice(m.start, m.end).toLowerCase().startsWith(`${head} `)) return m;
      const before = text.slice(Math.max(floor, m.start - head.length - 2), m.start);
      if (before.trimEnd().toLowerCase().endsWith(head) && /\s$/.test(before)) {
        const lead = before.trimEnd();
        const c = lead.charAt(lead.length - head.length - 1);
        if (c === '' || !/[\p{L}-]/u.test(c)) return m;
      }
    }
    return undefined;
  }

  /** Start of the sentence (at or before `index`) holding offset `pos`. */
  #sentenceStartOf(pos: number, index: number): number {
    for (let s = index; s >= 0; s--) {
      const sentence = this.#sentences[s] as Sentence;
      if (sentence.start <= pos) return sentence.start;
    }
    return 0;
  }
}
