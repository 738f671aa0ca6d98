import { createDoc, type Doc, type Paragraph, type Removed, type Sentence } from '../../src/core/doc.js';

/**
 * FOR TESTS ONLY: builds a Doc with paragraphs (lines) and sentences (split after . ! ?) so the
 * annotators can be tested without the segment stage. Lines listed in `removedLines` (exact
 * text) are marked removed and get no sentences.
 */
export function docFromText(text: string, removedLines: readonly string[] = []): Doc {
  const doc = createDoc(text, { uri: 'memory:test', mediaType: 'text/plain', published: '2024-05-16' });
  const removed: Removed[] = [];
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    if (removedLines.includes(line.trim())) {
      removed.push({ start, end: start + line.length, reason: 'boilerplate', rule: 'test:removed-line' });
      continue;
    }
    const paragraph = paragraphs.length;
    paragraphs.push({ start, end: start + line.length });
    // Sentence ends: . ! ? (optionally a closing quote) followed by whitespace.
    const ends = /[.!?]["”’]?(?=\s)/g;
    let from = 0;
    const cut = (to: number) => {
      const piece = line.slice(from, to);
      const lead = piece.length - piece.trimStart().length;
      const s = start + from + lead;
      const e = start + from + piece.trimEnd().length;
      if (e > s) sentences.push({ start: s, end: e, paragraph });
      from = to;
    };
    for (let m = ends.exec(line); m !== null; m = ends.exec(line)) cut(m.index + m[0].length);
    cut(line.length);
  }
  return { ...doc, removed, paragraphs, sentences };
}
