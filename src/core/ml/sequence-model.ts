import { gunzipSync, gzipSync } from 'node:zlib';
import { type DocumentFeatures, FEATURE_VERSION, MAX_FEATURES } from './features.js';
import { FixedTags } from './fixed-tags.js';
import { KeyTable } from './hash.js';
import { NEIGHBOUR_SURFACES, SURFACES, surfaceId, surfaces } from './surfaces.js';
import { type CandidateFile, TagCandidates } from './tag-candidates.js';
import { makeTagSet, type TagScheme, type TagSet } from './tag-scheme.js';
import { transitionMaxima, viterbi } from './viterbi.js';

/**
 * A trained linear sequence model: one weight per (feature, tag), tag-transition weights, and
 * a dictionary of words whose tag is fixed (lowercase words that were never part of a name in
 * training skip scoring altogether, which is most of the text). Decoding is Viterbi over the
 * transitions the tag set allows.
 *
 * File format (gzip of): "TDSM", u32 header length, the header as JSON, zero padding to a
 * multiple of 4, then int32 keys[features], int16 weights[features × tags] (× 1/scale),
 * float32 transitions[(tags + 1) × tags], int32 fixedWords[fixed], uint8 fixedTags[fixed], zero
 * padding to a multiple of 4, int32 openWords[open] (see `FixedTags`).
 */

export interface ModelHeader {
  format: 'tidings.sequence-model/1';
  /** `ner`, `pos`. */
  name: string;
  /** The model's version, e.g. `ner-1`: travels into rule ids. */
  version: string;
  featureVersion: number;
  scheme: TagScheme;
  tags: string[];
  /** Names of the phrase lists the gazetteer features were trained with, in bit order. */
  gazetteers: string[];
  /** The cluster file the features were trained with, if any. */
  clusters?: string;
  /** The case profile file the features were trained with, if any (`FeatureResources.caseProfile`). */
  caseProfile?: string;
  /** Trained with the fragment features (`FeatureResources.fragments`). */
  fragments?: boolean;
  features: number;
  fixed: number;
  /** Length of the open-word list; 0 when the model has none. */
  open?: number;
  /** The tag of tokens outside the open list (-1: none). */
  otherwise?: number;
  scale: number;
}

export interface ModelParts {
  header: Omit<
    ModelHeader,
    'format' | 'featureVersion' | 'features' | 'fixed' | 'open' | 'otherwise' | 'scale'
  >;
  keys: Int32Array;
  /** features × tags. */
  weights: Float32Array | Float64Array;
  transitions: Float32Array | Float64Array;
  fixed: FixedTags;
}

const MAGIC = 0x4d534454; // "TDSM" little-endian

/** Key groups a features class may have (`DocumentFeatures.keyGroups`). */
const MAX_GROUPS = 8;
/** Slots a group's kept values have (`OwnScores.addGroup`): 2^GROUP_BITS. */
const GROUP_BITS = 11;
const GROUP_SLOTS = 1 << GROUP_BITS;

/** Slots of a model's table of keys seen lately, less one (see `SequenceModel.#seenKeys`). */
const SEEN_MASK = (1 << 12) - 1;

export class SequenceModel {
  readonly header: ModelHeader;
  readonly tagSet: TagSet;
  readonly #table: KeyTable;
  readonly #weights: Float32Array;
  /**
   * A model file's int16 weights as stored (features × tags), read in place of `#weights`: a
   * weight is `Math.fround(q × (1 / scale))`, the very float32 a table of them would hold, so every
   * sum is the same to the bit, and no float32 table is built at load (half the memory).
   */
  readonly #quant: Int16Array | undefined;
  readonly #inverse: number;
  readonly #transitions: Float32Array;
  /**
   * The highest transition into each tag: lets exact decoding skip paths that cannot win. Only
   * for a plain tag set (part-of-speech): where BILOU forbids most transitions into a tag, the
   * search reaches deep before it finds an allowed one, and the plain loop is cheaper.
   */
  readonly #maxIn: Float64Array | undefined;
  readonly fixed: FixedTags;
  /**
   * The weights are a model file's int16 values × one scale: every score is then a sum of
   * float32 multiples of one unit small enough that float64 adds them exactly, in any order (see
   * `OwnScores`). Not so for the trainer's float weights, which are added in `extract`'s order.
   */
  readonly #quantized: boolean;
  /**
   * The tags each token may take (`TagCandidates`), when the model has a tag dictionary: the
   * other tags are neither scored nor decoded.
   */
  readonly #candidates: TagCandidates | undefined;
  /** Per cluster map: the scores of words' own keys, kept across documents. */
  readonly #own = new Map<ReadonlyMap<number, number> | undefined, OwnScores>();
  /** Rows of one token's keys (`#rowsOf`). */
  readonly #rows = new Int32Array(MAX_FEATURES);
  /**
   * The row (or -1: absent) of keys looked up lately, direct-mapped by key bits (0: empty, no key is
   * 0): the keys of few values (a distance bucket, a part of speech, the bias) come back at every
   * token, and this small table stays in the fastest cache where the key table does not.
   */
  readonly #seenKeys = new Int32Array(SEEN_MASK + 1);
  readonly #seenRows = new Int32Array(SEEN_MASK + 1);

  constructor(
    header: ModelHeader,
    keys: Int32Array,
    weights: Float32Array,
    transitions: Float32Array,
    fixed: FixedTags,
    quantized = false,
    candidates?: TagCandidates,
    quant?: { values: Int16Array; scale: number },
  ) {
    this.#quantized = quantized;
    this.#quant = quant?.values;
    this.#inverse = quant ? 1 / quant.scale : 1;
    this.#candidates = candidates;
    if (header.featureVersion !== FEATURE_VERSION) {
      throw new Error(
        `SequenceModel: model ${header.version} was trained on features version ${header.featureVersion}, this code computes version ${FEATURE_VERSION}; retrain it (npm run train:${header.name})`,
      );
    }
    this.header = header;
    this.tagSet = makeTagSet(header.scheme, header.tags);
    this.#table = new KeyTable(keys.length);
    for (let r = 0; r < keys.length; r++) this.#table.set(keys[r] as number, r);
    this.#weights = weights;
    this.#transitions = transitions;
    this.#maxIn = header.scheme === 'plain' ? transitionMaxima(this.tagSet, transitions) : undefined;
    this.fixed = fixed;
  }

  get tags(): readonly string[] {
    return this.tagSet.tags;
  }

  get candidates(): TagCandidates | undefined {
    return this.#candidates;
  }

  /**
   * Tags sentence `s` (tokens `[from, to)`) of `doc`; writes tag numbers to `out[0, to - from)`.
   * `scratch` is reused between calls of one caller (see `Scratch`). With `second`, the same
   * scores are decoded a second time with another beam into `second.out`: two decodings for the
   * price of one feature pass, each exactly what a call of its own would give.
   */
  tagSentence(
    doc: DocumentFeatures,
    s: number,
    from: number,
    to: number,
    out: Int32Array,
    scratch: Scratch,
    second?: SecondDecoding,
  ): void {
    const len = to - from;
    if (len === 0) return;
    const n = this.tagSet.tags.length;
    scratch.ensure(len, n);
    const tokens = doc.tokens;
    const fixed = this.fixed;
    // Fixed tokens take their tag; each stretch of scored tokens between them is decoded alone
    // (exact for a first-order model), so a text that is mostly fixed costs little.
    let runStart = -1;
    for (let k = 0; k <= len; k++) {
      const f = k < len ? fixed.tagOf(tokens, from + k) : -1;
      if (k < len && f < 0) {
        if (runStart < 0) runStart = k;
        continue;
      }
      if (runStart >= 0) {
        this.#decodeRun(doc, s, from, to, runStart, k, out, scratch, k < len ? f : -1, second);
        runStart = -1;
      }
      if (k < len) {
        out[k] = f;
        if (second) second.out[k] = f;
      }
    }
  }

  /** Scores tokens `[from + a, from + b)` and decodes them, given the fixed tags around them. */
  #decodeRun(
    doc: DocumentFeatures,
    s: number,
    from: number,
    to: number,
    a: number,
    b: number,
    out: Int32Array,
    scratch: Scratch,
    after: number,
    second: SecondDecoding | undefined,
  ): void {
    const n = this.tagSet.tags.length;
    const em = scratch.em;
    const keys = scratch.keys;
    const own = this.#quantized && doc.splitsOwnKeys ? this.#ownScores(doc) : undefined;
    const near = own !== undefined && doc.splitsNeighbourKeys;
    const groups = near ? doc.keyGroups : 0;
    const candidates = this.#candidates;
    for (let k = a; k < b; k++) {
      const base = (k - a) * n;
      const set = candidates ? candidates.setOf(doc.tokens, from + k) : -1;
      const list = set < 0 ? null : ((candidates as TagCandidates).lists[set] as Int32Array);
      let count: number;
      if (own !== undefined) {
        own.scoresOf(doc, from + k, em, base, this);
        if (near) {
          own.addNeighbours(doc, from + k, from, to, em, base, this, list);
          for (let g = 0; g < groups; g++) own.addGroup(doc, g, from + k, s, from, to, em, base, this, list);
          count = doc.extractLocal(from + k, s, from, to, keys, 0);
        } else count = doc.extractContext(from + k, s, from, to, keys, 0);
      } else {
        em.fill(0, base, base + n);
        count = doc.extract(from + k, s, from, to, keys, 0);
      }
      if (list === null) this.addWeights(keys, count, em, base);
      else this.#addCandidateWeights(keys, count, em, base, list);
    }
    const before = a === 0 ? n : (out[a - 1] as number);
    viterbi(
      em,
      b - a,
      this.tagSet,
      this.#transitions,
      scratch.score,
      scratch.back,
      out,
      a,
      before,
      after,
      scratch.beam,
      this.#maxIn,
    );
    if (second) {
      viterbi(
        em,
        b - a,
        this.tagSet,
        this.#transitions,
        scratch.score,
        scratch.back,
        second.out,
        a,
        before,
        after,
        second.beam,
        this.#maxIn,
      );
    }
  }

  /**
   * The rows of feature keys `keys[0, count)` into `rows`, absent keys left out; returns how many.
   * Looked up all at once before any row is read, so the probes of one token's keys are in flight
   * together rather than each waiting for the row additions of the key before it.
   */
  #rowsOf(keys: Int32Array, count: number): number {
    const table = this.#table;
    const rows = this.#rows;
    const seenKeys = this.#seenKeys;
    const seenRows = this.#seenRows;
    let m = 0;
    for (let f = 0; f < count; f++) {
      const key = keys[f] as number;
      const at = (key ^ (key >>> 13)) & SEEN_MASK;
      let r: number;
      if (seenKeys[at] === key) r = seenRows[at] as number;
      else {
        r = table.get(key);
        seenKeys[at] = key;
        seenRows[at] = r;
      }
      if (r >= 0) rows[m++] = r;
    }
    return m;
  }

  /** Adds the weights of feature keys `keys[0, count)` to `em[base, base + tags)`, key by key. */
  addWeights(keys: Int32Array, count: number, em: Float64Array, base: number): void {
    const n = this.tagSet.tags.length;
    const rows = this.#rows;
    const m = this.#rowsOf(keys, count);
    const q = this.#quant;
    if (q !== undefined) {
      const inv = this.#inverse;
      for (let f = 0; f < m; f++) {
        const row = (rows[f] as number) * n;
        for (let t = 0; t < n; t++)
          em[base + t] = (em[base + t] as number) + Math.fround((q[row + t] as number) * inv);
      }
      return;
    }
    const w = this.#weights;
    for (let f = 0; f < m; f++) {
      const row = (rows[f] as number) * n;
      for (let t = 0; t < n; t++) em[base + t] = (em[base + t] as number) + (w[row + t] as number);
    }
  }

  /**
   * `addWeights` for the tags of `allowed` only; every other tag's score becomes -Infinity, which
   * takes it out of the Viterbi search. The allowed tags' scores are the same sums as without.
   */
  #addCandidateWeights(
    keys: Int32Array,
    count: number,
    em: Float64Array,
    base: number,
    allowed: Int32Array,
  ): void {
    const n = this.tagSet.tags.length;
    const rows = this.#rows;
    const found = this.#rowsOf(keys, count);
    const m = allowed.length;
    const q = this.#quant;
    if (q !== undefined) {
      const inv = this.#inverse;
      for (let f = 0; f < found; f++) {
        const row = (rows[f] as number) * n;
        for (let j = 0; j < m; j++) {
          const t = allowed[j] as number;
          em[base + t] = (em[base + t] as number) + Math.fround((q[row + t] as number) * inv);
        }
      }
    } else {
      const w = this.#weights;
      for (let f = 0; f < found; f++) {
        const row = (rows[f] as number) * n;
        for (let j = 0; j < m; j++) {
          const t = allowed[j] as number;
          em[base + t] = (em[base + t] as number) + (w[row + t] as number);
        }
      }
    }
    let j = 0;
    for (let t = 0; t < n; t++) {
      if (j < m && allowed[j] === t) j++;
      else em[base + t] = Number.NEGATIVE_INFINITY;
    }
  }

  #ownScores(doc: DocumentFeatures): OwnScores {
    let own = this.#own.get(doc.clusters);
    if (!own) {
      own = new OwnScores(this.tagSet.tags.length);
      this.#own.set(doc.clusters, own);
    }
    return own;
  }

  /** Reads a model file's bytes (gzipped), with its tag dictionary when there is one. */
  static fromBytes(gz: Uint8Array, candidates?: CandidateFile): SequenceModel {
    const bytes = gunzipSync(gz);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
      throw new Error('SequenceModel.fromBytes: not a Tidings sequence model (no TDSM header)');
    }
    const headerLength = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as ModelHeader;
    if (header.format !== 'tidings.sequence-model/1') {
      throw new Error(`SequenceModel.fromBytes: unknown format ${String(header.format)}`);
    }
    const n = header.tags.length;
    let at = align4(8 + headerLength);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const keys = new Int32Array(copy, at, header.features);
    at += header.features * 4;
    const q = new Int16Array(copy, at, header.features * n);
    at = align4(at + header.features * n * 2);
    // Scoring reads the int16 values themselves (`#quant`): no float32 table is built.
    const weights = new Float32Array(0);
    const transitions = new Float32Array(copy.slice(at, at + (n + 1) * n * 4));
    at += (n + 1) * n * 4;
    const fixedWords = new Int32Array(copy, at, header.fixed);
    at += header.fixed * 4;
    const fixedTags = new Uint8Array(copy, at, header.fixed);
    at = align4(at + header.fixed);
    const words = new Map<number, number>();
    for (let k = 0; k < header.fixed; k++) words.set(fixedWords[k] as number, fixedTags[k] as number);
    const open = header.open ? new Set(new Int32Array(copy, at, header.open)) : undefined;
    const fixed = new FixedTags(words, open, header.otherwise ?? -1);
    if (candidates && candidates.model !== header.version) {
      throw new Error(
        `SequenceModel.fromBytes: the tag dictionary was built for ${candidates.model}, not ${header.version}`,
      );
    }
    const allowed = candidates ? new TagCandidates(candidates, header.tags) : undefined;
    return new SequenceModel(header, keys, weights, transitions, fixed, true, allowed, {
      values: q,
      scale: header.scale,
    });
  }
}

function align4(x: number): number {
  return (x + 3) & ~3;
}

/** Serialises a model: weights quantised to int16 with one scale for the whole table. */
export function modelToBytes(parts: ModelParts): Uint8Array {
  const n = parts.header.tags.length;
  const features = parts.keys.length;
  let max = 0;
  for (let k = 0; k < parts.weights.length; k++) max = Math.max(max, Math.abs(parts.weights[k] as number));
  const scale = max > 0 ? 32767 / max : 1;
  const header: ModelHeader = {
    format: 'tidings.sequence-model/1',
    ...parts.header,
    featureVersion: FEATURE_VERSION,
    features,
    fixed: parts.fixed.words.size,
    open: parts.fixed.open?.size ?? 0,
    otherwise: parts.fixed.otherwise,
    scale,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = align4(8 + json.length);
  const keysAt = size;
  size += features * 4;
  const weightsAt = size;
  size = align4(size + features * n * 2);
  const transAt = size;
  size += (n + 1) * n * 4;
  const fixedAt = size;
  const nFixed = parts.fixed.words.size;
  size = align4(size + nFixed * 5);
  const openAt = size;
  const open = [...(parts.fixed.open ?? [])].sort((a, b) => a - b);
  size += open.length * 4;
  const buf = new ArrayBuffer(size);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  new Uint8Array(buf, 8, json.length).set(json);
  new Int32Array(buf, keysAt, features).set(parts.keys);
  const q = new Int16Array(buf, weightsAt, features * n);
  for (let k = 0; k < q.length; k++) q[k] = Math.round((parts.weights[k] as number) * scale);
  new Float32Array(buf, transAt, (n + 1) * n).set(parts.transitions);
  new Int32Array(buf, openAt, open.length).set(open);
  const sorted = [...parts.fixed.words].sort((a, b) => a[0] - b[0]);
  const fw = new Int32Array(buf, fixedAt, sorted.length);
  const ft = new Uint8Array(buf, fixedAt + sorted.length * 4, sorted.length);
  sorted.forEach(([word, tag], k) => {
    fw[k] = word;
    ft[k] = tag;
  });
  return gzipSync(new Uint8Array(buf), { level: 9 });
}

/**
 * The summed weights of words' own keys (`DocumentFeatures.extractOwn`: the word, its shape,
 * affixes and clusters, about half a token's keys), kept by surface across documents, so a word
 * seen before costs one copy instead of a dozen weight rows. Exact for a model file's weights:
 * each is a float32 of the form q × (1 / scale) rounded, |q| < 2^15, so all are multiples of
 * the ulp of the smallest (2^-23 of its power of two) and under 2^16 times it; a token's at most
 * `MAX_FEATURES` (2^7) of them sum below 2^23 times it, so every partial sum needs at most 46 of
 * float64's 53 bits, and adding the own keys first and the others after gives the very scores
 * `extract`'s order gave. Bounded: when full, it starts afresh.
 */
export class OwnScores {
  readonly #n: number;
  /** Per surface id (`surfaceId`): its scores are kept. */
  readonly #have = new Uint8Array(SURFACES);
  /** The generation of surface ids `#have` holds. */
  #generation = -1;
  readonly #scores: Float64Array;
  readonly #keys = new Int32Array(MAX_FEATURES);
  /**
   * Per surface id below `NEIGHBOUR_SURFACES` and offset (-2, -1, +1, +2: slots 0…3): the summed
   * weights of the keys a token with that surface gives its neighbour at that offset
   * (`DocumentFeatures.neighbourKeys`), and whether they are kept; the same for a neighbour outside
   * the sentence (`edgeKeys`). Exact as the own keys' are.
   */
  readonly #near: Float64Array;
  readonly #haveNear = new Uint8Array(NEIGHBOUR_SURFACES * 4);
  readonly #edge: Float64Array;
  readonly #haveEdge = new Uint8Array(4);
  readonly #one: Float64Array;
  /** Per group and slot: the group value whose scores the slot keeps (-1: none); see `addGroup`. */
  #groupValues: Int32Array | undefined;
  #groupScores: Float64Array | undefined;
  /** The features class the kept group values belong to. */
  #groupOwner: unknown;

  constructor(n: number) {
    this.#n = n;
    this.#scores = new Float64Array(SURFACES * n);
    this.#near = new Float64Array(NEIGHBOUR_SURFACES * 4 * n);
    this.#edge = new Float64Array(4 * n);
    this.#one = new Float64Array(n);
  }

  /** Forgets the kept scores when the surface numbering started afresh. */
  #sync(): void {
    if (this.#generation === surfaces.generation) return;
    this.#have.fill(0);
    this.#haveNear.fill(0);
    this.#generation = surfaces.generation;
  }

  /**
   * Adds to `em[base, base + n)` the scores of the keys token `i`'s neighbours at -2, -1, +1 and +2
   * give it (`DocumentFeatures.neighbourKeys`, `edgeKeys`), for the tags of `allowed` only when given.
   */
  addNeighbours(
    doc: DocumentFeatures,
    i: number,
    from: number,
    to: number,
    em: Float64Array,
    base: number,
    model: SequenceModel,
    allowed: Int32Array | null,
  ): void {
    const n = this.#n;
    for (let slot = 0; slot < 4; slot++) {
      const d = slot < 2 ? slot - 2 : slot - 1;
      const j = i + d;
      let vector: Float64Array;
      let at: number;
      if (j < from || j >= to) {
        vector = this.#edge;
        at = slot * n;
        if (this.#haveEdge[slot] !== 1) {
          vector.fill(0, at, at + n);
          model.addWeights(this.#keys, doc.edgeKeys(d, this.#keys, 0), vector, at);
          this.#haveEdge[slot] = 1;
        }
      } else {
        const id = surfaceId(doc.tokens, j);
        this.#sync();
        if (id >= 0 && id < NEIGHBOUR_SURFACES) {
          vector = this.#near;
          const k = id * 4 + slot;
          at = k * n;
          if (this.#haveNear[k] !== 1) {
            vector.fill(0, at, at + n);
            model.addWeights(this.#keys, doc.neighbourKeys(j, d, this.#keys, 0), vector, at);
            this.#haveNear[k] = 1;
          }
        } else {
          vector = this.#one;
          at = 0;
          vector.fill(0);
          model.addWeights(this.#keys, doc.neighbourKeys(j, d, this.#keys, 0), vector, 0);
        }
      }
      if (allowed === null) {
        for (let t = 0; t < n; t++) em[base + t] = (em[base + t] as number) + (vector[at + t] as number);
      } else {
        for (let x = 0; x < allowed.length; x++) {
          const t = allowed[x] as number;
          em[base + t] = (em[base + t] as number) + (vector[at + t] as number);
        }
      }
    }
  }

  /**
   * Adds to `em[base, base + n)` (the tags of `allowed` only, when given) the scores of token `i`'s
   * keys of group `g` (`DocumentFeatures.keyGroups`), kept by the group's value: the last value seen
   * in each of `GROUP_SLOTS` slots a group, direct-mapped. Exact as the own keys' are.
   */
  addGroup(
    doc: DocumentFeatures,
    g: number,
    i: number,
    s: number,
    from: number,
    to: number,
    em: Float64Array,
    base: number,
    model: SequenceModel,
    allowed: Int32Array | null,
  ): void {
    const n = this.#n;
    if (g >= MAX_GROUPS) throw new Error(`OwnScores: group ${g} of at most ${MAX_GROUPS}`);
    if (this.#groupOwner !== doc.constructor) {
      // Another features class numbers its groups otherwise: forget the values kept.
      this.#groupOwner = doc.constructor;
      this.#groupValues ??= new Int32Array(MAX_GROUPS * GROUP_SLOTS);
      this.#groupValues.fill(-1);
      this.#groupScores ??= new Float64Array(MAX_GROUPS * GROUP_SLOTS * n);
    }
    const values = this.#groupValues as Int32Array;
    const scores = this.#groupScores as Float64Array;
    const v = doc.groupValue(g, i, s, from, to);
    const slot = g * GROUP_SLOTS + (Math.imul(v, 0x9e3779b1) >>> (32 - GROUP_BITS));
    const at = slot * n;
    if (values[slot] !== v) {
      scores.fill(0, at, at + n);
      model.addWeights(this.#keys, doc.groupKeys(g, v, this.#keys, 0), scores, at);
      values[slot] = v;
    }
    if (allowed === null) {
      for (let t = 0; t < n; t++) em[base + t] = (em[base + t] as number) + (scores[at + t] as number);
    } else {
      for (let x = 0; x < allowed.length; x++) {
        const t = allowed[x] as number;
        em[base + t] = (em[base + t] as number) + (scores[at + t] as number);
      }
    }
  }

  /** Writes the own-key scores of token `i` to `em[base, base + n)`. */
  scoresOf(doc: DocumentFeatures, i: number, em: Float64Array, base: number, model: SequenceModel): void {
    const n = this.#n;
    const id = surfaceId(doc.tokens, i);
    this.#sync();
    const scores = this.#scores;
    if (id >= 0 && this.#have[id] === 1) {
      const at = id * n;
      for (let t = 0; t < n; t++) em[base + t] = scores[at + t] as number;
      return;
    }
    em.fill(0, base, base + n);
    const count = doc.extractOwn(i, this.#keys, 0);
    model.addWeights(this.#keys, count, em, base);
    if (id < 0) return;
    this.#have[id] = 1;
    const at = id * n;
    for (let t = 0; t < n; t++) scores[at + t] = em[base + t] as number;
  }
}

/** A second decoding of the same scores (see `SequenceModel.tagSentence`). */
export interface SecondDecoding {
  out: Int32Array;
  /** Viterbi beam (0: exact). */
  beam: number;
}

/** Per-caller decoding buffers, grown to the longest sentence seen. */
export class Scratch {
  em = new Float64Array(0);
  score = new Float64Array(0);
  back = new Int32Array(0);
  keys = new Int32Array(MAX_FEATURES);
  /** Viterbi beam (0: exact); see `viterbi`. */
  beam = 0;

  constructor(beam = 0) {
    this.beam = beam;
  }

  ensure(len: number, n: number): void {
    if (this.em.length >= len * n) return;
    const size = Math.max(len * n, 64 * n);
    this.em = new Float64Array(size);
    this.score = new Float64Array(size);
    this.back = new Int32Array(size);
  }
}
