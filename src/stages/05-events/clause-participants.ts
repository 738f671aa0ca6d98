import type { Doc, EventParticipant } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import clauseData from '../../rules/events/clause-words.json' with { type: 'json' };
import { wordList } from '../../rules/word-list.js';
import { textActor } from './agent-phrases.js';
import type { ClauseFrame, Phrase } from './analyze-clauses.js';
import { namesOfficeOf } from './participants.js';
import { type Group, isPossessive, lexicon, prepBefore } from './sentence-words.js';

/**
 * Actor and recipient mention groups for one event word, read from its clause frame
 * (`analyze-clauses.ts`). Undefined fields mean the frame says nothing there and the window
 * rules in `code-sentence.ts` keep their choice.
 */
export interface ClauseSides {
  actor?: Group;
  actorBy?: string;
  /** The frame names an actor phrase that holds no entity ("rebels", "the police"). */
  actorPhrase?: Phrase;
  recipient?: Group;
  recipientBy?: string;
  /** The verb group is passive ("was attacked by …"). */
  passive?: boolean;
}

const causePreps = new Set(wordList(clauseData.causePrepositions, 'events/clause-words causePrepositions'));

/**
 * "were wounded in an Israeli air strike": a passive with no by-agent happened in an event the
 * phrase names; the name before that event noun (its modifier or possessor) is the actor.
 */
function causeActor(
  frame: ClauseFrame,
  groups: readonly Group[],
  tokens: readonly Token[],
): Group | undefined {
  for (const p of frame.preps) {
    if (!causePreps.has(p.prep)) continue;
    for (let k = p.first + 1; k <= p.last; k++) {
      if (!lexicon.ownHeads.has((tokens[k] as Token).lower)) continue;
      return groups.find((g) => p.first <= g.first && g.last < k);
    }
  }
  return undefined;
}

/** Locative prepositions: a group after one inside a subject phrase is a modifier, not the actor. */
const locative = new Set(['in', 'at', 'near', 'on', 'from']);

function groupsIn(groups: readonly Group[], p: Phrase): Group[] {
  return groups.filter((g) => p.first <= g.first && g.last <= p.last);
}

/** The group a phrase stands for: its first one not inside a locative phrase ("rebels in Darfur" → Darfur). */
function headGroup(groups: readonly Group[], p: Phrase, tokens: readonly Token[]): Group | undefined {
  const inside = groupsIn(groups, p);
  if (inside.length <= 1) return inside[0];
  const heads = inside.filter((g) => {
    const prep = g.first > p.first ? prepBefore(tokens, g.first) : undefined;
    return prep === undefined || !locative.has(prep);
  });
  // "The SNP's Holyrood leader Nicola Sturgeon": a party's or body's possessor, or a place naming
  // the office, modifies the person or body after it, who is the head.
  const head = heads.find((g, k) => !heads.slice(k + 1).some((next) => modifies(g, next, tokens)));
  return head ?? inside[0];
}

/** How many tokens a possessor or an office's place may stand before the name it modifies. */
const modifierReach = 4;

function modifies(g: Group, next: Group, tokens: readonly Token[]): boolean {
  if (next.first - g.last > modifierReach) return false;
  const last = tokens[g.last] as Token;
  const possessive =
    (g.end < last.end && isPossessive(last.lower)) || isPossessive(tokens[g.last + 1]?.lower ?? '');
  const nextType = next.entity.type;
  // A country's ("Niger's ambassador X") stays: the participant takes its agent phrase and country.
  if (possessive)
    return g.entity.type !== 'country' && (nextType === 'person' || nextType === 'organization');
  return (g.entity.type === 'place' && nextType === 'person') || namesOfficeOf(g, next, tokens);
}

const destinationNouns = new Set(
  wordList(clauseData.destinationNouns, 'events/clause-words destinationNouns'),
);
const placeTypes = new Set(['country', 'city', 'place']);

/** Whether group `g`, a modifier of the travel noun at `head` ("Moscow visit"), names where it goes. */
function destination(
  frame: ClauseFrame,
  g: Group,
  tokens: readonly Token[],
  head: number | undefined,
): boolean {
  if (frame.actorBy !== 'clause:modifier' || head === undefined) return false;
  return placeTypes.has(g.entity.type) && destinationNouns.has((tokens[head] as Token).lower);
}

export function clauseSides(
  frame: ClauseFrame,
  groups: readonly Group[],
  tokens: readonly Token[],
  recipientPreps: ReadonlySet<string> | undefined,
  head?: number,
): ClauseSides {
  const out: ClauseSides = {};
  if (frame.verbGroup?.voice === 'passive' && frame.kind === 'verbal') out.passive = true;
  const actorPhrase = frame.actors[0];
  if (actorPhrase) {
    const g = headGroup(groups, actorPhrase, tokens);
    if (g && destination(frame, g, tokens, head)) {
      // "Thatcher ends Moscow visit": the place is where the visit goes; the verb's subject makes it.
      out.recipient = g;
      out.recipientBy = 'clause:destination';
      const subject = frame.verbSubject?.[0];
      const by = subject ? headGroup(groups, subject, tokens) : undefined;
      if (by && by !== g) {
        out.actor = by;
        out.actorBy = 'clause:verb-subject';
      }
    } else if (g) {
      out.actor = g;
      out.actorBy = frame.actorBy ?? 'clause';
    } else if (frame.actorBy !== 'clause:modifier' && frame.actorBy !== 'clause:possessor') {
      out.actorPhrase = actorPhrase;
    }
  }
  if (out.passive && !out.actor && frame.actors.length === 0) {
    const cause = causeActor(frame, groups, tokens);
    if (cause) {
      out.actor = cause;
      out.actorBy = 'clause:passive-cause';
    }
  }
  // The recipient: the object, else a prepositional phrase the rule names, else one with an entity.
  if (frame.object) {
    const g = headGroup(groups, frame.object, tokens);
    if (g && g !== out.actor) {
      out.recipient = g;
      out.recipientBy = frame.objectBy ?? 'clause:object';
    }
  }
  if (!out.recipient) {
    const named = recipientPreps
      ? frame.preps.find((p) => recipientPreps.has(p.prep) && !p.modifies && groupsIn(groups, p).length > 0)
      : undefined;
    const pp =
      named ??
      frame.preps.find(
        (p) =>
          p.prep !== 'by' &&
          !locative.has(p.prep) &&
          !p.modifies &&
          groupsIn(groups, p).some((g) => g !== out.actor),
      );
    const g = pp ? groupsIn(groups, pp).find((x) => x !== out.actor) : undefined;
    if (pp && g) {
      out.recipient = g;
      out.recipientBy = `clause:prep:${pp.prep}`;
    }
  }
  // "Xi and Putin will meet", "the talks between A and B": the second side is the recipient.
  if (!out.recipient && frame.actors.length >= 2 && out.actor) {
    for (const p of frame.actors.slice(1)) {
      const g = headGroup(groups, p, tokens);
      if (g && g.entity !== out.actor.entity) {
        out.recipient = g;
        out.recipientBy = 'clause:coordinated';
        break;
      }
    }
  }
  return out;
}

/**
 * The actor phrase the clause names when it holds no entity ("rebels", "the police"): taken when
 * the token windows found no subject, or found a name outside the phrase — the speaker of "Russia
 * said rebels shelled …", the patient of "was shelled by rebels" — and the phrase is an agent
 * noun (has a sector). A country's report of an agent it does not name is of its own ("Israel said
 * troops shot …" → ISR/MIL).
 */
export function clauseTextActor(
  doc: Readonly<Doc>,
  tokens: readonly Token[],
  phrase: Phrase,
  windowGroup: Group | undefined,
  windowActor: EventParticipant | undefined,
): EventParticipant | undefined {
  if (windowGroup && windowGroup.last >= phrase.first) return undefined;
  const text = textActor(doc, tokens, phrase.first, phrase.last + 1);
  if (!text || (windowGroup && !text.sector)) return undefined;
  if (windowGroup?.entity.type === 'country' && windowActor?.country && !text.country)
    text.country = windowActor.country;
  return text;
}
