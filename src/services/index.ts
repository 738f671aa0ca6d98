export * from './entities.js';
export * from './ingest-batch.js';
export * from './query.js';
export * from './relations.js';
export * from './stories.js';
export * from './work-queue.js';
