import type { TokenLayer } from '../tokens.js';

/** Surfaces interned at most (then the numbering starts afresh, and every model's kept scores with it). */
export const SURFACES = 1 << 15;
/** Surfaces (the first numbered: the frequent ones) whose scores as a neighbour are kept. */
export const NEIGHBOUR_SURFACES = 1 << 12;

/** Open-addressed slots of the surface index: twice `SURFACES`, so it is at most half full. */
const SLOTS = SURFACES * 2;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * Token surfaces numbered across documents, the same numbers for every model, so a token's surface
 * is looked up once per document however many models keep scores for it (`OwnScores`). A number
 * stands for the surface with the token's kind and capital flag; a token whose surface was first
 * numbered with another kind or flag gets none (-1) and is scored without the cache.
 *
 * The index is open-addressed on a hash of the surface's characters read in place, each slot the
 * number + 1 (0: empty), a candidate checked against the stored surface with `startsWith`: a token
 * is numbered without cutting its surface out of the text, which only a new surface needs.
 */
export const surfaces = {
  slots: new Int32Array(SLOTS),
  strings: new Array<string>(SURFACES).fill(''),
  meta: new Int32Array(SURFACES),
  size: 0,
  /** Bumped when the numbering starts afresh. */
  generation: 0,
};

/** Per token layer: the surface number of each token (-2 until looked up), of one generation. */
interface SurfaceColumn {
  generation: number;
  ids: Int32Array;
}

const SURFACE_COLUMN = {};

/** The last layer asked about and its column: a tagger asks about one layer many times in a row. */
let lastLayer: TokenLayer | undefined;
let lastColumn: SurfaceColumn | undefined;

function columnOf(tokens: TokenLayer): SurfaceColumn {
  if (tokens === lastLayer) return lastColumn as SurfaceColumn;
  return switchColumn(tokens);
}

/**
 * `columnOf` for a layer other than the last one. Apart because its closure captures `tokens`: in
 * the same function, V8 allocates a context for the captured parameter on every call, the common
 * return included (some 27 bytes a token and a tagger, a fifth of the analysis's garbage).
 */
function switchColumn(tokens: TokenLayer): SurfaceColumn {
  const column = tokens.derived(
    SURFACE_COLUMN,
    (): SurfaceColumn => ({ generation: -1, ids: new Int32Array(tokens.count) }),
  );
  lastLayer = tokens;
  lastColumn = column;
  return column;
}

/** The surface number of token `i` (see `surfaces`), or -1 when it has none. */
export function surfaceId(tokens: TokenLayer, i: number): number {
  const column = columnOf(tokens);
  if (column.generation !== surfaces.generation) {
    column.ids.fill(-2);
    column.generation = surfaces.generation;
  }
  const known = column.ids[i] as number;
  if (known !== -2) return known;
  const text = tokens.text;
  const start = tokens.start(i);
  const end = tokens.end(i);
  const length = end - start;
  let h = FNV_OFFSET;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  const meta = tokens.kind(i) * 2 + (tokens.isUpper(i) ? 1 : 0);
  const slots = surfaces.slots;
  const mask = SLOTS - 1;
  let at = (h ^ (h >>> 15)) & mask;
  let id = -1;
  for (;;) {
    const v = slots[at] as number;
    if (v === 0) break;
    const s = surfaces.strings[v - 1] as string;
    if (s.length === length && text.startsWith(s, start)) {
      id = v - 1;
      break;
    }
    at = (at + 1) & mask;
  }
  if (id >= 0) {
    if (surfaces.meta[id] !== meta) id = -1;
  } else {
    if (surfaces.size === SURFACES) {
      slots.fill(0);
      surfaces.size = 0;
      surfaces.generation++;
      column.ids.fill(-2);
      column.generation = surfaces.generation;
      at = (h ^ (h >>> 15)) & mask;
    }
    id = surfaces.size++;
    slots[at] = id + 1;
    surfaces.strings[id] = text.slice(start, end);
    surfaces.meta[id] = meta;
  }
  column.ids[i] = id;
  return id;
}
