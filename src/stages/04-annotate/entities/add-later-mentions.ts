import { HashFilter, hashString, WORD } from '../../../core/tokens.js';
import { type EntityTable, identity } from './entity-table.js';
import { isNameWord, type SentenceScan } from './match-patterns.js';

// After the sentence pass: later mentions of what the text has already named.

/** Later mentions of a surface the text defined ("WHO"), matched exactly. */
export function addAliasMentions(
  scans: readonly SentenceScan[],
  table: EntityTable,
  aliases: ReadonlyMap<string, string>,
): void {
  for (const scan of scans) {
    const { tokens, covered } = scan;
    for (let i = scan.from; i < scan.to; i++) {
      if (covered[i] || tokens.kind(i) !== WORD || !tokens.isUpper(i)) continue;
      const id = aliases.get(tokens.surface(i));
      const e = id === undefined ? undefined : table.byId.get(id);
      if (!e) continue;
      table.add(identity, e, e.id, {
        start: tokens.start(i),
        end: tokens.end(i),
        rule: 'entities:alias',
        form: 'alias',
      });
      covered[i] = 1;
    }
  }
}

/** "Starmer" after "Prime Minister Keir Starmer": later bare surnames link to the person. */
export function addSurnameMentions(scans: readonly SentenceScan[], table: EntityTable): void {
  const bySurname = new Map<string, string | null>();
  for (const e of table.byId.values()) {
    if (e.type !== 'person' || !e.name.includes(' ')) continue;
    const s = table.surname(e);
    if (s.length < 2) continue;
    bySurname.set(s, bySurname.has(s) && bySurname.get(s) !== e.id ? null : e.id);
  }
  if (bySurname.size === 0) return;
  // Most capitalised tokens are no known surname: the hash filter skips them before `lower()`.
  const filter = new HashFilter(bySurname.size);
  for (const k of bySurname.keys()) filter.add(hashString(k));
  for (const scan of scans) {
    const { tokens, covered } = scan;
    for (let i = scan.from; i < scan.to; i++) {
      if (covered[i] || !tokens.isUpper(i) || tokens.kind(i) !== WORD) continue;
      if (!filter.mayHave(tokens.hash(i))) continue;
      const id = bySurname.get(tokens.lower(i));
      if (!id) continue;
      // Part of a longer capitalised name ("Jill Biden") is someone else.
      if (isNameWord(scan, i - 1) && !covered[i - 1]) continue;
      if (isNameWord(scan, i + 1) && !covered[i + 1]) continue;
      const e = table.byId.get(id);
      if (!e) continue;
      table.add(identity, e, id, {
        start: tokens.start(i),
        end: tokens.end(i),
        rule: 'entities:surname',
        form: 'surname',
      });
      covered[i] = 1;
    }
  }
}
