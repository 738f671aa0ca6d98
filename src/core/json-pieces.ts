/**
 * `JSON.stringify(value, null, indent)` in pieces, so a large value can be written out without
 * ever being one string: V8 caps a string at about 512 MB, and 9.9 MB of dense event text once
 * made an analysis `JSON.stringify` could not hold. Objects and arrays are opened and closed here
 * down to `depth` levels (for an analysis: its fields, then each layer's elements), and deeper
 * wherever they hold a long list (an entity with thousands of mentions); the rest is stringified
 * whole. Joined, the pieces are exactly what `JSON.stringify` returns (nothing for a value it
 * leaves out, such as `undefined`).
 */
export function* jsonPieces(value: unknown, indent = 2, depth = 2): Generator<string> {
  if (!serialisable(value)) return;
  yield* piecesOf(value, '', ' '.repeat(indent), depth);
}

/** Values JSON leaves out of objects (and writes as null in arrays). */
function serialisable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Lists longer than this are opened at any depth. */
const LONG_LIST = 256;

function holdsLongList(value: object): boolean {
  if (Array.isArray(value)) return value.length > LONG_LIST;
  for (const item of Object.values(value)) if (Array.isArray(item) && item.length > LONG_LIST) return true;
  return false;
}

function* piecesOf(value: unknown, current: string, gap: string, depth: number): Generator<string> {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ||
    (depth <= 0 && !holdsLongList(value))
  ) {
    const whole = JSON.stringify(value, null, gap) ?? 'null';
    yield current === '' ? whole : whole.replaceAll('\n', `\n${current}`);
    return;
  }
  const newline = gap === '' ? '' : '\n';
  const inner = current + gap;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}${newline}${inner}`;
      const item: unknown = value[i];
      if (serialisable(item)) yield* piecesOf(item, inner, gap, depth - 1);
      else yield 'null';
    }
    yield `${newline}${current}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (!serialisable(item)) continue;
    yield `${first ? '{' : ','}${newline}${inner}${JSON.stringify(key)}:${gap === '' ? '' : ' '}`;
    first = false;
    yield* piecesOf(item, inner, gap, depth - 1);
  }
  yield first ? '{}' : `${newline}${current}}`;
}
