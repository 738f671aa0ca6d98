/**
 * Reads PETRARCH's unit-test records (`PETR.UnitTest.records.xml`): per `<Sentence>` its id,
 * date, text and gold `<EventCoding>` triples (source, target, CAMEO code); `noevents` means the
 * sentence must code nothing; `error` records test PETRARCH's own parse checks and are left out.
 * The file is a small, regular XML: read with regular expressions, the parse trees ignored.
 */

export interface PetrarchTriple {
  source: string;
  target: string;
  code: string;
}

export interface PetrarchRecord {
  id: string;
  /** yyyy-mm-dd. */
  date: string;
  category: string;
  text: string;
  triples: PetrarchTriple[];
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3]) : undefined;
};

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function readPetrarchRecords(xml: string): { records: PetrarchRecord[]; skipped: string[] } {
  // Comments hold commented-out records and notes: drop them first.
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const records: PetrarchRecord[] = [];
  const skipped: string[] = [];
  for (const m of body.matchAll(/<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const head = m[1] as string;
    const inner = m[2] as string;
    const id = attr(head, 'id') ?? `#${records.length + skipped.length}`;
    const rawDate = attr(head, 'date') ?? '';
    const text = /<Text>([\s\S]*?)<\/Text>/.exec(inner)?.[1];
    if (!text || !/^\d{8}$/.test(rawDate)) {
      skipped.push(`${id}: no text or date`);
      continue;
    }
    const triples: PetrarchTriple[] = [];
    let error = false;
    for (const c of inner.matchAll(/<EventCoding\b([^>]*)>/g)) {
      const tag = c[1] as string;
      if (attr(tag, 'error') !== undefined) error = true;
      const source = attr(tag, 'sourcecode');
      const target = attr(tag, 'targetcode');
      const code = attr(tag, 'eventcode');
      if (source !== undefined && target !== undefined && code !== undefined)
        triples.push({ source, target, code });
    }
    if (error) {
      skipped.push(`${id}: tests PETRARCH's parse checks (error record)`);
      continue;
    }
    records.push({
      id,
      date: `${rawDate.slice(0, 4)}-${rawDate.slice(4, 6)}-${rawDate.slice(6, 8)}`,
      category: attr(head, 'category') ?? '',
      text: unescapeXml(text.replace(/\s+/g, ' ').trim()),
      triples,
    });
  }
  return { records, skipped };
}
