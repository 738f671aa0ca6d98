export {
  type CheckTextOptions,
  checkText,
  DEFAULT_MAX_BYTES,
  findBinary,
  findBinaryText,
  type IngestLimits,
} from './check-text.js';
export {
  canonicalCharset,
  type DecodeOptions,
  decodeBytes,
  decodeWindows1252,
  firstInvalidUtf8,
} from './decode-bytes.js';
export {
  HTML_MEDIA_TYPE,
  type HtmlBytesOptions,
  type HtmlToDocOptions,
  htmlBytesToDoc,
  htmlToDoc,
} from './html/html-to-doc.js';
export { type JsonlRecordOptions, parseJsonlLine } from './parse-jsonl.js';
export {
  checkPublished,
  isValidPublished,
  PUBLISHED_EXPECTED,
  PUBLISHED_YEARS,
  publishedProblem,
} from './published.js';
export {
  countInputs,
  type IngestItem,
  type ReadOptions,
  readInputs,
  readOne,
  splitLines,
  TEXT_EXTENSIONS,
} from './read-inputs.js';
