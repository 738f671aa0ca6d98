import { createDoc, type Doc } from '../core/doc.js';
/**
 * A small TimeML reader: the document creation time, and the `<TEXT>` body with its tags stripped
 * into plain text while the gold TIMEX3 spans are recorded as offsets into that plain text.
 * It is a tag scanner, not an XML parser: it needs no schema and keeps offsets exact, decoding
 * entities as it copies text so that `text.slice(start, end)` is always the TIMEX3 surface.
 */

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  tid: string;
  type: string;
  value: string;
  mod?: string;
}

export interface TimeMLDoc {
  id: string;
  /** DCT value as written (`1998-11-20T19:30`, `1989-11-02`), when present. */
  dct?: string;
  text: string;
  timexes: GoldTimex[];
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character references; an unknown or malformed one is kept as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[body] ?? whole;
  });
}

const attributePattern = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  attributePattern.lastIndex = 0;
  for (let m = attributePattern.exec(tag); m !== null; m = attributePattern.exec(tag)) {
    out[m[1] as string] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

const dctPattern = /<DCT\b[^>]*>[\s\S]*?<TIMEX3\b([^>]*)>/i;
const docIdPattern = /<DOCID\b[^>]*>([\s\S]*?)<\/DOCID>/i;

/**
 * Reads one TimeML document. Throws only when there is no `<TEXT>` element (the caller turns
 * that into a skipped file).
 */
export function readTimeML(xml: string, fallbackId = ''): TimeMLDoc {
  const open = /<TEXT\b[^>]*>/i.exec(xml);
  const closeAt = open ? xml.indexOf('</TEXT>', open.index + open[0].length) : -1;
  if (!open || closeAt < 0) {
    throw new Error(`readTimeML: no <TEXT>…</TEXT> element in ${fallbackId || 'the document'}`);
  }
  const dctMatch = dctPattern.exec(xml);
  const dct = dctMatch ? parseAttributes(dctMatch[1] as string).value : undefined;
  const idMatch = docIdPattern.exec(xml);
  const id = idMatch ? decodeEntities((idMatch[1] as string).trim()) : fallbackId;
  const { text, timexes } = stripTags(xml.slice(open.index + open[0].length, closeAt));
  return dct === undefined ? { id, text, timexes } : { id, dct, text, timexes };
}

/** Strips tags from a TimeML fragment, recording TIMEX3 spans (nested TIMEX3 are handled with a stack). */
export function stripTags(body: string): { text: string; timexes: GoldTimex[] } {
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { start: number; attrs: Record<string, string> }[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    if (lt < 0) {
      text += decodeEntities(body.slice(i));
      break;
    }
    text += decodeEntities(body.slice(i, lt));
    if (body.startsWith('<!--', lt)) {
      const end = body.indexOf('-->', lt + 4);
      i = end < 0 ? body.length : end + 3;
      continue;
    }
    if (body.startsWith('<![CDATA[', lt)) {
      const end = body.indexOf(']]>', lt + 9);
      text += body.slice(lt + 9, end < 0 ? body.length : end);
      i = end < 0 ? body.length : end + 3;
      continue;
    }
    const gt = body.indexOf('>', lt + 1);
    if (gt < 0) {
      // A stray "<" with no tag after it is text.
      text += body.slice(lt);
      break;
    }
    const tag = body.slice(lt + 1, gt);
    i = gt + 1;
    const closing = tag.startsWith('/');
    const name = (closing ? tag.slice(1) : tag).split(/[\s/]/, 1)[0] ?? '';
    if (name !== 'TIMEX3') continue;
    if (closing) {
      const o = open.pop();
      if (!o) continue;
      const gold: GoldTimex = {
        start: o.start,
        end: text.length,
        text: text.slice(o.start),
        tid: o.attrs.tid ?? '',
        type: o.attrs.type ?? '',
        value: o.attrs.value ?? '',
      };
      if (o.attrs.mod !== undefined) gold.mod = o.attrs.mod;
      timexes.push(gold);
    } else if (!tag.endsWith('/')) {
      open.push({ start: text.length, attrs: parseAttributes(tag) });
    }
  }
  timexes.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, timexes };
}

/** The publication day of a TimeML document's creation time ("1998-02-06T22:19:00" → "1998-02-06"). */
export function dctDate(dct: string | undefined): string | undefined {
  const m = dct === undefined ? null : /^\d{4}-\d{2}-\d{2}/.exec(dct);
  return m ? m[0] : undefined;
}

/** A TimeML document as the pipeline's input: its text, anchored on its creation day. */
export function timeMLInput(parsed: TimeMLDoc, uri: string): Doc {
  const published = dctDate(parsed.dct);
  return createDoc(parsed.text, {
    uri,
    mediaType: 'application/timeml+xml',
    ...(published ? { published } : {}),
  });
}
