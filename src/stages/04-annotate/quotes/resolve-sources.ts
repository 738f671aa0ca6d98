import type { Attribution, Entity, EntityType, Quote, Span } from '../../../core/doc.js';
import { firstStartingAfter, firstStartingFrom } from '../../../core/spans.js';
import resolveData from '../../../rules/quotes/source-resolution.json' with { type: 'json' };

/**
 * Who a source is: the entity behind "Putin", "He", "the spokesman". Rules, each id written on
 * the attribution (`sourceRule`) or quote (`speakerRule`):
 * - `quotes:source.mention` — the source span holds an entity mention ("Clinton campaign
 *   spokesman Brian Fallon"): a person's mention first, else the last mention before its first
 *   comma (none when only its appositive description names anyone: "Ann Bee, a reporter in Oslo");
 * - `quotes:source.pronoun` — a personal pronoun of a person ("he", "she") is the person named
 *   most recently before it in the text, within a few paragraphs' reach, leaving out the people
 *   named only inside what someone said (a quotation, or an attribution's content) unless the
 *   pronoun stands inside that same passage: in "Greenspan said the debt owed to Smith, whose
 *   genius he compared to Mozart's, could never be repaid. He said…" the second "He" is the
 *   speaker, Greenspan, not Mozart (the frame of reported speech is the discourse's; the people
 *   it reports on are not its subjects); and agreeing in gender where a title tells it ("Ms
 *   Blackman", "Lord Goldsmith": "he" skips the first, "she" the second);
 * - `quotes:source.description` — "the spokesman", "the ministry": the most recent entity before
 *   it whose role is that noun, or, for a noun that names an organisation, the most recent
 *   organisation.
 * Pronouns and descriptions with nothing in reach stay unresolved.
 */

interface MentionAt {
  start: number;
  end: number;
  entity: Entity;
}

const personPronouns = new Set(resolveData.personPronouns);
const pronounGender = new Map<string, string>(Object.entries(resolveData.pronounGender));
const titleGender = new Map<string, string>([
  ...resolveData.maleTitles.map((t): [string, string] => [t, 'male']),
  ...resolveData.femaleTitles.map((t): [string, string] => [t, 'female']),
]);
const organisationNouns = new Set(resolveData.organisationNouns);
const articles = new Set(resolveData.articles);
/** How far back (in characters) a pronoun or description may find its entity. */
const reach = resolveData.reachCharacters;

/** Attributions looked at before a quote for one whose content covers it. */
const LOOK_BACK = 64;

export interface ResolvedSource {
  entity: string;
  rule: string;
}

export class SourceResolver {
  readonly #mentions: MentionAt[];
  readonly #text: string;
  /** Reported passages (quotation interiors, attribution contents), by start; see `#reported`. */
  readonly #passages: Span[];
  /** Running maximum of the passages' ends, so the ones covering an offset are found by bisection. */
  readonly #reachEnd: number[];
  /** Entity id → 'male' / 'female' where a title before one of its mentions says so ("Ms Blackman"). */
  readonly #gender = new Map<string, string>();

  /**
   * `passages`: what people are reported to have said (quotation interiors, attribution contents
   * and their pieces); a person named only inside one is no antecedent for a pronoun outside it.
   */
  constructor(text: string, entities: readonly Entity[], passages: readonly Span[] = []) {
    this.#text = text;
    this.#passages = [...passages].sort((a, b) => a.start - b.start);
    this.#reachEnd = [];
    let max = -1;
    for (const p of this.#passages) {
      max = Math.max(max, p.end);
      this.#reachEnd.push(max);
    }
    const all: MentionAt[] = [];
    for (const entity of entities)
      for (const m of entity.mentions) all.push({ start: m.start, end: m.end, entity });
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    this.#mentions = all;
    for (const m of all) {
      if (m.entity.type !== 'person') continue;
      const g =
        titleGender.get(wordBefore(text, m.start)) ?? titleGender.get(firstWord(text, m.start, m.end));
      if (g === undefined) continue;
      const known = this.#gender.get(m.entity.id);
      // Titles that disagree (a bad merge of two people): no gender.
      this.#gender.set(m.entity.id, known === undefined || known === g ? g : 'unknown');
    }
  }

  /**
   * Whether mention `m` lies inside a reported passage that does not also hold `offset` (the
   * pronoun): then it is a person spoken about, not the frame's. Passages are few per document.
   */
  #reported(m: MentionAt, offset: number): boolean {
    const ps = this.#passages;
    // The last passage starting at or before the mention.
    const lo = firstStartingAfter(ps, m.start);
    for (let k = lo - 1; k >= 0 && (this.#reachEnd[k] as number) >= m.end; k--) {
      const p = ps[k] as Span;
      if (p.end >= m.end && !(p.start <= offset && offset < p.end)) return true;
    }
    return false;
  }

  /** The most recent mention ending before `offset` (within reach) that `accept` takes. */
  #recent(offset: number, accept: (m: MentionAt) => boolean): MentionAt | undefined {
    for (let k = firstStartingFrom(this.#mentions, offset) - 1; k >= 0; k--) {
      const m = this.#mentions[k] as MentionAt;
      if (m.start < offset - reach) return undefined;
      if (m.end <= offset && accept(m)) return m;
    }
    return undefined;
  }

  resolve(span: Span): ResolvedSource | undefined {
    const inside: MentionAt[] = [];
    for (let k = firstStartingFrom(this.#mentions, span.start); k < this.#mentions.length; k++) {
      const m = this.#mentions[k] as MentionAt;
      if (m.start >= span.end) break;
      if (m.end <= span.end) inside.push(m);
    }
    if (inside.length > 0) {
      const person = inside.find((m) => m.entity.type === 'person');
      // "Ann Bee, a reporter based in the Norwegian capital Oslo" (her name not recognised): a
      // place or body named only in the description after the comma is where the source works,
      // not who spoke.
      // Only where the source opens with a name (a capitalised word, no article): in "The firm,
      // Paxo," or "A company, named Ixo," the name after the comma is the one described.
      const comma = this.#text.indexOf(',', span.start);
      const first = /^\p{Lu}[\p{L}'’.-]*/u.exec(this.#text.slice(span.start, span.end))?.[0];
      const opensWithName = first !== undefined && !articles.has(first.toLowerCase());
      const named = opensWithName && comma >= 0 && comma < span.end;
      const head = named ? inside.filter((m) => m.end <= comma) : inside;
      const m = person ?? head[head.length - 1];
      if (m) return { entity: m.entity.id, rule: 'quotes:source.mention' };
      return undefined;
    }
    const words = this.#text
      .slice(span.start, span.end)
      .toLowerCase()
      .split(/[^\p{L}\p{N}'’-]+/u)
      .filter((w) => w !== '');
    if (words.length === 1 && personPronouns.has(words[0] as string)) {
      const wanted = pronounGender.get(words[0] as string);
      const m = this.#recent(span.start, (x) => {
        if (x.entity.type !== 'person' || this.#reported(x, span.start)) return false;
        // "he" is not a person a title calls a woman, nor "she" one it calls a man.
        const g = this.#gender.get(x.entity.id);
        return wanted === undefined || g === undefined || g === 'unknown' || g === wanted;
      });
      return m ? { entity: m.entity.id, rule: 'quotes:source.pronoun' } : undefined;
    }
    // "the spokesman", "a ministry spokeswoman", "the ministry": a determiner and a head noun.
    const head = words[words.length - 1];
    if (head !== undefined && words.length <= 4 && articles.has(words[0] as string)) {
      const isOrganisation = organisationNouns.has(head);
      const types: ReadonlySet<EntityType> = new Set(isOrganisation ? ['organization'] : ['person']);
      const m = this.#recent(
        span.start,
        (x) => x.entity.role === head || (isOrganisation && types.has(x.entity.type)),
      );
      return m ? { entity: m.entity.id, rule: 'quotes:source.description' } : undefined;
    }
    return undefined;
  }
}

/** The lowercase word just before `offset` ("Ms" in "Ms Blackman", "mr" in "Mr. Smith"), or ''. */
function wordBefore(text: string, offset: number): string {
  let end = offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '.')) end--;
  let start = end;
  while (start > 0 && /\p{L}/u.test(text[start - 1] as string)) start--;
  return text.slice(start, end).toLowerCase();
}

/** The lowercase first word of `[start, end)`, or ''. */
function firstWord(text: string, start: number, end: number): string {
  let k = start;
  while (k < end && /\p{L}/u.test(text[k] as string)) k++;
  return text.slice(start, k).toLowerCase();
}

/** Sets `sourceEntity` and `sourceRule` on every attribution whose source can be resolved. */
export function resolveAttributionSources(attributions: Attribution[], resolver: SourceResolver): void {
  for (const a of attributions) {
    if (!a.sourceSpan) continue;
    if (a.sourceEntity) {
      a.sourceRule ??= 'quotes:source.mention';
      continue;
    }
    const r = resolver.resolve(a.sourceSpan);
    if (r) {
      a.sourceEntity = r.entity;
      a.sourceRule = r.rule;
    }
  }
}

/**
 * A quotation inside an attribution's content is that source's: its speaker is the source
 * (resolved as above), rule `quotes:double-marks.attribution`. Quotes no attribution covers keep
 * the speaker their own rule found, resolved the same way when it is a pronoun.
 */
export function attachQuoteSpeakers(
  quotes: Quote[],
  attributions: readonly Attribution[],
  text: string,
  resolver: SourceResolver,
): void {
  // Attributions are in text order: the ones that may cover a quote start before it. Looking
  // back over a bounded number keeps a text of thousands of quotes linear.
  const covering = (q: Span): Attribution | undefined => {
    const lo = firstStartingAfter(attributions, q.start);
    let best: Attribution | undefined;
    for (let k = lo - 1; k >= 0 && k >= lo - LOOK_BACK; k--) {
      const a = attributions[k] as Attribution;
      const pieces = a.contentPieces ?? (a.content ? [a.content] : []);
      // A quote's span excludes its marks; a content's includes them.
      if (!pieces.some((p) => p.start <= q.start && p.end >= q.end)) continue;
      const size = (a.content as Span).end - (a.content as Span).start;
      if (!best || size < (best.content as Span).end - (best.content as Span).start) best = a;
    }
    return best;
  };
  for (const q of quotes) {
    const a = covering(q);
    if (a?.sourceSpan) {
      q.speakerText = text.slice(a.sourceSpan.start, a.sourceSpan.end);
      if (a.sourceEntity) q.speaker = a.sourceEntity;
      else delete q.speaker;
      if (a.sourceRule) q.speakerRule = a.sourceRule;
      q.rule = 'quotes:double-marks.attribution';
      continue;
    }
    if (q.speaker || q.speakerText === undefined || !q.speakerSpan) continue;
    const r = resolver.resolve(q.speakerSpan);
    if (r) {
      q.speaker = r.entity;
      q.speakerRule = r.rule;
    }
  }
}
