import { contentHash } from '../../core/hash.js';
import { bodyText, type LinkStep } from './link-step.js';

/**
 * Near-duplicate fingerprints: MinHash over word shingles, banded for locality-sensitive lookup.
 *
 * Written here rather than taken from npm: the packages there (`minhash` 0.0.9 and a few forks) are
 * small, unmaintained, seed their permutations from Math.random (so two processes would disagree on
 * a document's signature) and ship no types. The scheme is the textbook one (Broder 1997; the banding
 * of Leskovec, Rajaraman and Ullman, ch. 3): a 32-bit hash per word 3-gram, 128 independent mixes of
 * it, the minimum of each; 42 bands of 3 rows, so two texts share a band with probability
 * 1 − (1 − J³)⁴² — 0.5 at Jaccard ≈ 0.25, 0.94 at J = 0.4, 0.04 at 0.1 (unrelated news articles
 * share well under 1% of their 3-grams, so candidates stay few however large the store).
 * Copies are judged by containment, not Jaccard: wire copy is often trimmed, and a story cut to half
 * its length is still a copy. The share of the shorter text's shingles found in the other follows
 * from the Jaccard estimate and the two set sizes: |A∩B| = J(|A| + |B|) / (1 + J).
 */
export const MINHASH = { permutations: 128, bands: 42, rows: 3, shingle: 3 } as const;

/** Lowercase words (letters and digits) of a text: punctuation, spacing and case never matter. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a over the UTF-16 code units of a string, 32 bits. */
function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The finaliser of MurmurHash3: a bijective 32-bit mix, so `mix(x ^ seed)` acts as a permutation. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds (derived, not random), so every process computes the same signature. */
const SEEDS = Uint32Array.from({ length: MINHASH.permutations }, (_, i) => mix((i + 1) * 0x9e3779b9));

/** The distinct shingle hashes of a word sequence (a text shorter than a shingle is one shingle). */
export function shingleHashes(words: readonly string[], size: number = MINHASH.shingle): Uint32Array {
  const seen = new Set<number>();
  if (words.length === 0) return new Uint32Array(0);
  const last = Math.max(0, words.length - size);
  for (let i = 0; i <= last; i++) seen.add(hashString(words.slice(i, i + size).join(' ')));
  return Uint32Array.from(seen);
}

/** The MinHash signature of a set of shingle hashes (all 0xffffffff for an empty set). */
export function minhash(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(MINHASH.permutations).fill(0xffffffff);
  for (let p = 0; p < MINHASH.permutations; p++) {
    const seed = SEEDS[p] as number;
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const v = mix((shingles[i] as number) ^ seed);
      if (v < min) min = v;
    }
    signature[p] = min;
  }
  return signature;
}

/**
 * One lookup key per band: the band number and a hash of its rows, as a safe integer
 * (band × 2³² + hash), so the store indexes plain integers.
 */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  // 42 × 3 rows use 126 of the 128 minima; the last two count only in the similarity estimate.
  for (let b = 0; b < MINHASH.bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < MINHASH.rows; r++) {
      h = Math.imul(h ^ (signature[b * MINHASH.rows + r] as number), 0x01000193);
      h = mix(h);
    }
    keys.push(b * 2 ** 32 + (h >>> 0));
  }
  return keys;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures: the share of equal minima. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH.permutations; i++) if (a[i] === b[i]) same++;
  return same / MINHASH.permutations;
}

export interface Fingerprint {
  /**
   * sha256 of the whole kept text (headline included), lowercased, runs of whitespace made one space:
   * equal for texts that differ in case and spacing only.
   */
  normalized: string;
  /** MinHash of the body (the headline left out: copies are often re-headlined). */
  signature: Uint32Array;
  bands: number[];
  /** Distinct shingles of the body; a body of fewer than MIN_WORDS words gets no bands. */
  shingles: number;
}

/**
 * The estimated share of the smaller shingle set found in the larger: 1 for a trimmed copy,
 * the Jaccard estimate for two texts of one length.
 */
export function estimateContainment(a: Uint32Array, sizeA: number, b: Uint32Array, sizeB: number): number {
  const j = estimateSimilarity(a, b);
  const smaller = Math.min(sizeA, sizeB);
  if (smaller <= 0) return 0;
  return Math.min(1, (j * (sizeA + sizeB)) / (1 + j) / smaller);
}

/** Below this many words two texts share too few shingles for a similarity to mean anything. */
export const MIN_WORDS = 20;

/** The fingerprint of a body, and of the whole kept text for the normalised hash (the body when not given). */
export function fingerprintText(body: string, whole: string = body): Fingerprint {
  const words = wordsOf(body);
  const shingles = shingleHashes(words);
  const signature = minhash(shingles);
  return {
    normalized: contentHash(whole.toLowerCase().split(/\s+/).filter(Boolean).join(' ')),
    signature,
    bands: words.length >= MIN_WORDS ? bandKeys(signature) : [],
    shingles: shingles.length,
  };
}

export const fingerprintStep: LinkStep<Fingerprint> = {
  name: 'fingerprint',
  needs: ['text', 'removed', 'titleSpan'],
  adds: 'a MinHash signature of the body, its LSH band keys and a hash of the normalised kept text',
  run: (analysis) =>
    fingerprintText(
      bodyText(analysis),
      bodyText({ text: analysis.text, removed: analysis.removed, titleSpan: null }),
    ),
};

/** Signatures travel to the store as bytes (little-endian uint32s). */
export function signatureBytes(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((v, i) => {
    view.setUint32(i * 4, v, true);
  });
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getUint32(i * 4, true));
}

export interface NearCandidate {
  docId: string;
  signature: Uint32Array;
  shingles: number;
  normalized: string;
  /** The candidate's own original, when it is itself a near-duplicate. */
  original: string | null;
}

export interface NearDuplicate {
  originalId: string;
  similarity: number;
  method: 'normalized' | 'minhash';
}

/**
 * The earlier document this one copies, when any: one with the same normalised text first, then the
 * candidate with the highest estimated similarity at or above `threshold`. A copy of a copy links to
 * the first original, so a group has one root.
 */
export function pickNearDuplicate(
  fingerprint: Fingerprint,
  candidates: readonly NearCandidate[],
  threshold: number,
): NearDuplicate | null {
  let best: NearDuplicate | null = null;
  for (const c of candidates) {
    const root = c.original ?? c.docId;
    if (c.normalized === fingerprint.normalized)
      return { originalId: root, similarity: 1, method: 'normalized' };
    if (fingerprint.bands.length === 0) continue;
    const similarity = estimateContainment(
      fingerprint.signature,
      fingerprint.shingles,
      c.signature,
      c.shingles,
    );
    if (similarity >= threshold && (best === null || similarity > best.similarity)) {
      best = { originalId: root, similarity, method: 'minhash' };
    }
  }
  return best;
}

/**
 * The estimated containment at or above which a document is linked to an earlier one as a copy.
 * Chosen on the tuning half of the `duplicates` suite's generated copies (the highest value whose
 * recall stays within a point of the best at every strength, with precision ≥ 0.99: see
 * `details.tuning` of `tidings eval duplicates`); the figures in docs/evaluation.md are on the held-out half.
 */
export const NEAR_THRESHOLD = 0.55;
