import type { Diagnostic } from '../../core/doc.js';

/**
 * Publication years accepted. Relative times ("next week", "in two years") are resolved from this
 * date into TIMEX3 values with four-digit years, so a date at the very end of year 9999 would
 * resolve to `10000-W01`; years before 1000 are no date a news text has, and JavaScript's `Date`
 * reads years 0–99 as 1900–1999.
 */
export const PUBLISHED_YEARS = { min: 1000, max: 9998 } as const;
/** Real UTC offsets run from −12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

// Anchored, no nested quantifiers: linear time on any input.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/;

export const PUBLISHED_EXPECTED = `YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], a real date in the years ${PUBLISHED_YEARS.min}–${PUBLISHED_YEARS.max}`;

/**
 * Why `value` is not an acceptable publication date, or undefined when it is one: a real calendar
 * date `YYYY-MM-DD` or an ISO 8601 instant (`2024-05-16T09:30:00Z`), year 1000–9998, a real time of
 * day (a leap second allowed), an offset within ±14:00.
 */
export function publishedProblem(value: string): string | undefined {
  if (value.length > 40) return 'longer than any date';
  const m = DATE.exec(value) ?? INSTANT.exec(value);
  if (!m) return 'not YYYY-MM-DD or an ISO 8601 instant';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < PUBLISHED_YEARS.min || year > PUBLISHED_YEARS.max) {
    return `year ${m[1]} is outside ${PUBLISHED_YEARS.min}–${PUBLISHED_YEARS.max}`;
  }
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `there is no day ${m[3]} in ${m[1]}-${m[2]}`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) {
    return `there is no time of day ${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`}`;
  }
  if (m[7] !== undefined) {
    const minutes = Number(m[8]) * 60 + Number(m[9]);
    if (Number(m[9]) > 59 || minutes > MAX_OFFSET_MINUTES) {
      return `there is no UTC offset ${m[7]}${m[8]}:${m[9]} (offsets run from -12:00 to +14:00)`;
    }
  }
  return undefined;
}

/** True for a date `publishedProblem` accepts. */
export function isValidPublished(value: string): boolean {
  return publishedProblem(value) === undefined;
}

/** The value when valid; otherwise undefined and a warning diagnostic pushed onto `diagnostics`. */
export function checkPublished(value: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const problem = typeof value === 'string' ? publishedProblem(value) : `a ${typeof value}, not a string`;
  if (problem === undefined) return value as string;
  diagnostics.push({
    ruleId: 'ingest:bad-published',
    severity: 'warning',
    reason: `the publication date is not usable (${problem}); ignored, so relative times stay unresolved`,
    actual: typeof value === 'string' ? value.slice(0, 60) : typeof value,
    expected: PUBLISHED_EXPECTED,
  });
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
