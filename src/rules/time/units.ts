import data from './units.json' with { type: 'json' };

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

/** The units themselves are data: `units.json`. */
export const units: readonly TimeUnit[] = data.units as TimeUnit[];
