/**
 * The token layer: every sentence of a document split into tokens once (by the segment stage),
 * stored in one Int32Array per document, so the annotators and the events stage read the same
 * tokens without re-scanning the text or allocating an object per token.
 *
 * Tokens are runs of letters (`WORD`), runs of ASCII digits with inner `,` or `.` between
 * digits (`NUMBER`: "1,200", "1.4"), or single other non-space characters (`PUNCT`: "$", "’",
 * "-"; an astral symbol such as an emoji is one token of two code units). A letter/digit
 * boundary splits tokens, so "1.13bn" gives "1.13" + "bn" and "£600m" gives "£" + "600" + "m".
 * Apostrophes, dots and hyphens are their own tokens: "Russia’s" is "russia" + "’" + "s",
 * "U.S." is "u" + "." + "s" + ".". Phrase lists are tokenised with the same scanner, so they
 * line up. Consumers that want joined words ("Russia’s", "U.S", "co-operate") use
 * `joinedTokens`, which merges adjacent tokens instead of scanning again.
 *
 * Offsets are UTF-16 code units into `Doc.text`, like every other span. Tokens never cross a
 * sentence boundary. The layer is a runtime index, not part of the analysis format.
 */

export const WORD = 1;
export const NUMBER = 2;
export const PUNCT = 3;
export type TokenKindCode = typeof WORD | typeof NUMBER | typeof PUNCT;

// Flag bits, stored above the kind in each token's info slot.
/** The first character is an uppercase letter. */
export const UPPER = 1;
/** The surface has characters outside a-z, so its lowercase form must be computed. */
const FOLD = 2;
/** A PUNCT token that Unicode counts as a letter, number or mark ("²", "ℓ"): joined words take it in. */
const WORDISH = 4;

// ---- character classes, built once at module load ----------------------------------------

const OTHER = 0;
const SPACE = 1;
const LETTER = 2;
const DIGIT = 3;
const SURROGATE = 4;
/** Bit set on a class entry when Unicode counts the character as a letter, number or mark. */
const UNICODE_WORD = 8;

/**
 * The letter/space/other split the annotators' rules were written against: cheap ranges, with
 * general punctuation, currency signs, arrows and CJK punctuation as "other". Characters this
 * range test would call letters but Unicode does not (e.g. "⸺", "،") are corrected in `classes`.
 */
function rangeClassOf(code: number): number {
  if (code >= 97 && code <= 122) return LETTER;
  if (code >= 65 && code <= 90) return LETTER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  if (code < 0xc0) {
    if (code === 0xa0) return SPACE;
    return code === 0xaa || code === 0xb5 || code === 0xba ? LETTER : OTHER;
  }
  if (code === 0xd7 || code === 0xf7) return OTHER;
  if (code >= 0x2000 && code <= 0x2bff) {
    return code <= 0x200a || code === 0x202f || code === 0x205f ? SPACE : OTHER;
  }
  if (code === 0x3000 || code === 0xfeff) return SPACE;
  if (code >= 0x3001 && code <= 0x303f) return OTHER;
  if (code >= 0xff01 && code <= 0xff0f) return OTHER;
  return LETTER;
}

const classes: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  const unicodeWord = new Uint8Array(0x10000);
  const units: number[] = [];
  for (let c = 0; c < 0x10000; c++) units.push(c >= 0xd800 && c <= 0xdfff ? 32 : c);
  let all = '';
  for (let c = 0; c < 0x10000; c += 4096) all += String.fromCharCode(...units.slice(c, c + 4096));
  for (const m of all.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) unicodeWord.fill(1, m.index, m.index + m[0].length);
  const space = /\s/;
  for (let c = 0; c < 0x10000; c++) {
    let cls = rangeClassOf(c);
    if (c >= 0xd800 && c <= 0xdfff) cls = SURROGATE;
    else if (cls === LETTER && unicodeWord[c] === 0) cls = space.test(String.fromCharCode(c)) ? SPACE : OTHER;
    table[c] = cls | (unicodeWord[c] === 1 ? UNICODE_WORD : 0);
  }
  return table;
})();

const astralWord = /^[\p{L}\p{N}\p{M}]/u;

/** Class of the character at `i` (astral pairs classified as a whole), without the Unicode bit. */
function classAt(text: string, i: number, end: number): number {
  const cls = (classes[text.charCodeAt(i)] as number) & 7;
  if (cls !== SURROGATE) return cls;
  return astralLength(text, i, end) === 2 && astralWord.test(text.slice(i, i + 2)) ? LETTER : OTHER;
}

/** 2 at a high surrogate followed by a low one inside the range, else 1. */
function astralLength(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

function isUpperAt(text: string, i: number, end: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 65 && code <= 90) return true;
  if (code < 0xc0) return false;
  const ch = text.slice(i, i + astralLength(text, i, end));
  return ch !== ch.toLowerCase();
}

// ---- the layer -----------------------------------------------------------------------------

export interface SentenceRange {
  start: number;
  end: number;
}

/** Int32 slots per token: start, end, and the 24-bit hash | (kind | flags << 4) << 24. */
const STRIDE = 3;
const HASH_MASK = 0xffffff;

/**
 * Tokens of a document. Token `i` is `text.slice(start(i), end(i))`; sentence `s` owns tokens
 * `[sentenceFirst[s], sentenceFirst[s + 1])`.
 *
 * The columns live interleaved in ONE Int32Array per document. Measured on the BBC corpus:
 * plain JS arrays of the same numbers cost ten times more once documents are kept in memory
 * (the young-generation collector copies every surviving element), and one typed array per
 * column means one off-heap allocation per column. Lowercase forms are not cached for the same
 * reason: lexicons reject most tokens by `hash(i)` (see `TokenSet`), so few are ever built.
 */
export class TokenLayer {
  readonly text: string;
  readonly count: number;
  /** Length: number of sentences + 1. */
  readonly sentenceFirst: readonly number[];
  readonly #data: Int32Array;
  #derived: Map<object, unknown> | undefined;

  constructor(text: string, count: number, data: Int32Array, sentenceFirst: readonly number[]) {
    this.text = text;
    this.count = count;
    this.#data = data;
    this.sentenceFirst = sentenceFirst;
  }

  start(i: number): number {
    return this.#data[i * STRIDE] as number;
  }

  end(i: number): number {
    return this.#data[i * STRIDE + 1] as number;
  }

  /** `hashString(lower(i))`, computed during the scan. */
  hash(i: number): number {
    return (this.#data[i * STRIDE + 2] as number) & HASH_MASK;
  }

  /** `WORD`, `NUMBER` or `PUNCT`. */
  kind(i: number): TokenKindCode {
    return (((this.#data[i * STRIDE + 2] as number) >>> 24) & 15) as TokenKindCode;
  }

  isUpper(i: number): boolean {
    return (((this.#data[i * STRIDE + 2] as number) >>> 28) & UPPER) !== 0;
  }

  /** The lowercased surface of token `i`. */
  lower(i: number): string {
    const at = i * STRIDE;
    const s = this.text.slice(this.#data[at] as number, this.#data[at + 1] as number);
    return (((this.#data[at + 2] as number) >>> 28) & FOLD) !== 0 ? s.toLowerCase() : s;
  }

  /** The surface of token `i` as written. */
  surface(i: number): string {
    return this.text.slice(this.#data[i * STRIDE] as number, this.#data[i * STRIDE + 1] as number);
  }

  /** The token is one character, `code` (cheaper than comparing `lower(i)`). */
  isChar(i: number, code: number): boolean {
    const at = i * STRIDE;
    const start = this.#data[at] as number;
    return (this.#data[at + 1] as number) === start + 1 && this.text.charCodeAt(start) === code;
  }

  /** Internal: a PUNCT token that Unicode counts as a letter, number or mark. */
  isWordish(i: number): boolean {
    return (((this.#data[i * STRIDE + 2] as number) >>> 28) & WORDISH) !== 0;
  }

  /**
   * What several stages derive from the same tokens (feature state, parts of speech), built by
   * `make` on the first call for `key` and kept with the layer, so it is computed once per
   * document whichever stage asks first. `key` is an immutable object owned by the deriving
   * module (a loaded model), never document content.
   */
  derived<T>(key: object, make: () => T): T {
    this.#derived ??= new Map();
    let value = this.#derived.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.#derived.set(key, value);
    }
    return value;
  }

  /** Number of sentences the layer covers. */
  get sentences(): number {
    return this.sentenceFirst.length - 1;
  }

  /** Token index of the first token starting at or after `offset` in `[from, to)`, or `to`. */
  indexAtOrAfter(offset: number, from: number, to: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#data[mid * STRIDE] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The growing token buffer of one scan. */
class Columns {
  count = 0;
  data: Int32Array;

  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity) * STRIDE);
  }

  push(start: number, end: number, kind: number, flags: number, hash: number): void {
    let at = this.count * STRIDE;
    if (at === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const data = this.data;
    data[at++] = start;
    data[at++] = end;
    data[at] = (hash & HASH_MASK) | ((kind | (flags << 4)) << 24);
    this.count++;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * FNV-1a over UTF-16 code units, cut to 24 bits. `TokenLayer.hash(i)` is `hashString(layer.lower(i))`, so a
 * lexicon can reject most tokens by hash before a lowercase string is ever built.
 */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Scans `text[start, end)` into `out`, in one pass over the character codes. */
function scan(text: string, start: number, end: number, out: Columns): void {
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    const cls = code < 128 ? (classes[code] as number) & 7 : classAt(text, i, end);
    if (cls === SPACE) {
      i++;
      continue;
    }
    const s = i;
    if (cls === LETTER) {
      // Lowercasing allocates; most words are lowercase already, so only flag when needed. The
      // hash of the lowercase form is built on the way for ASCII words.
      let fold = false;
      let ascii = true;
      let h = FNV_OFFSET;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c >= 97 && c <= 122) {
          h = Math.imul(h ^ c, FNV_PRIME);
          i++;
          continue;
        }
        if (c < 128) {
          if (c >= 65 && c <= 90) {
            h = Math.imul(h ^ (c + 32), FNV_PRIME);
            fold = true;
            i++;
            continue;
          }
          break;
        }
        const k = (classes[c] as number) & 7;
        if (k === LETTER) {
          if (c >= 0xc0) fold = true;
          ascii = false;
          i++;
        } else if (k === SURROGATE && classAt(text, i, end) === LETTER) {
          fold = true;
          ascii = false;
          i += 2;
        } else break;
      }
      if (!ascii) {
        const surface = text.slice(s, i);
        h = hashString(fold ? surface.toLowerCase() : surface);
      }
      out.push(s, i, WORD, (isUpperAt(text, s, end) ? UPPER : 0) | (fold ? FOLD : 0), h);
    } else if (cls === DIGIT) {
      i++;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) i++;
        else if ((c === 44 || c === 46) && i + 1 < end && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      out.push(s, i, NUMBER, 0, hashRange(text, s, i));
    } else {
      i += astralLength(text, i, end);
      const wordish = i - s === 1 && ((classes[code] as number) & UNICODE_WORD) !== 0;
      out.push(s, i, PUNCT, wordish ? WORDISH : 0, hashRange(text, s, i));
    }
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Tokenises each sentence of a document. Throws (a programmer error) when a sentence does not
 * fit the text.
 */
export function tokenizeSentences(text: string, sentences: readonly SentenceRange[]): TokenLayer {
  for (const s of sentences) {
    if (!(s.start >= 0 && s.end >= s.start && s.end <= text.length)) {
      throw new RangeError(
        `tokenizeSentences: sentence [${s.start}, ${s.end}) does not fit a text of ${text.length} code units`,
      );
    }
  }
  let chars = 0;
  for (const s of sentences) chars += s.end - s.start;
  // News prose runs at about one token per six code units; a denser text grows the buffer once.
  const out = new Columns(((chars / 5) | 0) + 16);
  const sentenceFirst: number[] = [];
  for (const s of sentences) {
    sentenceFirst.push(out.count);
    scan(text, s.start, s.end, out);
  }
  sentenceFirst.push(out.count);
  return new TokenLayer(text, out.count, out.data, sentenceFirst);
}

/** Tokenises `text[start, end)` as a single sentence (phrase lists, names, tests). */
export function tokenizeRange(text: string, start = 0, end: number = text.length): TokenLayer {
  if (start < 0 || end > text.length || start > end) {
    throw new RangeError(
      `tokenizeRange: range [${start}, ${end}) does not fit a text of ${text.length} code units`,
    );
  }
  return tokenizeSentences(text, [{ start, end }]);
}

// ---- joined words, for the events stage ----------------------------------------------------

/** A word or punctuation token with absolute offsets; words keep inner joiners ("didn't"). */
export interface JoinedToken {
  start: number;
  end: number;
  lower: string;
}

/** Characters the events tokenizer skips; any other space-like character is a token there. */
function isJoinedSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 160;
}

function isWordLike(layer: TokenLayer, k: number): boolean {
  return layer.kind(k) !== PUNCT || layer.isWordish(k);
}

/**
 * Words joined across inner apostrophes, dots and hyphens ("Russia’s", "U.S", "co-operate")
 * and digit groups ("25,000"); every other non-space character is a one-unit token. Built by
 * merging the layer's tokens `[from, to)` of the range `[start, end)`, so no second scan of
 * the characters. Same output as `05-events/tokenize-sentence.ts`, except that an astral
 * letter (e.g. "𝐀") stays inside its word instead of becoming two lone-surrogate tokens.
 */
export function joinedTokens(
  layer: TokenLayer,
  from: number,
  to: number,
  start: number,
  end: number,
  firsts?: number[],
): JoinedToken[] {
  const text = layer.text;
  const out: JoinedToken[] = [];
  let pos = start;
  let k = from;
  while (k < to) {
    const s = layer.start(k);
    if (s > pos + 1 || (s === pos + 1 && !isJoinedSpace(text.charCodeAt(pos))))
      pushGap(text, pos, s, out, firsts);
    let e = layer.end(k);
    if (!isWordLike(layer, k)) {
      for (let u = s; u < e; u++) {
        out.push({ start: u, end: u + 1, lower: text[u] as string });
        firsts?.push(e - s === 1 ? k : -1);
      }
      pos = e;
      k++;
      continue;
    }
    const first = k;
    k++;
    while (k < to && layer.start(k) === e) {
      if (isWordLike(layer, k)) {
        e = layer.end(k);
        k++;
        continue;
      }
      if (layer.end(k) === e + 1 && k + 1 < to && layer.start(k + 1) === e + 1 && isWordLike(layer, k + 1)) {
        const c = text.charCodeAt(e);
        const joins =
          c === 39 ||
          c === 0x2019 ||
          c === 46 ||
          c === 45 ||
          (c === 44 && isDigit(text.charCodeAt(e - 1)) && isDigit(text.charCodeAt(e + 1)));
        if (joins) {
          e = layer.end(k + 1);
          k += 2;
          continue;
        }
      }
      break;
    }
    out.push({ start: s, end: e, lower: text.slice(s, e).toLowerCase() });
    firsts?.push(first);
    pos = e;
  }
  if (end > pos) pushGap(text, pos, end, out, firsts);
  return out;
}

/** Space-like characters other than the common ones are tokens in the joined view. */
function pushGap(text: string, from: number, to: number, out: JoinedToken[], firsts?: number[]): void {
  for (let u = from; u < to; u++) {
    if (!isJoinedSpace(text.charCodeAt(u))) {
      out.push({ start: u, end: u + 1, lower: text[u] as string });
      firsts?.push(-1);
    }
  }
}

/**
 * Joined tokens of sentence `index` of the layer. When `firsts` is given, one entry per joined
 * token is pushed to it: the layer index of the token's first layer token, or -1 for a
 * character outside the layer's tokens (a gap character or one unit of a split symbol); so a
 * caller can reject joined tokens by `layer.hash(first)` before looking their lowercase form up.
 */
export function sentenceJoinedTokens(
  layer: TokenLayer,
  index: number,
  sentence: SentenceRange,
  firsts?: number[],
): JoinedToken[] {
  return joinedTokens(
    layer,
    layer.sentenceFirst[index] as number,
    layer.sentenceFirst[index + 1] as number,
    sentence.start,
    sentence.end,
    firsts,
  );
}

/**
 * Drop-in for `05-events/tokenize-sentence.ts` `tokenizeSentence`: same signature and output,
 * built on the shared scanner. Prefer `sentenceJoinedTokens(doc.tokens, i, sentence)`, which
 * reuses the document's layer instead of scanning again.
 */
export function tokenizeSentence(text: string, start: number, end: number): JoinedToken[] {
  const layer = tokenizeRange(text, start, end);
  return joinedTokens(layer, 0, layer.count, start, end);
}

/**
 * The document's token layer when it matches its sentences, else a fresh one (documents built
 * by hand, e.g. in tests, have sentences but no tokens).
 */
export function documentTokens(doc: {
  readonly text: string;
  readonly sentences?: readonly SentenceRange[];
  readonly tokens?: TokenLayer;
}): TokenLayer {
  const sentences = doc.sentences ?? [];
  const layer = doc.tokens;
  if (layer && layer.text === doc.text && layer.sentences === sentences.length) return layer;
  return tokenizeSentences(doc.text, sentences);
}

/**
 * A one-hash Bloom filter over token hashes, sized at 16 bits per entry (at most 1 token in 16
 * that is not there gets past it). Kept small on purpose: a few large tables would be evicted
 * from the CPU cache by the other stages and cost more than they save.
 */
export class HashFilter {
  readonly #bits: Uint32Array;
  readonly #mask: number;

  constructor(entries: number) {
    let size = 1 << 12;
    while (size < entries * 16 && size < 1 << 24) size <<= 1;
    this.#bits = new Uint32Array(size >>> 5);
    this.#mask = size - 1;
  }

  add(hash: number): void {
    const h = hash & this.#mask;
    this.#bits[h >>> 5] = (this.#bits[h >>> 5] as number) | (1 << (h & 31));
  }

  /** False: certainly absent. True: maybe present. */
  mayHave(hash: number): boolean {
    const h = hash & this.#mask;
    return (((this.#bits[h >>> 5] as number) >>> (h & 31)) & 1) === 1;
  }
}

/**
 * A set of lowercase token forms, checked against a token of a layer: the hash filter rejects
 * most tokens before the lowercase string is built and hashed again.
 */
export class TokenSet {
  readonly #words: ReadonlySet<string>;
  readonly #filter: HashFilter;

  constructor(words: Iterable<string>) {
    const set = new Set(words);
    this.#filter = new HashFilter(set.size);
    for (const w of set) this.#filter.add(hashString(w));
    this.#words = set;
  }

  /** Whether the lowercase form of token `i` is in the set. */
  hasToken(tokens: TokenLayer, i: number): boolean {
    return this.#filter.mayHave(tokens.hash(i)) && this.#words.has(tokens.lower(i));
  }

  has(word: string): boolean {
    return this.#words.has(word);
  }
}
