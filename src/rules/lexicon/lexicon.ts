import { wordList } from '../word-list.js';
import calendarData from './calendar.json' with { type: 'json' };
import irregularData from './irregular-verbs.json' with { type: 'json' };
import numberData from './numbers.json' with { type: 'json' };
import pronounData from './pronouns.json' with { type: 'json' };
import verbData from './reporting-verbs.json' with { type: 'json' };

/**
 * English words that more than one stage needs, each defined once (see README.md). Stages import
 * the checked lists from here, never the JSON, and combine the groups they need.
 */

export const reportingVerbs = {
  /** Only say that something was said: "said", "reported", "told". */
  neutral: wordList(verbData.neutral, 'lexicon/reporting-verbs neutral'),
  /** Report speech and take a stance or act with it: "condemned", "urged", "denied". */
  evaluative: wordList(verbData.evaluative, 'lexicon/reporting-verbs evaluative'),
  /** Attribute a view: "believes", "thinks". */
  cognition: wordList(verbData.cognition, 'lexicon/reporting-verbs cognition'),
};

/** Personal pronouns in the subject case: "he", "they". */
export const personalPronouns = wordList(pronounData, 'lexicon/pronouns');

/** A month or weekday: its name, its number and its abbreviations (no trailing dot). */
export interface CalendarName {
  name: string;
  number: number;
  abbreviations: readonly string[];
}

function calendarNames(
  group: { description: string; entries: CalendarName[] },
  what: string,
  count: number,
): readonly CalendarName[] {
  const forms = group.entries.flatMap((e) => [e.name, ...e.abbreviations]);
  wordList({ description: group.description, words: forms }, `lexicon/calendar ${what}`);
  const numbers = group.entries.map((e) => e.number);
  if (numbers.join() !== Array.from({ length: count }, (_, i) => i + 1).join()) {
    throw new Error(
      `lexicon/calendar ${what}: expected numbers 1–${count} in order, found ${numbers.join(', ')}`,
    );
  }
  return group.entries;
}

/** January … December, numbered 1–12. */
export const months = calendarNames(calendarData.months, 'months', 12);
/** Monday … Sunday, numbered as ISO 8601 does (Monday = 1). */
export const weekdays = calendarNames(calendarData.weekdays, 'weekdays', 7);
/** Month forms that are also common words ("may", "march"): a date needs a day or year beside them. */
export const ambiguousMonths = wordList(calendarData.ambiguousMonths, 'lexicon/calendar ambiguousMonths');

/** "one" … "ninety" → value: the cardinal number words, without multipliers ("hundred", "million"). */
export const cardinalNumbers: ReadonlyMap<string, number> = (() => {
  const entries = Object.entries(numberData.cardinals);
  wordList({ description: numberData.description, words: entries.map(([w]) => w) }, 'lexicon/numbers');
  for (const [w, n] of entries) {
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`lexicon/numbers: "${w}" needs a positive whole value`);
  }
  return new Map(entries);
})();

/** Irregular verbs: lemma → simple past, then the past participle when it differs ("give" → gave, given). */
export const irregularVerbs: ReadonlyMap<string, readonly string[]> = (() => {
  const entries = Object.entries(irregularData.verbs);
  wordList(
    {
      description: irregularData.description,
      words: entries
        .flatMap(([lemma, forms]) => [lemma, ...forms])
        .filter((w, i, all) => all.indexOf(w) === i),
    },
    'lexicon/irregular-verbs',
  );
  for (const [lemma, forms] of entries) {
    if (forms.length === 0) throw new Error(`lexicon/irregular-verbs: "${lemma}" has no past form`);
  }
  return new Map(entries);
})();
