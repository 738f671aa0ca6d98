import type { JoinedToken as Token } from '../../core/tokens.js';
import clauseData from '../../rules/events/clause-words.json' with { type: 'json' };
import participantData from '../../rules/events/participants.json' with { type: 'json' };
import sentenceWords from '../../rules/events/sentence-words.json' with { type: 'json' };
import { reportingVerbs as reportingVerbLists } from '../../rules/lexicon/lexicon.js';
import { wordList } from '../../rules/word-list.js';
import { type Chunk, chunkTokens } from './chunk-tokens.js';

/**
 * Clause analysis over shallow chunks (`chunk-tokens.ts`): for an event word, who acts and who
 * is acted on, read from the clause around it rather than from token windows.
 *
 * - A verb group's subject is the noun group chain right before it in its clause ("Russian
 *   forces in Kharkiv attacked …"); coordinated subjects give one phrase each ("Xi and Putin will
 *   meet"); a relative pronoun hands over its antecedent ("the army, which shelled …"); in "X said
 *   Y attacked Z" the reporting verb ends the search, so Y is the subject of "attacked"; a verb
 *   coordinated with an earlier one ("arrived and met") or a participle after a comma shares the
 *   earlier subject.
 * - Passive verb groups ("was attacked by X") turn the by-phrase into the actor and the subject
 *   into the recipient.
 * - A noun group event ("Putin's visit to China", "the talks between A and B", "the Russian
 *   invasion") takes its possessor, a by-phrase or a pair after "between" as actor and the
 *   other prepositional phrases as recipients; the object of a support verb ("launched an attack
 *   on") takes that verb's subject.
 *
 * Every search walks chunks outwards a bounded number of steps, so the cost per sentence is
 * linear in its length.
 */

const list = (name: keyof Omit<typeof clauseData, 'description' | 'source'>) =>
  new Set(wordList(clauseData[name], `events/clause-words ${name}`));
const words = {
  passiveAuxiliaries: list('passiveAuxiliaries'),
  negations: list('negations'),
};
const relativePronouns = list('relativePronouns');
/** Partitive quantifiers ("many of which", `participants.json`). */
const partitives = new Set(participantData.partitiveQuantifiers.words);
const subordinators = list('subordinators');
const agentPreps = list('agentPrepositions');
const pairPreps = list('pairPrepositions');
const recipientPreps = list('recipientPrepositions');
const modifierPreps = list('modifierPrepositions');
const absolutePreps = list('absolutePrepositions');
const supportVerbs = list('supportVerbs');
const instrumentVerbs = list('instrumentVerbs');
/** Rule id of an infinitive of purpose after a verb of using: its subject acts. */
export const instrumentRule: string = clauseData.instrumentVerbs.id;
/** "launched an attack", "expressed support": a verb whose object names the event its subject acts in. */
export function isSupportVerb(word: string): boolean {
  return supportVerbs.has(word);
}
const reportingVerbs = new Set(reportingVerbLists.neutral);
const participialOpeners = new Set(
  wordList(sentenceWords.participialOpeners, 'events/sentence-words participialOpeners'),
);

const determinerTags = new Set(['DT', 'PDT', 'PRP$', 'CD']);

/** Most chunks any search walks: a sentence of 5,000 words costs no more per event word. */
const WALK = 24;

/** A phrase: token indexes, inclusive. */
export interface Phrase {
  first: number;
  last: number;
}

export interface PrepPhrase extends Phrase {
  prep: string;
  /**
   * An "of", "in" or "from" phrase right after another phrase's noun group, which it belongs to
   * ("near the town of Tikrit"): no side of the event word.
   */
  modifies?: boolean;
}

/** Who acts and who is acted on, for one event word. */
export interface ClauseFrame {
  kind: 'verbal' | 'nominal';
  /** The verb group of the clause (for a nominal event, the verb it is the object of, if any). */
  verbGroup?: Phrase & { voice: 'active' | 'passive'; negated: boolean };
  /** Actor phrases, first the likeliest; two or more for a coordination ("Xi and Putin"). */
  actors: Phrase[];
  actorBy?: string;
  /** The direct object (active verbs), or the subject of a passive verb. */
  object?: Phrase;
  objectBy?: string;
  /** Prepositional phrases after the event word in its clause, in order. */
  preps: PrepPhrase[];
  /**
   * A nominal event with a modifier actor ("Moscow visit") that is the object of a verb: that
   * verb's subject ("Thatcher ends Moscow visit"), for a reading where the modifier is no actor.
   */
  verbSubject?: Phrase[];
}

export class ClauseAnalysis {
  readonly chunks: Chunk[];
  readonly chunkOf: Int32Array;
  readonly #tokens: readonly Token[];
  readonly #tags: readonly string[];

  constructor(tokens: readonly Token[], tags: readonly string[], possessive: Uint8Array) {
    this.#tokens = tokens;
    this.#tags = tags;
    const { chunks, chunkOf } = chunkTokens(tokens, tags, possessive, words);
    this.chunks = chunks;
    this.chunkOf = chunkOf;
  }

  /** The part-of-speech tag of token `i`. */
  tagAt(i: number): string {
    return this.#tags[i] ?? '';
  }

  /** Whether token `i` stands in a noun group (tagged as a noun or modifier there). */
  inNounGroup(i: number): boolean {
    return this.chunks[this.chunkOf[i] ?? -1]?.kind === 'NP';
  }

  /** Whether token `i` is a verb of a verb group other than its main verb ("expected" in "is expected to visit"). */
  governsVerb(i: number): boolean {
    const c = this.chunks[this.chunkOf[i] ?? -1];
    return c?.kind === 'VG' && c.head > i && (this.#tags[i] ?? '').startsWith('VB');
  }

  /** The frame of the event word at token `i`, or undefined when it is in no noun or verb group. */
  frameAt(i: number): ClauseFrame | undefined {
    const c = this.chunkOf[i] ?? -1;
    const chunk = this.chunks[c];
    if (!chunk) return undefined;
    if (chunk.kind === 'VG') return this.#verbalFrame(c);
    if (chunk.kind === 'NP') return this.#nominalFrame(c, i);
    return undefined;
  }

  /** The chunks as bracketed text ("[NP Xi and Putin] [VG will meet]"), for `tidings explain`. */
  describe(): string {
    return this.chunks
      .map((c) => {
        const text = this.#tokens
          .slice(c.first, c.last + 1)
          .map((t) => t.lower)
          .join(' ');
        if (c.kind === 'NP' || c.kind === 'VG') {
          const marks = `${c.passive ? ' passive' : ''}${c.negated ? ' negated' : ''}`;
          return `[${c.kind}${marks} ${text}]`;
        }
        return text;
      })
      .join(' ');
  }

  #lower(c: Chunk): string {
    return (this.#tokens[c.first] as Token).lower;
  }

  #isComma(c: Chunk | undefined): boolean {
    return c !== undefined && c.kind === 'PUNCT' && this.#lower(c) === ',';
  }

  #verbalFrame(v: number): ClauseFrame {
    const vg = this.chunks[v] as Chunk;
    const frame: ClauseFrame = {
      kind: 'verbal',
      verbGroup: {
        first: vg.first,
        last: vg.last,
        voice: vg.passive ? 'passive' : 'active',
        negated: vg.negated === true,
      },
      actors: [],
      preps: [],
    };
    const subject = this.#subjectOf(v, 0);
    const { object, preps } = this.#complementsOf(v);
    frame.preps = preps;
    if (vg.passive) {
      const agent = preps.find((p) => agentPreps.has(p.prep));
      if (agent) {
        frame.actors = [agent];
        frame.actorBy = 'clause:by-agent';
      }
      if (subject && subject.phrases.length > 0) {
        frame.object = subject.phrases[0] as Phrase;
        frame.objectBy = 'clause:passive-subject';
      }
      return frame;
    }
    if (subject) {
      frame.actors = subject.phrases;
      frame.actorBy = subject.by;
    }
    if (object) {
      frame.object = object;
      frame.objectBy = 'clause:object';
    }
    return frame;
  }

  #nominalFrame(n: number, i: number): ClauseFrame {
    const np = this.chunks[n] as Chunk;
    const frame: ClauseFrame = { kind: 'nominal', actors: [], preps: [] };
    const preps = this.#prepsAfter(n);
    frame.preps = preps;
    const by = preps.find((p) => agentPreps.has(p.prep));
    const pair = preps.find((p) => pairPreps.has(p.prep));
    const before = this.chunks[n - 1];
    if (by) {
      frame.actors = [by];
      frame.actorBy = 'clause:nominal-by';
    } else if (pair) {
      // "the talks between A and B": both sides in one coordinated phrase.
      frame.actors = this.#conjuncts(pair);
      frame.actorBy = 'clause:nominal-between';
    } else if (before?.kind === 'NP' && before.possessive) {
      frame.actors = [{ first: before.first, last: before.last }];
      frame.actorBy = 'clause:possessor';
    } else if (np.first === i && before?.kind === 'NP' && (this.#tokens[i] as Token).lower.endsWith('ing')) {
      // "a letter from Nakasone promising help": an -ing word opening the noun group after another
      // is that group's participial modifier; the group (its "from" phrase included) acts.
      const chain = this.#chainEndingAt(n - 1, true);
      if (chain) {
        frame.actors = chain;
        frame.actorBy = 'clause:participle-modifier';
      }
    } else {
      // "the Russian invasion", "a U.S. air strike": a modifier before the event word.
      let first = np.first;
      while (first < i && determinerTags.has(this.#tags[first] as string)) first++;
      if (first < i) {
        frame.actors = [{ first, last: i - 1 }];
        frame.actorBy = 'clause:modifier';
      }
    }
    // "launched an attack on", "paid a visit to": the support verb's subject acts.
    const verb = this.chunks[n - 1]?.kind === 'VG' ? n - 1 : -1;
    if (verb >= 0) {
      const vg = this.chunks[verb] as Chunk;
      frame.verbGroup = {
        first: vg.first,
        last: vg.last,
        voice: vg.passive ? 'passive' : 'active',
        negated: vg.negated === true,
      };
      if (frame.actors.length === 0 && supportVerbs.has((this.#tokens[vg.head] as Token).lower)) {
        const subject = this.#subjectOf(verb, 0);
        if (subject) {
          frame.actors = subject.phrases;
          frame.actorBy = 'clause:support-verb';
        }
      } else if (frame.actorBy === 'clause:modifier' && !vg.passive) {
        const subject = this.#subjectOf(verb, 0);
        if (subject) frame.verbSubject = subject.phrases;
      }
    }
    // "a bombing near the town of Tikrit": an "of", "in" or "from" phrase right after another
    // phrase's noun group belongs to that noun group, not to the event word.
    const target = preps.find((p) => p !== by && p !== pair && recipientPreps.has(p.prep) && !p.modifies);
    if (target) {
      frame.object = target;
      frame.objectBy = `clause:nominal-${target.prep}`;
    }
    return frame;
  }

  /**
   * The subject of verb group `v`: the noun group chain right before it, its conjuncts, a relative
   * pronoun's antecedent, or (for a coordinated or non-finite verb) the earlier verb's subject.
   */
  #subjectOf(v: number, depth: number): { phrases: Phrase[]; by: string } | undefined {
    if (depth > 3) return undefined;
    let c = v - 1;
    const chunks = this.chunks;
    // "In announcing the sanctions, President Reagan said …": an opening participle's subject is
    // the main clause's.
    if (this.#isParticiple(v) && this.#opensSentence(v)) return this.#mainSubject(v, depth);
    // "Pakistan, a U.S. ally, has refused": skip an apposition between commas.
    if (this.#isComma(chunks[c])) {
      let k = c - 1;
      while (k >= 0 && c - k < WALK && (chunks[k]?.kind === 'NP' || chunks[k]?.kind === 'P')) k--;
      if (k < c - 1 && this.#isComma(chunks[k]) && chunks[k - 1]?.kind === 'NP') c = k - 1;
      else c = this.#beforeRelative(c);
    }
    const at = chunks[c];
    if (!at) return undefined;
    if (at.kind === 'O' && relativePronouns.has(this.#lower(at))) {
      // "the army, which shelled …": the noun group before the pronoun.
      let k = c - 1;
      // "regional banks, many of which are refusing": a partitive quantifier and "of" before the
      // pronoun; the part acts, and the noun group before them names it.
      const partitive = this.#partitiveBefore(k);
      if (partitive) k = partitive;
      if (this.#isComma(chunks[k])) k--;
      const chain = chunks[k]?.kind === 'NP' ? this.#chainEndingAt(k) : undefined;
      return chain ? { phrases: chain, by: 'clause:relative' } : undefined;
    }
    if (at.kind === 'NP') {
      // "… said that X attacked": a subordinator before the chain is fine; the chain is the subject.
      const chain = this.#chainEndingAt(c, this.#isParticiple(v));
      if (chain) return this.#instrumentUser(v, chain, depth) ?? { phrases: chain, by: 'clause:subject' };
      // "wrote to Mr Smith on Tuesday accusing him": a participle after a prepositional phrase is
      // a free adjunct; its subject is the verb's before it.
      if (this.#isParticiple(v)) return this.#earlierSubject(c, depth, true);
      return undefined;
    }
    if (at.kind === 'CC' || (this.#isComma(at) && (this.chunks[v] as Chunk).nonFinite)) {
      // "arrived in Beijing and met Xi", "…, killing four": the earlier verb's subject.
      return this.#earlierSubject(c, depth, false);
    }
    return undefined;
  }

  /**
   * "The cardinal used a Christmas message to denounce the war": an infinitive (verb group `v`)
   * after the object of a verb of using (clause-words.json `instrumentVerbs`) says what the object
   * was used for; the subject of the verb of using acts in it, not the instrument (`chain`).
   */
  #instrumentUser(v: number, chain: Phrase[], depth: number): { phrases: Phrase[]; by: string } | undefined {
    if ((this.#tokens[(this.chunks[v] as Chunk).first] as Token).lower !== 'to') return undefined;
    const k = (this.chunkOf[(chain[0] as Phrase).first] ?? 0) - 1;
    const verb = this.chunks[k];
    if (verb?.kind !== 'VG' || verb.passive || !instrumentVerbs.has((this.#tokens[verb.head] as Token).lower))
      return undefined;
    const user = this.#subjectOf(k, depth + 1);
    return user ? { phrases: user.phrases, by: instrumentRule } : undefined;
  }

  /**
   * "Saddam Hussein, who presided over a meeting of his commanders, visited Mosul": from the comma
   * `c` that closes a relative clause opened by ", who" or ", which" after a noun group, that noun
   * group; else `c`.
   */
  #beforeRelative(c: number): number {
    const chunks = this.chunks;
    for (let k = c - 1; k > 0 && c - k < WALK; k--) {
      const ch = chunks[k] as Chunk;
      if (ch.kind === 'PUNCT' && !this.#isComma(ch)) return c;
      if (ch.kind === 'O' && relativePronouns.has(this.#lower(ch))) {
        return this.#isComma(chunks[k - 1]) && chunks[k - 2]?.kind === 'NP' ? k - 2 : c;
      }
      if (this.#isComma(ch)) return c;
    }
    return c;
  }

  /** Whether only opening words ("in", "after", "besides" …) stand before verb group `v`. */
  #opensSentence(v: number): boolean {
    for (let k = 0; k < v; k++) {
      const ch = this.chunks[k] as Chunk;
      if (ch.first !== ch.last || !participialOpeners.has(this.#lower(ch))) return false;
    }
    return true;
  }

  /** The subject of the first verb group after the comma that ends the opening clause of verb group `v`. */
  #mainSubject(v: number, depth: number): { phrases: Phrase[]; by: string } | undefined {
    const chunks = this.chunks;
    let comma = -1;
    for (let k = v + 1; k < chunks.length && k - v < WALK; k++) {
      const ch = chunks[k] as Chunk;
      if (this.#isComma(ch)) {
        comma = k;
        break;
      }
      if (ch.kind === 'PUNCT' || ch.kind === 'VG') return undefined;
    }
    if (comma < 0) return undefined;
    for (let k = comma + 1; k < chunks.length && k - comma < WALK; k++) {
      const ch = chunks[k] as Chunk;
      if (ch.kind === 'PUNCT') return undefined;
      if (ch.kind !== 'VG') continue;
      const s = k - 1 > comma ? this.#subjectOf(k, depth + 1) : undefined;
      const after = (chunks[comma] as Chunk).last;
      return s && s.phrases.every((p) => p.first > after)
        ? { phrases: s.phrases, by: 'clause:opening-participle' }
        : undefined;
    }
    return undefined;
  }

  /** Whether verb group `v` opens with a present participle, no auxiliary ("accusing him", "agreeing to cut"). */
  #isParticiple(v: number): boolean {
    return this.#tags[(this.chunks[v] as Chunk).first] === 'VBG';
  }

  /**
   * The subject of the nearest verb group before chunk `c`, for a verb that shares it. A reporting
   * verb's subject is shared only by a participle after its complements (`afterReport`: "wrote to
   * X accusing him"); "said, adding" and "said they attacked and killed" are left to the windows.
   */
  #earlierSubject(
    c: number,
    depth: number,
    afterReport: boolean,
  ): { phrases: Phrase[]; by: string } | undefined {
    const chunks = this.chunks;
    for (let k = c - 1; k >= 0 && c - k < WALK; k--) {
      const ch = chunks[k] as Chunk;
      if (ch.kind === 'VG') {
        if (!afterReport && reportingVerbs.has((this.#tokens[ch.head] as Token).lower)) return undefined;
        const s = this.#subjectOf(k, depth + 1);
        return s ? { phrases: s.phrases, by: 'clause:shared-subject' } : undefined;
      }
      if (ch.kind === 'PUNCT' && !this.#isComma(ch)) return undefined;
      // A relative or subordinate clause between: its verb is not the one shared.
      if (afterReport && ch.kind === 'O' && relativePronouns.has(this.#lower(ch))) return undefined;
    }
    return undefined;
  }

  /**
   * The subject chain whose last chunk is noun group `end`: walking left over modifier phrases
   * ("rebels in Darfur"), possessors ("Russia's military") and coordination ("Xi and Putin").
   * Returns one phrase per conjunct, leftmost first.
   */
  /**
   * "many of which", "some of whom": from chunk `k` (the "of" before a relative pronoun) back over a
   * partitive quantifier, the chunk before them; undefined when no partitive stands there.
   */
  #partitiveBefore(k: number): number | undefined {
    const of = this.chunks[k];
    const quantifier = this.chunks[k - 1];
    if (of?.kind !== 'P' || this.#lower(of) !== 'of' || !quantifier) return undefined;
    if (quantifier.first !== quantifier.last || !partitives.has(this.#lower(quantifier))) return undefined;
    return k - 2;
  }

  #chainEndingAt(end: number, absolute = false): Phrase[] | undefined {
    const chunks = this.chunks;
    const conjuncts: Phrase[] = [];
    let last = (chunks[end] as Chunk).last;
    let k = end;
    let steps = 0;
    while (k >= 0 && steps++ < WALK) {
      const ch = chunks[k] as Chunk;
      if (ch.kind !== 'NP') break;
      let first = ch.first;
      let j = k - 1;
      // Possessors and modifier phrases belong to the noun group after them.
      let modified = false;
      while (j >= 0 && steps++ < WALK) {
        const prev = chunks[j] as Chunk;
        if (prev.kind === 'NP' && prev.possessive) {
          first = prev.first;
          j--;
          continue;
        }
        if (
          prev.kind === 'P' &&
          modifierPreps.has(this.#lower(prev)) &&
          chunks[j - 1]?.kind === 'NP' &&
          !(chunks[j - 2]?.kind === 'P')
        ) {
          first = (chunks[j - 1] as Chunk).first;
          modified = true;
          j -= 2;
          continue;
        }
        break;
      }
      conjuncts.unshift({ first, last });
      const link = chunks[j];
      if (link?.kind === 'CC' && chunks[j - 1]?.kind === 'NP' && this.#lower(link) === 'and') {
        k = j - 1;
        last = (chunks[k] as Chunk).last;
        continue;
      }
      // "Xi, Putin and Modi": commas between conjuncts when an "and" follows.
      if (this.#isComma(link) && chunks[j - 1]?.kind === 'NP' && conjuncts.length > 1) {
        k = j - 1;
        last = (chunks[k] as Chunk).last;
        continue;
      }
      // A subject right after a preposition is its object ("in Beijing Xi met", "for Britain's
      // vote"): not a subject.
      // After "with"/"without" it is the subject of a participle ("with Milburn accusing Howard").
      if (
        link?.kind === 'P' &&
        !subordinators.has(this.#lower(link)) &&
        !(absolute && absolutePreps.has(this.#lower(link))) &&
        conjuncts.length === 1 &&
        !modified
      )
        return undefined;
      break;
    }
    return conjuncts.length > 0 ? conjuncts : undefined;
  }

  /** The direct object and the prepositional phrases after verb group `v`. */
  #complementsOf(v: number): { object?: Phrase; preps: PrepPhrase[] } {
    const next = this.chunks[v + 1];
    let object: Phrase | undefined;
    let from = v;
    if (next?.kind === 'NP') {
      // "attacked Japan's fiscal policy": a possessor and its noun are one object.
      let last = next.last;
      let k = v + 1;
      while (this.chunks[k]?.possessive && this.chunks[k + 1]?.kind === 'NP') {
        k++;
        last = (this.chunks[k] as Chunk).last;
      }
      object = { first: next.first, last };
      from = k;
    }
    const preps = this.#prepsAfter(from);
    return object ? { object, preps } : { preps };
  }

  /** Prepositional phrases after chunk `c` until the clause ends (a verb group, ";", a subordinator). */
  #prepsAfter(c: number): PrepPhrase[] {
    const out: PrepPhrase[] = [];
    const chunks = this.chunks;
    for (let k = c + 1; k < chunks.length && k - c < WALK; k++) {
      const ch = chunks[k] as Chunk;
      // "the meetings scheduled next month between Reagan and Nakasone": a participle right after
      // the noun opens a reduced relative; the phrases after it still belong to the noun.
      if (ch.kind === 'VG' && k === c + 1 && ch.nonFinite && this.#tags[ch.head] === 'VBN') continue;
      if (ch.kind === 'VG' || (ch.kind === 'PUNCT' && !this.#isComma(ch))) break;
      if (ch.kind === 'O' && relativePronouns.has(this.#lower(ch))) break;
      if (ch.kind !== 'P' || chunks[k + 1]?.kind !== 'NP') continue;
      const prep = this.#lower(ch);
      if (subordinators.has(prep) && !recipientPreps.has(prep) && !pairPreps.has(prep)) break;
      // The phrase runs over coordinated noun groups ("between Xi and Putin") and possessors.
      let last = (chunks[k + 1] as Chunk).last;
      let j = k + 1;
      while (j + 2 < chunks.length && j - k < WALK) {
        const link = chunks[j + 1] as Chunk;
        const more = chunks[j + 2] as Chunk;
        if (more.kind !== 'NP') break;
        if ((link.kind === 'CC' && this.#lower(link) === 'and') || (chunks[j] as Chunk).possessive) {
          last = more.last;
          j += 2;
          continue;
        }
        break;
      }
      if ((chunks[j] as Chunk).possessive && chunks[j + 1]?.kind === 'NP') {
        j++;
        last = (chunks[j] as Chunk).last;
      }
      const before = out[out.length - 1];
      const phrase: PrepPhrase = { prep, first: (chunks[k + 1] as Chunk).first, last };
      if (before && before.last + 1 === ch.first && modifierPreps.has(prep)) phrase.modifies = true;
      out.push(phrase);
      k = j;
    }
    return out;
  }

  /** The coordinated noun groups of a phrase ("Xi and Putin" → two phrases). */
  #conjuncts(p: Phrase): Phrase[] {
    const out: Phrase[] = [];
    let start = p.first;
    for (let k = p.first; k <= p.last; k++) {
      const t = (this.#tokens[k] as Token).lower;
      if (t === 'and' || t === ',') {
        if (k > start) out.push({ first: start, last: k - 1 });
        start = k + 1;
      }
    }
    if (start <= p.last) out.push({ first: start, last: p.last });
    return out;
  }
}
