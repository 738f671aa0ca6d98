/**
 * 32-bit feature keys. A feature is a template number and one or two value hashes; the mix is
 * the murmur3 finaliser, so keys of different templates and values spread over the whole range
 * (the weight tables are open-addressed on them). Key 0 is never returned: tables use it as
 * "empty".
 */

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Key of template `t` with value `v`. */
export function featureKey(t: number, v: number): number {
  const h = fmix(Math.imul(t + 0x9e3779b9, 0xcc9e2d51) ^ v) | 0;
  return h === 0 ? 1 : h;
}

/** Key of template `t` with two values (a bigram, a conjunction). */
export function featureKey2(t: number, a: number, b: number): number {
  const h = fmix(Math.imul(fmix(Math.imul(t + 0x9e3779b9, 0xcc9e2d51) ^ a), 0x1b873593) ^ b) | 0;
  return h === 0 ? 1 : h;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a of a string (full 32 bits; `core/tokens` keeps 24). */
export function hash32(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * An open-addressed map from non-zero int32 keys to row numbers, in one Int32Array of
 * (key, row) pairs, so a probe reads one cache line (a JS Map with keys outside the small-integer
 * range boxes every one of them).
 */
export class KeyTable {
  #slots: Int32Array;
  #mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.#slots = new Int32Array(n * 2);
    this.#mask = n - 1;
  }

  /** Row of `key`, or -1. */
  get(key: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let at = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = slots[at * 2] as number;
      if (k === key) return slots[at * 2 + 1] as number;
      if (k === 0) return -1;
      at = (at + 1) & mask;
    }
  }

  /** Row of `key`, adding it as row `size` when absent. */
  intern(key: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let at = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = slots[at * 2] as number;
      if (k === key) return slots[at * 2 + 1] as number;
      if (k === 0) break;
      at = (at + 1) & mask;
    }
    const row = this.size++;
    slots[at * 2] = key;
    slots[at * 2 + 1] = row;
    if (this.size * 2 > mask) this.#grow();
    return row;
  }

  /** Adds `key` as `row` (used when loading a model whose rows are already numbered). */
  set(key: number, row: number): void {
    const slots = this.#slots;
    const mask = this.#mask;
    let at = (key ^ (key >>> 15)) & mask;
    while (slots[at * 2] !== 0 && slots[at * 2] !== key) at = (at + 1) & mask;
    if (slots[at * 2] === 0) this.size++;
    slots[at * 2] = key;
    slots[at * 2 + 1] = row;
    if (this.size * 2 > mask) this.#grow();
  }

  /** Every key with its row. */
  *entries(): Generator<[number, number]> {
    const slots = this.#slots;
    for (let at = 0; at < slots.length; at += 2) {
      const k = slots[at] as number;
      if (k !== 0) yield [k, slots[at + 1] as number];
    }
  }

  #grow(): void {
    const old = this.#slots;
    const n = old.length;
    this.#slots = new Int32Array(n * 2);
    this.#mask = n - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) {
      const k = old[at] as number;
      if (k !== 0) this.set(k, old[at + 1] as number);
    }
  }
}
