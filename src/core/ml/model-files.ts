import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hashString } from '../tokens.js';
import { caseBucket } from './features.js';
import { SequenceModel } from './sequence-model.js';
import type { CandidateFile } from './tag-candidates.js';

/**
 * The trained models ship in `models/` at the package root (built by `npm run train:ner`,
 * `train:pos` and `scripts/build-clusters.ts`; see models/README.md). This file is the one
 * place that reads them. `src/core/ml` and `dist/core/ml` sit at the same depth, so the same
 * relative path serves the sources and the build. Nothing is downloaded.
 */
export const modelsDir = resolve(import.meta.dirname, '..', '..', '..', 'models');

export function readModelFile(name: string, dir: string = modelsDir): Uint8Array {
  const path = join(dir, name);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(
      `model file ${path} cannot be read (${(error as Error).message}); it ships with Tidings in models/ — rebuild it with the command in models/README.md`,
    );
  }
}

/** A JSON file under models/ (a compiled knowledge base such as `phoenix-1/actors.json`), parsed. */
export function readModelJson(name: string, dir: string = modelsDir): unknown {
  return JSON.parse(new TextDecoder().decode(readModelFile(name, dir)));
}

/** A sequence model, with the tag dictionary `candidates` names (`TagCandidates`) when given. */
export function loadSequenceModel(name: string, dir?: string, candidates?: string): SequenceModel {
  const dictionary = candidates ? (readModelJson(candidates, dir) as CandidateFile) : undefined;
  return SequenceModel.fromBytes(readModelFile(name, dir), dictionary);
}

/**
 * Word clusters: a gzipped text file, one `word<TAB>id id id` line per word (cluster ids at
 * three granularities, coarse to fine, each < 1023). Returned keyed by the token layer's hash
 * of the lowercase word, packed 10 bits per granularity, each id + 1.
 */
export function parseClusters(gz: Uint8Array): Map<number, number> {
  const text = new TextDecoder().decode(gunzipSync(gz));
  const out = new Map<number, number>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const ids = line
      .slice(tab + 1)
      .split(' ')
      .map((x) => Number(x));
    let packed = 0;
    for (let k = 0; k < 3 && k < ids.length; k++) {
      const id = ids[k] as number;
      if (Number.isInteger(id) && id >= 0 && id < 1023) packed |= (id + 1) << (10 * k);
    }
    if (packed !== 0) out.set(hashString(line.slice(0, tab)), packed);
  }
  return out;
}

const clusterFiles = new Map<string, { bytes: Uint8Array; clusters: ReadonlyMap<number, number> }>();

/**
 * The clusters of a file under models/, parsed once per thread: the taggers that read the same
 * file (names, parts of speech, attributions) share one map, and with it the per-document column
 * of each token's clusters (`DocumentFeatures.clusterOf`). A file whose bytes changed is parsed
 * again.
 */
export function loadClusters(name: string, dir: string = modelsDir): ReadonlyMap<number, number> {
  const path = resolve(dir, name);
  const bytes = readModelFile(name, dir);
  const known = clusterFiles.get(path);
  if (known && Buffer.compare(known.bytes, bytes) === 0) return known.clusters;
  const clusters = parseClusters(bytes);
  clusterFiles.set(path, { bytes, clusters });
  return clusters;
}

/**
 * A case profile (`scripts/build-case-profile.ts`): a gzipped text file, one
 * `word<TAB>lowercase<TAB>capitalised` line per word. Returned keyed by the token layer's hash of
 * the word, valued by `caseBucket`.
 */
export function parseCaseProfile(gz: Uint8Array): Map<number, number> {
  const text = new TextDecoder().decode(gunzipSync(gz));
  const out = new Map<number, number>();
  for (const line of text.split('\n')) {
    const [word, lower, upper] = line.split('\t');
    if (!word || lower === undefined || upper === undefined) continue;
    const l = Number(lower);
    const u = Number(upper);
    if (Number.isFinite(l) && Number.isFinite(u)) out.set(hashString(word), caseBucket(l, u));
  }
  return out;
}

export function loadCaseProfile(name: string, dir?: string): Map<number, number> {
  return parseCaseProfile(readModelFile(name, dir));
}
