import type { Removed } from '../../core/doc.js';
import { isBlank, type Line } from '../../core/text/scan-lines.js';
import boilerplateRules from '../../rules/clean/boilerplate.json' with { type: 'json' };

interface BoilerplateRule {
  id: string;
  description?: string;
  lines?: string[];
  prefixes?: string[];
  maxWords?: number;
  /** Prefix lines may end in a period (a copyright or cookie notice is a sentence). */
  anyEnding?: boolean;
}

/** Lines longer than this are never furniture; skip them before lowercasing anything. */
const MAX_LINE_LENGTH = 240;

/** Lowercase, inner whitespace collapsed, trailing `: . … › » | - – —` dropped. */
export function normaliseLine(line: string): string {
  const s = line.trim().toLowerCase().replace(/\s+/g, ' ');
  let end = s.length;
  while (end > 0 && ':.…›»|-–— '.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

function compile(rules: readonly BoilerplateRule[]) {
  const exact = new Map<string, string>();
  const prefixes: { prefix: string; maxWords: number; id: string; anyEnding: boolean }[] = [];
  for (const rule of rules) {
    if (!/^clean:boilerplate\.[a-z0-9-]+$/.test(rule.id)) {
      throw new Error(
        `rules/clean/boilerplate.json: rule id "${rule.id}" should look like clean:boilerplate.<name>`,
      );
    }
    for (const line of rule.lines ?? []) exact.set(normaliseLine(line), rule.id);
    for (const prefix of rule.prefixes ?? []) {
      prefixes.push({
        prefix: prefix.toLowerCase(),
        maxWords: rule.maxWords ?? 20,
        id: rule.id,
        anyEnding: rule.anyEnding === true,
      });
    }
  }
  return { exact, prefixes };
}

const COMPILED = compile(boilerplateRules.rules as BoilerplateRule[]);
/** No exact entry is longer than this, even with stray whitespace and trailing marks. */
const MAX_EXACT_LENGTH = 2 * Math.max(...[...COMPILED.exact.keys()].map((k) => k.length));

/** The longest prefix (plus room for stray whitespace), so a sentence's head is cut before lowercasing. */
const MAX_PREFIX_LENGTH = 2 * Math.max(...COMPILED.prefixes.map((p) => p.prefix.length));

/** Rule id when the whole line (already trimmed) is boilerplate, else undefined. */
export function matchBoilerplate(line: string): string | undefined {
  if (line.length > MAX_LINE_LENGTH) return undefined;
  const period = line.trimEnd().endsWith('.');
  // Most article lines end in a period and are long: neither an exact entry nor a link line; only
  // a notice that is a sentence (copyright, cookies) can match, by how it starts.
  const sentence = period && line.length > MAX_EXACT_LENGTH;
  const head = sentence ? line.trimStart().slice(0, MAX_PREFIX_LENGTH).toLowerCase() : '';
  if (sentence && !COMPILED.prefixes.some((p) => p.anyEnding && head.startsWith(p.prefix))) return undefined;
  const key = normaliseLine(line);
  if (!sentence) {
    const id = COMPILED.exact.get(key);
    if (id !== undefined) return id;
  }
  for (const p of COMPILED.prefixes) {
    if (period && !p.anyEnding) continue;
    if (key.startsWith(p.prefix) && key.length > p.prefix.length) {
      if (key.split(' ').length <= p.maxWords) return p.id;
    }
  }
  return undefined;
}

/** Removed spans for whole boilerplate lines (their content, not the line break). */
export function findBoilerplate(text: string, lines: readonly Line[], keepLine = -1): Removed[] {
  const out: Removed[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (i === keepLine || isBlank(line) || line.contentEnd - line.contentStart > MAX_LINE_LENGTH) continue;
    const rule = matchBoilerplate(text.slice(line.contentStart, line.contentEnd));
    if (rule !== undefined) {
      out.push({ start: line.contentStart, end: line.contentEnd, reason: 'boilerplate', rule });
    }
  }
  return out;
}
