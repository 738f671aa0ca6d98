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
  type Feed,
  type FeedDocs,
  type FeedItem,
  feedBytesToDocs,
  looksLikeFeed,
  readFeed,
} from './feed/read-feed.js';
export { type Fetched, Fetcher, type FetchOptions, type FetchResult, USER_AGENT } from './fetch/fetch-url.js';
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
  isUrl,
  itemsFromResponse,
  type RawInput,
  type ReadOptions,
  readInputs,
  readOne,
  readUrl,
  splitLines,
  TEXT_EXTENSIONS,
} from './read-inputs.js';
