export * from './ingest-batch.js';
export * from './query.js';
