/** Month names and abbreviations (lowercase, no trailing dot) → month number. */
export const months: readonly (readonly [string, number])[] = [
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
];

/**
 * Month forms that are also common English words: accepted only when followed by a day or a
 * year ("May 16", "March 2024"), never alone ("may", "March" the verb).
 */
export const ambiguousMonths: readonly string[] = ['may', 'march', 'mar', 'jan', 'jun', 'jul', 'sep', 'dec'];

/** Weekday names and abbreviations → ISO weekday (Monday = 1). Abbreviations need a dot. */
export const weekdays: readonly (readonly [string, number])[] = [
  ['monday', 1],
  ['mon', 1],
  ['tuesday', 2],
  ['tue', 2],
  ['tues', 2],
  ['wednesday', 3],
  ['wed', 3],
  ['thursday', 4],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['friday', 5],
  ['fri', 5],
  ['saturday', 6],
  ['sat', 6],
  ['sunday', 7],
  ['sun', 7],
];

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
