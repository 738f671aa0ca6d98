/** Stems are cut to this length, so `economy`/`economic` and `russia`/`russian` meet. */
const STEM_LENGTH = 6;

/**
 * A tiny suffix stripper (plural `s`/`ies`, then `ing`, `ed`, `er`), then a fixed-length prefix:
 * `shoppers`, `shopping` → `shopp`; `economy`, `economic` → `econom`.
 */
export function stem(word: string): string {
  let w = word;
  let n = w.length;
  if (n > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (n > 3 && w.charCodeAt(n - 1) === 0x73) {
    const before = w.charCodeAt(n - 2);
    if (before !== 0x73 && before !== 0x75) w = w.slice(0, -1);
  }
  n = w.length;
  if (n > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (n > 4 && (w.endsWith('ed') || w.endsWith('er'))) w = w.slice(0, -2);
  return w.length > STEM_LENGTH ? w.slice(0, STEM_LENGTH) : w;
}
