import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analyze } from './ingest-batch.js';

/**
 * Loads a module's `analyzeDoc` export (tests swap the pipeline for one) the way a worker thread can:
 * `require` first (under tsx, worker threads compile TypeScript through its require hook only), then
 * `import` (plain ES modules).
 */
export async function loadAnalyze(specifier: string): Promise<Analyze> {
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
  try {
    return (createRequire(import.meta.url)(path) as { analyzeDoc: Analyze }).analyzeDoc;
  } catch {
    return ((await import(pathToFileURL(path).href)) as { analyzeDoc: Analyze }).analyzeDoc;
  }
}
