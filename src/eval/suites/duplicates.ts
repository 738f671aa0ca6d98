import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Analysis, toAnalysis } from '../../core/analysis.js';
import { contentHash } from '../../core/hash.js';
import { seededRandom } from '../../core/random.js';
import { decodeBytes } from '../../stages/01-ingest/index.js';
import {
  bodyText,
  estimateContainment,
  type Fingerprint,
  fingerprintText,
  NEAR_THRESHOLD,
} from '../../stages/06-link/index.js';
import type { Repository } from '../../store/repository.js';
import { openSqliteRepository } from '../../store/sqlite/sqlite-repository.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * Duplicates across articles, through the store's own link step (an in-memory SQLite store, the same
 * code every ingest runs). Exact: groups of byte-identical and whitespace/case-identical files in a
 * folder of text files (the BBC corpus has 98 byte-identical pairs) — found when the store says
 * `duplicate` (same text) or links a copy by its normalised text. Near: a generator of ours copies
 * articles as wire copy gets copied — re-headlined, words edited, paragraphs trimmed and reordered —
 * at three strengths; each copy must link to its original among the whole corpus.
 *
 * Files are split by a hash of their path into a tuning half (where NEAR_THRESHOLD was chosen: the
 * sweep is in `details.tuning`) and a held-out half (the copies scored in `metrics`).
 */

interface CorpusFile {
  file: string;
  text: string;
  byteHash: string;
  /** Lowercase, whitespace collapsed: the whitespace/case-identical key. */
  looseKey: string;
  heldOut: boolean;
}

export const STRENGTHS = {
  /** A new headline, 2% of words edited, the last paragraph trimmed or two paragraphs swapped. */
  light: { editRate: 0.02, trim: 0.15, shuffle: 'swap' },
  /** A new headline, 5% of words edited, a quarter of the paragraphs trimmed, two swapped. */
  medium: { editRate: 0.05, trim: 0.25, shuffle: 'swap' },
  /** A new headline, 10% of words edited, 40% trimmed, every paragraph reordered. */
  heavy: { editRate: 0.1, trim: 0.4, shuffle: 'all' },
} as const;

export type Strength = keyof typeof STRENGTHS;

/** A plain analysis of a text (headline = first line), enough for the link step: no stage runs. */
export function plainAnalysis(text: string, uri: string): Analysis {
  const end = text.indexOf('\n');
  const doc = {
    source: { uri, mediaType: 'text/plain' },
    text,
    diagnostics: [],
    removed: [],
    ...(end > 0 ? { title: { start: 0, end } } : {}),
  };
  return toAnalysis(doc, contentHash(text));
}

function sha(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A copy of an article as an outlet would run it, at a strength; deterministic for a seed. */
export function copyArticle(text: string, strength: Strength, seed: number): string {
  const random = seededRandom(seed);
  const { editRate, trim, shuffle } = STRENGTHS[strength];
  const parts = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const paragraphs = parts.slice(1);
  const vocabulary = paragraphs.join(' ').split(/\s+/);
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] as string;
  let body = paragraphs.map((p) =>
    p
      .split(/\s+/)
      .flatMap((word) => {
        if (random() >= editRate) return [word];
        const r = random();
        if (r < 0.5) return [pick()];
        if (r < 0.75) return [];
        return [word, pick()];
      })
      .join(' '),
  );
  const keep = Math.max(1, Math.round(body.length * (1 - trim)));
  body = body.slice(0, keep);
  if (shuffle === 'swap' && body.length >= 3) {
    const i = 1 + Math.floor(random() * (body.length - 2));
    [body[i], body[i + 1]] = [body[i + 1] as string, body[i] as string];
  } else if (shuffle === 'all') {
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [body[i], body[j]] = [body[j] as string, body[i] as string];
    }
  }
  const lead = (paragraphs[0] ?? '').split(/\s+/).slice(0, 7).join(' ');
  return [`Update: ${lead}`, ...body].join('\n\n');
}

function readCorpus(files: readonly string[]): CorpusFile[] {
  return files.map((file) => {
    const bytes = readFileSync(file);
    const doc = decodeBytes(bytes, { uri: file, mediaType: 'text/plain' });
    return {
      file,
      text: doc.text,
      byteHash: sha(bytes),
      looseKey: sha(doc.text.toLowerCase().split(/\s+/).filter(Boolean).join(' ')),
      heldOut: Number.parseInt(sha(file.split(/[\\/]/).slice(-2).join('/')).slice(0, 8), 16) % 2 === 1,
    };
  });
}

/** Pairs within groups, as `i<j` keys. */
function pairsOf(groups: Iterable<readonly number[]>): Set<string> {
  const pairs = new Set<string>();
  for (const g of groups) {
    const sorted = [...g].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]}:${sorted[j]}`);
  }
  return pairs;
}

function groupBy(items: readonly CorpusFile[], key: (f: CorpusFile) => string): number[][] {
  const groups = new Map<string, number[]>();
  items.forEach((f, i) => {
    const k = key(f);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

async function putAll(store: Repository, analyses: readonly Analysis[]): Promise<void> {
  for (let i = 0; i < analyses.length; i += 200) {
    await store.putMany(
      analyses.slice(i, i + 200).map((analysis) => ({ kind: 'document' as const, analysis })),
    );
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** `business/001.txt` of a corpus path. */
function relativeName(path: string): string {
  return path.split(/[\\/]/).slice(-2).join('/');
}

export const duplicatesSuite: Suite = {
  name: 'duplicates',
  description:
    'exact (byte, whitespace/case) and near-duplicate articles through the store link step; near copies generated at three strengths',
  accepts: (path) => path.endsWith('.txt') && !/^(readme|provenance)\b/i.test(basename(path)),
  async run(files: string[], options: EvalOptions): Promise<EvalResult> {
    const corpus = readCorpus(options.limit ? files.slice(0, options.limit) : files);
    const analyses = corpus.map((f) => plainAnalysis(f.text, f.file));

    // Exact: what the store groups (same text id, or a normalised-text link) against the truth.
    const store = openSqliteRepository(':memory:');
    await putAll(store, analyses);
    const byId = new Map<string, number[]>();
    analyses.forEach((a, i) => {
      byId.set(a.id, [...(byId.get(a.id) ?? []), i]);
    });
    const root = new Map<string, string>();
    // Copies inside the corpus itself (the same story filed twice with small changes): the store's
    // root for each, so a generated copy linked to that root counts as found.
    const corpusNear: { file: string; original: string; similarity: number }[] = [];
    const storeRoot = new Map<string, string>();
    for (const id of byId.keys()) {
      const links = await store.getNearDuplicates(id);
      if (!links?.original) continue;
      storeRoot.set(id, links.original.docId);
      if (links.original.method === 'normalized') root.set(id, links.original.docId);
      else {
        corpusNear.push({
          file: relativeName(corpus[byId.get(id)?.[0] ?? 0]?.file ?? ''),
          original: relativeName(links.original.uri),
          similarity: round(links.original.similarity),
        });
      }
    }
    const predicted = new Map<string, number[]>();
    for (const [id, members] of byId) {
      const r = root.get(id) ?? id;
      predicted.set(r, [...(predicted.get(r) ?? []), ...members]);
    }
    const predictedGroups = [...predicted.values()].filter((g) => g.length > 1);
    const byteGroups = groupBy(corpus, (f) => f.byteHash);
    const looseGroups = groupBy(corpus, (f) => f.looseKey);
    const truthPairs = pairsOf(looseGroups);
    const predictedPairs = pairsOf(predictedGroups);
    const correctPairs = [...predictedPairs].filter((p) => truthPairs.has(p)).length;
    await store.close();

    // Near: copies of every article at each strength, among the whole corpus.
    const groupOfFile = new Map<number, Set<string>>();
    for (const g of looseGroups) {
      const ids = new Set(g.map((i) => (analyses[i] as Analysis).id));
      for (const i of g) groupOfFile.set(i, ids);
    }
    const originalIds = (i: number) => {
      const id = (analyses[i] as Analysis).id;
      const ids = new Set(groupOfFile.get(i) ?? [id]);
      const r = storeRoot.get(id);
      if (r) ids.add(r);
      return ids;
    };
    const heldOut = corpus.map((_, i) => i).filter((i) => corpus[i]?.heldOut);
    const tuning = corpus.map((_, i) => i).filter((i) => !corpus[i]?.heldOut);
    const metrics: Record<string, number> = {
      exactGroups: predictedGroups.length,
      exactRecall: round(truthPairs.size === 0 ? 1 : correctPairs / truthPairs.size),
      exactPrecision: round(predictedPairs.size === 0 ? 1 : correctPairs / predictedPairs.size),
    };
    const near: Record<string, unknown> = {};
    for (const strength of Object.keys(STRENGTHS) as Strength[]) {
      const copies = heldOut.map((i) => ({
        source: i,
        analysis: plainAnalysis(copyArticle(corpus[i]?.text ?? '', strength, i + 1), `copy:${strength}:${i}`),
      }));
      const s = openSqliteRepository(':memory:');
      await putAll(s, analyses);
      await putAll(
        s,
        copies.map((c) => c.analysis),
      );
      let linked = 0;
      let correct = 0;
      for (const c of copies) {
        const original = (await s.getNearDuplicates(c.analysis.id))?.original;
        if (!original) continue;
        linked++;
        if (originalIds(c.source).has(original.docId)) correct++;
      }
      await s.close();
      const cap = strength[0]?.toUpperCase() + strength.slice(1);
      metrics[`nearRecall${cap}`] = round(copies.length === 0 ? 0 : correct / copies.length);
      metrics[`nearPrecision${cap}`] = round(linked === 0 ? 1 : correct / linked);
      near[strength] = { copies: copies.length, linked, correct };
    }
    return {
      suite: 'duplicates',
      items: corpus.length,
      unit: 'files',
      metrics,
      details: {
        truth: {
          byteGroups: byteGroups.length,
          bytePairs: pairsOf(byteGroups).size,
          looseGroups: looseGroups.length,
          loosePairs: truthPairs.size,
        },
        predictedPairs: predictedPairs.size,
        corpusNearLinks: corpusNear.length,
        corpusNearExamples: corpusNear.slice(0, 8),
        threshold: NEAR_THRESHOLD,
        near,
        tuning: tuneThreshold(corpus, analyses, tuning, originalIds),
      },
    };
  },
};

/**
 * The threshold sweep on the tuning half: each copy's best candidate above t (any corpus article
 * sharing a band, as the store finds them), and the precision and recall that gives per strength.
 * NEAR_THRESHOLD is the highest t whose recall is within a point of the best at every strength, with
 * precision ≥ 0.99 at every strength.
 */
function tuneThreshold(
  corpus: readonly CorpusFile[],
  analyses: readonly Analysis[],
  tuning: readonly number[],
  originalIds: (i: number) => Set<string>,
): { chosen: number | null; sweep: Record<string, Record<string, { precision: number; recall: number }>> } {
  const prints = analyses.map((a) => fingerprintText(bodyText(a)));
  const bands = new Map<number, number[]>();
  prints.forEach((p, i) => {
    for (const b of p.bands) bands.set(b, [...(bands.get(b) ?? []), i]);
  });
  const thresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
  const sweep: Record<string, Record<string, { precision: number; recall: number }>> = {};
  const okAt = new Map<number, boolean>(thresholds.map((t) => [t, true]));
  const recallAt = new Map<string, number>();
  for (const strength of Object.keys(STRENGTHS) as Strength[]) {
    const best: { source: number; sims: { i: number; sim: number }[] }[] = tuning.map((i) => {
      const copy = plainAnalysis(copyArticle(corpus[i]?.text ?? '', strength, i + 1), `copy:${i}`);
      const fp: Fingerprint = fingerprintText(bodyText(copy));
      const candidates = new Set<number>();
      for (const b of fp.bands) for (const j of bands.get(b) ?? []) candidates.add(j);
      return {
        source: i,
        sims: [...candidates].map((j) => {
          const other = prints[j] as Fingerprint;
          return {
            i: j,
            sim: estimateContainment(fp.signature, fp.shingles, other.signature, other.shingles),
          };
        }),
      };
    });
    sweep[strength] = {};
    for (const t of thresholds) {
      let linked = 0;
      let correct = 0;
      for (const b of best) {
        const top = b.sims.filter((s) => s.sim >= t).sort((x, y) => y.sim - x.sim)[0];
        if (!top) continue;
        linked++;
        if (originalIds(b.source).has((analyses[top.i] as Analysis).id)) correct++;
      }
      const precision = linked === 0 ? 1 : correct / linked;
      (sweep[strength] as Record<string, { precision: number; recall: number }>)[String(t)] = {
        precision: round(precision),
        recall: round(best.length === 0 ? 0 : correct / best.length),
      };
      if (precision < 0.99) okAt.set(t, false);
      recallAt.set(`${strength}:${t}`, best.length === 0 ? 0 : correct / best.length);
    }
  }
  // The highest threshold within a point of the best recall at every strength, precision ≥ 0.99.
  const strengths = Object.keys(STRENGTHS) as Strength[];
  const bestRecall = (s: Strength) => Math.max(...thresholds.map((t) => recallAt.get(`${s}:${t}`) ?? 0));
  const fits = (t: number) =>
    okAt.get(t) === true && strengths.every((s) => (recallAt.get(`${s}:${t}`) ?? 0) >= bestRecall(s) - 0.01);
  const chosen = [...thresholds].reverse().find(fits) ?? null;
  return { chosen, sweep };
}
