import leaderData from './leaders.json' with { type: 'json' };
import placeData from './places.json' with { type: 'json' };

export interface Leader {
  name: string;
  aliases: readonly string[];
  country?: string;
  role: string;
  sector: string;
}

/** Well-known office holders, true as of `leadersAsOf` (roles change: see README). */
export const leaders: readonly Leader[] = leaderData.leaders;
export const leadersAsOf: string = leaderData.asOf;

export interface Place {
  name: string;
  aliases: readonly string[];
  type: 'city' | 'place';
  country?: string;
  lat: number;
  lon: number;
}

export const places: readonly Place[] = placeData.places.map((p) => ({
  ...p,
  type: p.type as Place['type'],
}));

/** Lowercase ASCII slug for entity ids: "Volodymyr Zelensky" → "volodymyr-zelensky". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
