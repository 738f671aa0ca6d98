export {
  DEFAULT_MAX_BYTES,
  decodeBytes,
  decodeWindows1252,
  findBinary,
  findBinaryText,
  firstInvalidUtf8,
  type IngestLimits,
} from './decode-bytes.js';
export { type JsonlRecordOptions, parseJsonlLine } from './parse-jsonl.js';
export { checkPublished, isValidPublished } from './published.js';
export {
  countInputs,
  type IngestItem,
  type ReadOptions,
  readInputs,
  splitLines,
  TEXT_EXTENSIONS,
} from './read-inputs.js';
