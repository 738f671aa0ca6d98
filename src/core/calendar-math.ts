/**
 * Small calendar arithmetic over plain {y, m, d} triples (proleptic Gregorian, UTC), enough to
 * resolve news time expressions against a publication date without a date library.
 */
export interface Day {
  y: number;
  m: number;
  d: number;
}

const anchorPattern = /^(\d{4})-(\d{2})-(\d{2})/;

/** The publication date of `YYYY-MM-DD…` (date or ISO instant), or null when absent or malformed. */
export function parseAnchor(published: string | undefined): Day | null {
  if (!published) return null;
  const m = anchorPattern.exec(published);
  if (!m) return null;
  const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidDay(day.y, day.m, day.d) ? day : null;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(day: Day): number {
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  const week = Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / 86_400_000 / 7) + 1;
  return { year: thursday.y, week };
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

export function formatDay(day: Day): string {
  return `${pad4(day.y)}-${pad2(day.m)}-${pad2(day.d)}`;
}

export function formatWeek(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${pad4(year)}-W${pad2(week)}`;
}

/** Month `m` of year `y` shifted by `n` months. */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + n;
  return { y: Math.floor(total / 12), m: (total % 12) + 1 };
}

export function quarterOf(m: number): number {
  return Math.ceil(m / 3);
}

/** The n-th (1-based) given ISO weekday of a month, e.g. the fourth Thursday of November. */
export function nthWeekday(y: number, m: number, isoDay: number, n: number): Day {
  const first = weekday({ y, m, d: 1 });
  return { y, m, d: 1 + ((isoDay - first + 7) % 7) + (n - 1) * 7 };
}

/**
 * The calendar part of a TIMEX value: a part of a day or a clock time is dropped
 * ("2024-05-16TMO", "2024-05-16T14:30" → "2024-05-16"); weeks, months and years stay as they are.
 * What an event or a report is dated by.
 */
export function calendarDate(value: string): string {
  if (value.length > 10 && value[10] === 'T' && value[4] === '-' && value[7] === '-')
    return value.slice(0, 10);
  return value;
}
