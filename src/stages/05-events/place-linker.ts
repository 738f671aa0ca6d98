import { gunzipSync } from 'node:zlib';
import type { Span } from '../../core/doc.js';
import { readModelFile } from '../../core/ml/model-files.js';
import { TextClassifier, type TextClassifierModel } from '../../core/ml/text-classifier.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import settings from '../../rules/events/place-linker.json' with { type: 'json' };
import {
  clauseBreakers,
  determiners,
  finiteVerbs,
  type Group,
  isLower,
  isReportingVerb,
  placePreps,
  subordinators,
} from './sentence-words.js';
import { type ClauseSpan, capitalised } from './when-where.js';

/**
 * The learned place linker (`models/event-place-1`, `scripts/train-place-linker.ts`): among the
 * places a sentence names — the entities layer's cities, places and countries, and capitalised
 * words after a place preposition it did not know — which one is where the event of the trigger
 * at token `head` happened, or none. Each candidate is scored apart (a logistic model over how it
 * stands to the trigger: the preposition governing it, side and distance, commas, verbs and
 * clause bounds between, its kind, whether the rules' reading chose it); the best one is the place
 * when its probability reaches the model's threshold, chosen on cross-validated scores.
 */
export interface PlaceCandidate extends Span {
  /** The entities layer's group, if it is one of its mentions. */
  group?: Group;
  features: string[];
}

const bucket = (n: number, edges: readonly number[]): string => {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
};

/** A lowercase -ed or -ing word, a finite verb or a reporting verb: a verb for counting clauses. */
function verbLike(text: string, token: Token): boolean {
  const t = token.lower;
  if (finiteVerbs.has(t) || isReportingVerb(text, token)) return true;
  return t.length > 4 && (t.endsWith('ed') || t.endsWith('ing')) && isLower(text, token);
}

/**
 * The place candidates of the sentence `tokens` for the trigger at `head`: `groups` (the entity
 * mentions as noun groups), those of a place kind, and unnamed capitalised runs after a place
 * preposition that are no time expression (`times`); `rule` is the rules' own reading
 * (`eventPlace` / `unnamedPlace`), a feature.
 */
export function placeCandidates(
  text: string,
  tokens: readonly Token[],
  groups: readonly Group[],
  head: number,
  clause: ClauseSpan,
  rule: Span | undefined,
  verb: string,
  times: readonly Span[] = [],
): PlaceCandidate[] {
  const spans: { first: number; last: number; group?: Group }[] = [];
  for (const g of groups) {
    const kind = g.entity.type;
    if (kind !== 'city' && kind !== 'place' && kind !== 'country' && g.mention.form !== 'capital') continue;
    spans.push({ first: g.first, last: g.last, group: g });
  }
  for (let k = 0; k < tokens.length - 1; k++) {
    if (!placePreps.has((tokens[k] as Token).lower)) continue;
    let first = k + 1;
    while (first < tokens.length && (tokens[first] as Token).lower === 'the') first++;
    let last = first - 1;
    while (last + 1 < tokens.length && capitalised(text, tokens[last + 1] as Token)) last++;
    if (last < first) continue;
    if (spans.some((s) => s.first <= last && first <= s.last)) continue;
    if (groups.some((g) => g.first <= last && first <= g.last)) continue;
    const start = (tokens[first] as Token).start;
    const end = (tokens[last] as Token).end;
    if (times.some((t) => t.start < end && start < t.end)) continue;
    spans.push({ first, last });
  }
  spans.sort((a, b) => Math.abs(a.first - head) - Math.abs(b.first - head));
  const count = bucket(spans.length, [1, 2, 3]);
  return spans.map((s, rank) => {
    const start = (tokens[s.first] as Token).start;
    const end = (tokens[s.last] as Token).end;
    const side = s.first > head ? 'after' : 'before';
    const from = side === 'after' ? head + 1 : s.last + 1;
    const to = side === 'after' ? s.first : head;
    let commas = 0;
    let verbs = 0;
    let breaks = 0;
    for (let k = from; k < to; k++) {
      const token = tokens[k] as Token;
      if (token.lower === ',') commas++;
      else if (verbLike(text, token)) verbs++;
      if (clauseBreakers.has(token.lower) || subordinators.has(token.lower)) breaks++;
    }
    let p = s.first - 1;
    while (p >= 0 && determiners.has((tokens[p] as Token).lower)) p--;
    const before = p >= 0 ? (tokens[p] as Token).lower : '^';
    // "the city of Aleppo", "the northern town of X": the preposition before the head noun.
    let governor = before;
    if (before === 'of' && p >= 2) {
      let q = p - 2;
      while (q >= 0 && !placePreps.has((tokens[q] as Token).lower) && p - q <= 4) q--;
      if (q >= 0 && placePreps.has((tokens[q] as Token).lower)) governor = (tokens[q] as Token).lower;
    }
    const prep = placePreps.has(before) || governor !== before ? governor : 'none';
    const after = (tokens[s.last + 1] as Token | undefined)?.lower ?? '$';
    const kind = s.group ? s.group.entity.type : 'unnamed';
    const form = s.group ? s.group.mention.form : 'unnamed';
    const inClause = s.first >= clause.from && s.last < clause.to ? 'in' : 'out';
    const distance = bucket(Math.abs(s.first - head), [1, 2, 3, 5, 8, 12, 20]);
    const chosen = rule !== undefined && rule.start < end && start < rule.end;
    const next = tokens[s.last + 1] as Token | undefined;
    const subject = next !== undefined && verbLike(text, next) ? 'verb' : 'no';
    const between: string[] = [];
    if (to - from <= 6) for (let k = from; k < to; k++) between.push(`btw:${(tokens[k] as Token).lower}`);
    else between.push('btw:far');
    const moreSpecific = spans.some(
      (o) => o !== s && o.group && (o.group.entity.type === 'city' || o.group.entity.type === 'place'),
    );
    const features = [
      ...between,
      `next-verb:${subject}`,
      `kind-other-city:${kind}:${moreSpecific ? 'yes' : 'no'}`,
      `kind-side:${kind}:${side}`,
      `kind:${kind}`,
      `form:${form}`,
      `prep:${prep}`,
      `before:${before}`,
      `after:${after === ',' || after === '.' || after === "'s" ? after : /^[a-z]/.test(after) ? 'lower' : 'other'}`,
      `side:${side}`,
      `dist:${distance}`,
      `side-dist:${side}:${distance}`,
      `clause:${inClause}`,
      `commas:${bucket(commas, [0, 1])}`,
      `verbs:${bucket(verbs, [0, 1, 2])}`,
      `breaks:${bucket(breaks, [0, 1])}`,
      `rank:${bucket(rank, [0, 1, 2])}`,
      `count:${count}`,
      `rule:${chosen ? 'yes' : rule ? 'other' : 'none'}`,
      `prep-side:${prep}:${side}`,
      `prep-clause:${prep}:${inClause}`,
      `kind-prep:${kind}:${prep}`,
      `verb:${verb}`,
      `verb-side:${verb}:${side}`,
      `first:${s.first === 0 ? 'yes' : 'no'}`,
      `of-head:${governor !== before ? 'yes' : 'no'}`,
    ];
    return { start, end, ...(s.group ? { group: s.group } : {}), features };
  });
}

/**
 * The candidate the model links (its index and probability), or none: where the rules read a
 * place, the best candidate always (the model chooses which); where they read none, the best one
 * only when its probability reaches `threshold`.
 */
export function choosePlace(
  candidates: readonly PlaceCandidate[],
  model: TextClassifier,
  threshold: number,
): { index: number; p: number } | undefined {
  const yes = model.labels.indexOf('yes');
  let best: { index: number; p: number } | undefined;
  let ruled = false;
  candidates.forEach((c, index) => {
    if (c.features.includes('rule:yes')) ruled = true;
    const p = model.probabilities(c.features)[yes] as number;
    if (!best || p > best.p) best = { index, p };
  });
  return best && (ruled || best.p >= threshold) ? best : undefined;
}

export interface PlaceLinkerModel extends TextClassifierModel {
  threshold: number;
}

let loaded: { model: TextClassifier; threshold: number } | null | undefined;

/** The shipped linker, read from models/ on first use; null when `settings.model` is empty. */
export function placeLinker(): { model: TextClassifier; threshold: number } | null {
  if (loaded !== undefined) return loaded;
  if (!settings.model) {
    loaded = null;
    return loaded;
  }
  const m = JSON.parse(
    new TextDecoder().decode(gunzipSync(readModelFile(settings.model))),
  ) as PlaceLinkerModel;
  const model = new TextClassifier(m);
  if (!model.labels.includes('yes'))
    throw new Error(`model ${settings.model} has no "yes" label; rebuild it`);
  loaded = { model, threshold: m.threshold };
  return loaded;
}
