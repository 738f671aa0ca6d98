import type { EventCandidate } from '../../core/doc.js';
import {
  HashFilter,
  hashString,
  type JoinedToken as Token,
  type TokenLayer,
  TokenSet,
  tokenizeRange,
} from '../../core/tokens.js';
import type { CompiledLexicon, CompiledRule } from './compile-lexicon.js';
import {
  adverbs,
  baseFormOpeners,
  clauseBreakers,
  determiners,
  type EntityMention,
  isNounUse,
  lexicon,
  type Match,
  negations,
} from './sentence-words.js';

/**
 * The first layer token of every trigger head ("co" for "co-operate"): a sentence none of whose
 * tokens is in this set cannot hold a trigger, so it is skipped before its joined tokens are built.
 */
function firstLayerForms(heads: Iterable<string>): string[] {
  return [...heads].map((head) => {
    const layer = tokenizeRange(head);
    return layer.count > 0 ? layer.lower(0) : head;
  });
}

/**
 * The first layer token of every trigger head ("co" for "co-operate"), for our own rules and for
 * all rules with the imported ones: a sentence none of whose tokens is in the set cannot hold a
 * trigger, so it is skipped before its joined tokens are built. Imported rules need two named
 * sides, so a sentence with fewer than two entity mentions is read with our own rules alone.
 */
export class HeadIndex {
  readonly starts: TokenSet;
  /** The same first tokens as a bare hash filter, to reject most tokens before a Map lookup. */
  readonly filter: HashFilter;
  /**
   * `byHead`: the heads to look for; `source`: the compiled lexicon they come from; `withImported`:
   * whether its imported (PETRARCH) rules are tried beside its own.
   */
  constructor(
    readonly byHead: ReadonlyMap<string, readonly CompiledRule[]>,
    readonly source: CompiledLexicon = lexicon,
    readonly withImported = false,
  ) {
    const forms = firstLayerForms([...byHead.keys(), ...source.baseHeads.keys()]);
    this.starts = new TokenSet(forms);
    this.filter = new HashFilter(forms.length);
    for (const form of forms) this.filter.add(hashString(form));
  }
  mayHoldTrigger(layer: TokenLayer, sentence: number): boolean {
    const to = layer.sentenceFirst[sentence + 1] as number;
    for (let i = layer.sentenceFirst[sentence] as number; i < to; i++)
      if (this.starts.hasToken(layer, i)) return true;
    return false;
  }
}
export const ownIndex = new HeadIndex(lexicon.ownHeads);
export const allIndex = new HeadIndex(lexicon.byHead, lexicon, true);

/** Finds every trigger of a sentence and keeps the longest non-overlapping ones. */
export function findMatches(
  tokens: readonly Token[],
  layer: TokenLayer,
  firsts: readonly number[],
  index: HeadIndex,
  rejected?: EventCandidate[],
  named?: (token: number) => boolean,
): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = firsts[i] as number;
    if (first >= 0 && !index.filter.mayHave(layer.hash(first))) continue;
    const token = tokens[i] as Token;
    let candidates = candidatesAt(tokens, i, index);
    const base = named ? index.source.baseHeads.get(token.lower) : undefined;
    if (base && named && baseFormVerb(tokens, i, named))
      candidates = candidates ? [...candidates, ...base] : base;
    if (!candidates) continue;
    // Imported rules are many per head: only our own are listed when set aside here.
    let nounUse: boolean | undefined;
    for (const rule of candidates) {
      if (rule.verbal && nounUse === undefined) nounUse = isNounUse(tokens, i);
      if (rule.verbal && nounUse) {
        if (!rule.imported) rejected?.push(candidate(rule, token, token, 'noun-use'));
        continue;
      }
      if (rule.notAfter && i > 0 && rule.notAfter.has((tokens[i - 1] as Token).lower)) {
        if (!rule.imported) rejected?.push(candidate(rule, token, token, 'not-after'));
        continue;
      }
      if (rule.before && !matchesBefore(tokens, i, rule.before)) continue;
      let p = i;
      let ok = true;
      for (let r = 0; r < rule.rest.length; r++) {
        const alts = rule.rest[r] as ReadonlySet<string>;
        const gap = rule.gaps ? (rule.gaps[r] as number) : rule.gap;
        let hit = -1;
        for (let j = p + 1; j <= p + 1 + gap && j < tokens.length; j++) {
          const t = (tokens[j] as Token).lower;
          if (alts.has(t)) {
            hit = j;
            break;
          }
          if (clauseBreakers.has(t) || t === '.') break;
        }
        if (hit < 0) {
          ok = false;
          break;
        }
        p = hit;
      }
      if (!ok) continue;
      if (rule.exclude) {
        let vetoed = false;
        for (let j = p + 1; j <= p + 3 && j < tokens.length; j++) {
          if (rule.exclude.has((tokens[j] as Token).lower)) vetoed = true;
        }
        if (vetoed) {
          if (!rule.imported) rejected?.push(candidate(rule, token, tokens[p] as Token, 'excluded'));
          continue;
        }
      }
      found.push({ rule, head: i, last: p });
    }
  }
  if (found.length <= 1) return found;
  // Our own rules first, the longer match first among them; among imported patterns the one
  // naming more words first, then the tighter match ("rushed aid to" is AID, not "rushed … to").
  found.sort((a, b) => {
    const ai = a.rule.imported === true;
    const bi = b.rule.imported === true;
    if (ai !== bi) return ai ? 1 : -1;
    if (ai) {
      const size = patternSize(b.rule) - patternSize(a.rule);
      if (size !== 0) return size;
      const span = a.last - a.head - (b.last - b.head);
      if (span !== 0) return span;
    }
    return b.last - b.head - (a.last - a.head) || a.head - b.head || a.rule.order - b.rule.order;
  });
  const taken = new Uint8Array(tokens.length);
  const kept: Match[] = [];
  for (const m of found) {
    let free = true;
    for (let k = m.head; k <= m.last; k++) if (taken[k]) free = false;
    if (!free) {
      if (
        rejected &&
        !m.rule.imported &&
        !rejected.some((r) => r.rule === m.rule.spec.id && r.reason === 'overlap')
      )
        rejected.push(candidate(m.rule, tokens[m.head] as Token, tokens[m.last] as Token, 'overlap'));
      continue;
    }
    for (let k = m.head; k <= m.last; k++) taken[k] = 1;
    kept.push(m);
  }
  return kept.sort((a, b) => a.head - b.head);
}

/**
 * Whether the base form at `i` is the verb of a verb group with a name as its object: a modal, "to"
 * or do-support before it (negations and adverbs between) and a name after it, a determiner
 * allowed ("will attack Ukraine", "to bomb the Taliban"). A noun never stands there ("the attack
 * on", "a fight for"), so the base forms a rule leaves out are safe in this frame alone.
 */
function baseFormVerb(tokens: readonly Token[], i: number, named: (token: number) => boolean): boolean {
  let j = i - 1;
  while (j >= 0 && j >= i - 3) {
    const t = (tokens[j] as Token).lower;
    if (!negations.has(t) && !adverbs.has(t)) break;
    j--;
  }
  if (j < 0 || !baseFormOpeners.has((tokens[j] as Token).lower)) return false;
  let k = i + 1;
  if (k < tokens.length && determiners.has((tokens[k] as Token).lower)) k++;
  return k < tokens.length && named(k);
}

function patternSize(rule: CompiledRule): number {
  return rule.rest.length + (rule.before?.length ?? 0);
}

/** Whether the words before the head match `before` in order, the last within 3 tokens of it. */
function matchesBefore(
  tokens: readonly Token[],
  head: number,
  before: readonly ReadonlySet<string>[],
): boolean {
  let p = head;
  for (let b = before.length - 1; b >= 0; b--) {
    const alts = before[b] as ReadonlySet<string>;
    let hit = -1;
    for (let j = p - 1; j >= 0 && j >= p - 3; j--) {
      const t = (tokens[j] as Token).lower;
      if (alts.has(t)) {
        hit = j;
        break;
      }
      if (clauseBreakers.has(t)) return false;
    }
    if (hit < 0) return false;
    p = hit;
  }
  return true;
}

/** Our own rules for the head at `i`, and with `allIndex` the imported ones its next words allow. */
function candidatesAt(
  tokens: readonly Token[],
  i: number,
  index: HeadIndex,
): readonly CompiledRule[] | undefined {
  const lower = (tokens[i] as Token).lower;
  const own = index.source.ownHeads.get(lower);
  if (!index.withImported) return own;
  const imported = index.source.importedHeads.get(lower);
  if (!imported) return own;
  let out: CompiledRule[] | undefined;
  if (imported.lone.length > 0) out = own ? [...own, ...imported.lone] : [...imported.lone];
  let seen: Set<CompiledRule> | undefined;
  for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
    const t = (tokens[j] as Token).lower;
    const list = imported.byNext.get(t);
    if (list) {
      out ??= own ? [...own] : [];
      seen ??= new Set();
      for (const r of list) {
        if (seen.has(r)) continue;
        seen.add(r);
        out.push(r);
      }
    }
    if (clauseBreakers.has(t)) break;
  }
  return out ?? own;
}

/** Whether the mentions name at least two different entities (imported rules need both sides). */
export function twoSides(mentions: readonly EntityMention[]): boolean {
  const first = mentions[0]?.entity;
  for (let k = 1; k < mentions.length; k++) if ((mentions[k] as EntityMention).entity !== first) return true;
  return false;
}

export function candidate(rule: CompiledRule, head: Token, last: Token, reason: string): EventCandidate {
  return {
    type: rule.typeSpec.type,
    rule: rule.spec.id,
    trigger: { start: head.start, end: last.end },
    reason,
  };
}
