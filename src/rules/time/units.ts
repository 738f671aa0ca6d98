/**
 * Calendar units. `code` is the TIMEX3 duration letter(s); `time` marks units written after `PT`.
 * `forms` are the lowercase singular and plural surfaces.
 */
export interface TimeUnit {
  unit: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'century';
  code: string;
  time?: boolean;
  forms: readonly string[];
}

export const units: readonly TimeUnit[] = [
  { unit: 'second', code: 'S', time: true, forms: ['second', 'seconds'] },
  { unit: 'minute', code: 'M', time: true, forms: ['minute', 'minutes'] },
  { unit: 'hour', code: 'H', time: true, forms: ['hour', 'hours'] },
  { unit: 'day', code: 'D', forms: ['day', 'days'] },
  { unit: 'week', code: 'W', forms: ['week', 'weeks'] },
  { unit: 'month', code: 'M', forms: ['month', 'months'] },
  { unit: 'quarter', code: 'Q', forms: ['quarter', 'quarters'] },
  { unit: 'year', code: 'Y', forms: ['year', 'years'] },
  { unit: 'decade', code: 'DE', forms: ['decade', 'decades'] },
  { unit: 'century', code: 'CE', forms: ['century', 'centuries'] },
];
