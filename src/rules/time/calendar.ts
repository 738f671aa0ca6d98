import {
  ambiguousMonths as ambiguousMonthForms,
  months as monthNames,
  weekdays as weekdayNames,
} from '../lexicon/lexicon.js';

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
export const seasons: readonly (readonly [string, string])[] = [
  ['spring', 'SP'],
  ['summer', 'SU'],
  ['fall', 'FA'],
  ['autumn', 'FA'],
  ['winter', 'WI'],
];

/** Parts of the day → TIMEX3 code appended to a day value (`2024-05-16TMO`). */
export const partsOfDay: readonly (readonly [string, string])[] = [
  ['morning', 'MO'],
  ['afternoon', 'AF'],
  ['evening', 'EV'],
  ['night', 'NI'],
  ['overnight', 'NI'],
];

/** Fixed-date holidays: name tokens (lowercase) → MM-DD. Movable feasts are left out. */
export const holidays: readonly { words: readonly string[]; monthDay: string }[] = [
  { words: ['christmas', 'day'], monthDay: '12-25' },
  { words: ['christmas', 'eve'], monthDay: '12-24' },
  { words: ['christmas'], monthDay: '12-25' },
  { words: ['new', 'year', "'s", 'day'], monthDay: '01-01' },
  { words: ['new', 'year', "'s", 'eve'], monthDay: '12-31' },
  { words: ['independence', 'day'], monthDay: '07-04' },
];
