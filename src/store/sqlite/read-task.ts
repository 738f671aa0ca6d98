import type { Repository } from '../repository.js';

/** The queries that run in read threads: each answers a page or a few counts, cheap to pass back. */
export const OFFLOADED_READS = [
  'listDocuments',
  'queryEvents',
  'listEntities',
  'getDiagnostics',
  'stats',
  'status',
  'getNearDuplicates',
  'listHappenings',
  'getHappening',
  'relationCounts',
  'topRelations',
  'listStories',
  'getStory',
  'storyOfDocument',
  'storyDays',
] as const satisfies readonly (keyof Repository)[];

export type OffloadedRead = (typeof OFFLOADED_READS)[number];

export interface ReadWorkerData {
  path: string;
}

export interface ReadTask {
  id: number;
  method: OffloadedRead;
  args: unknown[];
}

export type ReadReply =
  | { ok: true; value: unknown }
  /** Sent as data so the error keeps its name and code across the thread boundary. */
  | { ok: false; error: { name: string; message: string; code: string | null } };

/** Posted by a read thread when it starts a query: the pool starts the query's clock. */
export interface ReadingMessage {
  tidingsReading: number;
}
