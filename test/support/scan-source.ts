/** Static scans of TypeScript source, for the layout and package tests. */

/** Module specifiers of static imports and re-exports, side-effect imports and dynamic imports. */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) found.push(m[1] as string);
  }
  return found;
}
