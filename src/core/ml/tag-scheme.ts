/**
 * Tag sets of a sequence model. A `bilou` set encodes spans of types (PER, ORG, …) as
 * Begin/Inside/Last/Unit tags plus O, and forbids the transitions that do not spell a span
 * ("O → I-PER", "B-PER → I-ORG"); a `plain` set (part-of-speech) allows every transition.
 */

export type TagScheme = 'bilou' | 'plain';

export interface TagSet {
  scheme: TagScheme;
  tags: readonly string[];
  /** `allowed[prev * n + cur]`, with prev = n standing for the sentence start. */
  allowed: Uint8Array;
  /** Tags a sentence may end on. */
  final: Uint8Array;
}

/** Span types → tags: O first, then B-, I-, L-, U- of each type. */
export function bilouTags(types: readonly string[]): string[] {
  const out = ['O'];
  for (const t of types) out.push(`B-${t}`, `I-${t}`, `L-${t}`, `U-${t}`);
  return out;
}

export function makeTagSet(scheme: TagScheme, tags: readonly string[]): TagSet {
  const n = tags.length;
  const allowed = new Uint8Array((n + 1) * n).fill(1);
  const final = new Uint8Array(n).fill(1);
  if (scheme === 'bilou') {
    const part = (i: number) => (i === n ? 'O' : (tags[i] as string)[0]);
    const type = (i: number) => (i === n ? '' : (tags[i] as string).slice(2));
    for (let p = 0; p <= n; p++) {
      for (let c = 0; c < n; c++) {
        const pp = part(p);
        const cp = part(c);
        // Inside a span (after B or I) only I or L of the same type may follow.
        const open = pp === 'B' || pp === 'I';
        const continues = cp === 'I' || cp === 'L';
        const ok = open ? continues && type(p) === type(c) : !continues;
        allowed[p * n + c] = ok ? 1 : 0;
      }
    }
    for (let c = 0; c < n; c++) {
      const cp = part(c);
      final[c] = cp === 'B' || cp === 'I' ? 0 : 1;
    }
  }
  return { scheme, tags, allowed, final };
}

export interface TypedSpan {
  /** Token range `[from, to)`. */
  from: number;
  to: number;
  type: string;
}

/** Spans → BILOU tag numbers for `count` tokens (spans must not overlap). */
export function encodeBilou(set: TagSet, count: number, spans: readonly TypedSpan[]): Int32Array {
  const index = new Map(set.tags.map((t, i) => [t, i]));
  const out = new Int32Array(count);
  const tag = (name: string) => {
    const i = index.get(name);
    if (i === undefined)
      throw new Error(`encodeBilou: tag ${name} is not in the tag set (${set.tags.join(' ')})`);
    return i;
  };
  for (const s of spans) {
    if (s.to - s.from === 1) out[s.from] = tag(`U-${s.type}`);
    else {
      out[s.from] = tag(`B-${s.type}`);
      for (let i = s.from + 1; i < s.to - 1; i++) out[i] = tag(`I-${s.type}`);
      out[s.to - 1] = tag(`L-${s.type}`);
    }
  }
  return out;
}

/** BILOU tag numbers of tokens `[0, count)` → spans. A broken sequence still yields its spans. */
export function decodeBilou(set: TagSet, tags: ArrayLike<number>, count = tags.length): TypedSpan[] {
  const out: TypedSpan[] = [];
  let open: TypedSpan | undefined;
  for (let i = 0; i < count; i++) {
    const name = set.tags[tags[i] as number] as string;
    const part = name[0];
    const type = name.slice(2);
    if (part === 'O') {
      open = undefined;
      continue;
    }
    if (part === 'B' || part === 'U' || open?.type !== type) {
      open = { from: i, to: i + 1, type };
      out.push(open);
    } else open.to = i + 1;
    if (part === 'L' || part === 'U') open = undefined;
  }
  return out;
}
