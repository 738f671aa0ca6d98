import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { months } from '../rules/lexicon/lexicon.js';
import { decodeEntities, parseAttributes } from './read-timeml.js';

/**
 * A reader for the Reuters-21578 SGML files (`reut2-NNN.sgm`, Lewis's distribution): one story per
 * `<REUTERS>` element. The story text is what a wire subscriber saw — the headline on its own line,
 * then the dateline and body exactly as transmitted, hard-wrapped at about 70 columns, paragraphs
 * opened by an indented line, signed off with " Reuter" — with the tags taken out, the SGML
 * entities decoded and the wire's control characters (`&#2;`, `&#3;` …) dropped.
 */

export interface ReutersStory {
  /** NEWID, unique in the collection. */
  id: string;
  /** LEWISSPLIT: TRAIN, TEST or NOT-USED. */
  split: string;
  /** `26-FEB-1987` as YYYY-MM-DD, when the date reads. */
  date?: string;
  text: string;
  /** The headline alone (entities decoded, control characters out), when the story has one. */
  title?: string;
  /** The body alone, as transmitted: no headline, no dateline line of its own. */
  body?: string;
  /** The `PLACES` codes of the story (`usa`, `japan`), in file order. */
  places: string[];
}

/** `FEB` → 2: the wire writes a month as the first three letters of its name. */
const monthByPrefix = new Map(months.map((m) => [m.name.slice(0, 3), m.number]));

function readDate(raw: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(raw);
  if (!m) return undefined;
  const month = monthByPrefix.get((m[2] as string).toLowerCase());
  if (month === undefined) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
}

/** The text of a `<TEXT>` element: tags out, entities decoded, control characters (not \t \n \r) out. */
export function storyText(inner: string): string {
  const plain = decodeEntities(inner.replace(/<\/?(?:TITLE|DATELINE|BODY|AUTHOR|MKNOTE)\b[^>]*>/g, ''));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the wire's control codes are what is removed
  return plain.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/^\s*\n/, '');
}

/** Every story of one SGML file that has a `<BODY>` (briefs and unprocessed items have none). */
export function readReuters(sgml: string): ReutersStory[] {
  const out: ReutersStory[] = [];
  const storyPattern = /<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g;
  for (let m = storyPattern.exec(sgml); m !== null; m = storyPattern.exec(sgml)) {
    const inner = m[2] as string;
    if (!inner.includes('<BODY>')) continue;
    const text = /<TEXT\b[^>]*>([\s\S]*?)<\/TEXT>/.exec(inner);
    if (!text) continue;
    const attributes = parseAttributes(m[1] as string);
    const date = readDate(/<DATE>([^<]*)<\/DATE>/.exec(inner)?.[1] ?? '');
    const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(inner)?.[1];
    const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(inner)?.[1];
    const placeList = /<PLACES>([\s\S]*?)<\/PLACES>/.exec(inner)?.[1] ?? '';
    const places = [...placeList.matchAll(/<D>([^<]*)<\/D>/g)].map((d) => d[1] as string);
    out.push({
      id: attributes.NEWID ?? String(out.length),
      split: attributes.LEWISSPLIT ?? '',
      ...(date ? { date } : {}),
      text: storyText(text[1] as string),
      ...(title !== undefined ? { title: storyText(title).trim() } : {}),
      ...(body !== undefined ? { body: storyText(body).trimEnd() } : {}),
      places,
    });
  }
  return out;
}

/** Every story with a body of one SGML file, gzipped (`.gz`) or not; the collection is latin-1 (ASCII in practice). */
export function readReutersFile(file: string): ReutersStory[] {
  const bytes = readFileSync(file);
  return readReuters((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1'));
}

/**
 * The story with its paragraphs as the wire marked them, one per line: every line break is turned
 * into a space, except before a blank or indented line, after a blank line and after the headline
 * (line 0). Same length as the input, so offsets carry over, and it needs no wrap detection: the
 * reference a segmenter of the wrapped text is compared with.
 */
export function reflowReuters(text: string): string {
  const lines = text.split('\n');
  let out = lines[0] as string;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1] as string;
    const line = lines[i] as string;
    const join = i > 1 && previous.trim() !== '' && line.trim() !== '' && !/^\s/.test(line);
    out += (join ? ' ' : '\n') + line;
  }
  return out;
}
