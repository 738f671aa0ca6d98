/** The time stage's match types, shared by the scanner and its matchers. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeMatch {
  /** Offsets into the text given to `findTimes` (plus its `offset`). */
  start: number;
  end: number;
  value: string;
  type: TimexType;
  rule: string;
  /** Resolved against the anchor (false for absolute dates, durations and refs). */
  relative: boolean;
  /** TIMEX3 mod: which part of the period ("mid-2023" → `MID`; `START`, `END`). */
  mod?: string;
}

/** What the scanner remembers across the sentences of one document. */
export interface ScanState {
  /** The quarter last named explicitly ("the third quarter"), for a later bare "the quarter". */
  lastQuarter?: { y: number; q: number };
  /** The last day (`YYYY-MM-DD`) an expression resolved to, for "the previous Friday", "the next day". */
  lastDay?: string;
  /** The last calendar date (`YYYY`, `YYYY-MM` or a day) an expression resolved to, for "the following year". */
  lastDate?: string;
}
