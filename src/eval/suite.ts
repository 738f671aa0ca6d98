/**
 * An evaluation suite scores one Tidings capability against a public data set in ../shared/data/eval.
 * `tidings eval NAME --data FILE|DIR [--split NAME] [--json]` looks the suite up in the registry,
 * which reads a single file, or every file of the suite's format beneath a folder (whatever its
 * split folders are called; `--split` keeps only paths with a folder of that name).
 */
export interface EvalOptions {
  /** A file or a folder. */
  data: string;
  /** Keep only files below a folder of this name. */
  split?: string;
  /** Stop after this many items (quick runs). */
  limit?: number;
}

export interface EvalResult {
  suite: string;
  /** Number of items scored (documents, sentences, records: the suite says which in `unit`). */
  items: number;
  unit: string;
  /** Metric name → value; F1/precision/recall/accuracy in [0, 1]. */
  metrics: Record<string, number>;
  /** Anything else worth printing (per-class scores, counts), kept small. */
  details?: Record<string, unknown>;
  /** Files that could not be read or parsed, with the reason; they are skipped, not fatal. */
  skipped?: { file: string; reason: string }[];
}

export interface Suite {
  /** e.g. `timex-tempeval3`. */
  name: string;
  description: string;
  /** File name test for the suite's format, used when `--data` is a folder. */
  accepts(path: string): boolean;
  /**
   * The split is a field of each item inside the files (Reuters' LEWISSPLIT), not a folder: every
   * file is read and the suite keeps the items of `--split` itself.
   */
  splitWithin?: boolean;
  run(files: string[], options: EvalOptions): Promise<EvalResult> | EvalResult;
}
