import { pipelineVersion } from '../pipeline-version.js';
import type { PipelineVersionCount, Repository } from '../store/repository.js';

/** The pipeline versions a store's documents were analysed by, and how many are stale for this install. */
export async function versionsOfStore(
  store: Repository,
  current: string = pipelineVersion().version,
): Promise<{ current: string; stored: PipelineVersionCount[]; stale: number }> {
  const stored = await store.pipelineVersions();
  const stale = stored.filter((v) => v.version !== current).reduce((n, v) => n + v.documents, 0);
  return { current, stored, stale };
}
