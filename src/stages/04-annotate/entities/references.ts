import type { Entity, Mention } from '../../../core/doc.js';
import { type TokenLayer, WORD } from '../../../core/tokens.js';
import actorData from '../../../rules/entities/actors.json' with { type: 'json' };

/**
 * Within one document: descriptions that refer back to people already named. "The two leaders"
 * (a determiner of `groupReferences` and a plural head) is a mention of each of the two people
 * named last before it; "the president" (`roleReferences`) is a mention of the one person the
 * text gave that role, when exactly one has it so far. Nothing is guessed otherwise.
 */

const split = (s: string) => s.split(/[\s]+/);
const determiners = actorData.groupReferences.determiners.map(split);
const heads = actorData.groupReferences.heads.map((h) => split(h.words));
const headRoles = actorData.groupReferences.heads.map((h) => new Set(h.roles));
const roles = actorData.roleReferences.map(split);

/** The longest of `phrases` at token `i`: its index and length in tokens (length 0 for none). */
function matchAt(tokens: TokenLayer, i: number, to: number, phrases: readonly string[][]): [number, number] {
  let best = 0;
  let which = -1;
  phrases.forEach((p, n) => {
    if (p.length <= best || i + p.length > to) return;
    for (let k = 0; k < p.length; k++) {
      if (tokens.kind(i + k) !== WORD || tokens.lower(i + k) !== p[k]) return;
    }
    best = p.length;
    which = n;
  });
  return [which, best];
}

interface Named {
  start: number;
  entity: Entity;
}

/** Adds reference mentions to the people of `entities` (sorted again where one was added). */
export function addReferences(entities: readonly Entity[], tokens: TokenLayer, maxMentions: number): void {
  const named: Named[] = [];
  let budget = maxMentions;
  for (const e of entities) {
    budget -= e.mentions.length;
    if (e.type !== 'person') continue;
    for (const m of e.mentions) named.push({ start: m.start, entity: e });
  }
  if (named.length === 0) return;
  named.sort((a, b) => a.start - b.start);
  const touched = new Set<Entity>();
  const firstThe = new Set(['the', 'both']);
  let next = 0;
  for (let i = 0; i < tokens.count && budget > 1; i++) {
    if (tokens.kind(i) !== WORD || !firstThe.has(tokens.lower(i))) continue;
    const start = tokens.start(i);
    while (next < named.length && (named[next] as Named).start < start) next++;
    if (next === 0) continue;
    const d = matchAt(tokens, i, tokens.count, determiners)[1];
    const [head, h] = d > 0 ? matchAt(tokens, i + d, tokens.count, heads) : [-1, 0];
    if (h > 0) {
      const end = tokens.end(i + d + h - 1);
      const roles = headRoles[head] as Set<string>;
      const two: Entity[] = [];
      for (let k = next - 1; k >= 0 && two.length < 2; k--) {
        const e = (named[k] as Named).entity;
        if (roles.size > 0 && !roles.has(e.role ?? '')) continue;
        if (!two.includes(e)) two.push(e);
      }
      if (two.length < 2) continue;
      for (const e of two) {
        e.mentions.push(reference(start, end, 'entities:group-reference'));
        touched.add(e);
        budget--;
      }
      i += d + h - 1;
      continue;
    }
    if (tokens.lower(i) !== 'the') continue;
    const [which, r] = matchAt(tokens, i + 1, tokens.count, roles);
    if (r === 0) continue;
    const after = i + 1 + r;
    // "the president of France", "the president Xi": someone the words name, not a reference.
    if (after < tokens.count && (tokens.isUpper(after) || tokens.lower(after) === 'of')) continue;
    const role = roles[which]?.join(' ');
    const holders = new Set<Entity>();
    for (let k = 0; k < next; k++) {
      const e = (named[k] as Named).entity;
      if (e.role === role) holders.add(e);
    }
    if (holders.size !== 1) continue;
    const e = holders.values().next().value as Entity;
    e.mentions.push(reference(start, tokens.end(after - 1), 'entities:role-reference'));
    touched.add(e);
    budget--;
    i = after - 1;
  }
  for (const e of touched) e.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}

function reference(start: number, end: number, rule: string): Mention {
  return { start, end, rule, form: 'reference' };
}
