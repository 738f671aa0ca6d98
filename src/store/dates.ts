/**
 * Reduces a TIMEX-style value or an ISO date/instant to the first day it covers
 * (`YYYY-MM-DD`), so events can be filtered by date with plain string comparison.
 * Returns null for values that name no calendar position (durations, sets, garbage).
 */
export function firstDayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const week = /^(\d{4})-W(\d{2})/.exec(value);
  if (week) return isoWeekMonday(Number(week[1]), Number(week[2]));
  const quarter = /^(\d{4})-Q([1-4])/.exec(value);
  if (quarter) return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  const date = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\dW])/.exec(value);
  if (!date) return null;
  return `${date[1]}-${date[2] ?? '01'}-${date[3] ?? '01'}`;
}

/** The last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` bound covers (days past a month's end compare fine). */
export function lastDayOf(value: string): string | null {
  const date = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!date) return null;
  return `${date[1]}-${date[2] ?? '12'}-${date[3] ?? '31'}`;
}

/** True for `YYYY`, `YYYY-MM`, `YYYY-MM-DD` naming a real calendar position. */
export function isDateBound(value: string): boolean {
  const date = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!date) return false;
  const month = date[2] === undefined ? 1 : Number(date[2]);
  if (month < 1 || month > 12) return false;
  if (date[3] === undefined) return true;
  const day = Number(date[3]);
  const daysInMonth = new Date(Date.UTC(Number(date[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

function isoWeekMonday(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dayOfWeek = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() + ((week - 1) * 7 - (dayOfWeek - 1)) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}
