/** The time stage's calendar words (`calendar.json`; month and weekday names from `rules/lexicon`). */
import {
  ambiguousMonths as ambiguousMonthForms,
  months as monthNames,
  weekdays as weekdayNames,
} from '../lexicon/lexicon.js';
import data from './calendar.json' with { type: 'json' };

/** Month names and abbreviations (lowercase, no trailing dot) → month number (shared: `rules/lexicon/calendar.json`). */
export const months: readonly (readonly [string, number])[] = monthNames.flatMap((m) =>
  [m.name, ...m.abbreviations].map((form) => [form, m.number] as const),
);

/**
 * Month forms that are also common English words: accepted only when followed by a day or a
 * year ("May 16", "March 2024"), never alone ("may", "March" the verb).
 */
export const ambiguousMonths: readonly string[] = ambiguousMonthForms;

/** Weekday names and abbreviations → ISO weekday (Monday = 1). Abbreviations need a dot. */
export const weekdays: readonly (readonly [string, number])[] = weekdayNames.flatMap((d) =>
  [d.name, ...d.abbreviations].map((form) => [form, d.number] as const),
);

/** Seasons → TIMEX3 season code. */
export const seasons: readonly (readonly [string, string])[] = Object.entries(data.seasons.entries);

/** Parts of the day → TIMEX3 code appended to a day value (`2024-05-16TMO`). */
export const partsOfDay: readonly (readonly [string, string])[] = Object.entries(data.partsOfDay.entries);

/** A holiday fixed by weekday: the n-th (-1: last) ISO weekday of a month, plus some days. */
export interface WeekdayRule {
  month: number;
  weekday: number;
  n: number;
  plusDays?: number;
}

/** Holidays: name tokens (lowercase) → MM-DD, or a weekday rule. Movable feasts of the moon are left out. */
export const holidays: readonly { words: readonly string[]; monthDay?: string; nthWeekday?: WeekdayRule }[] =
  (data.holidays.entries as { words: string; monthDay?: string; nthWeekday?: WeekdayRule }[]).map((h) => ({
    words: h.words.split(' '),
    ...(h.monthDay !== undefined ? { monthDay: h.monthDay } : {}),
    ...(h.nthWeekday !== undefined ? { nthWeekday: h.nthWeekday } : {}),
  }));
