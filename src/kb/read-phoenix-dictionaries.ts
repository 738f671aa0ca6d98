/**
 * Readers of the TABARI/PETRARCH actor and agent dictionary text format: an entry opens with a
 * name (words joined by `_`), `+` lines add synonyms, and `[CODE]` or `[CODE from-to]` lines (also
 * `>from`, `<to`) give its codes. Used by `scripts/import-phoenix.ts` (the Phoenix dictionaries →
 * models/phoenix-1) and by the `events-petrarch2` evaluation (PETRARCH's own validation
 * dictionaries, read at run time). Written here from the format's description.
 */

export type Role = [code: string, from?: string, to?: string];

export interface Actor {
  /** Names as written in news, lowercase, words joined by spaces. */
  n: string[];
  /** Codes, dated ones first as listed, then undated. */
  r: Role[];
}

/** "RONALD_REAGAN_" → "ronald reagan"; "U.N._" → "u.n.". */
export function phrase(raw: string): string {
  return raw
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** yymmdd or yyyymmdd → yyyy-mm-dd; undefined for anything else. */
export function isoDate(raw: string): string | undefined {
  let y: number;
  let rest: string;
  if (/^\d{8}$/.test(raw)) {
    y = Number(raw.slice(0, 4));
    rest = raw.slice(4);
  } else if (/^\d{6}$/.test(raw)) {
    const yy = Number(raw.slice(0, 2));
    y = yy < 30 ? 2000 + yy : 1900 + yy;
    rest = raw.slice(2);
  } else return undefined;
  const m = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** "[USAGOV 810120-890120]" → ["USAGOV", "1981-01-20", "1989-01-20"]; "[IGOUNO >070201]" etc. */
export function parseRole(inside: string): Role | undefined {
  const parts = inside.trim().split(/\s+/);
  const code = parts[0];
  if (!code || !/^[A-Z~]{3,}$/.test(code) || code === '---') return undefined;
  const when = parts.slice(1).join('');
  if (!when) return [code];
  if (when.startsWith('>')) {
    const from = isoDate(when.slice(1));
    return from ? [code, from] : undefined;
  }
  if (when.startsWith('<')) {
    const to = isoDate(when.slice(1));
    return to ? [code, '', to] : undefined;
  }
  const m = /^(\d+)-(\d+)$/.exec(when);
  if (!m) return undefined;
  const from = isoDate(m[1] as string);
  const to = isoDate(m[2] as string);
  // A malformed date ("2004017") drops the role rather than guessing it.
  return from && to ? [code, from, to] : undefined;
}

function rolesIn(line: string): Role[] {
  const out: Role[] = [];
  for (const m of line.matchAll(/\[([^\]]*)\]/g)) {
    const r = parseRole(m[1] as string);
    if (r) out.push(r);
  }
  return out;
}

/** The text of a line before its comment. */
function uncommented(line: string): string {
  const k = line.indexOf('#');
  return k < 0 ? line : line.slice(0, k);
}

/**
 * Reads one actors file. A root line with its code (`IAEA_ [IGOUNOIAE]`) is an entry; a root line
 * without one opens an entry whose codes follow on `+` synonyms and indented `[…]` lines. Root
 * lines in a row before any code are synonyms of one entry, as PETRARCH reads them.
 */
export function readActors(text: string): { actors: Actor[]; countryForms: Map<string, string> } {
  const actors: Actor[] = [];
  const countryForms = new Map<string, string>();
  let current: Actor | undefined;
  /** A country's own block (`AFGHANISTAN_ [AFG]`): its synonyms are the country's names. */
  let country: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = uncommented(raw);
    if (!line.trim()) continue;
    const first = line[0] as string;
    if (first === '+') {
      const name = phrase(line.slice(1).replace(/\[.*$/, ''));
      if (!name) continue;
      if (country && current?.n.length === 1 && current.r.length === 1 && current.r[0]?.[0] === country) {
        // Synonyms of a country entry: names and places that stand for the country.
        if (!countryForms.has(name)) countryForms.set(name, country);
        continue;
      }
      current?.n.push(name);
      if (current) current.r.push(...rolesIn(line));
      continue;
    }
    if (first === '\t' || first === ' ' || first === '[') {
      if (current) current.r.push(...rolesIn(line));
      continue;
    }
    // A root line.
    const name = phrase(line.replace(/\[.*$/, ''));
    const roles = rolesIn(line);
    if (!name) continue;
    if (current && current.r.length === 0) {
      current.n.push(name);
      current.r.push(...roles);
    } else {
      current = { n: [name], r: roles };
      actors.push(current);
    }
    country =
      roles.length === 1 && roles[0]?.length === 1 && /^[A-Z]{3}$/.test(roles[0][0])
        ? roles[0][0]
        : undefined;
    if (country) countryForms.set(name, country);
  }
  // Country entries are kept as forms, not as actors; entries without any code are dropped.
  const kept = actors.filter(
    (a) =>
      a.r.length > 0 &&
      !(a.r.length === 1 && countryForms.get(a.n[0] as string) === a.r[0]?.[0] && a.r[0]?.length === 1),
  );
  for (const a of kept) {
    a.n = [...new Set(a.n)];
    // Dated codes first (in order), then undated.
    a.r.sort((x, y) => (x.length > 1 ? 0 : 1) - (y.length > 1 ? 0 : 1));
  }
  return { actors: kept, countryForms };
}

/** `!PERSON! = MAN, MEN, …` substitution sets. */
function readSubstitutions(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/^(![A-Z]+!)\s*=\s*(.+)$/gm)) {
    out.set(
      m[1] as string,
      (m[2] as string)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  return out;
}

/** Regular English plural of the last word ("unit" → "units", "party" → "parties"). */
export function plural(words: string): string {
  if (/(s|x|z|ch|sh)$/.test(words)) return `${words}es`;
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  if (/(man)$/.test(words)) return `${words.slice(0, -3)}men`;
  return `${words}s`;
}

/**
 * Reads the agents file: `NOUN_PHRASE {PLURAL} [~CODE]`. A noun without `{}` takes its regular
 * plural, `{}` says it has none, `{FORM}` gives it; `!SET!` expands to each word of the set.
 */
export function readAgents(text: string): Map<string, string> {
  const subs = readSubstitutions(text);
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = uncommented(raw).trim();
    if (!line || line.startsWith('!')) continue;
    const code = /\[~?([A-Z]+)~?\]/.exec(line)?.[1];
    if (!code) continue;
    const head = line.replace(/\[.*$/, '');
    const braces = /\{([^}]*)\}/.exec(head);
    const base = head.replace(/\{[^}]*\}/, '').trim();
    let forms = [base];
    // The sets hold their own plurals (MAN, MEN): forms made from them take no generated plural.
    const fromSet = [...subs.keys()].some((name) => base.includes(name));
    for (const [name, words] of subs) {
      if (!base.includes(name)) continue;
      forms = forms.flatMap((f) => (f.includes(name) ? words.map((w) => f.replace(name, w)) : [f]));
    }
    for (const f of forms) {
      const p = phrase(f);
      if (!p) continue;
      if (!out.has(p)) out.set(p, code);
      if (braces) {
        const given = phrase(braces[1] as string);
        if (given && !out.has(given)) out.set(given, code);
      } else if (!fromSet) {
        const pl = plural(p);
        if (!out.has(pl)) out.set(pl, code);
      }
    }
  }
  return out;
}
