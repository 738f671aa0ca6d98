import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Source, Span } from '../../core/doc.js';
import { createPipeline } from '../../core/runner.js';
import { decodeBytes } from '../01-ingest/index.js';
import { cleanStage } from '../02-clean/index.js';
import { segmentStage } from './segment.js';

/**
 * Golden fixtures for ingest → clean → segment: `test/fixtures/<stage>/<slug>/input.txt`, an optional
 * `source.json` (extra Source fields, e.g. `{"titleGiven": true}`) and `expected.json`, which
 * `scripts/regenerate-fixtures.ts` writes from this function and `fixtures.test.ts` compares to.
 * Offsets are written out in full, each with its surface so a reviewer can read the diff.
 */
export const GOLDEN_STAGES = ['clean', 'segment'] as const;
export type GoldenStage = (typeof GOLDEN_STAGES)[number];

export interface GoldenCase {
  stage: GoldenStage;
  slug: string;
  dir: string;
}

export function listGoldenCases(root: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const stage of GOLDEN_STAGES) {
    const base = join(root, 'test', 'fixtures', stage);
    if (!existsSync(base)) continue;
    for (const slug of readdirSync(base).sort()) {
      const dir = join(base, slug);
      if (existsSync(join(dir, 'input.txt'))) cases.push({ stage, slug, dir });
    }
  }
  return cases;
}

const pipeline = createPipeline([cleanStage, segmentStage]);

export function goldenOutput(c: GoldenCase): unknown {
  const bytes = readFileSync(join(c.dir, 'input.txt'));
  const sourcePath = join(c.dir, 'source.json');
  const extra: Partial<Source> = existsSync(sourcePath) ? JSON.parse(readFileSync(sourcePath, 'utf8')) : {};
  const doc = pipeline.run(
    decodeBytes(bytes, { uri: `fixture:${c.stage}/${c.slug}`, mediaType: 'text/plain', ...extra }),
  );
  const surface = (s: Span) => doc.text.slice(s.start, s.end);
  const removed = (doc.removed ?? []).map((r) => ({ ...r, text: surface(r) }));
  if (c.stage === 'clean') return { diagnostics: doc.diagnostics, removed };
  return {
    diagnostics: doc.diagnostics,
    title: doc.title ? { ...doc.title, text: surface(doc.title) } : null,
    removed,
    paragraphs: (doc.paragraphs ?? []).map((p) => ({ ...p, text: surface(p) })),
    sentences: (doc.sentences ?? []).map((s) => ({ ...s, text: surface(s) })),
  };
}
