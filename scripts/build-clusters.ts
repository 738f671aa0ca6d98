// Word clusters for the sequence taggers, learned from unlabelled news: the BBC and Reuters
// corpora in ../shared/data/corpora plus the text (not the labels) of the CoNLL-2003 and
// WikiANN training splits. Writes models/clusters-<version>.tsv.gz: `word<TAB>coarse mid fine`.
//
//   npx tsx scripts/build-clusters.ts [--data DIR] [--version N]
//
// Method (a cheap stand-in for Brown clustering): each frequent lowercase word is described by
// the words seen one and two tokens to its left and right (positive pointwise mutual
// information, context counts smoothed to the power 0.75), reduced to 96 dimensions by a
// randomised SVD, and clustered by spherical k-means in three nested levels (40 clusters, each
// split in 6, each of those in 4), so a fine cluster lies inside its coarse one as a Brown path
// prefix would. Deterministic: a fixed seed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tokenizeRange, WORD } from '../src/core/tokens.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models') },
    version: { type: 'string', default: '1' },
    'min-count': { type: 'string', default: '3' },
    'max-words': { type: 'string', default: '60000' },
  },
});
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

// ---- corpus ------------------------------------------------------------------------------------

function* texts(): Generator<string> {
  const corpora = join(args.data, 'corpora');
  const reuters = join(corpora, 'reuters-21578');
  const decodeEntities = (s: string) =>
    s
      .replace(/&#(\d+);/g, (_, d) => (Number(d) < 32 ? ' ' : String.fromCharCode(Number(d))))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const f of readdirSync(reuters)
    .filter((x) => x.endsWith('.sgm.gz'))
    .sort()) {
    const sgml = gunzipSync(readFileSync(join(reuters, f))).toString('latin1');
    for (const m of sgml.matchAll(/<(TITLE|BODY)>([\s\S]*?)<\/\1>/g)) yield decodeEntities(m[2] as string);
  }
  const bbc = join(corpora, 'bbc-news-2225');
  for (const cat of readdirSync(bbc, { withFileTypes: true })) {
    if (!cat.isDirectory()) continue;
    for (const f of readdirSync(join(bbc, cat.name)).sort())
      yield readFileSync(join(bbc, cat.name, f), 'utf8');
  }
  const conll = readFileSync(join(args.data, 'eval/ner/conll2003/train.txt'), 'utf8');
  let sentence: string[] = [];
  for (const line of conll.split('\n')) {
    const tok = line.split(' ')[0] ?? '';
    if (tok === '' || tok === '-DOCSTART-') {
      if (sentence.length > 0) yield sentence.join(' ');
      sentence = [];
    } else sentence.push(tok);
  }
  for (const line of readFileSync(join(args.data, 'eval/ner/wikiann/train.tsv'), 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) sentence.push(line.slice(0, tab).replace(/^[a-z]{2,3}:/, ''));
    else if (sentence.length > 0) {
      yield sentence.join(' ');
      sentence = [];
    }
  }
}

// Each text as lines of lowercase tokens (words, numbers as "0", punctuation).
const ids = new Map<string, number>();
const freq: number[] = [];
const isWord: boolean[] = [];
const corpus: Int32Array[] = [];
let total = 0;
for (const text of texts()) {
  for (const line of text.split(/\n\s*\n|\n(?=\s)/)) {
    const layer = tokenizeRange(line);
    if (layer.count === 0) continue;
    const seq = new Int32Array(layer.count);
    for (let i = 0; i < layer.count; i++) {
      const kind = layer.kind(i);
      const w = kind === WORD ? layer.lower(i) : kind === 2 ? '0' : layer.surface(i);
      let id = ids.get(w);
      if (id === undefined) {
        id = ids.size;
        ids.set(w, id);
        freq.push(0);
        isWord.push(kind === WORD);
      }
      freq[id] = (freq[id] as number) + 1;
      seq[i] = id;
    }
    corpus.push(seq);
    total += layer.count;
  }
}
log(`${total} tokens, ${ids.size} types, ${corpus.length} lines`);

// ---- vocabulary and contexts ---------------------------------------------------------------

const words = [...ids.keys()];
const byFreq = [...freq.keys()].sort((a, b) => (freq[b] as number) - (freq[a] as number));
const minCount = Number(args['min-count']);
const vocab = byFreq
  .filter((id) => isWord[id] && (freq[id] as number) >= minCount)
  .slice(0, Number(args['max-words']));
const row = new Int32Array(ids.size).fill(-1);
vocab.forEach((id, r) => {
  row[id] = r;
});
const CONTEXTS = 5000;
const ctx = new Int32Array(ids.size).fill(-1);
byFreq.slice(0, CONTEXTS).forEach((id, c) => {
  ctx[id] = c;
});
const OFFSETS = [-2, -1, 1, 2];
const dims = CONTEXTS * OFFSETS.length;
log(`vocabulary ${vocab.length} words (count ≥ ${minCount}); ${dims} context dimensions`);

// Sparse co-occurrence counts, one Map per row, then CSR.
const rowsMaps: Map<number, number>[] = vocab.map(() => new Map());
for (const seq of corpus) {
  for (let i = 0; i < seq.length; i++) {
    const r = row[seq[i] as number] as number;
    if (r < 0) continue;
    const m = rowsMaps[r] as Map<number, number>;
    for (let o = 0; o < OFFSETS.length; o++) {
      const j = i + (OFFSETS[o] as number);
      const c = j < 0 || j >= seq.length ? CONTEXTS - 1 : (ctx[seq[j] as number] as number);
      if (c < 0) continue;
      const d = o * CONTEXTS + c;
      m.set(d, (m.get(d) ?? 0) + 1);
    }
  }
}
let nnz = 0;
for (const m of rowsMaps) nnz += m.size;
const indptr = new Int32Array(vocab.length + 1);
const indices = new Int32Array(nnz);
const values = new Float32Array(nnz);
{
  let at = 0;
  rowsMaps.forEach((m, r) => {
    indptr[r] = at;
    for (const [d, c] of m) {
      indices[at] = d;
      values[at] = c;
      at++;
    }
  });
  indptr[vocab.length] = at;
}
rowsMaps.length = 0;
log(`${nnz} non-zero co-occurrences`);

// PPMI with context distribution smoothing.
{
  const rowSum = new Float64Array(vocab.length);
  const colSum = new Float64Array(dims);
  for (let r = 0; r < vocab.length; r++) {
    for (let k = indptr[r] as number; k < (indptr[r + 1] as number); k++) {
      rowSum[r] = (rowSum[r] as number) + (values[k] as number);
      colSum[indices[k] as number] = (colSum[indices[k] as number] as number) + (values[k] as number);
    }
  }
  let all = 0;
  let smoothed = 0;
  for (let d = 0; d < dims; d++) {
    all += colSum[d] as number;
    colSum[d] = (colSum[d] as number) ** 0.75;
    smoothed += colSum[d] as number;
  }
  for (let r = 0; r < vocab.length; r++) {
    for (let k = indptr[r] as number; k < (indptr[r + 1] as number); k++) {
      const pmi = Math.log(
        ((values[k] as number) * smoothed) /
          ((rowSum[r] as number) * (colSum[indices[k] as number] as number)),
      );
      values[k] = Math.max(pmi, 0);
    }
  }
  void all;
}

// ---- randomised SVD ------------------------------------------------------------------------

let seed = 12345;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

const V = vocab.length;
const K = 96;
const L = K + 12;

/** Y (V × L) = A (V × dims) · X (dims × L); matrices row-major. */
function mulA(x: Float64Array): Float64Array {
  const y = new Float64Array(V * L);
  for (let r = 0; r < V; r++) {
    const yo = r * L;
    for (let k = indptr[r] as number; k < (indptr[r + 1] as number); k++) {
      const v = values[k] as number;
      if (v === 0) continue;
      const xo = (indices[k] as number) * L;
      for (let c = 0; c < L; c++) y[yo + c] = (y[yo + c] as number) + v * (x[xo + c] as number);
    }
  }
  return y;
}

/** Z (dims × L) = Aᵀ · Y (V × L). */
function mulAt(y: Float64Array): Float64Array {
  const z = new Float64Array(dims * L);
  for (let r = 0; r < V; r++) {
    const yo = r * L;
    for (let k = indptr[r] as number; k < (indptr[r + 1] as number); k++) {
      const v = values[k] as number;
      if (v === 0) continue;
      const zo = (indices[k] as number) * L;
      for (let c = 0; c < L; c++) z[zo + c] = (z[zo + c] as number) + v * (y[yo + c] as number);
    }
  }
  return z;
}

/** Orthonormalises the L columns of a (rows × L) matrix in place (modified Gram-Schmidt). */
function orthonormalise(m: Float64Array, rows: number): void {
  for (let c = 0; c < L; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += (m[r * L + c] as number) * (m[r * L + p] as number);
      for (let r = 0; r < rows; r++) m[r * L + c] = (m[r * L + c] as number) - dot * (m[r * L + p] as number);
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += (m[r * L + c] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r++) m[r * L + c] = (m[r * L + c] as number) / norm;
  }
}

const omega = new Float64Array(dims * L);
for (let k = 0; k < omega.length; k++) omega[k] = gaussian();
let Q = mulA(omega);
orthonormalise(Q, V);
for (let it = 0; it < 2; it++) {
  const Z = mulAt(Q);
  orthonormalise(Z, dims);
  Q = mulA(Z);
  orthonormalise(Q, V);
  log(`power iteration ${it + 1}`);
}
// B = Qᵀ A (L × dims); its left singular vectors from the eigenvectors of B Bᵀ (L × L).
const Bt = mulAt(Q); // dims × L = (Qᵀ A)ᵀ
const G = new Float64Array(L * L);
for (let d = 0; d < dims; d++) {
  const o = d * L;
  for (let a = 0; a < L; a++) {
    const va = Bt[o + a] as number;
    if (va === 0) continue;
    for (let b = a; b < L; b++) G[a * L + b] = (G[a * L + b] as number) + va * (Bt[o + b] as number);
  }
}
for (let a = 0; a < L; a++) for (let b = 0; b < a; b++) G[a * L + b] = G[b * L + a] as number;

/** Cyclic Jacobi eigen-decomposition of a symmetric L × L matrix: eigenvalues and vectors (columns). */
function jacobi(a: Float64Array): { values: Float64Array; vectors: Float64Array } {
  const n = L;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
const eig = jacobi(G);
const order = [...eig.values.keys()]
  .sort((a, b) => (eig.values[b] as number) - (eig.values[a] as number))
  .slice(0, K);
log(
  `SVD done; top singular values ${order
    .slice(0, 5)
    .map((i) => Math.sqrt(Math.max(0, eig.values[i] as number)).toFixed(1))
    .join(' ')}`,
);

// Word vectors: Q · U_B · Σ^½, rows normalised.
const E = new Float32Array(V * K);
for (let r = 0; r < V; r++) {
  let norm = 0;
  for (let k = 0; k < K; k++) {
    const col = order[k] as number;
    let x = 0;
    for (let c = 0; c < L; c++) x += (Q[r * L + c] as number) * (eig.vectors[c * L + col] as number);
    x *= Math.sqrt(Math.sqrt(Math.max(0, eig.values[col] as number)));
    E[r * K + k] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < K; k++) E[r * K + k] = (E[r * K + k] as number) / norm;
}

// ---- nested spherical k-means ----------------------------------------------------------------

function kmeans(members: number[], k: number, iterations: number): number[] {
  const n = members.length;
  const assign = new Array<number>(n).fill(0);
  if (n <= k) return members.map((_, i) => i);
  // k-means++ seeding on cosine distance, weighted toward frequent words (members come by frequency).
  const centers = new Float32Array(k * K);
  const dist = new Float64Array(n).fill(Infinity);
  let pick = 0;
  for (let c = 0; c < k; c++) {
    const m = members[pick] as number;
    centers.set(E.subarray(m * K, m * K + K), c * K);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = (members[i] as number) * K;
      let dot = 0;
      for (let d = 0; d < K; d++) dot += (E[o + d] as number) * (centers[c * K + d] as number);
      const dd = Math.max(0, 1 - dot);
      if (dd < (dist[i] as number)) dist[i] = dd;
      sum += dist[i] as number;
    }
    let target = random() * sum;
    pick = 0;
    for (let i = 0; i < n; i++) {
      target -= dist[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const o = (members[i] as number) * K;
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const co = c * K;
        for (let d = 0; d < K; d++) dot += (E[o + d] as number) * (centers[co + d] as number);
        if (dot > best) {
          best = dot;
          arg = c;
        }
      }
      if (assign[i] !== arg) moved++;
      assign[i] = arg;
    }
    centers.fill(0);
    for (let i = 0; i < n; i++) {
      const o = (members[i] as number) * K;
      const co = (assign[i] as number) * K;
      for (let d = 0; d < K; d++) centers[co + d] = (centers[co + d] as number) + (E[o + d] as number);
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < K; d++) norm += (centers[c * K + d] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < K; d++) centers[c * K + d] = (centers[c * K + d] as number) / norm;
    }
    if (moved < n / 1000) break;
  }
  return assign;
}

const all = [...Array(V).keys()];
const levels = [40, 6, 4];
const path: number[][] = all.map(() => []);
let groups: number[][] = [all];
let width = 1;
for (const k of levels) {
  const next: number[][] = [];
  groups.forEach((members, g) => {
    const assign = kmeans(members, k, 25);
    const parts: number[][] = Array.from({ length: k }, () => []);
    members.forEach((m, i) => {
      (parts[assign[i] as number] as number[]).push(m);
      (path[m] as number[]).push(g * k + (assign[i] as number));
    });
    next.push(...parts);
  });
  groups = next;
  width *= k;
  log(`level of ${width} clusters done`);
}

const lines = vocab.map((id, r) => `${words[id]}\t${(path[r] as number[]).join(' ')}`);
const file = `clusters-${args.version}.tsv.gz`;
writeFileSync(join(args.out, file), gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
log(`wrote ${file}: ${lines.length} words`);
// A few neighbourhoods to eyeball.
for (const probe of ['london', 'monday', 'clinton', 'shares', 'ltd']) {
  const r = row[ids.get(probe) ?? -1] ?? -1;
  if (r < 0) continue;
  const fine = (path[r] as number[])[2];
  const same = vocab
    .filter((_, q) => (path[q] as number[])[2] === fine)
    .slice(0, 12)
    .map((id) => words[id]);
  console.log(`${probe}: ${same.join(' ')}`);
}
